/* The answers file's lock. The lock file is made complete under a temp
 * name and hard-linked into place, so it appears whole or not at all
 * (link is atomic, also on NFS); its existence is the lock. A holder on
 * this host is alive when kill(pid, 0) finds it and its start time (from
 * /proc) still matches, so a reused pid does not keep a dead lock alive.
 * Taking over a stale lock is serialised with flock on the stale file, so
 * two questionnaires starting at once cannot both take it. */
#include "nanbyo/answers_lock.h"
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include "nanbyo/atomic_file.h"
#include "nanbyo/date.h"
#include "nanbyo/quote.h"
#include "nanbyo/xalloc.h"

struct nb_answers_lock {
    char path[PATH_MAX + 16];
    long pid;
};

static bool lock_path_of(const char *path, char *out, size_t n)
{
    char target[PATH_MAX], dir[PATH_MAX];
    if (nb_write_target(path, target, sizeof target) != 0)
        snprintf(target, sizeof target, "%s", path);
    const char *slash = strrchr(target, '/');
    if (!nb_dir_of(target, dir, sizeof dir))
        snprintf(dir, sizeof dir, ".");
    int w = snprintf(out, n, "%s/.%s.lock", dir, slash ? slash + 1 : target);
    return w > 0 && (size_t)w < n;
}

