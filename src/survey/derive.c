/* Derived amounts: totals over the purchase items, other income, and the
 * subsidy rule applied with the definition's numbers. Integer yen only;
 * sums saturate at the implausibility limit instead of overflowing. */
#include <stdlib.h>
#include <string.h>
#include "nanbyo/survey.h"
#include "nanbyo/yen.h"

static int64_t sat_add(int64_t a, int64_t b)
{
    return a > NB_YEN_LIMIT - b ? NB_YEN_LIMIT : a + b;
}

int64_t nb_item_amount(const nb_item *it)
{
    if (it->quantity <= 0 || it->unit_price <= 0)
        return 0;
    if (it->unit_price > NB_YEN_LIMIT / it->quantity)
        return NB_YEN_LIMIT;
    return it->quantity * it->unit_price;
}

bool nb_item_eligible(const nb_definition *def, const nb_item *it)
{
    const nb_category *c = nb_def_category(def, it->category);
    return c && c->eligible;
}

void nb_survey_derive(const nb_definition *def, const nb_answers *a, nb_subsidy *out)
{
    int64_t total = 0, eligible = 0, income = 0;
    size_t n = nb_answers_item_count(a);
    for (size_t i = 0; i < n; i++) {
        nb_item it;
        nb_answers_item_get(a, i, &it);
        int64_t amount = nb_item_amount(&it);
        total = sat_add(total, amount);
        if (nb_item_eligible(def, &it))
            eligible = sat_add(eligible, amount);
        nb_item_clear(&it);
    }
    char *raw = nb_answers_get(a, "other_income");
    if (raw && nb_yen_parse(raw, &income) != NB_NUM_OK)
        income = 0;
    free(raw);
    int64_t net = total - income;
    if (net < 0)
        net = 0;
    memset(out, 0, sizeof *out);
    if (total >= NB_YEN_LIMIT || eligible >= NB_YEN_LIMIT) {
        /* Implausible sums are a validation problem; show nothing computed. */
        out->total = total;
        out->eligible = eligible;
        out->base = def->money.base;
        return;
    }
    nb_subsidy_compute(&def->money, eligible, net, out);
    out->total = total;
    out->other_income = income;
}
