/* calc AMOUNT: the subsidy for one eligible-expense amount, by the rule of
 * the chosen definition. The amount may be written as the clerk would
 * ("１２３，４５６円", "¥64,980"). */
#include <stdio.h>
#include <string.h>
#include "cli_util.h"
#include "commands.h"
#include "nanbyo/subsidy.h"
#include "nanbyo/yen.h"
#include "nanbyo/quote.h"

static const char help[] =
    "使い方: nanbyo-survey calc [--form ID] [--json] 金額\n"
    "対象経費の実支出予定額から補助所要額を計算します。\n"
    "例: nanbyo-survey calc 150000 / nanbyo-survey calc '１２３，４５６円' / nanbyo-survey calc --json 99999\n";

int cmd_calc(int argc, char **argv)
{
    const char *form = NULL;
    bool json = false;
    int rc;
    const char *arg = nb_cli_single_operand(argc, argv, help, "金額", &form, &json, &rc);
    if (!arg)
        return rc;
    int64_t amount;
    nb_num_error e = nb_yen_parse(arg, &amount);
    if (e != NB_NUM_OK) {
        nb_cli_fail("金額「%s」を読めません: %s。", NB_QUOTED(arg, 80), nb_num_error_text(e));
        return 2;
    }
    nb_definition *def = nb_cli_definition(form);
    if (!def)
        return 2;
    nb_subsidy s;
    if (nb_subsidy_compute(&def->money, amount, amount, &s) != 0) {
        nb_cli_fail("金額「%s」では計算できません。金額を確かめてください。", NB_QUOTED(arg, 80));
        nb_def_free(def);
        return 2;
    }
    if (json) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "eligible", (double)s.eligible);
        cJSON_AddNumberToObject(o, "selected", (double)s.selected);
        cJSON_AddNumberToObject(o, "subsidy", (double)s.subsidy);
        cJSON_AddStringToObject(o, "binding", nb_binding_id(s.binding));
        nb_cli_print_json(o);
    } else {
        nb_cli_print_subsidy(def, &s, false);
    }
    nb_def_free(def);
    return 0;
}
