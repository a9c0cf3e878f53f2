/* The check runner behind check.h. Every group of probes runs on its own
 * worker thread and publishes into a mutex-guarded result slot,
 * so the caller (the TUI's loop, or the command) never blocks: it polls,
 * or waits with a bound. One deadline covers the whole run; a probe that
 * is still busy then (an endpoint that accepts and never answers, a hung
 * resolver) is reported as timed out and its thread is left to finish on
 * its own. The run is reference counted so that a late thread never
 * writes into freed memory. nb_check_free never waits for a busy probe. */
#include "nanbyo/check.h"
#include "nanbyo/probe.h"
#include "nanbyo/probe_rules.h"
#include <curl/curl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_SLOTS 24
#define MAX_LIST 8
#define GRACE_MS 300 /* after the deadline, before the run gives up on a thread */

typedef enum { T_LOCAL, T_PRINTER, T_DNS, T_HTTPS, T_VPN, T_NET_SEQ } task_kind;

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
    /* private copies of everything the threads read */
    nb_pc_requirements pc;
    char *browsers[MAX_LIST], *software[MAX_LIST];
    char *paper, *url, *cacert, *ovpn, *root;
    int manual_w, manual_h;
    /* slot numbers */
    /* worker threads: joined on free when their work is done (so their
     * thread-local library state is gone before the process exits),
     * detached otherwise */
    pthread_t threads[8];
    bool thread_done[8];
    int n_threads;
    int s_os, s_ram, s_disk, s_display, s_browser, s_sw0, n_sw, s_printer, s_proxy, s_dns,
        s_https, s_clock, s_vpn;
};

typedef struct {
    nb_check_run *run;
    task_kind kind;
    int index; /* into run->threads */
} task;

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static void curl_init(void) { curl_global_init(CURL_GLOBAL_DEFAULT); }

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

static void do_local(nb_check_run *run)
{
    nb_probe_ctx ctx = {run->root, NULL, NULL};
    nb_session_facts s;
    nb_check_result r;
    nb_probe_session(&ctx, &s);
    nb_rule_os(&s, &r);
    publish(run, run->s_os, &r);

    nb_mem_facts m;
    nb_probe_memory(&ctx, &m);
    nb_rule_ram(&run->pc, &m, &s, &r);
    publish(run, run->s_ram, &r);

    nb_disk_facts d;
    nb_probe_disk(&ctx, &d);
    nb_rule_disk(&run->pc, &d, &s, &r);
    publish(run, run->s_disk, &r);

    nb_display_facts disp;
    if (run->manual_w > 0 && run->manual_h > 0) {
        memset(&disp, 0, sizeof disp);
        disp.n = 1;
        disp.manual = true;
        snprintf(disp.m[0].name, sizeof disp.m[0].name, "画面");
        disp.m[0].w = run->manual_w;
        disp.m[0].h = run->manual_h;
        snprintf(disp.source, sizeof disp.source, "手入力");
    } else {
        nb_probe_display(&ctx, &s, &disp);
    }
    nb_rule_display(&run->pc, &disp, &s, &r);
    publish(run, run->s_display, &r);

    nb_browser_facts b;
    nb_probe_browsers(&ctx, &b);
    nb_rule_browser(&run->pc, &b, &s, &r);
    publish(run, run->s_browser, &r);

    nb_software_facts sw;
    nb_probe_software(&ctx, &sw);
    for (int i = 0; i < run->n_sw; i++) {
        nb_rule_software(run->software[i], &sw, &s, &r);
        publish(run, run->s_sw0 + i, &r);
    }

    nb_proxy_facts px;
    nb_probe_proxy(&ctx, &px);
    nb_rule_proxy(&px, &r);
    publish(run, run->s_proxy, &r);
}

static void do_printer(nb_check_run *run)
{
    nb_probe_ctx ctx = {run->root, NULL, NULL};
    nb_session_facts s;
    nb_probe_session(&ctx, &s);
    nb_printer_facts p;
    nb_probe_printers(run->paper, &p);
    nb_check_result r;
    nb_rule_printer(&run->pc, &p, &s, &r);
    publish(run, run->s_printer, &r);
}

static void do_dns(nb_check_run *run)
{
    nb_dns_facts d;
    char host[256];
    nb_check_result r;
    if (!nb_url_host(run->url, host, sizeof host)) {
        memset(&d, 0, sizeof d);
        d.outcome = NB_NET_OTHER;
        snprintf(d.err, sizeof d.err, "確認先の URL が正しくありません");
    } else {
        nb_probe_dns(host, &d);
    }
    nb_rule_dns(&d, &r);
    publish(run, run->s_dns, &r);
}

