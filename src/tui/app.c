/* The application loop and what every screen shares: autosave, the
 * status and key lines, navigation, signals and resize. One loop reads
 * keys (nb_app_wait); pages and dialogs never call get_wch directly, so a
 * resize, a too-small terminal or a hang-up is handled the same way
 * everywhere. Signal handlers only set a flag; saving happens here. */
#include "app.h"
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cjson/cJSON.h>
#include "nanbyo/quote.h"
#include "nanbyo/utf8.h"
#include "nanbyo/xalloc.h"
#include "nanbyo/yen.h"

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
    got_signal = sig;
}

void nb_app_message(nb_app *app, nb_role role, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(app->msg, sizeof app->msg, fmt, ap);
    va_end(ap);
    nb_utf8_fix_tail(app->msg);
    app->msg_role = role;
}

void nb_app_refuse_key(nb_app *app, int32_t ch, const char *what_to_do)
{
    char k[8];
    k[nb_utf8_encode(ch, k)] = '\0';
    nb_app_message(app, NB_R_WARN, "「%s」を打ちましたが、%s", k, what_to_do);
}

static nb_report report;
static bool report_fresh;

const nb_report *nb_app_report(nb_app *app)
{
    if (!report_fresh) {
        nb_report_free(&report);
        memset(&report, 0, sizeof report);
        nb_validate(app->def, app->ans, &report);
        report_fresh = true;
    }
    return &report;
}

/* Where the clerk is, so a restart resumes there. */
static void store_ui(nb_app *app)
{
    cJSON *ui = cJSON_CreateObject();
    if (!ui)
        return;
    const char *pid = app->page >= 0 ? app->def->pages[app->page].id : "welcome";
    cJSON_AddStringToObject(ui, "page", pid);
    const char *fid = (app->page >= 0 && app->ops && app->ops->focus_id) ? app->ops->focus_id(app) : NULL;
    if (fid)
        cJSON_AddStringToObject(ui, "field", fid);
    char *s = cJSON_PrintUnformatted(ui);
    cJSON_Delete(ui);
    if (s)
        nb_answers_section_set(app->ans, "ui", s);
    free(s);
}

int nb_app_save(nb_app *app)
{
    store_ui(app);
    nb_error err = {{0}};
    int rc = nb_answers_save(app->ans, app->path, &err);
    if (rc < 0) {
        snprintf(app->save_error, sizeof app->save_error, "%s", err.msg);
        nb_app_message(app, NB_R_ERROR, "保存できませんでした: %s", err.msg);
        return -1;
    }
    if (rc == 1) {
        /* Someone wrote the file meanwhile: their version stays, ours went
         * beside it, and from now on this session saves there. */
        snprintf(app->diverted, sizeof app->diverted, "%s", err.msg);
        const char *now = nb_answers_path(app->ans);
        char *copy = now ? xstrdup(now) : NULL;
        /* two message rows: the names without their (common) folder */
        const char *was = strrchr(app->path, '/'), *is = copy ? strrchr(copy, '/') : NULL;
        nb_app_message(app, NB_R_WARN, "回答ファイル「%s」がほかで書き換えられていたため、上書きせずに同じフォルダーの「%s」に保存しました。",
                       NB_QUOTED(was ? was + 1 : app->path, 100), NB_QUOTED(is ? is + 1 : (copy ? copy : "?"), 100));
        if (copy) {
            free(app->path);
            app->path = copy;
        }
    }
    app->save_error[0] = '\0';
    return 0;
}

void nb_app_changed(nb_app *app)
{
    report_fresh = false;
    app->revision++;
    nb_app_save(app);
}

int nb_app_page_of_field(const nb_app *app, const char *field_id)
{
    if (!field_id)
        return -1;
    if (strncmp(field_id, "items", 5) == 0) {
        for (size_t p = 0; p < app->def->n_pages; p++)
            if (app->def->pages[p].kind == NB_PAGE_ITEMS)
                return (int)p;
        return -1;
    }
    for (size_t p = 0; p < app->def->n_pages; p++)
        for (size_t i = 0; i < app->def->pages[p].n_fields; i++)
            if (strcmp(app->def->pages[p].fields[i]->id, field_id) == 0)
                return (int)p;
    return -1;
}

