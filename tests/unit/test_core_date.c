/* Unit tests for src/core/date.c: the many ways of writing a date, era
 * boundaries, impossible dates, day arithmetic and the fiscal year. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "nanbyo/date.h"

static const struct {
    const char *in;
    nb_date_error err;
    int y, m, d;
} parse_cases[] = {
    { "2026-05-01", NB_DATE_OK, 2026, 5, 1 },
    { "2026/5/1", NB_DATE_OK, 2026, 5, 1 },
    { "2026.5.1", NB_DATE_OK, 2026, 5, 1 },
    { "2026年5月1日", NB_DATE_OK, 2026, 5, 1 },
    { "2026年05月01日", NB_DATE_OK, 2026, 5, 1 },
    { "２０２６年５月１日", NB_DATE_OK, 2026, 5, 1 },
    { "２０２６－０５－０１", NB_DATE_OK, 2026, 5, 1 },
    { "令和8年5月1日", NB_DATE_OK, 2026, 5, 1 },
    { "令和８年５月１日", NB_DATE_OK, 2026, 5, 1 },
    { "令和 8 年 5 月 1 日", NB_DATE_OK, 2026, 5, 1 },
    { "令和元年5月1日", NB_DATE_OK, 2019, 5, 1 },
    { "令和1年5月1日", NB_DATE_OK, 2019, 5, 1 },
    { "㋿8年5月1日", NB_DATE_OK, 2026, 5, 1 },
    { "R8.5.1", NB_DATE_OK, 2026, 5, 1 },
    { "R8/5/1", NB_DATE_OK, 2026, 5, 1 },
    { "R8-5-1", NB_DATE_OK, 2026, 5, 1 },
    { "r8.5.1", NB_DATE_OK, 2026, 5, 1 },
    { "Ｒ８．５．１", NB_DATE_OK, 2026, 5, 1 },
    { "R08.05.01", NB_DATE_OK, 2026, 5, 1 },
    { "R8年5月1日", NB_DATE_OK, 2026, 5, 1 },
    { "令和8.5.1", NB_DATE_OK, 2026, 5, 1 },
    { "H31.4.30", NB_DATE_OK, 2019, 4, 30 },
    { "h31.4.30", NB_DATE_OK, 2019, 4, 30 },
    { "平成31年4月30日", NB_DATE_OK, 2019, 4, 30 },
    { "平成元年1月8日", NB_DATE_OK, 1989, 1, 8 },
    { "㍻31年4月30日", NB_DATE_OK, 2019, 4, 30 },
    { "S64.1.7", NB_DATE_OK, 1989, 1, 7 },
    { "2026年5月1日(金)", NB_DATE_OK, 2026, 5, 1 },
    { "2026年5月1日（金）", NB_DATE_OK, 2026, 5, 1 },
    { "令和8年5月1日 (金曜日)", NB_DATE_OK, 2026, 5, 1 },
    { "R8.5.1(金曜)", NB_DATE_OK, 2026, 5, 1 },
    { "  2026-05-01  ", NB_DATE_OK, 2026, 5, 1 },
    { "　令和8年5月1日　", NB_DATE_OK, 2026, 5, 1 },
    { "2024-02-29", NB_DATE_OK, 2024, 2, 29 },
    { "2000-02-29", NB_DATE_OK, 2000, 2, 29 },
    { "2026年5月1", NB_DATE_OK, 2026, 5, 1 },
    /* empty */
    { "", NB_DATE_EMPTY, 0, 0, 0 },
    { "   ", NB_DATE_EMPTY, 0, 0, 0 },
    /* range */
    { "2026年2月30日", NB_DATE_RANGE, 0, 0, 0 },
    { "令和8年2月30日", NB_DATE_RANGE, 0, 0, 0 },
    { "2026-02-29", NB_DATE_RANGE, 0, 0, 0 },
    { "1900-02-29", NB_DATE_RANGE, 0, 0, 0 },
    { "2026-13-01", NB_DATE_RANGE, 0, 0, 0 },
    { "2026-00-10", NB_DATE_RANGE, 0, 0, 0 },
    { "2026-04-31", NB_DATE_RANGE, 0, 0, 0 },
    { "2026-04-00", NB_DATE_RANGE, 0, 0, 0 },
    { "R8.6.31", NB_DATE_RANGE, 0, 0, 0 },
    { "0000-01-01", NB_DATE_RANGE, 0, 0, 0 },
    /* era */
    { "H31.5.1", NB_DATE_ERA, 0, 0, 0 },
    { "平成32年1月1日", NB_DATE_ERA, 0, 0, 0 },
    { "令和1年4月30日", NB_DATE_ERA, 0, 0, 0 },
    { "令和元年4月30日", NB_DATE_ERA, 0, 0, 0 },
    { "令和0年5月1日", NB_DATE_ERA, 0, 0, 0 },
    { "平成元年1月7日", NB_DATE_ERA, 0, 0, 0 },
    { "R999.1.1", NB_DATE_OK, 3017, 1, 1 },
    /* format */
    { "2026", NB_DATE_FORMAT, 0, 0, 0 },
    { "26-5-1", NB_DATE_FORMAT, 0, 0, 0 },
    { "20260501", NB_DATE_FORMAT, 0, 0, 0 },
    { "2026-5/1", NB_DATE_FORMAT, 0, 0, 0 },
    { "2026-05-01T10:00", NB_DATE_FORMAT, 0, 0, 0 },
    { "2026-05-01x", NB_DATE_FORMAT, 0, 0, 0 },
    { "2026-005-01", NB_DATE_FORMAT, 0, 0, 0 },
    { "20260-05-01", NB_DATE_FORMAT, 0, 0, 0 },
    { "X8.5.1", NB_DATE_FORMAT, 0, 0, 0 },
    { "令和8年5月", NB_DATE_FORMAT, 0, 0, 0 },
    { "令和年5月1日", NB_DATE_FORMAT, 0, 0, 0 },
    { "R1234.5.1", NB_DATE_OK, 3252, 5, 1 },
    { "R12345.5.1", NB_DATE_FORMAT, 0, 0, 0 },
    { "R9000.1.1", NB_DATE_RANGE, 0, 0, 0 },
    { "R8.5.1.", NB_DATE_FORMAT, 0, 0, 0 },
    { "5月1日", NB_DATE_FORMAT, 0, 0, 0 },
    { "2026-05-01(火", NB_DATE_FORMAT, 0, 0, 0 },
    { "2026-05-01(祝)", NB_DATE_FORMAT, 0, 0, 0 },
    { "2026-05-01\n", NB_DATE_FORMAT, 0, 0, 0 },
    { "2026-05-\xFF" "01", NB_DATE_FORMAT, 0, 0, 0 },
    { "99999999999999999999-1-1", NB_DATE_FORMAT, 0, 0, 0 },
    { "2026-99999999999999999999-1", NB_DATE_FORMAT, 0, 0, 0 },
};

