/* The ruled boxes of a page's table rows, kept as line segments and
 * stroked together when the page ends (see pdf_grid.c). */
#ifndef NANBYO_PDF_GRID_H
#define NANBYO_PDF_GRID_H
#include <cairo.h>
#include <stddef.h>

typedef struct {
    double x0, y0, x1, y1;
} nb_pdf_segment;

/* Zeroed to start; all on one page. */
typedef struct {
    nb_pdf_segment *seg;
    size_t n, alloc;
    /* the vertical segments that end at the last row's bottom, which the
     * next row's sides continue when it starts there */
    size_t *open;
    size_t n_open;
    /* the last row's bottom rule, which is also the next row's top */
    nb_pdf_segment last_bottom;
    int have_last;
} nb_pdf_grid;

/* A row of n boxes of the given widths from x0, between top and top + h. */
void nb_pdf_grid_row(nb_pdf_grid *g, double x0, const double *widths, int n, double top, double h);
/* Strokes every kept segment at line pt (one path) and starts afresh. */
void nb_pdf_grid_flush(nb_pdf_grid *g, cairo_t *cr, double line);
void nb_pdf_grid_free(nb_pdf_grid *g);

#endif
