/* The rows of the xlsx 調査票, top to bottom, on nine columns A-I: the
 * prefecture's form as ruled boxes under numbered section headings.
 * Labels sit in A-C and answers in D-I so that every box lines up. Row
 * heights follow the text (one line of 10.5 pt is 14.25 pt) and every row
 * is started through nb_xsheet_row, which places the page breaks when
 * the form does not fit on one page (xlsx_page.c). Every amount that a
 * spreadsheet computes is a formula *with* its value computed in C.
 * Section 8, the PC check, has its own file (xlsx_pccheck.c). */
#include <stdlib.h>
#include <string.h>
#include "nanbyo/date.h"
#include "nanbyo/export.h"
#include "nanbyo/xalloc.h"
#include "nanbyo/yen.h"
#include "xlsx_sheet.h"

#define LAST_COL NB_XLSX_LAST_COL
#define BODY_PT NB_XLSX_SIZE
#define SMALL_PT 9.0
#define HEADING_PT 11.0
/* Excel's cell limit is 32767 characters; keep well inside it. */
#define CELL_MAX 32000

void nb_xsheet_text(nb_xsheet *w, lxw_row_t r, int c1, int c2, const char *text, lxw_format *f)
{
    if (w->dry)
        return;
    char *t = nb_export_truncate(text ? text : "", CELL_MAX);
    if (c1 == c2)
        nb_xsheet_err(w, *t ? worksheet_write_string(w->ws, r, (lxw_col_t)c1, t, f)
                            : worksheet_write_blank(w->ws, r, (lxw_col_t)c1, f));
    else
        nb_xsheet_err(w, worksheet_merge_range(w->ws, r, (lxw_col_t)c1, r, (lxw_col_t)c2, t, f));
    free(t);
}

/* Merge with "" first, then overwrite the top-left cell: the way to put a
 * number or formula in a merged block. */
static void put_merged(nb_xsheet *w, lxw_row_t r, int c1, int c2, lxw_format *f)
{
    if (c1 != c2)
        nb_xsheet_err(w, worksheet_merge_range(w->ws, r, (lxw_col_t)c1, r, (lxw_col_t)c2, "", f));
}

static void put_number(nb_xsheet *w, lxw_row_t r, int c1, int c2, double v, lxw_format *f)
{
    if (w->dry)
        return;
    put_merged(w, r, c1, c2, f);
    nb_xsheet_err(w, worksheet_write_number(w->ws, r, (lxw_col_t)c1, v, f));
}

static void put_date(nb_xsheet *w, lxw_row_t r, int c1, int c2, nb_date date, lxw_format *f)
{
    if (w->dry)
        return;
    lxw_datetime dt = {date.y, date.m, date.d, 0, 0, 0};
    put_merged(w, r, c1, c2, f);
    nb_xsheet_err(w, worksheet_write_datetime(w->ws, r, (lxw_col_t)c1, &dt, f));
}

static void put_formula(nb_xsheet *w, lxw_row_t r, int c1, int c2, const char *formula, int64_t value,
                        lxw_format *f)
{
    if (w->dry)
        return;
    put_merged(w, r, c1, c2, f);
    nb_xsheet_err(w, worksheet_write_formula_num(w->ws, r, (lxw_col_t)c1, formula, f, (double)value));
}

static char *cell(lxw_row_t r, int c)
{
    return xasprintf("%c%u", 'A' + c, (unsigned)r + 1);
}

static int max_int(int a, int b)
{
    return a > b ? a : b;
}

/* Height of a row whose boxes hold these texts (10.5 pt). */
static double body_height(int lines)
{
    return nb_xsheet_height(lines, BODY_PT, NB_XLSX_ROW_PT);
}

/* A line of 9 pt text across the sheet, under a table. */
static void note_row(nb_xsheet *w, const char *t)
{
    int lines = nb_xsheet_lines(t, 0, LAST_COL, SMALL_PT);
    lxw_row_t r = nb_xsheet_row(w, nb_xsheet_height(lines, SMALL_PT, NB_XLSX_NOTE_PT));
    nb_xsheet_text(w, r, 0, LAST_COL, t, w->st.note);
}

