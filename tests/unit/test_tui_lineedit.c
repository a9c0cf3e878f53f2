/* Unit tests of the pure line editor: widths, cursor, limits, filters,
 * paste handling and scrolling that never splits a wide glyph. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "../../src/tui/lineedit.h"

static void type(nb_lineedit *le, const char *s)
{
    nb_le_insert_utf8(le, s, strlen(s));
}

static void assert_text(const nb_lineedit *le, const char *want)
{
    char *t = nb_le_text(le);
    assert_string_equal(t, want);
    free(t);
}

static void test_mixed_widths(void **state)
{
    (void)state;
    nb_lineedit le;
    nb_le_init(&le, 0, NB_LE_ANY);
    type(&le, "aあｱＡ漢");
    assert_int_equal(le.len, 5);
    assert_int_equal(le.cursor, 5);
    assert_int_equal(nb_le_width(&le), 1 + 2 + 1 + 2 + 2);
    assert_int_equal(nb_le_view(&le, 40, NULL, NULL), 8);
    nb_le_edit(&le, NB_LE_LEFT);
    assert_int_equal(nb_le_view(&le, 40, NULL, NULL), 6);
    nb_le_edit(&le, NB_LE_BACKSPACE); /* removes Ａ */
    assert_text(&le, "aあｱ漢");
    assert_int_equal(nb_le_view(&le, 40, NULL, NULL), 4);
    nb_le_edit(&le, NB_LE_HOME);
    assert_int_equal(le.cursor, 0);
    nb_le_edit(&le, NB_LE_DELETE);
    assert_text(&le, "あｱ漢");
    nb_le_edit(&le, NB_LE_END);
    assert_int_equal(le.cursor, 3);
    nb_le_edit(&le, NB_LE_LEFT);
    nb_le_edit(&le, NB_LE_KILL_END);
    assert_text(&le, "あｱ");
    nb_le_edit(&le, NB_LE_LEFT);
    nb_le_edit(&le, NB_LE_KILL_START);
    assert_text(&le, "ｱ");
    assert_int_equal(le.cursor, 0);
    nb_le_free(&le);
}

static void test_limit_in_characters(void **state)
{
    (void)state;
    nb_lineedit le;
    nb_le_init(&le, 3, NB_LE_ANY);
    assert_int_equal(nb_le_insert(&le, 0x3042), NB_LE_OK);
    assert_int_equal(nb_le_insert(&le, 'b'), NB_LE_OK);
    assert_int_equal(nb_le_insert(&le, 0x6F22), NB_LE_OK);
    assert_int_equal(nb_le_insert(&le, 'x'), NB_LE_FULL);
    assert_text(&le, "あb漢");
    /* Loaded text is never cut, even over the limit. */
    nb_le_set_text(&le, "abcdef");
    assert_int_equal(le.len, 6);
    assert_int_equal(nb_le_insert(&le, 'g'), NB_LE_FULL);
    nb_le_free(&le);
}

static void test_digit_filter(void **state)
{
    (void)state;
    nb_lineedit le;
    nb_le_init(&le, 0, NB_LE_DIGITS);
    type(&le, "1a２b3");
    assert_text(&le, "1２3");
    nb_le_free(&le);
    nb_le_init(&le, 0, NB_LE_YEN);
    assert_int_equal(nb_le_insert_utf8(&le, "¥１２,３４５円x", strlen("¥１２,３４５円x")),
                     NB_LE_FILTERED);
    assert_text(&le, "¥１２,３４５円");
    nb_le_free(&le);
    nb_le_init(&le, 0, NB_LE_PHONE);
    type(&le, "(083)933-2969 内線");
    assert_text(&le, "(083)933-2969 ");
    nb_le_free(&le);
    nb_le_init(&le, 0, NB_LE_DATE);
    type(&le, "令和8年5月1日");
    assert_text(&le, "令和8年5月1日");
    nb_le_free(&le);
    nb_le_init(&le, 0, NB_LE_EMAIL);
    type(&le, "ｉｎｆｏ＠ex.jp あ");
    assert_text(&le, "info@ex.jp");
    nb_le_free(&le);
}

static void test_paste(void **state)
{
    (void)state;
    nb_lineedit le;
    nb_le_init(&le, 0, NB_LE_ANY);
    const char in[] = "a\nb\tc\r\nd\x01" "e\x1b[200~\xff\xfe" "f";
    assert_int_equal(nb_le_insert_utf8(&le, in, sizeof in - 1), NB_LE_DROPPED);
    assert_text(&le, "a b c de[200~f");
    nb_le_free(&le);
    /* Multiline keeps line breaks, CR LF counts once. */
    nb_le_init(&le, 0, NB_LE_ANY);
    le.multiline = true;
    type(&le, "x\r\ny\rz");
    assert_text(&le, "x\ny\nz");
    nb_le_free(&le);
}

