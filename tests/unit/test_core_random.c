/* Property tests across the core: many pseudo-random strings built from
 * the fragments clerks (and broken files) produce, fed to every parser.
 * Whatever the input, nothing crashes and every accepted value satisfies
 * the promises of the headers. The seed is fixed so a failure repeats. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "nanbyo/charset.h"
#include "nanbyo/date.h"
#include "nanbyo/fields.h"
#include "nanbyo/text.h"
#include "nanbyo/utf8.h"
#include "nanbyo/yen.h"

/* How many inputs each parser accepted: the properties must really be
 * exercised, not vacuously true. yen, date, phone, postal, e-mail, inst. */
static long accepted[6];

static uint64_t rng = 0x9E3779B97F4A7C15ULL;

static uint32_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 11);
}

static const char *const fragments[] = {
    "0", "1", "2", "3", "5", "9", "00", "35", "083", "１", "２", "９", "０",
    ",", "，", ".", "．", "-", "－", "−", "ー", "‐", "/", "／", " ", "　", "\t",
    "¥", "￥", "\\", "円", "人", "名", "+", "▲",
    "年", "月", "日", "元", "令和", "平成", "R", "r", "H", "S", "(", ")", "（", "）",
    "金", "曜", "@", "＠", "a", "Z", "example", "jp", "〒",
    "ｶ", "ﾞ", "ﾟ", "ﾊ", "①", "㈱", "Ⅱ", "㍉", "髙", "\uFA11", "\uFA10", "😀",
    "\u200D", "\uFE0F", "🇯", "\xF3\xA0\x84\x80",
    "\n", "\r", "\x01", "\x7F", "\xC2\x85", "\u2028",
    "\xFF", "\xC0\x80", "\xED\xA0\x80", "\xE3\x81", "\xF4\x90\x80\x80", "\x80",
};

#define NFRAG (sizeof fragments / sizeof fragments[0])

static void random_string(char *buf, size_t cap)
{
    size_t len = 0;
    int parts = (int)(next() % 24);
    buf[0] = '\0';
    for (int i = 0; i < parts; i++) {
        const char *f = fragments[next() % NFRAG];
        size_t n = strlen(f);
        if (len + n + 1 > cap)
            break;
        memcpy(buf + len, f, n);
        len += n;
        buf[len] = '\0';
    }
}

static void put(char *buf, size_t cap, const char *s)
{
    size_t len = strlen(buf), n = strlen(s);
    if (len + n + 1 <= cap) {
        memcpy(buf + len, s, n + 1);
    }
}

/* Digits, ASCII or full-width at random. */
static void digits(char *buf, size_t cap, int count)
{
    static const char *const fw[] = { "０", "１", "２", "３", "４", "５", "６", "７", "８", "９" };
    for (int i = 0; i < count; i++) {
        int d = (int)(next() % 10);
        char one[2] = { (char)('0' + d), '\0' };
        put(buf, cap, next() % 4 == 0 ? fw[d] : one);
    }
}

static void number(char *buf, size_t cap, int max)
{
    char tmp[16];
    snprintf(tmp, sizeof tmp, "%d", (int)(next() % (unsigned)(max + 1)));
    put(buf, cap, tmp);
}

/* Nearly valid values of each kind, then sometimes one fragment more: the
 * accept paths run often and the edges next to them too. */
