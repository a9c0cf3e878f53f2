/* Unit tests for src/core/charset.c: each kind of 機種依存文字, the
 * suggested replacements, offsets, sequences that count once, and fixing.
 * Compatibility ideographs are written as \u escapes because editors and
 * tools may silently NFC-normalise them into their unified forms. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "nanbyo/charset.h"

static const struct {
    const char *in;
    int32_t cp;
    nb_cs_kind kind;
    const char *suggestion;
} single_cases[] = {
    /* half-width katakana, voiced marks joined */
    { "ｶ", 0xFF76, NB_CS_HALFWIDTH_KANA, "カ" },
    { "ｶﾞ", 0xFF76, NB_CS_HALFWIDTH_KANA, "ガ" },
    { "ﾊﾟ", 0xFF8A, NB_CS_HALFWIDTH_KANA, "パ" },
    { "ｳﾞ", 0xFF73, NB_CS_HALFWIDTH_KANA, "ヴ" },
    { "ﾜﾞ", 0xFF9C, NB_CS_HALFWIDTH_KANA, "ワ゛" },
    { "ﾞ", 0xFF9E, NB_CS_HALFWIDTH_KANA, "゛" },
    { "ﾟ", 0xFF9F, NB_CS_HALFWIDTH_KANA, "゜" },
    { "ｰ", 0xFF70, NB_CS_HALFWIDTH_KANA, "ー" },
    { "｡", 0xFF61, NB_CS_HALFWIDTH_KANA, "。" },
    { "｢", 0xFF62, NB_CS_HALFWIDTH_KANA, "「" },
    { "ｦ", 0xFF66, NB_CS_HALFWIDTH_KANA, "ヲ" },
    /* circled and enclosed */
    { "①", 0x2460, NB_CS_CIRCLED, "1" },
    { "⑳", 0x2473, NB_CS_CIRCLED, "20" },
    { "⑴", 0x2474, NB_CS_CIRCLED, "(1)" },
    { "㈱", 0x3231, NB_CS_CIRCLED, "(株)" },
    { "㈲", 0x3232, NB_CS_CIRCLED, "(有)" },
    { "㊤", 0x32A4, NB_CS_CIRCLED, "上" },
    { "Ⓐ", 0x24B6, NB_CS_CIRCLED, "A" },
    { "❶", 0x2776, NB_CS_CIRCLED, "" },
    /* Roman numerals */
    { "Ⅰ", 0x2160, NB_CS_ROMAN_NUMERAL, "I" },
    { "Ⅻ", 0x216B, NB_CS_ROMAN_NUMERAL, "XII" },
    { "ⅱ", 0x2171, NB_CS_ROMAN_NUMERAL, "ii" },
    { "ⅿ", 0x217F, NB_CS_ROMAN_NUMERAL, "m" },
    /* units and NEC/IBM symbols */
    { "㍉", 0x3349, NB_CS_UNIT_SYMBOL, "ミリ" },
    { "㌔", 0x3314, NB_CS_UNIT_SYMBOL, "キロ" },
    { "㎝", 0x339D, NB_CS_UNIT_SYMBOL, "cm" },
    { "㎏", 0x338F, NB_CS_UNIT_SYMBOL, "kg" },
    { "㍻", 0x337B, NB_CS_UNIT_SYMBOL, "平成" },
    { "№", 0x2116, NB_CS_UNIT_SYMBOL, "No" },
    { "℡", 0x2121, NB_CS_UNIT_SYMBOL, "TEL" },
    { "∮", 0x222E, NB_CS_UNIT_SYMBOL, "" },
    { "∟", 0x221F, NB_CS_UNIT_SYMBOL, "" },
    /* variant kanji (IBM/NEC extensions) */
    { "髙", 0x9AD9, NB_CS_VARIANT_KANJI, "高" },
    { "\uFA11", 0xFA11, NB_CS_VARIANT_KANJI, "崎" },
    { "德", 0x5FB7, NB_CS_VARIANT_KANJI, "徳" },
    { "濵", 0x6FF5, NB_CS_VARIANT_KANJI, "浜" },
    { "瀨", 0x7028, NB_CS_VARIANT_KANJI, "瀬" },
    { "栁", 0x6801, NB_CS_VARIANT_KANJI, "柳" },
    { "槗", 0x69D7, NB_CS_VARIANT_KANJI, "橋" },
    { "\uFA10", 0xFA10, NB_CS_VARIANT_KANJI, "塚" },
    { "\uFA12", 0xFA12, NB_CS_VARIANT_KANJI, "晴" },
    { "\uFA19", 0xFA19, NB_CS_VARIANT_KANJI, "神" },
    { "\uFA1E", 0xFA1E, NB_CS_VARIANT_KANJI, "羽" },
    { "\uF9DC", 0xF9DC, NB_CS_VARIANT_KANJI, "隆" },
    { "\uFA14", 0xFA14, NB_CS_VARIANT_KANJI, "欅" },
    { "\uFA1F", 0xFA1F, NB_CS_VARIANT_KANJI, "臈" },
    { "\uFA0E", 0xFA0E, NB_CS_VARIANT_KANJI, "" },   /* 﨎: no JIS X 0208 form */
    { "\U00020BB7", 0x20BB7, NB_CS_VARIANT_KANJI, "吉" },
    /* emoji */
    { "😀", 0x1F600, NB_CS_EMOJI, "" },
    { "☺", 0x263A, NB_CS_EMOJI, "" },
    { "\U0001F9D1", 0x1F9D1, NB_CS_EMOJI, "" },
    /* controls */
    { "\t", 0x09, NB_CS_CONTROL, "" },
    { "\r", 0x0D, NB_CS_CONTROL, "" },
    { "\n", 0x0A, NB_CS_CONTROL, "" },
    { "\x1B", 0x1B, NB_CS_CONTROL, "" },
    { "\x7F", 0x7F, NB_CS_CONTROL, "" },
    { "\xC2\x85", 0x85, NB_CS_CONTROL, "" },
    { "\u2028", 0x2028, NB_CS_CONTROL, "" },
    /* outside CP932 */
    { "é", 0xE9, NB_CS_OTHER, "" },
    { "한", 0xD55C, NB_CS_OTHER, "" },
    { "\u00A0", 0xA0, NB_CS_OTHER, " " },
    { "\u2013", 0x2013, NB_CS_OTHER, "－" },
    { "\u200B", 0x200B, NB_CS_OTHER, "" },
    { "\u202E", 0x202E, NB_CS_OTHER, "" },
    { "\u3099", 0x3099, NB_CS_OTHER, "゛" },
    { "\xFF", 0xFFFD, NB_CS_OTHER, "" },
};

