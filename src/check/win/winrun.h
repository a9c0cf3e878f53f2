/* The parts of nanbyo-check.exe that talk to each other: the run of the
 * check table (run.c), the result file (result.c) and the console
 * (console.c). Windows only. */
#ifndef NB_WIN_WINRUN_H
#define NB_WIN_WINRUN_H
#include <windows.h>
#include "../check_table.h"

#define NB_WIN_MAX_SLOTS 24

typedef struct {
    nb_pc_requirements pc;
    nb_probe_env env;
    double timeout_s;
    nb_check_slot slots[NB_WIN_MAX_SLOTS];
    nb_check_result res[NB_WIN_MAX_SLOTS];
    bool done[NB_WIN_MAX_SLOTS];
    size_t n;
    CRITICAL_SECTION mu;
    char checked_at[40];      /* Japan time, as on Linux */
    char computer[64];
    char os_version[128];
} nb_win_run;

/* Prepare the slots (all pending). */
void nb_win_run_init(nb_win_run *run);
/* The local checks and the printers, in this thread. */
void nb_win_run_local(nb_win_run *run);
/* Every network check concurrently on its own thread, all under the one
 * deadline (env.deadline_ms); a probe still busy then is judged timed out
 * and left behind (the process ends soon after). */
void nb_win_run_network(nb_win_run *run);
/* Mark every network check as not run (the clerk did not agree). */
void nb_win_run_skip_network(nb_win_run *run);
bool nb_win_run_required_failed(const nb_win_run *run);

/* The result JSON: the `check --json` contract plus "platform". */
char *nb_win_result_json(const nb_win_run *run);
/* Write text to path (UTF-8 name) through a temporary file and a rename.
 * Returns 0 or a Win32 error code. */
DWORD nb_win_write_file(const char *path, const char *text);
/* The clerk's Documents folder (UTF-8), "" when not known. */
void nb_win_documents(char *out, size_t n);

/* Console: UTF-8 text out (WriteConsoleW on a console, bytes otherwise). */
void nb_con_init(void);
void nb_con_out(const char *fmt, ...) NB_PRINTF(1, 2);
void nb_con_err(const char *fmt, ...) NB_PRINTF(1, 2);
/* Read one line (UTF-8, without the newline); false at end of input. */
bool nb_con_read_line(char *out, size_t n);
/* True when stdin is an interactive console. */
bool nb_con_interactive(void);
/* True when this program opened the console itself (double-click). */
bool nb_con_owned(void);

#endif
