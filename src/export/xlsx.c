/* The 調査票 as an xlsx workbook (libxlsxwriter 1.1.4): one sheet 調査票
 * laid out like the prefecture's Excel form on nine columns A-I, printed
 * A4 portrait one page wide. Every amount that a spreadsheet computes is
 * written as a formula *with* its value computed in C, because Protected
 * View, LibreOffice and the prefecture's mail sanitiser show the stored
 * value, not a recalculation. No drop-downs: 1.1.4 crashes on long
 * Japanese inline lists, and a submitted form needs none. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include "export_model.h"
#include "nanbyo/atomic_file.h"
#include "nanbyo/export.h"
#include "nanbyo/text.h"
#include "nanbyo/yen.h"
#include "xlsx_style.h"

#define NCOLS 9
#define LAST_COL (NCOLS - 1)
/* Excel's cell limit is 32767 characters; keep well inside it. */
#define CELL_MAX 32000
/* Excel's largest row height in points. */
#define ROW_MAX_PT 409.0

static const double col_width[NCOLS] = {5, 11, 12, 15, 15, 7, 11, 12, 16};

typedef struct {
    lxw_workbook *wb;
    lxw_worksheet *ws;
    nb_xlsx_styles st;
    const nb_xdoc *d;
    lxw_row_t row;
    int failed; /* first lxw_error seen */
    /* Heights of rows as set (points; 0 = default) and where sections
     * start, to place page breaks between sections (page_breaks()). */
    double *heights;
    size_t n_heights;
    lxw_row_t starts[32];
    size_t n_starts;
} xw;

#define DEFAULT_ROW_PT 15.0

static void note_err(xw *w, lxw_error e)
{
    if (e != LXW_NO_ERROR && !w->failed)
        w->failed = (int)e;
}

static void row_height(xw *w, lxw_row_t r, double h)
{
    if (r >= w->n_heights) {
        size_t n = (size_t)r + 64;
        w->heights = realloc(w->heights, n * sizeof *w->heights);
        if (!w->heights)
            abort();
        for (size_t i = w->n_heights; i < n; i++)
            w->heights[i] = 0;
        w->n_heights = n;
    }
    w->heights[r] = h;
    note_err(w, worksheet_set_row(w->ws, r, h, NULL));
}


/* Width of columns c1..c2 in Excel's character units. */
static double span_width(int c1, int c2)
{
    double w = 0;
    for (int c = c1; c <= c2; c++)
        w += col_width[c];
    return w;
}

/* Lines that text needs in a box of width units: Japanese characters are
 * about two digit widths (there is no autofit in the file format). */
static int lines_for(const char *text, double width)
{
    int lines = 0;
    const char *p = text;
    double usable = width > 2 ? width - 1 : 1;
    for (;;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        char *line = strndup(p, len);
        int cells = nb_str_width(line);
        free(line);
        int n = (int)((cells + usable - 1) / usable);
        lines += n < 1 ? 1 : n;
        if (!nl || lines > 400)
            break;
        p = nl + 1;
    }
    return lines;
}

static void set_height(xw *w, lxw_row_t r, int lines, double line_pt)
{
    double h = lines * line_pt + 5;
    if (h < 18)
        h = 18;
    if (h > ROW_MAX_PT)
        h = ROW_MAX_PT;
    row_height(w, r, h);
}

/* Merge c1..c2 of row r and put text there (cut to the cell limit). */
static void put_text(xw *w, lxw_row_t r, int c1, int c2, const char *text, lxw_format *f)
{
    char *t = nb_export_truncate(text ? text : "", CELL_MAX);
    if (c1 == c2)
        note_err(w, *t ? worksheet_write_string(w->ws, r, (lxw_col_t)c1, t, f)
                       : worksheet_write_blank(w->ws, r, (lxw_col_t)c1, f));
    else
        note_err(w, worksheet_merge_range(w->ws, r, (lxw_col_t)c1, r, (lxw_col_t)c2, t, f));
    free(t);
}

/* Merge with "" first, then overwrite the top-left cell: the way to put a
 * number or formula in a merged block. */
