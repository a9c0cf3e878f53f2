/* Allocation that ends the process on failure (xalloc.h). The sentence is
 * written with write(2), not stdio: after malloc failed, stdio's own
 * buffer may not be allocatable. */
#include "nanbyo/xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nanbyo/version.h"

static void (*on_die)(void);
static void (*writer)(const char *sentence);

void nb_xalloc_on_die(void (*fn)(void))
{
    on_die = fn;
}

void nb_xalloc_set_writer(void (*fn)(const char *sentence))
{
    writer = fn;
}

_Noreturn void nb_xalloc_die(void)
{
#define PREFIX NB_PROGRAM ": "
    static const char msg[] = PREFIX "メモリーが足りなくなったので、"
                                     "ほかのアプリを閉じてからもう一度実行してください。\n";
    void (*fn)(void) = on_die;
    void (*say)(const char *) = writer;
    on_die = NULL; /* a hook that itself runs out must not loop */
    writer = NULL;
    if (fn)
        fn();
    if (say) {
        say(msg + sizeof PREFIX - 1); /* without the prefix (xalloc.h) */
    } else {
        ssize_t w = write(STDERR_FILENO, msg, sizeof msg - 1);
        (void)w; /* nothing left to tell if stderr is gone too */
    }
#undef PREFIX
    exit(NB_EXIT_NOMEM);
}

bool nb_size_mul(size_t a, size_t b, size_t *out)
{
    if (b != 0 && a > SIZE_MAX / b)
        return false;
    *out = a * b;
    return true;
}

bool nb_size_add(size_t a, size_t b, size_t *out)
{
    if (a > SIZE_MAX - b)
        return false;
    *out = a + b;
    return true;
}

void *xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        nb_xalloc_die();
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    size_t total;
    if (!nb_size_mul(n, size, &total))
        nb_xalloc_die();
    void *p = calloc(total ? n : 1, total ? size : 1);
    if (!p)
        nb_xalloc_die();
    return p;
}

void *xrealloc(void *p, size_t size)
{
    void *q = realloc(p, size ? size : 1);
    if (!q)
        nb_xalloc_die();
    return q;
}

void *xreallocarray(void *p, size_t n, size_t size)
{
    size_t total;
    if (!nb_size_mul(n, size, &total))
        nb_xalloc_die();
    return xrealloc(p, total);
}

char *xstrndup(const char *s, size_t n)
{
    size_t len = strnlen(s, n);
    char *d = xmalloc(len + 1);
    memcpy(d, s, len);
    d[len] = '\0';
    return d;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, SIZE_MAX);
}

char *xvasprintf(const char *fmt, va_list ap)
{
    /* Measure, then print into an exact block (vasprintf is not in C11
     * and reports failure with -1, which would need a branch anyway). */
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    if (n < 0) {
        /* only an invalid format or a wide character that does not
         * convert gets here: the program's own strings, never input */
        va_end(again);
        return xstrdup("");
    }
    char *s = xmalloc((size_t)n + 1);
    vsnprintf(s, (size_t)n + 1, fmt, again);
    va_end(again);
    return s;
}

char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = xvasprintf(fmt, ap);
    va_end(ap);
    return s;
}

void *xgrowarray(void *p, size_t *cap, size_t need, size_t size, size_t first)
{
    if (need <= *cap)
        return p;
    size_t c = *cap ? *cap : (first ? first : 1);
    while (c < need) {
        if (!nb_size_mul(c, 2, &c))
            nb_xalloc_die();
    }
    p = xreallocarray(p, c, size);
    *cap = c;
    return p;
}
