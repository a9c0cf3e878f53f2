/* Atomic file replacement and bounded whole-file reads. A clerk's answers
 * must survive a crash at any instant: we write a temp file beside the
 * target, fsync it, rename over the target, then fsync the folder so the
 * rename itself is durable. The file keeps its owner's choices: a symlink
 * is written through to its target (and stays a symlink), an existing
 * file keeps its mode, a new one gets the requested mode less the umask. */
#include "nanbyo/atomic_file.h"
#include "nanbyo/buf.h"
#include "nanbyo/input_file.h"
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "nanbyo/quote.h"

const char *nb_errno_text(int e)
{
    switch (e) {
    case ENOSPC:
    case EDQUOT:
        return "ディスクの空きがありません。不要なファイルを消して空きを作ってください。";
    case EACCES:
    case EPERM:
        return "書き込む権限がありません。保存先のフォルダーを確かめてください。";
    case EROFS:
        return "読み取り専用の場所です。別の保存先を選んでください。";
    case ENOENT:
    case ENOTDIR:
        return "フォルダーがありません。保存先を確かめてください。";
    case EISDIR:
        return "同じ名前のフォルダーがあります。別の名前にしてください。";
    case ENAMETOOLONG:
        return "ファイル名が長すぎます。";
    default:
        return "保存先を確かめてください。";
    }
}

const char *nb_errno_read_text(int e)
{
    static _Thread_local char other[80];
    switch (e) {
    case ENOENT:
        return "ファイルがありません。名前と場所を確かめてください。";
    case ENOTDIR:
        return "途中の名前がフォルダーではありません。場所を確かめてください。";
    case EACCES:
    case EPERM:
        return "読み書きする権限がありません。ファイルとフォルダーの権限 (ls -l) を確かめてください。";
    case EISDIR:
        return "ファイルではなくフォルダーです。ファイルを指定してください。";
    case ELOOP:
        return "シンボリックリンクが循環しています。リンク先を確かめてください。";
    case ENAMETOOLONG:
        return "ファイル名が長すぎます。短い名前の場所に置いてください。";
    case EMFILE:
    case ENFILE:
        return "開いているファイルが多すぎます。ほかのプログラムを閉じてからやり直してください。";
    case EIO:
        return "ディスクの読み書きに失敗しました (入出力エラー)。ディスクやUSBメモリの状態を確かめてください。";
    case ENOMEM:
        return "メモリが足りません。ほかのプログラムを閉じてからやり直してください。";
    case EBUSY:
    case ETXTBSY:
        return "ほかのプログラムが使っています。しばらくしてからやり直してください。";
    case EAGAIN:
        return "ほかの処理が使っています (ロック中)。しばらくしてからやり直してください。";
    case EROFS:
        return "読み取り専用の場所です。別の場所を使ってください。";
    case ENOSPC:
    case EDQUOT:
        return "ディスクの空きがありません。不要なファイルを消して空きを作ってください。";
    case EEXIST:
        return "同じ名前のものがすでにあります。";
    case EXDEV:
        return "別のディスクへは移せません。同じディスクの中で移してください。";
    default:
        snprintf(other, sizeof other, "(エラー番号 %d)", e);
        return other;
    }
}

bool nb_dir_of(const char *path, char *dir, size_t n)
{
    const char *slash = strrchr(path, '/');
    size_t len = !slash ? 1 : slash == path ? 1 : (size_t)(slash - path);
    if (len >= n)
        return false;
    if (!slash)
        strcpy(dir, ".");
    else
        snprintf(dir, n, "%.*s", (int)len, path);
    return true;
}

int nb_mkdirs(const char *dir, int mode)
{
    char buf[PATH_MAX];
    if (snprintf(buf, sizeof buf, "%s", dir) >= (int)sizeof buf) {
        errno = ENAMETOOLONG;
        return -1;
    }
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, (mode_t)mode) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    if (mkdir(buf, (mode_t)mode) != 0 && errno != EEXIST)
        return -1;
    return 0;
}

int nb_write_target(const char *path, char *out, size_t n)
{
    char cur[PATH_MAX], link[PATH_MAX];
    if (snprintf(cur, sizeof cur, "%s", path) >= (int)sizeof cur) {
        errno = ENAMETOOLONG;
        return -1;
    }
    /* 40 hops, as the kernel allows, then ELOOP */
    for (int hop = 0; hop < 40; hop++) {
        ssize_t k = readlink(cur, link, sizeof link - 1);
        if (k < 0) {
            if (errno != EINVAL && errno != ENOENT)
                return -1;
            if (snprintf(out, n, "%s", cur) >= (int)n) {
                errno = ENAMETOOLONG;
                return -1;
            }
            return 0; /* not a symlink (or not there yet): the target itself */
        }
        link[k] = '\0';
        char next[PATH_MAX], dir[PATH_MAX];
        int w;
        if (link[0] == '/' || !nb_dir_of(cur, dir, sizeof dir))
            w = snprintf(next, sizeof next, "%s", link);
        else
            w = snprintf(next, sizeof next, "%s/%s", dir, link);
        if (w < 0 || w >= (int)sizeof next) {
            errno = ENAMETOOLONG;
            return -1;
        }
        memcpy(cur, next, (size_t)w + 1);
    }
    errno = ELOOP;
    return -1;
}