static void put_merged(xw *w, lxw_row_t r, int c1, int c2, lxw_format *f)
{
    if (c1 != c2)
        note_err(w, worksheet_merge_range(w->ws, r, (lxw_col_t)c1, r, (lxw_col_t)c2, "", f));
}

static void put_number(xw *w, lxw_row_t r, int c1, int c2, double v, lxw_format *f)
{
    put_merged(w, r, c1, c2, f);
    note_err(w, worksheet_write_number(w->ws, r, (lxw_col_t)c1, v, f));
}

static void put_formula(xw *w, lxw_row_t r, int c1, int c2, const char *formula, int64_t value,
                        lxw_format *f)
{
    put_merged(w, r, c1, c2, f);
    note_err(w, worksheet_write_formula_num(w->ws, r, (lxw_col_t)c1, formula, f, (double)value));
}

static char *cell(lxw_row_t r, int c)
{
    return nb_export_strf("%c%u", 'A' + c, (unsigned)r + 1);
}

static void heading(xw *w, const char *title)
{
    w->row++; /* a thin blank row before each section */
    row_height(w, w->row - 1, 9);
    if (w->n_starts < sizeof w->starts / sizeof w->starts[0])
        w->starts[w->n_starts++] = w->row - 1;
    put_text(w, w->row, 0, LAST_COL, title, w->st.heading);
    row_height(w, w->row, 22);
    w->row++;
}

/* label A-C, value D-I; a declaration (はい/いいえ) gets a long label A-G
 * and its answer in H-I. */
static void field_row(xw *w, const char *label, const nb_xvalue *v)
{
    lxw_row_t r = w->row++;
    if (v && v->field->type == NB_FT_CONFIRM) {
        put_text(w, r, 0, 6, label, w->st.label);
        put_text(w, r, 7, LAST_COL, v->text, w->st.center);
        set_height(w, r, lines_for(label, span_width(0, 6)), 15);
        return;
    }
    put_text(w, r, 0, 2, label, w->st.label);
    int lines = lines_for(label, span_width(0, 2));
    switch (v ? v->kind : NB_XV_EMPTY) {
    case NB_XV_COUNT:
        put_number(w, r, 3, LAST_COL, (double)v->num, w->st.count);
        break;
    case NB_XV_YEN:
        put_number(w, r, 3, LAST_COL, (double)v->num, w->st.yen);
        break;
    case NB_XV_DATE: {
        lxw_datetime dt = {v->date.y, v->date.m, v->date.d, 0, 0, 0};
        put_merged(w, r, 3, LAST_COL, w->st.date);
        note_err(w, worksheet_write_datetime(w->ws, r, 3, &dt, w->st.date));
        break;
    }
    default: {
        const char *t = v ? v->text : "";
        put_text(w, r, 3, LAST_COL, t, w->st.text);
        int n = lines_for(t, span_width(3, LAST_COL));
        if (n > lines)
            lines = n;
        break;
    }
    }
    set_height(w, r, lines, 15);
}

static void fields_section(xw *w, const nb_xsection *s)
{
    heading(w, s->title);
    for (size_t i = 0; i < s->n_values; i++)
        field_row(w, s->values[i].field->label, &s->values[i]);
}

/* Rows of the items table; *first and *last get the item rows (last <
 * first when there are none), *total_row the 合計 row. */
