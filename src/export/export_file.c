/* Putting a finished output file in place atomically. libxlsxwriter 1.1.4
 * can only write to a named file (no memory output), so every output is
 * made at a temp path in the destination folder and renamed over the
 * target: a reader sees either the old file or the whole new one, never
 * half. The temp file is created with the process umask (the output gets
 * the owner's choice, or an existing file's mode: nb_atomic_commit), and
 * named ".nanbyo-export-<host>-<pid>-<n>.tmp" so that one left by a killed
 * export is provably ours and stale: the next export in that folder
 * removes those of this host whose process is gone and that we own. An
 * answers file another questionnaire has open is never written over. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "export_model.h"
#include "nanbyo/answers_lock.h"
#include "nanbyo/atomic_file.h"
#include "nanbyo/xalloc.h"

#define TEMP_PREFIX ".nanbyo-export-"

static void host_name(char *out, size_t n)
{
    if (gethostname(out, n) != 0 || !out[0])
        snprintf(out, n, "localhost");
    out[n - 1] = '\0';
    for (char *p = out; *p; p++)
        if (*p == '/')
            *p = '_';
}

/* ".nanbyo-export-<host>-<pid>-<n>.tmp" of this host, pid not running,
 * a regular file of ours: left by a killed export. */
static void remove_stale_export_temps(const char *dir)
{
    char host[256], prefix[300];
    host_name(host, sizeof host);
    int plen = snprintf(prefix, sizeof prefix, TEMP_PREFIX "%s-", host);
    if (plen > 0 && (size_t)plen < sizeof prefix)
        nb_remove_dead_temps(dir, prefix, true);
}

char *nb_export_temp(const char *path, nb_error *err)
{
    char target[PATH_MAX], dir[PATH_MAX], host[256];
    if (nb_write_target(path, target, sizeof target) != 0 || !nb_dir_of(target, dir, sizeof dir)) {
        nb_error_set(err, "「%s」を書き出せません。%s", path, nb_errno_read_text(errno == ELOOP ? ELOOP : ENAMETOOLONG));
        return NULL;
    }
    nb_mkdirs(dir, 0700);
    remove_stale_export_temps(dir);
    host_name(host, sizeof host);
    static unsigned long seq;
    for (int tries = 0; tries < 100; tries++) {
        char *tmp = xasprintf("%s/" TEMP_PREFIX "%s-%ld-%lu.tmp", dir, host, (long)getpid(), ++seq);
        int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd >= 0) {
            close(fd);
            return tmp;
        }
        int e = errno;
        free(tmp);
        if (e != EEXIST) {
            nb_error_set(err, "「%s」を書き出せません。%s", path, nb_errno_text(e));
            return NULL;
        }
    }
    nb_error_set(err, "「%s」を書き出せません。%s", path, nb_errno_text(EEXIST));
    return NULL;
}

int nb_export_commit(const char *tmp, const char *path, nb_error *err)
{
    nb_lock_holder h;
    if (nb_answers_locked_by_other(path, &h)) {
        char who[2048];
        nb_lock_holder_text(&h, path, who, sizeof who);
        unlink(tmp);
        nb_error_set(err, "「%s」はほかの画面で開かれている回答ファイルなので、書き出しで上書きしません。別の名前を指定してください。(%.800s)",
                     path, who);
        return -1;
    }
    /* a new output gets 0644 less the umask; an existing one keeps its mode */
    return nb_atomic_commit(tmp, path, 0644, err);
}

int nb_export_write(const char *path, const void *data, size_t len, nb_error *err)
{
    char *tmp = nb_export_temp(path, err);
    if (!tmp)
        return -1;
    int fd = open(tmp, O_WRONLY | O_TRUNC | O_CLOEXEC);
    int e = fd < 0 || nb_write_all(fd, data, len) != 0 ? errno : 0;
    if (fd >= 0 && close(fd) != 0 && !e)
        e = errno;
    if (e) {
        unlink(tmp);
        free(tmp);
        nb_error_set(err, "「%s」を書き出せません (前の内容はそのまま残っています)。%s", path, nb_errno_text(e));
        return -1;
    }
    int rc = nb_export_commit(tmp, path, err);
    free(tmp);
    return rc;
}