static void test_parse_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof parse_cases / sizeof parse_cases[0]; i++) {
        nb_date d = { -1, -1, -1 };
        nb_date_error e = nb_date_parse(parse_cases[i].in, &d);
        if (e != parse_cases[i].err)
            fail_msg("parse(\"%s\") = %d, expected %d", parse_cases[i].in, e,
                     parse_cases[i].err);
        if (e == NB_DATE_OK &&
            (d.y != parse_cases[i].y || d.m != parse_cases[i].m || d.d != parse_cases[i].d))
            fail_msg("parse(\"%s\") = %d-%d-%d", parse_cases[i].in, d.y, d.m, d.d);
        if (e != NB_DATE_OK && d.y != -1)
            fail_msg("parse(\"%s\") wrote out on error", parse_cases[i].in);
    }
    assert_int_equal(nb_date_parse(NULL, NULL), NB_DATE_EMPTY);
}

static void test_parse_long(void **state)
{
    (void)state;
    char *s = malloc(10011);
    assert_non_null(s);
    memset(s, ' ', 10000);
    strcpy(s + 10000, "2026-05-01");
    nb_date d;
    assert_int_equal(nb_date_parse(s, &d), NB_DATE_OK);
    memset(s, '1', 10010);
    s[10010] = '\0';
    assert_int_equal(nb_date_parse(s, &d), NB_DATE_FORMAT);
    free(s);
}

