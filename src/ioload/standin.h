/* Turns the lines of plugin_fns.h into stand-ins: a function with the
 * real one's name and type that looks the real one up in its part on the
 * first call and forwards to it. A file that includes this says, for each
 * part, whether it stands in for that part's functions (1) or not (0):
 *   #define NB_FOR_IO 1   ... NB_FOR_DOCS, NB_FOR_NET, NB_FOR_PRINT, NB_FOR_COLLECT
 * then includes this header and plugin_fns.h. */
#ifndef NANBYO_STANDIN_H
#define NANBYO_STANDIN_H
#include "io_plugin.h"
#include "nanbyo/check.h"
#include "nanbyo/deliver.h"
#include "nanbyo/export.h"
#include "nanbyo/probe.h"
#include "../cli/commands.h"

/* (T1, T2) -> (T1 p1, T2 p2) and (p1, p2): the parameters are named by
 * position, so the list gives types only. */
#define NB_P0() (void)
#define NB_P1(a) (a p1)
#define NB_P2(a, b) (a p1, b p2)
#define NB_P3(a, b, c) (a p1, b p2, c p3)
#define NB_P4(a, b, c, d) (a p1, b p2, c p3, d p4)
#define NB_P5(a, b, c, d, e) (a p1, b p2, c p3, d p4, e p5)
#define NB_P6(a, b, c, d, e, f) (a p1, b p2, c p3, d p4, e p5, f p6)
#define NB_A0 ()
#define NB_A1 (p1)
#define NB_A2 (p1, p2)
#define NB_A3 (p1, p2, p3)
#define NB_A4 (p1, p2, p3, p4)
#define NB_A5 (p1, p2, p3, p4, p5)
#define NB_A6 (p1, p2, p3, p4, p5, p6)
#define NB_PARAMS(n, types) NB_P##n types
#define NB_ARGS(n) NB_A##n

/* The pointer is read through a void * (the POSIX dlsym idiom) and kept
 * for later calls. */
#define NB_STANDIN(part, ret, name, n, types)                                                      \
    ret name NB_PARAMS(n, types)                                                                   \
    {                                                                                              \
        static ret(*fn) NB_PARAMS(n, types);                                                       \
        if (!fn)                                                                                   \
            *(void **)(&fn) = nb_plugin_symbol(NB_PLUGIN_##part, #name);                           \
        return fn NB_ARGS(n);                                                                      \
    }
#define NB_STANDIN_PROC(part, name, n, types)                                                      \
    void name NB_PARAMS(n, types)                                                                  \
    {                                                                                              \
        static void(*fn) NB_PARAMS(n, types);                                                      \
        if (!fn)                                                                                   \
            *(void **)(&fn) = nb_plugin_symbol(NB_PLUGIN_##part, #name);                           \
        fn NB_ARGS(n);                                                                             \
    }
#define NB_NOT_HERE(...)

/* NB_FOR_<part> is 1 or 0; the extra level expands it before pasting. */
#define NB_SEL(flag, m) NB_SEL_(flag, m)
#define NB_SEL_(flag, m) NB_SEL_##flag(m)
#define NB_SEL_1(m) m
#define NB_SEL_0(m) NB_NOT_HERE
#define NB_FN(part, ret, name, n, types) NB_SEL(NB_FOR_##part, NB_STANDIN)(part, ret, name, n, types)
#define NB_PROC(part, name, n, types) NB_SEL(NB_FOR_##part, NB_STANDIN_PROC)(part, name, n, types)

#endif
