/* The check runner behind check.h. Every group of probes runs on its own
 * worker thread and publishes into a mutex-guarded result slot,
 * so the caller (the TUI's loop, or the command) never blocks: it polls,
 * or waits with a bound. One deadline covers the whole run; a probe that
 * is still busy then (an endpoint that accepts and never answers, a hung
 * resolver) is reported as timed out and its thread is left to finish on
 * its own. The run is reference counted so that a late thread never
 * writes into freed memory. nb_check_free never waits for a busy probe. */
#include "nanbyo/check.h"
#include "check_table.h"
#include "probe_rules.h"
#include "nanbyo/xalloc.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_SLOTS 24
#define MAX_LIST 8
#define GRACE_MS 300 /* after the deadline, before the run gives up on a thread */

/* A worker runs one stage of the table, or (benchmark) every network
 * stage one after another. */
#define T_NET_SEQ NB_STAGE_COUNT
typedef int task_kind;

struct nb_check_run {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int refs;
    nb_check_result res[MAX_SLOTS];
    bool done[MAX_SLOTS];
    size_t n;
    bool finished;
    int64_t start_ms, deadline_ms, last_ms;
    double timeout_s;
    char checked_at[40];
    nb_check_platform platform;
    /* private copies of everything the threads read */
    nb_pc_requirements pc;
    char *browsers[MAX_LIST], *software[MAX_LIST];
    char *paper, *url, *cacert, *ovpn, *root;
    int manual_w, manual_h;
    nb_check_slot slots[MAX_SLOTS];
    nb_probe_env env;      /* points into the copies above */
    /* worker threads: joined on free when their work is done (so their
     * thread-local library state is gone before the process exits),
     * detached otherwise */
    pthread_t threads[8];
    bool thread_done[8];
    int n_threads;
};

typedef struct {
    nb_check_run *run;
    task_kind kind;
    int index; /* into run->threads */
} task;

static void run_release(nb_check_run *run)
{
    pthread_mutex_lock(&run->mu);
    int left = --run->refs;
    pthread_mutex_unlock(&run->mu);
    if (left > 0)
        return;
    pthread_mutex_destroy(&run->mu);
    pthread_cond_destroy(&run->cv);
    for (size_t i = 0; i < MAX_LIST; i++) {
        free(run->browsers[i]);
        free(run->software[i]);
    }
    free(run->paper);
    free(run->url);
    free(run->cacert);
    free(run->ovpn);
    free(run->root);
    free(run);
}

/* Store a finished result unless the deadline already decided the slot. */
static void publish(nb_check_run *run, int slot, const nb_check_result *r)
{
    pthread_mutex_lock(&run->mu);
    if (!run->done[slot]) {
        run->res[slot] = *r;
        run->done[slot] = true;
        run->last_ms = nb_now_ms();
        pthread_cond_broadcast(&run->cv);
    }
    pthread_mutex_unlock(&run->mu);
}

static void published(void *ctx, size_t slot, const nb_check_result *r, const nb_pc_facts *f)
{
    (void)f;
    publish(ctx, (int)slot, r);
}

/* Every slot of one stage (nb_check_stage_run), with this worker's own
 * facts. */
static void run_stage(nb_check_run *run, nb_check_stage stage)
{
    nb_pc_facts *f = xcalloc(1, sizeof *f);
    nb_check_stage_run(run->slots, run->n, stage, &run->pc, &run->env, f, published, run);
    free(f);
}

static void *worker(void *arg)
{
    task *t = arg;
    nb_check_run *run = t->run;
    if (t->kind == T_NET_SEQ) {
        run_stage(run, NB_STAGE_DNS);
        run_stage(run, NB_STAGE_HTTPS);
        run_stage(run, NB_STAGE_VPN);
    } else {
        run_stage(run, (nb_check_stage)t->kind);
    }
    pthread_mutex_lock(&run->mu);
    run->thread_done[t->index] = true;
    pthread_cond_broadcast(&run->cv);
    pthread_mutex_unlock(&run->mu);
    free(t);
    run_release(run);
    return NULL;
}

