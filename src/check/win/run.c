/* The run of the check table in nanbyo-check.exe: the local checks one
 * after another in the main thread (each takes milliseconds), then, only
 * when the clerk agreed, every network check on its own thread under one
 * deadline. Results are published under a lock; a thread still busy at
 * the deadline finds its slot decided and its result is dropped. */
#include "winrun.h"
#include "../probe_rules.h"
#include "wutil.h"
#include "nanbyo/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GRACE_MS 300 /* after the deadline, before the run gives up on a thread */

int64_t nb_now_ms(void) { return (int64_t)GetTickCount64(); }

static void japan_time_now(char *out, size_t n)
{
    FILETIME ft;
    GetSystemTimeAsFileTime(&ft);
    ULARGE_INTEGER t = {.LowPart = ft.dwLowDateTime, .HighPart = ft.dwHighDateTime};
    t.QuadPart += 9ULL * 3600ULL * 10000000ULL; /* UTC+9, no summer time */
    ft.dwLowDateTime = t.LowPart;
    ft.dwHighDateTime = t.HighPart;
    SYSTEMTIME st;
    FileTimeToSystemTime(&ft, &st);
    snprintf(out, n, "%04u-%02u-%02uT%02u:%02u:%02u+09:00", st.wYear, st.wMonth, st.wDay, st.wHour,
             st.wMinute, st.wSecond);
}

void nb_win_run_init(nb_win_run *run)
{
    InitializeCriticalSection(&run->mu);
    run->env.pc = &run->pc;
    if (!run->env.url)
        run->env.url = run->pc.https_url ? run->pc.https_url : "";
    run->n = nb_check_slots(&run->pc, run->slots, NB_WIN_MAX_SLOTS);
    for (size_t i = 0; i < run->n; i++)
        nb_check_slot_pending(&run->slots[i], &run->pc, &run->env, &run->res[i]);
    japan_time_now(run->checked_at, sizeof run->checked_at);
    wchar_t name[MAX_COMPUTERNAME_LENGTH + 1];
    DWORD len = MAX_COMPUTERNAME_LENGTH + 1;
    if (GetComputerNameW(name, &len))
        nb_w2u(name, run->computer, sizeof run->computer);
}

static void publish(nb_win_run *run, size_t slot, const nb_check_result *r)
{
    EnterCriticalSection(&run->mu);
    if (!run->done[slot]) {
        run->res[slot] = *r;
        run->done[slot] = true;
    }
    LeaveCriticalSection(&run->mu);
}

/* A slot's result, and the OS name the session probe found (the result
 * file names the Windows version). */
static void published(void *ctx, size_t slot, const nb_check_result *r, const nb_pc_facts *f)
{
    nb_win_run *run = ctx;
    publish(run, slot, r);
    if (run->slots[slot].entry->probe == nb_gather_session)
        snprintf(run->os_version, sizeof run->os_version, "%s", f->session.os_name);
}

static void run_stage(nb_win_run *run, nb_check_stage stage)
{
    nb_pc_facts *f = xcalloc(1, sizeof *f);
    nb_check_stage_run(run->slots, run->n, stage, &run->pc, &run->env, f, published, run);
    free(f);
}

void nb_win_run_local(nb_win_run *run)
{
    run_stage(run, NB_STAGE_LOCAL);
    run_stage(run, NB_STAGE_PRINTER);
}

typedef struct {
    nb_win_run *run;
    nb_check_stage stage;
} net_task;

static DWORD WINAPI net_thread(void *arg)
{
    net_task *t = arg;
    run_stage(t->run, t->stage);
    return 0;
}

void nb_win_run_network(nb_win_run *run)
{
    static net_task tasks[3];
    static const nb_check_stage stages[3] = {NB_STAGE_DNS, NB_STAGE_HTTPS, NB_STAGE_VPN};
    HANDLE th[3];
    DWORD n = 0;
    run->env.deadline_ms = nb_now_ms() + (int64_t)(run->timeout_s * 1000.0);
    for (size_t i = 0; i < 3; i++) {
        tasks[i] = (net_task){run, stages[i]};
        HANDLE h = CreateThread(NULL, 0, net_thread, &tasks[i], 0, NULL);
        if (h)
            th[n++] = h; /* a thread that could not start leaves its slots to the deadline */
    }
    int64_t left = run->env.deadline_ms + GRACE_MS - nb_now_ms();
    if (n)
        WaitForMultipleObjects(n, th, TRUE, left > 0 ? (DWORD)left : 0);
    EnterCriticalSection(&run->mu);
    for (size_t i = 0; i < run->n; i++)
        if (!run->done[i] && run->res[i].network) {
            nb_rule_deadline(&run->res[i], run->timeout_s, true);
            run->done[i] = true;
        }
    LeaveCriticalSection(&run->mu);
    for (DWORD i = 0; i < n; i++)
        CloseHandle(th[i]); /* a busy one runs on until the process ends */
}

void nb_win_run_skip_network(nb_win_run *run)
{
    EnterCriticalSection(&run->mu);
    for (size_t i = 0; i < run->n; i++)
        if (run->res[i].network && !run->done[i]) {
            nb_rule_not_run(&run->res[i]);
            run->done[i] = true;
        }
    LeaveCriticalSection(&run->mu);
}

bool nb_win_run_required_failed(const nb_win_run *run)
{
    for (size_t i = 0; i < run->n; i++)
        if (run->res[i].required && run->res[i].status == NB_CHECK_FAIL)
            return true;
    return false;
}
