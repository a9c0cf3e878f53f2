/* The human-readable calculation shared by calc and summary: each amount
 * on its own line with its name, and which limit decided the result. */
#include <stdbool.h>
#include <stdio.h>
#include "cli_util.h"
#include "nanbyo/subsidy.h"
#include "nanbyo/text.h"
#include "nanbyo/yen.h"

static void row(const char *label, int64_t v, const char *note)
{
    char amount[40];
    nb_yen_format(v, amount, sizeof amount);
    int pad = 26 - nb_str_width(label);
    printf("%s%*s%14s%s%s\n", label, pad > 0 ? pad : 1, "", amount, note ? "  " : "", note ? note : "");
}

void nb_cli_print_subsidy(const nb_definition *def, const nb_subsidy *s, bool with_totals)
{
    if (with_totals) {
        row("総事業費", s->total, NULL);
        row("寄付金その他の収入額", s->other_income, NULL);
        row("差引額", s->net, s->binding == NB_BIND_NET ? "<- 選定額に適用" : NULL);
    }
    row("対象経費の実支出予定額", s->eligible, s->binding == NB_BIND_ELIGIBLE ? "<- 選定額に適用" : NULL);
    row("基準額", def->money.base, s->binding == NB_BIND_BASE ? "<- 選定額に適用" : NULL);
    row("選定額", s->selected, NULL);
    char rate[80];
    char unit[40], cap[40];
    nb_yen_format(def->money.unit, unit, sizeof unit);
    nb_yen_format(def->money.cap, cap, sizeof cap);
    snprintf(rate, sizeof rate, "(%lld/%lld、%s未満切り捨て)", (long long)def->money.rate_num,
             (long long)def->money.rate_den, unit);
    row("補助所要額", s->subsidy, s->binding == NB_BIND_CAP ? "<- 上限額を適用" : rate);
    if (s->binding != NB_BIND_NONE)
        printf("\n選定額を決めたもの: %s", nb_binding_label(s->binding));
    /* On its own line: beside the binding it read as that amount's cap. */
    if (def->money.cap > 0)
        printf("\n補助所要額の上限: %s (1医療機関あたり)", cap);
    printf("\n");
}
