/* The submit page: e-mail, print, or files for post/fax. Shows where the
 * survey goes (from the definition), asks before anything leaves, reports
 * the result in words. The work itself runs in a child process (job.h):
 * the page keeps drawing, shows what is happening and for how long, and
 * a mail already on its way is never cut off, even if the questionnaire
 * is closed. A failed e-mail stays in the outbox and 「送信」 again retries
 * it; nothing typed is discarded. The SMTP password lives in memory only
 * and is never written anywhere (the child inherits it; no file, no
 * command line). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cjson/cJSON.h>
#include "app.h"
#include "job.h"
#include "nanbyo/deliver.h"
#include "nanbyo/export.h"
#include "nanbyo/message.h"
#include "nanbyo/paths.h"
#include "nanbyo/xalloc.h"

enum { F_METHOD, F_URL, F_USER, F_PASS, F_TLS, F_PRINTER, F_COVER, F_FOLDER, F_N };

typedef struct {
    nb_app *app;
    nb_field f[F_N];
    nb_choice methods[3], yesno[2];
    const nb_field *shown[6];
    char *val[F_N];
    nb_form form;
    int method;              /* 0 mail, 1 print, 2 files */
    char *outbox_path;       /* message waiting after a failure */
    unsigned long outbox_rev; /* answers revision it was built from */
    char *cacert;            /* from smtp.conf, for a private CA */
    char *from;              /* from smtp.conf; else the answers' e-mail */
    long timeout_s;
    nb_job *job;             /* the child doing the work, while it runs */
    char progress[300];      /* what the child said it is doing */
    bool quit_held;          /* the clerk tried to quit during a send */
    bool tls_chosen;         /* STARTTLS chosen by the clerk (or remembered), not preselected */
    bool draft;              /* of the running job */
    nb_role done_role;       /* the child's final word */
    char done_msg[1400];
    char done_outbox[1100];
} submit_state;

static int idx(submit_state *s, const nb_field *f)
{
    return (int)(f - s->f);
}

static char *s_get(void *ctx, const nb_field *f)
{
    submit_state *s = ctx;
    const char *v = s->val[idx(s, f)];
    return v && *v ? xstrdup(v) : NULL;
}

/* Settings kept in the answers file ("submit"), so a restart comes back
 * to the same method, server and folder. Never the password. */
static const int remembered[] = {F_METHOD, F_URL, F_USER, F_TLS, F_PRINTER, F_COVER, F_FOLDER};

static void remember(submit_state *s)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return;
    for (size_t k = 0; k < sizeof remembered / sizeof remembered[0]; k++)
        if (s->val[remembered[k]])
            cJSON_AddStringToObject(o, s->f[remembered[k]].id, s->val[remembered[k]]);
    char *json = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    if (json && nb_answers_section_set(s->app->ans, "submit", json) == 0)
        nb_app_save(s->app);   /* no new revision: the answers themselves did not change */
    free(json);
}

static void recall(submit_state *s)
{
    char *json = nb_answers_section_get(s->app->ans, "submit");
    cJSON *o = json ? cJSON_Parse(json) : NULL;
    free(json);
    for (size_t k = 0; o && k < sizeof remembered / sizeof remembered[0]; k++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, s->f[remembered[k]].id);
        if (cJSON_IsString(v) && strlen(v->valuestring) < 4096) {
            free(s->val[remembered[k]]);
            s->val[remembered[k]] = xstrdup(v->valuestring);
            s->tls_chosen |= remembered[k] == F_TLS;
        }
    }
    cJSON_Delete(o);
}

/* STARTTLS belongs to smtp:// only: an smtps:// server is encrypted from
 * the start, so it is never preselected with one. */
static void preselect_tls(submit_state *s)
{
    if (s->tls_chosen)
        return;
    const char *u = s->val[F_URL];
    free(s->val[F_TLS]);
    s->val[F_TLS] = xstrdup(u && strncmp(u, "smtp://", 7) == 0 ? "true" : "false");
}

static void s_set(void *ctx, const nb_field *f, const char *v, bool ok)
{
    submit_state *s = ctx;
    (void)ok;
    int i = idx(s, f);
    free(s->val[i]);
    s->val[i] = v ? xstrdup(v) : NULL;
    if (i == F_TLS)
        s->tls_chosen = true;
    if (i == F_URL)
        preselect_tls(s);
    if (i != F_PASS)
        remember(s);
}

