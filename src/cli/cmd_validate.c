/* validate ANSWERS: every problem as "field_id: message" (exit 1), or
 * nothing wrong (exit 0). Warnings never change the exit status and go to
 * stderr so that stdout stays the problem list. */
#include <getopt.h>
#include <stdio.h>
#include "cli_util.h"
#include "commands.h"
#include "nanbyo/survey.h"

static const char help[] =
    "使い方: nanbyo-survey validate [--form ID] [--json] 回答ファイル\n"
    "回答ファイルの問題 (未入力・形式の誤り・対象外など) を「項目ID: 説明」の形で一覧にします。\n"
    "終了コード: 0 問題なし、1 問題あり、2 ファイルを読めない\n"
    "例: nanbyo-survey validate ~/.local/share/nanbyo-survey/yamaguchi-r8.json\n";

static cJSON *problem_array(const nb_problem *v, size_t n)
{
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; i < n; i++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "field", v[i].field);
        cJSON_AddStringToObject(o, "message", v[i].message);
        cJSON_AddItemToArray(arr, o);
    }
    return arr;
}

int cmd_validate(int argc, char **argv)
{
    if (nb_cli_wants_help(argc, argv, help))
        return 0;
    static const struct option opts[] = {
        {"form", required_argument, NULL, 'f'}, {"json", no_argument, NULL, 'j'}, {NULL, 0, NULL, 0}};
    const char *form = NULL;
    bool json = false;
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'f')
            form = optarg;
        else if (c == 'j')
            json = true;
        else {
            nb_cli_fail("validate のオプション「%s」は使えません。nanbyo-survey validate --help を見てください。", argv[optind - 1]);
            return 2;
        }
    }
    if (optind != argc - 1) {
        nb_cli_fail("validate には回答ファイルを1つ指定してください。");
        return 2;
    }
    nb_definition *def;
    nb_answers *a;
    if (nb_cli_answers(argv[optind], form, &def, &a) != 0)
        return 2;
    nb_report r;
    nb_validate(def, a, &r);
    if (json) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddBoolToObject(o, "valid", r.n_problems == 0);
        cJSON_AddItemToObject(o, "problems", problem_array(r.problems, r.n_problems));
        cJSON_AddItemToObject(o, "warnings", problem_array(r.warnings, r.n_warnings));
        nb_cli_print_json(o);
    } else {
        for (size_t i = 0; i < r.n_problems; i++)
            printf("%s: %s\n", r.problems[i].field, r.problems[i].message);
        for (size_t i = 0; i < r.n_warnings; i++)
            fprintf(stderr, "注意 %s: %s\n", r.warnings[i].field, r.warnings[i].message);
        if (r.n_problems == 0)
            printf("%s に問題はありません。\n", argv[optind]);
        else
            fprintf(stderr, "%zu件の問題があります。直してからもう一度確認してください。\n", r.n_problems);
    }
    int rc = r.n_problems ? 1 : 0;
    nb_report_free(&r);
    nb_answers_free(a);
    nb_def_free(def);
    return rc;
}
