/* Shared bits of the fuzz targets: a NUL-terminated copy of the input (the
 * parsers take C strings) and a loud failure for a broken invariant, so a
 * wrong answer counts as a crash just like a bad memory access. */
#ifndef NB_FUZZ_UTIL_H
#define NB_FUZZ_UTIL_H
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline char *fz_cstr(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        abort();
    memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

#define FZ_ASSERT(cond, ...)                                                 \
    do {                                                                     \
        if (!(cond)) {                                                       \
            fprintf(stderr, "invariant broken at %s:%d: %s\n", __FILE__,    \
                    __LINE__, #cond);                                        \
            fprintf(stderr, __VA_ARGS__);                                    \
            fputc('\n', stderr);                                             \
            abort();                                                         \
        }                                                                    \
    } while (0)

/* The Yamaguchi definition from the source tree, for targets that check
 * input against it; aborts (with the reason) when it does not load. */
#ifdef NANBYO_DEFINITION_H
static inline nb_definition *fz_yamaguchi(const char *target)
{
    nb_error err;
    nb_definition *def = nb_def_load(NB_SOURCE_ROOT "/forms/yamaguchi-r8.yaml", &err);
    if (!def) {
        fprintf(stderr, "%s: %s\n", target, err.msg);
        abort();
    }
    return def;
}
#endif

#endif