static char *s_check(void *ctx, const nb_field *f, const char *v, char **norm)
{
    submit_state *s = ctx;
    (void)norm;
    if (idx(s, f) == F_URL && strncmp(v, "smtp://", 7) != 0 && strncmp(v, "smtps://", 8) != 0)
        return xstrdup("smtp://サーバー名:ポート または smtps://サーバー名:ポート の形で入力してください。");
    return NULL;
}

static const nb_form_io sio = {.get = s_get, .set = s_set, .check = s_check};

static void rebuild(submit_state *s)
{
    int n = 0;
    s->shown[n++] = &s->f[F_METHOD];
    if (s->method == 0) {
        s->shown[n++] = &s->f[F_URL];
        s->shown[n++] = &s->f[F_USER];
        s->shown[n++] = &s->f[F_PASS];
        s->shown[n++] = &s->f[F_TLS];
    } else if (s->method == 1) {
        s->shown[n++] = &s->f[F_PRINTER];
        s->shown[n++] = &s->f[F_COVER];
    } else {
        s->shown[n++] = &s->f[F_FOLDER];
    }
    int focus = s->form.focus;
    nb_form_free(&s->form);
    nb_form_init(&s->form, s->shown, n, sio, s);
    static const char *b[3][2] = {{"戻る", "送信する"}, {"戻る", "印刷する"}, {"戻る", "保存する"}};
    nb_form_set_buttons(&s->form, b[s->method], 2);
    s->form.secret = s->method == 0 ? 3 : -1;
    nb_form_focus(&s->form, focus < n ? focus : 0);
}

/* Settings the clerk keeps in $XDG_CONFIG_HOME/nanbyo-survey/smtp.conf
 * (the same file `send` reads) fill the e-mail fields; a password from it
 * stays in memory only. A refused file (readable by others) is reported. */
static void load_smtp_config(nb_app *app, submit_state *s)
{
    nb_smtp_config c;
    nb_error err = {{0}};
    memset(&c, 0, sizeof c);
    if (nb_smtp_config_load(&c, &err) != 0) {
        nb_app_message(app, NB_R_ERROR, "%s", err.msg);
        return;
    }
    if (c.url)
        s->val[F_URL] = xstrdup(c.url);
    if (c.user)
        s->val[F_USER] = xstrdup(c.user);
    if (c.password) {
        s->val[F_PASS] = xstrdup(c.password);
    } else if (c.password_file) {
        char *pw = nb_read_password_file(c.password_file, &err);
        if (pw) {
            s->val[F_PASS] = xstrdup(pw);
            nb_password_free(pw);
        } else {
            nb_app_message(app, NB_R_ERROR, "%s", err.msg);
        }
    }
    if (c.starttls >= 0) {
        free(s->val[F_TLS]);
        s->val[F_TLS] = xstrdup(c.starttls ? "true" : "false");
        s->tls_chosen = true;
    }
    if (c.cacert)
        s->cacert = xstrdup(c.cacert);
    if (c.from)
        s->from = xstrdup(c.from);
    if (c.timeout_s > 0)
        s->timeout_s = c.timeout_s;
    nb_smtp_config_free(&c);
}

