/* Whole-yen amounts and counts typed by a clerk. People write money in many
 * ways ("123,456", "１２３，４５６円", "¥64,980"); this accepts those after
 * NFKC and refuses anything that could be misread (minus signs, decimals,
 * misplaced commas, absurd sizes) with a reason the clerk can act on. */
#include "nanbyo/yen.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nanbyo/text.h"
#include "nanbyo/utf8.h"

/* Spaces left after NFKC (U+3000 becomes ' '). */
static const char *skip_spaces(const char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

static void rtrim_spaces(char *s, size_t *len)
{
    while (*len > 0 && (s[*len - 1] == ' ' || s[*len - 1] == '\t'))
        s[--*len] = '\0';
}

/* Length of a minus-like sign at p, 0 if none. NFKC keeps these apart:
 * '-', U+2212 minus, U+2010..U+2015 dashes, U+30FC/U+FF70 prolonged sound
 * marks (IME "minus"), U+FE63 small hyphen-minus, ▲/△ (accounting
 * notation for negative amounts). */
static size_t minus_len(const char *p)
{
#define SIGN(s) {s, sizeof s - 1}
    static const struct {
        const char *s;
        size_t n;
    } signs[] = {
        SIGN("-"), SIGN("\xE2\x88\x92"), SIGN("\xE2\x80\x90"), SIGN("\xE2\x80\x91"), SIGN("\xE2\x80\x92"),
        SIGN("\xE2\x80\x93"), SIGN("\xE2\x80\x94"), SIGN("\xE2\x80\x95"), SIGN("\xE3\x83\xBC"),
        SIGN("\xEF\xBD\xB0"), SIGN("\xE2\x96\xB2"), SIGN("\xE2\x96\xB3"), SIGN("\xEF\xB9\xA3"),
    };
#undef SIGN
    /* every sign starts with '-' or a lead byte of 0xE2 or above: a digit
     * is turned away without comparing the thirteen */
    if (*p != '-' && (unsigned char)*p < 0xE2)
        return 0;
    for (size_t i = 0; i < sizeof signs / sizeof signs[0]; i++)
        if (strncmp(p, signs[i].s, signs[i].n) == 0)
            return signs[i].n;
    return 0;
}

static bool has_prefix(const char *p, const char *pre)
{
    return strncmp(p, pre, strlen(pre)) == 0;
}

static bool strip_suffix(char *s, size_t *len, const char *suf)
{
    size_t n = strlen(suf);
    if (*len >= n && memcmp(s + *len - n, suf, n) == 0) {
        *len -= n;
        s[*len] = '\0';
        return true;
    }
    return false;
}

/* Parse the bare number in p..: digits with optional thousands commas.
 * Values are accumulated only while below the limit, so 25-digit input
 * cannot overflow. */
static nb_num_error parse_digits(const char *p, int64_t limit, int64_t *out)
{
    int64_t v = 0;
    bool big = false, seen_comma = false, seen_dot = false;
    int group = 0, first_group = -1, digits = 0;

    if (*p == '\0')
        return NB_NUM_GARBAGE;
    for (; *p; p++) {
        if (*p >= '0' && *p <= '9') {
            digits++;
            group++;
            if (seen_dot)
                continue;
            if (!big) {
                v = v * 10 + (*p - '0');
                if (v >= limit)
                    big = true;
            }
        } else if (*p == ',' && !seen_dot) {
            if (group == 0)
                return NB_NUM_GARBAGE;          /* ",123" or "1,,234" */
            if (!seen_comma) {
                if (group > 3)
                    return NB_NUM_GARBAGE;      /* "1234,567" */
                first_group = group;
            } else if (group != 3) {
                return NB_NUM_GARBAGE;          /* "1,23,456" */
            }
            seen_comma = true;
            group = 0;
        } else if (*p == '.' && !seen_dot) {
            if (seen_comma && group != 3)
                return NB_NUM_GARBAGE;
            seen_dot = true;
            group = 0;
        } else {
            return NB_NUM_GARBAGE;
        }
    }
    (void)first_group;
    if (digits == 0)
        return NB_NUM_GARBAGE;
    if (seen_dot)
        return NB_NUM_DECIMAL;
    if (seen_comma && group != 3)
        return NB_NUM_GARBAGE;                  /* "12,34" or "1," */
    if (big)
        return NB_NUM_TOO_LARGE;
    *out = v;
    return NB_NUM_OK;
}

/* "1万2千", "12万8000", "3千500": digits grouped by 万 (10^4) and 千
 * (10^3), largest first, as clerks write amounts in words. Each group must
 * fit below the unit before it (the part after 万 is under 10,000, after
 * 千 under 1,000), so a misreading such as "1万20000" is refused, never
 * guessed. Returns NB_NUM_GARBAGE when p has no 万/千 at all. */
static nb_num_error parse_kanji_units(const char *p, int64_t limit, int64_t *out)
{
    /* Each unit with the largest number written before it: "12千" is not
     * how anyone writes 12,000, so it is refused. */
    static const struct { const char *mark; int64_t unit, most; } units[] = {
        { "\xE4\xB8\x87", 10000, 9999 },   /* 万 */
        { "\xE5\x8D\x83", 1000, 9 },       /* 千 */
    };
    int64_t total = 0, below = -1;    /* the last unit's size: next group < it */
    size_t next_unit = 0;
    bool any = false;
    const char *q = p;

    while (*q) {
        const char *mark = NULL;
        size_t u = next_unit;
        for (; u < sizeof units / sizeof units[0]; u++)
            if ((mark = strstr(q, units[u].mark)) != NULL)
                break;
        if (!mark)
            break;
        /* A smaller unit before this one ("3千2万") is out of order. */
        for (size_t k = u + 1; k < sizeof units / sizeof units[0]; k++) {
            const char *other = strstr(q, units[k].mark);
            if (other && other < mark)
                return NB_NUM_GARBAGE;
        }
        char group[32];
        size_t glen = (size_t)(mark - q);
        if (glen >= sizeof group)
            return NB_NUM_GARBAGE;
        memcpy(group, q, glen);
        group[glen] = '\0';
        int64_t g = 0;
        nb_num_error e = parse_digits(group, 10000, &g);
        if (e != NB_NUM_OK)
            return e == NB_NUM_TOO_LARGE ? NB_NUM_GARBAGE : e;
        if (g == 0 || g > units[u].most || (below > 0 && g * units[u].unit >= below))
            return NB_NUM_GARBAGE;
        total += g * units[u].unit;
        below = units[u].unit;
        next_unit = u + 1;
        any = true;
        q = mark + strlen(units[u].mark);
    }
    if (!any)
        return NB_NUM_GARBAGE;
    if (*q) {
        int64_t rest = 0;
        nb_num_error e = parse_digits(q, limit, &rest);
        if (e != NB_NUM_OK)
            return e;
        if (rest >= below)
            return NB_NUM_GARBAGE;
        total += rest;
    }
    if (total >= limit)
        return NB_NUM_TOO_LARGE;
    *out = total;
    return NB_NUM_OK;
}

/* "なし" / "無し" written for nothing: zero, never a guess. */
static bool is_none_word(const char *p)
{
    return strcmp(p, "\xE3\x81\xAA\xE3\x81\x97") == 0 ||  /* なし */
           strcmp(p, "\xE7\x84\xA1\xE3\x81\x97") == 0;    /* 無し */
}

/* Common path for amounts and counts. prefixes/suffixes are the optional
 * marks allowed before/after the number (already NFKC'd forms); amounts
 * may also be written with 万/千. */
static nb_num_error parse_number(const char *s, const char *const *prefixes,
                                 const char *const *suffixes, bool kanji_units, int64_t limit,
                                 int64_t *out)
{
    char *norm, *start;
    const char *p;
    size_t len;
    nb_num_error err;
    bool negative = false;

    if (s == NULL)
        return NB_NUM_EMPTY;
    norm = nb_nfkc(s);
    if (norm == NULL)
        return NB_NUM_GARBAGE;
    p = skip_spaces(norm);
    if (*p == '\0') {
        free(norm);
        return NB_NUM_EMPTY;
    }
    /* Sign before or after the currency mark: "-¥100", "¥-100". */
    bool mark_seen = false;
    int signs = 0;
    for (int round = 0; round < 2; round++) {
        size_t m = minus_len(p);
        if (m > 0) {
            negative = true;
            signs++;
            p = skip_spaces(p + m);
        } else if (*p == '+') {
            signs++;
            p = skip_spaces(p + 1);
        }
        for (const char *const *pre = prefixes; pre && *pre && !mark_seen; pre++) {
            if (has_prefix(p, *pre)) {
                p = skip_spaces(p + strlen(*pre));
                mark_seen = true;
                break;
            }
        }
    }
    start = (char *)p;
    len = strlen(start);
    rtrim_spaces(start, &len);
    for (const char *const *suf = suffixes; suf && *suf; suf++) {
        if (strip_suffix(start, &len, *suf)) {
            rtrim_spaces(start, &len);
            break;
        }
    }
    if (negative) {
        free(norm);
        return NB_NUM_NEGATIVE;
    }
    if (signs > 1) {
        free(norm);
        return NB_NUM_GARBAGE;
    }
    if (is_none_word(start)) {
        *out = 0;
        err = NB_NUM_OK;
    } else {
        err = parse_digits(start, limit, out);
        if (err == NB_NUM_GARBAGE && kanji_units)
            err = parse_kanji_units(start, limit, out);
    }
    free(norm);
    return err;
}

nb_num_error nb_yen_parse(const char *s, int64_t *out)
{
    /* After NFKC "￥" is "¥" (U+00A5); "\" is what a yen key gives in some
     * Japanese fonts and code pages. */
    static const char *const pre[] = { "\xC2\xA5", "\\", NULL };
    static const char *const suf[] = { "\xE5\x86\x86", NULL };     /* 円 */
    int64_t v = 0;
    nb_num_error e = parse_number(s, pre, suf, true, NB_YEN_LIMIT, &v);

    if (e == NB_NUM_OK && out)
        *out = v;
    return e;
}

nb_num_error nb_count_parse(const char *s, int64_t max, int64_t *out)
{
    /* 人 名 台 式 個 件 本 枚 か月 ヶ月 カ月 ケ月: people, quantities, months */
    static const char *const suf[] = {
        "\xE4\xBA\xBA", "\xE5\x90\x8D", "\xE5\x8F\xB0", "\xE5\xBC\x8F",
        "\xE5\x80\x8B", "\xE4\xBB\xB6", "\xE6\x9C\xAC", "\xE6\x9E\x9A",
        "\xE3\x81\x8B\xE6\x9C\x88", "\xE3\x83\xB6\xE6\x9C\x88",
        "\xE3\x82\xAB\xE6\x9C\x88", "\xE3\x82\xB1\xE6\x9C\x88", NULL,
    };
    int64_t v = 0;
    int64_t limit = (max >= 0 && max < NB_YEN_LIMIT) ? max + 1 : NB_YEN_LIMIT;
    nb_num_error e;

    if (max < 0)
        return NB_NUM_TOO_LARGE;
    e = parse_number(s, NULL, suf, false, limit, &v);
    if (e == NB_NUM_OK && out)
        *out = v;
    return e;
}

/* Each error's sentence for an amount and for a count. */
static const struct {
    const char *amount, *count;
} num_texts[] = {
    [NB_NUM_OK] = {"", ""},
    [NB_NUM_EMPTY] = {"金額が入力されていません (例: 50000、50,000円)",
                      "数が入力されていません (例: 2)"},
    [NB_NUM_NEGATIVE] = {"金額は0以上の整数で入力してください (マイナスは入力できません)",
                         "数は0以上の整数で入力してください (マイナスは入力できません)"},
    [NB_NUM_DECIMAL] = {"金額は1円単位の整数で入力してください (小数点は使えません)",
                        "数は整数で入力してください (小数点は使えません)"},
    [NB_NUM_GARBAGE] = {"金額は数字で入力してください (例: 50000、50,000円。カンマは3桁ごとです)",
                        "数は数字で入力してください (例: 2)"},
    [NB_NUM_TOO_LARGE] = {"金額が大きすぎます (1兆円未満で入力してください)",
                          "数が大きすぎます (上限を確認してください)"},
};

const char *nb_num_error_text(nb_num_error err)
{
    if ((unsigned)err >= sizeof num_texts / sizeof num_texts[0])
        return "金額を確認してください";
    return num_texts[err].amount;
}

const char *nb_count_error_text(nb_num_error err)
{
    if ((unsigned)err >= sizeof num_texts / sizeof num_texts[0])
        return "数を確認してください";
    return num_texts[err].count;
}

void nb_yen_format_plain(int64_t v, char *buf, size_t n)
{
    char digits[24], tmp[40];
    uint64_t mag;
    int nd, k = 0;

    if (buf == NULL || n == 0)
        return;
    /* Magnitude as unsigned so INT64_MIN has no undefined negation. */
    mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    nd = snprintf(digits, sizeof digits, "%llu", (unsigned long long)mag);
    if (v < 0)
        tmp[k++] = '-';
    for (int i = 0; i < nd; i++) {
        if (i > 0 && (nd - i) % 3 == 0)
            tmp[k++] = ',';
        tmp[k++] = digits[i];
    }
    tmp[k] = '\0';
    snprintf(buf, n, "%s", tmp);
}

void nb_yen_format(int64_t v, char *buf, size_t n)
{
    char plain[40];

    if (buf == NULL || n == 0)
        return;
    nb_yen_format_plain(v, plain, sizeof plain);
    snprintf(buf, n, "%s円", plain);
}
