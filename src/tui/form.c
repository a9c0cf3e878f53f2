/* Field column widget (see form.h). Layout per field, left to right:
 * focus marker ">", "必須" when required, the label, then the input in
 * brackets; messages in words on the rows below ("! ..." for problems,
 * "注意: ..." for warnings), so nothing depends on colour. */
#include "form.h"
#include <stdlib.h>
#include <string.h>
#include "nanbyo/survey.h"
#include "nanbyo/utf8.h"
#include "nanbyo/xalloc.h"
#include "term.h"

#define LABEL_X 7
#define LABEL_CAP 30
/* Room kept after a text input for its count ("123/400"). */
#define COUNT_CELLS 10

void nb_form_init(nb_form *fm, const nb_field **f, int n, nb_form_io io, void *ctx)
{
    memset(fm, 0, sizeof *fm);
    fm->f = f;
    fm->n = n;
    fm->err = xcalloc((size_t)(n > 0 ? n : 1), sizeof *fm->err);
    fm->io = io;
    fm->ctx = ctx;
    fm->ed_idx = -1;
    fm->secret = -1;
    nb_le_init(&fm->ed, 0, NB_LE_ANY);
}

void nb_form_free(nb_form *fm)
{
    if (fm->err)
        for (int i = 0; i < fm->n; i++)
            free(fm->err[i]);
    free(fm->err);
    fm->err = NULL;
    nb_le_free(&fm->ed);
}

void nb_form_set_buttons(nb_form *fm, const char *const *labels, int n)
{
    fm->nbuttons = n > 4 ? 4 : n;
    for (int i = 0; i < fm->nbuttons; i++)
        fm->buttons[i] = labels[i];
    /* 「戻る」 comes first on screen; the way forward is the one after it. */
    fm->primary = fm->nbuttons > 1 ? 1 : 0;
}

static bool is_text(const nb_field *f)
{
    return f->type != NB_FT_CHOICE && f->type != NB_FT_CONFIRM;
}

/* Characters this field holds (0 = no limit): shown as a count while it
 * has the focus. Typing and pasting past it are kept and marked in words,
 * never cut. */
static int limit_of(const nb_field *f)
{
    return nb_field_max_chars(f);
}

static void load_editor(nb_form *fm, int i)
{
    nb_le_free(&fm->ed);
    fm->ed_idx = -1;
    if (i < 0 || i >= fm->n || !is_text(fm->f[i]))
        return;
    /* Every character typed goes in, whatever the field's type: the whole
     * value is read when the field is left, and what cannot be read stays
     * as typed with a sentence (never a silently dropped character). */
    nb_le_init(&fm->ed, 0, NB_LE_ANY);
    fm->ed.multiline = fm->f[i]->type == NB_FT_MULTILINE;
    char *v = fm->io.get(fm->ctx, fm->f[i]);
    nb_le_set_text(&fm->ed, v ? v : "");
    free(v);
    fm->ed_idx = i;
}

void nb_form_set_error(nb_form *fm, int i, const char *msg)
{
    if (i < 0 || i >= fm->n)
        return;
    free(fm->err[i]);
    fm->err[i] = msg ? xstrdup(msg) : NULL;
}

bool nb_form_commit(nb_form *fm)
{
    int i = fm->ed_idx;
    if (i < 0)
        return false;
    const nb_field *f = fm->f[i];
    char *text = nb_le_text(&fm->ed);
    if (!text)
        return false;
    char *old = fm->io.get(fm->ctx, f);
    char *norm = NULL, *err = NULL;
    bool empty = text[strspn(text, " \t\n")] == '\0';
    if (!empty && fm->io.check)
        err = fm->io.check(fm->ctx, f, text, &norm);
    const char *store = empty ? NULL : (err ? text : (norm ? norm : text));
    bool changed = !((old == NULL && store == NULL) || (old && store && strcmp(old, store) == 0));
    if (changed || err)
        fm->io.set(fm->ctx, f, store, err == NULL);
    free(fm->err[i]);
    fm->err[i] = err;
    /* Show the normalised form (e.g. 083-933-2969) in the editor. */
    if (!err && norm && strcmp(norm, text) != 0) {
        size_t cur = fm->ed.cursor;
        nb_le_set_text(&fm->ed, norm);
        if (cur < fm->ed.cursor)
            fm->ed.cursor = fm->ed.len;
    }
    free(norm);
    free(old);
    free(text);
    return changed;
}

