/* How the xlsx 調査票 falls on A4 portrait paper. A clerk prints the
 * sheet from Excel and expects one page that reads like the prefecture's
 * form, so the sheet is measured before it is written:
 *
 *   scale needed = min(printable width / sheet width,
 *                      printable height / sum of all row heights)
 *
 * Every row height is set by us (no autofit), so the sum is what the
 * application lays out (give or take LibreOffice's 1 %, HEIGHT_SLACK).
 * When that scale is at least MIN_SCALE (10.5 pt body text stays about
 * 9 pt on paper or more), the sheet is set to fit 1 page wide by 1 tall;
 * a row the form can spare (the PC-check grid's header) is left out when
 * only that brings the scale up to MIN_SCALE. Otherwise (a long item
 * table, a long 備考, items that wrap beside a full PC check) the sheet
 * is printed at a fixed scale that fits the width, on as many pages as
 * it needs, with our own page breaks:
 * between sections when a section fits on a page, inside a table with the
 * table header written again after the break, and the title rows repeated
 * on every page. A fixed scale and not "fit to 1 x N" because fit-to-page
 * overrides manual page breaks in Excel (libxlsxwriter's worksheet.h
 * warns so): the breaks would move, and a table header written again for
 * a new page would land in the middle of one.
 * worksheet_repeat_rows can repeat one range only: it keeps the title and
 * addressee; the table header is written again as cells instead. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "nanbyo/text.h"
#include "nanbyo/utf8.h"
#include "nanbyo/xalloc.h"
#include "xlsx_sheet.h"

/* Widths in Excel's units: digits of the workbook's default font
 * (Calibri 11, 7 pixels) plus 5 pixels of padding per column.
 * A No. | B-C 区分, labels | D-E 内容, values | F 数量 | G 単価 | H 金額 |
 * I 補助対象. H holds 99,999,999 without ####. */
static const double col_width[NB_XLSX_NCOLS] = {4.5, 11, 13.5, 14, 14, 6.5, 10.5, 12.5, 9};

#define PAPER_W_IN 8.27
#define PAPER_H_IN 11.69
#define MARGIN_SIDE_IN 0.5   /* 12.7 mm, inside what office printers can print */
#define MARGIN_TOP_IN 0.45   /* 11.4 mm: room for the 下書き/期限後 header */
#define MARGIN_BOTTOM_IN 0.45 /* and for the page number */
#define HEADER_FOOTER_IN 0.25 /* from the paper's edge, 6.4 mm */
/* Below this the body text gets too small to read comfortably. */
#define MIN_SCALE 0.85
/* LibreOffice lays the same columns out 6 % wider than Excel's formula
 * (measured: 562.6 pt against 529.9 pt, with Carlito standing in for
 * Calibri); 9 % keeps a margin so that neither application spills
 * column I onto a second page. */
#define WIDTH_SLACK 1.09
/* LibreOffice fits the same rows to a page about 1 % smaller than their
 * sum says (measured 0.4-1.1 %): without this a form measured at 85.0 %
 * prints at 84.7 %. */
#define HEIGHT_SLACK 1.015
/* Keep pages a little short of full, for rounding in the application. */
#define PAGE_SLACK 0.98
#define ROW_MAX_PT 408.75

void nb_xsheet_name(nb_xsheet *w, const char *id, lxw_row_t r, int c)
{
    if (w->dry)
        return;
    w->names = xgrowarray(w->names, &w->cap_names, w->n_names + 1, sizeof *w->names, 64);
    w->names[w->n_names].id = xstrdup(id);
    w->names[w->n_names].row = r;
    w->names[w->n_names].col = c;
    w->n_names++;
}

/* libxlsxwriter keeps the workbook's names in a sorted linked list and
 * finds each new name's place by walking it from the head, unless the name
 * sorts before the head: names given in ascending order cost a walk of the
 * whole list each (4 names an item made 10,000 items take 10 s). So they
 * are given in descending order of the library's own key (the name in
 * lower case), each going straight to the head: the same sorted list, the
 * same workbook, in linear time. Two ids equal in that key would be one
 * name; as before, the first one given keeps it. */
