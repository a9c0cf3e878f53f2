/* Quoting input for messages (see quote.h). One function for every message
 * that echoes what a file or a user gave, so none of them can pass an ESC
 * to the terminal or cut a UTF-8 sequence in half (a %.60s did both). */
#include "nanbyo/quote.h"
#include <stdio.h>
#include <string.h>
#include "nanbyo/utf8.h"

bool nb_cp_is_control(int32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029;
}

bool nb_cp_is_invisible(int32_t cp)
{
    return (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069) || cp == 0x061C || cp == 0xFEFF;
}

int32_t nb_find_invisible(const char *s)
{
    size_t len = s ? strlen(s) : 0;
    for (size_t i = 0; i < len;) {
        int32_t cp;
        int k = nb_utf8_decode(s + i, len - i, &cp);
        if (k < 0) {
            i++;
            continue;
        }
        if (nb_cp_is_invisible(cp))
            return cp;
        i += (size_t)k;
    }
    return 0;
}

const char *nb_quote(char *out, size_t n, const char *s, size_t max_chars)
{
    static const char ellipsis[] = "…";
    if (n == 0)
        return out;
    out[0] = '\0';
    if (!s)
        return out;
    size_t len = strlen(s), o = 0, shown = 0, i = 0;
    /* keep room for the ellipsis and the NUL while copying */
    size_t room = n > sizeof ellipsis ? n - sizeof ellipsis : 0;
    while (i < len) {
        char piece[16];
        size_t pl;
        int32_t cp;
        int k = nb_utf8_decode(s + i, len - i, &cp);
        if (k < 0) {
            pl = (size_t)snprintf(piece, sizeof piece, "<0x%02X>", (unsigned char)s[i]);
            k = 1;
        } else if (nb_cp_is_control(cp) || nb_cp_is_invisible(cp)) {
            pl = (size_t)snprintf(piece, sizeof piece, "<U+%04X>", (unsigned)cp);
        } else {
            memcpy(piece, s + i, (size_t)k);
            pl = (size_t)k;
        }
        if (shown == max_chars || o + pl > room)
            break;
        memcpy(out + o, piece, pl);
        o += pl;
        shown++;
        i += (size_t)k;
    }
    if (i < len && o + sizeof ellipsis <= n) {
        memcpy(out + o, ellipsis, sizeof ellipsis - 1);
        o += sizeof ellipsis - 1;
    }
    out[o] = '\0';
    return out;
}
