/* send ANSWERS: e-mail the survey to the prefecture (README.md, "Commands").
 * The message is the one `export --eml` builds; it is written to the
 * outbox before the first byte goes out and moves to sent/ only once the
 * server answered 250 to the data. send --retry resends what waits. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli_util.h"
#include "commands.h"
#include "nanbyo/deliver.h"
#include "nanbyo/input_file.h"
#include "nanbyo/message.h"
#include "nanbyo/paths.h"
#include "nanbyo/survey.h"
#include "nanbyo/xalloc.h"
#include "nanbyo/yen.h"

static const char help[] =
    "使い方: nanbyo-survey send 回答ファイル [オプション]\n"
    "        nanbyo-survey send --retry [オプション]\n"
    "調査票 (xlsx) と回答データを添付したメールを、調査定義の宛先 (県の担当) へ送ります。\n"
    "送る前にメールを送信待ちフォルダーに保存し、サーバーが受け付けたら送信済みフォルダーへ移します。\n"
    "失敗したときはメールが送信待ちに残るので、send --retry で再送できます。\n"
    "\n"
    "  --smtp URL            メールサーバー (smtp://サーバー:587 または smtps://サーバー:465)\n"
    "  --starttls            STARTTLS で暗号化する (できなければ送らない)\n"
    "  --user USER           ログインするユーザー名\n"
    "  --password-file FILE  パスワードを 1 行目に書いたファイル (chmod 600 にしておく)\n"
    "  --from ADDR           差出人のアドレス (既定: 回答の「メールアドレス」)\n"
    "  --to ADDR             宛先を変える (試験用。既定: 調査定義の宛先)\n"
    "  --cacert FILE         サーバー証明書を確かめる CA 証明書 (PEM)\n"
    "  --timeout SEC         送信全体の制限時間 (既定 60 秒)\n"
    "  --dry-run             送らずに、送る内容 (宛先・件名・添付) を表示する\n"
    "  --retry               送信待ちのメールをすべて再送する\n"
    "  --force               回答に問題があっても「下書き」として送る\n"
    "  --form ID             調査定義\n"
    "\n"
    "設定ファイル: $XDG_CONFIG_HOME/nanbyo-survey/smtp.conf (既定 ~/.config/nanbyo-survey/smtp.conf)\n"
    "  smtp = smtp://mail.example.jp:587\n"
    "  starttls = yes\n"
    "  user = clinic@example.jp\n"
    "  password_file = /home/clinic/.config/nanbyo-survey/smtp.password\n"
    "  from = clinic@example.jp\n"
    "パスワードを書いた設定ファイルは chmod 600 にしてください (ほかの人が読めると使いません)。\n"
    "終了コード: 0 送信した、1 回答に問題がある・送信できなかった、2 使い方の誤り・ファイルを読めない\n"
    "例: nanbyo-survey send 回答.json --smtp smtp://mail.example.jp:587 --starttls --user clinic --password-file ~/.smtp-pass\n";

typedef struct {
    const char *form, *url, *user, *password_file, *from, *to, *cacert;
    long timeout;
    bool starttls, dry_run, retry, force;
} send_args;

static void print_size(const char *label, const char *name, const char *ascii, size_t size)
{
    char buf[32];
    nb_yen_format_plain((int64_t)size, buf, sizeof buf);
    printf("  %s: %s (%s, %s バイト)\n", label, name, ascii, buf);
}

static void dry_run(const send_args *g, const nb_smtp_options *o, const nb_message_info *info, size_t len)
{
    printf("送る内容の確認です (--dry-run のため送信はしません)。\n");
    printf("  サーバー: %s%s\n", o->url ? o->url : "(未指定: --smtp か smtp.conf で指定してください)",
           o->url && o->starttls && strncmp(o->url, "smtps://", 8) != 0 ? " (STARTTLS で暗号化)" : "");
    if (o->user)
        printf("  ユーザー: %s (%s)\n", o->user, o->password ? "パスワードあり" : "パスワードなし");
    printf("  差出人 (MAIL FROM): %s\n", info->from);
    printf("  宛先 (RCPT TO): %s\n", info->to);
    printf("  件名: %s\n", info->subject);
    print_size("添付 1", info->xlsx_name, info->xlsx_ascii, info->xlsx_size);
    print_size("添付 2", info->json_name, info->json_ascii, info->json_size);
    print_size("添付 3", info->pdf_name, info->pdf_ascii, info->pdf_size);
    if (info->draft)
        printf("  下書き: 回答に問題が残っているため、本文に【下書き】と書きます。\n");
    if (info->late)
        printf("  期限後: 提出期限を過ぎているため、本文に【期限後】と書きます。\n");
    char buf[32];
    nb_yen_format_plain((int64_t)len, buf, sizeof buf);
    printf("  メール全体: %s バイト\n", buf);
    (void)g;
}

/* Resend everything in the outbox. */
static int retry_all(const nb_smtp_options *o)
{
    nb_error err = {{0}};
    char **paths;
    size_t n;
    if (nb_outbox_list(&paths, &n, &err) != 0) {
        nb_cli_fail("%s", err.msg);
        return 2;
    }
    if (n == 0) {
        printf("送信待ちのメールはありません。\n");
        return 0;
    }
    int failed = 0;
    char last[sizeof err.msg] = "";
    for (size_t i = 0; i < n; i++) {
        int rc = nb_smtp_send_file(o, paths[i], &err);
        if (rc == 0)
            printf("送信しました: %s\n", paths[i]);
        else {
            /* The same cause (a server that is down) is said once. */
            if (strcmp(last, err.msg) != 0)
                nb_cli_fail("%s", err.msg);
            snprintf(last, sizeof last, "%s", err.msg);
            if (rc < 0)
                fprintf(stderr, "送信待ちのまま残しました: %s\n", paths[i]);
            failed++;
        }
    }
    if (failed)
        fprintf(stderr, "%zu 通のうち %d 通を送れませんでした。原因を直してから、もう一度 send --retry を実行してください。\n", n, failed);
    else
        printf("送信待ちだった %zu 通をすべて送信しました。\n", n);
    nb_outbox_list_free(paths, n);
    return failed ? 1 : 0;
}

