/* Normalisation and terminal cell widths. utf8proc does the Unicode work
 * (NFKC tables, East Asian widths); this file only adds the project's
 * policies: controls are never printable, ambiguous-width characters take
 * one cell, and invalid UTF-8 never reaches utf8proc. */
#include "nanbyo/text.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "nanbyo/utf8.h"
#include "nanbyo/xalloc.h"

char *nb_nfkc(const char *s)
{
    if (s == NULL)
        return NULL;
    size_t len = strlen(s);
    /* ASCII is unchanged by NFKC (no ASCII character has a decomposition
     * or composes with another), so such text is copied without
     * utf8proc's decompose-and-recompose passes, which cost about 2,000
     * instructions for a five-digit amount read for every item on every
     * pass. tests/unit/test_core_text.c compares both ways. */
    if (nb_ascii_span(s, len) == len)
        return xstrndup(s, len);
    if (!nb_utf8_valid(s, len))
        return NULL;
    return (char *)utf8proc_NFKC((const utf8proc_uint8_t *)s);
}

static bool is_control(int32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

int nb_cp_width(int32_t cp)
{
    if (cp < 0 || cp > 0x10FFFF)
        return -1;
    if (is_control(cp))
        return -1;
    /* utf8proc gives 0 for combining marks and other zero-width characters,
     * 2 for East Asian wide/full-width, and 1 for ambiguous ones. */
    return utf8proc_charwidth(cp);
}

int nb_str_width(const char *s)
{
    size_t len, i = 0;
    int total = 0;

    if (s == NULL)
        return 0;
    len = strlen(s);
    while (i < len) {
        int32_t cp;
        int n = nb_utf8_decode(s + i, len - i, &cp);
        if (n < 0) {
            /* A stray byte is shown as one replacement cell by most
             * terminals; count it so layouts do not overflow. */
            total++;
            i++;
            continue;
        }
        int w = nb_cp_width(cp);
        if (w > 0)
            total += w;
        i += (size_t)n;
    }
    return total;
}

bool nb_has_control(const char *s)
{
    size_t len, i = 0;

    if (s == NULL)
        return false;
    len = strlen(s);
    while (i < len) {
        int32_t cp;
        int n = nb_utf8_decode(s + i, len - i, &cp);
        if (n < 0) {
            i++;
            continue;
        }
        /* U+2028/U+2029 break lines just like LF in many programs. */
        if (is_control(cp) || cp == 0x2028 || cp == 0x2029)
            return true;
        i += (size_t)n;
    }
    return false;
}

/* Length of the space (ASCII space, TAB, U+3000) at s, 0 if none. */
static size_t space_len(const char *s, size_t avail)
{
    if (avail >= 1 && (s[0] == ' ' || s[0] == '\t'))
        return 1;
    if (avail >= 3 && memcmp(s, "\xE3\x80\x80", 3) == 0)
        return 3;
    return 0;
}

char *nb_trim(const char *s)
{
    size_t start = 0, end, n;

    if (s == NULL)
        return NULL;
    end = strlen(s);
    while (start < end && (n = space_len(s + start, end - start)) > 0)
        start += n;
    while (end > start) {
        if (s[end - 1] == ' ' || s[end - 1] == '\t')
            end--;
        else if (end - start >= 3 && memcmp(s + end - 3, "\xE3\x80\x80", 3) == 0)
            end -= 3;
        else
            break;
    }
    return xstrndup(s + start, end - start);
}

size_t nb_prefix_for_width(const char *s, int max_cells)
{
    size_t len, i = 0;
    int used = 0;

    if (s == NULL || max_cells < 0)
        return 0;
    len = strlen(s);
    while (i < len) {
        int32_t cp;
        int w, n = nb_utf8_decode(s + i, len - i, &cp);
        if (n < 0) {
            n = 1;
            w = 1;
        } else {
            w = nb_cp_width(cp);
            if (w < 0)
                w = 0;
        }
        /* Zero-width characters (combining marks) stay with the glyph
         * before them, so they are taken while the total still fits. */
        if (used + w > max_cells)
            break;
        used += w;
        i += (size_t)n;
    }
    return i;
}