/* A short remark about a whole section ("※ 補助所要額は…") rides on the
 * right of its heading, as paper forms print 「(単位: 円)」: a row saved
 * on a form that has few to spare. A long title or remark gets its own
 * note row instead. */
void nb_xsheet_heading(nb_xsheet *w, size_t i, const char *title, const char *note)
{
    nb_xsheet_section(w, i);
    bool beside = note && nb_xsheet_lines(title, 0, 2, HEADING_PT) == 1 &&
                  nb_xsheet_lines(note, 3, LAST_COL, SMALL_PT) == 1;
    lxw_row_t r = nb_xsheet_row(w, NB_XLSX_HEADING_PT);
    if (!beside) {
        nb_xsheet_text(w, r, 0, LAST_COL, title, w->st.heading);
        if (note)
            note_row(w, note);
        return;
    }
    nb_xsheet_text(w, r, 0, 2, title, w->st.heading);
    nb_xsheet_text(w, r, 3, LAST_COL, note, w->st.heading_note);
}

/* Where a field goes: a whole row (label A-C, value D-I) or half of one,
 * left (A-C, D-E) or right (F-G, H-I). The right half's edges are the
 * item table's, so every rule on the sheet lines up. */
typedef struct {
    int label1, label2, value1, value2;
} field_slot;

static const field_slot WHOLE = {0, 2, 3, LAST_COL};
static const field_slot LEFT_HALF = {0, 2, 3, 4};
static const field_slot RIGHT_HALF = {5, 6, 7, LAST_COL};

static bool numeric(const nb_xvalue *v)
{
    return v->kind == NB_XV_COUNT || v->kind == NB_XV_YEN || v->kind == NB_XV_DATE;
}

/* Lines the row needs for this field in this slot (numbers and dates are
 * one line: their formats never wrap). */
static int field_lines(const nb_xvalue *v, field_slot s)
{
    int lines = nb_xsheet_lines(v->field->label, s.label1, s.label2, BODY_PT);
    if (!numeric(v))
        lines = max_int(lines, nb_xsheet_lines(v->text, s.value1, s.value2, BODY_PT));
    return lines;
}

static void put_value(nb_xsheet *w, lxw_row_t r, field_slot s, const nb_xvalue *v)
{
    nb_xsheet_name(w, v->field->id, r, s.value1);
    switch (v->kind) {
    case NB_XV_COUNT:
        put_number(w, r, s.value1, s.value2, (double)v->num, w->st.count);
        break;
    case NB_XV_YEN:
        put_number(w, r, s.value1, s.value2, (double)v->num, w->st.yen);
        break;
    case NB_XV_DATE:
        put_date(w, r, s.value1, s.value2, v->date, w->st.date);
        break;
    default:
        nb_xsheet_text(w, r, s.value1, s.value2, v->text, w->st.text);
        break;
    }
}

/* A field's label and value in their slot of row r. */
static void put_field(nb_xsheet *w, lxw_row_t r, field_slot s, const nb_xvalue *v)
{
    nb_xsheet_text(w, r, s.label1, s.label2, v->field->label, w->st.label);
    put_value(w, r, s, v);
}

/* label A-C, value D-I; a declaration (はい/いいえ) gets a long label A-G
 * and its answer in H-I. */
static void field_row(nb_xsheet *w, const nb_xvalue *v)
{
    const char *label = v->field->label;
    if (v->field->type == NB_FT_CONFIRM) {
        lxw_row_t r = nb_xsheet_row(w, body_height(nb_xsheet_lines(label, 0, 6, BODY_PT)));
        nb_xsheet_text(w, r, 0, 6, label, w->st.label);
        nb_xsheet_name(w, v->field->id, r, 7);
        nb_xsheet_text(w, r, 7, LAST_COL, v->text, w->st.center);
        return;
    }
    put_field(w, nb_xsheet_row(w, body_height(field_lines(v, WHOLE))), WHOLE, v);
}

/* A short field (a code, a choice, a phone number, a date, a name that
 * fits) may share its row when label and value each keep to one line of
 * the half: the form loses a row per pair, which is what lets a survey
 * with a full PC check print on one page. Declarations and free text
 * keep whole rows. */
