/* The answers model: round trips keep unknown members, typed accessors
 * normalise what clerks type, saves are complete files with no temp files
 * left behind, and broken or newer files are refused with the file named. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "nanbyo/answers.h"
#include "nanbyo/atomic_file.h"
#include "nanbyo/survey.h"

static char tmpdir[64];

static int setup(void **state)
{
    (void)state;
    strcpy(tmpdir, "/tmp/nbtest-answers-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static void round_trip_keeps_unknown(void **state)
{
    (void)state;
    const char *src = "{\"format\":\"nanbyo-survey-answers/1\",\"survey\":\"yamaguchi-r8\",\"future\":{\"x\":[1,2]},"
                      "\"fields\":{\"institution_name\":\"医院\",\"doctors_nanbyo\":2,\"later_field\":\"keep\"},"
                      "\"items\":[{\"category\":\"pc\",\"description\":\"PC\",\"quantity\":\"１\",\"unit_price\":\"¥128,000\",\"serial\":\"A1\"}]}";
    nb_error err = {{0}};
    nb_answers *a = nb_answers_parse(src, strlen(src), "mem", &err);
    assert_non_null(a);
    char path[128];
    snprintf(path, sizeof path, "%s/sub/dir/a.json", tmpdir);
    assert_int_equal(nb_answers_save(a, path, &err), 0);
    nb_answers_free(a);
    a = nb_answers_load(path, &err);
    assert_non_null(a);
    char *v = nb_answers_get(a, "later_field");
    assert_string_equal(v, "keep");
    free(v);
    v = nb_answers_section_get(a, "future");
    assert_string_equal(v, "{\"x\":[1,2]}");
    free(v);
    v = nb_answers_item_raw(a, 0, "serial");
    assert_string_equal(v, "A1");
    free(v);
    nb_item it;
    nb_answers_item_get(a, 0, &it);
    assert_true(it.quantity_ok);
    assert_int_equal(it.quantity, 1);
    assert_true(it.unit_price_ok);
    assert_int_equal(it.unit_price, 128000);
    /* editing an item keeps its unknown members */
    it.unit_price = 99000;
    nb_answers_item_set(a, 0, &it);
    nb_item_clear(&it);
    v = nb_answers_item_raw(a, 0, "serial");
    assert_string_equal(v, "A1");
    free(v);
    assert_string_equal(nb_answers_survey(a), "yamaguchi-r8");
    assert_true(strlen(nb_answers_saved_at(a)) == 25);
    assert_non_null(strstr(nb_answers_saved_at(a), "+09:00"));
    nb_answers_free(a);
    /* no temp files left in the folder */
    char dir[128];
    snprintf(dir, sizeof dir, "%s/sub/dir", tmpdir);
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    while ((e = readdir(d)))
        if (e->d_name[0] != '.' || strlen(e->d_name) > 2)
            n++;
    closedir(d);
    assert_int_equal(n, 1);
}

static void typed_values(void **state)
{
    (void)state;
    nb_answers *a = nb_answers_new("yamaguchi-r8");
    assert_false(nb_answers_has(a, "x"));
    assert_int_equal(nb_answers_type(a, "x"), '0');
    nb_answers_set_int(a, "n", 1234567890123LL);
    char *v = nb_answers_get(a, "n");
    assert_string_equal(v, "1234567890123");
    free(v);
    nb_answers_set_bool(a, "b", true);
    v = nb_answers_get(a, "b");
    assert_string_equal(v, "true");
    free(v);
    nb_answers_set_string(a, "s", "改行\r\nも保存はする");
    assert_int_equal(nb_answers_type(a, "s"), 's');
    nb_answers_set_string(a, "s", "上書き");
    v = nb_answers_get(a, "s");
    assert_string_equal(v, "上書き");
    free(v);
    nb_answers_unset(a, "s");
    assert_false(nb_answers_has(a, "s"));
    nb_item it = {.category = "pc", .description = "PC", .quantity = 2, .unit_price = 1000};
    assert_int_equal(nb_answers_item_add(a, &it), 0);
    assert_int_equal(nb_answers_item_add(a, &it), 1);
    nb_answers_item_delete(a, 0);
    assert_int_equal(nb_answers_item_count(a), 1);
    assert_int_equal(nb_answers_section_set(a, "pc_check", "{\"checks\":[]}"), 0);
    assert_int_equal(nb_answers_section_set(a, "pc_check", "{broken"), -1);
    assert_int_equal(nb_answers_section_set(a, "fields", "{}"), -1);
    char *json = nb_answers_to_json(a);
    assert_non_null(strstr(json, "\"pc_check\""));
    assert_non_null(strstr(json, NB_ANSWERS_FORMAT));
    free(json);
    nb_answers_free(a);
}