static void items_section(xw *w, const nb_xsection *s, lxw_row_t *first, lxw_row_t *last,
                          lxw_row_t *total_row)
{
    const nb_xdoc *d = w->d;
    char *title = nb_export_strf("%s (%s)", s->title, d->def->tax_basis ? d->def->tax_basis : "税込");
    heading(w, title);
    free(title);
    lxw_row_t r = w->row++;
    put_text(w, r, 0, 0, "No.", w->st.th);
    put_text(w, r, 1, 2, "区分", w->st.th);
    put_text(w, r, 3, 4, "内容 (品名・型番など)", w->st.th);
    put_text(w, r, 5, 5, "数量", w->st.th);
    put_text(w, r, 6, 6, "単価 (円)", w->st.th);
    put_text(w, r, 7, 7, "金額 (円)", w->st.th);
    put_text(w, r, 8, 8, "補助対象", w->st.th);
    set_height(w, r, 1, 15);
    *first = w->row;
    for (size_t i = 0; i < d->n_items; i++) {
        const nb_xitem *it = &d->items[i];
        r = w->row++;
        put_number(w, r, 0, 0, (double)(i + 1), w->st.center);
        put_text(w, r, 1, 2, it->category, w->st.text);
        put_text(w, r, 3, 4, it->description, w->st.text);
        if (it->quantity_ok && it->unit_price_ok) {
            put_number(w, r, 5, 5, (double)it->quantity, w->st.number);
            put_number(w, r, 6, 6, (double)it->unit_price, w->st.number);
            char *f = cell(r, 5), *g = cell(r, 6);
            char *formula = nb_export_strf("=%s*%s", f, g);
            put_formula(w, r, 7, 7, formula, it->amount, w->st.number);
            free(f);
            free(g);
            free(formula);
        } else { /* a draft with what was typed: no formula over text */
            put_text(w, r, 5, 5, it->quantity_text, w->st.text);
            put_text(w, r, 6, 6, it->unit_price_text, w->st.text);
            put_number(w, r, 7, 7, (double)it->amount, w->st.number);
        }
        put_text(w, r, 8, 8, it->eligible ? "対象" : "対象外", w->st.center);
        int lines = lines_for(it->category, span_width(1, 2));
        int n = lines_for(it->description, span_width(3, 4));
        set_height(w, r, n > lines ? n : lines, 15);
    }
    *last = w->row - 1;
    if (d->n_items == 0) {
        r = w->row++;
        put_text(w, r, 0, LAST_COL, "(物品・経費の入力がありません)", w->st.center);
    }
    r = *total_row = w->row++;
    put_text(w, r, 0, 6, "合計", w->st.th);
    if (d->n_items > 0) {
        char *formula = nb_export_strf("=SUM(H%u:H%u)", (unsigned)*first + 1, (unsigned)*last + 1);
        put_formula(w, r, 7, 7, formula, d->sub.total, w->st.number);
        free(formula);
    } else {
        put_number(w, r, 7, 7, 0, w->st.number);
    }
    put_text(w, r, 8, 8, "", w->st.text);
    set_height(w, r, 1, 15);
    /* Why an item is left out, under the table. */
    for (size_t i = 0; i < d->n_items; i++) {
        if (d->items[i].eligible)
            continue;
        char *t = nb_export_strf("※ No.%zu は補助の対象外です: %s", i + 1, d->items[i].reason);
        r = w->row++;
        put_text(w, r, 0, LAST_COL, t, w->st.note);
        set_height(w, r, lines_for(t, span_width(0, LAST_COL) * 1.1), 13);
        free(t);
    }
}

