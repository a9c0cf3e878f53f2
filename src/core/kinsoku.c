/* Japanese line-breaking (JIS X 4051 kinsoku) in one place: which
 * characters may not start a line and which may not end one. Shared by the
 * questionnaire's wrapping and the `check` command's printed report, so a
 * clerk never sees a line start with 、。）」 in either. */
#include "nanbyo/text.h"

static bool in_set(int32_t c, const int32_t *set)
{
    for (; *set; set++)
        if (*set == c)
            return true;
    return false;
}

/* 、。，．・：；？！, closing brackets, small kana and the prolonged sound
 * mark (the marks a clerk meets). */
bool nb_no_line_start(int32_t c)
{
    static const int32_t set[] = {0x3001, 0x3002, 0xFF0C, 0xFF0E, 0x30FB, 0xFF1A, 0xFF1B, 0xFF1F, 0xFF01,
                                  0xFF09, 0x300D, 0x300F, 0x3011, 0x3015, 0x3009, 0x300B, 0xFF3D, 0xFF5D,
                                  ')', ']', '}', ',', '.', ':', ';', '!', '?', 0x30FC, 0x3041, 0x3043,
                                  0x3045, 0x3047, 0x3049, 0x3063, 0x3083, 0x3085, 0x3087, 0x30A1, 0x30A3,
                                  0x30A5, 0x30A7, 0x30A9, 0x30C3, 0x30E3, 0x30E5, 0x30E7, 0};
    return in_set(c, set);
}

/* Opening brackets. */
bool nb_no_line_end(int32_t c)
{
    static const int32_t set[] = {0xFF08, 0x300C, 0x300E, 0x3010, 0x3014, 0x3008, 0x300A, 0xFF3B, 0xFF5B,
                                  '(', '[', '{', 0};
    return in_set(c, set);
}
