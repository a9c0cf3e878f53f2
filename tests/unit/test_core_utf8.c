/* Unit tests for src/core/utf8.c: strict decoding is the border guard for
 * every byte the program reads, so the hostile cases matter most. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "nanbyo/utf8.h"

static const struct {
    const char *bytes;
    size_t len;
    int used;
    int32_t cp;
} decode_cases[] = {
    { "A", 1, 1, 0x41 },
    { "\x00", 1, 1, 0 },
    { "\x7F", 1, 1, 0x7F },
    { "\xC2\x80", 2, 2, 0x80 },
    { "\xDF\xBF", 2, 2, 0x7FF },
    { "\xE0\xA0\x80", 3, 3, 0x800 },
    { "\xE3\x81\x82", 3, 3, 0x3042 },          /* あ */
    { "\xED\x9F\xBF", 3, 3, 0xD7FF },
    { "\xEE\x80\x80", 3, 3, 0xE000 },
    { "\xEF\xBF\xBF", 3, 3, 0xFFFF },
    { "\xF0\x90\x80\x80", 4, 4, 0x10000 },
    { "\xF0\xA0\xAE\xB7", 4, 4, 0x20BB7 },     /* 𠮷 */
    { "\xF4\x8F\xBF\xBF", 4, 4, 0x10FFFF },
    { "\xE3\x81\x82" "X", 4, 3, 0x3042 },      /* stops after one */
    /* invalid */
    { "\x80", 1, -1, 0 },                      /* lone continuation */
    { "\xBF", 1, -1, 0 },
    { "\xC0\x80", 2, -1, 0 },                  /* overlong NUL */
    { "\xC1\xBF", 2, -1, 0 },                  /* overlong */
    { "\xE0\x80\x80", 3, -1, 0 },              /* overlong 3-byte */
    { "\xE0\x9F\xBF", 3, -1, 0 },              /* overlong U+07FF */
    { "\xF0\x80\x80\x80", 4, -1, 0 },          /* overlong 4-byte */
    { "\xF0\x8F\xBF\xBF", 4, -1, 0 },          /* overlong U+FFFF */
    { "\xED\xA0\x80", 3, -1, 0 },              /* surrogate D800 */
    { "\xED\xBF\xBF", 3, -1, 0 },              /* surrogate DFFF */
    { "\xF4\x90\x80\x80", 4, -1, 0 },          /* U+110000 */
    { "\xF5\x80\x80\x80", 4, -1, 0 },
    { "\xFF", 1, -1, 0 },
    { "\xFE", 1, -1, 0 },
    { "\xC3", 1, -1, 0 },                      /* truncated */
    { "\xE3\x81", 2, -1, 0 },                  /* truncated */
    { "\xF0\x9F\x98", 3, -1, 0 },              /* truncated */
    { "\xE3\x81\x82", 2, -1, 0 },              /* length says truncated */
    { "\xE3\x41\x82", 3, -1, 0 },              /* bad continuation */
    { "\xC3" "A", 2, -1, 0 },
    { "", 0, -1, 0 },
};

static void test_decode_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof decode_cases / sizeof decode_cases[0]; i++) {
        int32_t cp = -7;
        int used = nb_utf8_decode(decode_cases[i].bytes, decode_cases[i].len, &cp);
        if (used != decode_cases[i].used)
            fail_msg("case %zu: used %d, expected %d", i, used, decode_cases[i].used);
        if (used > 0 && cp != decode_cases[i].cp)
            fail_msg("case %zu: cp %X, expected %X", i, (unsigned)cp, (unsigned)decode_cases[i].cp);
    }
    assert_int_equal(nb_utf8_decode(NULL, 3, NULL), -1);
}

static void test_encode_roundtrip(void **state)
{
    char buf[4];
    (void)state;
    /* Every scalar value encodes and decodes back to itself. */
    for (int32_t cp = 0; cp <= 0x10FFFF; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF) {
            assert_int_equal(nb_utf8_encode(cp, buf), 0);
            continue;
        }
        size_t n = nb_utf8_encode(cp, buf);
        int32_t back = -1;
        if (n == 0 || nb_utf8_decode(buf, n, &back) != (int)n || back != cp)
            fail_msg("round trip failed at U+%X", (unsigned)cp);
    }
    assert_int_equal(nb_utf8_encode(0x110000, buf), 0);
    assert_int_equal(nb_utf8_encode(-1, buf), 0);
    assert_int_equal(nb_utf8_encode(0x3042, buf), 3);
    assert_memory_equal(buf, "\xE3\x81\x82", 3);
}

static void test_valid(void **state)
{
    (void)state;
    assert_true(nb_utf8_valid("", 0));
    assert_true(nb_utf8_valid("令和8年", strlen("令和8年")));
    assert_true(nb_utf8_valid("a\0b", 3));  /* NUL is a valid code point */
    assert_false(nb_utf8_valid("abc\xFF", 4));
    assert_false(nb_utf8_valid("abc\xE3\x81", 5));
    assert_false(nb_utf8_valid("\xED\xA0\x80\xED\xB0\x80", 6)); /* CESU-8 pair */
    assert_false(nb_utf8_valid("\xC0\xAF", 2));                 /* overlong '/' */
    /* 10,000 valid characters, then one bad byte at the very end. */
    size_t n = 10000 * 3;
    char *big = malloc(n + 2);
    assert_non_null(big);
    for (size_t i = 0; i < n; i += 3)
        memcpy(big + i, "\xE3\x81\x82", 3);
    assert_true(nb_utf8_valid(big, n));
    big[n] = '\x80';
    assert_false(nb_utf8_valid(big, n + 1));
    big[n] = '\0';
    assert_int_equal(nb_utf8_count(big), 10000);
    free(big);
}

