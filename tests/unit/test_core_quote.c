/* Unit tests for src/core/quote.c: what a message may show of input.
 * Controls and bidi/invisible characters come out as <U+XXXX>, broken
 * bytes as <0xNN>, and a cut never splits a character or an escape. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "nanbyo/error.h"
#include "nanbyo/quote.h"
#include "nanbyo/utf8.h"

static void escapes(void **state)
{
    (void)state;
    char q[NB_QUOTE_SIZE(40)];
    assert_string_equal(nb_quote(q, sizeof q, "\x1b]0;t\x07\r\n", 40), "<U+001B>]0;t<U+0007><U+000D><U+000A>");
    assert_string_equal(nb_quote(q, sizeof q, "a\u202eb\u200bc\ufeffd\u2066e\u061c", 40),
                        "a<U+202E>b<U+200B>c<U+FEFF>d<U+2066>e<U+061C>");
    assert_string_equal(nb_quote(q, sizeof q, "\xc2\x85 \x7f \u2028", 40), "<U+0085> <U+007F> <U+2028>");
    assert_string_equal(nb_quote(q, sizeof q, "ok\xff\xe3\x81", 40), "ok<0xFF><0xE3><0x81>");
    assert_string_equal(nb_quote(q, sizeof q, "山口県 ①", 40), "山口県 ①");
    assert_string_equal(nb_quote(q, sizeof q, NULL, 40), "");
    assert_string_equal(nb_quote(q, sizeof q, "", 40), "");
}

static void cuts_at_characters(void **state)
{
    (void)state;
    char q[NB_QUOTE_SIZE(5)];
    assert_string_equal(nb_quote(q, sizeof q, "12か月のサービス", 5), "12か月の…");
    assert_string_equal(nb_quote(q, sizeof q, "12か月", 5), "12か月");
    assert_string_equal(nb_quote(q, sizeof q, "\x1b\x1b\x1b\x1b\x1b\x1b", 5),
                        "<U+001B><U+001B><U+001B><U+001B><U+001B>…");
    /* a buffer too small for the characters asked: cut, still valid */
    char small[11];
    for (size_t n = 1; n <= sizeof small; n++) {
        nb_quote(small, n, "あいう\x1bえお", 10);
        assert_true(strlen(small) < n);
        assert_true(nb_utf8_valid(small, strlen(small)));
        assert_null(strchr(small, 0x1b));
    }
}

static void finds_invisible(void **state)
{
    (void)state;
    assert_int_equal(nb_find_invisible("やまぐち"), 0);
    assert_int_equal(nb_find_invisible("a\xff\u202e"), 0x202E);
    assert_int_equal(nb_find_invisible(NULL), 0);
    for (int32_t cp = 0x2000; cp < 0x2100; cp++)
        assert_int_equal(nb_cp_is_invisible(cp),
                         (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
                             (cp >= 0x2066 && cp <= 0x2069));
    assert_true(nb_cp_is_invisible(0xFEFF) && nb_cp_is_invisible(0x061C));
}

static void errors_escape_arguments(void **state)
{
    (void)state;
    nb_error e;
    nb_error_set(&e, "区分「%s」はありません。", "x\x1b[2J\u202e");
    assert_string_equal(e.msg, "区分「x<U+001B>[2J<U+202E>」はありません。");
    assert_string_equal(NB_QUOTED("a\rb", 10), "a<U+000D>b");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(escapes),
        cmocka_unit_test(cuts_at_characters),
        cmocka_unit_test(finds_invisible),
        cmocka_unit_test(errors_escape_arguments),
    };
    return cmocka_run_group_tests_name("core_quote", tests, NULL, NULL);
}
