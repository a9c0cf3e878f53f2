/* The subsidy rule of the survey as one pure integer function, so that the
 * calculator, the summary, the exports and the status line can never
 * disagree. Every number comes from the survey definition. */
#include "nanbyo/subsidy.h"

#include <stddef.h>

#include "nanbyo/yen.h"

static int64_t min3(int64_t a, int64_t b, int64_t c)
{
    int64_t m = a < b ? a : b;
    return m < c ? m : c;
}

static int in_range(int64_t v)
{
    return v >= 0 && v < NB_YEN_LIMIT;
}

int nb_subsidy_compute(const nb_money_rule *rule, int64_t eligible, int64_t net, nb_subsidy *out)
{
    int64_t selected, raw, subsidy;
    nb_binding bind;

    if (rule == NULL || out == NULL)
        return -1;
    if (!in_range(eligible) || !in_range(net) || !in_range(rule->base))
        return -1;
    /* A rate above 1 or below 0 is not a subsidy rate; a huge denominator
     * would make the product overflow. */
    if (rule->rate_den <= 0 || rule->rate_num < 0 || rule->rate_num > rule->rate_den ||
        rule->rate_den > 1000000 || rule->unit <= 0 || rule->unit >= NB_YEN_LIMIT ||
        rule->cap < 0 || rule->cap >= NB_YEN_LIMIT)
        return -1;

    selected = min3(rule->base, eligible, net);

    /* Which bound chose selected. Ties go to the eligible amount, then to
     * the base, so the clerk is told the most natural reason. */
    if (rule->base < eligible && rule->base <= net)
        bind = NB_BIND_BASE;
    else if (net < eligible && net < rule->base)
        bind = NB_BIND_NET;
    else
        bind = NB_BIND_ELIGIBLE;
    if (eligible == 0)
        bind = NB_BIND_NONE;

    /* selected < 10^12 and rate_num <= 10^6: the product fits in int64. */
    raw = selected * rule->rate_num / rule->rate_den;
    subsidy = raw - raw % rule->unit;
    if (rule->cap > 0 && subsidy > rule->cap) {
        subsidy = rule->cap;
        bind = NB_BIND_CAP;
    }

    out->net = net;
    out->eligible = eligible;
    out->base = rule->base;
    out->selected = selected;
    out->subsidy = subsidy;
    out->binding = bind;
    return 0;
}

/* Each binding's id (JSON, `summary --json`) and its Japanese name. */
static const struct {
    const char *id, *label;
} bindings[] = {
    [NB_BIND_NONE] = {"none", "なし"},
    [NB_BIND_BASE] = {"base", "基準額"},
    [NB_BIND_ELIGIBLE] = {"eligible", "対象経費の実支出予定額"},
    [NB_BIND_NET] = {"net", "差引額"},
    [NB_BIND_CAP] = {"cap", "上限額"},
};

static nb_binding known(nb_binding b)
{
    return (unsigned)b < sizeof bindings / sizeof bindings[0] ? b : NB_BIND_NONE;
}

const char *nb_binding_id(nb_binding b)
{
    return bindings[known(b)].id;
}

const char *nb_binding_label(nb_binding b)
{
    return bindings[known(b)].label;
}