static int parse(int argc, char **argv, send_args *g)
{
    enum { O_FORM = 1, O_SMTP, O_STARTTLS, O_USER, O_PWFILE, O_FROM, O_TO, O_CACERT, O_TIMEOUT, O_DRY, O_RETRY,
           O_FORCE };
    static const struct option opts[] = {
        {"form", required_argument, NULL, O_FORM},       {"smtp", required_argument, NULL, O_SMTP},
        {"starttls", no_argument, NULL, O_STARTTLS},     {"user", required_argument, NULL, O_USER},
        {"password-file", required_argument, NULL, O_PWFILE}, {"from", required_argument, NULL, O_FROM},
        {"to", required_argument, NULL, O_TO},           {"cacert", required_argument, NULL, O_CACERT},
        {"timeout", required_argument, NULL, O_TIMEOUT}, {"dry-run", no_argument, NULL, O_DRY},
        {"retry", no_argument, NULL, O_RETRY},           {"force", no_argument, NULL, O_FORCE},
        {NULL, 0, NULL, 0}};
    memset(g, 0, sizeof *g);
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case O_FORM: g->form = optarg; break;
        case O_SMTP: g->url = optarg; break;
        case O_STARTTLS: g->starttls = true; break;
        case O_USER: g->user = optarg; break;
        case O_PWFILE: g->password_file = optarg; break;
        case O_FROM: g->from = optarg; break;
        case O_TO: g->to = optarg; break;
        case O_CACERT: g->cacert = optarg; break;
        case O_TIMEOUT: {
            char *end;
            g->timeout = strtol(optarg, &end, 10);
            if (*end || g->timeout < 1 || g->timeout > 3600) {
                nb_cli_fail("--timeout には 1 から 3600 までの秒数を指定してください (指定: %s)。", optarg);
                return -1;
            }
            break;
        }
        case O_DRY: g->dry_run = true; break;
        case O_RETRY: g->retry = true; break;
        case O_FORCE: g->force = true; break;
        default:
            if (optopt)
                nb_cli_fail("send のオプション「%s」には値が必要です。nanbyo-survey send --help を見てください。", argv[optind - 1]);
            else
                nb_cli_fail("send のオプション「%s」は使えません。nanbyo-survey send --help を見てください。", argv[optind - 1]);
            return -1;
        }
    }
    return 0;
}

