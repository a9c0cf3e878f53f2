/* `check`: the PC self-check from the command line. Starts the checks,
 * waits (bounded by --timeout), then prints either JSON or a Japanese
 * table where every result that is not a pass is explained: what was
 * measured, what is required, and what to do. Exit 0 when no required
 * check failed, 1 when one did, 2 on bad usage. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wchar.h>
#include "cli_util.h"
#include "commands.h"
#include "nanbyo/check.h"
#include "nanbyo/check_result.h"
#include "nanbyo/text.h"
#include "nanbyo/utf8.h"

static const char *HELP =
    "使い方: nanbyo-survey check [オプション]\n"
    "\n"
    "この PC が、難病・小慢 DB へのオンライン登録に使う PC の要件を満たすか確かめます。\n"
    "ネットワークの確認では、確認先の URL と VPN の接続先に接続します。\n"
    "\n"
    "オプション:\n"
    "  --json             結果を JSON で出力する\n"
    "  --form ID|PATH     調査定義 (既定: yamaguchi-r8)。要件の値はここから読みます\n"
    "  --no-network       ネットワークの確認をしない (対象外と表示)\n"
    "  --https-url URL    HTTPS の確認先 (既定: 調査定義の URL)\n"
    "  --cacert FILE      信頼する CA 証明書 (PEM) を指定する\n"
    "  --ovpn FILE        AWS VPN の設定ファイル (.ovpn)。接続先に届くか確かめます\n"
    "  --timeout SEC      ネットワークの確認全体の制限時間 (秒、既定: 調査定義の値)\n"
    "  --display WxH      画面の解像度を手入力する (例: 1920x1080)\n"
    "  --root DIR         (試験用) このフォルダーを / とみなして調べる\n"
    "\n"
    "別の PC (登録に使う Windows の PC など) で確認した結果を読み込む:\n"
    "  nanbyo-survey check --import 結果ファイル.json --answers 回答ファイル.json\n"
    "  結果ファイル (nanbyo-check.exe か check --json が書いたもの) を確かめてから、\n"
    "  回答ファイルの「PC の確認結果」として保存します。30 日より前の結果と、\n"
    "  今日より後の日付の結果は使えません。--form と --json も使えます。\n"
    "\n"
    "終了コード: 0 必須の項目に不合格なし / 1 必須の項目に不合格あり / 2 指定の誤り\n"
    "--import のとき: 0 保存した / 1 結果ファイルを使えない (理由を表示) / 2 ファイルを読めない\n";

static const char *need_arg(int argc, char **argv, int *i)
{
    if (*i + 1 >= argc) {
        nb_cli_fail("%s の後に値を指定してください。", argv[*i]);
        return NULL;
    }
    return argv[++*i];
}

static bool readable_file(const char *opt, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        nb_cli_fail("%s のファイル %s がありません。場所と名前を確かめてください。", opt, path);
        return false;
    }
    if (!S_ISREG(st.st_mode) || access(path, R_OK) != 0) {
        nb_cli_fail("%s のファイル %s を読めません。ファイルと読み取り権限を確かめてください。", opt, path);
        return false;
    }
    return true;
}

static bool parse_timeout(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !(v > 0) || v > 600) {
        nb_cli_fail("--timeout には 0 より大きく 600 以下の秒数を指定してください (指定: %s)。", s);
        return false;
    }
    *out = v;
    return true;
}

static bool parse_display(const char *s, int *w, int *h)
{
    char x, tail;
    if (sscanf(s, "%d%c%d%c", w, &x, h, &tail) != 3 || (x != 'x' && x != 'X') || *w < 1 ||
        *h < 1 || *w > 100000 || *h > 100000) {
        nb_cli_fail("--display は 幅x高さ の形で指定してください (例: 1920x1080、指定: %s)。", s);
        return false;
    }
    return true;
}

static bool valid_url(const char *s)
{
    if (strncmp(s, "https://", 8) != 0 && strncmp(s, "http://", 7) != 0)
        return false;
    for (const char *c = s; *c; c++)
        if ((unsigned char)*c <= 0x20 || *c == 0x7f)
            return false;
    return strlen(s) < 250;
}

/* ---- human output ------------------------------------------------------ */

static int term_cols(void)
{
    struct winsize ws;
    if (isatty(1) && ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40)
        return ws.ws_col > 120 ? 120 : ws.ws_col;
    return 80;
}

