/* Unit tests for src/core/yen.c: every way a clerk writes an amount, and
 * every way it can be wrong, including overflow-sized input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "nanbyo/yen.h"

static const struct {
    const char *in;
    nb_num_error err;
    int64_t value;
} yen_cases[] = {
    { "0", NB_NUM_OK, 0 },
    { "123456", NB_NUM_OK, 123456 },
    { "123,456", NB_NUM_OK, 123456 },
    { "１２３，４５６円", NB_NUM_OK, 123456 },
    { "¥64,980", NB_NUM_OK, 64980 },
    { "￥64,980", NB_NUM_OK, 64980 },
    { "￥６４，９８０円", NB_NUM_OK, 64980 },
    { "\\64980", NB_NUM_OK, 64980 },
    { "  50000  ", NB_NUM_OK, 50000 },
    { "　５００００　", NB_NUM_OK, 50000 },
    { "50,000 円", NB_NUM_OK, 50000 },
    { "¥ 50,000", NB_NUM_OK, 50000 },
    { "+100", NB_NUM_OK, 100 },
    { "007", NB_NUM_OK, 7 },
    { "1,000,000", NB_NUM_OK, 1000000 },
    { "999,999,999,999", NB_NUM_OK, 999999999999LL },
    { "999999999999", NB_NUM_OK, 999999999999LL },
    /* empty */
    { "", NB_NUM_EMPTY, 0 },
    { "   ", NB_NUM_EMPTY, 0 },
    { "　　", NB_NUM_EMPTY, 0 },
    /* negative */
    { "-5", NB_NUM_NEGATIVE, 0 },
    { "－５", NB_NUM_NEGATIVE, 0 },
    { "−5", NB_NUM_NEGATIVE, 0 },       /* U+2212 */
    { "ー5", NB_NUM_NEGATIVE, 0 },      /* U+30FC from an IME */
    { "‐5", NB_NUM_NEGATIVE, 0 },       /* U+2010 */
    { "▲5,000", NB_NUM_NEGATIVE, 0 },
    { "△5,000", NB_NUM_NEGATIVE, 0 },
    { "-¥100", NB_NUM_NEGATIVE, 0 },
    { "¥-100", NB_NUM_NEGATIVE, 0 },
    { " - 100円", NB_NUM_NEGATIVE, 0 },
    /* decimals */
    { "1.5", NB_NUM_DECIMAL, 0 },
    { "１．５", NB_NUM_DECIMAL, 0 },
    { "1,000.50", NB_NUM_DECIMAL, 0 },
    { "1.", NB_NUM_DECIMAL, 0 },
    { ".5", NB_NUM_DECIMAL, 0 },
    /* garbage */
    { "abc", NB_NUM_GARBAGE, 0 },
    { "12a", NB_NUM_GARBAGE, 0 },
    /* 万 and 千 in order, each group below the one before; なし is 0 */
    { "5万円", NB_NUM_OK, 50000 },
    { "1万2千円", NB_NUM_OK, 12000 },
    { "１万２千円", NB_NUM_OK, 12000 },
    { "12万8千", NB_NUM_OK, 128000 },
    { "12万8000円", NB_NUM_OK, 128000 },
    { "1,200万円", NB_NUM_OK, 12000000 },
    { "3千500", NB_NUM_OK, 3500 },
    { "1万2千500円", NB_NUM_OK, 12500 },
    { "なし", NB_NUM_OK, 0 },
    { " 無し ", NB_NUM_OK, 0 },
    { "1万20000", NB_NUM_GARBAGE, 0 },
    { "3千2万", NB_NUM_GARBAGE, 0 },
    { "1万1万", NB_NUM_GARBAGE, 0 },
    { "12千", NB_NUM_GARBAGE, 0 },
    { "千円", NB_NUM_GARBAGE, 0 },
    { "万", NB_NUM_GARBAGE, 0 },
    { "0万", NB_NUM_GARBAGE, 0 },
    { "1万2千1000", NB_NUM_GARBAGE, 0 },
    { "12000万", NB_NUM_GARBAGE, 0 },
    { "1.5万", NB_NUM_DECIMAL, 0 },
    { "-1万", NB_NUM_NEGATIVE, 0 },
    { "なしなし", NB_NUM_GARBAGE, 0 },
    { "1億", NB_NUM_GARBAGE, 0 },
    { "1,23,456", NB_NUM_GARBAGE, 0 },
    { "12,34", NB_NUM_GARBAGE, 0 },
    { "1234,567", NB_NUM_GARBAGE, 0 },
    { ",123", NB_NUM_GARBAGE, 0 },
    { "123,", NB_NUM_GARBAGE, 0 },
    { "1,,234", NB_NUM_GARBAGE, 0 },
    { "1 234", NB_NUM_GARBAGE, 0 },
    { "1.2.3", NB_NUM_GARBAGE, 0 },
    { "¥", NB_NUM_GARBAGE, 0 },
    { "円", NB_NUM_GARBAGE, 0 },
    { "100円円", NB_NUM_GARBAGE, 0 },
    { "¥¥100", NB_NUM_GARBAGE, 0 },
    { "100\n", NB_NUM_GARBAGE, 0 },
    { "10\t0", NB_NUM_GARBAGE, 0 },
    { "0x10", NB_NUM_GARBAGE, 0 },
    { "++100", NB_NUM_GARBAGE, 0 },
    { "+¥+100", NB_NUM_GARBAGE, 0 },
    { "--100", NB_NUM_NEGATIVE, 0 },
    { "1e5", NB_NUM_GARBAGE, 0 },
    { "100\xFF", NB_NUM_GARBAGE, 0 },
    { "\xC0\xB1", NB_NUM_GARBAGE, 0 },        /* overlong '1' */
    { "100\x00" "5", NB_NUM_OK, 100 },        /* C string ends at NUL */
    /* too large */
    { "1000000000000", NB_NUM_TOO_LARGE, 0 },
    { "1,000,000,000,000", NB_NUM_TOO_LARGE, 0 },
    { "9223372036854775807", NB_NUM_TOO_LARGE, 0 },
    { "9223372036854775808", NB_NUM_TOO_LARGE, 0 },
    { "99999999999999999999", NB_NUM_TOO_LARGE, 0 },
    { "1234567890123456789012345", NB_NUM_TOO_LARGE, 0 },
    { "１２３４５６７８９０１２３４５６７８９０１２３４５", NB_NUM_TOO_LARGE, 0 },
    { "1234567890123456789012345a", NB_NUM_GARBAGE, 0 },
};