static bool fits_half(const nb_xvalue *v, field_slot s)
{
    nb_field_type t = v->field->type;
    return t != NB_FT_CONFIRM && t != NB_FT_MULTILINE && field_lines(v, s) == 1;
}

/* Worth of pairing value k with k + 1 (0: they cannot share a row). Two
 * of a kind (電話番号 and FAX番号, two dates) read best side by side, but
 * one more pair always beats any number of pairs being of a kind: a
 * section of n values has at most n / 2 pairs, so a pair is worth n + 1
 * and being of a kind 1 more. */
static int pair_worth(const nb_xsection *s, size_t k)
{
    if (k + 1 >= s->n_values)
        return 0;
    const nb_xvalue *a = &s->values[k], *b = &s->values[k + 1];
    if (!fits_half(a, LEFT_HALF) || !fits_half(b, RIGHT_HALF))
        return 0;
    int pair = (int)s->n_values + 1;
    return a->field->type == b->field->type ? pair + 1 : pair;
}

/* Which values start a pair: as many pairs as the section allows, of a
 * kind where there is a choice (greedy from the top would put
 * 小児慢性特定疾病指定医の人数 beside 登録する書類 and leave 登録方法
 * alone). best[k] is the worth of the rows from value k down. */
bool *nb_xsheet_plan_pairs(const nb_xsection *s)
{
    size_t n = s->n_values;
    int *best = xcalloc(n + 2, sizeof *best);
    bool *pair = xcalloc(n + 1, sizeof *pair);
    for (size_t k = n; k-- > 0;) {
        int worth = pair_worth(s, k);
        best[k] = best[k + 1];
        if (worth && best[k + 2] + worth > best[k])
            best[k] = best[k + 2] + worth;
    }
    for (size_t k = 0; k < n;) {
        int worth = pair_worth(s, k);
        pair[k] = worth && best[k] == best[k + 2] + worth;
        k += pair[k] ? 2 : 1;
    }
    free(best);
    return pair;
}

static void pair_row(nb_xsheet *w, const nb_xvalue *a, const nb_xvalue *b)
{
    lxw_row_t r = nb_xsheet_row(w, NB_XLSX_ROW_PT);
    put_field(w, r, LEFT_HALF, a);
    put_field(w, r, RIGHT_HALF, b);
}

bool nb_xsheet_half_fits(const char *text, bool right)
{
    field_slot s = right ? RIGHT_HALF : LEFT_HALF;
    return nb_xsheet_lines(text, s.value1, s.value2, BODY_PT) == 1;
}

void nb_xsheet_half_text(nb_xsheet *w, lxw_row_t r, bool right, const char *label, const char *text)
{
    field_slot s = right ? RIGHT_HALF : LEFT_HALF;
    nb_xsheet_text(w, r, s.label1, s.label2, label, w->st.label);
    nb_xsheet_text(w, r, s.value1, s.value2, text, w->st.text);
}

/* "9 備考" and its one field 備考: the label would only repeat the
 * heading, so the text takes the whole width under it. */
static bool heading_is_label(const nb_xsection *s)
{
    if (s->n_values != 1 || s->values[0].field->type != NB_FT_MULTILINE)
        return false;
    const char *t = s->title;
    while (*t >= '0' && *t <= '9')
        t++;
    while (*t == ' ')
        t++;
    return strcmp(t, s->values[0].field->label) == 0;
}

static void fields_section(nb_xsheet *w, size_t i, const nb_xsection *s)
{
    nb_xsheet_heading(w, i, s->title, NULL);
    if (heading_is_label(s)) {
        const char *t = s->values[0].text;
        lxw_row_t r = nb_xsheet_row(w, body_height(nb_xsheet_lines(t, 0, LAST_COL, BODY_PT)));
        nb_xsheet_name(w, s->values[0].field->id, r, 0);
        nb_xsheet_text(w, r, 0, LAST_COL, t, w->st.text);
        return;
    }
    bool *pair = nb_xsheet_plan_pairs(s);
    for (size_t k = 0; k < s->n_values; k++) {
        if (pair[k]) {
            pair_row(w, &s->values[k], &s->values[k + 1]);
            k++;
        } else {
            field_row(w, &s->values[k]);
        }
    }
    free(pair);
}

