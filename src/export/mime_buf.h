/* A growing byte buffer for building messages. Private to the message
 * builder and delivery code; allocation failure aborts (a message is a few
 * hundred kilobytes at most, and half a message must never be sent). */
#ifndef NANBYO_MIME_BUF_H
#define NANBYO_MIME_BUF_H
#include <stddef.h>

typedef struct {
    char *data;
    size_t len, cap;
} nb_mbuf;

void nb_mbuf_add(nb_mbuf *b, const void *p, size_t n);
void nb_mbuf_str(nb_mbuf *b, const char *s);
void nb_mbuf_fmt(nb_mbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* NUL-terminated contents (malloc'd, never NULL); b is reset. */
char *nb_mbuf_finish(nb_mbuf *b, size_t *len);

#endif
