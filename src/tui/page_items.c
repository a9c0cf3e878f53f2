/* The purchase-items page: a table of items with live totals, and an
 * editor for one item (category with eligibility shown, description,
 * quantity, unit price, amount). Edits are written through to the answers
 * on leaving each field, so a new item is never lost; deleting asks first. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app.h"
#include "nanbyo/text.h"
#include "nanbyo/xalloc.h"
#include "nanbyo/yen.h"

enum { IT_CATEGORY, IT_DESCRIPTION, IT_QUANTITY, IT_PRICE, IT_N };

typedef struct {
    nb_app *app;
    bool editing;
    int row;            /* table focus: 0..n-1 rows, then buttons */
    int top;
    size_t item;        /* item being edited */
    nb_field fields[IT_N];
    const nb_field *fp[IT_N];
    nb_choice *choices;
    nb_form form;
} items_state;

static const char *tbl_buttons[] = {"行を追加", "戻る", "次へ", "確認"};

static int n_buttons(nb_app *app)
{
    return app->from_review ? 3 : 4;
}

static const char *member_of(const nb_field *f)
{
    return f->id;
}

static char *io_get(void *ctx, const nb_field *f)
{
    items_state *s = ctx;
    char *v = nb_answers_item_raw(s->app->ans, s->item, member_of(f));
    if (v && !*v) {
        free(v);
        return NULL;
    }
    return v;
}

/* Write one member of item i exactly: a number when the value is valid,
 * the text as typed when it is not (so nothing typed is lost and validate
 * names it), absent when empty. nb_answers_item_set always writes numbers,
 * so this goes through the JSON document (workaround; see docs/tui.md). */
/* Store what the clerk typed as is (a malformed amount stays visible and is
 * reported by validation, never silently turned into 0). */
static void item_member_set(nb_app *app, size_t i, const char *member, const char *v, bool number)
{
    int64_t n = 0;
    bool is_num = false;
    if (v && number) {
        if (strcmp(member, "quantity") == 0)
            is_num = nb_count_parse(v, INT64_MAX / 2, &n) == NB_NUM_OK;
        else
            is_num = nb_yen_parse(v, &n) == NB_NUM_OK;
    }
    nb_answers_item_set_member(app->ans, i, member, v, is_num ? &n : NULL);
}

static void io_set(void *ctx, const nb_field *f, const char *v, bool ok)
{
    items_state *s = ctx;
    bool number = strcmp(f->id, "quantity") == 0 || strcmp(f->id, "unit_price") == 0;
    item_member_set(s->app, s->item, f->id, v, number && ok);
}

static char *io_check(void *ctx, const nb_field *f, const char *v, char **norm)
{
    items_state *s = ctx;
    return nb_field_check(s->app->def, f, v, norm);
}

static char *io_warn(void *ctx, const nb_field *f)
{
    items_state *s = ctx;
    char id[64];
    snprintf(id, sizeof id, "items[%zu].%s", s->item, f->id);
    const nb_report *r = nb_app_report(s->app);
    for (size_t k = 0; k < r->n_warnings; k++)
        if (strcmp(r->warnings[k].field, id) == 0 && strcmp(f->id, "category") != 0)
            return xstrdup(r->warnings[k].message);
    if (strcmp(f->id, "category") != 0)
        return NULL;
    nb_item it;
    nb_answers_item_get(s->app->ans, s->item, &it);
    const nb_category *c = nb_def_category(s->app->def, it.category);
    char *out = NULL;
    if (c && !c->eligible) {
        char buf[1024];
        snprintf(buf, sizeof buf, "対象外: %s 総事業費には含めますが、補助の対象経費には含めません。",
                 c->reason);
        out = xstrdup(buf);
    }
    nb_item_clear(&it);
    return out;
}