static void structured_string(char *buf, size_t cap)
{
    static const char *const eras[] = { "", "令和", "平成", "R", "H", "r", "㋿", "S" };
    static const char *const seps[] = { "-", "/", ".", "年", "－", "／" };
    static const char *const hy[] = { "", "-", "－", "ー", " ", "(", ")" };
    buf[0] = '\0';
    switch (next() % 5) {
    case 0: {
        const char *era = eras[next() % 8];
        const char *sep = seps[next() % 6];
        put(buf, cap, era);
        if (*era)
            next() % 5 ? number(buf, cap, 40) : put(buf, cap, "元");
        else
            digits(buf, cap, 4);
        put(buf, cap, sep);
        number(buf, cap, 13);
        put(buf, cap, strcmp(sep, "年") == 0 ? "月" : sep);
        number(buf, cap, 32);
        if (strcmp(sep, "年") == 0)
            put(buf, cap, "日");
        if (next() % 3 == 0)
            put(buf, cap, "(金)");
        break;
    }
    case 1:
        put(buf, cap, "0");
        for (int i = 0, n = 8 + (int)(next() % 4); i < n; i++) {
            digits(buf, cap, 1);
            if (next() % 4 == 0)
                put(buf, cap, hy[next() % 7]);
        }
        break;
    case 2:
        if (next() % 2)
            put(buf, cap, "〒");
        digits(buf, cap, 3);
        put(buf, cap, hy[next() % 4]);
        digits(buf, cap, 4 + (int)(next() % 2 ? 0 : 1));
        break;
    case 3: {
        static const char *const parts[] = { "info", "a.b", "x+y", "@", ".", "-", "jp", "co", "example", "_" };
        put(buf, cap, parts[next() % 3]);
        put(buf, cap, "@");
        for (int i = 0, n = 1 + (int)(next() % 4); i < n; i++) {
            put(buf, cap, parts[5 + next() % 5]);
            if (next() % 3)
                put(buf, cap, ".");
        }
        put(buf, cap, "jp");
        break;
    }
    default: {
        char nine[10];
        snprintf(nine, sizeof nine, "351%06u", (unsigned)(next() % 1000000));
        int cd = nb_luhn_check_digit(nine);
        if (next() % 4 == 0)
            cd = (cd + 1) % 10;
        char code[16];
        snprintf(code, sizeof code, "%s%d", next() % 3 ? nine : nine + 3, cd);
        for (const char *p = code; *p; p++) {
            char one[2] = { *p, '\0' };
            put(buf, cap, one);
            if (next() % 5 == 0)
                put(buf, cap, hy[next() % 4]);
        }
        break;
    }
    }
    if (next() % 4 == 0)
        put(buf, cap, fragments[next() % NFRAG]);
}

static bool only(const char *s, const char *set)
{
    return strspn(s, set) == strlen(s);
}

