/* Unit tests for src/core/xalloc.c: the overflow check on count × size,
 * the end of the process (one sentence, exit status NB_EXIT_NOMEM) when a
 * size does not fit, the hook that runs first, and the array growth. The
 * deaths run in a forked child whose stderr the test reads. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "nanbyo/xalloc.h"

static const char sentence[] = "nanbyo-survey: メモリーが足りなくなったので、"
                               "ほかのアプリを閉じてからもう一度実行してください。\n";

static void test_size_mul(void **state)
{
    (void)state;
    size_t r = 7;
    assert_true(nb_size_mul(0, SIZE_MAX, &r));
    assert_int_equal(r, 0);
    assert_true(nb_size_mul(SIZE_MAX, 1, &r));
    assert_true(r == SIZE_MAX);
    assert_true(nb_size_mul(SIZE_MAX / 2, 2, &r));
    assert_true(r == SIZE_MAX - 1);
    r = 7;
    assert_false(nb_size_mul(SIZE_MAX / 2 + 1, 2, &r));
    assert_int_equal(r, 7); /* untouched on overflow */
    assert_false(nb_size_mul((size_t)1 << (sizeof(size_t) * 4), (size_t)1 << (sizeof(size_t) * 4), &r));
    assert_true(nb_size_mul(65536, 65535, &r));
    assert_true(r == (size_t)65536 * 65535);
    assert_true(nb_size_add(SIZE_MAX - 1, 1, &r));
    assert_false(nb_size_add(SIZE_MAX, 1, &r));
}

static int hook_fd = -1;
static void hook(void)
{
    ssize_t w = write(hook_fd, "hook|", 5);
    (void)w;
}

/* Run fn in a child with stderr on a pipe; return its exit status and
 * what it wrote (at most cap - 1 bytes). */
static int in_child(void (*fn)(void), char *out, size_t cap)
{
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        dup2(fds[1], STDERR_FILENO);
        hook_fd = fds[1];
        fn();
        _exit(0); /* fn returned: the test fails on status 0 */
    }
    close(fds[1]);
    size_t n = 0;
    ssize_t r;
    while (n + 1 < cap && (r = read(fds[0], out + n, cap - 1 - n)) > 0)
        n += (size_t)r;
    out[n] = '\0';
    close(fds[0]);
    int st = 0;
    assert_int_equal(waitpid(pid, &st, 0), pid);
    assert_true(WIFEXITED(st));
    return WEXITSTATUS(st);
}

static void die_reallocarray(void)
{
    void *p = xreallocarray(NULL, SIZE_MAX / 2 + 1, 2); /* 2^64: wraps to 0 unchecked */
    free(p);
}
static void die_calloc(void)
{
    free(xcalloc(SIZE_MAX / 16, 32));
}
static void die_grow(void)
{
    size_t cap = SIZE_MAX / 2 + 1; /* doubling it does not fit */
    free(xgrowarray(NULL, &cap, SIZE_MAX, 1, 8));
}
static void die_with_hook(void)
{
    nb_xalloc_on_die(hook);
    free(xreallocarray(NULL, SIZE_MAX, SIZE_MAX));
}

static void test_overflow_dies(void **state)
{
    (void)state;
    char out[1024];
    assert_int_equal(in_child(die_reallocarray, out, sizeof out), NB_EXIT_NOMEM);
    assert_string_equal(out, sentence); /* one sentence, nothing else */
    assert_int_equal(in_child(die_calloc, out, sizeof out), NB_EXIT_NOMEM);
    assert_string_equal(out, sentence);
    assert_int_equal(in_child(die_grow, out, sizeof out), NB_EXIT_NOMEM);
    assert_string_equal(out, sentence);
}

static void test_hook_runs_first(void **state)
{
    (void)state;
    char out[1024];
    assert_int_equal(in_child(die_with_hook, out, sizeof out), NB_EXIT_NOMEM);
    assert_true(strncmp(out, "hook|", 5) == 0);
    assert_string_equal(out + 5, sentence);
}

static void test_small_requests(void **state)
{
    (void)state;
    void *z = xmalloc(0); /* never NULL, freeable */
    assert_non_null(z);
    free(z);
    unsigned char *c = xcalloc(0, 8);
    assert_non_null(c);
    free(c);
    c = xcalloc(16, 4);
    for (size_t i = 0; i < 64; i++)
        assert_int_equal(c[i], 0);
    free(c);
    int *a = xreallocarray(NULL, 1000, sizeof *a);
    a[999] = 5;
    a = xreallocarray(a, 2000, sizeof *a);
    assert_int_equal(a[999], 5);
    free(a);

    char *s = xstrdup("読み取り");
    assert_string_equal(s, "読み取り");
    free(s);
    s = xstrndup("abcdef", 3);
    assert_string_equal(s, "abc");
    free(s);
    s = xstrndup("ab", 10); /* n beyond the string: stops at its NUL */
    assert_string_equal(s, "ab");
    free(s);
    s = xasprintf("%s-%03d", "項目", 7);
    assert_string_equal(s, "項目-007");
    free(s);
    char big[3000];
    memset(big, 'y', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    s = xasprintf("<%s>", big);
    assert_int_equal(strlen(s), sizeof big + 1);
    assert_int_equal(s[0], '<');
    assert_int_equal(s[sizeof big], '>');
    free(s);
}

static void test_growarray_doubles(void **state)
{
    (void)state;
    long *v = NULL;
    size_t cap = 0, grows = 0;
    for (size_t n = 0; n < 10000; n++) {
        size_t before = cap;
        v = xgrowarray(v, &cap, n + 1, sizeof *v, 8);
        if (cap != before) {
            grows++;
            assert_true(before == 0 ? cap == 8 : cap == before * 2);
        }
        assert_true(cap >= n + 1);
        v[n] = (long)n;
    }
    /* 8, 16, ..., 16384: twelve blocks for 10,000 elements */
    assert_int_equal(grows, 12);
    assert_int_equal(cap, 16384);
    for (size_t n = 0; n < 10000; n++)
        assert_int_equal(v[n], (long)n);
    free(v);
    /* a need already met leaves array and cap alone */
    cap = 4;
    char *p = xmalloc(4);
    assert_ptr_equal(xgrowarray(p, &cap, 4, 1, 8), p);
    assert_int_equal(cap, 4);
    free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_size_mul),
        cmocka_unit_test(test_overflow_dies),
        cmocka_unit_test(test_hook_runs_first),
        cmocka_unit_test(test_small_requests),
        cmocka_unit_test(test_growarray_doubles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
