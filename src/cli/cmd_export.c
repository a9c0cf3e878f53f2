/* export ANSWERS: write what the prefecture receives (xlsx, PDF, CSV and
 * the e-mail message as .eml). Invalid answers are refused with every
 * problem listed, unless --force, which writes them marked 下書き. Every
 * output is attempted even when another fails, and each failure is named,
 * so the clerk learns everything that is wrong in one run. The outputs,
 * their options and their order come from the formats table (export.h). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli_util.h"
#include "commands.h"
#include "nanbyo/export.h"
#include "nanbyo/plugins.h"
#include "nanbyo/survey.h"

static const char help[] =
    "使い方: nanbyo-survey export 回答ファイル [--xlsx F] [--pdf F] [--fax-cover] [--csv F] [--items-csv F]\n"
    "                              [--csv-encoding cp932|utf-8] [--eml F] [--from ADDR]\n"
    "                              [--no-qr] [--form ID] [--force] [--json]\n"
    "県に提出する調査票を書き出します。出力先を1つ以上指定してください。\n"
    "  --xlsx F        調査票の Excel ファイル (A4 縦 1ページ幅)\n"
    "  --pdf F         印刷・FAX 用の A4 PDF\n"
    "  --fax-cover     PDF の先頭に FAX 送付状を付ける\n"
    "  --no-qr         PDF に回答の QR コード (県の集計用) を付けない\n"
    "  --csv F         1行の CSV (既定は Shift_JIS (CP932))\n"
    "  --items-csv F   物品・経費の CSV (1件1行、先頭は保険医療機関コード)\n"
    "  --csv-encoding  cp932 または utf-8 (BOM 付き、両方の CSV)\n"
    "  --eml F         県あてのメール (.eml、調査票を添付)\n"
    "  --from ADDR     メールの差出人 (既定は回答のメールアドレス)\n"
    "  --force         回答に問題があっても「下書き」として書き出す\n"
    "  --json          結果を JSON で出力する\n"
    "提出期限を過ぎていると、すべての出力に「期限後」と書かれます。\n"
    "終了コード: 0 書き出した、1 回答に問題がある・書き出せなかった、2 使い方の誤り・回答ファイルを読めない\n"
    "例: nanbyo-survey export 回答.json --xlsx 調査票.xlsx --pdf 調査票.pdf --fax-cover\n";

typedef struct {
    const nb_export_format *fmt;
    const char *path;
    bool ok;
    char error[1024];
} output;

enum { MAX_FORMATS = 16 };

/* "--xlsx, --pdf, ..." in the table's order, for the message that asks
 * for at least one. */
static void option_list(char *buf, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < nb_export_formats_len && used < n; i++)
        used += (size_t)snprintf(buf + used, n - used, "%s--%s", i ? ", " : "", nb_export_formats[i].option);
}