static submit_state *state(nb_app *app)
{
    submit_state *s = app->state[app->page];
    if (s)
        return s;
    s = xcalloc(1, sizeof *s);
    s->app = app;
    s->methods[0] = (nb_choice){"mail", "メール"};
    s->methods[1] = (nb_choice){"print", "印刷 (郵送・FAX)"};
    s->methods[2] = (nb_choice){"files", "ファイルに保存"};
    s->yesno[0] = (nb_choice){"true", "はい"};
    s->yesno[1] = (nb_choice){"false", "いいえ"};
    nb_field *f = s->f;
    f[F_METHOD] = (nb_field){.id = "method", .label = "提出方法", .type = NB_FT_CHOICE, .required = true,
                             .choices = s->methods, .n_choices = 3,
                             .help = "メール: 県の担当あてに、件名と添付ファイルの決まったメールを送ります。"
                                     "印刷: A4 で印刷し、FAX か郵送で送ります。ファイルに保存: xlsx・PDF・CSV を"
                                     "保存します (自分のメールで送るときや控えに)。"};
    f[F_URL] = (nb_field){.id = "smtp_url", .label = "送信サーバー", .type = NB_FT_TEXT, .required = true,
                          .max_length = 200, .placeholder = "例 smtps://smtp.example.jp:465",
                          .help = "医療機関のメールの送信サーバーです。メールソフトの設定にある送信 (SMTP) サーバーの名前と"
                                  "ポート番号を、smtps://サーバー名:465 (初めから暗号化) か smtp://サーバー名:587 (STARTTLS で"
                                  "暗号化) の形で入力します。分からないときは、メールの契約先か院内のシステム担当に尋ねてください。"};
    f[F_USER] = (nb_field){.id = "smtp_user", .label = "ユーザー名", .type = NB_FT_TEXT, .max_length = 200,
                           .help = "送信サーバーにログインするときの名前です (多くはメールアドレスそのものです)。"};
    f[F_PASS] = (nb_field){.id = "smtp_password", .label = "パスワード", .type = NB_FT_TEXT, .max_length = 200,
                           .help = "パスワードは保存しません。送るたびに入力します。"};
    f[F_TLS] = (nb_field){.id = "starttls", .label = "STARTTLS を使う", .type = NB_FT_CHOICE,
                          .choices = s->yesno, .n_choices = 2,
                          .help = "smtp:// のサーバーで、送る前に暗号化に切り替えるかどうかです。smtp:// なら「はい」に"
                                  "します。smtps:// のサーバーは初めから暗号化されているので「いいえ」です。"};
    f[F_PRINTER] = (nb_field){.id = "printer", .label = "プリンター名", .type = NB_FT_TEXT, .max_length = 200,
                              .placeholder = "空欄なら通常使うプリンター",
                              .help = "印刷に使うプリンターの名前です。空欄なら、このPCで通常使うプリンターに送ります。"};
    f[F_COVER] = (nb_field){.id = "fax_cover", .label = "FAX 送付状を付ける", .type = NB_FT_CHOICE,
                            .choices = s->yesno, .n_choices = 2,
                            .help = "FAX で送るとき、1枚目に県の FAX 番号あての送付状を付けます。郵送なら「いいえ」でかまいません。"};
    f[F_FOLDER] = (nb_field){.id = "folder", .label = "保存先フォルダー", .type = NB_FT_TEXT, .required = true,
                             .max_length = 1000,
                             .help = "xlsx・PDF・CSV を保存するフォルダーです。初めはドキュメント フォルダー (なければホーム"
                                     " フォルダー) が入っています。選んだ方法・送信サーバー・フォルダーは回答ファイルに記録され、"
                                     "次に起動したときも同じになります (パスワードは記録しません)。"};
    for (int i = 0; i < F_N; i++) {
        if (!f[i].help)
            f[i].help = "";
        if (!f[i].placeholder)
            f[i].placeholder = "";
    }
    s->val[F_METHOD] = xstrdup("mail");
    s->val[F_COVER] = xstrdup("true");
    /* The clerk's Documents (or home), never the working directory. */
    s->val[F_FOLDER] = nb_documents_dir();
    load_smtp_config(app, s);
    recall(s);
    preselect_tls(s);
    s->method = strcmp(s->val[F_METHOD], "print") == 0 ? 1 : strcmp(s->val[F_METHOD], "files") == 0 ? 2 : 0;
    nb_form_init(&s->form, s->shown, 0, sio, s);
    app->state[app->page] = s;
    rebuild(s);
    return s;
}

static void enter(nb_app *app, const char *field)
{
    (void)field;
    submit_state *s = state(app);
    nb_form_focus(&s->form, 0);
}

static void flush(nb_app *app)
{
    nb_form_commit(&state(app)->form);
}

