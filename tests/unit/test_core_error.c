/* Unit tests for src/core/error.c: formatting, replacement, truncation of
 * over-long messages without breaking the buffer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "nanbyo/error.h"

static void test_set_and_replace(void **state)
{
    nb_error e;
    (void)state;
    nb_error_set(&e, "%s の %d 行目: 値が読めません", "forms/yamaguchi-r8.yaml", 12);
    assert_string_equal(e.msg, "forms/yamaguchi-r8.yaml の 12 行目: 値が読めません");
    nb_error_set(&e, "短い");
    assert_string_equal(e.msg, "短い");
    nb_error_set(NULL, "ignored %d", 1);  /* no crash */
}

static void test_truncation(void **state)
{
    nb_error e;
    (void)state;
    char *big = malloc(10001);
    assert_non_null(big);
    memset(big, 'x', 10000);
    big[10000] = '\0';
    nb_error_set(&e, "%s", big);
    assert_int_equal(strlen(e.msg), sizeof e.msg - 1);
    free(big);

    /* 2,000 three-byte characters: the cut never splits one, whatever the
     * leading ASCII shifts the boundary by. */
    for (int shift = 0; shift < 4; shift++) {
        char pre[4] = "";
        memset(pre, 'a', (size_t)shift);
        pre[shift] = '\0';
        char *jp = malloc(6001);
        assert_non_null(jp);
        for (int i = 0; i < 2000; i++)
            memcpy(jp + i * 3, "山", 3);
        jp[6000] = '\0';
        nb_error_set(&e, "%s%s", pre, jp);
        size_t len = strlen(e.msg);
        assert_true(len <= sizeof e.msg - 1 && len >= sizeof e.msg - 4);
        assert_int_equal((len - (size_t)shift) % 3, 0);
        free(jp);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_set_and_replace),
        cmocka_unit_test(test_truncation),
    };
    return cmocka_run_group_tests_name("core_error", tests, NULL, NULL);
}
