/* nb_error: one Japanese sentence for the user. Kept tiny so every layer can
 * report failures the same way without printing. */
#include "nanbyo/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void nb_error_set(nb_error *e, const char *fmt, ...)
{
    va_list ap;

    if (e == NULL)
        return;
    va_start(ap, fmt);
    int n = vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    if (n < 0) {
        e->msg[0] = '\0';
    } else if ((size_t)n >= sizeof e->msg) {
        /* Cut at a character boundary: half a UTF-8 sequence would make
         * the whole message invalid for the terminal and for JSON. */
        size_t len = strlen(e->msg);
        size_t start = len;
        while (start > 0 && ((unsigned char)e->msg[start - 1] & 0xC0) == 0x80)
            start--;
        if (start > 0) {
            unsigned char lead = (unsigned char)e->msg[start - 1];
            size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
            if (len - (start - 1) < need)
                e->msg[start - 1] = '\0';
        }
    }
}
