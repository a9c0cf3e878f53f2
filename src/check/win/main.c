/* nanbyo-check.exe: the PC check on the Windows PC that will be used for
 * the online registration. Started by double-click it opens a console,
 * says what it checks, checks the PC, asks before touching the network
 * (default いいえ), shows every result in Japanese, saves the result file
 * in Documents and waits for Enter. The same checks and rules as
 * `nanbyo-survey check` (check_table.h); the thresholds come from the
 * survey definition, embedded at build time or read with --requirements.
 * Exit codes as `check`: 0 no required check failed, 1 one did, 2 usage,
 * 3 out of memory (xalloc.h). */
#include "winrun.h"
#include "nanbyo/requirements.h"
#include "nanbyo/xalloc.h"
#include "wutil.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Generated at build time from `nanbyo-survey requirements` (Makefile). */
extern const char nb_default_requirements[];
extern const char nb_default_requirements_name[];

static const char HELP[] =
    "使い方: nanbyo-check.exe [オプション]\n"
    "\n"
    "この PC が、難病・小慢 DB へのオンライン登録に使う PC の要件を満たすか確かめます。\n"
    "結果はドキュメント フォルダーに PCチェック結果_<コンピューター名>_<日付>.json として保存します。\n"
    "ネットワークの確認は、たずねて「はい」と答えたときだけ行います。\n"
    "\n"
    "オプション:\n"
    "  --json              結果の JSON だけを出力する (たずねません)\n"
    "  --out FILE          結果のファイルをこの名前で保存する\n"
    "  --no-network        ネットワークの確認をしない (たずねません)\n"
    "  --network           ネットワークの確認をする (たずねずに同意したものとします)\n"
    "  --https-url URL     HTTPS の確認先 (既定: 要件の https_url)\n"
    "  --cacert FILE       (使えません: Windows では証明書ストアで確かめます)\n"
    "  --ovpn FILE         AWS VPN の設定ファイル (.ovpn)。接続先に届くか確かめます\n"
    "  --timeout SEC       ネットワークの確認全体の制限時間 (秒)\n"
    "  --display WxH       画面の解像度を手入力する (例: 1920x1080)\n"
    "  --requirements FILE 要件をこのファイルから読む (nanbyo-survey requirements で作ったもの)\n"
    "  --help              この説明\n"
    "\n"
    "終了コード: 0 必須の項目に不合格なし / 1 必須の項目に不合格あり / 2 指定の誤り\n";

typedef struct {
    bool json, network_asked, network_yes, network_no;
    const char *out, *url, *ovpn, *display, *requirements, *timeout;
} options;

static int usage_error(const char *fmt, const char *arg)
{
    nb_con_err(fmt, arg ? arg : "");
    nb_con_err("\n使い方は nanbyo-check.exe --help で確かめてください。\n");
    return 2;
}