static bool spawn(nb_check_run *run, task_kind kind)
{
    if (run->n_threads >= 8)
        return false;
    task *t = xmalloc(sizeof *t);
    t->run = run;
    t->kind = kind;
    t->index = run->n_threads;
    pthread_mutex_lock(&run->mu);
    run->refs++;
    pthread_mutex_unlock(&run->mu);
    int rc = pthread_create(&run->threads[t->index], NULL, worker, t);
    if (rc != 0) {
        free(t);
        run_release(run);
        return false;
    }
    run->n_threads++;
    return true;
}

static char *dup_or_null(const char *s) { return s && *s ? xstrdup(s) : NULL; }

nb_check_run *nb_check_start(const nb_definition *def, const nb_check_options *opt)
{
    nb_check_options none = {0};
    if (!def)
        return NULL;
    if (!opt)
        opt = &none;
    if (opt->network) /* OpenSSL start-up costs milliseconds: only when needed */
        nb_https_init();
    nb_check_run *run = xcalloc(1, sizeof *run);
    pthread_mutex_init(&run->mu, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&run->cv, &ca);
    pthread_condattr_destroy(&ca);
    run->refs = 1;
    run->pc = def->pc;
    run->pc.n_browsers = def->pc.n_browsers < MAX_LIST ? def->pc.n_browsers : MAX_LIST;
    for (size_t i = 0; i < run->pc.n_browsers; i++)
        run->browsers[i] = xstrdup(def->pc.browsers[i] ? def->pc.browsers[i] : "");
    run->pc.browsers = run->browsers;
    run->pc.n_software = def->pc.n_software < MAX_LIST ? def->pc.n_software : MAX_LIST;
    for (size_t i = 0; i < run->pc.n_software; i++)
        run->software[i] = xstrdup(def->pc.software[i] ? def->pc.software[i] : "");
    run->pc.software = run->software;
    run->paper = xstrdup(def->pc.printer_paper && *def->pc.printer_paper ? def->pc.printer_paper : "A4");
    run->pc.printer_paper = run->paper;
    run->url = xstrdup(opt->https_url && *opt->https_url ? opt->https_url
                      : def->pc.https_url ? def->pc.https_url : "");
    run->pc.https_url = run->url;
    run->cacert = dup_or_null(opt->cacert);
    run->ovpn = dup_or_null(opt->ovpn);
    run->root = dup_or_null(opt->root);
    run->manual_w = opt->manual_display_w;
    run->manual_h = opt->manual_display_h;
    run->timeout_s = opt->timeout_s > 0 ? opt->timeout_s
                   : def->pc.timeout_s > 0 ? (double)def->pc.timeout_s : 10.0;
    run->start_ms = run->last_ms = nb_now_ms();
    run->deadline_ms = run->start_ms + (int64_t)(run->timeout_s * 1000.0);
    nb_now_jst(NB_ISO_JST_FORMAT, run->checked_at, sizeof run->checked_at);
    nb_probe_platform(&(nb_probe_ctx){run->root, NULL, NULL}, &run->platform);

    run->env.ctx.root = run->root;
    run->env.pc = &run->pc;
    run->env.url = run->url;
    run->env.cacert = run->cacert;
    run->env.ovpn = run->ovpn;
    run->env.deadline_ms = run->deadline_ms;
    run->env.manual_w = run->manual_w;
    run->env.manual_h = run->manual_h;
    run->n = nb_check_slots(&run->pc, run->slots, MAX_SLOTS);
    for (size_t i = 0; i < run->n; i++) {
        nb_check_slot_pending(&run->slots[i], &run->pc, &run->env, &run->res[i]);
        if (!opt->network && run->res[i].network) {
            nb_rule_not_run(&run->res[i]);
            run->done[i] = true;
        }
    }
    bool ok = spawn(run, NB_STAGE_LOCAL) && spawn(run, NB_STAGE_PRINTER);
    if (ok && opt->network) {
        if (opt->sequential)
            ok = spawn(run, T_NET_SEQ);
        else
            ok = spawn(run, NB_STAGE_DNS) && spawn(run, NB_STAGE_HTTPS) && spawn(run, NB_STAGE_VPN);
    }
    (void)ok; /* a thread that could not start leaves its slots to the deadline */
    return run;
}

