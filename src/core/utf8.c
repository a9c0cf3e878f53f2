/* Strict UTF-8 decoding. Every byte the clerk types or a file holds passes
 * through here, so anything that is not well-formed (overlongs, surrogates,
 * values past U+10FFFF, cut-off sequences) is refused at the border rather
 * than being carried into answers, exports or e-mail headers. */
#include "nanbyo/utf8.h"
#include <stdint.h>
#include <string.h>

int nb_utf8_decode(const char *s, size_t len, int32_t *cp)
{
    const unsigned char *p = (const unsigned char *)s;
    int32_t c, min;
    int need, i;

    if (s == NULL || len == 0)
        return -1;
    c = p[0];
    if (c < 0x80) {
        if (cp)
            *cp = c;
        return 1;
    }
    if (c < 0xC2)           /* continuation byte or overlong 2-byte lead */
        return -1;
    if (c < 0xE0) {
        need = 1;
        c &= 0x1F;
        min = 0x80;
    } else if (c < 0xF0) {
        need = 2;
        c &= 0x0F;
        min = 0x800;
    } else if (c < 0xF5) {
        need = 3;
        c &= 0x07;
        min = 0x10000;
    } else {
        return -1;
    }
    if ((size_t)need >= len)
        return -1;
    for (i = 1; i <= need; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return -1;
        c = (c << 6) | (p[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return -1;
    if (cp)
        *cp = c;
    return need + 1;
}

size_t nb_utf8_encode(int32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;

    if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t nb_ascii_span(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    /* eight bytes at a time while none has its top bit set (keys,
     * indentation, JSON syntax, amounts), then byte by byte */
    uint64_t w;
    while (end - p >= 8 && (memcpy(&w, p, 8), (w & 0x8080808080808080u) == 0))
        p += 8;
    while (p < end && *p < 0x80)
        p++;
    return (size_t)(p - (const unsigned char *)s);
}

/* Unicode's table of well-formed byte sequences (Table 3-7 of the
 * standard) applied byte by byte: the second byte's range depends on the
 * lead (E0 A0..BF rules out overlongs, ED 80..9F surrogates, F0 90..BF
 * overlongs, F4 80..8F values past U+10FFFF), every other continuation is
 * 80..BF. The verdict is the same as decoding every character (the unit test
 * compares the two on every sequence of up to three bytes), at a fraction of
 * the work: the survey definition and each answers file pass here whole. */
bool nb_utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;

    if (s == NULL)
        return len == 0;
    const unsigned char *end = p + len;
    while (p < end) {
        unsigned c = *p;
        if (c < 0x80) {
            p += nb_ascii_span((const char *)p, (size_t)(end - p));
            continue;
        }
        unsigned lo = 0x80, hi = 0xBF;
        size_t more;
        if (c >= 0xC2 && c <= 0xDF) {
            more = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            more = 2;
            lo = c == 0xE0 ? 0xA0 : 0x80;
            hi = c == 0xED ? 0x9F : 0xBF;
        } else if (c >= 0xF0 && c <= 0xF4) {
            more = 3;
            lo = c == 0xF0 ? 0x90 : 0x80;
            hi = c == 0xF4 ? 0x8F : 0xBF;
        } else {
            return false;
        }
        if ((size_t)(end - p) <= more || p[1] < lo || p[1] > hi)
            return false;
        for (size_t i = 2; i <= more; i++)
            if ((p[i] & 0xC0) != 0x80)
                return false;
        p += more + 1;
    }
    return true;
}

size_t nb_utf8_count(const char *s)
{
    size_t n = 0;

    if (s == NULL)
        return 0;
    /* Count every byte that is not a continuation byte: for valid input this
     * is the number of code points. */
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

size_t nb_utf8_prev(const char *s, size_t off)
{
    size_t start;

    if (s == NULL || off == 0)
        return 0;
    start = off - 1;
    /* Step back over at most three continuation bytes. */
    while (start > 0 && off - start < 4 && ((unsigned char)s[start] & 0xC0) == 0x80)
        start--;
    return start;
}