/* "=MIN(ROUNDDOWN(E30*1/2,-3),50000)" for the subsidy of the selected
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
        round = nb_export_strf("ROUNDDOWN(%s*%lld/%lld,-%d)", sel, (long long)m->rate_num,
                               (long long)m->rate_den, digits);
    else
        round = nb_export_strf("ROUNDDOWN(%s*%lld/%lld/%lld,0)*%lld", sel, (long long)m->rate_num,
                               (long long)m->rate_den, (long long)m->unit, (long long)m->unit);
    char *f = m->cap > 0 ? nb_export_strf("=MIN(%s,%lld)", round, (long long)m->cap)
                         : nb_export_strf("=%s", round);
    free(round);
    return f;
}

static void amounts_section(xw *w, const nb_xsection *s, lxw_row_t first, lxw_row_t last,
                            lxw_row_t total_row)
{
    const nb_xdoc *d = w->d;
    heading(w, s->title);
    lxw_row_t rows[NB_XA_COUNT];
    for (int k = 0; k < NB_XA_COUNT; k++)
        rows[k] = w->row + (lxw_row_t)k;
    char *ref[NB_XA_COUNT];
    for (int k = 0; k < NB_XA_COUNT; k++)
        ref[k] = cell(rows[k], 4);
    for (int k = 0; k < NB_XA_COUNT; k++) {
        lxw_row_t r = w->row++;
        bool strong = k == NB_XA_SUBSIDY;
        char *label = nb_export_strf("%s (%s)", nb_xamount_label((nb_xamount)k),
                                     nb_xamount_letter((nb_xamount)k));
        put_text(w, r, 0, 3, label, strong ? w->st.strong_label : w->st.label);
        free(label);
        lxw_format *f = strong ? w->st.strong_yen : w->st.yen;
        int64_t v = nb_xamount_value(d, (nb_xamount)k);
        char *formula = NULL;
        switch ((nb_xamount)k) {
        case NB_XA_TOTAL:
            formula = nb_export_strf("=H%u", (unsigned)total_row + 1);
            break;
        case NB_XA_NET:
            /* nb_survey_derive never lets 差引額 go below zero */
            formula = nb_export_strf("=MAX(0,%s-%s)", ref[NB_XA_TOTAL], ref[NB_XA_OTHER_INCOME]);
            break;
        case NB_XA_ELIGIBLE:
            if (last >= first)
                formula = nb_export_strf("=SUMIF(I%u:I%u,\"対象\",H%u:H%u)", (unsigned)first + 1,
                                         (unsigned)last + 1, (unsigned)first + 1, (unsigned)last + 1);
            break;
        case NB_XA_SELECTED:
            formula = nb_export_strf("=MAX(0,MIN(%s,%s,%s))", ref[NB_XA_NET], ref[NB_XA_ELIGIBLE],
                                     ref[NB_XA_BASE]);
            break;
        case NB_XA_SUBSIDY:
            formula = subsidy_formula(&d->def->money, ref[NB_XA_SELECTED]);
            break;
        default:
            break;
        }
        if (formula)
            put_formula(w, r, 4, 5, formula, v, f);
        else
            put_number(w, r, 4, 5, (double)v, f);
        free(formula);
        char rule[256];
        put_text(w, r, 6, LAST_COL, nb_xamount_rule(d, (nb_xamount)k, rule, sizeof rule), w->st.rule);
        set_height(w, r, 1, strong ? 20 : 15);
    }
    for (int k = 0; k < NB_XA_COUNT; k++)
        free(ref[k]);
    if (d->sub.binding != NB_BIND_NONE) {
        char *t = nb_export_strf("※ 補助所要額は「%s」で決まりました。", nb_binding_label(d->sub.binding));
        put_text(w, w->row++, 0, LAST_COL, t, w->st.note);
        free(t);
    }
}

static void pccheck_section(xw *w, const nb_xsection *s)
{
    const nb_xdoc *d = w->d;
    heading(w, s->title);
    lxw_row_t r = w->row++;
    put_text(w, r, 0, 2, "確認日時", w->st.label);
    put_text(w, r, 3, LAST_COL, d->pc_present ? d->pc_checked_at : "未実施", w->st.text);
    set_height(w, r, 1, 15);
    r = w->row++;
    put_text(w, r, 0, 2, "結果", w->st.label);
    put_text(w, r, 3, LAST_COL, d->pc_overall, w->st.text);
    set_height(w, r, 1, 15);
    if (!d->pc_present)
        return;
    r = w->row++;
    put_text(w, r, 0, 2, "確認項目", w->st.th);
    put_text(w, r, 3, 3, "結果", w->st.th);
    put_text(w, r, 4, LAST_COL, "測定値", w->st.th);
    for (size_t i = 0; i < d->n_checks; i++) {
        r = w->row++;
        put_text(w, r, 0, 2, d->checks[i].title, w->st.text);
        put_text(w, r, 3, 3, d->checks[i].status_label, w->st.center);
        put_text(w, r, 4, LAST_COL, d->checks[i].measured, w->st.text);
        int n = lines_for(d->checks[i].measured, span_width(4, LAST_COL));
        set_height(w, r, n, 15);
    }
}