/* Build and send (or show) a fresh message from an answers file. */
static int send_answers(const char *path, const send_args *g, const nb_smtp_options *o)
{
    nb_definition *def;
    nb_answers *a;
    if (nb_cli_answers(path, g->form, &def, &a) != 0)
        return 2;
    int rc = 1;
    nb_report r;
    nb_validate(def, a, &r);
    if (r.n_problems && !g->force) {
        nb_cli_print_problems(stderr, &r);
        nb_cli_fail("回答に問題が %zu 件あるため、送信しませんでした。直してから送るか、下書きとして送るときは --force を付けてください。",
                    r.n_problems);
        goto out;
    }
    nb_error cerr = {{0}};
    if (!g->dry_run && nb_smtp_check_options(o, &cerr) != 0) {
        /* Bad settings are refused before anything is queued. */
        nb_cli_fail("%s", cerr.msg);
        rc = 2;
        goto out;
    }
    nb_export_opts eo = {.draft = r.n_problems > 0, .today = nb_today()};
    nb_message_opts mo = {g->from, g->to};
    nb_message_info info;
    nb_error err = {{0}};
    size_t len;
    char *msg = nb_message_build_info(def, a, &eo, &mo, NULL, &len, &info, &err);
    if (!msg) {
        nb_cli_fail("%s", err.msg);
        goto out;
    }
    if (g->dry_run) {
        dry_run(g, o, &info, len);
        rc = 0;
    } else {
        char *queued = NULL;
        if (nb_outbox_put(msg, len, &queued, &err) != 0) {
            nb_cli_fail("%s", err.msg);
        } else {
            nb_smtp_options so = *o;
            so.from = info.from;
            so.to = info.to;
            int s = nb_smtp_send_file(&so, queued, &err);
            if (s == 0) {
                char *sent = nb_sent_dir();
                const char *base = strrchr(queued, '/');
                printf("送信しました (サーバーが受け付けました)。\n  宛先: %s\n  件名: %s\n  控え: %s/%s\n", info.to,
                       info.subject, sent ? sent : "sent", base ? base + 1 : queued);
                free(sent);
                rc = 0;
            } else if (s > 0) {
                printf("送信しました。宛先: %s 件名: %s\n", info.to, info.subject);
                nb_cli_fail("%s", err.msg);
                rc = 0;
            } else {
                nb_cli_fail("%s", err.msg);
                fprintf(stderr, "メールは送信待ちフォルダーに残しました: %s\n原因を直してから nanbyo-survey send --retry で再送できます。\n",
                        queued);
            }
            free(queued);
        }
    }
    nb_message_info_free(&info);
    free(msg);
out:
    nb_report_free(&r);
    nb_answers_free(a);
    nb_def_free(def);
    return rc;
}

int cmd_send(int argc, char **argv)
{
    if (nb_cli_wants_help(argc, argv, help))
        return 0;
    send_args g;
    if (parse(argc, argv, &g) != 0)
        return 2;
    if (g.retry ? optind < argc - 1 : optind != argc - 1) {
        nb_cli_fail(g.retry ? "send --retry には回答ファイルは要りません。送信待ちのメールをすべて再送します。"
                            : "send には回答ファイルを1つ指定してください (再送するときは send --retry)。");
        return 2;
    }
    nb_error err = {{0}};
    nb_smtp_config cfg;
    if (nb_smtp_config_load(&cfg, &err) != 0) {
        nb_cli_fail("%s", err.msg);
        return 2;
    }
    /* Command line first, then the settings file. */
    nb_smtp_options o = {
        .url = g.url ? g.url : cfg.url,
        .starttls = g.starttls || cfg.starttls == 1,
        .user = g.user ? g.user : cfg.user,
        .from = g.from,
        .to = g.to,
        .cacert = g.cacert ? g.cacert : cfg.cacert,
        .timeout_s = g.timeout ? g.timeout : cfg.timeout_s,
    };
    if (o.cacert && nb_input_check(o.cacert, "CA 証明書ファイル", &err) != 0) {
        nb_cli_fail("%s", err.msg);
        nb_smtp_config_free(&cfg);
        return 2;
    }
    char *password = NULL;
    const char *pwfile = g.password_file ? g.password_file : cfg.password_file;
    if (pwfile) {
        password = nb_read_password_file(pwfile, &err);
        if (!password) {
            nb_cli_fail("%s", err.msg);
            nb_smtp_config_free(&cfg);
            return 2;
        }
    } else if (cfg.password) {
        password = xstrdup(cfg.password);
    }
    o.password = password;
    if (!g.from && cfg.from)
        o.from = cfg.from;
    if (o.password && !o.user) {
        nb_cli_fail("パスワードが指定されていますが、ユーザー名がありません。--user か smtp.conf の user でユーザー名を指定してください。");
        nb_password_free(password);
        nb_smtp_config_free(&cfg);
        return 2;
    }
    int rc;
    if (g.retry) {
        if (g.dry_run) {
            char **paths;
            size_t n;
            if (nb_outbox_list(&paths, &n, &err) != 0) {
                nb_cli_fail("%s", err.msg);
                rc = 2;
            } else {
                printf("送信待ちのメールは %zu 通です (--dry-run のため送信はしません)。\n", n);
                for (size_t i = 0; i < n; i++)
                    printf("  %s\n", paths[i]);
                nb_outbox_list_free(paths, n);
                rc = 0;
            }
        } else if (nb_smtp_check_options(&o, &err) != 0) {
            nb_cli_fail("%s", err.msg);
            rc = 2;
        } else {
            rc = retry_all(&o);
        }
    } else {
        send_args eff = g;
        eff.from = o.from;
        rc = send_answers(argv[optind], &eff, &o);
    }
    nb_password_free(password);
    nb_smtp_config_free(&cfg);
    return rc;
}
