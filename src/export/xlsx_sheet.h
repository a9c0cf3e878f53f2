/* The state of the xlsx 調査票 while it is written, shared by the layout
 * (xlsx.c: which cell holds what) and the paper (xlsx_page.c: column
 * widths, row heights, and how the rows fall on A4 pages). The sheet is
 * written twice: a measuring pass that writes nothing and only adds up row
 * heights, then the real pass, which knows from the measure whether the
 * form fits on one page and, if not, where the pages break. */
#ifndef NANBYO_XLSX_SHEET_H
#define NANBYO_XLSX_SHEET_H
#include <stdbool.h>
#include <stddef.h>
#include <xlsxwriter.h>
#include "export_model.h"
#include "xlsx_style.h"

#define NB_XLSX_NCOLS 9
#define NB_XLSX_LAST_COL (NB_XLSX_NCOLS - 1)
/* Sections whose heights are remembered for keeping them on one page. */
#define NB_XLSX_MAX_SECTIONS 32

/* Row heights in points, all multiples of 0.75 pt (one pixel at 96 dpi)
 * so that Excel and LibreOffice keep them exactly. */
#define NB_XLSX_ROW_PT 14.25     /* one line of 10.5 pt text */
#define NB_XLSX_HEADING_PT 15.75 /* section heading, room above included */
#define NB_XLSX_NOTE_PT 12.75    /* one line of 9 pt text */

typedef struct nb_xsheet nb_xsheet;

struct nb_xsheet {
    lxw_workbook *wb;
    lxw_worksheet *ws;
    nb_xlsx_styles st;
    const nb_xdoc *d;
    lxw_row_t row;      /* next row to write */
    int failed;         /* first lxw_error seen */
    bool dry;           /* measuring pass: nothing reaches libxlsxwriter */

    double *heights;    /* height of every row so far (points) */
    size_t n_heights;

    /* Height of every section, measured in the first pass (index as in
     * d->sections); sec_open is 1 + the section being measured, 0 none. */
    double sec_h[NB_XLSX_MAX_SECTIONS];
    size_t sec_open;
    lxw_row_t sec_from;

    /* Rows that may be left out (nb_xsheet_spare): their height, measured. */
    double spare_h;

    /* Paging, decided between the passes (nb_xsheet_plan). */
    bool one_page;      /* fit to 1 x 1 pages */
    bool lean;          /* the spare rows are left out: that fits the page */
    int scale;          /* print scale in percent when not one_page */
    double capacity;    /* points of rows a page holds at that scale */
    double top_h;       /* rows 1-2 repeated on every later page */
    double used;        /* points used on the current page */
    lxw_row_t *breaks;  /* rows that start a new page */
    size_t n_breaks;
    /* Cells that get a workbook name (the field or amount id), so the
     * prefecture links many files by name whatever the item count. */
    struct nb_xsheet_name {
        char *id;
        lxw_row_t row;
        int col;
    } *names;
    size_t n_names, cap_names;
    /* Writes the header of the table being written again at the top of a
     * new page (NULL outside tables); returns the row it used. */
    void (*table_header)(nb_xsheet *w, lxw_row_t r);
};

/* Remember that cell (r, c) holds the value of id (real pass only). */
void nb_xsheet_name(nb_xsheet *w, const char *id, lxw_row_t r, int c);
/* Define the remembered names in the workbook and forget them. */
void nb_xsheet_define_names(nb_xsheet *w);

/* Record the first lxw_error. */
void nb_xsheet_err(nb_xsheet *w, lxw_error e);

/* Start the next row with height h (points): on a paged form, a row that
 * does not fit the current page starts a new one (with the table header
 * again when inside a table). Returns the row to write. */
lxw_row_t nb_xsheet_row(nb_xsheet *w, double h);

/* A row the form can do without (a table header that the rows explain):
 * true when it is to be written. The measuring pass counts its height h;
 * the real pass leaves it out when only that makes the form fit one
 * page. */
bool nb_xsheet_spare(nb_xsheet *w, double h);

/* Called before the heading of section i: on a paged form a section that
 * fits on a page is not cut in two, and a heading never ends a page. */
void nb_xsheet_section(nb_xsheet *w, size_t i);

/* Lines that text in font size pt needs across columns c1..c2 (there is no
 * autofit in the file format, so this estimates it). */
int nb_xsheet_lines(const char *text, int c1, int c2, double pt);

/* Height of a row holding `lines` lines of size pt text, at least min_h. */
double nb_xsheet_height(int lines, double pt, double min_h);

/* Text merged over columns c1..c2 of row r, cut to the cell limit; nothing
 * in the measuring pass (xlsx_form.c). */
void nb_xsheet_text(nb_xsheet *w, lxw_row_t r, int c1, int c2, const char *text, lxw_format *f);

/* Half a row of label and text: the left half (A-C, D-E) or the right
 * (F-G, H-I). Fits: the text keeps to one line there. */
bool nb_xsheet_half_fits(const char *text, bool right);
void nb_xsheet_half_text(nb_xsheet *w, lxw_row_t r, bool right, const char *label, const char *text);

/* Which values of a fields section start a pair of short fields sharing
 * a row (true at k: values k and k + 1 share one); free() the array. */
bool *nb_xsheet_plan_pairs(const nb_xsection *s);

/* The heading of section i; a one-line note (NULL for none) goes on the
 * heading's row when both fit, else on a row of its own below it. */
void nb_xsheet_heading(nb_xsheet *w, size_t i, const char *title, const char *note);

/* Section 8, the PC check (xlsx_pccheck.c). */
void nb_xsheet_pccheck(nb_xsheet *w, size_t i, const nb_xsection *s);

/* Write the whole form (xlsx_form.c); returns its last row. */
lxw_row_t nb_xsheet_write_form(nb_xsheet *w);

/* Between the passes: decide one page or several from the measured
 * heights, and reset the sheet for the real pass. */
void nb_xsheet_plan(nb_xsheet *w);

/* Paper, margins, scale, breaks, print area and column widths. */
void nb_xsheet_page_setup(nb_xsheet *w, lxw_row_t last_row);

#endif
