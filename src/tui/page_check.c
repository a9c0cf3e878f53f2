/* The PC self-check page: asks before any network check, runs the checks
 * in a child process (check_child.h) and polls it from the input loop's
 * timeout so the UI never blocks, shows each result in words, stores the result in the
 * answers ("pc_check") and offers manual entry of the display size when
 * it cannot be measured (e.g. over SSH). A result made on another PC (the
 * registration PC, with nanbyo-check.exe) can be read in instead:
 * 「別のPCで確認した結果を読み込む」 (check_result.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app.h"
#include <cjson/cJSON.h>
#include "check_child.h"
#include "nanbyo/check.h"
#include "nanbyo/check_result.h"
#include "nanbyo/text.h"
#include "nanbyo/xalloc.h"

enum { PH_CONSENT, PH_RUNNING, PH_DONE, PH_MANUAL, PH_IMPORT };

typedef struct {
    nb_app *app;
    int phase;
    bool network;
    nb_check_child *run;
    int focus;            /* result line or button */
    int sel;              /* result whose details are shown (kept while on the buttons) */
    int top;              /* first result line shown */
    int manual_w, manual_h;
    nb_field mf[2];
    const nb_field *mfp[2];
    char mval[2][16];
    nb_form form;
    bool display_unknown;
    /* 「別のPCで確認した結果を読み込む」: the file's path as typed */
    nb_field pf;
    const nb_field *pfp;
    char *path;
    nb_form import_form;
    int import_from;      /* phase to return to */
} check_state;

static char *m_get(void *ctx, const nb_field *f)
{
    check_state *s = ctx;
    if (f == &s->pf)
        return s->path ? xstrdup(s->path) : NULL;
    const char *v = s->mval[f == &s->mf[0] ? 0 : 1];
    return *v ? xstrdup(v) : NULL;
}

static void m_set(void *ctx, const nb_field *f, const char *v, bool ok)
{
    check_state *s = ctx;
    (void)ok;
    if (f == &s->pf) {
        free(s->path);
        s->path = v ? xstrdup(v) : NULL;
        return;
    }
    snprintf(s->mval[f == &s->mf[0] ? 0 : 1], sizeof s->mval[0], "%s", v ? v : "");
}

/* "1920x1080" typed into the width, as Windows shows it: both numbers
 * are meant, so the height is filled in too (shown at once). */
static bool split_size(const char *v, char *w, char *h, size_t n)
{
    char *t = nb_nfkc(v);
    if (!t)
        return false;
    const char *p = t;
    size_t a = strspn(p, "0123456789");
    const char *sep = p + a;
    size_t sl = strncmp(sep, "\xC3\x97", 2) == 0 ? 2 : (*sep == 'x' || *sep == 'X' || *sep == '*') ? 1 : 0;
    const char *q = sep + sl + strspn(sep + sl, " ");
    size_t b = strspn(q, "0123456789");
    bool ok = a > 0 && a < n && sl > 0 && b > 0 && b < n && q[b] == '\0';
    if (ok) {
        snprintf(w, n, "%.*s", (int)a, p);
        snprintf(h, n, "%.*s", (int)b, q);
    }
    free(t);
    return ok;
}

static char *m_check(void *ctx, const nb_field *f, const char *v, char **norm)
{
    check_state *s = ctx;
    if (f == &s->pf)
        return NULL; /* a path is used exactly as typed */
    char w[16], h[16];
    if (f == &s->mf[0] && split_size(v, w, h, sizeof w)) {
        snprintf(s->mval[1], sizeof s->mval[1], "%s", h);
        return nb_field_check(s->app->def, f, w, norm);
    }
    return nb_field_check(s->app->def, f, v, norm);
}

static const nb_form_io mio = {.get = m_get, .set = m_set, .check = m_check};

