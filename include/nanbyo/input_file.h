/* Opening a file the user named as an input (answers, definition, .ovpn,
 * smtp.conf, password file, CA file) without ever blocking: a FIFO, a
 * device or a folder given by mistake is refused at once, never opened for
 * a read that waits forever. */
#ifndef NANBYO_INPUT_FILE_H
#define NANBYO_INPUT_FILE_H
#include <sys/stat.h>
#include "nanbyo/error.h"

/* Open path read-only (O_CLOEXEC) if it is a regular file. Checks with
 * stat first (a device is never opened), opens with O_NONBLOCK (a FIFO
 * swapped in meanwhile does not wait for a writer), checks again with
 * fstat, then clears O_NONBLOCK. Returns the descriptor and fills *st
 * (may be NULL); -1 with errno from open/stat, or errno NB_ENOTREG and
 * *st filled when the file is not regular (see nb_file_kind_text). */
#define NB_ENOTREG (-1000) /* errno value: exists but is not a regular file */
int nb_open_input(const char *path, struct stat *st);

/* What a non-regular file is, in Japanese ("フォルダー", "名前付きパイプ (FIFO)",
 * "デバイス", "ソケット", "普通のファイルではないもの"). */
const char *nb_file_kind_text(mode_t mode);

/* 0 when path opens as a regular file (then closed again), else -1 with
 * err: "<what> <path> は名前付きパイプ (FIFO) で…" and what to do. For
 * files another library opens later (libcurl's CA file). */
int nb_input_check(const char *path, const char *what, nb_error *err);

#endif
