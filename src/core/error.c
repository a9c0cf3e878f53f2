/* nb_error: one Japanese sentence for the user. Kept tiny so every layer can
 * report failures the same way without printing. */
#include "nanbyo/error.h"

#include <stdarg.h>
#include <stdio.h>

void nb_error_set(nb_error *e, const char *fmt, ...)
{
    va_list ap;

    if (e == NULL)
        return;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
}