static check_state *state(nb_app *app)
{
    bool fresh;
    check_state *s = nb_app_page_state(app, sizeof *s, &fresh);
    if (!fresh)
        return s;
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
    s->pf = (nb_field){.id = "result_file", .label = "結果ファイル", .type = NB_FT_TEXT, .required = true,
                       .max_length = 1000, .help = "", .placeholder = "例 /media/usb/PCチェック結果_受付PC_20260318.json"};
    s->pfp = &s->pf;
    const char *home = getenv("HOME");
    if (home && *home)
        s->path = xasprintf("%s/", home); /* most files arrive in the home folder */
    nb_form_init(&s->import_form, &s->pfp, 1, mio, s);
    static const char *ib[] = {"読み込む", "やめる"};
    nb_form_set_buttons(&s->import_form, ib, 2);
    s->import_form.primary = 0;
    return s;
}

/* The choice that contacts nobody comes first and has the focus: one
 * Enter never reaches the internet. */
static const char *consent_buttons[] = {"PCの中だけ確認する", "ネットワークも確認する", "戻る", "次へ"};
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
        char date[20], pc[sizeof(nb_check_platform)] = "";
        snprintf(date, sizeof date, "%.10s", at->valuestring);
        nb_check_platform p;
        if (nb_check_platform_from_json(j, &p))
            nb_check_platform_label(&p, pc, sizeof pc);
        snprintf(out, n, "前回の確認 (%s%s%s): 合格 %d、注意 %d、不合格 %d、不明 %d、対象外・未実施 %d。もう一度確認できます。",
                 date, *pc ? "、確認したPC " : "", pc, cnt[0], cnt[1], cnt[2], cnt[3], cnt[4]);
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
    s->focus = s->sel = s->top = 0;
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
    s->focus = s->sel = s->top = 0;
}

static void open_import(nb_app *app, check_state *s)
{
    s->import_from = s->phase;
    s->phase = PH_IMPORT;
    app->msg[0] = '\0';
    nb_form_focus(&s->import_form, 0);
}

/* 「読み込む」: the file is checked (contract, survey, date) before it
 * replaces the stored result; a refusal leaves the answers untouched and
 * the path as typed, with the focus back on it. */
static void do_import(nb_app *app, check_state *s)
{
    nb_form_commit(&s->import_form);
    if (!s->path || !*s->path) {
        nb_app_message(app, NB_R_ERROR, "結果ファイルの場所を入力してください (例 /media/usb/PCチェック結果_受付PC_20260318.json)。");
        return;
    }
    char *json = NULL;
    nb_result_info info;
    nb_error err = {{0}};
    if (nb_check_result_load(app->def, s->path, app->today, &json, &info, &err) != NB_RESULT_OK) {
        nb_app_message(app, NB_R_ERROR, "%s", err.msg);
        nb_form_focus(&s->import_form, 0);
        return;
    }
    int rc = nb_answers_section_set(app->ans, "pc_check", json);
    free(json);
    if (rc != 0) {
        nb_app_message(app, NB_R_ERROR, "結果ファイル %s を回答ファイルに入れられませんでした。もう一度「読み込む」を押してください。", s->path);
        return;
    }
    nb_app_changed(app);
    /* the imported result replaces any run of this PC on the page */
    nb_check_child_free(s->run);
    s->run = NULL;
    s->phase = PH_CONSENT;
    s->focus = 3; /* 「次へ」 */
    s->sel = s->top = 0;
    char pc[sizeof(nb_check_platform)], day[40];
    nb_check_platform_label(&info.platform, pc, sizeof pc);
    nb_date_wareki(info.checked_on, day, sizeof day);
    nb_app_message(app, NB_R_OK, "別のPCの確認結果を読み込みました (確認したPC: %s、確認日 %s)。回答ファイルに保存し、提出書類にも載ります。",
                   pc, day);
}

static void enter(nb_app *app, const char *field)
{
    check_state *s = state(app);
    (void)field;
    if (s->phase == PH_RUNNING)
        return;
    if (!s->run)
        s->phase = PH_CONSENT;
    s->focus = s->sel = s->top = 0;
}

static int n_lines(check_state *s)
{
    return s->run && s->phase != PH_CONSENT ? (int)nb_check_child_count(s->run) : 0;
}

/* Buttons of the row at the bottom. */
static int row_buttons(const check_state *s)
{
    return s->phase == PH_CONSENT ? 4 : done_count(s);
}