static void test_days_known(void **state)
{
    (void)state;
    assert_int_equal(nb_date_to_days((nb_date){ 1970, 1, 1 }), 0);
    assert_int_equal(nb_date_to_days((nb_date){ 1970, 1, 2 }), 1);
    assert_int_equal(nb_date_to_days((nb_date){ 1969, 12, 31 }), -1);
    assert_int_equal(nb_date_to_days((nb_date){ 2000, 3, 1 }), 11017);
    assert_int_equal(nb_date_to_days((nb_date){ 2026, 5, 1 }), 20574);
    assert_int_equal(nb_date_to_days((nb_date){ 1, 1, 1 }), -719162);
    assert_int_equal(nb_date_to_days((nb_date){ 9999, 12, 31 }), 2932896);
}

static void test_days_against_libc(void **state)
{
    (void)state;
    /* timegm() is an independent implementation to compare with. */
    for (long days = -800000; days <= 3000000; days += 97) {
        nb_date d = nb_date_from_days(days);
        assert_true(nb_date_is_valid(d) || d.y < 1 || d.y > 9999);
        assert_int_equal(nb_date_to_days(d), days);
        if (d.y >= 1900 && d.y <= 2100) {
            struct tm tm = { 0 };
            tm.tm_year = d.y - 1900;
            tm.tm_mon = d.m - 1;
            tm.tm_mday = d.d;
            time_t t = timegm(&tm);
            assert_int_equal((long)(t / 86400), days);
            assert_int_equal(tm.tm_wday, nb_date_weekday(d));
        }
    }
}

static void test_days_consecutive(void **state)
{
    (void)state;
    /* Every day from 1899 to 2101 follows the previous one. */
    nb_date prev = { 1899, 12, 31 };
    long pd = nb_date_to_days(prev);
    for (long k = pd + 1; k < pd + 75000; k++) {
        nb_date d = nb_date_from_days(k);
        assert_true(nb_date_is_valid(d));
        assert_int_equal(nb_date_cmp(prev, d), -1);
        if (d.d == 1)
            assert_true(prev.d >= 28 && (prev.m % 12) + 1 == d.m);
        else
            assert_int_equal(prev.d + 1, d.d);
        prev = d;
    }
}

static void test_weekday(void **state)
{
    (void)state;
    assert_int_equal(nb_date_weekday((nb_date){ 1970, 1, 1 }), 4);
    assert_int_equal(nb_date_weekday((nb_date){ 2026, 5, 1 }), 5);   /* Friday */
    assert_int_equal(nb_date_weekday((nb_date){ 2019, 5, 1 }), 3);   /* Wednesday */
    assert_int_equal(nb_date_weekday((nb_date){ 1969, 12, 28 }), 0); /* Sunday */
    assert_string_equal(nb_weekday_kanji(0), "日");
    assert_string_equal(nb_weekday_kanji(5), "金");
    assert_string_equal(nb_weekday_kanji(6), "土");
    assert_string_equal(nb_weekday_kanji(7), "");
    assert_string_equal(nb_weekday_kanji(-1), "");
}

static void test_valid_cmp(void **state)
{
    (void)state;
    assert_true(nb_date_is_valid((nb_date){ 2024, 2, 29 }));
    assert_false(nb_date_is_valid((nb_date){ 2023, 2, 29 }));
    assert_false(nb_date_is_valid((nb_date){ 2100, 2, 29 }));
    assert_true(nb_date_is_valid((nb_date){ 2400, 2, 29 }));
    assert_false(nb_date_is_valid((nb_date){ 2026, 0, 1 }));
    assert_false(nb_date_is_valid((nb_date){ 2026, 1, 32 }));
    assert_false(nb_date_is_valid((nb_date){ 0, 1, 1 }));
    assert_false(nb_date_is_valid((nb_date){ 10000, 1, 1 }));
    assert_int_equal(nb_date_cmp((nb_date){ 2026, 5, 1 }, (nb_date){ 2026, 5, 1 }), 0);
    assert_int_equal(nb_date_cmp((nb_date){ 2026, 5, 1 }, (nb_date){ 2026, 5, 2 }), -1);
    assert_int_equal(nb_date_cmp((nb_date){ 2026, 6, 1 }, (nb_date){ 2026, 5, 31 }), 1);
    assert_int_equal(nb_date_cmp((nb_date){ 2025, 12, 31 }, (nb_date){ 2026, 1, 1 }), -1);
}