static const nb_page_ops *ops_for(nb_page_kind k)
{
    switch (k) {
    case NB_PAGE_FIELDS: return &nb_page_fields;
    case NB_PAGE_ITEMS: return &nb_page_items;
    case NB_PAGE_CHECK: return &nb_page_check;
    case NB_PAGE_REVIEW: return &nb_page_review;
    case NB_PAGE_SUBMIT: return &nb_page_submit;
    }
    return &nb_page_fields;
}

void *nb_app_page_state(nb_app *app, size_t size, bool *fresh)
{
    void **slot = &app->state[app->page];
    *fresh = *slot == NULL;
    if (*fresh)
        *slot = xcalloc(1, size);
    return *slot;
}

void nb_app_free_pages(nb_app *app)
{
    for (size_t p = 0; p < app->def->n_pages && p < sizeof app->state / sizeof app->state[0]; p++) {
        const nb_page_ops *ops = ops_for(app->def->pages[p].kind);
        if (app->state[p] && ops->destroy)
            ops->destroy(app->state[p]);
        app->state[p] = NULL;
    }
    nb_report_free(&report);
    memset(&report, 0, sizeof report);
    report_fresh = false;
}

void nb_app_goto(nb_app *app, int page, const char *field)
{
    if (app->ops && app->ops->flush)
        app->ops->flush(app);
    if (page < 0 || (size_t)page >= app->def->n_pages)
        return;
    app->page = page;
    app->ops = ops_for(app->def->pages[page].kind);
    app->msg[0] = '\0';
    if (app->ops->enter)
        app->ops->enter(app, field);
    nb_app_save(app);
}

void nb_app_next_page(nb_app *app)
{
    if (app->from_review && app->review_page >= 0) {
        app->from_review = false;
        nb_app_goto(app, app->review_page, NULL);
        return;
    }
    if (app->page + 1 < (int)app->def->n_pages)
        nb_app_goto(app, app->page + 1, NULL);
}

void nb_app_prev_page(nb_app *app)
{
    app->from_review = false;
    if (app->page > 0)
        nb_app_goto(app, app->page - 1, NULL);
}

bool nb_app_jump(nb_app *app, const char *field_id)
{
    int p = nb_app_page_of_field(app, field_id);
    if (p < 0)
        return false;
    nb_app_goto(app, p, field_id);
    app->from_review = true;
    return true;
}

/* ---- values for display ---- */

char *nb_app_display_value(const nb_app *app, const nb_field *f)
{
    char *v = nb_answers_get(app->ans, f->id);
    if (!v || !*v) {
        free(v);
        return NULL;
    }
    char buf[256];
    switch (f->type) {
    case NB_FT_CHOICE: {
        const nb_choice *c = nb_field_choice(f, v);
        if (c) {
            free(v);
            return xstrdup(c->label);
        }
        break;
    }
    case NB_FT_CONFIRM: {
        bool yes = strcmp(v, "true") == 0;
        free(v);
        return xstrdup(yes ? "はい" : "いいえ");
    }
    case NB_FT_YEN: {
        int64_t y;
        if (nb_yen_parse(v, &y) == NB_NUM_OK) {
            nb_yen_format(y, buf, sizeof buf);
            free(v);
            return xstrdup(buf);
        }
        break;
    }
    case NB_FT_COUNT: {
        int64_t n;
        if (nb_count_parse(v, f->max > 0 ? f->max : 999999, &n) == NB_NUM_OK) {
            snprintf(buf, sizeof buf, "%lld 人", (long long)n);
            free(v);
            return xstrdup(buf);
        }
        break;
    }
    case NB_FT_DATE: {
        nb_date d;
        if (nb_date_parse(v, &d) == NB_DATE_OK) {
            char w[32];
            nb_date_wareki(d, w, sizeof w);
            snprintf(buf, sizeof buf, "%s (%s)", w, nb_weekday_kanji(nb_date_weekday(d)));
            free(v);
            return xstrdup(buf);
        }
        break;
    }
    default:
        break;
    }
    return v;
}

