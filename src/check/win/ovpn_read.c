/* Reading an .ovpn file on Windows (UTF-8 name, so any folder name
 * works); the parser is the shared one (src/check/ovpn.c). The buffer
 * held key blocks and is wiped before it is freed. */
#include "../ovpn.h"
#include "wutil.h"
#include "nanbyo/xalloc.h"
#include <stdlib.h>
#include <string.h>

int nb_ovpn_read(const char *path, nb_ovpn *out, nb_error *err)
{
    memset(out, 0, sizeof *out);
    wchar_t *w = nb_u2w(path);
    HANDLE h = w ? CreateFileW(w, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL)
                 : INVALID_HANDLE_VALUE;
    DWORD e = GetLastError();
    free(w);
    if (h == INVALID_HANDLE_VALUE) {
        nb_ovpn_error(err, path, 0, e == ERROR_FILE_NOT_FOUND || e == ERROR_PATH_NOT_FOUND
                                        ? "ファイルがありません。場所と名前を確かめてください。"
                                        : "ファイルを開けません。読み取りの権限を確かめてください。");
        return -1;
    }
    enum { MAX = 1 << 20 };
    char *buf = xmalloc(MAX + 1);
    size_t n = 0;
    DWORD got = 0;
    bool bad = false;
    while (!bad && n <= MAX) {
        if (!ReadFile(h, buf + n, (DWORD)(MAX + 1 - n), &got, NULL))
            bad = true;
        else if (got == 0)
            break;
        else
            n += got;
    }
    CloseHandle(h);
    if (bad || n > MAX) {
        SecureZeroMemory(buf, n);
        free(buf);
        nb_ovpn_error(err, path, 0, bad ? "ファイルを読み取れませんでした。" : "1 MB を超えていて、VPN 設定ファイルとは思えません。");
        return -1;
    }
    int rc = nb_ovpn_parse(buf, n, path, out, err);
    SecureZeroMemory(buf, n);
    free(buf);
    return rc;
}
