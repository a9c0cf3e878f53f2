/* The ruled boxes of a page's table rows, kept as line segments and
 * stroked together when the page ends (see pdf_grid.c). */
#ifndef NANBYO_PDF_GRID_H
#define NANBYO_PDF_GRID_H
#include <cairo.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct {
    double x0, y0, x1, y1;
} nb_pdf_segment;

/* Zeroed to start; all on one page. */
typedef struct {
    nb_pdf_segment *seg;
    size_t n, cap;
    /* The sides of the row above, which the row being added continues
     * when it starts at that row's bottom, and the sides of the row being
     * added: indices into seg. Both arrays are kept from row to row. */
    size_t *above, *sides;
    size_t n_above, n_sides, cap_above, cap_sides;
    /* the last row's bottom rule, which is also the next row's top */
    nb_pdf_segment last_bottom;
    bool have_last;
    double top, bottom; /* of the row being added */
    bool continues;     /* it starts at the row above's bottom */
} nb_pdf_grid;

/* Starts a row spanning x0..x1 between top and bottom: its rules. */
void nb_pdf_grid_row(nb_pdf_grid *g, double x0, double x1, double top, double bottom);
/* A side of that row at x, left to right, the last at x1. */
void nb_pdf_grid_side(nb_pdf_grid *g, double x);
/* Strokes every kept segment at line pt (one path) and starts afresh. */
void nb_pdf_grid_flush(nb_pdf_grid *g, cairo_t *cr, double line);
void nb_pdf_grid_free(nb_pdf_grid *g);

#endif
