/* LD_PRELOAD shim for the crash-safety tests: makes every write to a
 * regular file fail with ENOSPC ("disk full"), as a fallback for machines
 * where the test cannot mount a tiny tmpfs (not root). Writes to terminals,
 * pipes and sockets pass through, so the program can still print its error.
 * Covers write/pwrite/writev and stdio's fwrite/fputs/fputc/fflush (glibc's
 * stdio writes through an internal call that LD_PRELOAD cannot catch).
 * With NB_FAILWRITE_UNLINKED=1 only files already unlinked fail (temp
 * files opened and removed at once, as libxlsxwriter stages its parts):
 * a full disk for the staging while the file itself can still be written. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <stdlib.h>
#include <sys/uio.h>
#include <unistd.h>

static int is_file(int fd)
{
    struct stat st;
    if (fd <= 2 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        return 0;
    const char *only = getenv("NB_FAILWRITE_UNLINKED");
    return !(only && *only == '1') || st.st_nlink == 0;
}

#define REAL(name) ((__typeof__(&name))dlsym(RTLD_NEXT, #name))

ssize_t write(int fd, const void *buf, size_t n)
{
    if (n && is_file(fd)) {
        errno = ENOSPC;
        return -1;
    }
    return REAL(write)(fd, buf, n);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
    if (n && is_file(fd)) {
        errno = ENOSPC;
        return -1;
    }
    return REAL(pwrite)(fd, buf, n, off);
}

ssize_t writev(int fd, const struct iovec *iov, int cnt)
{
    if (cnt && is_file(fd)) {
        errno = ENOSPC;
        return -1;
    }
    return REAL(writev)(fd, iov, cnt);
}

size_t fwrite(const void *buf, size_t size, size_t n, FILE *f)
{
    if (size && n && is_file(fileno(f))) {
        errno = ENOSPC;
        return 0;
    }
    return REAL(fwrite)(buf, size, n, f);
}

int fputs(const char *s, FILE *f)
{
    if (*s && is_file(fileno(f))) {
        errno = ENOSPC;
        return EOF;
    }
    return REAL(fputs)(s, f);
}

int fputc(int c, FILE *f)
{
    if (is_file(fileno(f))) {
        errno = ENOSPC;
        return EOF;
    }
    return REAL(fputc)(c, f);
}

int fflush(FILE *f)
{
    if (f && is_file(fileno(f))) {
        errno = ENOSPC;
        return EOF;
    }
    return REAL(fflush)(f);
}
