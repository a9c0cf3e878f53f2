/* One writer per answers file: an advisory lock file beside the answers
 * (".<name>.lock", holding the holder's pid, user, host and start time),
 * so that a second questionnaire, `check --import` or an export aimed at
 * the file learn who has it open instead of overwriting that clerk's
 * work. A lock left by a process that died on this host is taken over. */
#ifndef NANBYO_ANSWERS_LOCK_H
#define NANBYO_ANSWERS_LOCK_H
#include <stdbool.h>
#include <stddef.h>
#include "nanbyo/error.h"

typedef struct nb_answers_lock nb_answers_lock;

typedef struct {
    long pid;                     /* 0 when the lock file could not be read */
    char host[256];
    char user[64];
    char since[40];               /* when it was taken, Japan time */
    unsigned long long proc_start; /* the holder's start (clock ticks since boot), 0 unknown */
    char lock_path[4200];         /* the lock file, for the message */
} nb_lock_holder;

enum { NB_LOCK_TAKEN = 0, NB_LOCK_HELD = 1, NB_LOCK_ERROR = -1 };

/* Take the lock of the answers file path (through a symlink, the lock
 * sits beside the target; missing folders are made). NB_LOCK_TAKEN with
 * *out set; NB_LOCK_HELD with *holder filled when another live process
 * holds it; NB_LOCK_ERROR with err when the lock file cannot be made. */
int nb_answers_lock_take(const char *path, nb_answers_lock **out, nb_lock_holder *holder, nb_error *err);
/* Remove the lock (only if it is still ours) and free it. NULL is fine.
 * Async-signal-safe enough for the exit path: unlink and free only. */
void nb_answers_lock_release(nb_answers_lock *l);

/* Whether path is locked by a live process other than this one (holder
 * filled). A stale lock counts as free. */
bool nb_answers_locked_by_other(const char *path, nb_lock_holder *holder);

/* One or two Japanese sentences: who has path open since when, and what
 * to do (close that window; from another PC, or a lock that cannot be
 * read: when to remove the lock file). */
void nb_lock_holder_text(const nb_lock_holder *h, const char *path, char *buf, size_t n);

#endif
