/* RFC 4180 fields and the CP932 conversion of the CSV (export_csv.h).
 * The prefecture opens CSV in Japanese Excel, which reads Shift_JIS
 * (Windows code page 932) by default. glibc's iconv knows CP932 including
 * the IBM/NEC extensions (髙, 﨑, ①), so only characters truly outside it
 * (emoji, rare kanji) fail, and those are reported, never replaced. */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include "export_csv.h"
#include "nanbyo/buf.h"
#include "nanbyo/utf8.h"
#include "nanbyo/xalloc.h"

void nb_csv_field(nb_buf *b, const char *s)
{
    if (!s)
        s = "";
    if (!strpbrk(s, ",\"\r\n")) {
        nb_buf_adds(b, s);
        return;
    }
    nb_buf_add(b, "\"", 1);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            nb_buf_add(b, "\"\"", 2);
        else if (*p == '\n' && (p == s || p[-1] != '\r'))
            nb_buf_add(b, "\r\n", 2);
        else
            nb_buf_add(b, p, 1);
    }
    nb_buf_add(b, "\"", 1);
}

char *nb_csv_to_cp932(const char *s, size_t len, size_t *out_len, int32_t *bad_cp, size_t *bad_off)
{
    iconv_t cd = iconv_open("CP932", "UTF-8");
    if (cd == (iconv_t)-1) {
        if (bad_cp)
            *bad_cp = -2; /* no converter at all */
        return NULL;
    }
    /* CP932 never takes more bytes than UTF-8 for the same text. */
    size_t cap = len * 2 + 16;
    char *out = xmalloc(cap);
    char *in = (char *)s, *o = out;
    size_t inleft = len, oleft = cap - 1;
    size_t r = iconv(cd, &in, &inleft, &o, &oleft);
    if (r == (size_t)-1) {
        size_t off = (size_t)(in - s);
        int32_t cp = -1;
        if (nb_utf8_decode(s + off, len - off, &cp) <= 0)
            cp = -1;
        if (bad_cp)
            *bad_cp = cp;
        if (bad_off)
            *bad_off = off;
        free(out);
        iconv_close(cd);
        return NULL;
    }
    /* glibc's CP932 is stateless; no flush needed, but be exact. */
    iconv(cd, NULL, NULL, &o, &oleft);
    iconv_close(cd);
    *out_len = (size_t)(o - out);
    out[*out_len] = '\0';
    return out;
}
