/* Unit tests for src/core/subsidy.c: the notice's examples, every
 * boundary of the rule, the binding reported, and malformed input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "nanbyo/subsidy.h"
#include "nanbyo/yen.h"

/* Yamaguchi R8: base 100,000, rate 1/2, truncated to 1,000, cap 50,000. */
static const nb_money_rule yamaguchi = { 100000, 1, 2, 1000, 50000 };
static const nb_money_rule wide_base = { 200000, 1, 2, 1000, 50000 };
static const nb_money_rule no_cap = { 100000, 1, 2, 1000, 0 };
static const nb_money_rule two_thirds = { 300000, 2, 3, 100, 0 };

static const struct {
    const nb_money_rule *rule;
    int64_t eligible, net;
    int64_t selected, subsidy;
    nb_binding binding;
} cases[] = {
    /* the examples of the notice (net = eligible: no other income) */
    { &yamaguchi, 0, 0, 0, 0, NB_BIND_NONE },
    { &yamaguchi, 1999, 1999, 1999, 0, NB_BIND_ELIGIBLE },
    { &yamaguchi, 2000, 2000, 2000, 1000, NB_BIND_ELIGIBLE },
    { &yamaguchi, 2001, 2001, 2001, 1000, NB_BIND_ELIGIBLE },
    { &yamaguchi, 3999, 3999, 3999, 1000, NB_BIND_ELIGIBLE },
    { &yamaguchi, 70000, 70000, 70000, 35000, NB_BIND_ELIGIBLE },
    { &yamaguchi, 99999, 99999, 99999, 49000, NB_BIND_ELIGIBLE },
    { &yamaguchi, 100000, 100000, 100000, 50000, NB_BIND_ELIGIBLE },
    { &yamaguchi, 100001, 100001, 100000, 50000, NB_BIND_BASE },
    { &yamaguchi, 120000, 120000, 100000, 50000, NB_BIND_BASE },
    { &yamaguchi, 150000, 150000, 100000, 50000, NB_BIND_BASE },
    { &yamaguchi, 999999999999LL, 999999999999LL, 100000, 50000, NB_BIND_BASE },
    { &yamaguchi, 1, 1, 1, 0, NB_BIND_ELIGIBLE },
    /* other income makes net smaller than eligible */
    { &yamaguchi, 150000, 80000, 80000, 40000, NB_BIND_NET },
    { &yamaguchi, 90000, 60000, 60000, 30000, NB_BIND_NET },
    { &yamaguchi, 90000, 0, 0, 0, NB_BIND_NET },
    { &yamaguchi, 90000, 89999, 89999, 44000, NB_BIND_NET },
    { &yamaguchi, 90000, 90000, 90000, 45000, NB_BIND_ELIGIBLE },
    { &yamaguchi, 150000, 100000, 100000, 50000, NB_BIND_BASE },  /* tie base=net */
    { &yamaguchi, 150000, 99999, 99999, 49000, NB_BIND_NET },
    /* net larger than eligible (ineligible items in the total) */
    { &yamaguchi, 60000, 200000, 60000, 30000, NB_BIND_ELIGIBLE },
    { &yamaguchi, 0, 200000, 0, 0, NB_BIND_NONE },
    /* cap cuts */
    { &wide_base, 150000, 150000, 150000, 50000, NB_BIND_CAP },
    { &wide_base, 100000, 100000, 100000, 50000, NB_BIND_ELIGIBLE },
    { &wide_base, 101999, 101999, 101999, 50000, NB_BIND_ELIGIBLE },
    { &wide_base, 102000, 102000, 102000, 50000, NB_BIND_CAP },
    { &wide_base, 250000, 250000, 200000, 50000, NB_BIND_CAP },
    /* no cap */
    { &no_cap, 150000, 150000, 100000, 50000, NB_BIND_BASE },
    { &no_cap, 99999, 99999, 99999, 49000, NB_BIND_ELIGIBLE },
    /* other rates and units: the rule follows the definition */
    { &two_thirds, 150000, 150000, 150000, 100000, NB_BIND_ELIGIBLE },
    { &two_thirds, 100050, 100050, 100050, 66700, NB_BIND_ELIGIBLE },
    { &two_thirds, 500000, 400000, 300000, 200000, NB_BIND_BASE },
};