static void draw(nb_app *app)
{
    submit_state *s = state(app);
    int y = nb_app_draw_header(app, "提出方法を選び、内容を確かめてから実行してください。実行の前に確認します。");
    const nb_definition *d = app->def;
    char buf[1200];
    if (s->method == 0) {
        char *subj = nb_survey_subject(d, app->ans);
        char *att = nb_survey_attachment_name(d, app->ans);
        snprintf(buf, sizeof buf, "宛先: %s", d->email_to);
        nb_put(y++, 2, COLS - 3, buf, NB_R_NORMAL);
        snprintf(buf, sizeof buf, "件名: %s", subj ? subj : "");
        nb_put(y++, 2, COLS - 3, buf, NB_R_NORMAL);
        snprintf(buf, sizeof buf, "添付: %s と回答データ (JSON)", att ? att : "");
        nb_put(y++, 2, COLS - 3, buf, NB_R_NORMAL);
        free(subj);
        free(att);
    } else {
        snprintf(buf, sizeof buf, "FAX: %s", d->fax);
        nb_put(y++, 2, COLS - 3, buf, NB_R_NORMAL);
        snprintf(buf, sizeof buf, "郵送: 〒%s %s %s", d->postal_code, d->postal_address, d->recipient);
        nb_put(y++, 2, COLS - 3, buf, NB_R_NORMAL);
        snprintf(buf, sizeof buf, "問い合わせ: %s (担当 %s)", d->phone, d->contact);
        nb_put(y++, 2, COLS - 3, buf, NB_R_NORMAL);
    }
    if (d->deadline_must_arrive || app->late) {
        char w[32];
        nb_date_wareki(d->deadline, w, sizeof w);
        snprintf(buf, sizeof buf, "提出期限: %s%s%s", w, d->deadline_must_arrive ? " 必着" : "",
                 app->late ? "  (期限を過ぎています。書類には「期限後」と記されます)" : "");
        nb_put(y++, 2, COLS - 3, buf, app->late ? NB_R_ERROR : NB_R_NORMAL);
    }
    y++;
    nb_form_draw(&s->form, y, NB_BTN_ROW - 1 - y, NB_BTN_ROW);
    app->cur_y = s->form.cur_y;
    app->cur_x = s->form.cur_x;
}

static nb_export_opts export_opts(nb_app *app, bool draft)
{
    nb_export_opts o;
    memset(&o, 0, sizeof o);
    o.today = app->today;
    o.draft = draft;
    o.fax_cover = state(app)->val[F_COVER] && strcmp(state(app)->val[F_COVER], "true") == 0;
    return o;
}

/* ---- in the child process: everything here may load the heavy
 * libraries (through the thunks) and may block; it reports with
 * {"progress": "..."} lines and ends with one {"role","msg","outbox"}. ---- */