static int name_key_cmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int ca = *a >= 'A' && *a <= 'Z' ? *a - 'A' + 'a' : (unsigned char)*a;
        int cb = *b >= 'A' && *b <= 'Z' ? *b - 'A' + 'a' : (unsigned char)*b;
        if (ca != cb || !ca)
            return ca - cb;
    }
}

static int name_order(const void *x, const void *y)
{
    const struct nb_xsheet_name *a = *(const struct nb_xsheet_name *const *)x;
    const struct nb_xsheet_name *b = *(const struct nb_xsheet_name *const *)y;
    int c = name_key_cmp(a->id, b->id);
    return c ? c : (a < b ? -1 : a > b); /* equal keys: the first given first */
}

void nb_xsheet_define_names(nb_xsheet *w)
{
    struct nb_xsheet_name **order = xreallocarray(NULL, w->n_names ? w->n_names : 1, sizeof *order);
    for (size_t i = 0; i < w->n_names; i++)
        order[i] = &w->names[i];
    qsort(order, w->n_names, sizeof *order, name_order);
    for (size_t i = w->n_names; i-- > 0;) {
        const struct nb_xsheet_name *n = order[i];
        if (i > 0 && name_key_cmp(order[i - 1]->id, n->id) == 0)
            continue; /* an earlier id has this name */
        char ref[48]; /* four per item, so on the stack */
        snprintf(ref, sizeof ref, "='調査票'!$%c$%u", 'A' + n->col, (unsigned)n->row + 1);
        /* an id Excel cannot take as a name (it looks like a cell, A1)
         * goes without one: the cell is still there */
        workbook_define_name(w->wb, n->id, ref);
    }
    free(order);
    for (size_t i = 0; i < w->n_names; i++)
        free(w->names[i].id);
    free(w->names);
    w->names = NULL;
    w->n_names = 0;
    w->cap_names = 0;
}

void nb_xsheet_err(nb_xsheet *w, lxw_error e)
{
    if (e != LXW_NO_ERROR && !w->failed)
        w->failed = (int)e;
}

static double col_px(int c)
{
    return col_width[c] * 7 + 5;
}

static double sum_heights(const nb_xsheet *w, lxw_row_t from, lxw_row_t to)
{
    double h = 0;
    for (lxw_row_t r = from; r < to && r < w->n_heights; r++)
        h += w->heights[r];
    return h;
}

/* Record row r's height, grow the array as rows come. */
static lxw_row_t put_row(nb_xsheet *w, double h)
{
    lxw_row_t r = w->row++;
    if (r >= w->n_heights) {
        size_t n = (size_t)r + 64;
        double *p = xreallocarray(w->heights, n, sizeof *p);
        for (size_t i = w->n_heights; i < n; i++)
            p[i] = 0;
        w->heights = p;
        w->n_heights = n;
    }
    w->heights[r] = h;
    w->used += h;
    if (!w->dry)
        nb_xsheet_err(w, worksheet_set_row(w->ws, r, h, NULL));
    return r;
}

static bool paged(const nb_xsheet *w)
{
    return !w->dry && !w->one_page;
}

static void new_page(nb_xsheet *w)
{
    if (w->n_breaks < LXW_BREAKS_MAX) {
        lxw_row_t *p = xreallocarray(w->breaks, w->n_breaks + 2, sizeof *p);
        w->breaks = p;
        w->breaks[w->n_breaks++] = w->row;
    }
    w->used = w->top_h;
}

lxw_row_t nb_xsheet_row(nb_xsheet *w, double h)
{
    if (paged(w) && w->used + h > w->capacity && w->used > w->top_h) {
        new_page(w);
        if (w->table_header)
            w->table_header(w, put_row(w, NB_XLSX_ROW_PT));
    }
    return put_row(w, h);
}

bool nb_xsheet_spare(nb_xsheet *w, double h)
{
    if (w->dry)
        w->spare_h += h;
    return !w->lean;
}

