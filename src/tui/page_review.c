/* The review page: problems first (each jumps to its field), then the
 * calculation with the bound that applied, then every answer grouped by
 * page. Enter on a line opens that field; Enter there comes back here. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app.h"
#include "nanbyo/xalloc.h"
#include "nanbyo/yen.h"

typedef struct {
    char *text;
    char *value;      /* right column, may be NULL */
    char *jump;       /* field id to open, NULL = not selectable */
    nb_role role;
} line;

typedef struct {
    line *v;
    size_t n, cap;
    int focus;        /* index into v, or -1 - button */
    int top;
    int button;       /* -1 none, 0 戻る, 1 次へ */
} review_state;

static void add(review_state *s, nb_role role, const char *jump, const char *value, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void add(review_state *s, nb_role role, const char *jump, const char *value, const char *fmt, ...)
{
    s->v = xgrowarray(s->v, &s->cap, s->n + 1, sizeof *s->v, 64);
    char buf[1400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    nb_utf8_fix_tail(buf);
    s->v[s->n++] = (line){xstrdup(buf), value ? xstrdup(value) : NULL, jump ? xstrdup(jump) : NULL, role};
}

static void lines_clear(review_state *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->v[i].text);
        free(s->v[i].value);
        free(s->v[i].jump);
    }
    s->n = 0;
}

/* Label of a problem's place: field label or 物品 No k. */
static void place_label(const nb_app *app, const char *field, char *out, size_t n)
{
    const nb_field *f = nb_def_field(app->def, field);
    if (f) {
        snprintf(out, n, "%s", f->label);
    } else if (strncmp(field, "items[", 6) == 0) {
        snprintf(out, n, "物品・経費 No %lu", strtoul(field + 6, NULL, 10) + 1);
    } else if (strcmp(field, "items") == 0) {
        snprintf(out, n, "物品・経費");
    } else {
        snprintf(out, n, "%s", field);
    }
}

static void build(nb_app *app, review_state *s)
{
    lines_clear(s);
    const nb_report *r = nb_app_report(app);
    char place[256], a[32];
    if (r->n_problems) {
        add(s, NB_R_ERROR, NULL, NULL, "直す必要がある問題: %zu 件 (Enter でその項目へ移動します)", r->n_problems);
        for (size_t i = 0; i < r->n_problems; i++) {
            place_label(app, r->problems[i].field, place, sizeof place);
            add(s, NB_R_ERROR, r->problems[i].field, NULL, "! %s: %s", place, r->problems[i].message);
        }
    } else {
        add(s, NB_R_OK, NULL, NULL, "問題はありません。「次へ」で提出に進めます。");
    }
    for (size_t i = 0; i < r->n_warnings; i++) {
        place_label(app, r->warnings[i].field, place, sizeof place);
        add(s, NB_R_WARN, r->warnings[i].field, NULL, "注意 %s: %s", place, r->warnings[i].message);
    }
    add(s, NB_R_NORMAL, NULL, NULL, " ");
    nb_subsidy d;
    nb_survey_derive(app->def, app->ans, &d);
    add(s, NB_R_TITLE, NULL, NULL, "補助所要額の計算");
#define AMT(label, v, mark)                                                       \
    do {                                                                          \
        nb_yen_format((v), a, sizeof a);                                          \
        char right[80];                                                           \
        snprintf(right, sizeof right, "%14s%s", a, (mark) ? "  <- 適用" : ""); \
        add(s, NB_R_NORMAL, NULL, right, "  %s", label);                          \
    } while (0)
    AMT("総事業費", d.total, false);
    AMT("寄付金その他の収入額", d.other_income, false);
    AMT("差引額", d.net, d.binding == NB_BIND_NET);
    AMT("対象経費の実支出予定額", d.eligible, d.binding == NB_BIND_ELIGIBLE);
    AMT("基準額", d.base, d.binding == NB_BIND_BASE);
    AMT("選定額 (上の3つのうち最も少ない額)", d.selected, false);
    AMT("補助所要額", d.subsidy, d.binding == NB_BIND_CAP);
#undef AMT
    const char *why = "";
    switch (d.binding) {
    case NB_BIND_BASE: why = "基準額が最も少ないため、基準額をもとに計算しました。"; break;
    case NB_BIND_ELIGIBLE: why = "実支出額 (対象経費) が最も少ないため、それをもとに計算しました。"; break;
    case NB_BIND_NET: why = "差引額が最も少ないため、それをもとに計算しました。"; break;
    case NB_BIND_CAP: why = "計算額が上限を超えたため、上限額にしました。"; break;
    default: why = "対象経費がまだありません。"; break;
    }
    char rate[200], unit[32], cap[32];
    add(s, NB_R_HINT, NULL, NULL, "  %s", why);
    nb_yen_format(app->def->money.unit, unit, sizeof unit);
    nb_yen_format(app->def->money.cap, cap, sizeof cap);
    snprintf(rate, sizeof rate, "  補助所要額 = 選定額 x %lld/%lld (%s未満切り捨て)、上限 %s",
             (long long)app->def->money.rate_num, (long long)app->def->money.rate_den, unit, cap);
    add(s, NB_R_HINT, NULL, NULL, "%s", rate);
    for (size_t p = 0; p < app->def->n_pages; p++) {
        const nb_page *pg = &app->def->pages[p];
        if (pg->kind == NB_PAGE_FIELDS) {
            add(s, NB_R_NORMAL, NULL, NULL, " ");
            add(s, NB_R_TITLE, NULL, NULL, "%s", pg->title);
            for (size_t i = 0; i < pg->n_fields; i++) {
                const nb_field *f = pg->fields[i];
                char *v = nb_app_display_value(app, f);
                add(s, NB_R_NORMAL, f->id, v ? v : "(未入力)", "  %s", f->label);
                free(v);
            }
        } else if (pg->kind == NB_PAGE_ITEMS) {
            add(s, NB_R_NORMAL, NULL, NULL, " ");
            add(s, NB_R_TITLE, NULL, NULL, "%s", pg->title);
            size_t n = nb_answers_item_count(app->ans);
            if (n == 0)
                add(s, NB_R_NORMAL, "items", "(未入力)", "  物品・経費");
            for (size_t i = 0; i < n; i++) {
                nb_item it;
                nb_answers_item_get(app->ans, i, &it);
                const nb_category *c = nb_def_category(app->def, it.category);
                char jump[40], amt[32], right[120];
                snprintf(jump, sizeof jump, "items[%zu].category", i);
                nb_yen_format(nb_item_amount(&it), amt, sizeof amt);
                snprintf(right, sizeof right, "%s%s", amt, nb_item_eligible(app->def, &it) ? "" : " 対象外");
                add(s, NB_R_NORMAL, jump, right, "  %zu. %s %s", i + 1, c ? c->label : "(区分未選択)",
                    it.description);
                nb_item_clear(&it);
            }
        }
    }
}