/* ---- drawing ---- */

int nb_app_draw_header(nb_app *app, const char *intro)
{
    const nb_page *pg = &app->def->pages[app->page];
    char buf[256];
    snprintf(buf, sizeof buf, " %s", pg->title);
    nb_put(0, 0, COLS - 20, buf, NB_R_TITLE);
    snprintf(buf, sizeof buf, "%d/%zu ページ", app->page + 1, app->def->n_pages);
    nb_put(0, COLS - nb_width(buf) - 1, 20, buf, NB_R_NORMAL);
    int y = 1;
    const char *text = intro ? intro : pg->intro;
    if (text && *text)
        y += nb_put_wrapped(y, 1, COLS - 2, 2, text, NB_R_NORMAL);
    return y + 1;
}

/* The message line has two rows. A longer message is never cut without a
 * sign: its second row ends in "..." and names F2, which shows it whole. */
static const char more_key[] = " F2:全文";

static void draw_message(nb_app *app)
{
    size_t off[3], len[3];
    if (nb_wrap(app->msg, COLS - 2, off, len, 3) <= 2) {
        nb_put_wrapped(LINES - 4, 1, COLS - 2, 2, app->msg, app->msg_role);
        return;
    }
    nb_putn(LINES - 4, 1, COLS - 2, app->msg + off[0], len[0], app->msg_role);
    int kw = nb_width(more_key);
    nb_put_wrapped(LINES - 3, 1, COLS - 2 - kw, 1, app->msg + off[1], app->msg_role);
    nb_put(LINES - 3, COLS - 1 - kw, kw, more_key, NB_R_HINT);
}

void nb_app_show_message(nb_app *app)
{
    if (app->msg[0])
        nb_app_show_text(app, "メッセージの全文", app->msg);
}

static void draw_status(nb_app *app)
{
    nb_subsidy s;
    nb_survey_derive(app->def, app->ans, &s);
    char amount[40], left[300], buf[400];
    nb_yen_format(s.subsidy, amount, sizeof amount);
    if (app->page >= 0)
        snprintf(left, sizeof left, " %d/%zu %s", app->page + 1, app->def->n_pages,
                 app->def->pages[app->page].title);
    else
        snprintf(left, sizeof left, " %s", "はじめに");
    snprintf(buf, sizeof buf, "補助所要額 %s ", amount);
    nb_fill(LINES - 2, 0, COLS, NB_R_STATUS);
    nb_put(LINES - 2, 0, COLS - nb_width(buf) - 2, left, NB_R_STATUS);
    if (app->save_error[0])
        nb_put(LINES - 2, COLS / 2 - 8, 16, "[未保存]", NB_R_STATUS);
    nb_put(LINES - 2, COLS - nb_width(buf), nb_width(buf), buf, NB_R_STATUS);
    const char *keys = (app->page >= 0 && app->ops && app->ops->keys) ? app->ops->keys(app)
                                                                      : "Enter:始める";
    snprintf(buf, sizeof buf, " %s  PgDn:次ページ  Ctrl-X:終了", keys);
    nb_put_clipped(LINES - 1, 0, COLS - 1, buf, NB_R_HINT);
    if (app->msg[0])
        draw_message(app);
}

void nb_app_draw(nb_app *app)
{
    erase();
    if (nb_term_too_small()) {
        nb_term_draw_too_small();
        refresh();
        return;
    }
    app->cur_y = app->cur_x = -1;
    if (app->page < 0)
        nb_app_draw_welcome(app);
    else
        app->ops->draw(app);
    draw_status(app);
    if (app->overlay)
        app->overlay(app, app->overlay_ctx);
    if (app->cur_y >= 0 && app->cur_x >= 0) {
        curs_set(1);
        move(app->cur_y, app->cur_x);
    } else {
        curs_set(0);
        move(LINES - 1, 0);
    }
    refresh();
}

/* ---- input ---- */