int cmd_export(int argc, char **argv)
{
    if (nb_cli_wants_help(argc, argv, help))
        return 0;
    /* Each format's option returns O_FORMAT + its row in the table. */
    enum { O_FORM = 1, O_FAX, O_ENC, O_FROM, O_FORCE, O_JSON, O_NOQR, O_FORMAT = 0x100 };
    static const struct option fixed[] = {
        {"form", required_argument, NULL, O_FORM},      {"fax-cover", no_argument, NULL, O_FAX},
        {"csv-encoding", required_argument, NULL, O_ENC}, {"from", required_argument, NULL, O_FROM},
        {"force", no_argument, NULL, O_FORCE},          {"json", no_argument, NULL, O_JSON},
        {"no-qr", no_argument, NULL, O_NOQR}};
    enum { N_FIXED = sizeof fixed / sizeof fixed[0] };
    _Static_assert(N_FIXED + MAX_FORMATS < 32, "room for the options");
    struct option opts[32];
    const char *paths[MAX_FORMATS] = {0};
    size_t n_formats = nb_export_formats_len < MAX_FORMATS ? nb_export_formats_len : MAX_FORMATS;
    size_t n_opts = 0;
    for (size_t i = 0; i < n_formats; i++)
        opts[n_opts++] = (struct option){nb_export_formats[i].option, required_argument, NULL, O_FORMAT + (int)i};
    for (size_t i = 0; i < N_FIXED; i++)
        opts[n_opts++] = fixed[i];
    opts[n_opts] = (struct option){NULL, 0, NULL, 0};
    const char *form = NULL, *from = NULL;
    bool fax = false, force = false, json = false, utf8 = false, no_qr = false;
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c >= O_FORMAT && c < O_FORMAT + (int)n_formats) {
            paths[c - O_FORMAT] = optarg;
            continue;
        }
        switch (c) {
        case O_FORM: form = optarg; break;
        case O_FAX: fax = true; break;
        case O_ENC:
            if (strcmp(optarg, "utf-8") == 0 || strcmp(optarg, "utf8") == 0 || strcmp(optarg, "UTF-8") == 0)
                utf8 = true;
            else if (strcmp(optarg, "cp932") == 0 || strcmp(optarg, "CP932") == 0 ||
                     strcmp(optarg, "sjis") == 0 || strcmp(optarg, "shift_jis") == 0)
                utf8 = false;
            else {
                nb_cli_fail("--csv-encoding には cp932 か utf-8 を指定してください (「%s」は使えません)。", optarg);
                return 2;
            }
            break;
        case O_FROM: from = optarg; break;
        case O_FORCE: force = true; break;
        case O_JSON: json = true; break;
        case O_NOQR: no_qr = true; break;
        default:
            if (optopt)
                nb_cli_fail("export のオプション「%s」には値が必要です。nanbyo-survey export --help を見てください。",
                            argv[optind - 1]);
            else
                nb_cli_fail("export のオプション「%s」は使えません。nanbyo-survey export --help を見てください。",
                            argv[optind - 1]);
            return 2;
        }
    }
    if (optind != argc - 1) {
        nb_cli_fail("export には回答ファイルを1つ指定してください。nanbyo-survey export --help を見てください。");
        return 2;
    }
    size_t wanted = 0;
    const char *pdf = NULL;
    for (size_t i = 0; i < n_formats; i++) {
        wanted += paths[i] != NULL;
        if (strcmp(nb_export_formats[i].name, "pdf") == 0)
            pdf = paths[i];
    }
    if (!wanted) {
        char list[300];
        option_list(list, sizeof list);
        nb_cli_fail("書き出す先を指定してください (%s のどれか1つ以上)。", list);
        return 2;
    }
    if (fax && !pdf) {
        nb_cli_fail("--fax-cover は --pdf と一緒に指定してください。");
        return 2;
    }
    nb_definition *def;
    nb_answers *a;
    if (nb_cli_answers(argv[optind], form, &def, &a) != 0)
        return 2;

    nb_report r;
    nb_validate(def, a, &r);
    if (r.n_problems > 0) {
        nb_cli_print_problems(stderr, &r);
        if (!force) {
            nb_cli_fail("回答に問題が%zu件あるため書き出しませんでした。直してからもう一度実行してください"
                        " (下書きとして書き出すには --force を付けます)。",
                        r.n_problems);
            if (json) {
                cJSON *o = cJSON_CreateObject();
                cJSON_AddBoolToObject(o, "written", false);
                cJSON_AddItemToObject(o, "problems", nb_cli_problems_json(r.problems, r.n_problems));
                nb_cli_print_json(o);
            }
            nb_report_free(&r);
            nb_answers_free(a);
            nb_def_free(def);
            return 1;
        }
    }

    nb_export_opts eo = {0};
    eo.draft = r.n_problems > 0;
    eo.today = nb_today();
    eo.fax_cover = fax;
    eo.csv_utf8 = utf8;
    eo.no_qr = no_qr;
    eo.mail_from = from;
    bool late = nb_deadline_passed(def, eo.today, NULL);

    output outs[MAX_FORMATS];
    size_t n = 0;
    for (size_t i = 0; i < n_formats; i++)
        if (paths[i])
            outs[n++] = (output){&nb_export_formats[i], paths[i], false, ""};
    /* Every part the outputs need loads before the first is written: a
     * missing or mismatched part stops the run with nothing half done. */
    for (size_t i = 0; i < n; i++)
        nb_plugin_need(outs[i].fmt->part);
    int failed = 0;
    for (size_t i = 0; i < n; i++) {
        nb_error err = {{0}};
        int rc = outs[i].fmt->write(def, a, &eo, outs[i].path, &err);
        outs[i].ok = rc == 0;
        if (rc != 0) {
            failed++;
            snprintf(outs[i].error, sizeof outs[i].error, "%s", err.msg[0] ? err.msg : "書き出せませんでした。");
            nb_cli_fail("%s", outs[i].error);
        }
    }

    nb_subsidy sub;
    nb_survey_derive(def, a, &sub);
    if (json) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddBoolToObject(o, "written", failed == 0);
        cJSON_AddBoolToObject(o, "draft", eo.draft);
        cJSON_AddBoolToObject(o, "late", late);
        cJSON_AddNumberToObject(o, "subsidy", (double)sub.subsidy);
        cJSON *arr = cJSON_AddArrayToObject(o, "outputs");
        for (size_t i = 0; i < n; i++) {
            cJSON *e = cJSON_CreateObject();
            cJSON_AddStringToObject(e, "kind", outs[i].fmt->name);
            cJSON_AddStringToObject(e, "path", outs[i].path);
            cJSON_AddBoolToObject(e, "ok", outs[i].ok);
            if (!outs[i].ok)
                cJSON_AddStringToObject(e, "error", outs[i].error);
            cJSON_AddItemToArray(arr, e);
        }
        cJSON_AddItemToObject(o, "problems", nb_cli_problems_json(r.problems, r.n_problems));
        nb_cli_print_json(o);
    } else {
        for (size_t i = 0; i < n; i++)
            if (outs[i].ok)
                printf("%s を書き出しました%s%s。\n", outs[i].path, eo.draft ? " (下書き)" : "",
                       late ? " (期限後)" : "");
        if (late)
            fprintf(stderr, "注意: 提出期限を過ぎています。出力には「期限後」と書かれています。提出前に県の担当者に連絡してください。\n");
        if (eo.draft)
            fprintf(stderr, "注意: 回答に問題が%zu件あるため、出力は「下書き」です。このままでは提出できません。\n",
                    r.n_problems);
    }
    nb_report_free(&r);
    nb_answers_free(a);
    nb_def_free(def);
    return failed ? 1 : 0;
}