void nb_form_focus(nb_form *fm, int i)
{
    if (i < 0)
        i = 0;
    if (i >= fm->n + fm->nbuttons)
        i = fm->n + fm->nbuttons - 1;
    fm->focus = i;
    if (i < fm->n)
        fm->last_field = i;
    if (i < fm->n)
        load_editor(fm, i);
    else
        load_editor(fm, -1);
}

int nb_form_find(const nb_form *fm, const char *id)
{
    for (int i = 0; id && i < fm->n; i++)
        if (strcmp(fm->f[i]->id, id) == 0)
            return i;
    return -1;
}

const nb_field *nb_form_field(const nb_form *fm)
{
    return fm->focus < fm->n ? fm->f[fm->focus] : NULL;
}

/* ---- layout ---- */

static int label_width(const nb_form *fm)
{
    int w = 8;
    for (int i = 0; i < fm->n; i++) {
        if (fm->f[i]->type == NB_FT_CONFIRM)
            continue;
        int lw = nb_width(fm->f[i]->label);
        if (lw <= LABEL_CAP && lw > w)
            w = lw;
    }
    return w;
}

static int input_width(const nb_field *f, int avail)
{
    int w;
    switch (f->type) {
    case NB_FT_COUNT: w = 8; break;
    case NB_FT_YEN: w = 22; break;
    case NB_FT_DATE: w = 16; break;   /* room after it for 令和8年12月31日(木) */
    case NB_FT_PHONE: w = 18; break;
    case NB_FT_POSTAL: w = 10; break;
    case NB_FT_INST_CODE: w = 14; break;
    default: w = avail - COUNT_CELLS; break;
    }
    if (f->max_length > 0 && f->type == NB_FT_TEXT && f->max_length * 2 + 1 < w)
        w = f->max_length * 2 + 1;
    int pw = f->placeholder ? nb_width(f->placeholder) + 1 : 0;
    if (pw > w)
        w = pw;
    return w > avail ? avail : w;
}

static bool own_label_row(const nb_field *f, int lw)
{
    return f->type == NB_FT_CONFIRM || nb_width(f->label) > lw;
}

static int choice_cells(const nb_field *f)
{
    int w = 0;
    for (size_t k = 0; k < f->n_choices; k++)
        w += 4 + nb_width(f->choices[k].label) + (k + 1 < f->n_choices ? 3 : 0);
    return w;
}

static const char *yesno_value[2] = {"true", "false"};
static const char *yesno_label[2] = {"はい", "いいえ"};

static int n_options(const nb_field *f)
{
    return f->type == NB_FT_CONFIRM ? 2 : (int)f->n_choices;
}

static const char *opt_value(const nb_field *f, int k)
{
    return f->type == NB_FT_CONFIRM ? yesno_value[k] : f->choices[k].value;
}

static const char *opt_label(const nb_field *f, int k)
{
    return f->type == NB_FT_CONFIRM ? yesno_label[k] : f->choices[k].label;
}

static int selected_option(nb_form *fm, const nb_field *f)
{
    char *v = fm->io.get(fm->ctx, f);
    int sel = -1;
    for (int k = 0; v && k < n_options(f); k++)
        if (strcmp(v, opt_value(f, k)) == 0)
            sel = k;
    free(v);
    return sel;
}

typedef struct {
    int label_rows;  /* 0 or 1 */
    int value_rows;
    int msg_rows;
    bool vertical;   /* choices one per row */
    bool spinner;    /* many long choices: one row, left/right cycles */
} field_layout;

static int msg_rows_for(const char *msg, int width)
{
    if (!msg)
        return 0;
    size_t off[4], len[4];
    int n = nb_wrap(msg, width, off, len, 4);
    return n > 3 ? 3 : n;
}

/* The sentence shown with "!" under field i: the one from leaving it, or
 * while it has the focus and holds too much, a live one (malloc'd). */
