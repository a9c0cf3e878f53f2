/* validate ANSWERS: every problem as "field_id: message" (exit 1), or
 * nothing wrong (exit 0). Warnings never change the exit status and go to
 * stderr so that stdout stays the problem list. */
#include <stdio.h>
#include "cli_util.h"
#include "commands.h"
#include "nanbyo/survey.h"

static const char help[] =
    "使い方: nanbyo-survey validate [--form ID] [--json] 回答ファイル\n"
    "回答ファイルの問題 (未入力・形式の誤り・対象外など) を「項目ID: 説明」の形で一覧にします。\n"
    "終了コード: 0 問題なし、1 問題あり、2 ファイルを読めない\n"
    "例: nanbyo-survey validate ~/.local/share/nanbyo-survey/yamaguchi-r8.json\n";

int cmd_validate(int argc, char **argv)
{
    nb_cli_answers_cmd c;
    int rc = nb_cli_answers_cmd_open(argc, argv, help, &c);
    if (rc >= 0)
        return rc;
    nb_report r;
    nb_validate(c.def, c.a, &r);
    if (c.json) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddBoolToObject(o, "valid", r.n_problems == 0);
        cJSON_AddItemToObject(o, "problems", nb_cli_problems_json(r.problems, r.n_problems));
        cJSON_AddItemToObject(o, "warnings", nb_cli_problems_json(r.warnings, r.n_warnings));
        nb_cli_print_json(o);
    } else {
        nb_cli_print_problems(stdout, &r);
        for (size_t i = 0; i < r.n_warnings; i++)
            fprintf(stderr, "注意 %s: %s\n", r.warnings[i].field, r.warnings[i].message);
        if (r.n_problems == 0)
            printf("%s に問題はありません。\n", c.path);
        else
            fprintf(stderr, "%zu件の問題があります。直してからもう一度確認してください。\n", r.n_problems);
    }
    rc = r.n_problems ? 1 : 0;
    nb_report_free(&r);
    nb_cli_answers_cmd_close(&c);
    return rc;
}
