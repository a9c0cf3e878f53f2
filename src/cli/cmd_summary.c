/* summary ANSWERS: the derived amounts of a set of answers. */
#include <stdio.h>
#include "cli_util.h"
#include "commands.h"
#include "nanbyo/survey.h"

static const char help[] =
    "使い方: nanbyo-survey summary [--form ID] [--json] 回答ファイル\n"
    "総事業費、対象経費、差引額、選定額、補助所要額と、どの額が適用されたかを表示します。\n"
    "例: nanbyo-survey summary --json answers.json\n";

int cmd_summary(int argc, char **argv)
{
    nb_cli_answers_cmd c;
    int rc = nb_cli_answers_cmd_open(argc, argv, help, &c);
    if (rc >= 0)
        return rc;
    const nb_definition *def = c.def;
    nb_subsidy s;
    nb_survey_derive(def, c.a, &s);
    if (c.json) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "total", (double)s.total);
        cJSON_AddNumberToObject(o, "other_income", (double)s.other_income);
        cJSON_AddNumberToObject(o, "net", (double)s.net);
        cJSON_AddNumberToObject(o, "eligible", (double)s.eligible);
        cJSON_AddNumberToObject(o, "base", (double)def->money.base);
        cJSON_AddNumberToObject(o, "selected", (double)s.selected);
        cJSON_AddNumberToObject(o, "subsidy", (double)s.subsidy);
        cJSON_AddStringToObject(o, "binding", nb_binding_id(s.binding));
        nb_cli_print_json(o);
    } else {
        nb_cli_print_subsidy(def, &s, true);
    }
    nb_cli_answers_cmd_close(&c);
    return 0;
}