static void test_single(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof single_cases / sizeof single_cases[0]; i++) {
        nb_cs_issue is[4];
        size_t n = nb_charset_scan(single_cases[i].in, is, 4);
        if (n != 1)
            fail_msg("case %zu (U+%04X): %zu issues", i, (unsigned)single_cases[i].cp, n);
        if (is[0].cp != single_cases[i].cp || is[0].kind != single_cases[i].kind ||
            strcmp(is[0].suggestion, single_cases[i].suggestion) != 0 || is[0].offset != 0)
            fail_msg("case %zu (U+%04X): got U+%04X kind %d \"%s\"", i,
                     (unsigned)single_cases[i].cp, (unsigned)is[0].cp, is[0].kind,
                     is[0].suggestion);
    }
}

/* Characters that are fine in JIS X 0208 / CP932 and must not be flagged,
 * including the ones Windows and JIS map to different code points. */
static void test_clean(void **state)
{
    static const char *const clean[] = {
        "",
        "山口県健康福祉部健康増進課精神・難病班",
        "ＡＢＣ１２３ａｂｃ！？（）",
        "abc 123 !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
        "ひらがな カタカナ ヴ ー 〒753-8501",
        "♪☆★○●◎◇◆□■△▲▽▼※→←↑↓〓",
        "〜～－−‖∥￠￡￢—―",
        "高崎徳浜瀬柳橋塚晴神羽隆",
        "　全角スペース",
        "¥",
    };
    (void)state;
    for (size_t i = 0; i < sizeof clean / sizeof clean[0]; i++) {
        nb_cs_issue is[4];
        size_t n = nb_charset_scan(clean[i], is, 4);
        if (n != 0)
            fail_msg("\"%s\": %zu issues, first U+%04X", clean[i], n, (unsigned)is[0].cp);
    }
    assert_int_equal(nb_charset_scan(NULL, NULL, 0), 0);
}