static void close_section(nb_xsheet *w)
{
    if (w->sec_open)
        w->sec_h[w->sec_open - 1] = sum_heights(w, w->sec_from, w->row);
    w->sec_open = 0;
}

void nb_xsheet_section(nb_xsheet *w, size_t i)
{
    if (i >= NB_XLSX_MAX_SECTIONS)
        return;
    if (w->dry) {
        close_section(w);
        w->sec_open = i + 1;
        w->sec_from = w->row;
        return;
    }
    if (!paged(w))
        return;
    double need = w->sec_h[i];
    /* A section longer than a page starts where it is, but never with
     * only its heading and a row or two at the foot of a page. */
    if (need > w->capacity - w->top_h)
        need = NB_XLSX_HEADING_PT + 3 * NB_XLSX_ROW_PT;
    if (w->used + need > w->capacity && w->used > w->top_h)
        new_page(w);
}

/* Width of the code point at s in pixels (96 dpi) for a font of em
 * pixels: a full-width character is one em, a half-width one about
 * 0.55 em in the gothic faces Excel and LibreOffice use (measured 0.5 em
 * for digits, spaces and commas in LibreOffice). Sets *len and *cp. */
static double advance(const char *s, size_t n, double em, size_t *len, int32_t *cp)
{
    int k = nb_utf8_decode(s, n, cp);
    if (k < 1) {
        k = 1;
        *cp = 0xFFFD;
    }
    *len = (size_t)k;
    int cw = nb_cp_width(*cp);
    return cw == 2 ? em : cw == 1 ? em * 0.55 : 0;
}

int nb_xsheet_lines(const char *text, int c1, int c2, double pt)
{
    /* cell padding, rules and the one-level indent of left-aligned boxes */
    double usable = -17;
    for (int c = c1; c <= c2; c++)
        usable += col_px(c);
    double em = pt * 4.0 / 3.0;
    int lines = 1;
    double x = 0;
    size_t n = strlen(text);
    /* Wrapping as the applications do: between any two full-width
     * characters, but a run of half-width characters (a word, a number)
     * moves whole to the next line unless it is longer than a line. */
    for (size_t i = 0; i < n && lines < 400;) {
        int32_t cp;
        size_t len;
        double tw = advance(text + i, n - i, em, &len, &cp);
        size_t end = i + len;
        if (cp == '\n') {
            lines++;
            x = 0;
            i = end;
            continue;
        }
        if (tw < em && cp != ' ') {
            while (end < n) {
                int32_t c2p;
                size_t l2;
                double a = advance(text + end, n - end, em, &l2, &c2p);
                if (a >= em || a == 0 || c2p == ' ' || c2p == '\n')
                    break;
                tw += a;
                end += l2;
            }
        }
        i = end;
        if (x + tw <= usable) {
            x += tw;
            continue;
        }
        if (cp == ' ')
            continue; /* a space at the end of a line takes no room */
        if (x > 0)
            lines++;
        x = tw;
        while (x > usable && lines < 400) { /* a word longer than a line */
            lines++;
            x -= usable;
        }
    }
    return lines;
}

double nb_xsheet_height(int lines, double pt, double min_h)
{
    /* Wrapped lines follow each other at about 1.7 em in Excel's 游ゴシック
     * (its default row is 18.75 pt for 11 pt) and 1.5 em in LibreOffice
     * (measured): room for the larger, and for the first line only its
     * em and a little padding, so one line of 10.5 pt takes 14.25 pt. */
    double h = (lines - 1) * pt * 1.7 + pt + 3.75;
    h = ceil(h / 0.75) * 0.75;
    if (h < min_h)
        h = min_h;
    return h > ROW_MAX_PT ? ROW_MAX_PT : h;
}

static double sheet_width_pt(void)
{
    double px = 0;
    for (int c = 0; c < NB_XLSX_NCOLS; c++)
        px += col_px(c);
    return px * 0.75;
}