/* Print text wrapped to width cells; continuation lines get indent. */
static void wrap(const char *text, int first_col, int indent, int width)
{
    int col = first_col;
    const char *p = text;
    while (*p) {
        size_t take = nb_prefix_for_width(p, width - col);
        if (take == 0) {
            /* nothing fits after a label: go to a fresh line */
            if (col > indent) {
                printf("\n%*s", indent, "");
                col = indent;
                continue;
            }
            take = 1;
            while (p[take] && ((unsigned char)p[take] & 0xC0) == 0x80)
                take++;
        }
        /* never split an ASCII word or number ("1366x768", a path): break
         * before it when it starts in the second half of the line */
        if (p[take] && (unsigned char)p[take] < 0x80 && p[take] != ' ' &&
            (unsigned char)p[take - 1] < 0x80 && p[take - 1] != ' ') {
            size_t k = take;
            while (k > take / 2 && (unsigned char)p[k - 1] < 0x80 && p[k - 1] != ' ')
                k--;
            if (k > take / 2)
                take = k;
        }
        /* kinsoku: 、。）」 never start the next line, an opening bracket
         * never ends this one (the character before moves down with it) */
        if (p[take] && take > 0) {
            int32_t nx = 0, pv = 0;
            size_t back = nb_utf8_prev(p, take);
            nb_utf8_decode(p + take, strlen(p + take), &nx);
            nb_utf8_decode(p + back, take - back, &pv);
            if (back > 0 && (nb_no_line_start(nx) || nb_no_line_end(pv)))
                take = back;
        }
        size_t out = take;
        while (out > 0 && p[out - 1] == ' ' && p[take])
            out--;
        fwrite(p, 1, out, stdout);
        p += take;
        if (*p) {
            while (*p == ' ')
                p++;
            printf("\n%*s", indent, "");
            col = indent;
        }
    }
    putchar('\n');
}

static void pad_to(const char *s, int cells)
{
    int w = nb_str_width(s);
    fputs(s, stdout);
    for (; w < cells; w++)
        putchar(' ');
}

static void print_human(nb_check_run *run, const nb_definition *def)
{
    int width = term_cols();
    char pc[sizeof(nb_check_platform)];
    nb_check_platform_label(nb_check_platform_of(run), pc, sizeof pc);
    printf("この PC の確認結果 (%s)\n", nb_check_checked_at(run));
    printf("確認したPC: %s\n", pc);
    if (def->title && *def->title)
        printf("調査: %s\n", def->title);
    printf("\n");
    printf("  ");
    pad_to("結果", 8);
    pad_to("項目", 20);
    printf("測定値\n");
    size_t n = nb_check_count(run);
    int notes = 0;
    for (size_t i = 0; i < n; i++) {
        nb_check_result r = nb_check_result_at(run, i);
        char label[32];
        snprintf(label, sizeof label, "%s", nb_check_result_label(&r));
        printf("  ");
        pad_to(label, 8);
        pad_to(r.title, 20);
        wrap(r.measured, 30, 30, width);
        if (r.status != NB_CHECK_PASS)
            notes++;
    }
    if (notes) {
        int skipped = 0;
        printf("\n合格でない項目の説明:\n");
        for (size_t i = 0; i < n; i++) {
            nb_check_result r = nb_check_result_at(run, i);
            if (r.status == NB_CHECK_PASS)
                continue;
            if (r.network && r.status == NB_CHECK_NA && strcmp(r.measured, "実行しませんでした") == 0) {
                skipped++;
                continue;
            }
            printf("\n[%s] %s%s\n", nb_check_result_label(&r), r.title,
                   r.required ? " (必須)" : "");
            static const char *labels[] = {"  測定値: ", "  要件:   ", "  理由:   ", "  対処:   "};
            const char *texts[] = {r.measured, r.required_text, r.detail, r.advice};
            for (size_t k = 0; k < 4; k++) {
                if (!texts[k][0])
                    continue;
                fputs(labels[k], stdout);
                wrap(texts[k], 10, 10, width);
            }
        }
        if (skipped)
            printf("\nネットワークの確認 (%d 項目) は、--no-network の指定のため実行しませんでした。\n", skipped);
    }
    printf("\n");
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        nb_check_result r = nb_check_result_at(run, i);
        if (r.required && r.status == NB_CHECK_FAIL) {
            printf(any ? "、%s" : "必須の項目に不合格があります: %s", r.title);
            any = true;
        }
    }
    if (any)
        printf("。\n上の「対処」を行ってから、もう一度確かめてください。\n");
    else
        printf("必須の項目に不合格はありません。「注意」「不明」の項目は説明を読んで確かめてください。\n");
    printf("(確認にかかった時間: %.2f 秒)\n", nb_check_elapsed_ms(run) / 1000.0);
}