/* 「別のPCで確認した結果を読み込む」 has its own row above the buttons (the
 * row has no room for it at 80 columns); Tab reaches it after the last
 * button, so the keys to every other button stay as they were. */
static int import_focus(check_state *s)
{
    return n_lines(s) + row_buttons(s);
}

static void draw_import_button(nb_app *app, check_state *s)
{
    bool focus = s->focus == import_focus(s);
    nb_put(NB_BTN_ROW - 1, 2, COLS - 3, "「別のPCで確認した結果を読み込む」", focus ? NB_R_BUTTON_FOCUS : NB_R_BUTTON);
    if (focus) {
        app->cur_y = NB_BTN_ROW - 1;
        app->cur_x = 4;
    }
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

/* Requirement, detail and advice of one result, as one text. */
static void detail_text(const nb_check_result *c, char *buf, size_t n)
{
    snprintf(buf, n, "%s: %s\n測定: %s\n要件: %s%s%s%s%s", c->title ? c->title : c->id,
             nb_check_result_label(c), c->measured, c->required_text, *c->detail ? "\n" : "",
             c->detail, *c->advice ? "\n" : "", c->advice);
}

#define DETAIL_MAX 4096

/* The result list with its count, a 「続きがあります」 line when rows are
 * hidden, and the selected result's details wrapped below; the details
 * get the rows they need (the list keeps at least four), and when even
 * that is not enough the last row says how to read them whole. */
static void draw_results(nb_app *app, check_state *s, int y)
{
    int n = n_lines(s);
    int avail = NB_BTN_ROW - 1 - y;     /* rows y .. NB_BTN_ROW-2 */
    static char detail[DETAIL_MAX];
    static size_t off[64], len[64];
    int dlines = 0;
    if (s->phase == PH_DONE && s->sel < n) {
        detail_text(nb_check_child_result(s->run, (size_t)s->sel), detail, sizeof detail);
        dlines = nb_wrap(detail, COLS - 4, off, len, 64);
        if (dlines > 64)
            dlines = 64;
    }
    /* count line + list (+ "more" line) + blank + details */
    int list = avail - 1 - (dlines ? dlines + 1 : 0);
    if (list < 4)
        list = 4;
    bool more = n > list;
    if (more)
        list--;                        /* the 続き line takes one */
    if (list > n)
        list = n;
    if (s->sel < s->top)
        s->top = s->sel;
    if (s->sel >= s->top + list)
        s->top = s->sel - list + 1;
    if (s->top > n - list)
        s->top = n - list > 0 ? n - list : 0;
    char buf[160];
    if (s->phase == PH_RUNNING)
        snprintf(buf, sizeof buf, "確認結果 %d 件 (確認中です)", n);
    else
        snprintf(buf, sizeof buf, "確認結果 %d 件 (上下の矢印で選ぶと、下に詳しい内容が出ます)", n);
    nb_put(y, 2, COLS - 3, buf, NB_R_LABEL);
    int yy = y + 1;
    for (int r = 0; r < list && s->top + r < n; r++, yy++) {
        const nb_check_result c = *nb_check_child_result(s->run, (size_t)(s->top + r));
        bool on_row = s->phase == PH_DONE && s->top + r == s->sel;
        bool focus = on_row && s->focus < n;
        char st[64];
        snprintf(st, sizeof st, "%-8s", c.status == NB_CHECK_PENDING ? "確認中" : nb_check_result_label(&c));
        nb_role role = focus ? NB_R_FIELD_FOCUS : NB_R_NORMAL;
        if (focus) {
            nb_fill(yy, 2, COLS - 3, NB_R_FIELD_FOCUS);
            app->cur_y = yy;
            app->cur_x = 2;
        }
        if (on_row)
            nb_put(yy, 0, 1, ">", NB_R_TITLE);
        nb_put(yy, 2, 22, c.title ? c.title : c.id, focus ? role : NB_R_LABEL);
        nb_put(yy, 25, 10, st, focus ? role : status_role(c.status));
        /* The measured value is cut here with a sign; the whole of it is in
         * the details below. */
        int mw = COLS - 36;
        if (nb_width(c.measured) > mw) {
            int w = nb_put(yy, 35, mw - 3, c.measured, role);
            nb_put(yy, 35 + w, 3, "...", role);
        } else {
            nb_put(yy, 35, mw, c.measured, role);
        }
    }
    if (more) {
        int below = n - (s->top + list);
        if (below > 0)
            snprintf(buf, sizeof buf, "(続きがあります: 下にあと %d 件。上下の矢印で表示します)", below);
        else
            snprintf(buf, sizeof buf, "(続きがあります: 上に %d 件。上下の矢印で表示します)", s->top);
        nb_put(yy++, 2, COLS - 3, buf, NB_R_HINT);
    }
    if (!dlines)
        return;
    yy++;
    int room = NB_BTN_ROW - 1 - yy;
    for (int k = 0; k < dlines && k < room; k++) {
        if (k == room - 1 && k < dlines - 1) {
            nb_put(yy + k, 2, COLS - 4, "(続きは Enter で全文を表示します)", NB_R_HINT);
            break;
        }
        nb_putn(yy + k, 2, COLS - 4, detail + off[k], len[k], NB_R_NORMAL);
    }
}

/* A sentence of intro_rows rows, then a form (manual size, result file). */
static void draw_form_phase(nb_app *app, int y, int intro_rows, nb_form *form, const char *intro)
{
    nb_put_wrapped(y, 2, COLS - 4, intro_rows, intro, NB_R_NORMAL);
    nb_form_draw(form, y + intro_rows + 1, NB_BTN_ROW - intro_rows - 1 - y, NB_BTN_ROW);
    app->cur_y = form->cur_y;
    app->cur_x = form->cur_x;
}

static void draw(nb_app *app)
{
    check_state *s = state(app);
    int y = nb_app_draw_header(app, NULL);
    if (s->phase == PH_CONSENT) {
        const char *t =
            "このPCのメモリ、ディスクの空き、画面の大きさ、ブラウザーなどを確認します。"
            "ネットワークの確認では、県のホームページ等へ接続して、インターネットにつながるか、"
            "時刻が合っているかを調べます (送るのは接続に必要な情報だけで、回答内容は送りません)。"
            "ネットワークの確認も行いますか。";
        int used = nb_put_wrapped(y, 2, COLS - 4, 8, t, NB_R_NORMAL);
        char prev[400];
        previous_summary(app, prev, sizeof prev);
        if (prev[0])
            nb_put_wrapped(y + used + 1, 2, COLS - 4, 2, prev, NB_R_NORMAL);
        draw_import_button(app, s);
        draw_buttons(app, consent_buttons, 4, s->focus);
        return;
    }
    if (s->phase == PH_IMPORT) {
        draw_form_phase(app, y, 4, &s->import_form,
                        "別のPC (登録に使う Windows の PC など) で nanbyo-check.exe が作った結果ファイル "
                        "(PCチェック結果_<コンピューター名>_<日付>.json) を USB メモリなどでこの PC に移し、"
                        "その場所を入力してください。30 日より前の結果と、今日より後の日付の結果は使えません。");
        return;
    }
    if (s->phase == PH_MANUAL) {
        draw_form_phase(app, y, 3, &s->form,
                        "画面の大きさを測れませんでした (理由は結果の一覧の「画面の解像度」にあります)。Windows の「設定 > ディスプレイ > "
                        "ディスプレイの解像度」に出ている値を入力してください。");
        return;
    }
    draw_results(app, s, y);
    if (s->phase == PH_DONE) {
        int fb = s->focus - n_lines(s);
        draw_import_button(app, s);
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
    if (s->phase == PH_IMPORT) {
        int r = nb_form_handle(&s->import_form, ev);
        if ((r & NB_FORM_BUTTON) && (r & 0xff) == 0)
            do_import(app, s);
        else if ((r & NB_FORM_BUTTON) || ev->a == NB_A_ESC)
            s->phase = s->import_from;
        return NB_H_HANDLED;
    }
    int n = s->phase == PH_CONSENT ? 0 : n_lines(s);
    int nb = row_buttons(s);
    if (s->focus == import_focus(s)) {
        switch (ev->a) {
        case NB_A_ENTER: open_import(app, s); return NB_H_HANDLED;
        case NB_A_NEXT: s->focus = n > 0 ? s->sel : 0; return NB_H_HANDLED;
        case NB_A_PREV: s->focus = n + nb - 1; return NB_H_HANDLED;
        case NB_A_LEFT:
        case NB_A_RIGHT: return NB_H_HANDLED;
        default: break; /* typed characters: said below */
        }
    }
    bool on_list = s->focus < n;
    int b_at = s->focus - n;
    /* Up/Down walk the results; Tab and Shift-Tab go between the list and
     * each button, so the buttons are one key away however long the list;
     * Left/Right move between the buttons. */
    switch (ev->a) {
    case NB_A_NEXT:
        if (on_list && ev->key != '\t' && ev->key != KEY_BTAB) {
            if (s->sel + 1 < n)
                s->focus = ++s->sel;
            else
                s->focus = n;
        } else if (on_list) {
            s->focus = n;
        } else if (ev->key == KEY_DOWN) {
            /* Down on a button: nothing below it */
        } else {
            s->focus = s->focus + 1; /* after the last button: 「別のPCで…」 */
        }
        return NB_H_HANDLED;
    case NB_A_PREV:
        if (on_list && ev->key == KEY_BTAB)
            s->focus = n + nb - 1;
        else if (on_list)
            s->focus = s->sel = s->sel > 0 ? s->sel - 1 : 0;
        else if (ev->key == KEY_UP || b_at == 0)
            s->focus = n > 0 ? s->sel : (b_at > 0 ? s->focus - 1 : n + nb - 1);
        else
            s->focus--;
        return NB_H_HANDLED;
    case NB_A_RIGHT:
        if (!on_list)
            s->focus = n + (b_at + 1) % nb;
        return NB_H_HANDLED;
    case NB_A_LEFT:
        if (!on_list)
            s->focus = n + (b_at + nb - 1) % nb;
        return NB_H_HANDLED;
    case NB_A_CHAR:
    case NB_A_PASTE:
        nb_app_message(app, NB_R_NORMAL, "このページには文字を入力する項目がありません。"
                       "Tab でボタンを選び、Enter で押してください。");
        return NB_H_HANDLED;
    case NB_A_ENTER: {
        int b = s->focus - n;
        if (b < 0) {
            /* The whole of a result, however long, in a window. */
            static char text[DETAIL_MAX];
            const nb_check_result *c = nb_check_child_result(s->run, (size_t)s->sel);
            detail_text(c, text, sizeof text);
            nb_app_show_text(app, c->title ? c->title : c->id, text);
            return NB_H_HANDLED;
        }
        if (s->phase == PH_DONE)
            b = done_action(s, b);
        if (s->phase == PH_CONSENT && b <= 1) {
            s->network = b == 1;
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
    if (s->phase == PH_IMPORT)
        return nb_form_keys(&s->import_form);
    if (s->phase == PH_DONE)
        return "上下:結果  Tab:ボタンへ  Enter:押す";
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
    return "オンライン登録に使うPCが、厚生労働省の示す要件 (メモリ、ディスクの空き、画面の大きさ、ブラウザー、"
           "Acrobat Reader、Excel、VPN クライアント、A4 プリンター、インターネット接続) を満たすか確認します。"
           "「合格」以外の行を選ぶと、測った値、要件、どうすればよいかが下に出ます。"
           "登録に使うPCが別のPC (受付の Windows の PC など) なら、そのPCで作った結果ファイルを"
           "「別のPCで確認した結果を読み込む」で読み込めます (30 日以内のものに限ります)。";
}

static void destroy(void *state)
{
    check_state *s = state;
    nb_check_child_free(s->run);
    nb_form_free(&s->form);
    nb_form_free(&s->import_form);
    free(s->path);
    free(s);
}

const nb_page_ops nb_page_check = {
    .enter = enter, .draw = draw, .handle = handle, .keys = keys, .help = help, .poll_ms = poll_ms,
    .destroy = destroy,
};
