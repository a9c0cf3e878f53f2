/* Unit tests for the Japanese errno wording in src/survey/atomic_file.c:
 * every reason a clerk can meet is said in Japanese with what to do, and
 * never as strerror's English. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "nanbyo/atomic_file.h"

/* True when s holds a run of 3+ ASCII letters (English slipped in). */
static int has_english(const char *s)
{
    int run = 0;
    for (; *s; s++) {
        run = ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')) ? run + 1 : 0;
        if (run >= 3 && strncmp(s - 2, "USB", 3) != 0)
            return 1;
    }
    return 0;
}

static void test_read_wording(void **state)
{
    (void)state;
    assert_non_null(strstr(nb_errno_read_text(ENOENT), "ファイルがありません"));
    assert_non_null(strstr(nb_errno_read_text(EACCES), "権限"));
    assert_non_null(strstr(nb_errno_read_text(EPERM), "権限"));
    assert_non_null(strstr(nb_errno_read_text(EISDIR), "フォルダーです"));
    assert_non_null(strstr(nb_errno_read_text(EMFILE), "多すぎます"));
    assert_non_null(strstr(nb_errno_read_text(EAGAIN), "ロック中"));
    assert_non_null(strstr(nb_errno_read_text(ENOSPC), "空き"));
    assert_non_null(strstr(nb_errno_read_text(EXDEV), "別のディスク"));
    /* an unknown number is given as a number, not as English */
    assert_string_equal(nb_errno_read_text(12345), "(エラー番号 12345)");
}

static void test_never_english(void **state)
{
    (void)state;
    static const int errs[] = {ENOENT, ENOTDIR, EACCES, EPERM, EISDIR, ELOOP, ENAMETOOLONG, EMFILE,
                               ENFILE, EIO, ENOMEM, EBUSY, ETXTBSY, EAGAIN, EROFS, ENOSPC, EDQUOT,
                               EEXIST, EXDEV, EINVAL, 0, 9999};
    for (size_t i = 0; i < sizeof errs / sizeof errs[0]; i++) {
        const char *r = nb_errno_read_text(errs[i]);
        const char *w = nb_errno_text(errs[i]);
        assert_true(r[0] != '\0' && w[0] != '\0');
        assert_false(has_english(r));
        assert_false(has_english(w));
        assert_null(strstr(r, strerror(errs[i])));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_read_wording),
        cmocka_unit_test(test_never_english),
    };
    return cmocka_run_group_tests_name("survey_errno_text", tests, NULL, NULL);
}
