/* A small flow layout for A4 forms on cairo + pango: ruled rows of cells
 * that break across pages, with a header and a numbered footer on every
 * page. The whole document is laid out twice with the same code: a dry
 * run that only measures (to learn the page count for "n/N"), then the
 * real drawing, so page breaks can never differ between the two.
 * Fax rules live here: black only, text >= 9 pt (body 10.5 pt), rules
 * >= 0.5 pt, margins >= 15 mm. */
#ifndef NANBYO_PDF_LAYOUT_H
#define NANBYO_PDF_LAYOUT_H
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdbool.h>

#define NB_PT_PER_MM (72.0 / 25.4)
#define NB_A4_W 595.28
#define NB_A4_H 841.89
#define NB_PDF_BODY 10.5   /* pt */
#define NB_PDF_SMALL 9.0   /* never less */
#define NB_PDF_RULE 0.6    /* inner rules */
#define NB_PDF_FRAME 1.2   /* outer frames */
#define NB_PDF_PAD 4.0     /* text inset in a cell */

typedef enum { NB_AL_LEFT, NB_AL_CENTER, NB_AL_RIGHT } nb_pdf_align;

typedef struct {
    double width;          /* pt */
    const char *text;
    double size;           /* pt; 0 = body */
    bool bold;
    nb_pdf_align align;
    int max_lines;         /* 0 = 6; longer text is ellipsised */
} nb_pdf_cell;

typedef struct nb_pdf nb_pdf;
/* Called at the top of every page after the first of a block (to repeat
 * a table header). */
typedef void (*nb_pdf_repeat_fn)(nb_pdf *p, void *ctx);

struct nb_pdf {
    cairo_t *cr;
    bool dry;              /* measuring pass: nothing is drawn */
    int page;              /* 1-based, 0 before the first page */
    int pages;             /* total, known in the drawing pass */
    double left, right, top, bottom, y;
    double frame_top;      /* < 0 when no framed block is open */
    double page_reserve;   /* pt kept free at the foot of this page only (the QR code) */
    nb_pdf_repeat_fn repeat;
    void *repeat_ctx;
    /* what every page shows */
    const char *head_left, *head_right;
    const char *foot_left;
    PangoFontDescription *font, *bold;
};

void nb_pdf_init(nb_pdf *p, cairo_t *cr, bool dry);
void nb_pdf_fini(nb_pdf *p);

/* Start a new page (closing the current one). */
void nb_pdf_new_page(nb_pdf *p);
/* Finish the last page. */
void nb_pdf_end(nb_pdf *p);
/* Make room for h points, breaking the page when needed. */
void nb_pdf_need(nb_pdf *p, double h);

/* A layout for text in width pt (wrapping by character when needed). */
PangoLayout *nb_pdf_layout(nb_pdf *p, const char *text, double size, bool bold, double width,
                           int max_lines, nb_pdf_align align);
double nb_pdf_text_height(nb_pdf *p, const char *text, double size, bool bold, double width,
                          int max_lines);
/* Draw text at x,y (top left) in width; returns its height. */
double nb_pdf_text(nb_pdf *p, double x, double y, double width, const char *text, double size,
                   bool bold, nb_pdf_align align, int max_lines);
/* A paragraph across the content width, advancing y. */
void nb_pdf_para(nb_pdf *p, const char *text, double size, bool bold, nb_pdf_align align,
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

double nb_pdf_width(const nb_pdf *p);

#endif
