/* See wutil.h. */
#include "wutil.h"
#include "nanbyo/xalloc.h"
#include <stdlib.h>
#include <string.h>

void nb_w2u(const wchar_t *w, char *out, size_t n)
{
    if (n == 0)
        return;
    out[0] = '\0';
    if (!w)
        return;
    int got = WideCharToMultiByte(CP_UTF8, 0, w, -1, out, (int)(n > INT_MAX ? INT_MAX : n), NULL, NULL);
    if (got > 0)
        return;
    /* too long: convert into a big enough buffer, then cut at a boundary */
    int need = WideCharToMultiByte(CP_UTF8, 0, w, -1, NULL, 0, NULL, NULL);
    char *tmp = need > 0 ? xmalloc((size_t)need) : NULL;
    if (!tmp || WideCharToMultiByte(CP_UTF8, 0, w, -1, tmp, need, NULL, NULL) <= 0) {
        free(tmp);
        return;
    }
    size_t k = n - 1;
    while (k > 0 && ((unsigned char)tmp[k] & 0xC0) == 0x80)
        k--;
    memcpy(out, tmp, k);
    out[k] = '\0';
    free(tmp);
}

wchar_t *nb_u2w(const char *s)
{
    int need = MultiByteToWideChar(CP_UTF8, 0, s, -1, NULL, 0);
    if (need <= 0)
        return NULL;
    wchar_t *w = xreallocarray(NULL, (size_t)need, sizeof *w);
    if (MultiByteToWideChar(CP_UTF8, 0, s, -1, w, need) <= 0) {
        free(w);
        return NULL;
    }
    return w;
}

bool nb_reg_str(HKEY root, const wchar_t *path, const wchar_t *name, REGSAM view, char *out,
                size_t n)
{
    wchar_t buf[1024];
    DWORD size = sizeof buf - sizeof buf[0], type = 0;
    if (n)
        out[0] = '\0';
    HKEY k;
    if (RegOpenKeyExW(root, path, 0, KEY_QUERY_VALUE | view, &k) != ERROR_SUCCESS)
        return false;
    LONG rc = RegQueryValueExW(k, name, NULL, &type, (BYTE *)buf, &size);
    RegCloseKey(k);
    if (rc != ERROR_SUCCESS || (type != REG_SZ && type != REG_EXPAND_SZ))
        return false;
    buf[size / sizeof buf[0]] = L'\0'; /* the value need not end in NUL */
    nb_w2u(buf, out, n);
    return true;
}

bool nb_reg_dword(HKEY root, const wchar_t *path, const wchar_t *name, REGSAM view, DWORD *out)
{
    DWORD size = sizeof *out, type = 0;
    HKEY k;
    if (RegOpenKeyExW(root, path, 0, KEY_QUERY_VALUE | view, &k) != ERROR_SUCCESS)
        return false;
    LONG rc = RegQueryValueExW(k, name, NULL, &type, (BYTE *)out, &size);
    RegCloseKey(k);
    return rc == ERROR_SUCCESS && type == REG_DWORD;
}

const char *nb_reg_root_name(HKEY root)
{
    return root == HKEY_LOCAL_MACHINE ? "HKLM" : root == HKEY_CURRENT_USER ? "HKCU" : "HK";
}
