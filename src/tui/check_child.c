/* The child side runs nb_check_start/poll (from nanbyo-survey-io.so) and
 * reports every result when it changes, as {"i":n,"count":N,"result":{...}},
 * then {"json":"<the run as check --json prints it>"}. The parent keeps
 * its own copy of every result, strings included, so nothing points into
 * the child's memory. */
#include "check_child.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "job.h"
#include "nanbyo/xalloc.h"

#define MAX_RESULTS 32

struct nb_check_child {
    const nb_definition *def;
    nb_check_options opt;
    nb_job *job;
    nb_check_result res[MAX_RESULTS];
    size_t n;
    char *json;
    char error[700];
    bool ended;
};

/* ---- child ---- */

static void send_result(int fd, size_t i, size_t n, const nb_check_result *r)
{
    cJSON *o = cJSON_CreateObject();
    cJSON *x = cJSON_CreateObject();
    if (!o || !x) {
        cJSON_Delete(o);
        cJSON_Delete(x);
        return;
    }
    cJSON_AddNumberToObject(o, "i", (double)i);
    cJSON_AddNumberToObject(o, "count", (double)n);
    cJSON_AddStringToObject(x, "id", r->id ? r->id : "");
    cJSON_AddStringToObject(x, "title", r->title ? r->title : "");
    cJSON_AddNumberToObject(x, "status", r->status);
    cJSON_AddBoolToObject(x, "required_check", r->required);
    cJSON_AddBoolToObject(x, "network", r->network);
    cJSON_AddStringToObject(x, "measured", r->measured);
    cJSON_AddStringToObject(x, "required", r->required_text);
    cJSON_AddStringToObject(x, "detail", r->detail);
    cJSON_AddStringToObject(x, "advice", r->advice);
    cJSON_AddItemToObject(o, "result", x);
    nb_job_send(fd, o);
    cJSON_Delete(o);
}

static void child(void *ctx, int fd)
{
    nb_check_child *c = ctx;
    nb_check_run *run = nb_check_start(c->def, &c->opt);
    if (!run) {
        nb_job_send_text(fd, "error", "確認を始められませんでした (準備に失敗しました)。");
        return;
    }
    nb_check_status sent[MAX_RESULTS];
    for (size_t i = 0; i < MAX_RESULTS; i++)
        sent[i] = (nb_check_status)-1;
    for (;;) {
        bool done = nb_check_poll(run);
        size_t n = nb_check_count(run);
        for (size_t i = 0; i < n && i < MAX_RESULTS; i++) {
            nb_check_result r = nb_check_result_at(run, i);
            if (r.status != sent[i]) {
                send_result(fd, i, n, &r);
                sent[i] = r.status;
            }
        }
        if (done)
            break;
        nanosleep(&(struct timespec){0, 50 * 1000 * 1000}, NULL);
    }
    char *json = nb_check_to_json(run);
    nb_job_send_text(fd, "json", json);
    free(json);
    /* A probe thread stuck in a library call is left behind: _exit (by
     * the job) ends it without library clean-up. */
    if (!nb_check_busy(run))
        nb_check_free(run);
}

/* ---- parent ---- */

static void copy_text(char *dst, size_t n, const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    snprintf(dst, n, "%s", cJSON_IsString(v) ? v->valuestring : "");
}

static char *dup_text(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return xstrdup(cJSON_IsString(v) ? v->valuestring : "");
}

static void on_line(void *ctx, const cJSON *o)
{
    nb_check_child *c = ctx;
    const cJSON *json = cJSON_GetObjectItemCaseSensitive(o, "json");
    const cJSON *err = cJSON_GetObjectItemCaseSensitive(o, "error");
    const cJSON *i = cJSON_GetObjectItemCaseSensitive(o, "i");
    const cJSON *count = cJSON_GetObjectItemCaseSensitive(o, "count");
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, "result");
    if (cJSON_IsString(json) && !c->json) {
        c->json = xstrdup(json->valuestring);
    } else if (cJSON_IsString(err)) {
        snprintf(c->error, sizeof c->error, "%s", err->valuestring);
    } else if (cJSON_IsNumber(i) && cJSON_IsNumber(count) && cJSON_IsObject(x) && i->valueint >= 0 &&
               i->valueint < MAX_RESULTS) {
        size_t k = (size_t)i->valueint;
        size_t n = (size_t)count->valueint;
        if (n > MAX_RESULTS)
            n = MAX_RESULTS;
        if (n > c->n)
            c->n = n;
        nb_check_result *r = &c->res[k];
        free((char *)r->id);
        free((char *)r->title);
        r->id = dup_text(x, "id");
        r->title = dup_text(x, "title");
        const cJSON *st = cJSON_GetObjectItemCaseSensitive(x, "status");
        r->status = cJSON_IsNumber(st) ? (nb_check_status)st->valueint : NB_CHECK_UNKNOWN;
        r->required = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(x, "required_check"));
        r->network = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(x, "network"));
        copy_text(r->measured, sizeof r->measured, x, "measured");
        copy_text(r->required_text, sizeof r->required_text, x, "required");
        copy_text(r->detail, sizeof r->detail, x, "detail");
        copy_text(r->advice, sizeof r->advice, x, "advice");
    }
}

nb_check_child *nb_check_child_start(const nb_definition *def, const nb_check_options *opt)
{
    nb_check_child *c = xcalloc(1, sizeof *c);
    c->def = def;
    c->opt = *opt;
    for (size_t i = 0; i < MAX_RESULTS; i++) {
        c->res[i].id = xstrdup("");
        c->res[i].title = xstrdup("");
    }
    c->job = nb_job_start(child, c);
    if (!c->job) {
        nb_check_child_free(c);
        return NULL;
    }
    return c;
}

bool nb_check_child_poll(nb_check_child *c)
{
    if (c->ended)
        return true;
    if (!nb_job_poll(c->job, on_line, c))
        return false;
    c->ended = true;
    if (!c->json && !c->error[0]) {
        /* The child's own last sentence says more than its exit status. */
        const char *w = nb_job_last_words(c->job);
        if (*w)
            snprintf(c->error, sizeof c->error, "確認できませんでした: %s", w);
        else
            snprintf(c->error, sizeof c->error, "確認の途中で止まりました (終了コード %d)。",
                     nb_job_exit_status(c->job));
    }
    return true;
}

size_t nb_check_child_count(const nb_check_child *c)
{
    return c->n;
}

const nb_check_result *nb_check_child_result(const nb_check_child *c, size_t i)
{
    return &c->res[i < MAX_RESULTS ? i : 0];
}

const char *nb_check_child_json(const nb_check_child *c)
{
    return c->json;
}

const char *nb_check_child_error(const nb_check_child *c)
{
    return c->error;
}

void nb_check_child_free(nb_check_child *c)
{
    if (!c)
        return;
    nb_job_free(c->job, true);
    for (size_t i = 0; i < MAX_RESULTS; i++) {
        free((char *)c->res[i].id);
        free((char *)c->res[i].title);
    }
    free(c->json);
    free(c);
}
