/* Slow or heavy work for a page (the PC check, writing documents,
 * sending, printing) runs in a child process, so that the questionnaire
 * stays responsive (it keeps drawing, shows progress and elapsed time) and
 * small: the big libraries are loaded only in the child (docs/core.md, "二つの部品"). The
 * child reports in lines of JSON on a pipe; the page polls from the input
 * loop's timeout. */
#ifndef NANBYO_TUI_JOB_H
#define NANBYO_TUI_JOB_H
#include <stdbool.h>
#include <cjson/cJSON.h>

typedef struct nb_job nb_job;

/* Runs fn(ctx, fd) in a child that inherits the whole program state (the
 * definition, the answers, what the clerk typed) and writes its report to
 * fd with nb_job_send. The child never touches the terminal, ignores the
 * signals that make the questionnaire save and exit, and leaves with
 * _exit. NULL when no process could be started. */
nb_job *nb_job_start(void (*fn)(void *ctx, int fd), void *ctx);

/* Child side: one JSON object as one line (the object is not freed). */
void nb_job_send(int fd, const cJSON *obj);
/* Child side: {"<key>": "<text>"} as one line. */
void nb_job_send_text(int fd, const char *key, const char *text);

/* Parent side, non-blocking: hands every complete JSON line to on_line
 * (lines that are not JSON, such as a library's message on stderr, are
 * kept as the last words). True once the child has ended and all it wrote
 * has been read. */
bool nb_job_poll(nb_job *job, void (*on_line)(void *ctx, const cJSON *obj), void *ctx);

/* The last line the child wrote that was not JSON ("" if none), without
 * the "nanbyo-survey: " a command puts before its messages (the clerk is
 * already in the program), and how it ended: its exit status, or 128 +
 * the signal. */
const char *nb_job_last_words(const nb_job *job);
int nb_job_exit_status(const nb_job *job);
/* Seconds since the job started. */
long nb_job_elapsed_s(const nb_job *job);

/* Frees the job. kill: end a child that is still running (SIGTERM);
 * otherwise it finishes on its own (a mail being sent is never cut off). */
void nb_job_free(nb_job *job, bool kill);

#endif