static char *err_of(const nb_form *fm, int i)
{
    if (fm->err[i])
        return xstrdup(fm->err[i]);
    int max = limit_of(fm->f[i]);
    if (i != fm->focus || fm->ed_idx != i || max <= 0 || fm->ed.len <= (size_t)max)
        return NULL;
    char buf[160];
    snprintf(buf, sizeof buf, "%d文字までです (いま%zu文字)。%zu文字減らしてください。", max, fm->ed.len,
             fm->ed.len - (size_t)max);
    return xstrdup(buf);
}

static char *warn_of(nb_form *fm, int i)
{
    return fm->io.warn ? fm->io.warn(fm->ctx, fm->f[i]) : NULL;
}

static field_layout layout(nb_form *fm, int i, int lw, int vx)
{
    const nb_field *f = fm->f[i];
    field_layout L = {0, 1, 0, false, false};
    L.label_rows = own_label_row(f, lw) ? 1 : 0;
    if (f->type == NB_FT_MULTILINE)
        L.value_rows = 3;
    if (f->type == NB_FT_CHOICE && vx + choice_cells(f) > COLS - 1) {
        if (f->n_choices > 4) {
            L.spinner = true;
        } else {
            L.vertical = true;
            L.value_rows = (int)f->n_choices;
        }
    }
    int mw = COLS - LABEL_X - 4;
    char *e = err_of(fm, i);
    L.msg_rows = msg_rows_for(e, mw);
    free(e);
    char *w = warn_of(fm, i);
    L.msg_rows += msg_rows_for(w, mw);
    free(w);
    return L;
}

/* ---- drawing ---- */

static void draw_editor(nb_form *fm, int y, int x, int w, bool focus, const nb_field *f, bool secret)
{
    nb_role role = focus ? NB_R_FIELD_FOCUS : NB_R_FIELD;
    nb_put(y, x, 1, "[", NB_R_NORMAL);
    nb_fill(y, x + 1, w, role);
    nb_put(y, x + 1 + w, 1, "]", NB_R_NORMAL);
    if (focus) {
        size_t first, count;
        int col = nb_le_view(&fm->ed, w, &first, &count);
        if (fm->ed.len == 0 && f->placeholder && *f->placeholder) {
            nb_put(y, x + 1, w, f->placeholder, NB_R_PLACEHOLDER);
            col = 0;
        } else {
            char buf[4096];
            size_t o = 0;
            for (size_t k = first; k < first + count && o + 5 < sizeof buf; k++)
                o += secret ? (buf[o] = '*', 1) : nb_utf8_encode(fm->ed.cp[k], buf + o);
            buf[o] = '\0';
            nb_put(y, x + 1, w, buf, role);
        }
        fm->cur_y = y;
        fm->cur_x = x + 1 + col;
        return;
    }
    char *v = fm->io.get(fm->ctx, f);
    if (v && secret) {
        size_t n = nb_utf8_count(v);
        memset(v, '*', n);
        v[n] = '\0';
    }
    if (v && *v)
        nb_put(y, x + 1, w, v, role);
    else if (f->placeholder && *f->placeholder)
        nb_put(y, x + 1, w, f->placeholder, NB_R_PLACEHOLDER);
    free(v);
}

static void draw_multiline(nb_form *fm, int y, int x, int w, int rows, bool focus, const nb_field *f)
{
    nb_lineedit tmp, *le = &fm->ed;
    if (!focus) {
        nb_le_init(&tmp, 0, NB_LE_ANY);
        tmp.multiline = true;
        char *v = fm->io.get(fm->ctx, f);
        nb_le_set_text(&tmp, v ? v : "");
        free(v);
        le = &tmp;
    }
    nb_role role = focus ? NB_R_FIELD_FOCUS : NB_R_FIELD;
    for (int r = 0; r < rows; r++) {
        nb_put(y + r, x, 1, "[", NB_R_NORMAL);
        nb_fill(y + r, x + 1, w, role);
        nb_put(y + r, x + 1 + w, 1, "]", NB_R_NORMAL);
    }
    int *row = xmalloc((le->len + 1) * sizeof *row), *col = xmalloc((le->len + 1) * sizeof *col);
    if (row && col) {
        nb_le_wrap(le, w, row, col);
        int crow = row[focus ? le->cursor : 0];
        int first = crow >= rows ? crow - rows + 1 : 0;
        for (size_t k = 0; k < le->len; k++) {
            if (le->cp[k] == '\n' || row[k] < first || row[k] >= first + rows)
                continue;
            char b[8];
            size_t n = nb_utf8_encode(le->cp[k], b);
            b[n] = '\0';
            nb_put(y + row[k] - first, x + 1 + col[k], le->w[k] ? le->w[k] : 1, b, role);
        }
        if (focus) {
            fm->cur_y = y + row[le->cursor] - first;
            fm->cur_x = x + 1 + col[le->cursor];
        }
    }
    free(row);
    free(col);
    if (!focus)
        nb_le_free(&tmp);
}

