/* Writing a file so that readers see either the old or the new complete
 * version: temp file in the same folder, fsync, rename, fsync folder. */
#ifndef NANBYO_ATOMIC_FILE_H
#define NANBYO_ATOMIC_FILE_H
#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include "nanbyo/error.h"

/* mode is for a new file (e.g. 0644, 0600), less the process umask; an
 * existing file keeps its own mode. A symlink at path is written through
 * to its target and stays a symlink. Creates missing parent folders
 * (0700). Returns 0, or -1 with err naming the file in Japanese. */
int nb_atomic_write(const char *path, const void *data, size_t len, int mode, nb_error *err);
/* The same, filling *written (may be NULL) with the new file's identity. */
int nb_atomic_write_stat(const char *path, const void *data, size_t len, int mode, struct stat *written,
                         nb_error *err);

/* Put a finished temp file (made in the target's folder) in place: fsync,
 * chmod (as nb_atomic_write), rename over path, fsync the folder. For writers that can
 * only write to a named file (libxlsxwriter). The temp file is removed on
 * failure. Returns 0, or -1 with err naming path in Japanese. */
int nb_atomic_commit(const char *tmp, const char *path, int mode, nb_error *err);
/* The same, filling *written (may be NULL) with the new file's identity
 * (device, inode, size, mtime) as it was renamed into place. */
int nb_atomic_commit_stat(const char *tmp, const char *path, int mode, struct stat *written, nb_error *err);

/* Where a write to path lands: path itself, or the end of its chain of
 * symlinks (followed even when the last one dangles). 0, or -1 with errno
 * (ELOOP, ENAMETOOLONG). */
int nb_write_target(const char *path, char *out, size_t n);

/* write(2) until all of data is written (EINTR retried). 0, or -1 with errno. */
int nb_write_all(int fd, const void *data, size_t len);

/* A Japanese sentence saying what an errno from writing a file means and
 * what to do (never the system's English text). */
const char *nb_errno_text(int e);
/* The same for reading, opening and moving: a short Japanese reason with
 * what to do, for a file that could not be opened or read (never
 * strerror's English). Unknown numbers give "(エラー番号 N)". */
const char *nb_errno_read_text(int err);

/* Read a whole file (NUL-terminated, malloc'd). NULL with err on failure;
 * files over max_bytes are refused. */
char *nb_read_file(const char *path, size_t max_bytes, size_t *len, nb_error *err);
/* The same, filling *st with the identity of what was read. A FIFO, device
 * or folder is refused at once (nb_open_input). */
char *nb_read_file_stat(const char *path, size_t max_bytes, size_t *len, struct stat *st, nb_error *err);

/* Remove temp files a killed writer left in dir: named prefix, then a pid
 * (then "-<n>.tmp" when counted), of a process that is gone (never this
 * one's), regular files owned by this user. Only names with this host's
 * prefix are ours to judge: pids mean nothing across hosts. */
void nb_remove_dead_temps(const char *dir, const char *prefix, bool counted);

/* The folder a file goes in: "a/b/c.json" -> "a/b", "/c" -> "/",
 * "c.json" -> ".". False (dir untouched) when it does not fit in n. */
bool nb_dir_of(const char *path, char *dir, size_t n);

/* mkdir -p with mode. */
int nb_mkdirs(const char *dir, int mode);

#endif