static void top(xw *w)
{
    const nb_xdoc *d = w->d;
    put_text(w, 0, 0, LAST_COL, d->title, w->st.title);
    row_height(w, 0, 32);
    char *to = nb_export_strf("(宛先) %s", d->recipient);
    put_text(w, 1, 0, 5, to, w->st.plain);
    free(to);
    char *made = nb_export_strf("作成日 %s", d->made_on);
    put_text(w, 1, 6, LAST_COL, made, w->st.plain_right);
    free(made);
    w->row = 2;
    if (d->draft) {
        put_text(w, w->row, 0, LAST_COL, "【下書き】 回答に問題が残っています。提出前に直してください。",
                 w->st.mark);
        row_height(w, w->row++, 24);
    }
    if (d->late) {
        char day[32];
        nb_date_wareki(d->def->deadline, day, sizeof day);
        char *t = nb_export_strf("【期限後】 提出期限 (%s%s) を過ぎています。", day,
                                 d->def->deadline_must_arrive ? " 必着" : "");
        put_text(w, w->row, 0, LAST_COL, t, w->st.mark);
        free(t);
        row_height(w, w->row++, 24);
    }
}

static double height_of(const xw *w, lxw_row_t r)
{
    return r < w->n_heights && w->heights[r] > 0 ? w->heights[r] : DEFAULT_ROW_PT;
}

/* Page breaks between sections, so that a section is not cut in two when
 * it fits on one page. The scale that "one page wide" gives is estimated
 * from the column widths (Excel: width * 7 + 5 pixels of 0.75 pt). */
static void page_breaks(xw *w)
{
    double sheet_w = 0;
    for (int c = 0; c < NCOLS; c++)
        sheet_w += (col_width[c] * 7 + 5) * 0.75;
    double printable_w = (8.27 - 0.6 - 0.6) * 72, printable_h = (11.69 - 0.75 - 0.75) * 72 - 20;
    double scale = sheet_w > printable_w ? printable_w / sheet_w : 1.0;
    double capacity = printable_h / scale;
    lxw_row_t breaks[33];
    size_t nb = 0;
    double used = 0;
    lxw_row_t r = 0;
    for (size_t s = 0; s <= w->n_starts; s++) {
        lxw_row_t end = s < w->n_starts ? w->starts[s] : w->row + 1;
        double h = 0;
        for (lxw_row_t i = r; i < end; i++)
            h += height_of(w, i);
        if (used + h > capacity && used > 0 && h <= capacity && r > 0 && nb < 32) {
            breaks[nb++] = r;
            /* the title rows repeat on every later page */
            used = height_of(w, 0) + height_of(w, 1);
        }
        used += h;
        while (used > capacity)
            used -= capacity; /* a section longer than a page breaks by itself */
        r = end;
    }
    breaks[nb] = 0;
    if (nb)
        note_err(w, worksheet_set_h_pagebreaks(w->ws, breaks));
}

static void page_setup(xw *w)
{
    lxw_worksheet *ws = w->ws;
    worksheet_set_paper(ws, 9); /* A4 */
    worksheet_set_portrait(ws);
    /* inches: 0.6 in = 15.2 mm left and right */
    worksheet_set_margins(ws, 0.6, 0.6, 0.75, 0.75);
    worksheet_fit_to_pages(ws, 1, 0);
    page_breaks(w);
    /* the title and the addressee on top of every printed page */
    note_err(w, worksheet_repeat_rows(ws, 0, 1));
    worksheet_center_horizontally(ws);
    worksheet_gridlines(ws, LXW_HIDE_ALL_GRIDLINES);
    note_err(w, worksheet_print_area(ws, 0, 0, w->row, LAST_COL));
    /* The header and footer are limited to 255 characters: no answers
     * in them, only our own fixed text. */
    if (*w->d->marks) {
        char *header = nb_export_strf("&R%s", w->d->marks);
        note_err(w, worksheet_set_header(ws, header));
        free(header);
    }
    note_err(w, worksheet_set_footer(ws, "&C&P / &N"));
    for (int c = 0; c < NCOLS; c++)
        note_err(w, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, col_width[c], NULL));
}

static time_t created_time(void)
{
    /* Reproducible builds convention: a fixed creation time when asked. */
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end;
        long long v = strtoll(sde, &end, 10);
        if (*end == '\0' && v > 0)
            return (time_t)v;
    }
    return time(NULL);
}