static void draw_options(nb_form *fm, int y, int x, bool focus, const nb_field *f, bool vertical)
{
    int sel = selected_option(fm, f);
    int cx = x, cy = y;
    for (int k = 0; k < n_options(f); k++) {
        char buf[512];
        snprintf(buf, sizeof buf, "(%s) %s", k == sel ? "*" : " ", opt_label(f, k));
        bool here = focus && (k == sel || (sel < 0 && k == 0));
        int w = nb_put(cy, cx, COLS - cx - 1, buf, here ? NB_R_FIELD_FOCUS : NB_R_NORMAL);
        if (here) {
            fm->cur_y = cy;
            fm->cur_x = cx + 1;
        }
        if (vertical)
            cy++;
        else
            cx += w + 3;
    }
}

static void draw_spinner(nb_form *fm, int y, int x, bool focus, const nb_field *f)
{
    int sel = selected_option(fm, f);
    char buf[512];
    char count[48];
    snprintf(count, sizeof count, "  %d/%d%s", sel + 1, n_options(f), focus ? "  左右で選ぶ" : "");
    /* The count keeps its place; a long choice is cut with "..." (the
     * whole label is in the list that F1 shows). */
    snprintf(buf, sizeof buf, "< %s >", sel >= 0 ? opt_label(f, sel) : "選んでください");
    int room = COLS - x - 1 - nb_width(count);
    nb_put_clipped(y, x, room, buf, focus ? NB_R_FIELD_FOCUS : NB_R_FIELD);
    int w = nb_width(buf) < room ? nb_width(buf) : room;
    nb_put(y, x + w, COLS - x - w - 1, count, NB_R_HINT);
    if (focus) {
        fm->cur_y = y;
        fm->cur_x = x + 2;
    }
}

/* "12/60" while a limited text field has the focus; over the limit it is
 * drawn as an error (the sentence under the field says it in words). */
static void draw_count(const nb_form *fm, int y, int x, int w, const nb_field *f)
{
    int max = limit_of(f);
    if (max <= 0 || w <= 0)
        return;
    char buf[48];
    snprintf(buf, sizeof buf, "%zu/%d", fm->ed.len, max);
    nb_put(y, x, w, buf, fm->ed.len > (size_t)max ? NB_R_ERROR : NB_R_HINT);
}

static void draw_msgs(nb_form *fm, int i, int y, int maxrows)
{
    int x = LABEL_X + 2, w = COLS - x - 2;
    int used = 0;
    char *e = err_of(fm, i);
    if (e && used < maxrows) {
        char buf[1200];
        snprintf(buf, sizeof buf, "! %s", e);
        used += nb_put_wrapped(y, x, w, maxrows - used, buf, NB_R_ERROR);
    }
    free(e);
    char *wt = warn_of(fm, i);
    if (wt && used < maxrows) {
        char buf[1200];
        snprintf(buf, sizeof buf, "注意: %s", wt);
        nb_put_wrapped(y + used, x, w, maxrows - used, buf, NB_R_WARN);
    }
    free(wt);
}

