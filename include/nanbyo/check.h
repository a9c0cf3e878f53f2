/* The PC self-check seen from outside: start every probe, poll while they
 * run (the UI never blocks), read results, store them. Probes and rules
 * live behind this in src/check/. Thresholds come from the definition.
 * (Initial contract: the check module may add to it; the TUI relies on
 * start/poll/count/result/free/to_json and the status names.) */
#ifndef NANBYO_CHECK_H
#define NANBYO_CHECK_H
#include <stdbool.h>
#include <stddef.h>
#include "nanbyo/definition.h"

typedef enum {
    NB_CHECK_PENDING = 0,  /* still running */
    NB_CHECK_PASS,
    NB_CHECK_WARN,
    NB_CHECK_FAIL,
    NB_CHECK_UNKNOWN,      /* could not tell; detail says why */
    NB_CHECK_NA            /* does not apply here; detail says why */
} nb_check_status;

typedef struct {
    const char *id;        /* "ram", "disk", "display", "browser", ... */
    const char *title;     /* Japanese, e.g. "メモリ" */
    nb_check_status status;
    bool required;         /* a fail of a required check makes exit 1 */
    char measured[384];    /* "15.5 GB (搭載量, /sys/...)" */
    char required_text[192]; /* "8 GB 以上 (推奨)" */
    char detail[640];
    char advice[512];      /* what to do, Japanese; "" on pass */
    bool network;          /* a network check (na under --no-network) */
} nb_check_result;

typedef struct {
    bool network;          /* false: network checks are na ("実行しませんでした") */
    const char *https_url; /* NULL: the definition's */
    const char *cacert;    /* extra CA bundle for tests */
    const char *ovpn;      /* .ovpn file to read the VPN endpoint from */
    double timeout_s;      /* total bound for network checks; <= 0: definition's */
    const char *root;      /* filesystem root for probes; NULL or "" = "/" */
    /* Manually entered display size (from the UI when unknown), 0 = none */
    int manual_display_w, manual_display_h;
    /* Benchmark only: run the network probes one after another instead of
     * concurrently (still under the one deadline). */
    bool sequential;
} nb_check_options;

/* The PC a result describes: the "platform" member of the result JSON,
 * so that a result brought from another PC (nanbyo-check.exe on the
 * registration PC) says which PC and OS it measured. */
typedef struct {
    char os[16];          /* "linux", "windows" or "macos" */
    char version[160];    /* "Debian GNU/Linux 12 (bookworm)", "Windows 11 23H2" */
    char computer[256];   /* host (computer) name, "RECEPTION-PC" */
} nb_check_platform;

typedef struct nb_check_run nb_check_run;

/* Start all checks. Local probes may finish before this returns; network
 * probes run concurrently under one deadline. */
nb_check_run *nb_check_start(const nb_definition *def, const nb_check_options *opt);
/* Non-blocking: true when every check is finished. */
bool nb_check_poll(nb_check_run *run);
/* Block until finished (bounded by the deadline). */
void nb_check_wait(nb_check_run *run);
size_t nb_check_count(const nb_check_run *run);
/* Snapshot of result i (safe to call while running). Its id and title
 * point into the run: copy them if they must outlive nb_check_free. */
nb_check_result nb_check_result_at(const nb_check_run *run, size_t i);
/* {"checked_at":"...","platform":{"os","version","computer"},
 *  "checks":[{"id","title","status","required_check","measured","required","detail","advice"}]} */
char *nb_check_to_json(const nb_check_run *run);
/* Never blocks on a busy probe (waits at most 50 ms for threads that are
 * finishing); a busy probe's thread ends on its own later. */
void nb_check_free(nb_check_run *run);

/* True while a probe thread is still inside a library call (possible only
 * after the deadline gave up on it, e.g. a resolver that hangs). When the
 * program ends in that state, flush output and leave with _exit() so that
 * library clean-up at exit never runs under that thread. Call it before
 * nb_check_free. Waits at most 50 ms for threads that are finishing. */
bool nb_check_busy(const nb_check_run *run);
/* True when the run is finished and a required check failed (exit 1). */
bool nb_check_required_failed(const nb_check_run *run);
/* "2026-03-20T10:15:00+09:00": when the run started. */
const char *nb_check_checked_at(const nb_check_run *run);
/* The PC the run measures (read when the run starts). */
const nb_check_platform *nb_check_platform_of(const nb_check_run *run);
/* Milliseconds from start to the last result (or until now). */
long nb_check_elapsed_ms(const nb_check_run *run);

const char *nb_check_status_id(nb_check_status s);    /* "pass", "warn", ... */
const char *nb_check_status_label(nb_check_status s); /* "合格", "注意", "不合格", "不明", "対象外" */
/* The label for one result: "未実施" for a network check not run, else
 * the status label. */
const char *nb_check_result_label(const nb_check_result *r);

#endif
