/* Finding and loading the plugins (see io_plugin.h). The search mirrors
 * the forms search (definition_find.c) so that a build tree, an install
 * under any PREFIX and a package all work without configuration:
 *   $<env>, <dir of the program>/<file> (build/),
 *   <dir of the program>/../lib/nanbyo-survey/ (installed), NB_LIBDIR. */
#include "io_plugin.h"
#include "nanbyo/paths.h"
#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef NB_LIBDIR
#define NB_LIBDIR "/usr/local/lib/nanbyo-survey"
#endif

struct nb_plugin {
    const char *file; /* file name */
    const char *env;  /* variable that names another file */
    const char *what; /* what it does, for the message when it is missing */
    char found[PATH_MAX + 64];
    void *handle;
    pthread_mutex_t mu;
};

nb_plugin nb_io_plugin = {NB_IO_PLUGIN_NAME, "NANBYO_IO_PLUGIN", "書き出し・送信・印刷・PC確認",
                          "", NULL, PTHREAD_MUTEX_INITIALIZER};
nb_plugin nb_collect_plugin = {NB_COLLECT_PLUGIN_NAME, "NANBYO_COLLECT_PLUGIN", "回答の集計 (collect)",
                               "", NULL, PTHREAD_MUTEX_INITIALIZER};

static bool try_path(nb_plugin *pl, const char *path)
{
    if (access(path, R_OK) != 0)
        return false;
    snprintf(pl->found, sizeof pl->found, "%s", path);
    return true;
}

const char *nb_plugin_path(nb_plugin *pl)
{
    if (pl->found[0])
        return pl->found;
    const char *env = getenv(pl->env);
    if (env && *env) {
        /* an explicit choice is never second-guessed, even when missing */
        snprintf(pl->found, sizeof pl->found, "%s", env);
        return pl->found;
    }
    char exe[PATH_MAX];
    if (nb_program_dir(exe, sizeof exe)) {
        char path[PATH_MAX + 64];
        snprintf(path, sizeof path, "%.*s/%s", PATH_MAX - 32, exe, pl->file);
        if (try_path(pl, path))
            return pl->found;
        snprintf(path, sizeof path, "%.*s/../lib/nanbyo-survey/%s", PATH_MAX - 60, exe, pl->file);
        if (try_path(pl, path))
            return pl->found;
    }
    char lib[PATH_MAX];
    snprintf(lib, sizeof lib, NB_LIBDIR "/%s", pl->file);
    if (try_path(pl, lib))
        return pl->found;
    return NULL;
}

/* What to do comes first: in the questionnaire this sentence lands on a
 * message line that may cut the end (the file and the loader's reason). */
static void fail(const nb_plugin *pl, const char *what)
{
    fflush(stdout);
    fprintf(stderr,
            "nanbyo-survey: %sの部品を読み込めません。インストールし直してください "
            "(make install、または make で作り直す)。%s\n",
            pl->what, what);
    exit(2);
}

void *nb_plugin_symbol(nb_plugin *pl, const char *name)
{
    pthread_mutex_lock(&pl->mu);
    if (!pl->handle) {
        const char *path = nb_plugin_path(pl);
        char msg[PATH_MAX + 600];
        if (!path) {
            snprintf(msg, sizeof msg, "%s が、プログラムと同じフォルダーにも " NB_LIBDIR " にもありません。",
                     pl->file);
            fail(pl, msg);
        }
        /* RTLD_LOCAL: the plugin's copies of the shared code (linked with
         * -Bsymbolic) stay private to it; nothing here resolves into it. */
        pl->handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
        if (!pl->handle) {
            snprintf(msg, sizeof msg, "ファイル: %s (%s)", path, dlerror());
            fail(pl, msg);
        }
    }
    pthread_mutex_unlock(&pl->mu);
    void *sym = dlsym(pl->handle, name);
    if (!sym) {
        char msg[PATH_MAX + 300];
        snprintf(msg, sizeof msg, "%s の版が合いません (%s がありません)。", pl->found, name);
        fail(pl, msg);
    }
    return sym;
}

void *nb_io_symbol(const char *name)
{
    return nb_plugin_symbol(&nb_io_plugin, name);
}

const char *nb_io_plugin_path(void)
{
    return nb_plugin_path(&nb_io_plugin);
}
