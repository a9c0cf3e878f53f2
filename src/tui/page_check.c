/* The PC self-check page: asks before any network check, runs the checks
 * in a child process (check_child.h) and polls it from the input loop's
 * timeout so the UI never blocks, shows each result in words, stores the result in the
 * answers ("pc_check") and offers manual entry of the display size when
 * it cannot be measured (e.g. over SSH). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app.h"
#include <cjson/cJSON.h>
#include "check_child.h"
#include "nanbyo/check.h"

enum { PH_CONSENT, PH_RUNNING, PH_DONE, PH_MANUAL };

typedef struct {
    nb_app *app;
    int phase;
    bool network;
    nb_check_child *run;
    int focus;            /* result line or button */
    int manual_w, manual_h;
    nb_field mf[2];
    const nb_field *mfp[2];
    char mval[2][16];
    nb_form form;
    bool display_unknown;
} check_state;

static char *m_get(void *ctx, const nb_field *f)
{
    check_state *s = ctx;
    const char *v = s->mval[f == &s->mf[0] ? 0 : 1];
    return *v ? strdup(v) : NULL;
}

static void m_set(void *ctx, const nb_field *f, const char *v, bool ok)
{
    check_state *s = ctx;
    (void)ok;
    snprintf(s->mval[f == &s->mf[0] ? 0 : 1], sizeof s->mval[0], "%s", v ? v : "");
}

static char *m_check(void *ctx, const nb_field *f, const char *v, char **norm)
{
    check_state *s = ctx;
    return nb_field_check(s->app->def, f, v, norm);
}

static const nb_form_io mio = {m_get, m_set, m_check, NULL, NULL};

static check_state *state(nb_app *app)
{
    check_state *s = app->state[app->page];
    if (s)
        return s;
    s = calloc(1, sizeof *s);
    s->app = app;
    s->mf[0] = (nb_field){.id = "display_width", .label = "画面の横の画素数", .type = NB_FT_COUNT,
                          .required = true, .min = 320, .max = 20000, .help = "", .placeholder = "例 1920"};
    s->mf[1] = (nb_field){.id = "display_height", .label = "画面の縦の画素数", .type = NB_FT_COUNT,
                          .required = true, .min = 200, .max = 20000, .help = "", .placeholder = "例 1080"};
    s->mfp[0] = &s->mf[0];
    s->mfp[1] = &s->mf[1];
    nb_form_init(&s->form, s->mfp, 2, mio, s);
    static const char *b[] = {"この値で確認", "やめる"};
    nb_form_set_buttons(&s->form, b, 2);
    s->form.primary = 0;
    app->state[app->page] = s;
    return s;
}

static const char *consent_buttons[] = {"ネットワークも確認する", "PCの中だけ確認する", "戻る", "次へ"};
static const char *done_buttons[] = {"もう一度確認", "画面の大きさを入力", "戻る", "次へ"};
static const char *done_buttons3[] = {"もう一度確認", "戻る", "次へ"};

/* Buttons after a run; 「画面の大きさを入力」 only when the display is unknown. */
static int done_count(const check_state *s)
{
    return s->display_unknown ? 4 : 3;
}

/* Map a button position to the action of the 4-button layout. */
static int done_action(const check_state *s, int b)
{
    return s->display_unknown ? b : (b == 0 ? 0 : b + 1);
}