void nb_form_draw(nb_form *fm, int y0, int h, int by)
{
    int lw = label_width(fm);
    int vx = LABEL_X + lw + 2;
    int avail = COLS - vx - 3;
    fm->cur_y = fm->cur_x = -1;
    /* Row of each field in a virtual column, then scroll to the focus. */
    int total = 0, ftop = 0, fbot = 0;
    field_layout *L = xreallocarray(NULL, (size_t)(fm->n > 0 ? fm->n : 1), sizeof *L);
    for (int i = 0; i < fm->n; i++) {
        L[i] = layout(fm, i, lw, vx);
        int rows = L[i].label_rows + L[i].value_rows + L[i].msg_rows;
        if (i == fm->focus) {
            ftop = total;
            fbot = total + rows;
        }
        total += rows + (i + 1 < fm->n ? 1 : 0);
    }
    if (fm->focus >= fm->n) {
        ftop = total > h ? total - h : 0;
        fbot = total;
    }
    if (fbot - fm->top > h)
        fm->top = fbot - h;
    if (ftop < fm->top)
        fm->top = ftop;
    if (fm->top > 0 && total - fm->top < h)
        fm->top = total > h ? total - h : 0;
    int row = 0;
    for (int i = 0; i < fm->n; i++) {
        const nb_field *f = fm->f[i];
        bool focus = i == fm->focus;
        int rows = L[i].label_rows + L[i].value_rows + L[i].msg_rows;
        int y = y0 + row - fm->top;
        row += rows + 1;
        if (y + rows <= y0 || y >= y0 + h)
            continue;
#define VISIBLE(yy) ((yy) >= y0 && (yy) < y0 + h)
        if (VISIBLE(y)) {
            if (focus)
                nb_put(y, 0, 1, ">", NB_R_TITLE);
            if (f->required)
                nb_put(y, 2, 4, "必須", NB_R_LABEL);
            nb_put(y, LABEL_X, L[i].label_rows ? COLS - LABEL_X - 1 : lw, f->label,
                   focus ? NB_R_TITLE : NB_R_LABEL);
        }
        int vy = y + L[i].label_rows;
        int x = L[i].label_rows ? LABEL_X + 2 : vx;
        if (f->type == NB_FT_MULTILINE) {
            if (VISIBLE(vy) && VISIBLE(vy + 2))
                draw_multiline(fm, vy, x, COLS - x - 3, 3, focus, f);
            /* The count sits in the label column, under the label. */
            if (focus && VISIBLE(vy + 1) && !L[i].label_rows)
                draw_count(fm, vy + 1, LABEL_X, x - LABEL_X - 1, f);
        } else if (!is_text(f)) {
            if (L[i].spinner && VISIBLE(vy))
                draw_spinner(fm, vy, x, focus, f);
            else if (VISIBLE(vy) && VISIBLE(vy + L[i].value_rows - 1))
                draw_options(fm, vy, x, focus, f, L[i].vertical);
        } else if (VISIBLE(vy)) {
            int w = input_width(f, L[i].label_rows ? COLS - x - 3 : avail);
            draw_editor(fm, vy, x, w, focus, f, i == fm->secret);
            if (focus)
                draw_count(fm, vy, x + w + 3, COLS - (x + w + 3) - 1, f);
            char *after = fm->io.after ? fm->io.after(fm->ctx, f) : NULL;
            if (after && x + w + 3 < COLS - 2)
                nb_put_clipped(vy, x + w + 3, COLS - (x + w + 3) - 1, after, NB_R_HINT);
            free(after);
        }
        int my = vy + L[i].value_rows;
        if (L[i].msg_rows && my < y0 + h && my >= y0)
            draw_msgs(fm, i, my, y0 + h - my < L[i].msg_rows ? y0 + h - my : L[i].msg_rows);
#undef VISIBLE
    }
    /* Scroll hints on the button row, never over a field. */
    if (fm->top > 0 && total - fm->top > h)
        nb_put(by, 2, 30, "(上下に続きがあります)", NB_R_HINT);
    else if (fm->top > 0)
        nb_put(by, 2, 30, "(上に続きがあります)", NB_R_HINT);
    else if (total - fm->top > h)
        nb_put(by, 2, 30, "(下に続きがあります)", NB_R_HINT);
    free(L);
    /* Buttons, right-aligned on their own row. */
    int bw = 0;
    for (int b = 0; b < fm->nbuttons; b++)
        bw += nb_width(fm->buttons[b]) + 4 + 2;
    int bx = COLS - bw - 1;
    if (bx < 2)
        bx = 2;
    for (int b = 0; b < fm->nbuttons; b++) {
        char buf[128];
        snprintf(buf, sizeof buf, "「%s」", fm->buttons[b]);
        bool focus = fm->focus == fm->n + b;
        int w = nb_put(by, bx, COLS - bx, buf, focus ? NB_R_BUTTON_FOCUS : NB_R_BUTTON);
        if (focus) {
            fm->cur_y = by;
            fm->cur_x = bx + 2;
        }
        bx += w + 2;
    }
}