static void check_one(const char *s)
{
    bool valid = nb_utf8_valid(s, strlen(s));
    int64_t v;
    char buf[64];

    /* text */
    char *n = nb_nfkc(s);
    assert_true((n != NULL) == valid);
    if (n) {
        assert_true(nb_utf8_valid(n, strlen(n)));
        free(n);
    }
    char *t = nb_trim(s);
    assert_non_null(t);
    if (*t) {
        assert_true(t[0] != ' ' && t[strlen(t) - 1] != ' ');
        assert_true(strncmp(t, "　", 3) != 0);
    }
    free(t);
    for (int w = 0; w < 12; w += 3) {
        size_t p = nb_prefix_for_width(s, w);
        assert_true(p <= strlen(s));
        if (valid) {
            char *pre = strndup(s, p);
            assert_true(nb_utf8_valid(pre, p));
            assert_true(nb_str_width(pre) <= w);
            free(pre);
        }
    }

    /* numbers */
    if (nb_yen_parse(s, &v) == NB_NUM_OK) {
        accepted[0]++;
        assert_true(v >= 0 && v < NB_YEN_LIMIT);
        int64_t back;
        nb_yen_format(v, buf, sizeof buf);
        assert_int_equal(nb_yen_parse(buf, &back), NB_NUM_OK);
        assert_int_equal(back, v);
    }
    if (nb_count_parse(s, 99, &v) == NB_NUM_OK)
        assert_true(v >= 0 && v <= 99);

    /* dates */
    nb_date d;
    if (nb_date_parse(s, &d) == NB_DATE_OK) {
        nb_date back;
        accepted[1]++;
        assert_true(nb_date_is_valid(d));
        nb_date_wareki(d, buf, sizeof buf);
        if (nb_date_parse(buf, &back) != NB_DATE_OK)
            fail_msg("\"%s\" -> %d-%d-%d -> \"%s\" does not read back", s, d.y, d.m, d.d, buf);
        assert_int_equal(nb_date_cmp(back, d), 0);
        nb_date_iso(d, buf, sizeof buf);
        assert_int_equal(nb_date_parse(buf, &back), NB_DATE_OK);
        assert_int_equal(nb_date_cmp(back, d), 0);
    }

    /* fields */
    char code[11];
    if (nb_check_inst_code(s, 35, 1, code) == NULL) {
        accepted[5]++;
        assert_int_equal(strlen(code), 10);
        assert_true(only(code, "0123456789"));
        assert_int_equal(strncmp(code, "35", 2), 0);
        assert_int_equal(nb_luhn_check_digit(code), code[9] - '0');
    }
    if (nb_check_phone(s, buf, sizeof buf) == NULL) {
        accepted[2]++;
        assert_true(only(buf, "0123456789-"));
        assert_int_equal(buf[0], '0');
        size_t digits = strlen(buf);
        for (const char *q = buf; *q; q++)
            if (*q == '-')
                digits--;
        assert_true(digits == 10 || digits == 11);
    }
    if (nb_check_postal(s, buf, sizeof buf) == NULL) {
        accepted[3]++;
        assert_int_equal(strlen(buf), 8);
        assert_int_equal(buf[3], '-');
    }
    if (nb_check_email(s) == NULL) {
        const char *at = strchr(s, '@');
        assert_non_null(at);
        assert_null(strchr(at + 1, '@'));
        for (const char *q = s; *q; q++)
            assert_true((unsigned char)*q >= 0x20 && (unsigned char)*q < 0x7F);
        accepted[4]++;
    }

    /* charset */
    size_t total = nb_charset_scan(s, NULL, 0);
    nb_cs_issue is[8];
    assert_int_equal(nb_charset_scan(s, is, 8), total);
    for (size_t i = 0; i < total && i < 8; i++) {
        assert_true(is[i].offset < strlen(s));
        assert_true(strlen(is[i].suggestion) < sizeof is[i].suggestion);
    }
    char *fixed = nb_charset_fix(s);
    assert_non_null(fixed);
    if (valid)
        assert_true(nb_utf8_valid(fixed, strlen(fixed)));
    free(fixed);
    assert_true(nb_has_control(s) || !valid || strpbrk(s, "\t\r\n\x01\x7F") == NULL);
}

static void test_random_fragments(void **state)
{
    char buf[512];
    (void)state;
    for (int i = 0; i < 20000; i++) {
        random_string(buf, sizeof buf);
        check_one(buf);
        structured_string(buf, sizeof buf);
        check_one(buf);
    }
    /* Inputs that are valid by construction, so every parser's accept
     * path runs too. */
    static const char *const good[] = {
        "１２３，４５６円", "¥64,980", "令和8年5月1日(金)", "R8.5.1", "H31.4.30",
        "（０８３）９３３－２９６９", "〒７５３－８５０１", " info@example.jp ",
        "３５１０１２３４５２", "0123452",
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        check_one(good[i]);
    for (int k = 0; k < 6; k++)
        if (accepted[k] < 100)
            fail_msg("parser %d never accepted anything", k);
    print_message("accepted: yen %ld date %ld phone %ld postal %ld email %ld inst %ld\n",
                  accepted[0], accepted[1], accepted[2], accepted[3], accepted[4], accepted[5]);
}

static void test_random_bytes(void **state)
{
    char buf[64];
    (void)state;
    for (int i = 0; i < 20000; i++) {
        size_t len = next() % (sizeof buf - 1);
        for (size_t k = 0; k < len; k++) {
            buf[k] = (char)(next() & 0xFF);
            if (buf[k] == '\0')
                buf[k] = '1';
        }
        buf[len] = '\0';
        check_one(buf);
        /* decode never reads past len and never returns more than len */
        int32_t cp;
        int used = nb_utf8_decode(buf, len, &cp);
        assert_true(used <= (int)len);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_fragments),
        cmocka_unit_test(test_random_bytes),
    };
    return cmocka_run_group_tests_name("core_random", tests, NULL, NULL);
}