static void items_header(nb_xsheet *w, lxw_row_t r)
{
    nb_xsheet_text(w, r, 0, 0, "No.", w->st.th);
    nb_xsheet_text(w, r, 1, 2, "区分", w->st.th);
    nb_xsheet_text(w, r, 3, 4, "内容 (品名・型番など)", w->st.th);
    nb_xsheet_text(w, r, 5, 5, "数量", w->st.th);
    nb_xsheet_text(w, r, 6, 6, "単価 (円)", w->st.th);
    nb_xsheet_text(w, r, 7, 7, "金額 (円)", w->st.th);
    nb_xsheet_text(w, r, 8, 8, "補助対象", w->st.th);
}

/* item_<n>_category, _description, _quantity, _unit_price (n from 1):
 * with the field names, what collect reads an answers file back from
 * when a clinic sends only the xlsx (src/collect/read_xlsx.c). */
static void item_names(nb_xsheet *w, size_t i, lxw_row_t r)
{
    static const struct {
        const char *member;
        int col;
    } cols[] = {{"category", 1}, {"description", 3}, {"quantity", 5}, {"unit_price", 6}};
    for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++) {
        char id[64]; /* "item_" + 20 digits + the longest member */
        snprintf(id, sizeof id, "item_%zu_%s", i + 1, cols[k].member);
        nb_xsheet_name(w, id, r, cols[k].col);
    }
}

/* A category label too long for its cell breaks at the space before its
 * parenthesis (「ランニングコスト」 / 「(月額料金・保守料等)」): left to
 * itself LibreOffice breaks before the 「・」, which may not start a line.
 * The label is the definition's text, not an answer. */
static char *category_cell(const char *label)
{
    char *t = xstrdup(label);
    char *sp = strstr(t, " (");
    if (sp && sp != t && nb_xsheet_lines(t, 1, 2, BODY_PT) > 1)
        *sp = '\n';
    return t;
}

static void item_row(nb_xsheet *w, size_t i, lxw_row_t r)
{
    const nb_xitem *it = &w->d->items[i];
    item_names(w, i, r);
    put_number(w, r, 0, 0, (double)(i + 1), w->st.center);
    char *cat = category_cell(it->category);
    nb_xsheet_text(w, r, 1, 2, cat, w->st.text);
    free(cat);
    nb_xsheet_text(w, r, 3, 4, it->description, w->st.text);
    if (it->quantity_ok && it->unit_price_ok) {
        put_number(w, r, 5, 5, (double)it->quantity, nb_xlsx_quantity_format(w->wb, &w->st, it->unit));
        put_number(w, r, 6, 6, (double)it->unit_price, w->st.number);
        /* per item, so on the stack: "=F12*G12" */
        char formula[32];
        snprintf(formula, sizeof formula, "=F%u*G%u", (unsigned)r + 1, (unsigned)r + 1);
        put_formula(w, r, 7, 7, formula, it->amount, w->st.number);
    } else { /* a draft with what was typed: no formula over text */
        nb_xsheet_text(w, r, 5, 5, it->quantity_text, w->st.text);
        nb_xsheet_text(w, r, 6, 6, it->unit_price_text, w->st.text);
        put_number(w, r, 7, 7, (double)it->amount, w->st.number);
    }
    nb_xsheet_text(w, r, 8, 8, it->eligible ? "対象" : "対象外", w->st.center);
}


/* Rows of the items table; *first and *last get the item rows (last <
 * first when there are none), *total_row the 合計 row. A page break in
 * the table repeats its header row; SUM and SUMIF skip that text. */