static void refused(void **state)
{
    (void)state;
    nb_error err = {{0}};
    const char *cases[][2] = {
        {"", "空"},
        {"{\"format\":\"nanbyo-survey-answers/2\"}", "新しい版"},
        {"{\"format\":\"other/1\"}", "回答ファイルではありません"},
        {"{\"fields\":{}}", "回答ファイルではありません"},
        {"[1,2,3]", "回答ファイルではありません"},
        {"{\"format\":\"nanbyo-survey-answers/1\",\"fields\":[]}", "fields"},
        {"{\"format\":\"nanbyo-survey-answers/1\",\"items\":{}}", "items"},
        {"{\"format\":\"nanbyo-survey-answers/1\"}{}", "JSON"},
        {"{\"format\":\"nanbyo-survey-answers/1\",\n\"fields\":{\"a\":", "2 行目"},
        {"{\"format\":\"nanbyo-survey-answers/x\"}", "形式"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        nb_answers *a = nb_answers_parse(cases[i][0], strlen(cases[i][0]), "f.json", &err);
        if (a)
            fail_msg("case %zu accepted", i);
        if (!strstr(err.msg, cases[i][1]) || !strstr(err.msg, "f.json"))
            fail_msg("case %zu: [%s] lacks [%s]", i, err.msg, cases[i][1]);
    }
    assert_null(nb_answers_parse("{\"format\":\"nanbyo-survey-answers/1\",\"x\":\"\xc3\x28\"}", 44, "bad.json", &err));
    assert_non_null(strstr(err.msg, "UTF-8"));
}

static void save_failure_keeps_old(void **state)
{
    (void)state;
    nb_error err = {{0}};
    char path[128], blocker[128];
    snprintf(blocker, sizeof blocker, "%s/file", tmpdir);
    assert_int_equal(nb_atomic_write(blocker, "x", 1, 0644, &err), 0);
    /* a folder where a file is expected: the save fails, nothing is half-written */
    snprintf(path, sizeof path, "%s/file/a.json", tmpdir);
    nb_answers *a = nb_answers_new("yamaguchi-r8");
    assert_int_equal(nb_answers_save(a, path, &err), -1);
    assert_non_null(strstr(err.msg, "file"));
    size_t len;
    char *old = nb_read_file(blocker, 100, &len, &err);
    assert_string_equal(old, "x");
    free(old);
    /* a target that is a folder: rename fails, the temp file is removed */
    snprintf(path, sizeof path, "%s/adir", tmpdir);
    assert_int_equal(nb_mkdirs(path, 0700), 0);
    assert_int_equal(nb_answers_save(a, path, &err), -1);
    DIR *d = opendir(tmpdir);
    struct dirent *e;
    while ((e = readdir(d)))
        assert_null(strstr(e->d_name, ".tmp."));
    closedir(d);
    nb_answers_free(a);
}

/* The folder a save goes in (temp file, fsync of the folder, export's
 * temp file): one function for all three. */
static void folder_of_a_path(void **state)
{
    (void)state;
    char dir[16];
    assert_true(nb_dir_of("a/b/c.json", dir, sizeof dir));
    assert_string_equal(dir, "a/b");
    assert_true(nb_dir_of("/c.json", dir, sizeof dir));
    assert_string_equal(dir, "/");
    assert_true(nb_dir_of("c.json", dir, sizeof dir));
    assert_string_equal(dir, ".");
    strcpy(dir, "kept");
    assert_false(nb_dir_of("a-folder-name-too-long/c.json", dir, sizeof dir));
    assert_string_equal(dir, "kept");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(round_trip_keeps_unknown),
        cmocka_unit_test(typed_values),
        cmocka_unit_test(refused),
        cmocka_unit_test(save_failure_keeps_old),
        cmocka_unit_test(folder_of_a_path),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
