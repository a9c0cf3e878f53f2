/* The PC a result describes, as the documents and the questionnaire name
 * it. Kept apart from the runner (like status_names.c) so that the
 * questionnaire can name the PC of a stored result without loading the
 * network and printer libraries. */
#include "nanbyo/check.h"
#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

static const char *os_name(const char *os)
{
    static const struct { const char *id, *name; } names[] = {
        {"windows", "Windows"}, {"linux", "Linux"}, {"macos", "macOS"}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(os, names[i].id) == 0)
            return names[i].name;
    return os;
}

void nb_check_platform_label(const nb_check_platform *p, char *buf, size_t n)
{
    const char *sys = p->version[0] ? p->version : os_name(p->os);
    if (p->computer[0] && sys[0])
        snprintf(buf, n, "%s (%s)", p->computer, sys);
    else
        snprintf(buf, n, "%s", p->computer[0] ? p->computer : sys);
}

static void copy_member(const cJSON *o, const char *key, char *out, size_t n)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    snprintf(out, n, "%s", cJSON_IsString(v) && v->valuestring ? v->valuestring : "");
}

bool nb_check_platform_from_json(const cJSON *result, nb_check_platform *out)
{
    memset(out, 0, sizeof *out);
    const cJSON *p = cJSON_GetObjectItemCaseSensitive(result, "platform");
    if (!cJSON_IsObject(p))
        return false;
    copy_member(p, "os", out->os, sizeof out->os);
    copy_member(p, "version", out->version, sizeof out->version);
    copy_member(p, "computer", out->computer, sizeof out->computer);
    return true;
}