static void save_and_exit(nb_app *app, int sig)
{
    if (app->page >= 0 && app->ops && app->ops->flush)
        app->ops->flush(app);
    nb_app_save(app);
    nb_term_close();
    if (app->save_error[0])
        fprintf(stderr, "nanbyo-survey: %s\n", app->save_error);
    if (app->diverted[0])
        fprintf(stderr, "nanbyo-survey: %s\n", app->diverted);
    nb_answers_lock_release(app->lock);
    _exit(sig ? 128 + sig : 0);
}

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Collect a bracketed paste up to its end marker (or a pause, or 64 KB). */
static nb_ev read_paste(void)
{
    static char buf[65536];
    size_t n = 0;
    timeout(200);
    for (;;) {
        wint_t wch;
        int rc = get_wch(&wch);
        if (rc == ERR || (rc == KEY_CODE_YES && wch == NB_KEY_PASTE_END))
            break;
        if (rc == KEY_CODE_YES)
            continue;
        char u[8];
        size_t k = nb_utf8_encode((int32_t)wch, u);
        if (wch == '\r') {
            u[0] = '\n';
            k = 1;
        }
        if (n + k < sizeof buf) {
            memcpy(buf + n, u, k);
            n += k;
        }
    }
    buf[n] = '\0';
    nb_ev ev = {NB_A_PASTE, 0, 0, buf};
    return ev;
}

static bool confirm_quit(nb_app *app);

/* Ctrl-C is a key a clerk may press by habit (copy, or "stop"): ask
 * before ending, and save first when the answer is yes. A second Ctrl-C
 * while the question is up is taken as yes. */
static void ask_interrupt(nb_app *app)
{
    static bool asking;
    if (asking) {
        save_and_exit(app, SIGINT);
        return;
    }
    asking = true;
    got_signal = 0;
    bool yes = nb_app_confirm(app, "終了の確認",
                              "保存して終了しますか。入力した内容は回答ファイルに保存され、"
                              "次に起動すると続きから再開します。",
                              "保存して終了", "続ける");
    asking = false;
    if (yes && confirm_quit(app))
        save_and_exit(app, 0);
}

nb_ev nb_app_wait(nb_app *app, int timeout_ms)
{
    long start = now_ms();
    int quick_errors = 0;
    for (;;) {
        if (got_signal == SIGINT)
            ask_interrupt(app);
        if (got_signal)
            save_and_exit(app, got_signal);
        nb_app_draw(app);
        int slice = 250;
        if (timeout_ms >= 0) {
            long left = timeout_ms - (now_ms() - start);
            if (left <= 0)
                return nb_key_map(ERR, 0);
            if (left < slice)
                slice = (int)left;
        }
        timeout(slice);
        wint_t wch = 0;
        long t0 = now_ms();
        errno = 0;
        int rc = get_wch(&wch);
        if (rc == ERR) {
            /* A hang-up makes reads fail at once, over and over. */
            if (now_ms() - t0 < slice / 4 && errno != EINTR) {
                if (++quick_errors > 200)
                    save_and_exit(app, SIGHUP);
            } else {
                quick_errors = 0;
            }
            continue;
        }
        quick_errors = 0;
        if (rc == KEY_CODE_YES && wch == KEY_RESIZE) {
            /* Coalesce a burst of resizes into one relayout. */
            timeout(30);
            int rc2;
            while ((rc2 = get_wch(&wch)) != ERR) {
                if (rc2 == KEY_CODE_YES && wch == KEY_RESIZE)
                    continue;
                if (rc2 == KEY_CODE_YES)
                    ungetch((int)wch);
                else
                    unget_wch((wchar_t)wch);
                break;
            }
            clearok(curscr, TRUE);
            continue;
        }
        if (rc == KEY_CODE_YES && wch == NB_KEY_PASTE_BEGIN)
            return read_paste();
        if (rc == KEY_CODE_YES && wch == NB_KEY_PASTE_END)
            continue;
        nb_ev ev = nb_key_map(rc, (uint32_t)wch);
        /* Too small: typed text still goes in (nothing typed is lost, e.g.
         * keys already on their way when the window shrank); moves and
         * commands wait until the page can be seen. */
        if (nb_term_too_small() && ev.a != NB_A_CHAR)
            continue;
        if (ev.a == NB_A_REDRAW) {
            clearok(curscr, TRUE);
            continue;
        }
        if (ev.a == NB_A_NONE)
            continue;
        return ev;
    }
}

