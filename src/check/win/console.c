/* Console output of nanbyo-check.exe. Text is UTF-8 inside the program.
 * On a console it is written as UTF-16 with WriteConsoleW (right in every
 * code page); redirected to a file or a pipe it is written as the same
 * UTF-8 bytes, nothing else. The C library's printf is not used: it would
 * convert to the ANSI code page. */
#include "winrun.h"
#include "wutil.h"
#include "nanbyo/xalloc.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void write_to(DWORD which, const char *text)
{
    HANDLE h = GetStdHandle(which);
    if (h == NULL || h == INVALID_HANDLE_VALUE)
        return;
    DWORD mode, done;
    if (GetConsoleMode(h, &mode)) {
        /* A line fits on the stack: no allocation, so the out-of-memory
         * sentence can come this way too (say_nomem below). */
        wchar_t small[1024];
        int k = MultiByteToWideChar(CP_UTF8, 0, text, -1, small, (int)(sizeof small / sizeof small[0]));
        if (k > 0) {
            WriteConsoleW(h, small, (DWORD)k - 1, &done, NULL);
            return;
        }
        wchar_t *w = nb_u2w(text);
        if (w) {
            WriteConsoleW(h, w, (DWORD)wcslen(w), &done, NULL);
            free(w);
        }
        return;
    }
    size_t len = strlen(text), off = 0;
    while (off < len) {
        DWORD chunk = len - off > 65536 ? 65536 : (DWORD)(len - off);
        if (!WriteFile(h, text + off, chunk, &done, NULL) || done == 0)
            return;
        off += done;
    }
}

static void vout(DWORD which, const char *fmt, va_list ap)
{
    char small[2048];
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(small, sizeof small, fmt, copy);
    va_end(copy);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        write_to(which, small);
        return;
    }
    char *big = xvasprintf(fmt, ap);
    write_to(which, big);
    free(big);
}

void nb_con_out(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vout(STD_OUTPUT_HANDLE, fmt, ap);
    va_end(ap);
}

void nb_con_err(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vout(STD_ERROR_HANDLE, fmt, ap);
    va_end(ap);
}

/* xalloc's sentence when memory runs out. Its default, write(2) of the
 * UTF-8 bytes, goes through the C library's text mode (a CR is added
 * before the newline) and leaves a console to decode the bytes by its
 * code page: write it like every other line of the program instead. */
static void say_nomem(const char *sentence)
{
    write_to(STD_ERROR_HANDLE, sentence);
}

void nb_con_init(void)
{
    SetConsoleOutputCP(CP_UTF8);
    SetConsoleCP(CP_UTF8);
    nb_xalloc_set_writer(say_nomem);
}

bool nb_con_interactive(void)
{
    DWORD mode;
    return GetConsoleMode(GetStdHandle(STD_INPUT_HANDLE), &mode) != 0;
}

bool nb_con_owned(void)
{
    DWORD pids[2];
    return nb_con_interactive() && GetConsoleProcessList(pids, 2) == 1;
}

bool nb_con_read_line(char *out, size_t n)
{
    HANDLE h = GetStdHandle(STD_INPUT_HANDLE);
    out[0] = '\0';
    if (h == NULL || h == INVALID_HANDLE_VALUE || n == 0)
        return false;
    DWORD mode, got = 0;
    if (GetConsoleMode(h, &mode)) {
        wchar_t w[256];
        if (!ReadConsoleW(h, w, 255, &got, NULL) || got == 0)
            return false;
        w[got] = L'\0';
        nb_w2u(w, out, n);
    } else {
        /* redirected: bytes up to the newline, one at a time so that the
         * rest stays for whoever reads next */
        size_t k = 0;
        char c;
        while (k + 1 < n && ReadFile(h, &c, 1, &got, NULL) && got == 1 && c != '\n')
            out[k++] = c;
        out[k] = '\0';
        if (k == 0 && got == 0)
            return false;
    }
    size_t l = strlen(out);
    while (l > 0 && (out[l - 1] == '\n' || out[l - 1] == '\r'))
        out[--l] = '\0';
    return true;
}
