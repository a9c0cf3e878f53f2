/* One error message, in Japanese, naming the file, line or field and what
 * to do. Functions that can fail fill one of these instead of printing. */
#ifndef NANBYO_ERROR_H
#define NANBYO_ERROR_H
#include <stdarg.h>

typedef struct {
    char msg[1024];
} nb_error;

/* printf-style; the message replaces any earlier one. */
void nb_error_set(nb_error *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The same with a va_list. Both escape controls and bidi characters that
 * arguments bring in (nb_quote) and cut at a character boundary. */
void nb_error_vset(nb_error *e, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

#endif