static review_state *state(nb_app *app)
{
    review_state *s = app->state[app->page];
    if (!s) {
        s = xcalloc(1, sizeof *s);
        app->state[app->page] = s;
    }
    return s;
}

static int next_selectable(review_state *s, int from, int dir)
{
    for (int i = from + dir; i >= 0 && i < (int)s->n; i += dir)
        if (s->v[i].jump)
            return i;
    return -1;
}

static void enter(nb_app *app, const char *field)
{
    review_state *s = state(app);
    (void)field;
    build(app, s);
    s->focus = next_selectable(s, -1, 1);
    s->button = s->focus < 0 ? 1 : -1;
    s->top = 0;
}

static void draw(nb_app *app)
{
    review_state *s = state(app);
    build(app, s);
    if (s->focus >= (int)s->n || (s->focus >= 0 && !s->v[s->focus].jump))
        s->focus = next_selectable(s, -1, 1);
    int y = nb_app_draw_header(app, "回答の一覧です。直す項目を選んで Enter を押すと、その項目へ移動します。");
    int rows = NB_BTN_ROW - 3 - y;
    if (s->focus >= 0) {
        if (s->focus < s->top)
            s->top = s->focus > 0 && !s->v[s->focus - 1].jump ? s->focus - 1 : s->focus;
        if (s->focus >= s->top + rows)
            s->top = s->focus - rows + 1;
    }
    if (s->top > (int)s->n - 1)
        s->top = 0;
    /* The label column fits the short labels; a long one (a declaration)
     * runs on with its value after it when the line has room, so a wide
     * terminal shows it whole, and is cut with "..." only when not. */
    int lw = 8;
    for (size_t k = 0; k < s->n; k++)
        if (s->v[k].value && nb_width(s->v[k].text) > lw && nb_width(s->v[k].text) <= 32)
            lw = nb_width(s->v[k].text);
    int vx = 2 + lw + 3;
    if (vx > COLS / 2)
        vx = COLS / 2;
    for (int r = 0; r < rows && s->top + r < (int)s->n; r++) {
        line *l = &s->v[s->top + r];
        bool focus = s->button < 0 && s->top + r == s->focus;
        nb_role role = focus ? NB_R_FIELD_FOCUS : l->role;
        if (focus) {
            nb_fill(y + r, 2, COLS - 3, role);
            nb_put(y + r, 0, 1, ">", NB_R_TITLE);
            app->cur_y = y + r;
            app->cur_x = 2;
        }
        int tw = nb_width(l->text), x = vx;
        if (l->value && tw > vx - 3 && 2 + tw + 2 + nb_width(l->value) <= COLS - 1)
            x = 2 + tw + 2;
        nb_put_clipped(y + r, 2, l->value ? x - 3 : COLS - 3, l->text, role);
        if (l->value)
            nb_put_clipped(y + r, x, COLS - x - 1, l->value, role);
    }
    /* The focused line in full (long problems are cut in the list). */
    if (s->button < 0 && s->focus >= 0 && s->focus < (int)s->n) {
        line *l = &s->v[s->focus];
        char full[2000];
        snprintf(full, sizeof full, "%s%s%s", l->text, l->value ? "  " : "", l->value ? l->value : "");
        const char *p = full;
        while (*p == ' ')
            p++;
        if (nb_width(full) > COLS - 3 || l->value)
            nb_put_wrapped(y + rows + 1, 2, COLS - 4, 2, p, NB_R_HINT);
    }
    if (s->top + rows < (int)s->n)
        nb_put(NB_BTN_ROW, 2, 30, "(下に続きがあります)", NB_R_HINT);
    else if (s->top > 0)
        nb_put(NB_BTN_ROW, 2, 30, "(上に続きがあります)", NB_R_HINT);
    const char *b[2] = {"「戻る」", "「次へ」"};
    int bx = COLS - 22;
    for (int k = 0; k < 2; k++) {
        int w = nb_put(NB_BTN_ROW, bx, 12, b[k], s->button == k ? NB_R_BUTTON_FOCUS : NB_R_BUTTON);
        if (s->button == k) {
            app->cur_y = NB_BTN_ROW;
            app->cur_x = bx + 2;
        }
        bx += w + 2;
    }
}

