/* The in-memory outputs for attaching and printing: an xlsx that starts as
 * a zip and leaves no temp folder behind, a PDF that starts with %PDF-,
 * and file outputs that refuse an unwritable place with the file named. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "nanbyo/export.h"

static nb_definition *def;
static nb_answers *ans;
static char tmpdir[64];

static int setup(void **state)
{
    (void)state;
    nb_error err = {{0}};
    def = nb_def_load("forms/yamaguchi-r8.yaml", &err);
    ans = nb_answers_load("tests/fixtures/valid.json", &err);
    strcpy(tmpdir, "/tmp/nbtest-export-XXXXXX");
    if (!mkdtemp(tmpdir))
        return -1;
    setenv("TMPDIR", tmpdir, 1);
    return def && ans ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    nb_def_free(def);
    nb_answers_free(ans);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static int entries(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)))
        n += e->d_name[0] != '.';
    if (d)
        closedir(d);
    return n;
}

static void test_xlsx_buf(void **state)
{
    (void)state;
    nb_export_opts o = {.today = {2026, 3, 20}};
    char *data = NULL;
    size_t len = 0;
    nb_error err = {{0}};
    assert_int_equal(nb_export_xlsx_buf(def, ans, &o, &data, &len, &err), 0);
    assert_true(len > 1000);
    assert_memory_equal(data, "PK\x03\x04", 4);
    free(data);
    assert_int_equal(entries(tmpdir), 0); /* temp folder removed */
}

static void test_pdf_buf(void **state)
{
    (void)state;
    nb_export_opts o = {.today = {2026, 3, 20}, .fax_cover = true};
    char *data = NULL;
    size_t len = 0;
    nb_error err = {{0}};
    assert_int_equal(nb_export_pdf_buf(def, ans, &o, &data, &len, &err), 0);
    assert_true(len > 1000);
    assert_memory_equal(data, "%PDF-", 5);
    free(data);
}

static void test_unwritable(void **state)
{
    (void)state;
    nb_export_opts o = {.today = {2026, 3, 20}};
    nb_error err = {{0}};
    assert_int_equal(nb_export_xlsx(def, ans, &o, "/proc/nanbyo-no/x.xlsx", &err), -1);
    assert_non_null(strstr(err.msg, "/proc/nanbyo-no/x.xlsx"));
    err.msg[0] = '\0';
    assert_int_equal(nb_export_csv(def, ans, &o, "/proc/nanbyo-no/x.csv", &err), -1);
    assert_non_null(strstr(err.msg, "x.csv"));
    err.msg[0] = '\0';
    assert_int_equal(nb_export_pdf(def, ans, &o, "/proc/nanbyo-no/x.pdf", &err), -1);
    assert_non_null(strstr(err.msg, "x.pdf"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_xlsx_buf),
        cmocka_unit_test(test_pdf_buf),
        cmocka_unit_test(test_unwritable),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
