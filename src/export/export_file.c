/* Putting a finished output file in place atomically. libxlsxwriter 1.1.4
 * can only write to a named file (no memory output), so the xlsx is made
 * at a temp path in the destination folder and renamed over the target:
 * a reader sees either the old file or the whole new one, never half. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "export_model.h"
#include "nanbyo/atomic_file.h"

char *nb_export_temp(const char *path, nb_error *err)
{
    char dir[PATH_MAX];
    if (!nb_dir_of(path, dir, sizeof dir)) {
        nb_error_set(err, "「%s」を書き出せません。%s", path, nb_errno_text(ENAMETOOLONG));
        return NULL;
    }
    nb_mkdirs(dir, 0700);
    char *tmp = nb_export_strf("%s/.nanbyo-export-XXXXXX", dir);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        nb_error_set(err, "「%s」を書き出せません。%s", path, nb_errno_text(errno));
        free(tmp);
        return NULL;
    }
    close(fd);
    return tmp;
}

int nb_export_commit(const char *tmp, const char *path, nb_error *err)
{
    /* mkstemp makes 0600; an output is an ordinary document. */
    return nb_atomic_commit(tmp, path, 0644, err);
}

int nb_export_write(const char *path, const void *data, size_t len, nb_error *err)
{
    return nb_atomic_write(path, data, len, 0644, err);
}