/* Under the lock: finished when every slot is done, or past the hard stop
 * (then the unfinished slots are decided as timed out). */
static bool settle(nb_check_run *run)
{
    if (run->finished)
        return true;
    bool all = true;
    for (size_t i = 0; i < run->n; i++)
        all = all && run->done[i];
    if (!all && nb_now_ms() >= run->deadline_ms + GRACE_MS) {
        for (size_t i = 0; i < run->n; i++)
            if (!run->done[i]) {
                nb_rule_deadline(&run->res[i], run->timeout_s, run->res[i].network);
                run->done[i] = true;
            }
        run->last_ms = nb_now_ms();
        all = true;
    }
    run->finished = all;
    return all;
}

bool nb_check_poll(nb_check_run *run)
{
    pthread_mutex_lock(&run->mu);
    bool f = settle(run);
    pthread_mutex_unlock(&run->mu);
    return f;
}

void nb_check_wait(nb_check_run *run)
{
    pthread_mutex_lock(&run->mu);
    while (!settle(run)) {
        int64_t until = run->deadline_ms + GRACE_MS;
        struct timespec ts = {(time_t)(until / 1000), (long)(until % 1000) * 1000000L};
        pthread_cond_timedwait(&run->cv, &run->mu, &ts);
    }
    pthread_mutex_unlock(&run->mu);
}

size_t nb_check_count(const nb_check_run *run) { return run->n; }

nb_check_result nb_check_result_at(const nb_check_run *run, size_t i)
{
    nb_check_run *m = (nb_check_run *)run;
    nb_check_result r;
    pthread_mutex_lock(&m->mu);
    if (i < run->n) {
        r = run->res[i];
        if (!run->done[i])
            r.status = NB_CHECK_PENDING;
    } else {
        memset(&r, 0, sizeof r);
        r.id = "";
        r.title = "";
    }
    pthread_mutex_unlock(&m->mu);
    return r;
}

/* Wait up to 50 ms for threads that have published their last result and
 * are a moment from done; never longer. */
static void let_finishing_threads_end(nb_check_run *run)
{
    int64_t until = nb_now_ms() + 50;
    pthread_mutex_lock(&run->mu);
    for (int i = 0; i < run->n_threads; i++)
        while (!run->thread_done[i] && nb_now_ms() < until) {
            struct timespec ts = {(time_t)(until / 1000), (long)(until % 1000) * 1000000L};
            pthread_cond_timedwait(&run->cv, &run->mu, &ts);
        }
    pthread_mutex_unlock(&run->mu);
}

bool nb_check_busy(const nb_check_run *run)
{
    nb_check_run *m = (nb_check_run *)run;
    let_finishing_threads_end(m);
    bool busy = false;
    pthread_mutex_lock(&m->mu);
    for (int i = 0; i < run->n_threads; i++)
        busy = busy || !run->thread_done[i];
    pthread_mutex_unlock(&m->mu);
    return busy;
}

const char *nb_check_checked_at(const nb_check_run *run) { return run->checked_at; }

const nb_check_platform *nb_check_platform_of(const nb_check_run *run) { return &run->platform; }

long nb_check_elapsed_ms(const nb_check_run *run)
{
    nb_check_run *m = (nb_check_run *)run;
    pthread_mutex_lock(&m->mu);
    long v = (long)((run->finished ? run->last_ms : nb_now_ms()) - run->start_ms);
    pthread_mutex_unlock(&m->mu);
    return v;
}

void nb_check_free(nb_check_run *run)
{
    if (!run)
        return;
    let_finishing_threads_end(run);
    for (int i = 0; i < run->n_threads; i++) {
        pthread_mutex_lock(&run->mu);
        bool done = run->thread_done[i];
        pthread_mutex_unlock(&run->mu);
        if (done)
            pthread_join(run->threads[i], NULL); /* it is exiting now */
        else
            pthread_detach(run->threads[i]);     /* still busy: let it finish alone */
    }
    run_release(run);
}