static void test_sequences(void **state)
{
    nb_cs_issue is[16];
    (void)state;
    /* skin tone, ZWJ family, flag, keycap, emoji presentation: one each */
    const char *s = "A👍🏽B👨\u200D👩\u200D👧C🇯🇵D1\uFE0F\u20E3E☺\uFE0F";
    size_t n = nb_charset_scan(s, is, 16);
    assert_int_equal(n, 5);
    assert_int_equal(is[0].cp, 0x1F44D);
    assert_int_equal(is[0].offset, 1);
    assert_int_equal(is[1].cp, 0x1F468);
    assert_int_equal(is[1].offset, 1 + 8 + 1);
    assert_int_equal(is[2].cp, 0x1F1EF);
    assert_int_equal(is[3].cp, 0xFE0F);
    assert_int_equal(is[4].cp, 0x263A);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(is[i].kind, NB_CS_EMOJI);
    /* Two flags in a row are two issues. */
    assert_int_equal(nb_charset_scan("🇯🇵🇯🇵", is, 16), 2);
    /* A ZWJ at the very end does not run past the string. */
    assert_int_equal(nb_charset_scan("😀\u200D", is, 16), 1);
    /* Half-width kana: one issue per letter (with its mark). */
    n = nb_charset_scan("ﾔﾏｸﾞﾁ ｹﾝ", is, 16);
    assert_int_equal(n, 6);
    assert_string_equal(is[2].suggestion, "グ");
    assert_int_equal(is[2].offset, 6);
    assert_int_equal(is[3].offset, 12);
}

static void test_offsets_and_max(void **state)
{
    nb_cs_issue is[2];
    (void)state;
    const char *s = "株式会社㈱髙橋①";
    size_t n = nb_charset_scan(s, is, 2);
    assert_int_equal(n, 3);           /* total, more than stored */
    assert_int_equal(is[0].offset, 12);
    assert_int_equal(is[0].cp, 0x3231);
    assert_int_equal(is[1].offset, 15);
    assert_int_equal(is[1].cp, 0x9AD9);
    assert_int_equal(nb_charset_scan(s, NULL, 0), 3);
    assert_int_equal(nb_charset_scan(s, is, 0), 3);
}

static const struct {
    const char *in, *out;
} fix_cases[] = {
    { "", "" },
    { "ｶﾌﾞｼｷｶﾞｲｼｬ", "カブシキガイシャ" },
    { "㈱髙橋医院", "(株)高橋医院" },
    { "\uFA11山診療所", "崎山診療所" },
    { "第①期 Ⅱ号 ５㌔", "第1期 II号 ５キロ" },
    { "\uFA0E😀\t", "\uFA0E😀\t" },     /* nothing to suggest: kept */
    { "普通の文字", "普通の文字" },
    { "x\xFFy", "x\xFFy" },               /* invalid bytes are kept */
};

static void test_fix(void **state)
{
    (void)state;
    assert_null(nb_charset_fix(NULL));
    for (size_t i = 0; i < sizeof fix_cases / sizeof fix_cases[0]; i++) {
        char *r = nb_charset_fix(fix_cases[i].in);
        assert_non_null(r);
        if (strcmp(r, fix_cases[i].out) != 0)
            fail_msg("fix(\"%s\") = \"%s\", expected \"%s\"", fix_cases[i].in, r,
                     fix_cases[i].out);
        /* Fixing is idempotent: nothing left with a suggestion. */
        char *again = nb_charset_fix(r);
        assert_string_equal(again, r);
        free(again);
        free(r);
    }
}

static void test_long(void **state)
{
    (void)state;
    /* 10,000 half-width kana grow to 10,000 full-width; 10,000 clean
     * kanji scan fast and report nothing. */
    size_t n = 10000;
    char *s = malloc(n * 3 + 1);
    assert_non_null(s);
    for (size_t i = 0; i < n; i++)
        memcpy(s + i * 3, "ｱ", 3);
    s[n * 3] = '\0';
    assert_int_equal(nb_charset_scan(s, NULL, 0), n);
    char *f = nb_charset_fix(s);
    assert_non_null(f);
    assert_int_equal(strlen(f), n * 3);
    assert_int_equal(memcmp(f, "アア", 6), 0);
    free(f);
    for (size_t i = 0; i < n; i++)
        memcpy(s + i * 3, "山", 3);
    clock_t t0 = clock();
    assert_int_equal(nb_charset_scan(s, NULL, 0), 0);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    assert_true(secs < 1.0);
    free(s);
}

static void test_kind_text(void **state)
{
    (void)state;
    assert_string_equal(nb_cs_kind_text(NB_CS_HALFWIDTH_KANA), "半角カタカナ");
    for (int k = NB_CS_HALFWIDTH_KANA; k <= NB_CS_OTHER; k++)
        assert_true(strlen(nb_cs_kind_text((nb_cs_kind)k)) >= 6);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_single),
        cmocka_unit_test(test_clean),
        cmocka_unit_test(test_sequences),
        cmocka_unit_test(test_offsets_and_max),
        cmocka_unit_test(test_fix),
        cmocka_unit_test(test_long),
        cmocka_unit_test(test_kind_text),
    };
    return cmocka_run_group_tests_name("core_charset", tests, NULL, NULL);
}