static int handle(nb_app *app, const nb_ev *ev)
{
    review_state *s = state(app);
    build(app, s);
    switch (ev->a) {
    case NB_A_NEXT:
        if (s->button == 0) {
            s->button = 1;
        } else if (s->button == 1) {
            s->button = -1;
            s->focus = next_selectable(s, -1, 1);
            if (s->focus < 0)
                s->button = 0;
        } else {
            int n = next_selectable(s, s->focus, 1);
            if (n < 0)
                s->button = 0;
            else
                s->focus = n;
        }
        return NB_H_HANDLED;
    case NB_A_PREV:
        if (s->button == 1) {
            s->button = 0;
        } else if (s->button == 0) {
            s->button = -1;
            int last = next_selectable(s, (int)s->n, -1);
            s->focus = last;
            if (last < 0)
                s->button = 1;
        } else {
            int p = next_selectable(s, s->focus, -1);
            if (p < 0)
                s->button = 1;
            else
                s->focus = p;
        }
        return NB_H_HANDLED;
    case NB_A_LEFT:
    case NB_A_RIGHT:
        if (s->button >= 0)
            s->button = ev->a == NB_A_LEFT ? 0 : 1;
        return NB_H_HANDLED;
    case NB_A_ENTER:
        if (s->button == 0) {
            nb_app_prev_page(app);
        } else if (s->button == 1) {
            nb_app_next_page(app);
        } else if (s->focus >= 0 && s->v[s->focus].jump) {
            char *j = xstrdup(s->v[s->focus].jump);
            if (!nb_app_jump(app, j))
                nb_app_message(app, NB_R_ERROR, "この項目はどのページにもないため、移動できません。");
            free(j);
        }
        return NB_H_HANDLED;
    case NB_A_CHAR:
        if (ev->ch == ' ')
            return handle(app, &(nb_ev){.a = NB_A_ENTER});
        nb_app_refuse_key(app, ev->ch, s->button >= 0
                          ? "このページには文字を入れる欄がありません。Enter でボタンを押すか、上下で直す項目を選んでください。"
                          : "このページには文字を入れる欄がありません。直す項目を選んで Enter を押すと、その項目へ移ります。");
        return NB_H_HANDLED;
    default:
        return NB_H_IGNORED;
    }
}

static const char *keys(nb_app *app)
{
    review_state *s = state(app);
    return s->button >= 0 ? "Enter:押す  Tab:移動" : "Enter:この項目を直す  Tab/上下:移動";
}

static const char *help(nb_app *app, const char **title)
{
    (void)app;
    *title = "確認";
    return "問題がある項目は一覧の先頭に「!」付きで出ます。行を選んで Enter を押すとその項目へ移動し、"
           "直して Enter を押すとこのページに戻ります。「注意」は直さなくても提出できます。";
}

static void destroy(void *state)
{
    review_state *s = state;
    lines_clear(s);
    free(s->v);
    free(s);
}

const nb_page_ops nb_page_review = {
    .enter = enter, .draw = draw, .handle = handle, .keys = keys, .help = help, .destroy = destroy,
};
