/* Unit tests for src/core/buf.c: the rules written in nanbyo/buf.h. A
 * zero buffer is empty and owns nothing; the contents always end in a NUL
 * at data[len] with len < alloc; growth doubles; detach hands the block
 * over and leaves the buffer empty; bytes (NULs included) keep their
 * length. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "nanbyo/buf.h"

static void invariant(const nb_buf *b)
{
    if (b->alloc == 0) {
        assert_null(b->data);
        assert_int_equal(b->len, 0);
        return;
    }
    assert_true(b->len < b->alloc);
    assert_int_equal(b->data[b->len], '\0');
    assert_ptr_equal(nb_buf_cstr(b), b->data);
}

static void test_zero_is_empty(void **state)
{
    (void)state;
    nb_buf b = NB_BUF_INIT;
    invariant(&b);
    assert_string_equal(nb_buf_cstr(&b), "");
    nb_buf_release(&b); /* freeing nothing is fine */
    invariant(&b);
    size_t len = 99;
    char *s = nb_buf_detach(&b, &len); /* an empty buffer hands over "" */
    assert_non_null(s);
    assert_string_equal(s, "");
    assert_int_equal(len, 0);
    free(s);
    invariant(&b);
    nb_buf_setlen(&b, 0); /* allowed on a buffer that owns nothing */
    invariant(&b);
}

static void test_appends_keep_nul(void **state)
{
    (void)state;
    nb_buf b = {0};
    nb_buf_adds(&b, "保険医療機関");
    invariant(&b);
    assert_string_equal(b.data, "保険医療機関");
    nb_buf_addc(&b, ',');
    nb_buf_add(&b, "xyz", 2);
    nb_buf_addf(&b, "%d円", 1000);
    invariant(&b);
    assert_string_equal(b.data, "保険医療機関,xy1000円");
    assert_int_equal(b.len, strlen("保険医療機関,xy1000円"));
    nb_buf_add(&b, "", 0);
    invariant(&b);
    nb_buf_release(&b);
    invariant(&b);
}

static void test_binary_keeps_length(void **state)
{
    (void)state;
    nb_buf b = NB_BUF_INIT;
    nb_buf_add(&b, "a\0b", 3);
    nb_buf_add(&b, "\0", 1);
    invariant(&b);
    assert_int_equal(b.len, 4);
    assert_memory_equal(b.data, "a\0b\0", 5);
    size_t len = 0;
    char *d = nb_buf_detach(&b, &len);
    assert_int_equal(len, 4);
    assert_memory_equal(d, "a\0b\0", 5);
    free(d);
    invariant(&b);
    assert_null(b.data); /* detach left it owning nothing */
}

static void test_growth_doubles(void **state)
{
    (void)state;
    nb_buf b = NB_BUF_INIT;
    size_t grows = 0, last = 0;
    for (int i = 0; i < 100000; i++) {
        nb_buf_addc(&b, (char)('a' + i % 26));
        invariant(&b);
        if (b.alloc != last) {
            assert_true(last == 0 ? b.alloc == 64 : b.alloc == last * 2);
            last = b.alloc;
            grows++;
        }
    }
    assert_int_equal(b.len, 100000);
    /* 64 .. 131072: twelve blocks for 100,000 bytes, not one per byte */
    assert_int_equal(grows, 12);
    assert_int_equal(b.alloc, 131072);
    for (size_t i = 0; i < b.len; i++)
        assert_int_equal(b.data[i], (char)('a' + i % 26));
    nb_buf_release(&b);
}

static void test_long_format(void **state)
{
    (void)state;
    char big[5000];
    memset(big, 'z', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    nb_buf b = NB_BUF_INIT;
    nb_buf_adds(&b, "head:");
    nb_buf_addf(&b, "[%s]%d", big, 42); /* longer than the room it has */
    invariant(&b);
    assert_int_equal(b.len, 5 + 1 + (sizeof big - 1) + 1 + 2);
    assert_memory_equal(b.data, "head:[zzz", 9);
    assert_string_equal(b.data + b.len - 3, "]42");
    assert_int_equal(b.data[b.len - 4], 'z');
    nb_buf_release(&b);
}

static void test_setlen_and_grow(void **state)
{
    (void)state;
    nb_buf b = NB_BUF_INIT;
    nb_buf_grow(&b, 10);
    invariant(&b);
    assert_true(b.alloc >= 11);
    assert_int_equal(b.len, 0);
    memcpy(b.data, "0123456789", 10); /* written straight into the room */
    nb_buf_setlen(&b, 10);
    invariant(&b);
    assert_string_equal(b.data, "0123456789");
    char *before = b.data;
    nb_buf_setlen(&b, 4); /* a cut keeps the block */
    invariant(&b);
    assert_ptr_equal(b.data, before);
    assert_string_equal(b.data, "0123");
    nb_buf_adds(&b, "x");
    assert_string_equal(b.data, "0123x");
    char *s = nb_buf_detach(&b, NULL);
    assert_string_equal(s, "0123x");
    free(s);
    invariant(&b);
    nb_buf_adds(&b, "again"); /* reusable after detach */
    assert_string_equal(nb_buf_cstr(&b), "again");
    nb_buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_zero_is_empty),
        cmocka_unit_test(test_appends_keep_nul),
        cmocka_unit_test(test_binary_keeps_length),
        cmocka_unit_test(test_growth_doubles),
        cmocka_unit_test(test_long_format),
        cmocka_unit_test(test_setlen_and_grow),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
