/* The probe context: every file a probe reads and every environment
 * variable it looks at goes through here, so tests can swap the real
 * system for a fixture tree and an invented environment. */
#include "nanbyo/probe.h"
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

const char *nb_probe_path(const nb_probe_ctx *ctx, const char *abs, char *buf, size_t n)
{
    const char *root = ctx && ctx->root ? ctx->root : "";
    size_t rl = strlen(root);
    while (rl > 0 && root[rl - 1] == '/')
        rl--;
    snprintf(buf, n, "%.*s%s", (int)rl, root, abs);
    return buf;
}

const char *nb_probe_getenv(const nb_probe_ctx *ctx, const char *name)
{
    const char *v = NULL;
    if (ctx && ctx->env) {
        size_t nl = strlen(name);
        for (const char *const *e = ctx->env; *e; e++)
            if (strncmp(*e, name, nl) == 0 && (*e)[nl] == '=') {
                v = *e + nl + 1;
                break;
            }
    } else {
        v = getenv(name);
    }
    return v && *v ? v : NULL;
}

long nb_probe_read(const nb_probe_ctx *ctx, const char *abs, char *buf, size_t n)
{
    char path[1024];
    if (n == 0)
        return -1;
    buf[0] = '\0';
    int fd = open(nb_probe_path(ctx, abs, path, sizeof path), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return -1;
    size_t got = 0;
    while (got < n - 1) {
        ssize_t r = read(fd, buf + got, n - 1 - got);
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    buf[got] = '\0';
    return (long)got;
}

bool nb_probe_exists(const nb_probe_ctx *ctx, const char *abs)
{
    char path[1024];
    struct stat st;
    return stat(nb_probe_path(ctx, abs, path, sizeof path), &st) == 0;
}

int64_t nb_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
