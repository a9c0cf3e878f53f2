/* Small helpers of nanbyo-check.exe over the Win32 API: UTF-8 <-> UTF-16
 * (the API speaks UTF-16, the results are UTF-8) and registry reads that
 * never overrun and always end in NUL. Windows only. */
#ifndef NB_WIN_WUTIL_H
#define NB_WIN_WUTIL_H
#include <windows.h>
#include <stdbool.h>
#include <stddef.h>

/* UTF-16 to UTF-8 into out (n bytes, always NUL-ended, cut at a character
 * boundary; an unpaired surrogate becomes U+FFFD). */
void nb_w2u(const wchar_t *w, char *out, size_t n);
/* UTF-8 to a malloc'd UTF-16 string (invalid bytes become U+FFFD); NULL
 * only if Windows refuses the conversion. Out of memory ends the process
 * (xalloc.h). */
wchar_t *nb_u2w(const char *s);

/* A REG_SZ / REG_EXPAND_SZ value as UTF-8 ("" name = the default value).
 * view: 0, KEY_WOW64_64KEY or KEY_WOW64_32KEY. */
bool nb_reg_str(HKEY root, const wchar_t *path, const wchar_t *name, REGSAM view, char *out,
                size_t n);
/* A REG_DWORD value. */
bool nb_reg_dword(HKEY root, const wchar_t *path, const wchar_t *name, REGSAM view, DWORD *out);
/* WSAStartup, once per process (every network probe calls it). */
void nb_win_wsa(void);
/* "HKLM" / "HKCU" for messages. */
const char *nb_reg_root_name(HKEY root);

#endif