/* One line about the last stored result, e.g. after a restart. */
static void previous_summary(nb_app *app, char *out, size_t n)
{
    out[0] = '\0';
    char *json = nb_answers_section_get(app->ans, "pc_check");
    cJSON *j = json ? cJSON_Parse(json) : NULL;
    free(json);
    const cJSON *at = cJSON_GetObjectItemCaseSensitive(j, "checked_at");
    const cJSON *checks = cJSON_GetObjectItemCaseSensitive(j, "checks");
    if (cJSON_IsString(at) && cJSON_IsArray(checks)) {
        int cnt[6] = {0};
        static const char *ids[] = {"pass", "warn", "fail", "unknown", "na"};
        const cJSON *c;
        cJSON_ArrayForEach(c, checks) {
            const cJSON *st = cJSON_GetObjectItemCaseSensitive(c, "status");
            for (int k = 0; k < 5; k++)
                if (cJSON_IsString(st) && strcmp(st->valuestring, ids[k]) == 0)
                    cnt[k]++;
        }
        char date[20];
        snprintf(date, sizeof date, "%.10s", at->valuestring);
        snprintf(out, n, "前回の確認 (%s): 合格 %d、注意 %d、不合格 %d、不明 %d、対象外 %d。もう一度確認できます。",
                 date, cnt[0], cnt[1], cnt[2], cnt[3], cnt[4]);
    }
    cJSON_Delete(j);
}

static void start(nb_app *app, check_state *s)
{
    if (s->run)
        nb_check_child_free(s->run);
    nb_check_options o;
    memset(&o, 0, sizeof o);
    o.network = s->network;
    o.manual_display_w = s->manual_w;
    o.manual_display_h = s->manual_h;
    s->run = nb_check_child_start(app->def, &o);
    s->phase = s->run ? PH_RUNNING : PH_CONSENT;
    s->focus = 0;
    if (!s->run)
        nb_app_message(app, NB_R_ERROR, "確認を始められませんでした (プロセスを作れません)。ほかのプログラムを閉じてから、もう一度押してください。");
    else
        nb_app_message(app, NB_R_NORMAL, "確認しています。%s", s->network ? "ネットワークの確認には最大で数十秒かかります。" : "");
}

static void finish(nb_app *app, check_state *s)
{
    s->phase = PH_DONE;
    s->display_unknown = false;
    for (size_t i = 0; i < nb_check_child_count(s->run); i++) {
        const nb_check_result *r = nb_check_child_result(s->run, i);
        if (strcmp(r->id, "display") == 0 && r->status == NB_CHECK_UNKNOWN)
            s->display_unknown = true;
    }
    const char *json = nb_check_child_json(s->run);
    if (!json)
        nb_app_message(app, NB_R_ERROR, "%s 「もう一度確認」を押してください。", nb_check_child_error(s->run));
    else if (nb_answers_section_set(app->ans, "pc_check", json) == 0) {
        nb_app_changed(app);
        nb_app_message(app, NB_R_OK, "確認が終わりました。結果は回答ファイルに保存し、提出書類にも載ります。");
    } else {
        nb_app_message(app, NB_R_ERROR, "確認結果を回答ファイルに記録できませんでした。もう一度確認してください。");
    }
    s->focus = 0;
}

static void enter(nb_app *app, const char *field)
{
    check_state *s = state(app);
    (void)field;
    if (s->phase == PH_RUNNING)
        return;
    if (!s->run)
        s->phase = PH_CONSENT;
    s->focus = 0;
}

static int n_lines(check_state *s)
{
    return s->run && s->phase != PH_CONSENT ? (int)nb_check_child_count(s->run) : 0;
}

static void draw_buttons(nb_app *app, const char **labels, int n, int focus_btn)
{
    int bw = 0;
    for (int b = 0; b < n; b++)
        bw += nb_width(labels[b]) + 6;
    int bx = COLS - bw - 1;
    if (bx < 1)
        bx = 1;
    for (int b = 0; b < n; b++) {
        char buf[96];
        snprintf(buf, sizeof buf, "「%s」", labels[b]);
        int w = nb_put(NB_BTN_ROW, bx, COLS - bx, buf, focus_btn == b ? NB_R_BUTTON_FOCUS : NB_R_BUTTON);
        if (focus_btn == b) {
            app->cur_y = NB_BTN_ROW;
            app->cur_x = bx + 2;
        }
        bx += w + 2;
    }
}

