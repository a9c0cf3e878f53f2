/* Unit tests for src/core/text.c: NFKC through utf8proc, cell widths,
 * control detection, trimming and width-limited prefixes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "nanbyo/text.h"
#include <utf8proc.h>

static const struct {
    const char *in, *out;
} nfkc_cases[] = {
    { "", "" },
    { "abc", "abc" },
    { "１２３，４５６円", "123,456円" },
    { "￥６４，９８０", "¥64,980" },
    { "ｶﾞｷﾞｸﾞ", "ガギグ" },
    { "ﾊﾟﾝ", "パン" },
    { "①", "1" },
    { "㈱山口", "(株)山口" },
    { "㍉", "ミリ" },
    { "Ⅻ", "XII" },
    { "　全角スペース", " 全角スペース" },
    { "令和", "令和" },
    { "㋿", "令和" },
    { "が", "が" },                    /* decomposed kana recomposes */
    { "髙﨑", "髙﨑" },                 /* unified ideographs stay */
};

static void test_nfkc(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof nfkc_cases / sizeof nfkc_cases[0]; i++) {
        char *r = nb_nfkc(nfkc_cases[i].in);
        assert_non_null(r);
        if (strcmp(r, nfkc_cases[i].out) != 0)
            fail_msg("nfkc(\"%s\") = \"%s\", expected \"%s\"", nfkc_cases[i].in, r,
                     nfkc_cases[i].out);
        free(r);
    }
}

/* ASCII is copied, not run through utf8proc (text.c): the copy must be
 * what utf8proc gives, for every ASCII character alone and all together. */
static void test_nfkc_ascii_as_utf8proc(void **state)
{
    (void)state;
    char all[128];
    for (int c = 1; c < 128; c++) {
        char one[2] = {(char)c, 0};
        all[c - 1] = (char)c;
        char *ours = nb_nfkc(one);
        char *theirs = (char *)utf8proc_NFKC((const utf8proc_uint8_t *)one);
        assert_non_null(ours);
        assert_non_null(theirs);
        if (strcmp(ours, theirs) != 0)
            fail_msg("nfkc of 0x%02x differs from utf8proc's", c);
        free(ours);
        free(theirs);
    }
    all[127] = 0;
    char *ours = nb_nfkc(all);
    char *theirs = (char *)utf8proc_NFKC((const utf8proc_uint8_t *)all);
    assert_string_equal(ours, theirs);
    free(ours);
    free(theirs);
}

static void test_nfkc_invalid(void **state)
{
    (void)state;
    assert_null(nb_nfkc(NULL));
    assert_null(nb_nfkc("abc\xFF"));
    assert_null(nb_nfkc("\xED\xA0\x80"));      /* surrogate */
    assert_null(nb_nfkc("\xC0\x80"));          /* overlong */
    assert_null(nb_nfkc("\xE3\x81"));          /* truncated */
}

static void test_nfkc_long(void **state)
{
    (void)state;
    /* 10,000 full-width digits become 10,000 ASCII digits. */
    size_t n = 10000;
    char *s = malloc(n * 3 + 1);
    assert_non_null(s);
    for (size_t i = 0; i < n; i++)
        memcpy(s + i * 3, "\xEF\xBC\x91", 3);  /* １ */
    s[n * 3] = '\0';
    char *r = nb_nfkc(s);
    assert_non_null(r);
    assert_int_equal(strlen(r), n);
    assert_int_equal(strspn(r, "1"), n);
    free(r);
    free(s);
}

static const struct {
    int32_t cp;
    int width;
} width_cases[] = {
    { 'A', 1 },
    { ' ', 1 },
    { 0x00, -1 },
    { 0x09, -1 },
    { 0x0A, -1 },
    { 0x1B, -1 },
    { 0x7F, -1 },
    { 0x85, -1 },
    { 0x9F, -1 },
    { 0x3042, 2 },    /* あ */
    { 0x5C71, 2 },    /* 山 */
    { 0xFF11, 2 },    /* １ */
    { 0xFF76, 1 },    /* ｶ */
    { 0x3000, 2 },    /* ideographic space */
    { 0x0301, 0 },    /* combining acute */
    { 0x3099, 0 },    /* combining dakuten */
    { 0x25CB, 1 },    /* ○ ambiguous: 1 here */
    { 0x2460, 1 },    /* ① ambiguous */
    { 0x00E9, 1 },    /* é */
    { 0x20BB7, 2 },   /* 𠮷 */
    { 0x110000, -1 },
    { -5, -1 },
};