/* ---- dialogs ---- */

typedef struct {
    const char *title, *text, *yes, *no;
    int sel;
    bool two;
    int top;        /* first text line shown (long help scrolls) */
    int lines;      /* text lines in all (set when drawn) */
    int shown;      /* text lines that fit */
} dialog;

static void draw_box(int y, int x, int h, int w)
{
    for (int r = 0; r < h; r++)
        nb_fill(y + r, x, w, NB_R_NORMAL);
    mvhline(y, x + 1, '-', w - 2);
    mvhline(y + h - 1, x + 1, '-', w - 2);
    mvvline(y + 1, x, '|', h - 2);
    mvvline(y + 1, x + w - 1, '|', h - 2);
    mvaddch(y, x, '+');
    mvaddch(y, x + w - 1, '+');
    mvaddch(y + h - 1, x, '+');
    mvaddch(y + h - 1, x + w - 1, '+');
}

#define DLG_MAX_LINES 200

static void draw_dialog(nb_app *app, void *ctx)
{
    dialog *d = ctx;
    int w = COLS - 10 > 70 ? 70 : COLS - 10;
    static size_t off[DLG_MAX_LINES], len[DLG_MAX_LINES];
    int n = nb_wrap(d->text, w - 4, off, len, DLG_MAX_LINES);
    if (n > DLG_MAX_LINES)
        n = DLG_MAX_LINES;
    d->lines = n;
    int maxn = LINES - 8;     /* box, blank rows, buttons, status lines */
    d->shown = n > maxn ? maxn : n;
    if (d->top > n - d->shown)
        d->top = n - d->shown;
    if (d->top < 0)
        d->top = 0;
    int h = d->shown + 5, y = (LINES - h) / 2, x = (COLS - w) / 2;
    if (y < 0)
        y = 0;
    draw_box(y, x, h, w);
    nb_put(y, x + 2, w - 4, d->title, NB_R_TITLE);
    for (int k = 0; k < d->shown; k++)
        nb_putn(y + 2 + k, x + 2, w - 4, d->text + off[d->top + k], len[d->top + k], NB_R_NORMAL);
    if (d->shown < n) {
        char more[80];
        snprintf(more, sizeof more, "(上下で続きを表示 %d/%d 行)", d->top + d->shown, n);
        nb_put(y + h - 2, x + 2, w - 4, more, NB_R_HINT);
    }
    char b1[128], b2[128];
    snprintf(b1, sizeof b1, "「%s」", d->yes);
    int bx = x + w - 4 - nb_width(b1);
    if (d->two) {
        snprintf(b2, sizeof b2, "「%s」", d->no);
        bx -= nb_width(b2) + 2;
    }
    int by = y + h - 2;
    nb_put(by, bx, w, b1, d->sel == 0 ? NB_R_BUTTON_FOCUS : NB_R_BUTTON);
    app->cur_y = by;
    app->cur_x = bx + 2;
    if (d->two) {
        int b2x = bx + nb_width(b1) + 2;
        nb_put(by, b2x, w, b2, d->sel == 1 ? NB_R_BUTTON_FOCUS : NB_R_BUTTON);
        if (d->sel == 1)
            app->cur_x = b2x + 2;
    }
}

