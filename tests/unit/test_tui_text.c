/* Unit tests of the TUI's pure helpers: line wrapping by cells (never a
 * split glyph, kinsoku, ASCII words kept whole) and the key table (F6-F10
 * unbound, Enter never anything but ENTER). No terminal is opened. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "../../src/tui/keys.h"
#include "../../src/tui/term.h"

static void test_wrap_cells(void **state)
{
    (void)state;
    size_t off[8], len[8];
    /* 6 kana = 12 cells in width 5: 2 per line, never 2.5. */
    int n = nb_wrap("あいうえおか", 5, off, len, 8);
    assert_int_equal(n, 3);
    assert_int_equal(len[0], 6);
    assert_int_equal(off[1], 6);
    assert_int_equal(len[2], 6);
}

static void test_wrap_kinsoku(void **state)
{
    (void)state;
    size_t off[8], len[8];
    /* "あいう。" in width 6: 。 would start line 2; う moves down with it. */
    const char *s = "あいう。えお";
    int n = nb_wrap(s, 6, off, len, 8);
    assert_int_equal(n, 3);
    assert_int_equal(len[0], strlen("あい"));
    assert_int_equal(len[1], strlen("う。え"));
    assert_memory_equal(s + off[1], "う。え", len[1]);
}

static void test_wrap_words_and_newlines(void **state)
{
    (void)state;
    size_t off[8], len[8];
    const char *s = "send to example.jp now\nnext";
    int n = nb_wrap(s, 12, off, len, 8);
    assert_int_equal(n, 4);
    assert_int_equal(len[0], strlen("send to"));
    assert_int_equal(len[1], strlen("example.jp"));
    assert_memory_equal(s + off[1], "example.jp", len[1]);
    assert_memory_equal(s + off[2], "now", 3);
    assert_memory_equal(s + off[3], "next", 4);
}

static void test_wrap_address_whole(void **state)
{
    (void)state;
    size_t off[8], len[8];
    /* Japanese text runs into an address with no space: the break goes
     * before the address, never inside it. */
    const char *s = "宛先は県の担当 seisin-nanbyou@pref.yamaguchi.lg.jp です。";
    const char *t = "宛先は県の担当seisin-nanbyou@pref.yamaguchi.lg.jpです。";
    int n = nb_wrap(s, 40, off, len, 8);
    assert_true(n >= 2);
    assert_memory_equal(s + off[1], "seisin-nanbyou@pref.yamaguchi.lg.jp", 35);
    n = nb_wrap(t, 40, off, len, 8);
    assert_true(n >= 2);
    assert_memory_equal(t + off[1], "seisin-nanbyou@pref.yamaguchi.lg.jp", 35);
    /* 12,000 stays in one piece too. */
    const char *m = "あいうえおかき12,000円";
    n = nb_wrap(m, 18, off, len, 8);
    assert_int_equal(n, 2);
    assert_memory_equal(m + off[1], "12,000", 6);
}

static void test_wrap_line_start_marks(void **state)
{
    (void)state;
    size_t off[8], len[8];
    /* ・ and 」 never start a line; 「 never ends one. */
    const char *s = "あいう・えお";
    nb_wrap(s, 6, off, len, 8);
    assert_memory_equal(s + off[1], "う・", strlen("う・"));
    const char *q = "あい「うえ」";
    nb_wrap(q, 6, off, len, 8);
    assert_memory_equal(q + off[1], "「うえ」", strlen("「うえ」"));
}

static void test_width(void **state)
{
    (void)state;
    assert_int_equal(nb_width("aあｱ"), 4);
    assert_int_equal(nb_width("\xff" "a"), 2); /* invalid byte counts 1 */
}

static void test_fix_tail(void **state)
{
    (void)state;
    char a[16];
    snprintf(a, sizeof a, "%s", "abあいう");   /* 2 + 9 bytes fit */
    nb_utf8_fix_tail(a);
    assert_string_equal(a, "abあいう");
    char b[] = "abあい\xe3\x81";                /* う cut after 2 bytes */
    nb_utf8_fix_tail(b);
    assert_string_equal(b, "abあい");
    char c[] = "x\xe3";
    nb_utf8_fix_tail(c);
    assert_string_equal(c, "x");
}

static void test_keys(void **state)
{
    (void)state;
    assert_int_equal(nb_key_map(OK, '\t').a, NB_A_NEXT);
    assert_int_equal(nb_key_map(KEY_CODE_YES, KEY_BTAB).a, NB_A_PREV);
    assert_int_equal(nb_key_map(OK, 0x0e).a, NB_A_NEXT);  /* Ctrl-N */
    assert_int_equal(nb_key_map(OK, 0x10).a, NB_A_PREV);  /* Ctrl-P */
    assert_int_equal(nb_key_map(OK, '\r').a, NB_A_ENTER);
    assert_int_equal(nb_key_map(KEY_CODE_YES, KEY_F(1)).a, NB_A_HELP);
    for (int f = 6; f <= 10; f++)
        assert_int_equal(nb_key_map(KEY_CODE_YES, KEY_F(f)).a, NB_A_NONE);
    nb_ev e = nb_key_map(OK, 0x3042);
    assert_int_equal(e.a, NB_A_CHAR);
    assert_int_equal(e.ch, 0x3042);
    assert_int_equal(nb_key_map(OK, 0x9b).a, NB_A_NONE);  /* C1 control */
    assert_int_equal(nb_key_map(ERR, 0).a, NB_A_TIMEOUT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wrap_cells),
        cmocka_unit_test(test_wrap_kinsoku),
        cmocka_unit_test(test_wrap_words_and_newlines),
        cmocka_unit_test(test_wrap_address_whole),
        cmocka_unit_test(test_wrap_line_start_marks),
        cmocka_unit_test(test_width),
        cmocka_unit_test(test_fix_tail),
        cmocka_unit_test(test_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