/* ---- keys ---- */

static int set_option(nb_form *fm, const nb_field *f, int k)
{
    int n = n_options(f);
    if (k < 0 || k >= n)
        return NB_FORM_HANDLED;
    if (selected_option(fm, f) == k)
        return NB_FORM_HANDLED;
    fm->io.set(fm->ctx, f, opt_value(f, k), true);
    free(fm->err[fm->focus]);
    fm->err[fm->focus] = NULL;
    return NB_FORM_HANDLED | NB_FORM_CHANGED;
}

static int move_focus(nb_form *fm, int to)
{
    int r = NB_FORM_HANDLED;
    if (nb_form_commit(fm))
        r |= NB_FORM_CHANGED;
    int total = fm->n + fm->nbuttons;
    if (total == 0)
        return r;
    to = (to % total + total) % total;
    nb_form_focus(fm, to);
    return r;
}

int nb_form_handle(nb_form *fm, const nb_ev *ev)
{
    const nb_field *f = nb_form_field(fm);
    switch (ev->a) {
    case NB_A_NEXT:
        if (fm->focus == fm->n - 1 && fm->nbuttons)
            return move_focus(fm, fm->n + fm->primary);
        return move_focus(fm, fm->focus + 1);
    case NB_A_PREV:
        /* Back from the button Tab reached from the last field (or from
         * the first button) returns to that field, not to 「戻る」. */
        if (f == NULL && fm->n > 0 && (fm->focus == fm->n + fm->primary || fm->focus == fm->n))
            return move_focus(fm, fm->n - 1);
        return move_focus(fm, fm->focus - 1);
    case NB_A_ENTER:
        if (!f)
            return NB_FORM_BUTTON | (fm->focus - fm->n);
        /* Ctrl-J is a line break in notes; Enter (CR) still moves on. */
        if (f->type == NB_FT_MULTILINE && ev->key == '\n') {
            if (nb_le_insert(&fm->ed, '\n') != NB_LE_OK)
                beep();
            return NB_FORM_HANDLED;
        }
        if (fm->focus == fm->n - 1 && fm->nbuttons)
            return move_focus(fm, fm->n + fm->primary);
        return move_focus(fm, fm->focus + 1);
    default:
        break;
    }
    if (!f) {
        /* A button has focus: Left/Right move between buttons. */
        if (ev->a == NB_A_LEFT && fm->focus > fm->n)
            return move_focus(fm, fm->focus - 1);
        if (ev->a == NB_A_RIGHT && fm->focus < fm->n + fm->nbuttons - 1)
            return move_focus(fm, fm->focus + 1);
        if (ev->a == NB_A_CHAR && ev->ch == ' ')
            return NB_FORM_BUTTON | (fm->focus - fm->n);
        /* A key typed on a button is never dropped: it goes back to the
         * field the clerk was on, as if the focus had stayed there. */
        if ((ev->a == NB_A_CHAR || ev->a == NB_A_PASTE || ev->a == NB_A_BACKSPACE) && fm->n > 0) {
            int back = fm->last_field >= 0 && fm->last_field < fm->n ? fm->last_field : fm->n - 1;
            nb_form_focus(fm, back);
            return nb_form_handle(fm, ev) | NB_FORM_HANDLED;
        }
        return NB_FORM_IGNORED;
    }
    if (!is_text(f)) {
        int sel = selected_option(fm, f), n = n_options(f);
        switch (ev->a) {
        case NB_A_RIGHT:
            return set_option(fm, f, sel < 0 ? 0 : (sel + 1 < n ? sel + 1 : sel));
        case NB_A_LEFT:
            return set_option(fm, f, sel < 0 ? n - 1 : (sel > 0 ? sel - 1 : 0));
        case NB_A_HOME:
            return set_option(fm, f, 0);
        case NB_A_END:
            return set_option(fm, f, n - 1);
        case NB_A_CHAR:
            if (ev->ch == ' ')
                return set_option(fm, f, sel < 0 ? 0 : (sel + 1) % n);
            if (ev->ch >= '1' && ev->ch <= '9')
                return set_option(fm, f, ev->ch - '1');
            if (f->type == NB_FT_CONFIRM && (ev->ch == 'y' || ev->ch == 'Y'))
                return set_option(fm, f, 0);
            if (f->type == NB_FT_CONFIRM && (ev->ch == 'n' || ev->ch == 'N'))
                return set_option(fm, f, 1);
            return NB_FORM_HANDLED;
        default:
            return NB_FORM_IGNORED;
        }
    }
    nb_le_op op;
    switch (ev->a) {
    case NB_A_PASTE: {
        nb_le_result r = nb_le_insert_utf8(&fm->ed, ev->text, strlen(ev->text));
        if (r == NB_LE_FILTERED || r == NB_LE_FULL)
            beep();
        return NB_FORM_HANDLED;
    }
    case NB_A_CHAR: {
        nb_le_result r = nb_le_insert(&fm->ed, ev->ch);
        if (r == NB_LE_FILTERED || r == NB_LE_FULL)
            beep();
        return NB_FORM_HANDLED;
    }
    case NB_A_LEFT: op = NB_LE_LEFT; break;
    case NB_A_RIGHT: op = NB_LE_RIGHT; break;
    case NB_A_HOME: op = NB_LE_HOME; break;
    case NB_A_END: op = NB_LE_END; break;
    case NB_A_BACKSPACE: op = NB_LE_BACKSPACE; break;
    case NB_A_DELETE: op = NB_LE_DELETE; break;
    case NB_A_KILL_END: op = NB_LE_KILL_END; break;
    case NB_A_KILL_START: op = NB_LE_KILL_START; break;
    default:
        return NB_FORM_IGNORED;
    }
    nb_le_edit(&fm->ed, op);
    return NB_FORM_HANDLED;
}

