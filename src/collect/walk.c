/* The files under the PATHs the clerk named: a file as is, a folder
 * walked in name order (so runs are repeatable). Symbolic links to
 * folders are not followed (no loops); hidden files (".*") are skipped,
 * as a mail client's or a fax server's bookkeeping. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "walk.h"
#include "nanbyo/xalloc.h"

static void add(nb_paths *p, const char *path)
{
    p->v = xgrowarray(p->v, &p->cap, p->n + 1, sizeof *p->v, 64);
    p->v[p->n++] = xstrdup(path);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static void walk(nb_paths *p, const char *dir, int depth)
{
    struct dirent **names;
    int n = scandir(dir, &names, NULL, by_name);
    if (n < 0) {
        add(p, dir); /* reported unreadable by the caller */
        return;
    }
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        if (name[0] != '.') {
            size_t len = strlen(dir) + strlen(name) + 2;
            char *path = xmalloc(len);
            snprintf(path, len, "%s/%s", dir, name);
            struct stat st;
            /* A folder deeper than 32 levels is not walked but listed,
             * so the caller reports it instead of it vanishing. */
            if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode) && depth < 32)
                walk(p, path, depth + 1);
            else
                add(p, path);
            free(path);
        }
        free(names[i]);
    }
    free(names);
}

void nb_paths_collect(nb_paths *p, const char *path)
{
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        walk(p, path, 0);
    else
        add(p, path);
}

void nb_paths_free(nb_paths *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->v[i]);
    free(p->v);
}
