/* nb_buf: the one growable byte buffer (text being built: CSV, mail
 * messages, files read whole, output of a child process).
 *
 * Rules:
 * - An all-zero nb_buf (`nb_buf b = NB_BUF_INIT;` or `= {0}`, or inside a
 *   calloc'd struct) is a valid empty buffer and owns no memory.
 * - len is the number of bytes held; alloc is the size of the block data
 *   points to (0 while it points to none). Both are read-only for callers:
 *   only these functions change them.
 * - Whenever alloc > 0, len < alloc and data[len] == '\0': the contents
 *   are always a C string as well as len bytes (they may hold NUL bytes of
 *   their own, so binary data keeps its length). nb_buf_cstr() gives that
 *   string even for an empty buffer that owns nothing.
 * - The buffer owns data. A pointer into data is valid only until the next
 *   call that adds to the buffer (growth may move the block).
 *   nb_buf_detach() hands the block over to the caller, who frees it;
 *   nb_buf_release() frees it. Either leaves the buffer empty and reusable.
 * - Growth doubles alloc (64 bytes first), so n appends cost O(n) copies
 *   in total. Allocation failure and sizes beyond size_t end the process
 *   (xalloc.h); no function here fails. */
#ifndef NANBYO_BUF_H
#define NANBYO_BUF_H
#include <stdarg.h>
#include <stddef.h>

#include "nanbyo/error.h"

typedef struct {
    char *data;
    size_t len;
    size_t alloc;
} nb_buf;

#define NB_BUF_INIT {NULL, 0, 0}

/* Make room for `extra` more bytes (and the NUL) without adding any. */
void nb_buf_grow(nb_buf *b, size_t extra);
void nb_buf_add(nb_buf *b, const void *p, size_t n);
void nb_buf_adds(nb_buf *b, const char *s);
void nb_buf_addc(nb_buf *b, char c);
void nb_buf_addf(nb_buf *b, const char *fmt, ...) NB_PRINTF(2, 3);
void nb_buf_vaddf(nb_buf *b, const char *fmt, va_list ap) NB_PRINTF(2, 0);
/* Set the length: to cut the contents, or after writing bytes straight
 * into the room nb_buf_grow made (read(2) into data + len). len must be
 * below alloc; the NUL is written at data[len]. */
void nb_buf_setlen(nb_buf *b, size_t len);
/* The contents as a C string; "" for a buffer that owns nothing. */
const char *nb_buf_cstr(const nb_buf *b);
/* The contents as a malloc'd C string (never NULL, "" when empty), *len
 * set when len is not NULL; the buffer is left empty. */
char *nb_buf_detach(nb_buf *b, size_t *len);
/* Free the block; the buffer is left empty. */
void nb_buf_release(nb_buf *b);

#endif