static void test_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        nb_subsidy s;
        memset(&s, 0x5A, sizeof s);
        s.total = 777;
        s.other_income = 888;
        int rc = nb_subsidy_compute(cases[i].rule, cases[i].eligible, cases[i].net, &s);
        if (rc != 0)
            fail_msg("case %zu rejected", i);
        if (s.selected != cases[i].selected || s.subsidy != cases[i].subsidy ||
            s.binding != cases[i].binding)
            fail_msg("case %zu (eligible %lld, net %lld): selected %lld subsidy %lld binding %s;"
                     " expected %lld %lld %s",
                     i, (long long)cases[i].eligible, (long long)cases[i].net,
                     (long long)s.selected, (long long)s.subsidy, nb_binding_id(s.binding),
                     (long long)cases[i].selected, (long long)cases[i].subsidy,
                     nb_binding_id(cases[i].binding));
        assert_int_equal(s.eligible, cases[i].eligible);
        assert_int_equal(s.net, cases[i].net);
        assert_int_equal(s.base, cases[i].rule->base);
        /* total and other_income belong to the caller */
        assert_int_equal(s.total, 777);
        assert_int_equal(s.other_income, 888);
    }
}

static void test_invariants(void **state)
{
    (void)state;
    /* For every amount up to 300,000: a multiple of the unit, never above
     * half the selected amount or the cap, and monotonic. */
    int64_t prev = 0;
    for (int64_t e = 0; e <= 300000; e++) {
        nb_subsidy s;
        assert_int_equal(nb_subsidy_compute(&yamaguchi, e, e, &s), 0);
        assert_int_equal(s.subsidy % 1000, 0);
        assert_true(s.subsidy * 2 <= s.selected);
        assert_true(s.subsidy <= 50000);
        assert_true(s.subsidy >= prev);
        assert_true(s.selected - s.subsidy * 2 < 2000);
        prev = s.subsidy;
    }
}

static void test_rejects(void **state)
{
    nb_subsidy s;
    nb_money_rule r;
    (void)state;
    assert_int_equal(nb_subsidy_compute(&yamaguchi, -1, 0, &s), -1);
    assert_int_equal(nb_subsidy_compute(&yamaguchi, 0, -1, &s), -1);
    assert_int_equal(nb_subsidy_compute(&yamaguchi, INT64_MIN, 0, &s), -1);
    assert_int_equal(nb_subsidy_compute(&yamaguchi, NB_YEN_LIMIT, 0, &s), -1);
    assert_int_equal(nb_subsidy_compute(&yamaguchi, 0, NB_YEN_LIMIT, &s), -1);
    assert_int_equal(nb_subsidy_compute(&yamaguchi, INT64_MAX, INT64_MAX, &s), -1);
    assert_int_equal(nb_subsidy_compute(NULL, 0, 0, &s), -1);
    assert_int_equal(nb_subsidy_compute(&yamaguchi, 0, 0, NULL), -1);

    const nb_money_rule bad[] = {
        { 100000, 1, 0, 1000, 50000 },      /* den 0 */
        { 100000, 1, -2, 1000, 50000 },     /* den < 0 */
        { 100000, -1, 2, 1000, 50000 },     /* negative rate */
        { 100000, 3, 2, 1000, 50000 },      /* rate above 1 */
        { 100000, 1, 2, 0, 50000 },         /* unit 0 */
        { 100000, 1, 2, -1000, 50000 },     /* unit < 0 */
        { 100000, 1, 2, 1000, -1 },         /* cap < 0 */
        { -1, 1, 2, 1000, 50000 },          /* base < 0 */
        { NB_YEN_LIMIT, 1, 2, 1000, 50000 },
        { 100000, INT64_MAX, INT64_MAX, 1000, 0 }, /* product would overflow */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        r = bad[i];
        if (nb_subsidy_compute(&r, 100000, 100000, &s) != -1)
            fail_msg("bad rule %zu accepted", i);
    }
    /* Largest inputs stay exact. */
    r = (nb_money_rule){ 999999999999LL, 1000000, 1000000, 1, 0 };
    assert_int_equal(nb_subsidy_compute(&r, 999999999999LL, 999999999999LL, &s), 0);
    assert_int_equal(s.subsidy, 999999999999LL);
}

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(nb_binding_id(NB_BIND_NONE), "none");
    assert_string_equal(nb_binding_id(NB_BIND_BASE), "base");
    assert_string_equal(nb_binding_id(NB_BIND_ELIGIBLE), "eligible");
    assert_string_equal(nb_binding_id(NB_BIND_NET), "net");
    assert_string_equal(nb_binding_id(NB_BIND_CAP), "cap");
    assert_string_equal(nb_binding_label(NB_BIND_NONE), "なし");
    assert_string_equal(nb_binding_label(NB_BIND_BASE), "基準額");
    assert_string_equal(nb_binding_label(NB_BIND_ELIGIBLE), "対象経費の実支出予定額");
    assert_string_equal(nb_binding_label(NB_BIND_NET), "差引額");
    assert_string_equal(nb_binding_label(NB_BIND_CAP), "上限額");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_invariants),
        cmocka_unit_test(test_rejects),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests_name("core_subsidy", tests, NULL, NULL);
}