static char *io_after(void *ctx, const nb_field *f)
{
    if (strcmp(f->id, "unit_price") == 0)
        return xstrdup("円 (税込)");
    if (strcmp(f->id, "quantity") == 0) {
        /* The unit the definition gives the category (台, 式, か月). */
        items_state *s = ctx;
        nb_item it;
        nb_answers_item_get(s->app->ans, s->item, &it);
        const nb_category *c = nb_def_category(s->app->def, it.category);
        char *u = xstrdup(c && *c->unit ? c->unit : "(数)");
        nb_item_clear(&it);
        return u;
    }
    return NULL;
}

static const nb_form_io io = {
    .get = io_get, .set = io_set, .check = io_check, .warn = io_warn, .after = io_after,
};

static items_state *state(nb_app *app)
{
    bool fresh;
    items_state *s = nb_app_page_state(app, sizeof *s, &fresh);
    if (!fresh)
        return s;
    s->app = app;
    const nb_definition *d = app->def;
    s->choices = xcalloc(d->n_categories + 1, sizeof *s->choices);
    for (size_t i = 0; i < d->n_categories; i++) {
        char buf[512];
        snprintf(buf, sizeof buf, "%s%s", d->categories[i].label, d->categories[i].eligible ? "" : " (対象外)");
        s->choices[i].value = d->categories[i].id;
        s->choices[i].label = xstrdup(buf);
    }
    nb_field *f = s->fields;
    f[IT_CATEGORY] = (nb_field){.id = "category", .label = "区分", .type = NB_FT_CHOICE, .required = true,
                                .choices = s->choices, .n_choices = d->n_categories,
                                .help = "補助の対象になる区分と、ならない区分 (対象外) があります。"};
    f[IT_DESCRIPTION] = (nb_field){.id = "description", .label = "内容", .type = NB_FT_TEXT, .required = true,
                                   .max_length = 100, .placeholder = "例 ノートパソコン (Windows 11)",
                                   .help = "品名や工事の内容を具体的に書いてください。"};
    f[IT_QUANTITY] = (nb_field){.id = "quantity", .label = "数量", .type = NB_FT_COUNT, .required = true,
                                .min = 1, .max = 9999, .help = "台数、工事などの一式なら 1、月々の費用なら月数です。"};
    f[IT_PRICE] = (nb_field){.id = "unit_price", .label = "単価", .type = NB_FT_YEN, .required = true,
                             .min = 0, .max = NB_YEN_LIMIT - 1, .help = "税込の1台 (1式、1か月) あたりの金額です。"};
    for (int i = 0; i < IT_N; i++) {
        f[i].help = f[i].help ? f[i].help : "";
        f[i].placeholder = f[i].placeholder ? f[i].placeholder : "";
        s->fp[i] = &f[i];
    }
    nb_form_init(&s->form, s->fp, IT_N, io, s);
    static const char *eb[] = {"一覧に戻る"};
    nb_form_set_buttons(&s->form, eb, 1);
    return s;
}

/* After a jump to a problem: say what is wrong next to each field. */
static void show_item_problems(nb_app *app, items_state *s)
{
    const nb_report *r = nb_app_report(app);
    for (int k = 0; k < IT_N; k++) {
        char id[64];
        snprintf(id, sizeof id, "items[%zu].%s", s->item, s->fields[k].id);
        const char *msg = NULL;
        for (size_t p = 0; p < r->n_problems && !msg; p++)
            if (strcmp(r->problems[p].field, id) == 0)
                msg = r->problems[p].message;
        nb_form_set_error(&s->form, k, msg);
    }
}

static void enter(nb_app *app, const char *field)
{
    items_state *s = state(app);
    s->editing = false;
    s->row = 0;
    /* "items[2].unit_price": open that item on that field. */
    if (field && strncmp(field, "items[", 6) == 0) {
        size_t k = strtoul(field + 6, NULL, 10);
        const char *dot = strchr(field, '.');
        if (k < nb_answers_item_count(app->ans)) {
            s->item = k;
            s->row = (int)k;
            s->editing = true;
            int fi = dot ? nb_form_find(&s->form, dot + 1) : 0;
            nb_form_focus(&s->form, fi >= 0 ? fi : 0);
            show_item_problems(app, s);
        }
    } else if (nb_answers_item_count(app->ans) == 0) {
        s->row = 0; /* the 「行を追加」 button */
    }
}

