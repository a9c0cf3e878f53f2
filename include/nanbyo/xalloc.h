/* Allocation that does not return on failure. Every part of the program
 * allocates through these: a NULL from malloc is not a case any caller can
 * do something useful with (half an export, half a message or half a saved
 * answers file must never come out of it), so the process ends at once
 * with one Japanese sentence on stderr:
 *
 *   nanbyo-survey: メモリーが足りなくなったので、ほかのアプリを閉じてから
 *   もう一度実行してください。
 *
 * and exit status NB_EXIT_NOMEM (3), which no command uses for anything
 * else. A size computed as count × size that does not fit in size_t is
 * treated the same way, never wrapped around to a small block.
 *
 * Zero-sized requests return a unique pointer that must be freed, never
 * NULL, so "NULL means failure" stays true everywhere. */
#ifndef NANBYO_XALLOC_H
#define NANBYO_XALLOC_H
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "nanbyo/error.h"

#define NB_EXIT_NOMEM 3

void *xmalloc(size_t size);
/* Zeroed memory for n objects of size bytes. */
void *xcalloc(size_t n, size_t size);
/* realloc(p, size); p's old block stays valid only if this returns. */
void *xrealloc(void *p, size_t size);
/* realloc for n objects of size bytes, the product overflow-checked. */
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
/* At most n bytes of s, always NUL-terminated. */
char *xstrndup(const char *s, size_t n);
/* printf into a fresh string. */
char *xasprintf(const char *fmt, ...) NB_PRINTF(1, 2);
char *xvasprintf(const char *fmt, va_list ap) NB_PRINTF(1, 0);

/* Make room in an array for at least `need` elements of `size` bytes:
 * *cap doubles (starting at `first`) until it holds need, and the array is
 * reallocated once. The one way arrays grow; returns the (new) array. */
void *xgrowarray(void *p, size_t *cap, size_t need, size_t size, size_t first);

/* true and *out = a * b when the product fits in size_t; false otherwise.
 * Every x* function that multiplies goes through this. */
bool nb_size_mul(size_t a, size_t b, size_t *out);
/* a + b the same way. */
bool nb_size_add(size_t a, size_t b, size_t *out);

/* Print the sentence and exit(NB_EXIT_NOMEM). Called by the functions
 * above; a caller whose own size arithmetic overflows calls it too. */
_Noreturn void nb_xalloc_die(void);
/* A function run once before the sentence is printed, e.g. the terminal
 * UI giving the screen back so that the sentence can be read. It must not
 * allocate. NULL removes it. */
void nb_xalloc_on_die(void (*fn)(void));
/* How the sentence reaches the user. It is passed as UTF-8 with its final
 * newline but without the "nanbyo-survey: " in front, which the default
 * writer (write(2) to stderr) adds. nanbyo-check.exe sets one that writes
 * through the Windows console's wide-character output, as all its other
 * messages (which name no program) are written: UTF-8 bytes written to a
 * console show as garbage in some code pages (src/check/win/console.c).
 * It must not allocate. NULL restores the default. */
void nb_xalloc_set_writer(void (*fn)(const char *sentence));

#endif
