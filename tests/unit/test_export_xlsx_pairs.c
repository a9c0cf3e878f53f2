/* Which short fields of the xlsx 調査票 share a row (xlsx_form.c): only
 * fields whose label and value keep to one line of a half, never a
 * declaration or free text, as many pairs as a section allows, and two of
 * a kind only where that costs no pair. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "../../src/export/xlsx_sheet.h"

#define MAX_VALUES 8

typedef struct {
    nb_field fields[MAX_VALUES];
    nb_xvalue values[MAX_VALUES];
    nb_xsection section;
} fake_section;

/* A section of fields given as type, label and value text. */
static void make(fake_section *f, size_t n, const nb_field_type *types, const char *const *labels,
                 const char *const *texts)
{
    memset(f, 0, sizeof *f);
    for (size_t i = 0; i < n; i++) {
        f->fields[i].label = (char *)labels[i];
        f->fields[i].type = types[i];
        f->values[i].field = &f->fields[i];
        f->values[i].kind = NB_XV_TEXT;
        f->values[i].text = (char *)texts[i];
    }
    f->section.kind = NB_XS_FIELDS;
    f->section.title = (char *)"2 担当者";
    f->section.values = f->values;
    f->section.n_values = n;
}

/* "1.1.0": value 0 and 2 start pairs. */
static void expect_pairs(const fake_section *f, const char *want)
{
    bool *p = nb_xsheet_plan_pairs(&f->section);
    char got[MAX_VALUES + 1] = {0};
    for (size_t i = 0; i < f->section.n_values; i++)
        got[i] = p[i] ? '1' : '.';
    free(p);
    assert_string_equal(got, want);
}

static void test_contact_block(void **state)
{
    (void)state;
    fake_section f;
    const nb_field_type t[] = {NB_FT_TEXT, NB_FT_TEXT, NB_FT_PHONE, NB_FT_PHONE, NB_FT_EMAIL};
    const char *l[] = {"担当部署", "担当者氏名", "電話番号", "FAX番号", "メールアドレス"};
    const char *v[] = {"医事課", "周防 花子", "083-900-1234", "083-900-1235", "jimu@yamaguchi-naika.example.jp"};
    make(&f, 5, t, l, v);
    expect_pairs(&f, "1.1..");
}

static void test_long_value_keeps_whole_row(void **state)
{
    (void)state;
    fake_section f;
    const nb_field_type t[] = {NB_FT_TEXT, NB_FT_TEXT, NB_FT_PHONE, NB_FT_PHONE};
    const char *l[] = {"担当部署", "担当者氏名", "電話番号", "FAX番号"};
    const char *v[] = {"地域医療連携室 医事課 外来受付係 (本館1階)", "周防 花子", "083-900-1234", "083-900-1235"};
    make(&f, 4, t, l, v);
    /* the department alone; 担当者氏名 then pairs with nothing better
     * than 電話番号, and 電話番号 + FAX番号 is worth as much and of a kind */
    expect_pairs(&f, "..1.");
}

static void test_never_declaration_or_free_text(void **state)
{
    (void)state;
    fake_section f;
    const nb_field_type t[] = {NB_FT_CONFIRM, NB_FT_TEXT, NB_FT_MULTILINE, NB_FT_TEXT};
    const char *l[] = {"確認", "氏名", "備考", "部署"};
    const char *v[] = {"はい", "山口", "短い", "医事課"};
    make(&f, 4, t, l, v);
    expect_pairs(&f, "....");
}

static void test_of_a_kind_when_it_costs_no_pair(void **state)
{
    (void)state;
    fake_section f;
    /* 人数, 書類, 方法: either 人数+書類 or 書類+方法; the two choices */
    const nb_field_type t[] = {NB_FT_COUNT, NB_FT_CHOICE, NB_FT_CHOICE};
    const char *l[] = {"人数", "登録する書類", "登録方法"};
    const char *v[] = {"1", "両方", "ブラウザーから"};
    make(&f, 3, t, l, v);
    expect_pairs(&f, ".1.");
}

static void test_more_pairs_beat_pairs_of_a_kind(void **state)
{
    (void)state;
    fake_section f;
    /* types a b b a a b b a: four mixed pairs (0, 2, 4, 6) against three
     * of a kind (1, 3, 5); four rows saved beat three */
    const nb_field_type t[] = {NB_FT_PHONE, NB_FT_TEXT, NB_FT_TEXT, NB_FT_PHONE,
                               NB_FT_PHONE, NB_FT_TEXT, NB_FT_TEXT, NB_FT_PHONE};
    const char *l[] = {"電話1", "氏名1", "氏名2", "電話2", "電話3", "氏名3", "氏名4", "電話4"};
    const char *v[] = {"083-1", "山口", "周防", "083-2", "083-3", "長門", "萩", "083-4"};
    make(&f, 8, t, l, v);
    expect_pairs(&f, "1.1.1.1.");
}

static void test_long_label_on_the_right_does_not_pair(void **state)
{
    (void)state;
    fake_section f;
    /* 保険医療機関コード is too long for the right half's label box */
    const nb_field_type t[] = {NB_FT_TEXT, NB_FT_INST_CODE, NB_FT_CHOICE};
    const char *l[] = {"医療機関名", "保険医療機関コード", "種別"};
    const char *v[] = {"やまぐち内科クリニック", "3510100013", "診療所"};
    make(&f, 3, t, l, v);
    expect_pairs(&f, ".1.");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_contact_block),
        cmocka_unit_test(test_long_value_keeps_whole_row),
        cmocka_unit_test(test_never_declaration_or_free_text),
        cmocka_unit_test(test_of_a_kind_when_it_costs_no_pair),
        cmocka_unit_test(test_more_pairs_beat_pairs_of_a_kind),
        cmocka_unit_test(test_long_label_on_the_right_does_not_pair),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
