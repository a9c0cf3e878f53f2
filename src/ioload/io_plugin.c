/* Finding and loading nanbyo-survey-io.so. The search mirrors the forms
 * search (definition_find.c) so that a build tree, an install under any
 * PREFIX and a package all work without configuration:
 *   $NANBYO_IO_PLUGIN, <dir of the program>/nanbyo-survey-io.so (build/),
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

static char found[PATH_MAX + 64];
static void *handle;
static pthread_mutex_t load_mu = PTHREAD_MUTEX_INITIALIZER;

static bool try_path(const char *path)
{
    if (access(path, R_OK) != 0)
        return false;
    snprintf(found, sizeof found, "%s", path);
    return true;
}

const char *nb_io_plugin_path(void)
{
    if (found[0])
        return found;
    const char *env = getenv("NANBYO_IO_PLUGIN");
    if (env && *env) {
        /* an explicit choice is never second-guessed, even when missing */
        snprintf(found, sizeof found, "%s", env);
        return found;
    }
    char exe[PATH_MAX];
    if (nb_program_dir(exe, sizeof exe)) {
        char path[PATH_MAX + 64];
        snprintf(path, sizeof path, "%.*s/" NB_IO_PLUGIN_NAME, PATH_MAX - 32, exe);
        if (try_path(path))
            return found;
        snprintf(path, sizeof path, "%.*s/../lib/nanbyo-survey/" NB_IO_PLUGIN_NAME, PATH_MAX - 60, exe);
        if (try_path(path))
            return found;
    }
    if (try_path(NB_LIBDIR "/" NB_IO_PLUGIN_NAME))
        return found;
    return NULL;
}

/* What to do comes first: in the questionnaire this sentence lands on a
 * message line that may cut the end (the file and the loader's reason). */
static void fail(const char *what)
{
    fflush(stdout);
    fprintf(stderr,
            "nanbyo-survey: 書き出し・送信・印刷・PC確認の部品を読み込めません。インストールし直してください "
            "(make install、または make で作り直す)。%s\n",
            what);
    exit(2);
}

void *nb_io_symbol(const char *name)
{
    pthread_mutex_lock(&load_mu);
    if (!handle) {
        const char *path = nb_io_plugin_path();
        char msg[PATH_MAX + 600];
        if (!path) {
            snprintf(msg, sizeof msg,
                     NB_IO_PLUGIN_NAME " が、プログラムと同じフォルダーにも " NB_LIBDIR " にもありません。");
            fail(msg);
        }
        /* RTLD_LOCAL: the plugin's copies of the shared code (linked with
         * -Bsymbolic) stay private to it; nothing here resolves into it. */
        handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
        if (!handle) {
            snprintf(msg, sizeof msg, "ファイル: %s (%s)", path, dlerror());
            fail(msg);
        }
    }
    pthread_mutex_unlock(&load_mu);
    void *sym = dlsym(handle, name);
    if (!sym) {
        char msg[PATH_MAX + 300];
        snprintf(msg, sizeof msg, "%s の版が合いません (%s がありません)。", found, name);
        fail(msg);
    }
    return sym;
}
