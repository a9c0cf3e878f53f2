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
#include <sys/stat.h>
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

/* A re-save never changes what it did not edit. Numbers keep
 * their text (a double would turn 9007199254740993 into ...992 and 1e400
 * into null); members this version does not read keep theirs, odd keys
 * and escapes included. */
static const char odd_doc[] =
    "{\"format\": \"nanbyo-survey-answers/1\", \"survey\": \"yamaguchi-r8\", \"saved_at\": \"\",\n"
    " \"fields\": {\"big\": 9007199254740993, \"huge\": 1e400, \"dec\": 2.50, \"obj\": {\"\\u00e9\": [1.0, 1E2]},\n"
    "            \"doctors_nanbyo\": 2},\n"
    " \"items\": [{\"category\": \"pc\", \"\\u0078-item\": true, \"quantity\": 1, \"unit_price\": 128000, \"x-note\": {\"\\/\": -0.0e-0}}, 7],\n"
    " \"x-odd \\\"key\\\"\": {\"\\u0041\\/\": 9007199254740993, \"\": [1e400, \"\\u0000\"]},\n"
    " \"pc_check\": {\"n\": 1.50}, \"x-top \\u00e9\\/\": 1e400}\n";

static void exact_numbers_and_unknown_members(void **state)
{
    (void)state;
    nb_error err = {{0}};
    nb_answers *a = nb_answers_parse(odd_doc, strlen(odd_doc), "odd.json", &err);
    assert_non_null(a);
    char *big = nb_answers_get(a, "big");
    assert_string_equal(big, "9007199254740993");
    free(big);
    assert_int_equal(nb_answers_type(a, "huge"), 'n');
    assert_int_equal(nb_answers_type(a, "obj"), '?');
    char *n = nb_answers_get(a, "doctors_nanbyo");
    assert_string_equal(n, "2");
    free(n);
    nb_answers_set_string(a, "institution_name", "edited");
    nb_answers_item_set_member(a, 0, "description", "ノートPC", NULL);
    char *out = nb_answers_to_json(a);
    const char *kept[] = {"9007199254740993", "1e400", "2.50", "{\"\\u00e9\": [1.0, 1E2]}", "{\"\\/\": -0.0e-0}",
                          "{\"\\u0041\\/\": 9007199254740993, \"\": [1e400, \"\\u0000\"]}", "{\"n\": 1.50}",
                          "\"x-odd \\\"key\\\"\"", "128000", "7]", "\"x-top \\u00e9\\/\":\t1e400",
                          "\"\\u0078-item\":\ttrue"};
    for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++)
        if (!strstr(out, kept[i]))
            fail_msg("re-saved text lost %s:\n%s", kept[i], out);
    assert_non_null(strstr(out, "\"edited\""));
    /* and it reads back the same */
    nb_answers *b = nb_answers_parse(out, strlen(out), "again.json", &err);
    assert_non_null(b);
    char *again = nb_answers_dump(b);
    char *first = nb_answers_dump(a);
    assert_string_equal(again, first);
    free(again);
    free(first);
    nb_answers_free(b);
    free(out);
    char *sec = nb_answers_section_get(a, "pc_check");
    assert_string_equal(sec, "{\"n\": 1.50}");
    free(sec);
    nb_answers_free(a);
}

/* cJSON cuts a string at "\u0000": in a field the file is refused with
 * the line, never re-saved shorter; in a member we never read it is kept. */