static void test_yen_parse_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof yen_cases / sizeof yen_cases[0]; i++) {
        int64_t v = -42;
        nb_num_error e = nb_yen_parse(yen_cases[i].in, &v);
        if (e != yen_cases[i].err)
            fail_msg("yen_parse(\"%s\") = %d, expected %d", yen_cases[i].in, e,
                     yen_cases[i].err);
        if (e == NB_NUM_OK && v != yen_cases[i].value)
            fail_msg("yen_parse(\"%s\") value %lld", yen_cases[i].in, (long long)v);
        if (e != NB_NUM_OK && v != -42)
            fail_msg("yen_parse(\"%s\") wrote out on error", yen_cases[i].in);
    }
    assert_int_equal(nb_yen_parse(NULL, NULL), NB_NUM_EMPTY);
}

static void test_yen_parse_hostile_long(void **state)
{
    (void)state;
    int64_t v;
    char *s = malloc(10001);
    assert_non_null(s);
    memset(s, '9', 10000);
    s[10000] = '\0';
    assert_int_equal(nb_yen_parse(s, &v), NB_NUM_TOO_LARGE);
    memset(s, 'x', 10000);
    assert_int_equal(nb_yen_parse(s, &v), NB_NUM_GARBAGE);
    memset(s, ' ', 10000);
    assert_int_equal(nb_yen_parse(s, &v), NB_NUM_EMPTY);
    /* 9,999 leading zeros then 5 is still 5. */
    memset(s, '0', 9999);
    s[9999] = '5';
    assert_int_equal(nb_yen_parse(s, &v), NB_NUM_OK);
    assert_int_equal(v, 5);
    free(s);
}

static const struct {
    const char *in;
    int64_t max;
    nb_num_error err;
    int64_t value;
} count_cases[] = {
    { "2", 99, NB_NUM_OK, 2 },
    { "２", 99, NB_NUM_OK, 2 },
    { "2人", 99, NB_NUM_OK, 2 },
    { "2名", 99, NB_NUM_OK, 2 },
    { "２ 名", 99, NB_NUM_OK, 2 },
    { "1台", 99, NB_NUM_OK, 1 },
    { "1式", 99, NB_NUM_OK, 1 },
    { "12か月", 99, NB_NUM_OK, 12 },
    { "１２ヶ月", 99, NB_NUM_OK, 12 },
    { "なし", 99, NB_NUM_OK, 0 },
    { "1万", 99999, NB_NUM_GARBAGE, 0 },
    { "0", 99, NB_NUM_OK, 0 },
    { "99", 99, NB_NUM_OK, 99 },
    { "100", 99, NB_NUM_TOO_LARGE, 0 },
    { "1,000", 100000, NB_NUM_OK, 1000 },
    { "", 99, NB_NUM_EMPTY, 0 },
    { "-1", 99, NB_NUM_NEGATIVE, 0 },
    { "1.5", 99, NB_NUM_DECIMAL, 0 },
    { "二", 99, NB_NUM_GARBAGE, 0 },
    { "2円", 99, NB_NUM_GARBAGE, 0 },
    { "¥2", 99, NB_NUM_GARBAGE, 0 },
    { "2人人", 99, NB_NUM_GARBAGE, 0 },
    { "99999999999999999999999", 99, NB_NUM_TOO_LARGE, 0 },
    { "5", 0, NB_NUM_TOO_LARGE, 0 },
    { "0", 0, NB_NUM_OK, 0 },
    { "5", -1, NB_NUM_TOO_LARGE, 0 },
    { "999999999999", INT64_MAX, NB_NUM_OK, 999999999999LL },
    { "1000000000000", INT64_MAX, NB_NUM_TOO_LARGE, 0 },
};

