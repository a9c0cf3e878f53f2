/* Free-disk probe: space available to this user (not to root) on the home
 * folder's volume, on the system volume when that is a different
 * filesystem, and on the Downloads folder (XDG_DOWNLOAD_DIR) when that is
 * yet another one (a redirected folder with a quota, say). */
#include "nanbyo/probe.h"
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

static int real_statvfs(const char *path, nb_fs_space *out)
{
    struct statvfs v;
    struct stat st;
    if (statvfs(path, &v) != 0 || stat(path, &st) != 0)
        return -1;
    out->avail = (uint64_t)v.f_bavail * v.f_frsize;
    out->total = (uint64_t)v.f_blocks * v.f_frsize;
    out->fsid = (uint64_t)st.st_dev;
    return 0;
}

static void measure(const nb_probe_ctx *ctx, nb_volume *vol, const char *label, const char *abs)
{
    char path[1024];
    memset(vol, 0, sizeof *vol);
    snprintf(vol->label, sizeof vol->label, "%s", label);
    snprintf(vol->path, sizeof vol->path, "%s", abs);
    int (*fn)(const char *, nb_fs_space *) = ctx && ctx->statvfs_fn ? ctx->statvfs_fn : real_statvfs;
    if (fn(nb_probe_path(ctx, abs, path, sizeof path), &vol->space) == 0) {
        vol->ok = true;
    } else {
        int e = errno;
        snprintf(vol->err, sizeof vol->err, "%s",
                 e == ENOENT ? "フォルダーがありません" :
                 e == EACCES ? "読み取る権限がありません" : "空き容量を読み取れません");
    }
}

/* XDG_DOWNLOAD_DIR from user-dirs.dirs, "$HOME/..." expanded. */
static bool download_dir(const nb_probe_ctx *ctx, const char *home, char *out, size_t n)
{
    char path[512], buf[8192];
    const char *cfg = nb_probe_getenv(ctx, "XDG_CONFIG_HOME");
    if (cfg && cfg[0] == '/')
        snprintf(path, sizeof path, "%.400s/user-dirs.dirs", cfg);
    else
        snprintf(path, sizeof path, "%.400s/.config/user-dirs.dirs", home);
    if (nb_probe_read(ctx, path, buf, sizeof buf) <= 0)
        return false;
    char *save = NULL;
    for (char *line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (strncmp(line, "XDG_DOWNLOAD_DIR=\"", 18) != 0)
            continue;
        char *v = line + 18, *end = strchr(v, '"');
        if (!end)
            return false;
        *end = '\0';
        if (strncmp(v, "$HOME/", 6) == 0)
            snprintf(out, n, "%.250s/%.250s", home, v + 6);
        else if (v[0] == '/')
            snprintf(out, n, "%.500s", v);
        else
            return false;
        return strcmp(out, home) != 0;
    }
    return false;
}

void nb_probe_disk(const nb_probe_ctx *ctx, nb_disk_facts *out)
{
    memset(out, 0, sizeof *out);
    const char *home = nb_probe_getenv(ctx, "HOME");
    if (!home && !(ctx && ctx->env)) {
        struct passwd *pw = getpwuid(getuid());
        if (pw && pw->pw_dir && pw->pw_dir[0] == '/')
            home = pw->pw_dir;
    }
    size_t n = 0;
    if (home && home[0] == '/')
        measure(ctx, &out->v[n++], "ホーム", home);
    measure(ctx, &out->v[n], "システム", "/");
    /* Same filesystem as the home folder: one line is enough. */
    if (!(n == 1 && out->v[0].ok && out->v[1].ok && out->v[0].space.fsid == out->v[1].space.fsid))
        n++;
    char dl[512];
    if (home && home[0] == '/' && download_dir(ctx, home, dl, sizeof dl)) {
        nb_volume v;
        measure(ctx, &v, "ダウンロード", dl);
        bool seen = false;
        for (size_t i = 0; i < n; i++)
            seen = seen || (v.ok && out->v[i].ok && out->v[i].space.fsid == v.space.fsid);
        if (v.ok && !seen)
            out->v[n++] = v;
    }
    out->n = n;
}
