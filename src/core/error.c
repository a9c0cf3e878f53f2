/* nb_error: one Japanese sentence for the user. Kept tiny so every layer can
 * report failures the same way without printing. */
#include "nanbyo/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include "nanbyo/quote.h"
#include "nanbyo/utf8.h"

void nb_error_set(nb_error *e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    nb_error_vset(e, fmt, ap);
    va_end(ap);
}

void nb_error_vset(nb_error *e, const char *fmt, va_list ap)
{
    if (e == NULL)
        return;
    /* Callers quote what they echo (nb_quote); this last pass makes sure no
     * argument they forgot can reach the terminal raw, and cuts an
     * over-long message at a character boundary, never inside UTF-8. */
    char raw[sizeof e->msg * 2];
    int n = vsnprintf(raw, sizeof raw, fmt, ap);
    if (n < 0)
        raw[0] = '\0';
    else if ((size_t)n >= sizeof raw) {
        size_t len = strlen(raw), last = nb_utf8_prev(raw, len);
        if (nb_utf8_decode(raw + last, len - last, NULL) < 0)
            raw[last] = '\0'; /* vsnprintf cut the last character */
    }
    nb_quote(e->msg, sizeof e->msg, raw, SIZE_MAX);
}