/* The process umask without changing it for other threads: Linux shows it
 * in /proc/self/status; elsewhere the set-and-restore pair is the only way. */
static mode_t process_umask(void)
{
    FILE *f = fopen("/proc/self/status", "re");
    if (f) {
        char line[256];
        unsigned m;
        while (fgets(line, sizeof line, f))
            if (sscanf(line, "Umask: %o", &m) == 1) {
                fclose(f);
                return (mode_t)m;
            }
        fclose(f);
    }
    mode_t m = umask(022);
    umask(m);
    return m;
}

int nb_write_all(int fd, const void *data, size_t len)
{
    const char *p = data;
    while (len > 0) {
        ssize_t w = write(fd, p, len);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

void nb_remove_dead_temps(const char *dir, const char *prefix, bool counted)
{
    size_t plen = strlen(prefix);
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strncmp(e->d_name, prefix, plen) != 0)
            continue;
        char *end = NULL;
        long pid = strtol(e->d_name + plen, &end, 10);
        unsigned long seq;
        int used = 0;
        if (!end || pid <= 0 || pid == (long)getpid())
            continue;
        if (counted ? sscanf(end, "-%lu.tmp%n", &seq, &used) != 1 || end[used] != '\0' : *end != '\0')
            continue;
        if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue; /* still running (another save in progress) */
        char path[PATH_MAX];
        struct stat st;
        if (snprintf(path, sizeof path, "%s/%s", dir, e->d_name) >= (int)sizeof path ||
            lstat(path, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != getuid())
            continue;
        unlink(path);
    }
    closedir(d);
}

/* A save killed between creating its temp file and the rename leaves
 * ".<name>.tmp.<pid>" behind. The next save removes those whose process is
 * gone, so crashes do not pile up hidden files in the clerk's folder. */
static void remove_stale_temps(const char *dir, const char *base)
{
    char prefix[NAME_MAX + 8];
    int plen = snprintf(prefix, sizeof prefix, ".%s.tmp.", base);
    if (plen > 0 && (size_t)plen < sizeof prefix)
        nb_remove_dead_temps(dir, prefix, false);
}

int nb_atomic_write(const char *path, const void *data, size_t len, int mode, nb_error *err)
{
    return nb_atomic_write_stat(path, data, len, mode, NULL, err);
}

int nb_atomic_write_stat(const char *path, const void *data, size_t len, int mode, struct stat *written,
                         nb_error *err)
{
    char target[PATH_MAX], dir[PATH_MAX], tmp[2 * PATH_MAX + 32];
    if (nb_write_target(path, target, sizeof target) != 0) {
        if (errno == ELOOP)
            nb_error_set(err, "ファイル %s を保存できません。%s", path, nb_errno_read_text(ELOOP));
        else
            nb_error_set(err, "ファイル %s の名前が長すぎます。短い名前にしてください。", NB_QUOTED(path, 200));
        return -1;
    }
    if (strlen(target) >= sizeof dir || !nb_dir_of(target, dir, sizeof dir)) {
        nb_error_set(err, "ファイル %s の名前が長すぎます。短い名前にしてください。", NB_QUOTED(path, 200));
        return -1;
    }
    if (nb_mkdirs(dir, 0700) != 0) {
        nb_error_set(err, "ファイル %s を保存できません。フォルダー %s を作れません。%s", path, dir, nb_errno_text(errno));
        return -1;
    }
    const char *slash = strrchr(target, '/');
    const char *base = slash ? slash + 1 : target;
    remove_stale_temps(dir, base);
    snprintf(tmp, sizeof tmp, "%s/.%s.tmp.%ld", dir, base, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, (mode_t)mode);
    if (fd < 0 && errno == EEXIST) {
        unlink(tmp);
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, (mode_t)mode);
    }
    if (fd < 0) {
        nb_error_set(err, "ファイル %s を保存できません。%s", path, nb_errno_text(errno));
        return -1;
    }
    int e = 0;
    if (nb_write_all(fd, data, len) != 0)
        e = errno;
    if (close(fd) != 0 && !e)
        e = errno;
    if (e) {
        unlink(tmp);
        nb_error_set(err, "ファイル %s を保存できません (前の内容はそのまま残っています)。%s", path, nb_errno_text(e));
        return -1;
    }
    return nb_atomic_commit_stat(tmp, path, mode, written, err);
}

