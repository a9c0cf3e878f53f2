/* Expanding the PATH operands of collect into files (walk.c). */
#ifndef NANBYO_COLLECT_WALK_H
#define NANBYO_COLLECT_WALK_H
#include <stddef.h>

typedef struct {
    char **v;
    size_t n, cap;
} nb_paths;

void nb_paths_collect(nb_paths *p, const char *path);
void nb_paths_free(nb_paths *p);

#endif