static int run_dialog(nb_app *app, dialog *d)
{
    void (*old)(nb_app *, void *) = app->overlay;
    void *oldctx = app->overlay_ctx;
    app->overlay = draw_dialog;
    app->overlay_ctx = d;
    int result = -1;
    while (result < 0) {
        nb_ev ev = nb_app_wait(app, -1);
        bool scrolls = d->lines > d->shown;
        if (scrolls && (ev.key == KEY_DOWN || ev.key == KEY_NPAGE)) {
            d->top += ev.key == KEY_NPAGE ? d->shown : 1;
            continue;
        }
        if (scrolls && (ev.key == KEY_UP || ev.key == KEY_PPAGE)) {
            d->top -= ev.key == KEY_PPAGE ? d->shown : 1;
            continue;
        }
        switch (ev.a) {
        case NB_A_NEXT: case NB_A_PREV: case NB_A_LEFT: case NB_A_RIGHT:
            if (d->two)
                d->sel = 1 - d->sel;
            break;
        case NB_A_ENTER:
            result = d->sel;
            break;
        case NB_A_ESC:
            result = d->two ? 1 : 0;
            break;
        case NB_A_CHAR:
            if (ev.ch == ' ')
                result = d->sel;
            else if (d->two && (ev.ch == 'y' || ev.ch == 'Y'))
                result = 0;
            else if (d->two && (ev.ch == 'n' || ev.ch == 'N'))
                result = 1;
            else if (!d->two)
                result = 0;
            break;
        case NB_A_HELP: case NB_A_QUIT:
            if (!d->two)
                result = 0;
            break;
        default:
            break;
        }
    }
    app->overlay = old;
    app->overlay_ctx = oldctx;
    return result;
}

bool nb_app_confirm(nb_app *app, const char *title, const char *text, const char *yes,
                    const char *no)
{
    dialog d = {title, text, yes, no, 1, true, 0, 0, 0};
    return run_dialog(app, &d) == 0;
}

void nb_app_show_text(nb_app *app, const char *title, const char *text)
{
    dialog d = {title, text, "閉じる", NULL, 0, false, 0, 0, 0};
    run_dialog(app, &d);
}

/* ---- the loop ---- */

static void help_for_focus(nb_app *app)
{
    const char *title = NULL, *text = NULL;
    if (app->page >= 0 && app->ops->help)
        text = app->ops->help(app, &title);
    if (!text || !*text)
        text = "この項目には説明がありません。Tab で次の項目へ、PgDn で次のページへ進みます。"
               "入力した内容は自動で保存されます。Ctrl-X で保存して終了し、次に起動すると続きから再開します。";
    nb_app_show_text(app, title ? title : "説明", text);
}

/* Quitting when the answers cannot be written would lose them: ask. */
static bool confirm_quit(nb_app *app)
{
    if (app->page >= 0 && app->ops->flush)
        app->ops->flush(app);
    if (nb_app_save(app) == 0)
        return true;
    char q[1400];
    snprintf(q, sizeof q, "回答を保存できていません。%s 今終了すると、入力した内容が失われます。"
             "それでも終了しますか。", app->save_error);
    return nb_app_confirm(app, "保存できていません", q, "終了する", "終了しない");
}

void nb_app_loop(nb_app *app)
{
    while (!app->quit) {
        int to = (app->page >= 0 && app->ops->poll_ms) ? app->ops->poll_ms(app) : -1;
        nb_ev ev = nb_app_wait(app, to);
        if (app->page < 0) {
            if (ev.a == NB_A_QUIT)
                app->quit = confirm_quit(app);
            else if (ev.a == NB_A_HELP)
                nb_app_welcome_help(app);
            else
                nb_app_welcome_key(app, &ev);
            continue;
        }
        if (ev.a == NB_A_MESSAGE) {
            nb_app_show_message(app);
            continue;
        }
        int r = app->ops->handle(app, &ev);
        if (r & NB_H_CHANGED)
            nb_app_changed(app);
        if (r & NB_H_HANDLED)
            continue;
        switch (ev.a) {
        case NB_A_HELP:
            help_for_focus(app);
            break;
        case NB_A_PAGE_NEXT:
            nb_app_next_page(app);
            break;
        case NB_A_PAGE_PREV:
            nb_app_prev_page(app);
            break;
        case NB_A_ESC:
            if (app->from_review)
                nb_app_next_page(app);
            break;
        case NB_A_QUIT:
            app->quit = confirm_quit(app);
            break;
        default:
            break;
        }
    }
    if (app->page >= 0 && app->ops->flush)
        app->ops->flush(app);
}

void nb_app_install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: a blocked read returns at once */
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
}