/* Read a whole small file (UTF-8 name) into a malloc'd buffer. */
static char *read_file(const char *path, size_t max, size_t *len, DWORD *err)
{
    wchar_t *w = nb_u2w(path);
    *err = ERROR_INVALID_NAME;
    if (!w)
        return NULL;
    HANDLE h = CreateFileW(w, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    free(w);
    if (h == INVALID_HANDLE_VALUE) {
        *err = GetLastError();
        return NULL;
    }
    char *buf = xmalloc(max + 1);
    DWORD got = 0;
    size_t n = 0;
    *err = 0;
    while (n <= max && ReadFile(h, buf + n, (DWORD)(max + 1 - n), &got, NULL) && got > 0)
        n += got;
    CloseHandle(h);
    if (n > max) {
        free(buf);
        *err = ERROR_FILE_TOO_LARGE;
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

static bool load_requirements(const char *path, nb_pc_requirements *pc)
{
    nb_error err = {{0}};
    if (!path) {
        if (nb_requirements_parse(nb_default_requirements, strlen(nb_default_requirements),
                                  nb_default_requirements_name, pc, &err) == 0)
            return true;
        nb_con_err("組み込みの要件を読めませんでした: %s\n", err.msg);
        return false;
    }
    size_t len = 0;
    DWORD e;
    char *text = read_file(path, 64 * 1024, &len, &e);
    if (!text) {
        nb_con_err(e == ERROR_FILE_NOT_FOUND || e == ERROR_PATH_NOT_FOUND
                       ? "要件ファイル %s がありません。場所と名前を確かめてください。\n"
                   : e == ERROR_FILE_TOO_LARGE
                       ? "要件ファイル %s は 64 KB を超えていて、要件ファイルとは思えません。\n"
                       : "要件ファイル %s を読めません。ファイルと読み取りの権限を確かめてください。\n",
                   path);
        return false;
    }
    int rc = nb_requirements_parse(text, len, path, pc, &err);
    free(text);
    if (rc != 0)
        nb_con_err("%s\n", err.msg);
    return rc == 0;
}

static bool parse_display(const char *s, int *w, int *h)
{
    char x, tail;
    return sscanf(s, "%d%c%d%c", w, &x, h, &tail) == 3 && (x == 'x' || x == 'X') && *w >= 1 &&
           *h >= 1 && *w <= 100000 && *h <= 100000;
}

static bool parse_timeout(const char *s, double *out)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end || !(v > 0) || v > 600)
        return false;
    *out = v;
    return true;
}

static bool valid_url(const char *s)
{
    if (strncmp(s, "https://", 8) != 0)
        return false;
    for (const char *c = s; *c; c++)
        if ((unsigned char)*c <= 0x20 || (unsigned char)*c >= 0x7f)
            return false;
    return strlen(s) < 250;
}

static int parse_args(int argc, char **argv, options *o)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = NULL;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0 || strcmp(a, "/?") == 0) {
            nb_con_out("%s", HELP);
            return 0;
        } else if (strcmp(a, "--json") == 0) {
            o->json = true;
        } else if (strcmp(a, "--no-network") == 0) {
            o->network_no = true;
        } else if (strcmp(a, "--network") == 0) {
            o->network_yes = true;
        } else if (strcmp(a, "--out") == 0) {
            slot = &o->out;
        } else if (strcmp(a, "--https-url") == 0) {
            slot = &o->url;
        } else if (strcmp(a, "--ovpn") == 0) {
            slot = &o->ovpn;
        } else if (strcmp(a, "--timeout") == 0) {
            slot = &o->timeout;
        } else if (strcmp(a, "--display") == 0) {
            slot = &o->display;
        } else if (strcmp(a, "--requirements") == 0) {
            slot = &o->requirements;
        } else if (strcmp(a, "--cacert") == 0) {
            return usage_error("--cacert は Windows 版では使えません。信頼する CA は Windows の証明書ストアに登録してください。", NULL);
        } else {
            return usage_error("「%s」というオプションはありません。", a);
        }
        if (slot) {
            if (i + 1 >= argc)
                return usage_error("%s の後に値を指定してください。", a);
            *slot = argv[++i];
        }
    }
    if (o->network_no && o->network_yes)
        return usage_error("--network と --no-network は同時に指定できません。", NULL);
    return -1;
}

static void show_plan(const nb_win_run *run)
{
    nb_con_out("難病・小慢 DB オンライン登録用の PC の確認\n\n");
    nb_con_out("この PC で、次の項目を確かめます:\n");
    for (size_t i = 0; i < run->n; i++)
        nb_con_out("  ・%s%s\n", run->res[i].title, run->res[i].network ? " (ネットワーク)" : "");
    nb_con_out("\nこの PC の中を確かめています…\n");
}

/* Ask before any network check; only 「はい」 (or y/yes) agrees. */
static bool ask_network(const nb_win_run *run)
{
    nb_con_out("\nネットワークの確認では、次の接続先に接続します:\n  HTTPS: %s\n", run->env.url);
    if (run->env.ovpn)
        nb_con_out("  VPN: %s に書かれた接続先\n", run->env.ovpn);
    nb_con_out("ネットワークの確認をしますか? はい / いいえ (Enter だけなら いいえ): ");
    char line[64];
    if (!nb_con_read_line(line, sizeof line))
        return false;
    return strcmp(line, "はい") == 0 || _stricmp(line, "y") == 0 || _stricmp(line, "yes") == 0;
}

static void show_results(const nb_win_run *run)
{
    nb_con_out("\n確認の結果 (%s、%s)\n\n", run->checked_at, run->computer);
    for (size_t i = 0; i < run->n; i++) {
        const nb_check_result *r = &run->res[i];
        nb_con_out("[%s] %s%s: %s\n", nb_check_status_label(r->status), r->title,
                   r->required ? " (必須)" : "", r->measured);
        if (r->status == NB_CHECK_PASS)
            continue;
        if (r->required_text[0])
            nb_con_out("    要件: %s\n", r->required_text);
        if (r->detail[0])
            nb_con_out("    理由: %s\n", r->detail);
        if (r->advice[0])
            nb_con_out("    対処: %s\n", r->advice);
    }
    bool any = false;
    for (size_t i = 0; i < run->n; i++)
        if (run->res[i].required && run->res[i].status == NB_CHECK_FAIL) {
            nb_con_out(any ? "、%s" : "\n必須の項目に不合格があります: %s", run->res[i].title);
            any = true;
        }
    nb_con_out(any ? "。\n上の「対処」を行ってから、もう一度確かめてください。\n"
                   : "\n必須の項目に不合格はありません。「注意」「不明」の項目は説明を読んで確かめてください。\n");
}