static void test_set_text_sanitises(void **state)
{
    (void)state;
    nb_lineedit le;
    nb_le_init(&le, 0, NB_LE_ANY);
    nb_le_set_text(&le, "a\xc3(b\x7f" "c\nd");
    assert_text(&le, "a\xef\xbf\xbd(bc d");
    assert_int_equal(le.cursor, le.len);
    nb_le_free(&le);
}

/* The view never shows half of a wide glyph and keeps the cursor inside. */
static void test_scroll_never_splits(void **state)
{
    (void)state;
    nb_lineedit le;
    nb_le_init(&le, 0, NB_LE_ANY);
    type(&le, "aあいうえお"); /* 1 + 10 cells */
    size_t first, count;
    int col = nb_le_view(&le, 6, &first, &count);
    /* Cursor at the end needs a cell: visible text must fit in 5 cells. */
    assert_true(col <= 5);
    int cells = 0;
    for (size_t i = first; i < first + count; i++)
        cells += le.w[i];
    assert_true(cells <= 6);
    assert_int_equal(first + count, le.len);
    /* Home: view starts at 0; 'a' + 2 kana = 5 cells, the third kana
     * would cross the edge at 6 and is left out. */
    nb_le_edit(&le, NB_LE_HOME);
    col = nb_le_view(&le, 6, &first, &count);
    assert_int_equal(col, 0);
    assert_int_equal(first, 0);
    assert_int_equal(count, 3);
    /* Walk right through every position: cursor always inside. */
    for (size_t k = 0; k < le.len; k++) {
        nb_le_edit(&le, NB_LE_RIGHT);
        col = nb_le_view(&le, 6, &first, &count);
        assert_true(col >= 0);
        int need = le.cursor < le.len ? le.w[le.cursor] : 1;
        assert_true(col + need <= 6);
        assert_true(le.cursor >= first);
    }
    nb_le_free(&le);
}

static void test_long_string(void **state)
{
    (void)state;
    nb_lineedit le;
    nb_le_init(&le, 60, NB_LE_ANY);
    char *big = malloc(30001);
    for (int i = 0; i < 10000; i++)
        memcpy(big + i * 3, "あ", 3);
    big[30000] = '\0';
    assert_int_equal(nb_le_insert_utf8(&le, big, 30000), NB_LE_FULL);
    assert_int_equal(le.len, 60);
    nb_le_set_text(&le, big);
    assert_int_equal(le.len, 10000);
    size_t first, count;
    int col = nb_le_view(&le, 20, &first, &count);
    assert_true(col <= 19);
    assert_int_equal(first + count, 10000);
    free(big);
    nb_le_free(&le);
}

static void test_combining_kept_together(void **state)
{
    (void)state;
    nb_lineedit le;
    nb_le_init(&le, 0, NB_LE_ANY);
    type(&le, "か\xe3\x82\x99x"); /* か + combining dakuten + x */
    assert_int_equal(le.len, 3);
    nb_le_edit(&le, NB_LE_LEFT);
    nb_le_edit(&le, NB_LE_LEFT);
    assert_int_equal(le.cursor, 0);
    nb_le_edit(&le, NB_LE_DELETE);
    assert_text(&le, "x");
    nb_le_free(&le);
}

static void test_wrap(void **state)
{
    (void)state;
    nb_lineedit le;
    nb_le_init(&le, 0, NB_LE_ANY);
    le.multiline = true;
    type(&le, "abcあ\nい");
    int row[16], col[16];
    int rows = nb_le_wrap(&le, 4, row, col);
    /* "abc" then あ does not fit in the 4th cell: next row. */
    assert_int_equal(row[3], 1);
    assert_int_equal(col[3], 0);
    assert_int_equal(row[5], 2); /* い after the newline */
    assert_int_equal(rows, 3);
    assert_int_equal(row[6], 2);
    assert_int_equal(col[6], 2);
    nb_le_free(&le);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mixed_widths),
        cmocka_unit_test(test_limit_in_characters),
        cmocka_unit_test(test_digit_filter),
        cmocka_unit_test(test_paste),
        cmocka_unit_test(test_set_text_sanitises),
        cmocka_unit_test(test_scroll_never_splits),
        cmocka_unit_test(test_long_string),
        cmocka_unit_test(test_combining_kept_together),
        cmocka_unit_test(test_wrap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
