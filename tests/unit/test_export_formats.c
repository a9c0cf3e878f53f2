/* The output formats table (export.h) that export, the submit page and
 * the loader read: every row complete, names and options unique (export
 * builds its getopt table from them), each default name ending in the
 * row's extension, the order export reports in, the three files the
 * submit page saves, and which rows need the docs part. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>
#include "nanbyo/export.h"

static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), t = strlen(tail);
    return n >= t && strcmp(s + n - t, tail) == 0;
}

static void test_rows_complete_and_unique(void **state)
{
    (void)state;
    assert_true(nb_export_formats_len > 0);
    for (size_t i = 0; i < nb_export_formats_len; i++) {
        const nb_export_format *f = &nb_export_formats[i];
        assert_non_null(f->name);
        assert_non_null(f->option);
        assert_non_null(f->write);
        assert_true(f->ext && f->ext[0] == '.');
        assert_true(f->default_name && ends_with(f->default_name, f->ext));
        assert_true(f->part >= NB_PLUGIN_NONE && f->part < NB_PLUGIN_COUNT);
        for (size_t j = 0; j < i; j++) {
            assert_string_not_equal(f->name, nb_export_formats[j].name);
            assert_string_not_equal(f->option, nb_export_formats[j].option);
        }
    }
}

static void test_order_and_parts(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        nb_plugin_id part;
        bool saved;
    } want[] = {{"xlsx", NB_PLUGIN_DOCS, true},    {"pdf", NB_PLUGIN_DOCS, true},
                {"csv", NB_PLUGIN_NONE, true},     {"items-csv", NB_PLUGIN_NONE, false},
                {"eml", NB_PLUGIN_DOCS, false}};
    assert_int_equal(nb_export_formats_len, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < nb_export_formats_len; i++) {
        assert_string_equal(nb_export_formats[i].name, want[i].name);
        assert_int_equal(nb_export_formats[i].part, want[i].part);
        assert_int_equal(nb_export_formats[i].saved_by_tui, want[i].saved);
    }
    assert_ptr_equal(nb_export_formats[2].write, nb_export_csv);
    assert_ptr_equal(nb_export_formats[4].write, nb_export_eml);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rows_complete_and_unique),
        cmocka_unit_test(test_order_and_parts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