static const struct {
    nb_date d;
    const char *iso, *wareki;
} fmt_cases[] = {
    { { 2026, 5, 1 }, "2026-05-01", "令和8年5月1日" },
    { { 2019, 5, 1 }, "2019-05-01", "令和元年5月1日" },
    { { 2019, 12, 31 }, "2019-12-31", "令和元年12月31日" },
    { { 2020, 1, 1 }, "2020-01-01", "令和2年1月1日" },
    { { 2019, 4, 30 }, "2019-04-30", "平成31年4月30日" },
    { { 1989, 1, 8 }, "1989-01-08", "平成元年1月8日" },
    { { 1989, 1, 7 }, "1989-01-07", "1989年1月7日" },
    { { 2027, 3, 31 }, "2027-03-31", "令和9年3月31日" },
};

static void test_format(void **state)
{
    char buf[64];
    (void)state;
    for (size_t i = 0; i < sizeof fmt_cases / sizeof fmt_cases[0]; i++) {
        nb_date_iso(fmt_cases[i].d, buf, sizeof buf);
        assert_string_equal(buf, fmt_cases[i].iso);
        nb_date_wareki(fmt_cases[i].d, buf, sizeof buf);
        assert_string_equal(buf, fmt_cases[i].wareki);
        /* Whatever we write, we read back. */
        nb_date back;
        assert_int_equal(nb_date_parse(buf, &back), NB_DATE_OK);
        assert_int_equal(nb_date_cmp(back, fmt_cases[i].d), 0);
    }
    nb_date_iso((nb_date){ 2026, 5, 1 }, buf, 5);
    assert_string_equal(buf, "2026");
}

static void test_fiscal_year(void **state)
{
    (void)state;
    assert_int_equal(nb_fiscal_year((nb_date){ 2026, 4, 1 }), 2026);
    assert_int_equal(nb_fiscal_year((nb_date){ 2027, 3, 31 }), 2026);
    assert_int_equal(nb_fiscal_year((nb_date){ 2026, 3, 31 }), 2025);
    assert_int_equal(nb_fiscal_year((nb_date){ 2026, 12, 31 }), 2026);
    assert_int_equal(nb_fiscal_year((nb_date){ 2027, 1, 1 }), 2026);
    nb_date s = nb_fiscal_year_start(2026), e = nb_fiscal_year_end(2026);
    assert_int_equal(nb_date_cmp(s, (nb_date){ 2026, 4, 1 }), 0);
    assert_int_equal(nb_date_cmp(e, (nb_date){ 2027, 3, 31 }), 0);
}

static void test_today(void **state)
{
    (void)state;
    setenv("NANBYO_TODAY", "2026-03-20", 1);
    nb_date t = nb_today();
    assert_int_equal(nb_date_cmp(t, (nb_date){ 2026, 3, 20 }), 0);

    /* Invalid overrides fall back to the real clock (UTC+9). */
    const char *bad[] = { "2026-02-30", "2026/03/20", "令和8年3月20日", "", "2026-3-20",
                          "2026-03-20x" };
    unsetenv("NANBYO_TODAY");
    nb_date real = nb_today();
    time_t now = time(NULL) + 9 * 3600;
    long expect = (long)(now / 86400);
    long got = nb_date_to_days(real);
    assert_true(got == expect || got == expect + 1); /* midnight race */
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        setenv("NANBYO_TODAY", bad[i], 1);
        nb_date d = nb_today();
        long dd = nb_date_to_days(d);
        assert_true(dd == got || dd == got + 1);
    }
    unsetenv("NANBYO_TODAY");
}

static void test_error_text(void **state)
{
    (void)state;
    assert_string_equal(nb_date_error_text(NB_DATE_OK), "");
    for (int e = NB_DATE_EMPTY; e <= NB_DATE_ERA; e++)
        assert_true(strlen(nb_date_error_text((nb_date_error)e)) > 10);
    assert_non_null(strstr(nb_date_error_text(NB_DATE_ERA), "令和"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_table),
        cmocka_unit_test(test_parse_long),
        cmocka_unit_test(test_days_known),
        cmocka_unit_test(test_days_against_libc),
        cmocka_unit_test(test_days_consecutive),
        cmocka_unit_test(test_weekday),
        cmocka_unit_test(test_valid_cmp),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_fiscal_year),
        cmocka_unit_test(test_today),
        cmocka_unit_test(test_error_text),
    };
    return cmocka_run_group_tests_name("core_date", tests, NULL, NULL);
}