/* PCチェック結果_<computer>_<YYYYMMDD>.json in Documents. */
static void default_result_path(const nb_win_run *run, char *out, size_t n)
{
    char docs[MAX_PATH * 3];
    nb_win_documents(docs, sizeof docs);
    SYSTEMTIME st;
    GetLocalTime(&st);
    char name[64];
    size_t k = 0;
    for (const char *c = run->computer; *c && k < sizeof name - 1; c++)
        name[k++] = strchr("\\/:*?\"<>|", *c) || (unsigned char)*c < 0x20 ? '_' : *c;
    name[k] = '\0';
    snprintf(out, n, "%s%sPCチェック結果_%s_%04u%02u%02u.json", docs, docs[0] ? "\\" : "",
             name[0] ? name : "PC", st.wYear, st.wMonth, st.wDay);
}

static int run_main(int argc, char **argv)
{
    options o = {0};
    int rc = parse_args(argc, argv, &o);
    if (rc >= 0)
        return rc;
    static nb_win_run run; /* network threads may outlive main's frame */
    if (!load_requirements(o.requirements, &run.pc))
        return 2;
    run.timeout_s = run.pc.timeout_s > 0 ? (double)run.pc.timeout_s : 10.0;
    if (o.timeout && !parse_timeout(o.timeout, &run.timeout_s))
        return usage_error("--timeout には 0 より大きく 600 以下の秒数を指定してください (指定: %s)。", o.timeout);
    if (o.display && !parse_display(o.display, &run.env.manual_w, &run.env.manual_h))
        return usage_error("--display は 幅x高さ の形で指定してください (例: 1920x1080、指定: %s)。", o.display);
    if (o.url && !valid_url(o.url))
        return usage_error("--https-url には https:// で始まる URL を指定してください (空白や ASCII 以外の文字は使えません、指定: %s)。", o.url);
    if (o.ovpn) {
        wchar_t *w = nb_u2w(o.ovpn);
        DWORD attr = w ? GetFileAttributesW(w) : INVALID_FILE_ATTRIBUTES;
        free(w);
        if (attr == INVALID_FILE_ATTRIBUTES || (attr & FILE_ATTRIBUTE_DIRECTORY))
            return usage_error("--ovpn のファイル %s がありません。場所と名前を確かめてください。", o.ovpn);
    }
    run.env.url = o.url;
    run.env.ovpn = o.ovpn;
    nb_win_run_init(&run);

    bool talk = !o.json;
    if (talk)
        show_plan(&run);
    nb_win_run_local(&run);
    bool network = o.network_yes;
    /* asked on a console and when the answer is piped in (no answer, or
     * the end of the input, is いいえ) */
    if (!o.network_yes && !o.network_no && talk)
        network = ask_network(&run);
    if (network) {
        if (talk)
            nb_con_out("\nネットワークを確かめています (最長 %.0f 秒)…\n", run.timeout_s);
        nb_win_run_network(&run);
    } else {
        nb_win_run_skip_network(&run);
    }
    rc = nb_win_run_required_failed(&run) ? 1 : 0;

    char *json = nb_win_result_json(&run);
    if (o.json)
        nb_con_out("%s", json);
    else
        show_results(&run);
    char path[MAX_PATH * 4];
    if (o.out)
        snprintf(path, sizeof path, "%s", o.out);
    else if (!o.json)
        default_result_path(&run, path, sizeof path);
    else
        path[0] = '\0';
    if (path[0]) {
        DWORD e = nb_win_write_file(path, json);
        if (e) {
            nb_con_err("結果のファイル %s を保存できませんでした (エラー %lu)。フォルダーと空き容量を確かめるか、--out で別の場所を指定してください。\n",
                       path, (unsigned long)e);
            rc = 2;
        } else if (talk) {
            nb_con_out("\n結果を保存しました: %s\n"
                       "このファイルを調査票のプログラム (nanbyo-survey) の PC 確認の画面で読み込むか、\n"
                       "調査票と一緒に提出してください。\n",
                       path);
        }
    }
    free(json);
    return rc;
}

int wmain(int argc, wchar_t **wargv)
{
    nb_con_init();
    char **argv = xcalloc((size_t)argc + 1, sizeof *argv);
    for (int i = 0; i < argc; i++) {
        char tmp[1024];
        nb_w2u(wargv[i], tmp, sizeof tmp);
        argv[i] = xstrdup(tmp);
    }
    int rc = run_main(argc, argv);
    if (nb_con_owned()) {
        nb_con_out("\nEnter キーを押すと終わります。");
        char line[16];
        nb_con_read_line(line, sizeof line);
    }
    /* a network probe given up at the deadline may still be inside
     * WinHTTP: end the process without running clean-up under it */
    ExitProcess((UINT)rc);
}