static void test_cp_width(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof width_cases / sizeof width_cases[0]; i++) {
        int w = nb_cp_width(width_cases[i].cp);
        if (w != width_cases[i].width)
            fail_msg("width(U+%04X) = %d, expected %d", (unsigned)width_cases[i].cp, w,
                     width_cases[i].width);
    }
}

static void test_str_width(void **state)
{
    (void)state;
    assert_int_equal(nb_str_width(NULL), 0);
    assert_int_equal(nb_str_width(""), 0);
    assert_int_equal(nb_str_width("abc"), 3);
    assert_int_equal(nb_str_width("山口県"), 6);
    assert_int_equal(nb_str_width("ｶﾞ"), 2);
    assert_int_equal(nb_str_width("a\tb\n"), 2);        /* controls 0 */
    assert_int_equal(nb_str_width("補助所要額 50,000円"), 10 + 1 + 6 + 2);
    assert_int_equal(nb_str_width("e\xCC\x81"), 1);     /* e + combining */
    assert_int_equal(nb_str_width("a\xFF" "b"), 3);     /* stray byte = 1 */
}

static const struct {
    const char *s;
    bool control;
} control_cases[] = {
    { "", false },
    { "山口県健康増進課", false },
    { "name\tX", true },
    { "a\rb", true },
    { "a\nb", true },
    { "\x01", true },
    { "\x1B[31m", true },
    { "DEL\x7F", true },
    { "C1\xC2\x85", true },         /* NEL */
    { "C1\xC2\x9B", true },         /* CSI */
    { "ls\xE2\x80\xA8", true },     /* U+2028 */
    { "ps\xE2\x80\xA9", true },     /* U+2029 */
    { "　全角", false },
    { "é", false },
};

static void test_has_control(void **state)
{
    (void)state;
    assert_false(nb_has_control(NULL));
    for (size_t i = 0; i < sizeof control_cases / sizeof control_cases[0]; i++)
        if (nb_has_control(control_cases[i].s) != control_cases[i].control)
            fail_msg("has_control case %zu wrong", i);
}

static const struct {
    const char *in, *out;
} trim_cases[] = {
    { "", "" },
    { "   ", "" },
    { "　　", "" },
    { " \t　山口　 \t", "山口" },
    { "山 口", "山 口" },
    { "　山　口　", "山　口" },
    { "abc", "abc" },
    { "\nabc\n", "\nabc\n" },      /* only spaces are trimmed */
};

static void test_trim(void **state)
{
    (void)state;
    assert_null(nb_trim(NULL));
    for (size_t i = 0; i < sizeof trim_cases / sizeof trim_cases[0]; i++) {
        char *r = nb_trim(trim_cases[i].in);
        assert_non_null(r);
        assert_string_equal(r, trim_cases[i].out);
        free(r);
    }
}

static void test_prefix_for_width(void **state)
{
    const char *s = "山口aけ";
    (void)state;
    assert_int_equal(nb_prefix_for_width(s, 0), 0);
    assert_int_equal(nb_prefix_for_width(s, 1), 0);   /* never half a glyph */
    assert_int_equal(nb_prefix_for_width(s, 2), 3);
    assert_int_equal(nb_prefix_for_width(s, 3), 3);
    assert_int_equal(nb_prefix_for_width(s, 4), 6);
    assert_int_equal(nb_prefix_for_width(s, 5), 7);
    assert_int_equal(nb_prefix_for_width(s, 6), 7);
    assert_int_equal(nb_prefix_for_width(s, 7), 10);
    assert_int_equal(nb_prefix_for_width(s, 100), 10);
    assert_int_equal(nb_prefix_for_width(s, -1), 0);
    assert_int_equal(nb_prefix_for_width(NULL, 5), 0);
    /* A combining mark stays with its base. */
    assert_int_equal(nb_prefix_for_width("e\xCC\x81x", 1), 3);
    /* 10,000 wide characters: the prefix is exactly the requested width. */
    char *big = malloc(30001);
    assert_non_null(big);
    for (int i = 0; i < 10000; i++)
        memcpy(big + i * 3, "あ", 3);
    big[30000] = '\0';
    assert_int_equal(nb_prefix_for_width(big, 79), 39 * 3);
    assert_int_equal(nb_str_width(big), 20000);
    free(big);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nfkc),
        cmocka_unit_test(test_nfkc_ascii_as_utf8proc),
        cmocka_unit_test(test_nfkc_invalid),
        cmocka_unit_test(test_nfkc_long),
        cmocka_unit_test(test_cp_width),
        cmocka_unit_test(test_str_width),
        cmocka_unit_test(test_has_control),
        cmocka_unit_test(test_trim),
        cmocka_unit_test(test_prefix_for_width),
    };
    return cmocka_run_group_tests_name("core_text", tests, NULL, NULL);
}