static nb_role status_role(nb_check_status st)
{
    switch (st) {
    case NB_CHECK_PASS: return NB_R_OK;
    case NB_CHECK_FAIL: return NB_R_ERROR;
    case NB_CHECK_WARN: return NB_R_WARN;
    default: return NB_R_NORMAL;
    }
}

static void draw(nb_app *app)
{
    check_state *s = state(app);
    int y = nb_app_draw_header(app, NULL);
    if (s->phase == PH_CONSENT) {
        const char *t =
            "このPCのメモリ、ディスクの空き、画面の大きさ、ブラウザなどを確認します。"
            "ネットワークの確認では、県のホームページ等へ接続して、インターネットにつながるか、"
            "時刻が合っているかを調べます (送るのは接続に必要な情報だけで、回答内容は送りません)。"
            "ネットワークの確認も行いますか。";
        int used = nb_put_wrapped(y, 2, COLS - 4, 8, t, NB_R_NORMAL);
        char prev[400];
        previous_summary(app, prev, sizeof prev);
        if (prev[0])
            nb_put_wrapped(y + used + 1, 2, COLS - 4, 2, prev, NB_R_NORMAL);
        draw_buttons(app, consent_buttons, 4, s->focus);
        return;
    }
    if (s->phase == PH_MANUAL) {
        nb_put_wrapped(y, 2, COLS - 4, 3,
                       "画面の大きさを測れませんでした (SSH 接続などのため)。Windows の「設定 > ディスプレイ > "
                       "ディスプレイの解像度」に出ている値を入力してください。",
                       NB_R_NORMAL);
        nb_form_draw(&s->form, y + 4, NB_BTN_ROW - 4 - y, NB_BTN_ROW);
        app->cur_y = s->form.cur_y;
        app->cur_x = s->form.cur_x;
        return;
    }
    int n = n_lines(s);
    int rows = NB_BTN_ROW - 6 - y;
    if (rows < 3)
        rows = 3;
    int top = s->focus < n && s->focus >= rows ? s->focus - rows + 1 : 0;
    for (int r = 0; r < rows && top + r < n; r++) {
        const nb_check_result c = *nb_check_child_result(s->run, (size_t)(top + r));
        bool focus = s->phase == PH_DONE && top + r == s->focus;
        char buf[64];
        snprintf(buf, sizeof buf, "%-8s", c.status == NB_CHECK_PENDING ? "確認中" : nb_check_status_label(c.status));
        int yy = y + r;
        if (focus) {
            nb_fill(yy, 2, COLS - 3, NB_R_FIELD_FOCUS);
            nb_put(yy, 0, 1, ">", NB_R_TITLE);
            app->cur_y = yy;
            app->cur_x = 2;
        }
        nb_put(yy, 2, 22, c.title ? c.title : c.id, focus ? NB_R_FIELD_FOCUS : NB_R_LABEL);
        nb_put(yy, 25, 10, buf, focus ? NB_R_FIELD_FOCUS : status_role(c.status));
        nb_put(yy, 35, COLS - 36, c.measured, focus ? NB_R_FIELD_FOCUS : NB_R_NORMAL);
    }
    /* Details of the focused result: requirement, detail and advice. */
    if (s->phase == PH_DONE && s->focus < n) {
        const nb_check_result c = *nb_check_child_result(s->run, (size_t)s->focus);
        char buf[sizeof c.measured + sizeof c.required_text + sizeof c.detail + sizeof c.advice + 64];
        snprintf(buf, sizeof buf, "%s: %s\n測定: %s\n要件: %s%s%s%s%s", c.title ? c.title : c.id,
                 nb_check_status_label(c.status), c.measured, c.required_text, *c.detail ? "  " : "",
                 c.detail, *c.advice ? "  " : "", c.advice);
        nb_put_wrapped(NB_BTN_ROW - 5, 2, COLS - 4, 5, buf, NB_R_NORMAL);
    }
    if (s->phase == PH_DONE) {
        int fb = s->focus - n;
        draw_buttons(app, s->display_unknown ? done_buttons : done_buttons3, done_count(s), fb);
    }
}

