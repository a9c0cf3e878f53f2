/* The pure pieces of export: cleaning hostile text before any library sees
 * it, cutting to a length, RFC 4180 quoting, the CP932 conversion that
 * reports instead of replacing, and the model's view of answers (labels,
 * 和暦 dates, はい/いいえ, amounts equal to nb_survey_derive). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../src/export/export_csv.h"
#include "../../src/export/export_model.h"
#include "nanbyo/survey.h"

static void expect_clean(const char *in, bool multi, const char *want)
{
    char *got = nb_export_clean(in, multi);
    assert_string_equal(got, want);
    free(got);
}

static void test_clean_controls(void **state)
{
    (void)state;
    expect_clean("やまぐち\r\n内科", false, "やまぐち 内科");
    expect_clean("a\rb\nc\td", false, "a b c d");
    expect_clean("a\x01\x1b\x7f" "b", false, "a   b");
    expect_clean("行1\r\n行2\r行3\n", true, "行1\n行2\n行3\n");
    expect_clean("a\xc2\x85" "b", false, "a b");         /* C1 NEL */
    expect_clean("a\xe2\x80\xa8" "b", false, "a b");     /* LINE SEPARATOR */
    expect_clean("髙﨑😀", false, "髙﨑😀");              /* kept as is */
    expect_clean(NULL, false, "");
}

