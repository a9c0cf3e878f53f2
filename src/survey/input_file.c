/* Inputs are opened so that a mistaken name can never hang the program:
 * `--password-file /dev/stdin`, a FIFO left in a folder or a folder given
 * as the answers file are refused with a sentence instead of a read that
 * waits for a writer that never comes. */
#include "nanbyo/input_file.h"
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

const char *nb_file_kind_text(mode_t mode)
{
    if (S_ISDIR(mode))
        return "フォルダー";
    if (S_ISFIFO(mode))
        return "名前付きパイプ (FIFO)";
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return "デバイス";
    if (S_ISSOCK(mode))
        return "ソケット";
    return "普通のファイルではないもの";
}

int nb_open_input(const char *path, struct stat *st)
{
    struct stat tmp;
    if (!st)
        st = &tmp;
    if (stat(path, st) != 0)
        return -1;
    if (!S_ISREG(st->st_mode)) {
        errno = NB_ENOTREG;
        return -1;
    }
    /* Checked again on the descriptor: the name may have been replaced by
     * a FIFO between stat and open, and O_NONBLOCK keeps that open from
     * waiting for a writer. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0)
        return -1;
    if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode)) {
        int e = S_ISREG(st->st_mode) ? errno : NB_ENOTREG;
        close(fd);
        errno = e;
        return -1;
    }
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0)
        fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    return fd;
}

int nb_input_check(const char *path, const char *what, nb_error *err)
{
    struct stat st;
    int fd = nb_open_input(path, &st);
    if (fd >= 0) {
        close(fd);
        return 0;
    }
    if (errno == NB_ENOTREG)
        nb_error_set(err, "%s %s は普通のファイルではありません (%sです)。ファイルを指定してください。", what, path,
                     nb_file_kind_text(st.st_mode));
    else if (errno == ENOENT)
        nb_error_set(err, "%s %s がありません。場所と名前を確かめてください。", what, path);
    else
        nb_error_set(err, "%s %s を開けません。ファイルと読み取り権限を確かめてください。", what, path);
    return -1;
}