static void report(int fd, nb_role role, const char *outbox, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void report(int fd, nb_role role, const char *outbox, const char *fmt, ...)
{
    char msg[1400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return;
    cJSON_AddNumberToObject(o, "role", role);
    cJSON_AddStringToObject(o, "msg", msg);
    cJSON_AddStringToObject(o, "outbox", outbox ? outbox : "");
    nb_job_send(fd, o);
    cJSON_Delete(o);
}

static void child_mail(nb_app *app, submit_state *s, int fd)
{
    nb_error err = {{0}};
    char *path = s->outbox_path ? xstrdup(s->outbox_path) : NULL;
    if (!path) {
        nb_job_send_text(fd, "progress", "メールを作っています...");
        nb_export_opts eo = export_opts(app, false);
        nb_message_opts mo = {NULL, NULL};
        size_t len = 0;
        char *msg = nb_message_build(app->def, app->ans, &eo, &mo, &len, &err);
        if (!msg) {
            report(fd, NB_R_ERROR, NULL, "メールを作れませんでした: %s", err.msg);
            return;
        }
        int rc = nb_outbox_put(msg, len, &path, &err);
        free(msg);
        if (rc != 0) {
            report(fd, NB_R_ERROR, NULL, "送信箱に入れられませんでした: %s", err.msg);
            return;
        }
    }
    nb_job_send_text(fd, "progress", "送信しています...");
    char *from = s->from ? xstrdup(s->from) : nb_answers_get(app->ans, "email");
    nb_smtp_options o = {s->val[F_URL], s->val[F_TLS] && strcmp(s->val[F_TLS], "true") == 0,
                         s->val[F_USER], s->val[F_PASS], from, app->def->email_to, s->cacert,
                         s->timeout_s > 0 ? s->timeout_s : 60};
    int rc = nb_smtp_send_file(&o, path, &err);
    free(from);
    if (rc < 0)
        report(fd, NB_R_ERROR, path,
               "送信できませんでした: %s メールは送信箱に残してあります。「送信する」でもう一度送れます。", err.msg);
    else if (rc > 0)
        report(fd, NB_R_OK, NULL, "送信しました (サーバーが受け取りました)。ただし送信済みフォルダーへ移せませんでした: %s",
               err.msg);
    else
        report(fd, NB_R_OK, NULL, "送信しました。サーバーが受け取りました (宛先 %s)。", app->def->email_to);
    free(path);
}

static void child_print(nb_app *app, submit_state *s, int fd)
{
    nb_error err = {{0}};
    char tmpl[] = "/tmp/nanbyo-print-XXXXXX";
    int tfd = mkstemp(tmpl);
    if (tfd < 0) {
        report(fd, NB_R_ERROR, NULL, "印刷用の一時ファイルを作れませんでした。/tmp の空きを確かめてください。");
        return;
    }
    close(tfd);
    nb_job_send_text(fd, "progress", "印刷用の PDF を作っています...");
    nb_export_opts eo = export_opts(app, false);
    if (nb_export_pdf(app->def, app->ans, &eo, tmpl, &err) != 0) {
        report(fd, NB_R_ERROR, NULL, "印刷用の PDF を作れませんでした: %s", err.msg);
        unlink(tmpl);
        return;
    }
    nb_job_send_text(fd, "progress", "プリンターへ送っています...");
    int job = 0;
    const char *printer = s->val[F_PRINTER] && *s->val[F_PRINTER] ? s->val[F_PRINTER] : NULL;
    if (nb_print_pdf(tmpl, printer, app->def->title, &job, &err) != 0)
        report(fd, NB_R_ERROR, NULL, "印刷できませんでした: %s 「印刷する」でもう一度試せます。", err.msg);
    else
        report(fd, NB_R_OK, NULL, "印刷を頼みました (ジョブ番号 %d)。A4 で出てきたら FAX か郵送で送ってください。", job);
    unlink(tmpl);
}

/* 「ファイルに保存」: every format the table marks saved_by_tui, in its
 * order, named after the e-mail's attachment, stopping at the first that
 * fails. */
static void child_files(nb_app *app, submit_state *s, int fd)
{
    nb_error err = {{0}};
    const char *dir = s->val[F_FOLDER];
    const nb_export_format *first = NULL;
    for (size_t i = 0; i < nb_export_formats_len && !first; i++)
        if (nb_export_formats[i].saved_by_tui)
            first = &nb_export_formats[i];
    if (!first)
        return;
    char *att = nb_survey_attachment_name(app->def, app->ans);
    char base[600];
    snprintf(base, sizeof base, "%s", att ? att : first->default_name);
    free(att);
    char *dot = strrchr(base, '.');
    if (dot)
        *dot = '\0';
    nb_export_opts eo = export_opts(app, s->draft);
    char saved[800] = "";
    size_t used = 0;
    nb_job_send_text(fd, "progress", "保存しています...");
    for (size_t i = 0; i < nb_export_formats_len; i++) {
        const nb_export_format *f = &nb_export_formats[i];
        if (!f->saved_by_tui)
            continue;
        char path[2000];
        snprintf(path, sizeof path, "%s/%s%s", dir, base, f->ext);
        if (f->write(app->def, app->ans, &eo, path, &err) != 0) {
            report(fd, NB_R_ERROR, NULL, "保存できませんでした: %s", err.msg);
            return;
        }
        /* "<base>.xlsx, .pdf, .csv" */
        if (used < sizeof saved)
            used += (size_t)snprintf(saved + used, sizeof saved - used, "%s%s", f == first ? base : ", ", f->ext);
    }
    report(fd, NB_R_OK, NULL, "保存しました%s: %s (フォルダー %s)。", s->draft ? " (下書き)" : "", saved, dir);
}

static void child_main(void *ctx, int fd)
{
    nb_app *app = ctx;
    submit_state *s = state(app);
    if (s->method == 0)
        child_mail(app, s, fd);
    else if (s->method == 1)
        child_print(app, s, fd);
    else
        child_files(app, s, fd);
}

/* ---- in the questionnaire ---- */

static void on_line(void *ctx, const cJSON *o)
{
    submit_state *s = ctx;
    const cJSON *progress = cJSON_GetObjectItemCaseSensitive(o, "progress");
    const cJSON *role = cJSON_GetObjectItemCaseSensitive(o, "role");
    const cJSON *msg = cJSON_GetObjectItemCaseSensitive(o, "msg");
    const cJSON *outbox = cJSON_GetObjectItemCaseSensitive(o, "outbox");
    if (cJSON_IsString(progress))
        snprintf(s->progress, sizeof s->progress, "%s", progress->valuestring);
    if (cJSON_IsNumber(role) && cJSON_IsString(msg)) {
        s->done_role = (nb_role)role->valueint;
        snprintf(s->done_msg, sizeof s->done_msg, "%s", msg->valuestring);
        snprintf(s->done_outbox, sizeof s->done_outbox, "%s", cJSON_IsString(outbox) ? outbox->valuestring : "");
    }
}

static void show_progress(nb_app *app, submit_state *s)
{
    if (s->quit_held)
        nb_app_message(app, NB_R_WARN, "%s (%ld 秒)  送信中です。終わるまでお待ちください (最長 %ld 秒)。", s->progress,
                       nb_job_elapsed_s(s->job), s->timeout_s > 0 ? s->timeout_s : 60);
    else
        nb_app_message(app, NB_R_NORMAL, "%s (%ld 秒)", s->progress, nb_job_elapsed_s(s->job));
}

/* Called from the input loop's timeout while the child works. */
static void poll_job(nb_app *app, submit_state *s)
{
    if (!nb_job_poll(s->job, on_line, s)) {
        show_progress(app, s);
        return;
    }
    if (s->done_msg[0]) {
        nb_app_message(app, s->done_role, "%s", s->done_msg);
        if (s->method == 0) {
            free(s->outbox_path);
            s->outbox_path = s->done_outbox[0] ? xstrdup(s->done_outbox) : NULL;
        }
    } else {
        /* The child died without its final word (a crash, a missing part):
         * whatever it said last, and the state of a mail is unknown. */
        const char *w = nb_job_last_words(s->job);
        if (s->method == 0)
            nb_app_message(app, NB_R_ERROR, "送れたかどうか分かりません。送信箱 (send --retry) を確かめてください。%s (終了コード %d)",
                           w, nb_job_exit_status(s->job));
        else
            nb_app_message(app, NB_R_ERROR, "できませんでした: %s (終了コード %d)", *w ? w : "途中で止まりました。",
                           nb_job_exit_status(s->job));
    }
    nb_job_free(s->job, false);
    s->job = NULL;
}

static void start_job(nb_app *app, submit_state *s, bool draft)
{
    if (s->method == 0) {
        if (!s->val[F_URL] || !*s->val[F_URL]) {
            nb_app_message(app, NB_R_ERROR, "送信サーバーを入力してください (例 smtps://smtp.example.jp:465)。");
            return;
        }
        /* A message kept from a failed try but built from older answers is
         * replaced by a current one (the answers themselves are saved). */
        if (s->outbox_path && s->outbox_rev != app->revision) {
            unlink(s->outbox_path);
            free(s->outbox_path);
            s->outbox_path = NULL;
        }
        if (!s->outbox_path)
            s->outbox_rev = app->revision;
    } else if (s->method == 2) {
        const char *dir = s->val[F_FOLDER];
        if (!dir || access(dir, W_OK) != 0) {
            nb_app_message(app, NB_R_ERROR, "保存先フォルダー %s に書き込めません。あるフォルダーを入力してください。",
                           dir ? dir : "");
            return;
        }
    }
    s->draft = draft;
    s->quit_held = false;
    s->done_msg[0] = '\0';
    snprintf(s->progress, sizeof s->progress, "%s",
             s->method == 0 ? "送信の準備をしています..." : s->method == 1 ? "印刷の準備をしています..." : "保存しています...");
    s->job = nb_job_start(child_main, app);
    if (!s->job) {
        nb_app_message(app, NB_R_ERROR, "処理を始められませんでした (プロセスを作れません)。ほかのプログラムを閉じてから、もう一度押してください。");
        return;
    }
    show_progress(app, s);
}

static void act(nb_app *app, submit_state *s)
{
    nb_form_commit(&s->form);
    const nb_report *r = nb_app_report(app);
    bool draft = false;
    if (r->n_problems) {
        char q[400];
        if (s->method != 2) {
            snprintf(q, sizeof q, "直す必要がある問題が %zu 件あるため、まだ提出できません。確認ページで直してください。",
                     r->n_problems);
            nb_app_show_text(app, "提出できません", q);
            return;
        }
        snprintf(q, sizeof q, "問題が %zu 件あります。「下書き」と記したファイルとして保存しますか。", r->n_problems);
        if (!nb_app_confirm(app, "下書きとして保存", q, "下書きを保存", "やめる")) {
            nb_app_message(app, NB_R_NORMAL, "取りやめました。");
            return;
        }
        draft = true;
    }
    char q[1200];
    if (s->method == 0 && s->outbox_path && s->outbox_rev == app->revision)
        snprintf(q, sizeof q, "前回送れなかったメール (送信箱に保存済み) を %s へもう一度送ります。よろしいですか。",
                 app->def->email_to);
    else if (s->method == 0)
        snprintf(q, sizeof q, "%s へ調査票をメールで送ります。よろしいですか。", app->def->email_to);
    else if (s->method == 1)
        snprintf(q, sizeof q, "調査票を A4 で%sに印刷します。よろしいですか。",
                 s->val[F_PRINTER] && *s->val[F_PRINTER] ? s->val[F_PRINTER] : "通常使うプリンター");
    else
        snprintf(q, sizeof q, "%s に xlsx・PDF・CSV を保存します。同じ名前のファイルは置き換わります。よろしいですか。",
                 s->val[F_FOLDER]);
    if (!draft && !nb_app_confirm(app, "実行の確認", q, "はい", "いいえ")) {
        /* Say what did not happen: only a mail would have been sent. */
        nb_app_message(app, NB_R_NORMAL, "%s", s->method == 0 ? "取りやめました。何も送っていません。"
                                              : s->method == 1 ? "取りやめました。印刷していません。"
                                                               : "取りやめました。何も保存していません。");
        return;
    }
    start_job(app, s, draft);
}

static int handle(nb_app *app, const nb_ev *ev)
{
    submit_state *s = state(app);
    if (s->job) {
        /* Nothing else happens until the child has finished: its result
         * decides what the page offers next. */
        if (ev->a == NB_A_QUIT && s->method == 0)
            s->quit_held = true;
        else if (ev->a == NB_A_QUIT || ev->a == NB_A_HELP)
            return NB_H_IGNORED;
        poll_job(app, s);
        return NB_H_HANDLED;
    }
    int r = nb_form_handle(&s->form, ev);
    int m = s->val[F_METHOD] ? (strcmp(s->val[F_METHOD], "print") == 0 ? 1 : strcmp(s->val[F_METHOD], "files") == 0 ? 2 : 0) : 0;
    if (m != s->method) {
        s->method = m;
        rebuild(s);
    }
    if (r & NB_FORM_BUTTON) {
        if ((r & 0xff) == 0)
            nb_app_prev_page(app);
        else
            act(app, s);
        return NB_H_HANDLED;
    }
    return r ? NB_H_HANDLED : NB_H_IGNORED;
}

static const char *keys(nb_app *app)
{
    if (state(app)->job)
        return "処理中です。終わるまでお待ちください";
    return nb_form_keys(&state(app)->form);
}

static int poll_ms(nb_app *app)
{
    return state(app)->job ? 200 : -1;
}

static const char *help(nb_app *app, const char **title)
{
    const nb_field *f = nb_form_field(&state(app)->form);
    if (f && f->help && *f->help) {
        *title = f->label;
        return nb_form_help(f);
    }
    *title = "提出";
    return "メール: 県の担当あてに、件名と添付ファイルの決まったメールを送ります。送信サーバー等は医療機関のメールの設定を"
           "入力してください (パスワードは保存しません)。印刷: A4 で印刷し、FAX か郵送で送ります。"
           "ファイルに保存: xlsx・PDF・CSV を指定のフォルダーに保存します。送れなかったメールは送信箱に残り、もう一度送れます。";
}

static void destroy(void *state)
{
    submit_state *s = state;
    nb_form_free(&s->form);
    for (int i = 0; i < F_N; i++) {
        if (i == F_PASS && s->val[i])
            memset(s->val[i], 0, strlen(s->val[i]));  /* the password leaves no copy */
        free(s->val[i]);
    }
    nb_job_free(s->job, false); /* a mail on its way is never cut off */
    free(s->outbox_path);
    free(s->cacert);
    free(s->from);
    free(s);
}

const nb_page_ops nb_page_submit = {
    .enter = enter, .flush = flush, .draw = draw, .handle = handle, .keys = keys, .help = help,
    .poll_ms = poll_ms, .destroy = destroy,
};