int cmd_check(int argc, char **argv)
{
    if (nb_cli_wants_help(argc, argv, HELP))
        return 0;
    bool json = false;
    const char *form = NULL, *import = NULL, *answers = NULL, *run_option = NULL;
    nb_check_options opt = {0};
    opt.network = true;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v;
        if (strcmp(a, "--json") != 0 && strcmp(a, "--form") != 0 && strcmp(a, "--import") != 0 &&
            strcmp(a, "--answers") != 0)
            run_option = a;
        if (strcmp(a, "--json") == 0) {
            json = true;
        } else if (strcmp(a, "--import") == 0) {
            if (!(import = need_arg(argc, argv, &i)))
                return 2;
        } else if (strcmp(a, "--answers") == 0) {
            if (!(answers = need_arg(argc, argv, &i)))
                return 2;
        } else if (strcmp(a, "--no-network") == 0) {
            opt.network = false;
        } else if (strcmp(a, "--sequential") == 0) {
            opt.sequential = true; /* benchmark: network probes one after another */
        } else if (strcmp(a, "--form") == 0) {
            if (!(form = need_arg(argc, argv, &i)))
                return 2;
        } else if (strcmp(a, "--https-url") == 0) {
            if (!(v = need_arg(argc, argv, &i)))
                return 2;
            if (!valid_url(v)) {
                nb_cli_fail("--https-url には https:// で始まる URL を指定してください (空白や制御文字は使えません)。");
                return 2;
            }
            opt.https_url = v;
        } else if (strcmp(a, "--cacert") == 0) {
            if (!(v = need_arg(argc, argv, &i)) || !readable_file(a, v))
                return 2;
            opt.cacert = v;
        } else if (strcmp(a, "--ovpn") == 0) {
            if (!(v = need_arg(argc, argv, &i)) || !readable_file(a, v))
                return 2;
            opt.ovpn = v;
        } else if (strcmp(a, "--timeout") == 0) {
            if (!(v = need_arg(argc, argv, &i)) || !parse_timeout(v, &opt.timeout_s))
                return 2;
        } else if (strcmp(a, "--display") == 0) {
            if (!(v = need_arg(argc, argv, &i)) ||
                !parse_display(v, &opt.manual_display_w, &opt.manual_display_h))
                return 2;
        } else if (strcmp(a, "--root") == 0) {
            struct stat st;
            if (!(v = need_arg(argc, argv, &i)))
                return 2;
            if (stat(v, &st) != 0 || !S_ISDIR(st.st_mode)) {
                nb_cli_fail("--root のフォルダー %s がありません。", v);
                return 2;
            }
            opt.root = v;
        } else {
            nb_cli_fail("check では「%s」は使えません。nanbyo-survey check --help で使い方を確かめてください。", a);
            return 2;
        }
    }
    if (import || answers) {
        if (!import || !answers) {
            nb_cli_fail("%s には %s も指定してください (例: nanbyo-survey check --import 結果.json --answers 回答.json)。",
                        import ? "--import" : "--answers", import ? "--answers" : "--import");
            return 2;
        }
        if (run_option) {
            nb_cli_fail("--import と「%s」は一緒に使えません。結果を読み込むときは --form と --json だけが使えます。", run_option);
            return 2;
        }
        return cmd_check_import(import, answers, form, json);
    }
    nb_definition *def = nb_cli_definition(form);
    if (!def)
        return 2;
    nb_check_run *run = nb_check_start(def, &opt);
    if (!run) {
        nb_cli_fail("確認を始められませんでした (メモリ不足)。ほかのアプリを閉じてから、もう一度実行してください。");
        nb_def_free(def);
        return 2;
    }
    nb_check_wait(run);
    int rc = nb_check_required_failed(run) ? 1 : 0;
    if (json) {
        char *s = nb_check_to_json(run);
        if (s) {
            fputs(s, stdout);
            fputc('\n', stdout);
            free(s);
        } else {
            nb_cli_fail("確認の結果を JSON にできませんでした (メモリ不足の可能性があります)。もう一度実行してください。");
            rc = 2;
        }
    } else {
        print_human(run, def);
    }
    fflush(stdout);
    if (nb_check_busy(run)) {
        /* A probe the deadline gave up on is still inside libcurl or the
         * resolver: leave without running library clean-up under it. */
        fflush(stderr);
        _exit(rc);
    }
    nb_check_free(run);
    nb_def_free(def);
    return rc;
}
