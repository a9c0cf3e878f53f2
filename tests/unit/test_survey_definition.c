/* The definition loader: the Yamaguchi file loads with the notice's facts;
 * a second definition changes every number; broken files are refused with
 * the file and line named. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nanbyo/atomic_file.h"
#include "nanbyo/definition.h"

static char *read_form(void)
{
    nb_error err;
    char *s = nb_read_file("forms/yamaguchi-r8.yaml", 1 << 20, NULL, &err);
    assert_non_null(s);
    return s;
}

static void yamaguchi_facts(void **state)
{
    (void)state;
    nb_error err = {{0}};
    nb_definition *d = nb_def_load("forms/yamaguchi-r8.yaml", &err);
    assert_non_null(d);
    assert_string_equal(d->id, "yamaguchi-r8");
    assert_int_equal(d->prefecture_number, 35);
    assert_int_equal(d->money.base, 100000);
    assert_int_equal(d->money.rate_num, 1);
    assert_int_equal(d->money.rate_den, 2);
    assert_int_equal(d->money.unit, 1000);
    assert_int_equal(d->money.cap, 50000);
    assert_int_equal(d->deadline.y, 2026);
    assert_int_equal(d->deadline.m, 3);
    assert_int_equal(d->deadline.d, 31);
    assert_true(d->deadline_must_arrive);
    assert_string_equal(d->email_to, "seisin-nanbyou@pref.yamaguchi.lg.jp");
    assert_string_equal(d->subject_template, "オンライン登録所要額調査({institution_name})");
    assert_string_equal(d->fax, "083-933-2969");
    assert_string_equal(d->postal_code, "753-8501");
    assert_string_equal(d->postal_address, "山口市滝町1番1号");
    assert_string_equal(d->recipient, "山口県健康福祉部健康増進課精神・難病班");
    assert_int_equal(d->pc.ram_gb, 8);
    assert_int_equal(d->pc.disk_free_gb, 40);
    assert_int_equal(d->pc.display_min_w, 1280);
    assert_int_equal(d->pc.display_min_h, 1024);
    assert_int_equal(d->pc.tcp_port, 443);
    /* every field id the answers file documents (README.md) exists */
    const char *ids[] = {"institution_name", "institution_code", "institution_kind", "postal_code", "address",
                         "founder", "representative", "contact_department", "contact_name", "phone", "fax",
                         "email", "doctors_nanbyo", "doctors_kyoryoku", "doctors_shoman", "target",
                         "registration_method", "vendor_name", "other_income", "planned_start",
                         "planned_completion", "decl_dedicated_use", "decl_not_cancer_registry_pc",
                         "decl_not_before_naiji", "notes"};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
        assert_non_null(nb_def_field(d, ids[i]));
    assert_int_equal(d->n_fields, sizeof ids / sizeof ids[0]);
    const char *cats[] = {"pc", "printer", "peripheral", "network", "software", "system_modification",
                          "running_cost", "other"};
    for (size_t i = 0; i < 8; i++)
        assert_non_null(nb_def_category(d, cats[i]));
    assert_false(nb_def_category(d, "running_cost")->eligible);
    assert_true(nb_def_category(d, "pc")->eligible);
    assert_null(nb_def_category(d, "furniture"));
    const nb_field *kind = nb_def_field(d, "institution_kind");
    assert_int_equal(kind->type, NB_FT_CHOICE);
    assert_string_equal(nb_field_choice(kind, "clinic")->label, "診療所");
    assert_true(kind->line > 0);
    nb_def_free(d);
}

static void second_definition(void **state)
{
    (void)state;
    nb_error err = {{0}};
    nb_definition *d = nb_def_load("tests/fixtures/forms/testpref-r9.yaml", &err);
    assert_non_null(d);
    assert_int_equal(d->money.base, 200000);
    assert_int_equal(d->money.rate_num, 2);
    assert_int_equal(d->money.rate_den, 3);
    assert_int_equal(d->money.unit, 100);
    assert_int_equal(d->money.cap, 120000);
    assert_int_equal(d->deadline.y, 2027);
    assert_string_equal(d->subject_template, "【所要額調査】{institution_name} ({contact_name})");
    assert_non_null(nb_def_field(d, "beds"));
    assert_null(nb_def_field(d, "founder"));
    nb_def_free(d);
}

/* Replace the first occurrence of from by to in the Yamaguchi text, parse,
 * and expect an error message containing every needle. */
