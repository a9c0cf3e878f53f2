/* The SMTP settings file and password files: every key, comments and
 * spaces, line-numbered errors for a missing "=", an unknown key or a bad
 * value, and refusal of a password that others can read (with chmod 600
 * in the message). Uses real files in a temporary folder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include "nanbyo/deliver.h"

static char dir[64];

static const char *write_file(const char *name, const char *text, int mode)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    chmod(path, (mode_t)mode);
    return path;
}

static int setup(void **state)
{
    (void)state;
    strcpy(dir, "/tmp/nb-smtpconf-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void test_all_keys(void **state)
{
    (void)state;
    const char *p = write_file("ok.conf",
                               "# settings\n"
                               "\n"
                               "  smtp =  smtp://127.0.0.1:2525  \n"
                               "starttls = yes\n"
                               "user = clinic@example.jp\n"
                               "password = p@ss word\n"
                               "password_file = /x/pw\n"
                               "from = jimu@example.jp\n"
                               "cacert = /x/ca.pem\n"
                               "timeout = 30\r\n",
                               0600);
    nb_smtp_config c;
    nb_error err = {{0}};
    assert_int_equal(nb_smtp_config_load_file(&c, p, &err), 0);
    assert_string_equal(c.url, "smtp://127.0.0.1:2525");
    assert_int_equal(c.starttls, 1);
    assert_string_equal(c.user, "clinic@example.jp");
    assert_string_equal(c.password, "p@ss word");
    assert_string_equal(c.password_file, "/x/pw");
    assert_string_equal(c.from, "jimu@example.jp");
    assert_string_equal(c.cacert, "/x/ca.pem");
    assert_int_equal(c.timeout_s, 30);
    assert_string_equal(c.path, p);
    nb_smtp_config_free(&c);
    assert_int_equal(c.starttls, -1);
    assert_null(c.url);
}

static void test_missing_file_is_fine(void **state)
{
    (void)state;
    nb_smtp_config c;
    nb_error err = {{0}};
    char path[128];
    snprintf(path, sizeof path, "%s/none.conf", dir);
    assert_int_equal(nb_smtp_config_load_file(&c, path, &err), 0);
    assert_null(c.path);
    assert_null(c.url);
    assert_int_equal(c.starttls, -1);
    nb_smtp_config_free(&c);
}

static void expect_error(const char *text, int mode, const char *needle)
{
    const char *p = write_file("bad.conf", text, mode);
    nb_smtp_config c;
    nb_error err = {{0}};
    assert_int_equal(nb_smtp_config_load_file(&c, p, &err), -1);
    if (!strstr(err.msg, needle))
        fail_msg("[%s] lacks [%s]", err.msg, needle);
    assert_null(c.url);
}

static void test_errors(void **state)
{
    (void)state;
    expect_error("smtp = smtp://a:25\nstarttls\n", 0600, "2 行目");
    expect_error("server = x\n", 0600, "知らない設定");
    expect_error("starttls = maybe\n", 0600, "yes か no");
    expect_error("timeout = 0\n", 0600, "timeout");
    expect_error("timeout = 10s\n", 0600, "timeout");
    expect_error("password = x\n", 0644, "chmod 600");
    expect_error("password = x\n", 0640, "chmod 600");
    /* without a password, a readable file is fine */
    const char *p = write_file("open.conf", "smtp = smtp://a:25\nstarttls = no\n", 0644);
    nb_smtp_config c;
    nb_error err = {{0}};
    assert_int_equal(nb_smtp_config_load_file(&c, p, &err), 0);
    assert_int_equal(c.starttls, 0);
    nb_smtp_config_free(&c);
}

static void test_password_file(void **state)
{
    (void)state;
    nb_error err = {{0}};
    const char *p = write_file("pw", "s3cret パス\r\nsecond line\n", 0600);
    char *pw = nb_read_password_file(p, &err);
    assert_non_null(pw);
    assert_string_equal(pw, "s3cret パス");
    nb_password_free(pw);
    p = write_file("pw", "x\n", 0604);
    assert_null(nb_read_password_file(p, &err));
    assert_non_null(strstr(err.msg, "chmod 600"));
    p = write_file("pw", "", 0600);
    assert_null(nb_read_password_file(p, &err));
    assert_non_null(strstr(err.msg, "空"));
    p = write_file("pw", "\n", 0600);
    assert_null(nb_read_password_file(p, &err));
    char missing[128];
    snprintf(missing, sizeof missing, "%s/nope", dir);
    assert_null(nb_read_password_file(missing, &err));
    assert_non_null(strstr(err.msg, "開けません"));
    assert_null(nb_read_password_file(dir, &err)); /* a folder */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_all_keys),
        cmocka_unit_test(test_missing_file_is_fine),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_password_file),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