static int handle(nb_app *app, const nb_ev *ev)
{
    check_state *s = state(app);
    if (s->phase == PH_RUNNING) {
        if (ev->a == NB_A_TIMEOUT || ev->a == NB_A_CHAR) {
            if (nb_check_child_poll(s->run))
                finish(app, s);
            return NB_H_HANDLED;
        }
        return ev->a == NB_A_QUIT || ev->a == NB_A_HELP ? NB_H_IGNORED : NB_H_HANDLED;
    }
    if (s->phase == PH_MANUAL) {
        int r = nb_form_handle(&s->form, ev);
        if (r & NB_FORM_BUTTON) {
            if ((r & 0xff) == 0) {
                nb_form_commit(&s->form);
                int w = atoi(s->mval[0]), h = atoi(s->mval[1]);
                if (w <= 0 || h <= 0 || s->form.err[0] || s->form.err[1]) {
                    nb_app_message(app, NB_R_ERROR, "横と縦の画素数を数字で入力してください (例 1920 と 1080)。");
                    return NB_H_HANDLED;
                }
                s->manual_w = w;
                s->manual_h = h;
                start(app, s);
            } else {
                s->phase = PH_DONE;
            }
        }
        if (ev->a == NB_A_ESC)
            s->phase = PH_DONE;
        return NB_H_HANDLED;
    }
    int n = s->phase == PH_CONSENT ? 0 : n_lines(s);
    int total = n + (s->phase == PH_CONSENT ? 4 : done_count(s));
    switch (ev->a) {
    case NB_A_NEXT:
    case NB_A_RIGHT:
        s->focus = (s->focus + 1) % total;
        return NB_H_HANDLED;
    case NB_A_PREV:
    case NB_A_LEFT:
        s->focus = (s->focus + total - 1) % total;
        return NB_H_HANDLED;
    case NB_A_ENTER: {
        int b = s->focus - n;
        if (b < 0)
            return NB_H_HANDLED;
        if (s->phase == PH_DONE)
            b = done_action(s, b);
        if (s->phase == PH_CONSENT && b <= 1) {
            s->network = b == 0;
            start(app, s);
        } else if (s->phase == PH_DONE && b == 0) {
            start(app, s);
        } else if (s->phase == PH_DONE && b == 1) {
            s->phase = PH_MANUAL;
            app->msg[0] = '\0';
            nb_form_focus(&s->form, 0);
        } else if (b == 2) {
            nb_app_prev_page(app);
        } else if (b == 3) {
            nb_app_next_page(app);
        }
        return NB_H_HANDLED;
    }
    default:
        return NB_H_IGNORED;
    }
}

static const char *keys(nb_app *app)
{
    check_state *s = state(app);
    if (s->phase == PH_RUNNING)
        return "確認中です。終わるまでお待ちください";
    if (s->phase == PH_MANUAL)
        return nb_form_keys(&s->form);
    return "Tab/左右:移動  Enter:押す";
}

static int poll_ms(nb_app *app)
{
    check_state *s = state(app);
    return s->phase == PH_RUNNING ? 100 : -1;
}

static const char *help(nb_app *app, const char **title)
{
    (void)app;
    *title = "PCの要件確認";
    return "オンライン登録に使うPCが、厚生労働省の示す要件 (メモリ、ディスクの空き、画面の大きさ、ブラウザ、"
           "Acrobat Reader、Excel、VPN クライアント、A4 プリンタ、インターネット接続) を満たすか確認します。"
           "「合格」以外の行を選ぶと、測った値、要件、どうすればよいかが下に出ます。";
}

static void destroy(void *state)
{
    check_state *s = state;
    nb_check_child_free(s->run);
    nb_form_free(&s->form);
    free(s);
}

const nb_page_ops nb_page_check = {enter, NULL, draw, handle, keys, NULL, help, poll_ms, destroy};
