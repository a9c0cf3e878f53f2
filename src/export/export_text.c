/* Text cleaning for the outputs. Answers reach export even when invalid
 * (--force), so a name can hold CR/LF, invalid UTF-8 or 10,000 characters.
 * Excel refuses files with control characters, Pango warns on invalid
 * UTF-8 and a CR/LF would break a CSV row for naive readers, so every
 * string passes through here before any library sees it. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "export_model.h"
#include "nanbyo/utf8.h"
#include "nanbyo/xalloc.h"

static bool is_control(int32_t cp)
{
    return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) || cp == 0x2028 ||
           cp == 0x2029;
}

/* U+FFFE/U+FFFF and the other noncharacters are not allowed in XML. */
static bool is_nonchar(int32_t cp)
{
    return (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) == 0xfffe;
}

char *nb_export_clean(const char *s, bool multiline)
{
    if (!s)
        s = "";
    size_t len = strlen(s);
    /* Worst case every byte becomes U+FFFD (3 bytes). */
    char *out = xmalloc(len * 3 + 1);
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        int32_t cp;
        int n = nb_utf8_decode(s + i, len - i, &cp);
        if (n <= 0) {
            o += nb_utf8_encode(0xfffd, out + o);
            i++;
            continue;
        }
        i += (size_t)n;
        if (cp == '\r' && multiline) {
            if (i < len && s[i] == '\n')
                continue; /* CRLF: the LF follows */
            out[o++] = '\n';
        } else if (cp == '\n' && multiline) {
            out[o++] = '\n';
        } else if (cp == '\r' && i < len && s[i] == '\n') {
            out[o++] = ' ';
            i++; /* CRLF in one line becomes one space */
        } else if (is_control(cp)) {
            out[o++] = ' ';
        } else if (is_nonchar(cp)) {
            o += nb_utf8_encode(0xfffd, out + o);
        } else {
            memcpy(out + o, s + i - n, (size_t)n);
            o += (size_t)n;
        }
    }
    out[o] = '\0';
    return out;
}

char *nb_export_truncate(const char *s, size_t max_chars)
{
    if (!s)
        s = "";
    size_t count = 0, i = 0, cut = 0, len = strlen(s);
    while (i < len) {
        int32_t cp;
        int n = nb_utf8_decode(s + i, len - i, &cp);
        if (n <= 0)
            n = 1;
        if (count == max_chars - 1)
            cut = i;
        count++;
        i += (size_t)n;
    }
    if (count <= max_chars || max_chars == 0)
        return xstrdup(s);
    char *out = xmalloc(cut + 4);
    memcpy(out, s, cut);
    memcpy(out + cut, "\xe2\x80\xa6", 4); /* … */
    return out;
}