static void items_section(nb_xsheet *w, size_t si, const nb_xsection *s, lxw_row_t *first,
                          lxw_row_t *last, lxw_row_t *total_row)
{
    const nb_xdoc *d = w->d;
    char *title = xasprintf("%s (%s)", s->title, d->def->tax_basis ? d->def->tax_basis : "税込");
    nb_xsheet_heading(w, si, title, NULL);
    free(title);
    items_header(w, nb_xsheet_row(w, NB_XLSX_ROW_PT));
    w->table_header = items_header;
    *first = w->row;
    *last = w->row - 1;
    for (size_t i = 0; i < d->n_items; i++) {
        const nb_xitem *it = &d->items[i];
        char *cat = category_cell(it->category);
        int lines = max_int(nb_xsheet_lines(cat, 1, 2, BODY_PT), nb_xsheet_lines(it->description, 3, 4, BODY_PT));
        free(cat);
        lxw_row_t r = nb_xsheet_row(w, body_height(lines));
        if (i == 0)
            *first = r;
        *last = r;
        item_row(w, i, r);
    }
    if (d->n_items == 0)
        nb_xsheet_text(w, nb_xsheet_row(w, NB_XLSX_ROW_PT), 0, LAST_COL, "(物品・経費の入力がありません)",
                 w->st.center);
    lxw_row_t r = *total_row = nb_xsheet_row(w, NB_XLSX_ROW_PT);
    w->table_header = NULL;
    nb_xsheet_text(w, r, 0, 6, "合計", w->st.th);
    if (d->n_items > 0) {
        char *formula = xasprintf("=SUM(H%u:H%u)", (unsigned)*first + 1, (unsigned)*last + 1);
        put_formula(w, r, 7, 7, formula, d->sub.total, w->st.number);
        free(formula);
    } else {
        put_number(w, r, 7, 7, 0, w->st.number);
    }
    nb_xsheet_text(w, r, 8, 8, "", w->st.text);
    /* Why an item is left out, under the table. */
    for (size_t i = 0; i < d->n_items; i++) {
        if (d->items[i].eligible)
            continue;
        char *t = xasprintf("※ No.%zu は補助の対象外です: %s", i + 1, d->items[i].reason);
        note_row(w, t);
        free(t);
    }
}

/* "=MIN(ROUNDDOWN(D30*1/2,-3),50000)" for the subsidy of the selected
 * amount in cell sel. */
static char *subsidy_formula(const nb_money_rule *m, const char *sel)
{
    int digits = 0;
    int64_t u = m->unit;
    while (u >= 10 && u % 10 == 0) {
        u /= 10;
        digits++;
    }
    char *round;
    if (u == 1)
        round = xasprintf("ROUNDDOWN(%s*%lld/%lld,-%d)", sel, (long long)m->rate_num,
                          (long long)m->rate_den, digits);
    else
        round = xasprintf("ROUNDDOWN(%s*%lld/%lld/%lld,0)*%lld", sel, (long long)m->rate_num,
                          (long long)m->rate_den, (long long)m->unit, (long long)m->unit);
    char *f = m->cap > 0 ? xasprintf("=MIN(%s,%lld)", round, (long long)m->cap)
                         : xasprintf("=%s", round);
    free(round);
    return f;
}

/* The formula of amount k, or NULL for an entered number. Every reference
 * points at a row already written (ref[] holds their D cells). */
static char *amount_formula(const nb_xsheet *w, nb_xamount k, char *const ref[], lxw_row_t first,
                            lxw_row_t last, lxw_row_t total_row)
{
    switch (k) {
    case NB_XA_TOTAL:
        return xasprintf("=H%u", (unsigned)total_row + 1);
    case NB_XA_NET:
        /* nb_survey_derive never lets 差引額 go below zero */
        return xasprintf("=MAX(0,%s-%s)", ref[NB_XA_TOTAL], ref[NB_XA_OTHER_INCOME]);
    case NB_XA_ELIGIBLE:
        if (last < first)
            return NULL;
        return xasprintf("=SUMIF(I%u:I%u,\"対象\",H%u:H%u)", (unsigned)first + 1, (unsigned)last + 1,
                         (unsigned)first + 1, (unsigned)last + 1);
    case NB_XA_SELECTED:
        return xasprintf("=MAX(0,MIN(%s,%s,%s))", ref[NB_XA_NET], ref[NB_XA_ELIGIBLE], ref[NB_XA_BASE]);
    case NB_XA_SUBSIDY:
        return subsidy_formula(&w->d->def->money, ref[NB_XA_SELECTED]);
    default:
        return NULL;
    }
}