static void properties(xw *w)
{
    const nb_xdoc *d = w->d;
    char *author = nb_export_truncate(nb_xdoc_text(d, "institution_name"), 200);
    char *comments = strdup(d->footer);
    char *keywords = nb_export_strf("%s,%s", d->def->id, d->def->stage ? d->def->stage : "");
    lxw_doc_properties p = {0};
    p.title = d->title;
    p.subject = d->def->program;
    p.author = author;
    p.company = author;
    p.comments = comments;
    p.keywords = keywords;
    p.status = *d->marks ? d->marks : "提出用";
    p.created = created_time();
    note_err(w, workbook_set_properties(w->wb, &p));
    note_err(w, workbook_set_custom_property_string(w->wb, "nanbyo-survey-definition", d->def->id));
    note_err(w, workbook_set_custom_property_integer(w->wb, "nanbyo-survey-definition-version",
                                                     (int32_t)d->def->version));
    free(author);
    free(comments);
    free(keywords);
}

static void write_sheet(xw *w)
{
    const nb_xdoc *d = w->d;
    top(w);
    lxw_row_t first = 0, last = 0, total = 0;
    bool have_items = false;
    for (size_t i = 0; i < d->n_sections; i++) {
        const nb_xsection *s = &d->sections[i];
        switch (s->kind) {
        case NB_XS_FIELDS:
            fields_section(w, s);
            break;
        case NB_XS_ITEMS:
            items_section(w, s, &first, &last, &total);
            have_items = true;
            break;
        case NB_XS_AMOUNTS:
            if (!have_items) /* the layout always puts items first */
                break;
            amounts_section(w, s, first, last, total);
            break;
        case NB_XS_PCCHECK:
            pccheck_section(w, s);
            break;
        }
    }
    w->row++;
    put_text(w, w->row, 0, LAST_COL, d->footer, w->st.footer);
}

int nb_export_xlsx(const nb_definition *def, const nb_answers *a, const nb_export_opts *o,
                   const char *path, nb_error *err)
{
    char *tmp = nb_export_temp(path, err);
    if (!tmp)
        return -1;
    nb_xdoc *d = nb_xdoc_new(def, a, o);
    xw w = {0};
    w.d = d;
    w.wb = workbook_new(tmp);
    if (!w.wb) {
        nb_error_set(err, "「%s」を作れません。フォルダに書き込めるか、空き容量があるかを確かめてください。", path);
        unlink(tmp);
        free(tmp);
        nb_xdoc_free(d);
        return -1;
    }
    w.ws = workbook_add_worksheet(w.wb, "調査票");
    nb_xlsx_styles_init(w.wb, &w.st);
    write_sheet(&w);
    page_setup(&w);
    properties(&w);
    lxw_error e = workbook_close(w.wb);
    free(w.heights);
    nb_xdoc_free(d);
    if (e != LXW_NO_ERROR || w.failed) {
        nb_error_set(err, "「%s」を書き出せませんでした (xlsx の作成に失敗, コード %d)。空き容量を確かめて、もう一度お試しください。",
                     path, e != LXW_NO_ERROR ? (int)e : w.failed);
        unlink(tmp);
        free(tmp);
        return -1;
    }
    int rc = nb_export_commit(tmp, path, err);
    free(tmp);
    return rc;
}

int nb_export_xlsx_buf(const nb_definition *def, const nb_answers *a, const nb_export_opts *o,
                       char **out, size_t *out_len, nb_error *err)
{
    const char *base = getenv("TMPDIR");
    char *dir = nb_export_strf("%s/nanbyo-xlsx-XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(dir)) {
        nb_error_set(err, "一時フォルダを作れないため、調査票 (xlsx) を作れませんでした。%s の空き容量と権限を確かめてください。",
                     base && *base ? base : "/tmp");
        free(dir);
        return -1;
    }
    char *path = nb_export_strf("%s/form.xlsx", dir);
    int rc = nb_export_xlsx(def, a, o, path, err);
    if (rc == 0) {
        *out = nb_read_file(path, 64u << 20, out_len, err);
        rc = *out ? 0 : -1;
    }
    unlink(path);
    rmdir(dir);
    free(path);
    free(dir);
    return rc;
}
