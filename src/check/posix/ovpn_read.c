/* Reading an .ovpn file on POSIX systems; the parser (ovpn.c) is shared
 * with nanbyo-check.exe, which reads the file with the Windows API. */
#include "../ovpn.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "nanbyo/input_file.h"
#include "nanbyo/xalloc.h"

int nb_ovpn_read(const char *path, nb_ovpn *out, nb_error *err)
{
    memset(out, 0, sizeof *out);
    /* A FIFO or device given as the .ovpn is refused, never waited on. */
    struct stat st;
    int fd = nb_open_input(path, &st);
    if (fd < 0 && errno == NB_ENOTREG) {
        char why[160];
        snprintf(why, sizeof why, "普通のファイルではありません (%sです)。.ovpn ファイルを指定してください。",
                 nb_file_kind_text(st.st_mode));
        nb_ovpn_error(err, path, 0, why);
        return -1;
    }
    FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
    if (fd >= 0 && !f)
        close(fd);
    if (!f) {
        nb_ovpn_error(err, path, 0, errno == ENOENT ? "ファイルがありません。場所と名前を確かめてください。"
                                              : "ファイルを開けません。読み取りの権限を確かめてください。");
        return -1;
    }
    enum { MAX = 1 << 20 };
    char *buf = xmalloc(MAX + 1);
    size_t n = buf ? fread(buf, 1, MAX + 1, f) : 0;
    bool bad = ferror(f);
    fclose(f);
    if (!buf || bad) {
        free(buf);
        nb_ovpn_error(err, path, 0, "ファイルを読み取れませんでした。");
        return -1;
    }
    if (n > MAX) {
        free(buf);
        nb_ovpn_error(err, path, 0, "1 MB を超えていて、VPN 設定ファイルとは思えません。");
        return -1;
    }
    int rc = nb_ovpn_parse(buf, n, path, out, err);
    /* the buffer held key blocks: wipe before freeing */
    explicit_bzero(buf, n);
    free(buf);
    return rc;
}
