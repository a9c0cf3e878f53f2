/* Putting a finished output file in place atomically. libxlsxwriter 1.1.4
 * can only write to a named file (no memory output), so the xlsx is made
 * at a temp path in the destination folder and renamed over the target:
 * a reader sees either the old file or the whole new one, never half. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "export_model.h"
#include "nanbyo/atomic_file.h"

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    if (slash == path)
        return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

char *nb_export_temp(const char *path, nb_error *err)
{
    char *dir = dir_of(path);
    nb_mkdirs(dir, 0700);
    char *tmp = nb_export_strf("%s/.nanbyo-export-XXXXXX", dir);
    free(dir);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        nb_error_set(err, "「%s」を書き出せません (%s)。フォルダがあるか、書き込めるかを確かめてください。",
                     path, strerror(errno));
        free(tmp);
        return NULL;
    }
    close(fd);
    return tmp;
}

int nb_export_commit(const char *tmp, const char *path, nb_error *err)
{
    int fd = open(tmp, O_RDWR);
    if (fd < 0 || fsync(fd) != 0) {
        int e = errno;
        if (fd >= 0)
            close(fd);
        unlink(tmp);
        nb_error_set(err, "「%s」を書き出せません (%s)。空き容量と書き込み権限を確かめてください。", path,
                     strerror(e));
        return -1;
    }
    /* mkstemp makes 0600; an output is an ordinary document. */
    fchmod(fd, 0644);
    close(fd);
    if (rename(tmp, path) != 0) {
        int e = errno;
        unlink(tmp);
        nb_error_set(err, "「%s」を書き出せません (%s)。フォルダに書き込めるかを確かめてください。", path,
                     strerror(e));
        return -1;
    }
    char *dir = dir_of(path);
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
    free(dir);
    return 0;
}

int nb_export_write(const char *path, const void *data, size_t len, nb_error *err)
{
    nb_error inner = {{0}};
    if (nb_atomic_write(path, data, len, 0644, &inner) == 0)
        return 0;
    /* The foundation's message may name only the folder: name the file. */
    if (strstr(inner.msg, path))
        nb_error_set(err, "%s", inner.msg);
    else
        nb_error_set(err, "「%s」を書き出せません。%s", path, inner.msg);
    return -1;
}