const char *nb_form_help(const nb_field *f)
{
    /* Sized for the help text, however long the definition makes it. */
    static char *buf;
    free(buf);
    size_t need = (f->help ? strlen(f->help) : 0) + 600;
    buf = xmalloc(need);
    const char *kind = "";
    switch (f->type) {
    case NB_FT_COUNT: kind = "数字で入力します (全角でもかまいません)。"; break;
    case NB_FT_YEN:
        kind = "金額を円単位の数字で入力します (12,000、1万2千円、全角数字も使えます。ない場合は 0 か「なし」)。";
        break;
    case NB_FT_DATE: kind = "日付は 2026-06-01、令和8年6月1日、R8.6.1 のどれでも入力できます。"; break;
    case NB_FT_CHOICE: kind = "左右の矢印、スペース、または番号 (1, 2, ...) で選びます。"; break;
    case NB_FT_CONFIRM: kind = "y で「はい」、n で「いいえ」を選びます。"; break;
    case NB_FT_PHONE: kind = "市外局番から、ハイフン付きでも数字だけでも入力できます。"; break;
    case NB_FT_POSTAL: kind = "郵便番号は 753-8501 のように数字7桁で入力します。"; break;
    case NB_FT_EMAIL: kind = "メールアドレスは半角で入力します (全角で入力したものは半角に直します)。"; break;
    default: break;
    }
    char limit[160] = "";
    if (limit_of(f) > 0)
        snprintf(limit, sizeof limit, " %d文字まで入力できます (入力中は右に「いまの文字数/%d」が出ます)。",
                 limit_of(f), limit_of(f));
    snprintf(buf, need, "%s%s%s%s%s", f->help ? f->help : "", f->help && *f->help ? " " : "", kind, limit,
             f->required ? " この項目は必須です。" : "");
    return buf;
}

const char *nb_form_keys(const nb_form *fm)
{
    const nb_field *f = nb_form_field(fm);
    if (!f)
        return "Enter:押す  左右/Tab:移動";
    if (f->type == NB_FT_CONFIRM)
        return "y:はい n:いいえ  Tab/Enter:次  F1:説明";
    if (f->type == NB_FT_CHOICE)
        return "左右/Space/数字:選ぶ  Tab/Enter:次  F1:説明";
    if (f->type == NB_FT_MULTILINE)
        return "Ctrl-J:改行  Tab/Enter:次  Ctrl-U:消す  F1:説明";
    return "Tab/Enter:次  Shift-Tab:前  Ctrl-U:消す  F1:説明";
}