static void test_count_parse_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof count_cases / sizeof count_cases[0]; i++) {
        int64_t v = -42;
        nb_num_error e = nb_count_parse(count_cases[i].in, count_cases[i].max, &v);
        if (e != count_cases[i].err)
            fail_msg("count_parse(\"%s\", %lld) = %d, expected %d", count_cases[i].in,
                     (long long)count_cases[i].max, e, count_cases[i].err);
        if (e == NB_NUM_OK && v != count_cases[i].value)
            fail_msg("count_parse(\"%s\") value %lld", count_cases[i].in, (long long)v);
    }
}

static const struct {
    int64_t v;
    const char *plain, *yen;
} fmt_cases[] = {
    { 0, "0", "0円" },
    { 1, "1", "1円" },
    { 999, "999", "999円" },
    { 1000, "1,000", "1,000円" },
    { 50000, "50,000", "50,000円" },
    { 123456, "123,456", "123,456円" },
    { 1000000, "1,000,000", "1,000,000円" },
    { 999999999999LL, "999,999,999,999", "999,999,999,999円" },
    { -1500, "-1,500", "-1,500円" },
    { INT64_MAX, "9,223,372,036,854,775,807", "9,223,372,036,854,775,807円" },
    { INT64_MIN, "-9,223,372,036,854,775,808", "-9,223,372,036,854,775,808円" },
};

static void test_format(void **state)
{
    char buf[64];
    (void)state;
    for (size_t i = 0; i < sizeof fmt_cases / sizeof fmt_cases[0]; i++) {
        nb_yen_format_plain(fmt_cases[i].v, buf, sizeof buf);
        assert_string_equal(buf, fmt_cases[i].plain);
        nb_yen_format(fmt_cases[i].v, buf, sizeof buf);
        assert_string_equal(buf, fmt_cases[i].yen);
    }
    /* Small buffers truncate safely and stay terminated. */
    nb_yen_format(50000, buf, 4);
    assert_string_equal(buf, "50,");
    nb_yen_format(50000, NULL, 10);
    nb_yen_format(50000, buf, 0);
}

static void test_roundtrip(void **state)
{
    char buf[64];
    int64_t v;
    (void)state;
    /* Formatted amounts always parse back to themselves. */
    for (int64_t x = 0; x < NB_YEN_LIMIT; x = x * 7 + 13) {
        nb_yen_format(x, buf, sizeof buf);
        assert_int_equal(nb_yen_parse(buf, &v), NB_NUM_OK);
        assert_int_equal(v, x);
    }
}

static void test_error_text(void **state)
{
    (void)state;
    assert_string_equal(nb_num_error_text(NB_NUM_OK), "");
    assert_string_equal(nb_num_error_text(NB_NUM_NEGATIVE),
                        "金額は0以上の整数で入力してください (マイナスは入力できません)");
    for (int e = NB_NUM_EMPTY; e <= NB_NUM_TOO_LARGE; e++) {
        assert_true(strlen(nb_num_error_text((nb_num_error)e)) > 10);
        assert_non_null(strstr(nb_num_error_text((nb_num_error)e), "金額"));
        assert_true(strlen(nb_count_error_text((nb_num_error)e)) > 10);
        assert_null(strstr(nb_count_error_text((nb_num_error)e), "金額"));
    }
    assert_non_null(strstr(nb_num_error_text(NB_NUM_DECIMAL), "小数"));
    assert_non_null(strstr(nb_num_error_text(NB_NUM_TOO_LARGE), "1兆円"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_yen_parse_table),
        cmocka_unit_test(test_yen_parse_hostile_long),
        cmocka_unit_test(test_count_parse_table),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_roundtrip),
        cmocka_unit_test(test_error_text),
    };
    return cmocka_run_group_tests_name("core_yen", tests, NULL, NULL);
}