/* The reference: valid means every character decodes. */
static bool valid_by_decoding(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        int n = nb_utf8_decode(s + i, len - i, NULL);
        if (n < 0)
            return false;
        i += (size_t)n;
    }
    return true;
}

/* nb_utf8_valid checks byte ranges instead of decoding; it must agree with
 * decoding on every sequence of one, two and three bytes (16.8 million) and
 * on four-byte sequences around every boundary of the table. */
static void test_valid_agrees_with_decoding(void **state)
{
    (void)state;
    unsigned char b[4];
    for (unsigned x = 0; x < (1u << 24); x++) {
        b[0] = (unsigned char)(x >> 16), b[1] = (unsigned char)(x >> 8), b[2] = (unsigned char)x;
        for (size_t len = 1; len <= 3; len++)
            if (len == 3 || (x & ((1u << (8 * (3 - len))) - 1)) == 0)
                assert_int_equal(nb_utf8_valid((char *)b, len), valid_by_decoding((char *)b, len));
    }
    static const unsigned char edge[] = {0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2,
                                         0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF};
    size_t ne = sizeof edge;
    for (size_t i = 0; i < ne; i++)
        for (size_t j = 0; j < ne; j++)
            for (size_t k = 0; k < ne; k++)
                for (size_t l = 0; l < ne; l++) {
                    b[0] = edge[i], b[1] = edge[j], b[2] = edge[k], b[3] = edge[l];
                    assert_int_equal(nb_utf8_valid((char *)b, 4), valid_by_decoding((char *)b, 4));
                }
}

/* ASCII is skipped eight bytes at a time: a bad byte, a cut-off sequence
 * or a good one is seen at every place in and after such runs. */
static void test_valid_ascii_runs(void **state)
{
    (void)state;
    char s[40];
    static const char *const tails[] = {"\xFF", "\xE3\x81", "\x80", "\xC0\xAF", "\xE3\x81\x82", "\xF0\x9F\x98\x80"};
    for (size_t t = 0; t < sizeof tails / sizeof tails[0]; t++)
        for (size_t at = 0; at + strlen(tails[t]) <= 24; at++)
            for (size_t len = at + strlen(tails[t]); len <= 24; len++) {
                memset(s, 'a', sizeof s);
                memcpy(s + at, tails[t], strlen(tails[t]));
                assert_int_equal(nb_utf8_valid(s, len), valid_by_decoding(s, len));
                assert_int_equal(nb_utf8_valid(s, len), t >= 4);
            }
}

/* nb_ascii_span: in strings of 0..40 ASCII bytes, a byte with its top bit
 * set at each place (where the eight-byte steps start, end and straddle)
 * ends the span there; without one the span is the whole length. */
static void test_ascii_span(void **state)
{
    (void)state;
    char buf[41];
    for (size_t len = 0; len <= 40; len++) {
        memset(buf, 'a', len);
        assert_int_equal(nb_ascii_span(buf, len), len);
        for (size_t at = 0; at < len; at++) {
            memset(buf, 'a', len);
            buf[at] = (char)0x80;
            assert_int_equal(nb_ascii_span(buf, len), at);
            buf[at] = (char)0xFF;
            assert_int_equal(nb_ascii_span(buf, len), at);
        }
    }
}

static void test_count(void **state)
{
    (void)state;
    assert_int_equal(nb_utf8_count(""), 0);
    assert_int_equal(nb_utf8_count(NULL), 0);
    assert_int_equal(nb_utf8_count("abc"), 3);
    assert_int_equal(nb_utf8_count("山口県"), 3);
    assert_int_equal(nb_utf8_count("𠮷野家"), 3);
    assert_int_equal(nb_utf8_count("ｶﾞ"), 2);
}

static void test_prev(void **state)
{
    const char *s = "aあ𠮷b";  /* offsets 0, 1, 4, 8 */
    (void)state;
    assert_int_equal(nb_utf8_prev(s, 0), 0);
    assert_int_equal(nb_utf8_prev(s, 1), 0);
    assert_int_equal(nb_utf8_prev(s, 4), 1);
    assert_int_equal(nb_utf8_prev(s, 8), 4);
    assert_int_equal(nb_utf8_prev(s, 9), 8);
    /* Walking back from the end visits every start. */
    size_t off = strlen(s), steps = 0;
    while (off > 0) {
        off = nb_utf8_prev(s, off);
        steps++;
    }
    assert_int_equal(steps, 4);
    /* A run of stray continuation bytes never moves back more than 3. */
    assert_int_equal(nb_utf8_prev("\x80\x80\x80\x80\x80", 5), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decode_table),
        cmocka_unit_test(test_encode_roundtrip),
        cmocka_unit_test(test_valid),
        cmocka_unit_test(test_valid_agrees_with_decoding),
        cmocka_unit_test(test_valid_ascii_runs),
        cmocka_unit_test(test_ascii_span),
        cmocka_unit_test(test_count),
        cmocka_unit_test(test_prev),
    };
    return cmocka_run_group_tests_name("core_utf8", tests, NULL, NULL);
}
