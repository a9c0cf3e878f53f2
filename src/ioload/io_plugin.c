/* Finding, loading and vetting the parts (see io_plugin.h). The search mirrors
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

typedef struct {
    const char *file; /* file name */
    const char *env;  /* variable that names another file */
    const char *what; /* what it does, for the message when it is missing */
    char found[PATH_MAX + 64];
    void *handle;
    pthread_mutex_t mu;
} nb_plugin;

/* One row per part (include/nanbyo/plugins.h; NB_PLUGIN_NONE has none);
 * each is overridden by its own variable, NANBYO_<PART>_PLUGIN, for tests
 * and for trying a build. */
static nb_plugin plugins[NB_PLUGIN_COUNT] = {
    [NB_PLUGIN_IO] = {.file = "nanbyo-survey-io.so", .env = "NANBYO_IO_PLUGIN",
                      .what = "書き出し・送信・印刷・PC確認", .mu = PTHREAD_MUTEX_INITIALIZER},
    [NB_PLUGIN_DOCS] = {.file = "nanbyo-survey-docs.so", .env = "NANBYO_DOCS_PLUGIN",
                        .what = "Excel・PDF の作成", .mu = PTHREAD_MUTEX_INITIALIZER},
    [NB_PLUGIN_NET] = {.file = "nanbyo-survey-net.so", .env = "NANBYO_NET_PLUGIN",
                       .what = "メールの送信・HTTPS の確認", .mu = PTHREAD_MUTEX_INITIALIZER},
    [NB_PLUGIN_PRINT] = {.file = "nanbyo-survey-print.so", .env = "NANBYO_PRINT_PLUGIN",
                         .what = "印刷・プリンターの確認", .mu = PTHREAD_MUTEX_INITIALIZER},
    [NB_PLUGIN_COLLECT] = {.file = "nanbyo-survey-collect.so", .env = "NANBYO_COLLECT_PLUGIN",
                           .what = "回答の集計 (collect)", .mu = PTHREAD_MUTEX_INITIALIZER},
};

static bool try_path(nb_plugin *pl, const char *path)
{
    if (access(path, R_OK) != 0)
        return false;
    snprintf(pl->found, sizeof pl->found, "%s", path);
    return true;
}

static const char *find(nb_plugin *pl)
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

/* Another build's part may pass other types or lack functions: it is
 * refused before any of its functions is called. */
static void vet(nb_plugin *pl, const char *path)
{
    const char *stamp = dlsym(pl->handle, "nb_plugin_abi_stamp");
    if (stamp && strcmp(stamp, nb_plugin_abi_stamp) == 0)
        return;
    fflush(stdout);
    fprintf(stderr,
            "nanbyo-survey: %sの部品 %s はこのプログラムと版が違うため、プログラムと一緒に入れ直してください "
            "(make install、または make で作り直す)。\n",
            pl->what, path);
    exit(2);
}

static void load(nb_plugin *pl)
{
    pthread_mutex_lock(&pl->mu);
    if (!pl->handle) {
        const char *path = find(pl);
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
        vet(pl, path);
    }
    pthread_mutex_unlock(&pl->mu);
}

void nb_plugin_need(nb_plugin_id id)
{
    if (id != NB_PLUGIN_NONE)
        load(&plugins[id]);
}

const char *nb_plugin_path(nb_plugin_id id)
{
    return find(&plugins[id]);
}

void *nb_plugin_symbol(nb_plugin_id id, const char *name)
{
    nb_plugin *pl = &plugins[id];
    load(pl);
    void *sym = dlsym(pl->handle, name);
    if (!sym) {
        char msg[PATH_MAX + 300];
        snprintf(msg, sizeof msg, "%s の版が合いません (%s がありません)。", pl->found, name);
        fail(pl, msg);
    }
    return sym;
}
