/* The growable byte buffer; its rules are in buf.h. */
#include "nanbyo/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nanbyo/xalloc.h"

void nb_buf_grow(nb_buf *b, size_t extra)
{
    size_t need;
    if (!nb_size_add(b->len, extra, &need) || !nb_size_add(need, 1, &need))
        nb_xalloc_die();
    if (need <= b->alloc)
        return;
    /* xgrowarray doubles alloc until it holds need */
    b->data = xgrowarray(b->data, &b->alloc, need, 1, 64);
    if (b->len == 0)
        b->data[0] = '\0';
}

void nb_buf_add(nb_buf *b, const void *p, size_t n)
{
    nb_buf_grow(b, n);
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void nb_buf_adds(nb_buf *b, const char *s)
{
    nb_buf_add(b, s, strlen(s));
}

void nb_buf_addc(nb_buf *b, char c)
{
    nb_buf_add(b, &c, 1);
}

void nb_buf_vaddf(nb_buf *b, const char *fmt, va_list ap)
{
    /* Print straight into the free space; only a result longer than it
     * needs a second pass after growing. */
    va_list again;
    va_copy(again, ap);
    nb_buf_grow(b, 64);
    size_t room = b->alloc - b->len;
    int n = vsnprintf(b->data + b->len, room, fmt, ap);
    if (n < 0) {
        b->data[b->len] = '\0'; /* invalid format: nothing added */
        va_end(again);
        return;
    }
    if ((size_t)n >= room) {
        nb_buf_grow(b, (size_t)n);
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, again);
    }
    va_end(again);
    b->len += (size_t)n;
}

void nb_buf_addf(nb_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    nb_buf_vaddf(b, fmt, ap);
    va_end(ap);
}

void nb_buf_setlen(nb_buf *b, size_t len)
{
    if (b->alloc == 0 && len == 0)
        return; /* nothing held, nothing to terminate */
    if (len >= b->alloc)
        abort(); /* a caller broke the rule in buf.h: a bug, not input */
    b->len = len;
    b->data[len] = '\0';
}

const char *nb_buf_cstr(const nb_buf *b)
{
    return b->alloc ? b->data : "";
}

char *nb_buf_detach(nb_buf *b, size_t *len)
{
    nb_buf_grow(b, 0); /* an empty buffer still hands over a "" block */
    char *d = b->data;
    if (len)
        *len = b->len;
    b->data = NULL;
    b->len = b->alloc = 0;
    return d;
}

void nb_buf_release(nb_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->alloc = 0;
}