/* Field 22 of /proc/<pid>/stat: when the process started. 0 unknown. */
static unsigned long long proc_start(long pid)
{
    char p[64], buf[1024];
    snprintf(p, sizeof p, "/proc/%ld/stat", pid);
    FILE *f = fopen(p, "re");
    if (!f)
        return 0;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    char *s = strrchr(buf, ')'); /* the command name may hold spaces */
    if (!s)
        return 0;
    unsigned long long v = 0;
    /* after ") ": state is field 3, starttime field 22 */
    if (sscanf(s + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %*u %*u %*d %*d %*d %*d %*d %*d %llu", &v) != 1)
        return 0;
    return v;
}

static void this_host(char *out, size_t n)
{
    if (gethostname(out, n) != 0)
        snprintf(out, n, "?");
    out[n - 1] = '\0';
}

static void this_user(char *out, size_t n)
{
    struct passwd *pw = getpwuid(getuid());
    if (pw && pw->pw_name)
        snprintf(out, n, "%s", pw->pw_name);
    else
        snprintf(out, n, "uid %ld", (long)getuid());
}

static bool parse_holder(const char *text, nb_lock_holder *h)
{
    char line[512];
    const char *p = text;
    while (*p) {
        size_t k = strcspn(p, "\n");
        snprintf(line, sizeof line, "%.*s", (int)(k < sizeof line - 1 ? k : sizeof line - 1), p);
        char *eq = strchr(line, '=');
        if (eq) {
            *eq = '\0';
            const char *v = eq + 1;
            if (strcmp(line, "pid") == 0)
                h->pid = strtol(v, NULL, 10);
            else if (strcmp(line, "host") == 0)
                snprintf(h->host, sizeof h->host, "%s", v);
            else if (strcmp(line, "user") == 0)
                snprintf(h->user, sizeof h->user, "%s", v);
            else if (strcmp(line, "since") == 0)
                snprintf(h->since, sizeof h->since, "%s", v);
            else if (strcmp(line, "proc_start") == 0)
                h->proc_start = strtoull(v, NULL, 10);
        }
        p += k;
        if (*p)
            p++;
    }
    return h->pid > 0 && h->host[0];
}

/* Read a lock file: 1 parsed, 0 exists but unreadable/garbled, -1 gone. */
static int read_holder(const char *lock, nb_lock_holder *h)
{
    memset(h, 0, sizeof *h);
    snprintf(h->lock_path, sizeof h->lock_path, "%s", lock);
    nb_error e;
    char *text = nb_read_file(lock, 4096, NULL, &e);
    if (!text)
        return access(lock, F_OK) == 0 || errno != ENOENT ? 0 : -1;
    int ok = parse_holder(text, h) ? 1 : 0;
    free(text);
    return ok;
}

/* A holder we can prove dead: on this host, and no process with its pid
 * (or one that started at another time). */
static bool is_stale(const nb_lock_holder *h)
{
    char host[256];
    this_host(host, sizeof host);
    if (h->pid <= 0 || strcmp(h->host, host) != 0)
        return false;
    if (kill((pid_t)h->pid, 0) != 0 && errno == ESRCH)
        return true;
    unsigned long long now = proc_start(h->pid);
    return h->proc_start && now && now != h->proc_start;
}

/* Remove a stale lock unless someone else is doing so or it changed. */
static void remove_stale(const char *lock, const nb_lock_holder *seen)
{
    int fd = open(lock, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return;
    struct stat a, b;
    nb_lock_holder again;
    if (flock(fd, LOCK_EX | LOCK_NB) == 0 && fstat(fd, &a) == 0 && stat(lock, &b) == 0 &&
        a.st_ino == b.st_ino && a.st_dev == b.st_dev && read_holder(lock, &again) == 1 &&
        again.pid == seen->pid && again.proc_start == seen->proc_start && strcmp(again.host, seen->host) == 0)
        unlink(lock);
    close(fd);
}

static int write_lock_temp(const char *tmp, const char *content)
{
    unlink(tmp);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        return -1;
    size_t len = strlen(content);
    ssize_t w = write(fd, content, len);
    int e = (w < 0 || (size_t)w != len) ? (w < 0 ? errno : EIO) : 0;
    if (close(fd) != 0 && !e)
        e = errno;
    if (e) {
        unlink(tmp);
        errno = e;
        return -1;
    }
    return 0;
}

int nb_answers_lock_take(const char *path, nb_answers_lock **out, nb_lock_holder *holder, nb_error *err)
{
    *out = NULL;
    nb_answers_lock *l = xcalloc(1, sizeof *l);
    if (!lock_path_of(path, l->path, sizeof l->path)) {
        nb_error_set(err, "回答ファイル %.200s... の名前が長すぎて、ロックファイルを作れません。短い名前の場所に置いてください。", path);
        free(l);
        return NB_LOCK_ERROR;
    }
    l->pid = (long)getpid();
    char dir[PATH_MAX], tmp[PATH_MAX + 64];
    if (nb_dir_of(l->path, dir, sizeof dir))
        nb_mkdirs(dir, 0700);
    if (snprintf(tmp, sizeof tmp, "%s.%ld", l->path, l->pid) >= (int)sizeof tmp) {
        nb_error_set(err, "回答ファイル %.200s... の名前が長すぎて、ロックファイルを作れません。短い名前の場所に置いてください。", path);
        free(l);
        return NB_LOCK_ERROR;
    }
    char host[256], user[64], since[40], content[700];
    this_host(host, sizeof host);
    this_user(user, sizeof user);
    nb_now_jst(NB_ISO_JST_FORMAT, since, sizeof since);
    snprintf(content, sizeof content, "pid=%ld\nuser=%s\nhost=%s\nsince=%s\nproc_start=%llu\n", l->pid, user,
             host, since, proc_start(l->pid));
    if (write_lock_temp(tmp, content) != 0) {
        nb_error_set(err, "回答ファイル %s のロックファイル %s を作れません。%s", path, l->path, nb_errno_text(errno));
        free(l);
        return NB_LOCK_ERROR;
    }
    for (int attempt = 0; attempt < 8; attempt++) {
        if (link(tmp, l->path) == 0) {
            unlink(tmp);
            *out = l;
            return NB_LOCK_TAKEN;
        }
        if (errno != EEXIST) {
            /* A file system without hard links: exclusive create instead
             * (the content follows at once; a reader may see it empty). */
            int e = errno;
            int fd = (e == EPERM || e == ENOTSUP || e == EOPNOTSUPP || e == ENOSYS)
                         ? open(l->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644)
                         : -1;
            if (fd >= 0) {
                ssize_t w = write(fd, content, strlen(content));
                close(fd);
                (void)w;
                unlink(tmp);
                *out = l;
                return NB_LOCK_TAKEN;
            }
            if (fd < 0 && errno == EEXIST)
                goto held;
            unlink(tmp);
            nb_error_set(err, "回答ファイル %s のロックファイル %s を作れません。%s", path, l->path, nb_errno_text(e));
            free(l);
            return NB_LOCK_ERROR;
        }
    held:;
        int r = read_holder(l->path, holder);
        if (r < 0)
            continue; /* released meanwhile: try again */
        if (r == 1 && holder->pid == l->pid && strcmp(holder->host, host) == 0) {
            unlink(tmp); /* ours already (taken twice in one process) */
            *out = l;
            return NB_LOCK_TAKEN;
        }
        if (r == 1 && is_stale(holder)) {
            remove_stale(l->path, holder);
            continue;
        }
        break;
    }
    unlink(tmp);
    free(l);
    return NB_LOCK_HELD;
}

void nb_answers_lock_release(nb_answers_lock *l)
{
    if (!l)
        return;
    nb_lock_holder h;
    char host[256];
    this_host(host, sizeof host);
    if (read_holder(l->path, &h) == 1 && h.pid == l->pid && strcmp(h.host, host) == 0)
        unlink(l->path);
    free(l);
}

bool nb_answers_locked_by_other(const char *path, nb_lock_holder *holder)
{
    char lock[PATH_MAX + 16], host[256];
    if (!lock_path_of(path, lock, sizeof lock))
        return false;
    int r = read_holder(lock, holder);
    if (r < 0)
        return false;
    this_host(host, sizeof host);
    if (r == 1 && holder->pid == (long)getpid() && strcmp(holder->host, host) == 0)
        return false;
    return r == 0 || !is_stale(holder);
}

void nb_lock_holder_text(const nb_lock_holder *h, const char *path, char *buf, size_t n)
{
    /* everything but the pid came from a file: quoted, never raw */
    char host[256];
    this_host(host, sizeof host);
    if (h->pid <= 0) {
        snprintf(buf, n,
                 "回答ファイル %s はロックされていますが、ロックファイル %s の中身が読めません。ほかの画面で開いていないことを確かめてから、"
                 "ロックファイルを削除して開き直してください。",
                 NB_QUOTED(path, 300), NB_QUOTED(h->lock_path, 300));
        return;
    }
    char since[40];
    /* "2026-03-20T10:15:00+09:00" -> "2026-03-20 10:15" */
    snprintf(since, sizeof since, "%.10s %.5s", h->since, strlen(h->since) > 11 ? h->since + 11 : "");
    const char *user = h->user[0] ? h->user : "(不明)";
    if (strcmp(h->host, host) == 0)
        snprintf(buf, n,
                 "回答ファイル %s は、利用者 %s がこの PC で %s から開いています (プロセス番号 %ld)。"
                 "その画面で Ctrl-X を押して閉じてから、開き直してください。",
                 NB_QUOTED(path, 300), NB_QUOTED(user, 40), NB_QUOTED(since, 20), h->pid);
    else
        snprintf(buf, n,
                 "回答ファイル %s は、利用者 %s が別の PC「%s」で %s から開いています (プロセス番号 %ld)。"
                 "その PC の画面を閉じてから開き直してください。その PC で開いていないことが確かなら、ロックファイル %s を削除してから開いてください。",
                 NB_QUOTED(path, 300), NB_QUOTED(user, 40), NB_QUOTED(h->host, 80), NB_QUOTED(since, 20), h->pid,
                 NB_QUOTED(h->lock_path, 300));
}