/* label A-C, amount D-E, how it is computed F-I. */
static void amounts_section(nb_xsheet *w, size_t si, const nb_xsection *s, lxw_row_t first, lxw_row_t last,
                            lxw_row_t total_row)
{
    const nb_xdoc *d = w->d;
    /* no remark on which limit decided the subsidy: the form carries the
     * amounts and how each is computed; the questionnaire and the e-mail
     * explain */
    nb_xsheet_heading(w, si, s->title, NULL);
    char *ref[NB_XA_COUNT] = {0};
    for (int k = 0; k < NB_XA_COUNT; k++) {
        bool strong = k == NB_XA_SUBSIDY;
        char *label = xasprintf("%s (%s)", nb_xamount_label((nb_xamount)k),
                                nb_xamount_letter((nb_xamount)k));
        char rule[256];
        nb_xamount_rule(d, (nb_xamount)k, rule, sizeof rule);
        /* the rule is shrunk to one line (xlsx_style.c) */
        int lines = nb_xsheet_lines(label, 0, 2, strong ? 12 : BODY_PT);
        double h = strong ? nb_xsheet_height(lines, 12, 18) : body_height(lines);
        lxw_row_t r = nb_xsheet_row(w, h);
        ref[k] = cell(r, 3);
        nb_xsheet_name(w, nb_xamount_id((nb_xamount)k), r, 3);
        nb_xsheet_text(w, r, 0, 2, label, strong ? w->st.strong_label : w->st.label);
        free(label);
        lxw_format *f = strong ? w->st.strong_yen : w->st.yen;
        int64_t v = nb_xamount_value(d, (nb_xamount)k);
        char *formula = amount_formula(w, (nb_xamount)k, ref, first, last, total_row);
        if (formula)
            put_formula(w, r, 3, 4, formula, v, f);
        else
            put_number(w, r, 3, 4, (double)v, f);
        free(formula);
        nb_xsheet_text(w, r, 5, LAST_COL, rule, w->st.rule);
    }
    for (int k = 0; k < NB_XA_COUNT; k++)
        free(ref[k]);
}

/* Title, addressee and date, then the 下書き / 期限後 marks. */
static void top(nb_xsheet *w)
{
    const nb_xdoc *d = w->d;
    nb_xsheet_text(w, nb_xsheet_row(w, 22.5), 0, LAST_COL, d->title, w->st.title);
    lxw_row_t r = nb_xsheet_row(w, NB_XLSX_ROW_PT);
    nb_xsheet_text(w, r, 0, 5, d->addressee, w->st.plain);
    char *made = xasprintf("提出日 %s", d->made_on);
    nb_xsheet_text(w, r, 6, LAST_COL, made, w->st.plain_right);
    free(made);
    if (d->draft)
        nb_xsheet_text(w, nb_xsheet_row(w, 21), 0, LAST_COL,
                 "【下書き】 回答に問題が残っています。提出前に直してください。", w->st.mark);
    if (d->late) {
        char day[32];
        nb_date_wareki(d->def->deadline, day, sizeof day);
        char *t = xasprintf("【期限後】 提出期限 (%s%s) を過ぎています。", day,
                            d->def->deadline_must_arrive ? " 必着" : "");
        nb_xsheet_text(w, nb_xsheet_row(w, 21), 0, LAST_COL, t, w->st.mark);
        free(t);
    }
}

lxw_row_t nb_xsheet_write_form(nb_xsheet *w)
{
    const nb_xdoc *d = w->d;
    top(w);
    lxw_row_t first = 0, last = 0, total = 0;
    bool have_items = false;
    for (size_t i = 0; i < d->n_sections; i++) {
        const nb_xsection *s = &d->sections[i];
        switch (s->kind) {
        case NB_XS_FIELDS:
            fields_section(w, i, s);
            break;
        case NB_XS_ITEMS:
            items_section(w, i, s, &first, &last, &total);
            have_items = true;
            break;
        case NB_XS_AMOUNTS:
            if (!have_items) /* the layout always puts items first */
                break;
            amounts_section(w, i, s, first, last, total);
            break;
        case NB_XS_PCCHECK:
            nb_xsheet_pccheck(w, i, s);
            break;
        }
    }
    /* which program and definition made the file is in the document
     * properties (xlsx.c), not on the form */
    return w->row - 1;
}
