/* The ruled boxes of table rows (pdf_grid.h). A box stroked on its own is
 * one drawing operation, and cairo's PDF surface spends about 35,000
 * instructions on each when the page is written (recorded, analysed,
 * written with its path and style): in a long items table that was a
 * third of the PDF's work. So the rows' boxes become line segments: each
 * row adds its bottom rule (its top one only when the row above did not
 * end there with the same span) and its sides, and a side that goes on
 * from the row above is lengthened rather than added. The page's
 * segments are stroked as one path with square caps, so the corners are
 * filled as a box's are: the same lines on paper, each edge drawn once. */
#include "pdf_grid.h"
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include "nanbyo/xalloc.h"

#define SAME(a, b) (fabs((a) - (b)) < 0.01) /* pt */

static size_t add(nb_pdf_grid *g, double x0, double y0, double x1, double y1)
{
    if (g->n == g->alloc) {
        g->alloc = g->alloc ? 2 * g->alloc : 64;
        g->seg = xreallocarray(g->seg, g->alloc, sizeof *g->seg);
    }
    g->seg[g->n] = (nb_pdf_segment){x0, y0, x1, y1};
    return g->n++;
}

void nb_pdf_grid_row(nb_pdf_grid *g, double x0, const double *widths, int n, double top, double h)
{
    double x1 = x0;
    for (int i = 0; i < n; i++)
        x1 += widths[i];
    double bottom = top + h;
    const nb_pdf_segment *lb = &g->last_bottom;
    bool below_last = g->have_last && SAME(lb->y0, top);
    if (!(below_last && SAME(lb->x0, x0) && SAME(lb->x1, x1)))
        add(g, x0, top, x1, top);
    add(g, x0, bottom, x1, bottom);
    g->last_bottom = (nb_pdf_segment){x0, bottom, x1, bottom};
    g->have_last = 1;
    /* the sides: n + 1 of them; the row above's open sides are matched by
     * position (a row has few boxes, so the scan is short) */
    size_t *next = xreallocarray(NULL, (size_t)n + 1, sizeof *next);
    double x = x0;
    for (int i = 0; i <= n; i++) {
        size_t found = (size_t)-1;
        for (size_t k = 0; below_last && k < g->n_open; k++)
            if (SAME(g->seg[g->open[k]].x0, x)) {
                found = g->open[k];
                break;
            }
        if (found != (size_t)-1)
            g->seg[found].y1 = bottom;
        else
            found = add(g, x, top, x, bottom);
        next[i] = found;
        if (i < n)
            x += widths[i];
    }
    free(g->open);
    g->open = next;
    g->n_open = (size_t)n + 1;
}

void nb_pdf_grid_flush(nb_pdf_grid *g, cairo_t *cr, double line)
{
    if (g->n > 0) {
        cairo_save(cr);
        cairo_new_path(cr);
        for (size_t i = 0; i < g->n; i++) {
            cairo_move_to(cr, g->seg[i].x0, g->seg[i].y0);
            cairo_line_to(cr, g->seg[i].x1, g->seg[i].y1);
        }
        cairo_set_line_width(cr, line);
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_SQUARE);
        cairo_stroke(cr);
        cairo_restore(cr);
    }
    g->n = 0;
    g->n_open = 0;
    g->have_last = 0;
}

void nb_pdf_grid_free(nb_pdf_grid *g)
{
    free(g->seg);
    free(g->open);
    *g = (nb_pdf_grid){0};
}
