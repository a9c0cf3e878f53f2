/* print ANSWERS: the survey as the A4 PDF (the one `export --pdf` writes)
 * on a CUPS printer. The PDF is rendered to a private temporary folder,
 * submitted, and removed; the job id is reported. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli_util.h"
#include "commands.h"
#include "nanbyo/deliver.h"
#include "nanbyo/export.h"
#include "nanbyo/text.h"
#include "nanbyo/survey.h"
#include "nanbyo/atomic_file.h"

static const char help[] =
    "使い方: nanbyo-survey print 回答ファイル [--printer 名前] [--fax-cover] [--no-qr] [--force] [--form ID]\n"
    "調査票を A4 の PDF にして、プリンター (CUPS) で印刷します。\n"
    "  --printer 名前   使うプリンター (既定: 既定のプリンター。一覧は lpstat -p)\n"
    "  --fax-cover      FAX 送付状を 1 枚目に付ける\n"
    "  --no-qr          回答の QR コード (県の集計用) を付けない\n"
    "  --force          回答に問題があっても「下書き」として印刷する\n"
    "  --wait           印刷が終わるまで (最長 60 秒) 待って結果を表示する\n"
    "A4 に対応していないプリンターには送りません。環境変数 CUPS_SERVER で印刷サーバーを選べます。\n"
    "終了コード: 0 印刷ジョブを送った、1 回答に問題がある・印刷できなかった、2 使い方の誤り・ファイルを読めない\n"
    "例: nanbyo-survey print 回答.json --printer office-a4 --fax-cover\n";

int cmd_print(int argc, char **argv)
{
    if (nb_cli_wants_help(argc, argv, help))
        return 0;
    enum { O_FORM = 1, O_PRINTER, O_FAX, O_FORCE, O_WAIT, O_NOQR };
    static const struct option opts[] = {
        {"form", required_argument, NULL, O_FORM}, {"printer", required_argument, NULL, O_PRINTER},
        {"fax-cover", no_argument, NULL, O_FAX},   {"force", no_argument, NULL, O_FORCE},
        {"wait", no_argument, NULL, O_WAIT},       {"no-qr", no_argument, NULL, O_NOQR},
        {NULL, 0, NULL, 0}};
    const char *form = NULL, *printer = NULL;
    bool fax = false, force = false, wait = false, no_qr = false;
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case O_FORM: form = optarg; break;
        case O_PRINTER: printer = optarg; break;
        case O_FAX: fax = true; break;
        case O_FORCE: force = true; break;
        case O_WAIT: wait = true; break;
        case O_NOQR: no_qr = true; break;
        default:
            if (optopt)
                nb_cli_fail("print のオプション「%s」には値が必要です。nanbyo-survey print --help を見てください。", argv[optind - 1]);
            else
                nb_cli_fail("print のオプション「%s」は使えません。nanbyo-survey print --help を見てください。", argv[optind - 1]);
            return 2;
        }
    }
    if (optind != argc - 1) {
        nb_cli_fail("print には回答ファイルを1つ指定してください。");
        return 2;
    }
    if (printer && (!*printer || nb_has_control(printer))) {
        nb_cli_fail("--printer のプリンター名が空か、制御文字を含んでいます。lpstat -p で表示される名前を指定してください。");
        return 2;
    }
    nb_definition *def;
    nb_answers *a;
    if (nb_cli_answers(argv[optind], form, &def, &a) != 0)
        return 2;
    int rc = 1;
    nb_report r;
    nb_validate(def, a, &r);
    if (r.n_problems && !force) {
        nb_cli_print_problems(stderr, &r);
        nb_cli_fail("回答に問題が %zu 件あるため、印刷しませんでした。直してから印刷するか、下書きとして印刷するときは --force を付けてください。",
                    r.n_problems);
        goto out;
    }
    const char *tmp = getenv("TMPDIR");
    char dir[4096], pdf[4200];
    snprintf(dir, sizeof dir, "%s/nanbyo-print-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        nb_cli_fail("印刷用の一時フォルダーを作れませんでした。%s TMPDIR の設定も確認してください。", nb_errno_text(errno));
        goto out;
    }
    snprintf(pdf, sizeof pdf, "%s/survey.pdf", dir);
    nb_export_opts eo = {.draft = r.n_problems > 0, .today = nb_today(), .fax_cover = fax, .no_qr = no_qr};
    nb_error err = {{0}};
    if (nb_export_pdf(def, a, &eo, pdf, &err) != 0) {
        nb_cli_fail("%s", err.msg);
    } else {
        char *subject = nb_survey_subject(def, a);
        int job = 0;
        if (nb_print_pdf(pdf, printer, subject, &job, &err) != 0) {
            nb_cli_fail("%s", err.msg);
        } else {
            if (printer)
                printf("印刷ジョブ %d をプリンター「%s」に送りました (A4%s)。\n", job, printer, fax ? "、FAX 送付状付き" : "");
            else
                printf("印刷ジョブ %d を既定のプリンターに送りました (A4%s)。\n", job, fax ? "、FAX 送付状付き" : "");
            rc = 0;
            if (wait) {
                int w = nb_print_wait(printer, job, 60, &err);
                if (w > 0)
                    printf("印刷ジョブ %d の印刷が終わりました。\n", job);
                else if (w == 0)
                    printf("印刷ジョブ %d はまだ終わっていません (順番待ちか、プリンターが止まっています)。lpstat -o と lpstat -p で状況を確かめてください。\n", job);
                else {
                    nb_cli_fail("%s", err.msg);
                    rc = 1;
                }
            }
        }
        free(subject);
    }
    unlink(pdf);
    rmdir(dir);
out:
    nb_report_free(&r);
    nb_answers_free(a);
    nb_def_free(def);
    return rc;
}
