/* A small flow layout for A4 forms on cairo + pango: ruled rows of cells
 * that break across pages, with a header and a numbered footer on every
 * page. The whole document is run twice through the same code: a dry
 * run that only measures (to learn the page count for "n/N"), then the
 * real drawing, so page breaks can never differ between the two. Text is
 * shaped once: each piece of text is measured in the first run and its
 * layout kept for the second (see "Layouts" in pdf_layout.c).
 * Fax rules live here. A standard-resolution fax (204x98 dpi, 1-bit)
 * keeps one row of pixels in two at 204 dpi: a 0.6 pt rule (1.7 px) can
 * vanish and two ruled rows merge, 9 pt text turns to noise and a comma
 * reads as a full stop. So: black only, nothing that matters below
 * 10.5 pt, amounts larger (NB_PDF_AMOUNT), every rule at least 1 pt
 * (2.8 px, at least one row survives), margins >= 15 mm. */
#ifndef NANBYO_PDF_LAYOUT_H
#define NANBYO_PDF_LAYOUT_H
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdbool.h>
#include "pdf_grid.h"

#define NB_PT_PER_MM (72.0 / 25.4)
#define NB_A4_W 595.28
#define NB_A4_H 841.89
#define NB_PDF_BODY 10.5   /* pt; also the running header and footer */
#define NB_PDF_AMOUNT 14.0 /* yen amounts, in NB_FACE_FIGURES */
#define NB_PDF_RULE 1.0    /* inner rules */
#define NB_PDF_FRAME 1.5   /* outer frames */
#define NB_PDF_PAD_X 6.0   /* text inset from a cell's side rules */
#define NB_PDF_PAD_Y 4.0   /* and from its top and bottom rules */
/* A cell grows to hold its text; only hostile text longer than this many
 * lines (a row that would not fit on a page) is cut, with "…". */
#define NB_PDF_MAX_LINES 36

typedef enum { NB_AL_LEFT, NB_AL_CENTER, NB_AL_RIGHT } nb_pdf_align;

/* Which face text is drawn in; false and true still mean regular and
 * bold. Figures (amounts, the institution code, phone numbers) use
 * DejaVu Sans Condensed Bold (fonts-dejavu-extra): IPAexGothic's comma is
 * a dot with a stub of a tail that a 204x98 fax halves, and tesseract
 * reads 218,800円 as 218.800円; measured with the fax test at 13-15 pt,
 * DejaVu Sans Bold, Serif Bold and Lato Heavy still lost commas, the
 * condensed bold face none. Without it fontconfig falls back to
 * IPAexGothic: legible, only less sure for OCR. */
typedef enum { NB_FACE_REGULAR = 0, NB_FACE_BOLD = 1, NB_FACE_FIGURES = 2 } nb_pdf_face;

typedef struct {
    double width;          /* pt */
    const char *text;
    double size;           /* pt; 0 = body */
    nb_pdf_face bold;
    nb_pdf_align align;
    int max_lines;         /* 0 = NB_PDF_MAX_LINES; longer text is ellipsised */
} nb_pdf_cell;

typedef struct nb_pdf nb_pdf;
/* Draws a table's header row again at the top of a continued page. */
typedef void (*nb_pdf_repeat_fn)(nb_pdf *p, void *ctx);

/* The running footer: the name may be shortened with "…", the other
 * parts (code, TEL, FAX) are shown whole or, from the last, left out. */
#define NB_PDF_FOOT_PARTS 4

struct nb_pdf {
    cairo_t *cr;
    bool dry;              /* measuring pass: nothing is drawn */
    int page;              /* 1-based, 0 before the first page */
    int pages;             /* total, known in the drawing pass */
    double left, right, top, bottom, y;
    double frame_top;      /* < 0 when no framed block is open */
    double page_reserve;   /* pt kept free at the foot of this page only (the QR code) */
    /* The section being drawn: a page break inside it starts the next
     * page with "<title> (続き)" and the table header again. */
    const char *section;
    nb_pdf_repeat_fn repeat;
    void *repeat_ctx;
    /* what every page shows */
    const char *head_left, *head_right;
    const char *foot_name;
    const char *foot_parts[NB_PDF_FOOT_PARTS]; /* NULL-terminated when fewer */
    PangoFontDescription *font, *bold, *figures;
    /* kept over both runs: one pango context for cr and the layouts */
    PangoContext *ctx;
    GHashTable *layouts;   /* key text -> struct nb_pdf_text_layout */
    size_t kept;           /* how many of them still hold a PangoLayout */
    bool unknown_glyphs;   /* some text has a character the faces lack */
    nb_pdf_grid grid;      /* this page's row boxes, stroked when it ends */
};

/* Starts the measuring run on cr (a PDF surface's context), with the
 * forms' own fonts or every installed font (pdf_fonts.h). */
void nb_pdf_init(nb_pdf *p, cairo_t *cr, bool whole_system);
/* Ends the measuring run and starts the drawing run on the same cr: the
 * page count is known from now on, the measured layouts are reused. */
void nb_pdf_draw_run(nb_pdf *p);
void nb_pdf_fini(nb_pdf *p);
/* Whether the installed fonts draw every character of text in face (no
 * empty boxes). */
bool nb_pdf_has_glyphs(nb_pdf *p, const char *text, nb_pdf_face face);

/* Start a new page (closing the current one). */
void nb_pdf_new_page(nb_pdf *p);
/* Finish the last page. */
void nb_pdf_end(nb_pdf *p);
/* Make room for h points, breaking the page when needed. */
void nb_pdf_need(nb_pdf *p, double h);

/* Draw text at x,y (top left) in width pt, wrapping by character when
 * needed; returns its height. */
double nb_pdf_text(nb_pdf *p, double x, double y, double width, const char *text, double size,
                   nb_pdf_face bold, nb_pdf_align align, int max_lines);
/* A paragraph across the content width, advancing y. */
void nb_pdf_para(nb_pdf *p, const char *text, double size, nb_pdf_face bold, nb_pdf_align align,
                 int max_lines, double space_after);

void nb_pdf_rect(nb_pdf *p, double x, double y, double w, double h, double line);
void nb_pdf_hline(nb_pdf *p, double x1, double x2, double y, double line);

/* One ruled row of cells from the left margin; the last cell takes the
 * rest of the width when its width is 0. */
void nb_pdf_row(nb_pdf *p, nb_pdf_cell *cells, int n, double min_h);

/* A framed block: a heavier rule around the rows between begin and end,
 * drawn per page when the block breaks. */
void nb_pdf_frame_begin(nb_pdf *p);
void nb_pdf_frame_end(nb_pdf *p);

/* A numbered section: its heading kept with the first rows (keep_h, pt,
 * at least), a frame, and header (may be NULL) drawn under the heading
 * and again, after "<title> (続き)", on every page the section continues
 * on. The title must outlive the section. */
void nb_pdf_section_begin(nb_pdf *p, const char *title, double keep_h, nb_pdf_repeat_fn header,
                          void *ctx);
void nb_pdf_section_end(nb_pdf *p);

double nb_pdf_width(const nb_pdf *p);

#endif