static void nul_escape(void **state)
{
    (void)state;
    nb_error err = {{0}};
    const char *bad = "{\"format\": \"nanbyo-survey-answers/1\",\n\"fields\": {\"notes\": \"a\\u0000b\"}}";
    assert_null(nb_answers_parse(bad, strlen(bad), "nul.json", &err));
    assert_non_null(strstr(err.msg, "nul.json"));
    assert_non_null(strstr(err.msg, "2 行目"));
    const char *key = "{\"format\": \"nanbyo-survey-answers/1\", \"fields\": {\"a\\u0000b\": 1}}";
    assert_null(nb_answers_parse(key, strlen(key), "nulkey.json", &err));
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* A save goes through a symlink to its target and the link
 * stays; an existing file keeps its mode; a new one gets the umask. */
static void symlink_and_mode(void **state)
{
    (void)state;
    nb_error err = {{0}};
    char target[128], link[128], fresh[128];
    snprintf(target, sizeof target, "%s/real.json", tmpdir);
    snprintf(link, sizeof link, "%s/link.json", tmpdir);
    snprintf(fresh, sizeof fresh, "%s/fresh.csv", tmpdir);
    write_text(target, "{\"format\": \"nanbyo-survey-answers/1\"}");
    chmod(target, 0640);
    assert_int_equal(symlink("real.json", link), 0);
    nb_answers *a = nb_answers_load(link, &err);
    assert_non_null(a);
    nb_answers_set_string(a, "notes", "through the link");
    assert_int_equal(nb_answers_save(a, link, &err), 0);
    struct stat st;
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_int_equal(stat(target, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0640);
    size_t len;
    char *text = nb_read_file(target, 1 << 20, &len, &err);
    assert_non_null(strstr(text, "through the link"));
    free(text);
    nb_answers_free(a);
    mode_t old = umask(077);
    assert_int_equal(nb_atomic_write(fresh, "x", 1, 0644, &err), 0);
    umask(old);
    assert_int_equal(stat(fresh, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0600);
}

/* A file written by someone else after we read it is never
 * overwritten: the save goes beside it, once, and says so naming both. */
static void changed_underneath(void **state)
{
    (void)state;
    nb_error err = {{0}};
    char path[128];
    snprintf(path, sizeof path, "%s/shared.json", tmpdir);
    write_text(path, "{\"format\": \"nanbyo-survey-answers/1\", \"fields\": {}}");
    nb_answers *a = nb_answers_load(path, &err);
    assert_non_null(a);
    assert_int_equal(nb_answers_save(a, path, &err), 0); /* our own save is no conflict */
    write_text(path, "{\"format\": \"nanbyo-survey-answers/1\", \"fields\": {\"notes\": \"theirs\"}}");
    nb_answers_set_string(a, "notes", "ours");
    assert_int_equal(nb_answers_save(a, path, &err), 1);
    const char *beside = nb_answers_path(a);
    assert_non_null(strstr(beside, "shared-別保存-"));
    assert_non_null(strstr(err.msg, path));
    assert_non_null(strstr(err.msg, beside));
    size_t len;
    char *text = nb_read_file(path, 1 << 20, &len, &err);
    assert_non_null(strstr(text, "theirs"));
    free(text);
    text = nb_read_file(beside, 1 << 20, &len, &err);
    assert_non_null(strstr(text, "ours"));
    free(text);
    /* the next save to the same name goes to the same file beside */
    assert_int_equal(nb_answers_save(a, path, &err), 0);
    int n = 0;
    DIR *d = opendir(tmpdir);
    struct dirent *e;
    while ((e = readdir(d)))
        n += strstr(e->d_name, "別保存") != NULL;
    closedir(d);
    assert_int_equal(n, 1);
    nb_answers_free(a);
}

/* A FIFO named as an input is refused at once, not waited on. */
static void fifo_refused(void **state)
{
    (void)state;
    nb_error err = {{0}};
    char path[128];
    snprintf(path, sizeof path, "%s/pipe.json", tmpdir);
    assert_int_equal(mkfifo(path, 0600), 0);
    assert_null(nb_answers_load(path, &err));
    assert_non_null(strstr(err.msg, "名前付きパイプ"));
    assert_null(nb_read_file("/dev/null", 100, NULL, &err));
    assert_non_null(strstr(err.msg, "デバイス"));
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(round_trip_keeps_unknown),
        cmocka_unit_test(typed_values),
        cmocka_unit_test(refused),
        cmocka_unit_test(save_failure_keeps_old),
        cmocka_unit_test(folder_of_a_path),
        cmocka_unit_test(exact_numbers_and_unknown_members),
        cmocka_unit_test(nul_escape),
        cmocka_unit_test(symlink_and_mode),
        cmocka_unit_test(changed_underneath),
        cmocka_unit_test(fifo_refused),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