static void expect_error(const char *from, const char *to, const char *n1, const char *n2)
{
    char *src = read_form();
    char *at = strstr(src, from);
    assert_non_null(at);
    size_t len = strlen(src) - strlen(from) + strlen(to) + 1;
    char *buf = malloc(len);
    snprintf(buf, len, "%.*s%s%s", (int)(at - src), src, to, at + strlen(from));
    nb_error err = {{0}};
    nb_definition *d = nb_def_parse(buf, strlen(buf), "broken.yaml", &err);
    if (d)
        fail_msg("expected an error for %s -> %s", from, to);
    if (!strstr(err.msg, n1) || (n2 && !strstr(err.msg, n2)))
        fail_msg("message [%s] lacks [%s] or [%s]", err.msg, n1, n2 ? n2 : "");
    assert_non_null(strstr(err.msg, "broken.yaml"));
    free(buf);
    free(src);
}

static void errors_name_line(void **state)
{
    (void)state;
    /* base: 100000 sits on line 26 of the file */
    expect_error("base: 100000", "base: 10万円", "26 行目", "money.base");
    expect_error("base: 100000", "base: -5", "26 行目", "money.base");
    expect_error("base: 100000", "base: 100,000", "money.base", NULL);
}

static void errors_name_line_cap_optional(void **state)
{
    (void)state;
    char *src = read_form();
    char *at = strstr(src, "  cap: 50000\n");
    memmove(at, at + 13, strlen(at + 13) + 1);
    nb_error err = {{0}};
    nb_definition *d = nb_def_parse(src, strlen(src), "nocap.yaml", &err);
    assert_non_null(d);
    assert_int_equal(d->money.cap, 0);
    nb_def_free(d);
    free(src);
}

static void more_errors(void **state)
{
    (void)state;
    expect_error("type: inst_code", "type: barcode", "barcode", "行目");
    expect_error("kind: at_least_one", "kind: sometimes", "sometimes", "行目");
    expect_error("fields: [doctors_nanbyo, doctors_kyoryoku, doctors_shoman]",
                 "fields: [doctors_nanbyo, doctors_nobody]", "doctors_nobody", "行目");
    expect_error("  date: 2026-03-31", "  date: 2026-02-30", "deadline.date", "行目");
    expect_error("format: nanbyo-survey-definition/1", "format: something-else/9", "format", "行目");
    expect_error("rate_denominator: 2", "rate_denominator: 0", "rate_denominator", NULL);
    expect_error("      - id: institution_code", "      - id: institution_name", "2回", "行目");
    expect_error("identity:\n  authority: 山口県", "identity:\n authority: 山口県\n   x: : :", "行目", "YAML");
    expect_error("    to: seisin-nanbyou@pref.yamaguchi.lg.jp\n", "", "submission.email.to", "行目");
}

static void hostile_bytes(void **state)
{
    (void)state;
    nb_error err = {{0}};
    const char bad[] = "format: nanbyo-survey-definition/1\nid: \xff\xfe\n";
    assert_null(nb_def_parse(bad, sizeof bad - 1, "bad.yaml", &err));
    assert_non_null(strstr(err.msg, "UTF-8"));
    assert_null(nb_def_parse("", 0, "empty.yaml", &err));
    assert_null(nb_def_parse("- a\n- b\n", 8, "list.yaml", &err));
    char *src = read_form();
    for (size_t cut = 0; cut < strlen(src); cut += 97) {
        nb_definition *d = nb_def_parse(src, cut, "cut.yaml", &err);
        nb_def_free(d); /* truncated files either fail cleanly or (rarely) load */
    }
    free(src);
    assert_null(nb_def_load("/nonexistent/x.yaml", &err));
    assert_non_null(strstr(err.msg, "/nonexistent/x.yaml"));
}

static void open_by_id(void **state)
{
    (void)state;
    nb_error err = {{0}};
    setenv("NANBYO_FORMS_DIR", "tests/fixtures/forms", 1);
    nb_definition *d = nb_def_open("testpref-r9", &err);
    assert_non_null(d);
    nb_def_free(d);
    assert_null(nb_def_open("../../etc/passwd", &err));
    assert_null(nb_def_open("no-such-survey", &err));
    assert_non_null(strstr(err.msg, "no-such-survey"));
    unsetenv("NANBYO_FORMS_DIR");
}

static const char *getter(void *ctx, const char *id)
{
    (void)ctx;
    return strcmp(id, "institution_name") == 0 ? "医院" : NULL;
}

static void expand(void **state)
{
    (void)state;
    char *s = nb_def_expand("オンライン登録所要額調査({institution_name})", getter, NULL);
    assert_string_equal(s, "オンライン登録所要額調査(医院)");
    free(s);
    s = nb_def_expand("{unknown}-{institution_name}-{unclosed", getter, NULL);
    assert_string_equal(s, "-医院-{unclosed");
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(yamaguchi_facts), cmocka_unit_test(second_definition),
        cmocka_unit_test(errors_name_line_cap_optional), cmocka_unit_test(more_errors),
        cmocka_unit_test(hostile_bytes),   cmocka_unit_test(open_by_id),
        cmocka_unit_test(expand), cmocka_unit_test(errors_name_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