static void test_clean_invalid_utf8(void **state)
{
    (void)state;
    expect_clean("a\xff" "b", false, "a\xef\xbf\xbd" "b");
    expect_clean("\xe3\x81", false, "\xef\xbf\xbd\xef\xbf\xbd"); /* truncated sequence */
    expect_clean("\xed\xa0\x80", false, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"); /* surrogate */
    expect_clean("a\xef\xbf\xbe" "b", false, "a\xef\xbf\xbd" "b"); /* U+FFFE not allowed in XML */
}

static void test_truncate(void **state)
{
    (void)state;
    char *s = nb_export_truncate("あいうえお", 5);
    assert_string_equal(s, "あいうえお");
    free(s);
    s = nb_export_truncate("あいうえお", 3);
    assert_string_equal(s, "あい…");
    free(s);
    char *big = malloc(30001);
    memset(big, 'x', 30000);
    big[30000] = '\0';
    s = nb_export_truncate(big, 100);
    assert_int_equal(strlen(s), 99 + 3);
    free(s);
    free(big);
}

static void expect_field(const char *in, const char *want)
{
    nb_buf b = {0};
    nb_csv_field(&b, in);
    assert_string_equal(b.data ? b.data : "", want);
    free(b.data);
}

static void test_csv_quoting(void **state)
{
    (void)state;
    expect_field("plain", "plain");
    expect_field("", "");
    expect_field("a,b", "\"a,b\"");
    expect_field("say \"hi\"", "\"say \"\"hi\"\"\"");
    expect_field("l1\nl2", "\"l1\r\nl2\"");
    expect_field("l1\r\nl2", "\"l1\r\nl2\"");
}

static void test_cp932(void **state)
{
    (void)state;
    size_t n, off;
    int32_t cp;
    char *s = nb_csv_to_cp932("髙﨑①〜", strlen("髙﨑①〜"), &n, &cp, &off);
    assert_non_null(s);
    assert_int_equal(n, 8);
    assert_memory_equal(s, "\xfb\xfc\xfa\xb1\x87\x40\x81\x60", 8);
    free(s);
    const char *e = "ab😀c";
    s = nb_csv_to_cp932(e, strlen(e), &n, &cp, &off);
    assert_null(s);
    assert_int_equal(cp, 0x1F600);
    assert_int_equal(off, 2);
}

static nb_definition *def;

static int load_def(void **state)
{
    (void)state;
    nb_error err = {{0}};
    setenv("NANBYO_FORMS_DIR", "forms", 1);
    def = nb_def_open("yamaguchi-r8", &err);
    if (!def)
        fprintf(stderr, "%s\n", err.msg);
    return def ? 0 : -1;
}

static int free_def(void **state)
{
    (void)state;
    nb_def_free(def);
    return 0;
}

static void test_model(void **state)
{
    (void)state;
    nb_answers *a = nb_answers_new("yamaguchi-r8");
    nb_answers_set_string(a, "institution_name", "髙﨑\r\nクリニック");
    nb_answers_set_string(a, "institution_kind", "clinic");
    nb_answers_set_string(a, "planned_start", "R8.6.1");
    nb_answers_set_bool(a, "decl_dedicated_use", true);
    nb_answers_set_bool(a, "decl_not_before_naiji", false);
    nb_answers_set_string(a, "doctors_nanbyo", "２人");
    nb_item it = {"pc", "PC", 1, 128000, true, true};
    nb_answers_item_add(a, &it);
    nb_item rc = {"running_cost", "回線", 12, 5500, true, true};
    nb_answers_item_add(a, &rc);
    nb_export_opts o = {.today = {2026, 3, 20}};
    nb_xdoc *d = nb_xdoc_new(def, a, &o);
    assert_string_equal(nb_xdoc_text(d, "institution_name"), "髙﨑 クリニック");
    assert_string_equal(nb_xdoc_text(d, "institution_kind"), "診療所");
    assert_string_equal(nb_xdoc_text(d, "planned_start"), "令和8年6月1日");
    assert_int_equal(nb_xdoc_value(d, "planned_start")->kind, NB_XV_DATE);
    assert_string_equal(nb_xdoc_text(d, "decl_dedicated_use"), "はい");
    assert_string_equal(nb_xdoc_text(d, "decl_not_before_naiji"), "いいえ");
    assert_int_equal(nb_xdoc_value(d, "doctors_nanbyo")->num, 2);
    assert_int_equal(nb_xdoc_value(d, "decl_not_cancer_registry_pc")->kind, NB_XV_EMPTY);
    assert_int_equal(d->n_items, 2);
    assert_true(d->items[0].eligible);
    assert_false(d->items[1].eligible);
    assert_true(strlen(d->items[1].reason) > 0);
    nb_subsidy s;
    nb_survey_derive(def, a, &s);
    assert_int_equal(nb_xamount_value(d, NB_XA_TOTAL), s.total);
    assert_int_equal(nb_xamount_value(d, NB_XA_SUBSIDY), s.subsidy);
    assert_int_equal(s.subsidy, 50000);
    assert_false(d->draft);
    assert_false(d->late);
    assert_string_equal(d->marks, "");
    assert_string_equal(d->pc_overall, "未実施");
    assert_non_null(strstr(d->title, "令和8年度"));
    nb_xdoc_free(d);
    o.today = (nb_date){2026, 4, 1};
    o.draft = true;
    d = nb_xdoc_new(def, a, &o);
    assert_string_equal(d->marks, "下書き 期限後");
    nb_xdoc_free(d);
    nb_answers_free(a);
}

static void test_model_pc_check(void **state)
{
    (void)state;
    nb_answers *a = nb_answers_new("yamaguchi-r8");
    assert_int_equal(nb_answers_section_set(a, "pc_check",
                                            "{\"checked_at\":\"2026-03-20T10:05:00+09:00\",\"checks\":["
                                            "{\"id\":\"ram\",\"status\":\"pass\",\"measured\":\"16 GB\"},"
                                            "{\"id\":\"display\",\"status\":\"fail\",\"measured\":\"1366x768\"},"
                                            "{\"id\":\"x\\u0001y\",\"status\":\"weird\"}]}"),
                     0);
    nb_export_opts o = {.today = {2026, 3, 20}};
    nb_xdoc *d = nb_xdoc_new(def, a, &o);
    assert_true(d->pc_present);
    assert_string_equal(d->pc_checked_at, "令和8年3月20日 10:05");
    assert_int_equal(d->n_checks, 3);
    assert_string_equal(d->checks[0].title, "メモリ");
    assert_string_equal(d->checks[1].status_label, "不合格");
    assert_string_equal(d->checks[2].id, "x y"); /* control character cleaned */
    assert_string_equal(d->checks[2].status_label, "不明");
    assert_non_null(strstr(d->pc_overall, "不合格"));
    nb_xdoc_free(d);
    nb_answers_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clean_controls),
        cmocka_unit_test(test_clean_invalid_utf8),
        cmocka_unit_test(test_truncate),
        cmocka_unit_test(test_csv_quoting),
        cmocka_unit_test(test_cp932),
        cmocka_unit_test(test_model),
        cmocka_unit_test(test_model_pc_check),
    };
    return cmocka_run_group_tests(tests, load_def, free_def);
}