int nb_atomic_commit(const char *tmp, const char *path, int mode, nb_error *err)
{
    return nb_atomic_commit_stat(tmp, path, mode, NULL, err);
}

/* The mode the new version gets: an existing file's own (and its group,
 * when we may set it), else the requested mode less the umask. Refuses to
 * replace what is not a regular file (a FIFO or a device would be
 * silently swapped for a file). */
static int choose_mode(int fd, const char *target, int mode, const char *path, nb_error *err)
{
    struct stat old;
    if (stat(target, &old) != 0) {
        if (errno != ENOENT)
            return 0; /* rename will report what is wrong */
        return fchmod(fd, (mode_t)mode & ~process_umask()) == 0 ? 0 : errno;
    }
    if (!S_ISREG(old.st_mode)) {
        nb_error_set(err, "%s は%sで、普通のファイルではないため上書きしません。ファイル名を指定してください。", path,
                     nb_file_kind_text(old.st_mode));
        return -1;
    }
    if (fchown(fd, (uid_t)-1, old.st_gid) != 0) {
        /* not a member of that group: the file keeps ours */
    }
    return fchmod(fd, old.st_mode & 07777) == 0 ? 0 : errno;
}

int nb_atomic_commit_stat(const char *tmp, const char *path, int mode, struct stat *written, nb_error *err)
{
    char target[PATH_MAX];
    if (nb_write_target(path, target, sizeof target) != 0) {
        int le = errno;
        unlink(tmp);
        nb_error_set(err, "ファイル %s を保存できません (前の内容はそのまま残っています)。%s", path, nb_errno_read_text(le));
        return -1;
    }
    int e = 0;
    int fd = open(tmp, O_RDWR | O_CLOEXEC);
    if (fd < 0 || fsync(fd) != 0)
        e = errno;
    if (!e) {
        e = choose_mode(fd, target, mode, path, err);
        if (e < 0) {
            close(fd);
            unlink(tmp);
            return -1;
        }
    }
    if (!e && written && fstat(fd, written) != 0)
        e = errno;
    if (fd >= 0 && close(fd) != 0 && !e)
        e = errno;
    if (!e && rename(tmp, target) != 0)
        e = errno;
    if (e) {
        unlink(tmp);
        nb_error_set(err, "ファイル %s を保存できません (前の内容はそのまま残っています)。%s", path, nb_errno_text(e));
        return -1;
    }
    /* fsync the folder so that the rename itself survives a power cut */
    char dir[PATH_MAX];
    int dfd = nb_dir_of(target, dir, sizeof dir) ? open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
    return 0;
}

char *nb_read_file(const char *path, size_t max_bytes, size_t *len, nb_error *err)
{
    return nb_read_file_stat(path, max_bytes, len, NULL, err);
}

char *nb_read_file_stat(const char *path, size_t max_bytes, size_t *len, struct stat *stp, nb_error *err)
{
    struct stat st;
    int fd = nb_open_input(path, &st);
    if (fd < 0) {
        if (errno == ENOENT)
            nb_error_set(err, "ファイル %s がありません。名前と場所を確かめてください。", path);
        else if (errno == NB_ENOTREG)
            nb_error_set(err, "%s は普通のファイルではありません (%sです)。ファイルを指定してください。", path,
                         nb_file_kind_text(st.st_mode));
        else
            nb_error_set(err, "ファイル %s を開けません。%s", path, nb_errno_read_text(errno));
        return NULL;
    }
    if (stp)
        *stp = st;
    if ((size_t)st.st_size > max_bytes) {
        close(fd);
        nb_error_set(err, "ファイル %s が大きすぎます (%lld バイト)。正しいファイルか確かめてください。", path,
                     (long long)st.st_size);
        return NULL;
    }
    /* The size is only a hint: the file may grow while it is read. */
    nb_buf buf = NB_BUF_INIT;
    nb_buf_grow(&buf, (size_t)st.st_size);
    for (;;) {
        if (buf.len > max_bytes) {
            nb_buf_release(&buf);
            close(fd);
            nb_error_set(err, "ファイル %s が大きすぎます。正しいファイルか確かめてください。", path);
            return NULL;
        }
        nb_buf_grow(&buf, 1);
        ssize_t r = read(fd, buf.data + buf.len, buf.alloc - buf.len - 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            int e = errno;
            nb_buf_release(&buf);
            close(fd);
            nb_error_set(err, "ファイル %s を読めません。%s", path, nb_errno_text(e));
            return NULL;
        }
        if (r == 0)
            break;
        nb_buf_setlen(&buf, buf.len + (size_t)r);
    }
    close(fd);
    return nb_buf_detach(&buf, len);
}
