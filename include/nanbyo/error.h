/* One error message, in Japanese, naming the file, line or field and what
 * to do. Functions that can fail fill one of these instead of printing. */
#ifndef NANBYO_ERROR_H
#define NANBYO_ERROR_H
#include <stdarg.h>

typedef struct {
    char msg[1024];
} nb_error;

/* The printf format checking of GCC and clang; mingw's printf family is
 * the C99 one (__USE_MINGW_ANSI_STDIO), which GCC calls gnu_printf there. */
#ifdef __MINGW32__
#define NB_PRINTF(fmt, args) __attribute__((format(gnu_printf, fmt, args)))
#else
#define NB_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#endif

/* printf-style; the message replaces any earlier one. */
void nb_error_set(nb_error *e, const char *fmt, ...) NB_PRINTF(2, 3);
/* The same with a va_list. Both escape controls and bidi characters that
 * arguments bring in (nb_quote) and cut at a character boundary. */
void nb_error_vset(nb_error *e, const char *fmt, va_list ap) NB_PRINTF(2, 0);

#endif
