/* Finding a definition by id: NANBYO_FORMS_DIR, the forms/ folder next to
 * the build folder of the running program (so build/nanbyo-survey works
 * from a checkout), share/nanbyo-survey/forms beside the installed bin/
 * folder, then the data folder compiled in. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "nanbyo/buf.h"
#include "nanbyo/definition.h"
#include "nanbyo/paths.h"
#include "nanbyo/quote.h"

#ifndef NB_DATADIR
#define NB_DATADIR "/usr/local/share/nanbyo-survey"
#endif

static char dirs_buf[4][PATH_MAX];
static const char *dirs[5];

const char *const *nb_def_search_dirs(void)
{
    size_t n = 0;
    const char *env = getenv("NANBYO_FORMS_DIR");
    if (env && *env) {
        snprintf(dirs_buf[n], PATH_MAX, "%s", env);
        dirs[n] = dirs_buf[n];
        n++;
    }
    char exe[PATH_MAX];
    if (nb_program_dir(exe, sizeof exe)) {
        snprintf(dirs_buf[n], PATH_MAX, "%.*s/../forms", PATH_MAX - 16, exe);
        dirs[n] = dirs_buf[n];
        n++;
        /* installed as PREFIX/bin/nanbyo-survey, whatever PREFIX was */
        snprintf(dirs_buf[n], PATH_MAX, "%.*s/../share/nanbyo-survey/forms", PATH_MAX - 40, exe);
        dirs[n] = dirs_buf[n];
        n++;
    }
    snprintf(dirs_buf[n], PATH_MAX, "%s/forms", NB_DATADIR);
    dirs[n] = dirs_buf[n];
    n++;
    dirs[n] = NULL;
    return dirs;
}

static bool looks_like_path(const char *s)
{
    size_t n = strlen(s);
    return strchr(s, '/') || (n > 5 && strcmp(s + n - 5, ".yaml") == 0) ||
           (n > 4 && strcmp(s + n - 4, ".yml") == 0);
}

bool nb_def_id_valid(const char *s)
{
    if (!s || !*s || *s == '-' || strlen(s) > 64)
        return false;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
            return false;
    return true;
}

nb_definition *nb_def_open(const char *id_or_path, nb_error *err)
{
    if (looks_like_path(id_or_path))
        return nb_def_load(id_or_path, err);
    if (!nb_def_id_valid(id_or_path)) {
        nb_error_set(err, "調査定義「%s」の名前が正しくありません。nanbyo-survey forms で使える定義を確認してください。", NB_QUOTED(id_or_path, 80));
        return NULL;
    }
    for (const char *const *d = nb_def_search_dirs(); *d; d++) {
        char path[PATH_MAX + 80];
        snprintf(path, sizeof path, "%s/%s.yaml", *d, id_or_path);
        if (access(path, F_OK) == 0)
            return nb_def_load(path, err);
    }
    nb_error_set(err, "調査定義「%s」が見つかりません。nanbyo-survey forms で使える定義を確認してください。", id_or_path);
    return NULL;
}

char *nb_def_expand(const char *tmpl, const char *(*get)(void *ctx, const char *id), void *ctx)
{
    nb_buf out = NB_BUF_INIT;
    nb_buf_grow(&out, strlen(tmpl) + 64);
    for (const char *p = tmpl; *p;) {
        const char *val = NULL;
        size_t vlen = 0, skip = 1;
        const char *close = *p == '{' ? strchr(p, '}') : NULL;
        if (close && close - p - 1 < 64) {
            char id[64];
            memcpy(id, p + 1, (size_t)(close - p - 1));
            id[close - p - 1] = '\0';
            val = get(ctx, id);
            if (!val)
                val = "";
            vlen = strlen(val);
            skip = (size_t)(close - p) + 1;
        } else {
            val = p;
            vlen = 1;
        }
        nb_buf_add(&out, val, vlen);
        p += skip;
    }
    return nb_buf_detach(&out, NULL);
}