static void do_https(nb_check_run *run)
{
    nb_probe_ctx ctx = {run->root, NULL, NULL};
    nb_https_facts h;
    nb_check_result r;
    nb_probe_https(&ctx, run->url, run->cacert, run->deadline_ms, &h);
    nb_rule_https(&run->pc, &h, &r);
    publish(run, run->s_https, &r);
    nb_rule_clock(&run->pc, &h, &r);
    publish(run, run->s_clock, &r);
}

static void do_vpn(nb_check_run *run)
{
    nb_vpn_facts v;
    nb_check_result r;
    nb_probe_vpn(run->ovpn, 1194, run->deadline_ms, &v);
    nb_rule_vpn(&run->pc, &v, &r);
    publish(run, run->s_vpn, &r);
}

static void *worker(void *arg)
{
    task *t = arg;
    nb_check_run *run = t->run;
    switch (t->kind) {
    case T_LOCAL: do_local(run); break;
    case T_PRINTER: do_printer(run); break;
    case T_DNS: do_dns(run); break;
    case T_HTTPS: do_https(run); break;
    case T_VPN: do_vpn(run); break;
    case T_NET_SEQ:
        do_dns(run);
        do_https(run);
        do_vpn(run);
        break;
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
    task *t = malloc(sizeof *t);
    if (!t)
        return false;
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

static char *dup_or_null(const char *s) { return s && *s ? strdup(s) : NULL; }

static int add_slot(nb_check_run *run, const char *id, const char *title, bool required, bool network)
{
    int i = (int)run->n++;
    nb_rule_init(&run->res[i], id, title, required);
    run->res[i].network = network;
    return i;
}

nb_check_run *nb_check_start(const nb_definition *def, const nb_check_options *opt)
{
    nb_check_options none = {0};
    if (!def)
        return NULL;
    if (!opt)
        opt = &none;
    if (opt->network) /* OpenSSL start-up costs milliseconds: only when needed */
        pthread_once(&curl_once, curl_init);
    nb_check_run *run = calloc(1, sizeof *run);
    if (!run)
        return NULL;
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
        run->browsers[i] = strdup(def->pc.browsers[i] ? def->pc.browsers[i] : "");
    run->pc.browsers = run->browsers;
    run->pc.n_software = def->pc.n_software < MAX_LIST ? def->pc.n_software : MAX_LIST;
    for (size_t i = 0; i < run->pc.n_software; i++)
        run->software[i] = strdup(def->pc.software[i] ? def->pc.software[i] : "");
    run->pc.software = run->software;
    run->paper = strdup(def->pc.printer_paper && *def->pc.printer_paper ? def->pc.printer_paper : "A4");
    run->pc.printer_paper = run->paper;
    run->url = strdup(opt->https_url && *opt->https_url ? opt->https_url
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

    run->s_os = add_slot(run, "os", "OS と利用環境", false, false);
    run->s_ram = add_slot(run, "ram", "メモリ (RAM)", run->pc.ram_required, false);
    run->s_disk = add_slot(run, "disk", "ディスクの空き容量", true, false);
    run->s_display = add_slot(run, "display", "画面の解像度", true, false);
    run->s_browser = add_slot(run, "browser", "ブラウザー", true, false);
    run->s_sw0 = (int)run->n;
    run->n_sw = (int)run->pc.n_software;
    for (int i = 0; i < run->n_sw; i++)
        add_slot(run, run->software[i], nb_rule_software_title(run->software[i]), false, false);
    run->s_printer = add_slot(run, "printer", "プリンター", true, false);
    run->s_proxy = add_slot(run, "proxy", "プロキシ設定", false, false);
    run->s_dns = add_slot(run, "dns", "名前解決 (DNS)", true, true);
    run->s_https = add_slot(run, "https", "HTTPS 接続", true, true);
    run->s_clock = add_slot(run, "clock", "時計のずれ", true, true);
    run->s_vpn = add_slot(run, "vpn", "VPN 接続先", run->ovpn != NULL, true);

    if (!opt->network) {
        int net[] = {run->s_dns, run->s_https, run->s_clock, run->s_vpn};
        for (size_t i = 0; i < 4; i++) {
            nb_rule_not_run(&run->res[net[i]]);
            run->done[net[i]] = true;
        }
    }
    bool ok = spawn(run, T_LOCAL) && spawn(run, T_PRINTER);
    if (ok && opt->network) {
        if (opt->sequential)
            ok = spawn(run, T_NET_SEQ);
        else
            ok = spawn(run, T_DNS) && spawn(run, T_HTTPS) && spawn(run, T_VPN);
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
