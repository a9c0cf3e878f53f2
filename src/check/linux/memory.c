/* Memory probe for Linux. The usable figure (MemTotal) is always below
 * what is installed, so we look for an installed figure that needs no
 * root first: the udev DMI database (what GNOME's "About" shows), then the
 * kernel's memory blocks. MemTotal is kept beside it either way. */
#include "nanbyo/probe.h"
#include <dirent.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SANE_MAX (16ULL << 40) /* 16 TiB: anything above is a broken figure */

static bool sane(uint64_t b) { return b > 0 && b <= SANE_MAX; }

/* /run/udev/data/+dmi:id: E:MEMORY_DEVICE_<n>_SIZE=<bytes> */
static uint64_t udev_dmi(const nb_probe_ctx *ctx, int *modules)
{
    char buf[32768];
    *modules = 0;
    if (nb_probe_read(ctx, "/run/udev/data/+dmi:id", buf, sizeof buf) <= 0)
        return 0;
    uint64_t sum = 0;
    for (char *line = buf; line && *line;) {
        char *eol = strchr(line, '\n');
        if (eol)
            *eol = '\0';
        const char *p = line;
        if (strncmp(p, "E:MEMORY_DEVICE_", 16) == 0) {
            p += 16;
            while (*p >= '0' && *p <= '9')
                p++;
            if (strncmp(p, "_SIZE=", 6) == 0) {
                char *end;
                unsigned long long v = strtoull(p + 6, &end, 10);
                if (end != p + 6 && *end == '\0' && v > 0 && v <= SANE_MAX) {
                    sum += v;
                    (*modules)++;
                }
            }
        }
        line = eol ? eol + 1 : NULL;
    }
    return sane(sum) ? sum : 0;
}

/* /sys/devices/system/memory: online blocks x block_size_bytes (hex). */
static uint64_t mem_blocks(const nb_probe_ctx *ctx, int *blocks, uint64_t *bsize)
{
    char buf[64], path[1024];
    *blocks = 0;
    *bsize = 0;
    if (nb_probe_read(ctx, "/sys/devices/system/memory/block_size_bytes", buf, sizeof buf) <= 0)
        return 0;
    char *end;
    unsigned long long bs = strtoull(buf, &end, 16);
    if (end == buf || bs == 0 || bs > SANE_MAX)
        return 0;
    DIR *d = opendir(nb_probe_path(ctx, "/sys/devices/system/memory", path, sizeof path));
    if (!d)
        return 0;
    struct dirent *e;
    int n = 0;
    while ((e = readdir(d))) {
        if (strncmp(e->d_name, "memory", 6) != 0 || e->d_name[6] < '0' || e->d_name[6] > '9')
            continue;
        char f[320];
        snprintf(f, sizeof f, "/sys/devices/system/memory/%s/online", e->d_name);
        if (nb_probe_read(ctx, f, buf, sizeof buf) > 0) {
            if (buf[0] == '1')
                n++;
            continue;
        }
        snprintf(f, sizeof f, "/sys/devices/system/memory/%s/state", e->d_name);
        if (nb_probe_read(ctx, f, buf, sizeof buf) > 0 && strncmp(buf, "online", 6) == 0)
            n++;
    }
    closedir(d);
    *blocks = n;
    *bsize = bs;
    uint64_t total = (uint64_t)n * bs;
    return sane(total) ? total : 0;
}

void nb_probe_memory(const nb_probe_ctx *ctx, nb_mem_facts *out)
{
    memset(out, 0, sizeof *out);
    char buf[8192];
    if (nb_probe_read(ctx, "/proc/meminfo", buf, sizeof buf) > 0) {
        const char *p = strstr(buf, "MemTotal:");
        if (p) {
            char *end;
            unsigned long long kb = strtoull(p + 9, &end, 10);
            if (end != p + 9 && strncmp(end, " kB", 3) == 0 && kb <= SANE_MAX / 1024 && kb > 0) {
                out->usable = (uint64_t)kb * 1024;
                snprintf(out->usable_src, sizeof out->usable_src,
                         "/proc/meminfo MemTotal %llu kB", kb);
            }
        }
    }
    int modules = 0, blocks = 0;
    uint64_t bsize = 0, v;
    if ((v = udev_dmi(ctx, &modules)) > 0) {
        out->installed = v;
        snprintf(out->installed_src, sizeof out->installed_src,
                 "/run/udev/data/+dmi:id (メモリ %d 枚の合計)", modules);
    } else if ((v = mem_blocks(ctx, &blocks, &bsize)) > 0) {
        out->installed = v;
        snprintf(out->installed_src, sizeof out->installed_src,
                 "/sys/devices/system/memory (%d ブロック x %" PRIu64 " MiB)", blocks, bsize >> 20);
    }
    /* A block count below MemTotal means the sysfs view is partial. */
    if (out->installed && out->usable && out->installed < out->usable) {
        out->installed = 0;
        out->installed_src[0] = '\0';
    }
}