static void flush(nb_app *app)
{
    items_state *s = state(app);
    if (s->editing && nb_form_commit(&s->form))
        nb_app_changed(app);
}

static void draw_totals(nb_app *app, int y)
{
    nb_subsidy sub;
    nb_survey_derive(app->def, app->ans, &sub);
    char a[32], b[32], c[32], buf[200];
    nb_yen_format(sub.total, a, sizeof a);
    nb_yen_format(sub.eligible, b, sizeof b);
    nb_yen_format(sub.subsidy, c, sizeof c);
    snprintf(buf, sizeof buf, "総事業費 %s   対象経費 %s   補助所要額 %s", a, b, c);
    nb_put(y, 2, COLS - 3, buf, NB_R_TITLE);
}

static void draw_table(nb_app *app, items_state *s, int y, int h)
{
    size_t n = nb_answers_item_count(app->ans);
    /* Columns in cells: No 3, 区分 18 (24 on wide screens: every short
     * label fits), 内容 rest, 数量 5, 単価 11, 金額 12, 対象 6. */
    int wcat = COLS >= 100 ? 24 : 18;
    int wdesc = COLS - (2 + 4 + wcat + 1 + 6 + 12 + 12 + 7) - 1;
    int xd = 2 + 4 + wcat + 1; /* where 内容 starts */
    char buf[512];
    int x = 2;
    nb_put(y, x, 3, "No", NB_R_LABEL);
    nb_put(y, x + 4, wcat, "区分", NB_R_LABEL);
    nb_put(y, xd, wdesc, "内容", NB_R_LABEL);
    /* Headers end where the right-aligned numbers under them end. */
    nb_put(y, xd + wdesc + 2, 4, "数量", NB_R_LABEL);
    nb_put(y, xd + wdesc + 13, 4, "単価", NB_R_LABEL);
    nb_put(y, xd + wdesc + 18 + 8, 4, "金額", NB_R_LABEL);
    mvhline(y + 1, 2, '-', COLS - 4);
    int rows = h - 4; /* header, rule; rule and totals below */
    if (s->row < (int)n) {
        if (s->row < s->top)
            s->top = s->row;
        if (s->row >= s->top + rows)
            s->top = s->row - rows + 1;
    }
    if (n == 0)
        nb_put(y + 2, 4, COLS - 6, "まだ何も入力されていません。「行を追加」で1件目を入力してください。", NB_R_HINT);
    for (int r = 0; r < rows && (size_t)(s->top + r) < n; r++) {
        size_t i = (size_t)(s->top + r);
        nb_item it;
        nb_answers_item_get(app->ans, i, &it);
        bool focus = (int)i == s->row;
        nb_role role = focus ? NB_R_FIELD_FOCUS : NB_R_NORMAL;
        int yy = y + 2 + r;
        if (focus) {
            nb_fill(yy, 2, COLS - 4, role);
            nb_put(yy, 0, 1, ">", NB_R_TITLE);
            app->cur_y = yy;
            app->cur_x = 2;
        }
        snprintf(buf, sizeof buf, "%zu", i + 1);
        nb_put(yy, x, 3, buf, role);
        const nb_category *c = nb_def_category(app->def, it.category);
        /* Short form of the label: "ランニングコスト (月額料金...)" -> "ランニングコスト". */
        char cat[200];
        snprintf(cat, sizeof cat, "%s", c ? c->label : (*it.category ? it.category : "(未選択)"));
        char *paren = strstr(cat, " (");
        if (paren && paren != cat)
            *paren = '\0';
        nb_put_clipped(yy, x + 4, wcat, cat, role);
        nb_put_clipped(yy, xd, wdesc, *it.description ? it.description : "(内容未入力)", role);
        snprintf(buf, sizeof buf, "%5lld", (long long)it.quantity);
        nb_put(yy, xd + wdesc + 1, 5, it.quantity_ok ? buf : "    ?", role);
        char p[32], amt[32];
        nb_yen_format_plain(it.unit_price, p, sizeof p);
        nb_yen_format_plain(nb_item_amount(&it), amt, sizeof amt);
        snprintf(buf, sizeof buf, "%11s", it.unit_price_ok ? p : "?");
        nb_put(yy, xd + wdesc + 6, 11, buf, role);
        snprintf(buf, sizeof buf, "%12s", amt);
        nb_put(yy, xd + wdesc + 18, 12, buf, role);
        nb_put(yy, xd + wdesc + 31, 6, nb_item_eligible(app->def, &it) ? "" : "対象外", role);
        nb_item_clear(&it);
    }
    int ty = y + h - 1;
    mvhline(ty - 1, 2, '-', COLS - 4);
    draw_totals(app, ty);
    /* Under the table, the focused row in full (the columns may have cut
     * the category or the description), then the reason when it is not
     * eligible. */
    if (s->row < (int)n) {
        nb_item it;
        nb_answers_item_get(app->ans, (size_t)s->row, &it);
        const nb_category *c = nb_def_category(app->def, it.category);
        char full[1200];
        snprintf(full, sizeof full, "No %d: %s / %s", s->row + 1, c ? c->label : "(区分未選択)",
                 *it.description ? it.description : "(内容未入力)");
        /* Two rows for it when no reason needs the second. */
        bool reason = c && !c->eligible;
        nb_put_wrapped(ty + 1, 2, COLS - 3, reason ? 1 : 2, full, NB_R_NORMAL);
        if (reason) {
            snprintf(buf, sizeof buf, "対象外の理由: %s", c->reason);
            nb_put_clipped(ty + 2, 2, COLS - 3, buf, NB_R_WARN);
        }
        nb_item_clear(&it);
    }
}

