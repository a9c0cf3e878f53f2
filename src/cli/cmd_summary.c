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
    const char *form = NULL;
    bool json = false;
    int rc;
    const char *path = nb_cli_single_operand(argc, argv, help, "回答ファイル", &form, &json, &rc);
    if (!path)
        return rc;
    nb_definition *def;
    nb_answers *a;
    if (nb_cli_answers(path, form, &def, &a) != 0)
        return 2;
    nb_subsidy s;
    nb_survey_derive(def, a, &s);
    if (json) {
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
    nb_answers_free(a);
    nb_def_free(def);
    return 0;
}
