/* One error message, in Japanese, naming the file, line or field and what
 * to do. Functions that can fail fill one of these instead of printing. */
#ifndef NANBYO_ERROR_H
#define NANBYO_ERROR_H

typedef struct {
    char msg[1024];
} nb_error;

/* printf-style; the message replaces any earlier one. */
void nb_error_set(nb_error *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