static void draw_buttons(nb_app *app, items_state *s, int by)
{
    size_t n = nb_answers_item_count(app->ans);
    int nb = n_buttons(app);
    const char *labels[4];
    for (int b = 0; b < nb; b++)
        labels[b] = (app->from_review && b == 2) ? "確認へ戻る" : tbl_buttons[b];
    int bw = 0;
    for (int b = 0; b < nb; b++)
        bw += nb_width(labels[b]) + 6;
    int bx = COLS - bw - 1;
    for (int b = 0; b < nb; b++) {
        char buf[64];
        snprintf(buf, sizeof buf, "「%s」", labels[b]);
        bool focus = s->row == (int)n + b;
        int w = nb_put(by, bx, COLS - bx, buf, focus ? NB_R_BUTTON_FOCUS : NB_R_BUTTON);
        if (focus) {
            app->cur_y = by;
            app->cur_x = bx + 2;
        }
        bx += w + 2;
    }
}

static void draw(nb_app *app)
{
    items_state *s = state(app);
    size_t n = nb_answers_item_count(app->ans);
    if (!s->editing && s->row > (int)n + n_buttons(app) - 1)
        s->row = (int)n;
    if (s->editing) {
        char intro[128];
        snprintf(intro, sizeof intro, "%zu 件目の物品・経費を入力します。", s->item + 1);
        int y = nb_app_draw_header(app, intro);
        nb_form_draw(&s->form, y, NB_BTN_ROW - 3 - y, NB_BTN_ROW);
        nb_item it;
        nb_answers_item_get(app->ans, s->item, &it);
        char amt[32], buf[200];
        nb_yen_format(nb_item_amount(&it), amt, sizeof amt);
        snprintf(buf, sizeof buf, "この行の金額 (数量 x 単価): %s%s", amt,
                 nb_item_eligible(app->def, &it) ? "" : "  (対象外)");
        nb_put(NB_BTN_ROW - 2, 2, COLS - 3, buf, NB_R_TITLE);
        nb_item_clear(&it);
        draw_totals(app, NB_BTN_ROW - 1);
        app->cur_y = s->form.cur_y;
        app->cur_x = s->form.cur_x;
        return;
    }
    int y = nb_app_draw_header(app, NULL);
    app->cur_y = app->cur_x = -1;
    draw_table(app, s, y, NB_BTN_ROW - 2 - y);
    draw_buttons(app, s, NB_BTN_ROW);
}

