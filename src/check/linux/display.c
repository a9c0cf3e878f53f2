/* Display probe for Linux. With an X session (DISPLAY set) we ask xrandr
 * for the current mode of every connected output, if the program exists;
 * otherwise DRM sysfs lists the monitors attached to this machine with
 * their preferred (native) mode, which works over SSH and on a text
 * console. Nothing found is an honest "unknown" with the reason. Under
 * Wayland, Xwayland may report scaled sizes; the rules say so. */
#define _GNU_SOURCE
#include "nanbyo/probe.h"
#include "nanbyo/xalloc.h"
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static size_t probe_drm(const nb_probe_ctx *ctx, nb_display_facts *out)
{
    char path[1024];
    DIR *d = opendir(nb_probe_path(ctx, "/sys/class/drm", path, sizeof path));
    if (!d)
        return 0;
    char *names[64];
    size_t nn = 0;
    struct dirent *e;
    while ((e = readdir(d)) && nn < 64)
        if (strncmp(e->d_name, "card", 4) == 0 && strchr(e->d_name, '-'))
            names[nn++] = xstrdup(e->d_name);
    closedir(d);
    qsort(names, nn, sizeof names[0], cmp_names);
    for (size_t i = 0; i < nn; i++) {
        char f[512], buf[4096];
        if (!names[i])
            continue;
        snprintf(f, sizeof f, "/sys/class/drm/%s/status", names[i]);
        bool connected = nb_probe_read(ctx, f, buf, sizeof buf) > 0 &&
                         strncmp(buf, "connected", 9) == 0;
        int w = 0, h = 0;
        snprintf(f, sizeof f, "/sys/class/drm/%s/modes", names[i]);
        if (connected && nb_probe_read(ctx, f, buf, sizeof buf) > 0 &&
            sscanf(buf, "%dx%d", &w, &h) == 2 && w > 0 && h > 0 && w <= 100000 && h <= 100000 &&
            out->n < NB_MAX_MONITORS) {
            const char *dash = strchr(names[i], '-');
            snprintf(out->m[out->n].name, sizeof out->m[out->n].name, "%s", dash + 1);
            out->m[out->n].w = w;
            out->m[out->n].h = h;
            out->n++;
        }
        free(names[i]);
    }
    if (out->n)
        snprintf(out->source, sizeof out->source, "/sys/class/drm (推奨解像度)");
    return out->n;
}

/* Find prog in PATH (under the root); absolute path into buf. */
static bool find_in_path(const nb_probe_ctx *ctx, const char *prog, char *buf, size_t n)
{
    const char *p = nb_probe_getenv(ctx, "PATH");
    if (!p)
        p = "/usr/local/bin:/usr/bin:/bin";
    while (*p) {
        size_t l = strcspn(p, ":");
        if (l > 0 && p[0] == '/') {
            char abs[512];
            snprintf(abs, sizeof abs, "%.*s/%s", (int)l, p, prog);
            nb_probe_path(ctx, abs, buf, n);
            if (access(buf, X_OK) == 0)
                return true;
        }
        p += l;
        if (*p == ':')
            p++;
    }
    return false;
}

/* Run xrandr --current with a 2 s limit; output into buf. */
static bool run_xrandr(const nb_probe_ctx *ctx, const char *prog, char *buf, size_t n)
{
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0)
        return false;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    /* --current: the configuration as it is, without re-probing outputs
     * (which can take seconds on some drivers) */
    char *argv[] = {(char *)"xrandr", (char *)"--current", NULL};
    char **envp = ctx && ctx->env ? (char **)ctx->env : environ;
    pid_t pid;
    int rc = posix_spawn(&pid, prog, &fa, NULL, argv, envp);
    posix_spawn_file_actions_destroy(&fa);
    close(fds[1]);
    if (rc != 0) {
        close(fds[0]);
        return false;
    }
    size_t got = 0;
    int64_t deadline = nb_now_ms() + 2000;
    bool eof = false;
    while (!eof && got < n - 1) {
        int64_t left = deadline - nb_now_ms();
        if (left <= 0)
            break;
        struct pollfd pfd = {fds[0], POLLIN, 0};
        if (poll(&pfd, 1, (int)left) <= 0)
            break;
        ssize_t r = read(fds[0], buf + got, n - 1 - got);
        if (r <= 0)
            eof = true;
        else
            got += (size_t)r;
    }
    buf[got] = '\0';
    close(fds[0]);
    int status = 0;
    if (!eof) {
        kill(pid, SIGKILL);
    }
    waitpid(pid, &status, 0);
    return eof && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

void nb_probe_display(const nb_probe_ctx *ctx, const nb_session_facts *s, nb_display_facts *out)
{
    memset(out, 0, sizeof *out);
    char prog[1024];
    if (s->x11 && find_in_path(ctx, "xrandr", prog, sizeof prog)) {
        enum { XR_MAX = 65536 };
        char *buf = xmalloc(XR_MAX);
        if (buf && run_xrandr(ctx, prog, buf, XR_MAX)) {
            out->n = nb_xrandr_parse(buf, out->m, NB_MAX_MONITORS);
            if (out->n)
                snprintf(out->source, sizeof out->source, "xrandr (X11 の現在の解像度)");
        }
        free(buf);
        if (out->n)
            return;
    }
    if (probe_drm(ctx, out))
        return;
    if (s->wsl)
        snprintf(out->why_none, sizeof out->why_none,
                 "WSL の中では Windows の画面を測れません。");
    else if (s->container)
        snprintf(out->why_none, sizeof out->why_none,
                 "コンテナ (%s) の中では画面を測れません。", s->container_kind);
    else if (s->wayland && !s->x11)
        snprintf(out->why_none, sizeof out->why_none,
                 "Wayland の画面はこの版では直接測れず、/sys/class/drm も見つかりません。");
    else if (s->ssh && !s->x11)
        snprintf(out->why_none, sizeof out->why_none,
                 "SSH 経由の接続で、画面の情報 (DISPLAY や /sys/class/drm) がありません。");
    else if (s->x11)
        snprintf(out->why_none, sizeof out->why_none,
                 "DISPLAY は設定されていますが、xrandr が無いか応答せず、/sys/class/drm もありません。");
    else
        snprintf(out->why_none, sizeof out->why_none,
                 "画面の情報 (DISPLAY、WAYLAND_DISPLAY、/sys/class/drm) が見つかりません。");
}