void nb_xsheet_plan(nb_xsheet *w)
{
    close_section(w);
    double page_w = (PAPER_W_IN - 2 * MARGIN_SIDE_IN) * 72;
    double page_h = (PAPER_H_IN - MARGIN_TOP_IN - MARGIN_BOTTOM_IN) * 72;
    double fit_w = page_w / (sheet_width_pt() * WIDTH_SLACK);
    if (fit_w > 1)
        fit_w = 1;
    double rows_h = sum_heights(w, 0, w->row);
    double fit_h = rows_h > 0 ? page_h / (rows_h * HEIGHT_SLACK) : 1;
    w->one_page = fmin(fit_w, fit_h) >= MIN_SCALE;
    /* One page without the spare rows beats two pages with them. */
    if (!w->one_page && w->spare_h > 0 && rows_h > w->spare_h &&
        fmin(fit_w, page_h / ((rows_h - w->spare_h) * HEIGHT_SLACK)) >= MIN_SCALE)
        w->one_page = w->lean = true;
    w->scale = (int)floor(fit_w * 100);
    w->capacity = page_h * 100.0 / w->scale * PAGE_SLACK;
    w->top_h = sum_heights(w, 0, 2);
    /* the real pass starts from the top again */
    w->dry = false;
    w->row = 0;
    w->used = 0;
    for (size_t i = 0; i < w->n_heights; i++)
        w->heights[i] = 0;
}

/* Text for a page header: the definition's 様式 identifier is data, and
 * '&' starts a code in a header, so it is doubled; the whole stays inside
 * the 255 characters Excel allows. */
static char *header_escape(const char *text)
{
    char *t = nb_export_truncate(text, 60);
    size_t n = strlen(t), amp = 0;
    for (size_t i = 0; i < n; i++)
        amp += t[i] == '&';
    char *esc = xmalloc(n + amp + 1), *o = esc;
    for (size_t i = 0; i < n; i++) {
        *o++ = t[i];
        if (t[i] == '&')
            *o++ = '&';
    }
    *o = '\0';
    free(t);
    return esc;
}

void nb_xsheet_page_setup(nb_xsheet *w, lxw_row_t last_row)
{
    lxw_worksheet *ws = w->ws;
    worksheet_set_paper(ws, 9); /* A4 */
    worksheet_set_portrait(ws);
    worksheet_set_margins(ws, MARGIN_SIDE_IN, MARGIN_SIDE_IN, MARGIN_TOP_IN, MARGIN_BOTTOM_IN);
    if (w->one_page) {
        worksheet_fit_to_pages(ws, 1, 1);
    } else {
        worksheet_set_print_scale(ws, (uint16_t)w->scale);
        if (w->n_breaks) {
            w->breaks[w->n_breaks] = 0;
            nb_xsheet_err(w, worksheet_set_h_pagebreaks(ws, w->breaks));
        }
        /* the title and the addressee on top of every later page */
        nb_xsheet_err(w, worksheet_repeat_rows(ws, 0, 1));
    }
    worksheet_center_horizontally(ws);
    worksheet_gridlines(ws, LXW_HIDE_ALL_GRIDLINES);
    nb_xsheet_err(w, worksheet_print_area(ws, 0, 0, last_row, NB_XLSX_LAST_COL));
    /* The header and footer are limited to 255 characters: no answers
     * in them, only our own fixed text. */
    lxw_header_footer_options hf = {.margin = HEADER_FOOTER_IN};
    /* the 様式 identifier top left of every page, as on the printed
     * forms; the marks top right */
    if (*w->d->marks || *w->d->form_number) {
        char *form = header_escape(w->d->form_number);
        char *header = xasprintf("%s%s%s%s", *form ? "&L" : "", form, *w->d->marks ? "&R" : "",
                                      w->d->marks);
        nb_xsheet_err(w, worksheet_set_header_opt(ws, header, &hf));
        free(header);
        free(form);
    }
    /* only the page number below: which program and definition made the
     * file is in the document properties, not on the form */
    nb_xsheet_err(w, worksheet_set_footer_opt(ws, "&R&8&P / &N", &hf));
    for (int c = 0; c < NB_XLSX_NCOLS; c++)
        nb_xsheet_err(w, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, col_width[c], NULL));
}