static void open_item(nb_app *app, items_state *s, size_t i)
{
    s->item = i;
    s->editing = true;
    for (int k = 0; k < IT_N; k++)
        nb_form_set_error(&s->form, k, NULL);
    nb_form_focus(&s->form, 0);
    s->form.top = 0;
    app->msg[0] = '\0';
}

static int add_item(nb_app *app, items_state *s)
{
    nb_item it = {"", "", 0, 0, false, false};
    size_t i = nb_answers_item_add(app->ans, &it);
    item_member_set(app, i, "quantity", NULL, false);
    item_member_set(app, i, "unit_price", NULL, false);
    open_item(app, s, i);
    return NB_H_HANDLED | NB_H_CHANGED;
}

static int delete_item(nb_app *app, items_state *s, size_t i)
{
    nb_item it;
    nb_answers_item_get(app->ans, i, &it);
    char amt[32], q[600];
    nb_yen_format(nb_item_amount(&it), amt, sizeof amt);
    snprintf(q, sizeof q, "No %zu 「%s」(%s) を削除しますか。削除すると元に戻せません。", i + 1,
             *it.description ? it.description : "内容未入力", amt);
    nb_item_clear(&it);
    if (!nb_app_confirm(app, "削除の確認", q, "削除する", "やめる"))
        return NB_H_HANDLED;
    nb_answers_item_delete(app->ans, i);
    nb_app_message(app, NB_R_NORMAL, "No %zu を削除しました。", i + 1);
    if (s->row > 0 && (size_t)s->row >= nb_answers_item_count(app->ans))
        s->row--;
    return NB_H_HANDLED | NB_H_CHANGED;
}

static int handle_table(nb_app *app, items_state *s, const nb_ev *ev)
{
    int n = (int)nb_answers_item_count(app->ans);
    int total = n + n_buttons(app);
    switch (ev->a) {
    case NB_A_NEXT:
        s->row = (s->row + 1) % total;
        return NB_H_HANDLED;
    case NB_A_PREV:
        s->row = (s->row + total - 1) % total;
        return NB_H_HANDLED;
    case NB_A_LEFT:
        if (s->row > n)
            s->row--;
        return NB_H_HANDLED;
    case NB_A_RIGHT:
        if (s->row >= n && s->row < total - 1)
            s->row++;
        return NB_H_HANDLED;
    case NB_A_DELETE:
        return s->row < n ? delete_item(app, s, (size_t)s->row) : NB_H_HANDLED;
    case NB_A_CHAR:
        if (ev->ch == 'd' && s->row < n)
            return delete_item(app, s, (size_t)s->row);
        if (ev->ch == 'a' || ev->ch == '+')
            return add_item(app, s);
        if (ev->ch != ' ') {
            /* No field here to take the key: say so instead of dropping it. */
            nb_app_refuse_key(app, ev->ch, "一覧には文字を入れる欄がありません。行を選んで Enter で直すか、a で行を追加してください。");
            return NB_H_HANDLED;
        }
        __attribute__((fallthrough)); /* Space acts like Enter */
    case NB_A_ENTER:
        if (s->row < n) {
            open_item(app, s, (size_t)s->row);
            return NB_H_HANDLED;
        }
        switch (s->row - n) {
        case 0:
            return add_item(app, s);
        case 1:
            nb_app_prev_page(app);
            return NB_H_HANDLED;
        case 2: {
            const nb_report *r = nb_app_report(app);
            for (size_t k = 0; k < r->n_problems; k++)
                if (strncmp(r->problems[k].field, "items", 5) == 0) {
                    nb_app_message(app, NB_R_ERROR, "! %s", r->problems[k].message);
                    if (strncmp(r->problems[k].field, "items[", 6) == 0)
                        enter(app, r->problems[k].field);
                    return NB_H_HANDLED;
                }
            nb_app_next_page(app);
            return NB_H_HANDLED;
        }
        case 3:
            if (app->review_page >= 0)
                nb_app_goto(app, app->review_page, NULL);
            return NB_H_HANDLED;
        }
        return NB_H_HANDLED;
    default:
        return NB_H_IGNORED;
    }
}

static int handle(nb_app *app, const nb_ev *ev)
{
    items_state *s = state(app);
    if (!s->editing)
        return handle_table(app, s, ev);
    if (ev->a == NB_A_ESC || ev->a == NB_A_PAGE_NEXT || ev->a == NB_A_PAGE_PREV) {
        if (nb_form_commit(&s->form))
            nb_app_changed(app);
        s->editing = false;
        s->row = (int)s->item;
        if (app->from_review && ev->a == NB_A_ESC)
            nb_app_next_page(app);   /* back to the review page */
        return NB_H_HANDLED;
    }
    int r = nb_form_handle(&s->form, ev);
    int out = (r & NB_FORM_CHANGED) ? NB_H_CHANGED : 0;
    if (r & NB_FORM_BUTTON) {
        s->editing = false;
        s->row = (int)s->item;
        if (out)
            nb_app_changed(app);
        if (app->from_review)
            nb_app_next_page(app);   /* back to the review page */
        return NB_H_HANDLED;
    }
    return out | (r ? NB_H_HANDLED : 0);
}

static const char *keys(nb_app *app)
{
    items_state *s = state(app);
    if (s->editing)
        return nb_form_field(&s->form) ? "Tab/Enter:次  Esc:一覧へ  F1:説明" : "Enter:一覧に戻る";
    if (s->row < (int)nb_answers_item_count(app->ans))
        return "Enter:編集  Delete/d:削除  a:追加  Tab:移動";
    return "Enter:押す  a:追加  Tab:移動";
}

static const char *focus_id(nb_app *app)
{
    items_state *s = state(app);
    static char buf[64];
    if (!s->editing)
        return NULL;
    const nb_field *f = nb_form_field(&s->form);
    snprintf(buf, sizeof buf, "items[%zu].%s", s->item, f ? f->id : "category");
    return buf;
}

static const char *help(nb_app *app, const char **title)
{
    items_state *s = state(app);
    if (s->editing) {
        const nb_field *f = nb_form_field(&s->form);
        if (f && strcmp(f->id, "category") == 0) {
            static char buf[4096];
            size_t o = 0;
            for (size_t i = 0; i < app->def->n_categories && o < 3900; i++) {
                const nb_category *c = &app->def->categories[i];
                o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%s%s: %s", i ? "\n" : "", c->label,
                                      c->eligible ? "" : " (対象外)", c->help ? c->help : "");
            }
            *title = "区分";
            return buf;
        }
        if (f) {
            *title = f->label;
            return nb_form_help(f);
        }
    }
    *title = "整備予定の物品・経費";
    return "購入や改修の予定を1件ずつ入力します。「行を追加」(または a) で新しい行、行を選んで Enter で編集、"
           "Delete (または d) で削除します。金額は数量 x 単価で自動計算され、対象外の区分は補助の対象経費に含まれません。";
}

static void destroy(void *state)
{
    items_state *s = state;
    nb_form_free(&s->form);
    for (size_t i = 0; i < s->fields[IT_CATEGORY].n_choices; i++)
        free(s->choices[i].label);
    free(s->choices);
    free(s);
}

const nb_page_ops nb_page_items = {
    .enter = enter, .flush = flush, .draw = draw, .handle = handle, .keys = keys,
    .focus_id = focus_id, .help = help, .destroy = destroy,
};
