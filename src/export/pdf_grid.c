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
#include <stdlib.h>
#include "nanbyo/xalloc.h"

#define SAME(a, b) (fabs((a) - (b)) < 0.01) /* pt */

static size_t add(nb_pdf_grid *g, double x0, double y0, double x1, double y1)
{
    g->seg = xgrowarray(g->seg, &g->cap, g->n + 1, sizeof *g->seg, 64);
    g->seg[g->n] = (nb_pdf_segment){x0, y0, x1, y1};
    return g->n++;
}

void nb_pdf_grid_row(nb_pdf_grid *g, double x0, double x1, double top, double bottom)
{
    const nb_pdf_segment *lb = &g->last_bottom;
    g->continues = g->have_last && SAME(lb->y0, top);
    if (!(g->continues && SAME(lb->x0, x0) && SAME(lb->x1, x1)))
        add(g, x0, top, x1, top);
    add(g, x0, bottom, x1, bottom);
    g->last_bottom = (nb_pdf_segment){x0, bottom, x1, bottom};
    g->have_last = true;
    g->top = top;
    g->bottom = bottom;
    /* the sides the last row added are now the row above's */
    size_t *t = g->above, cap = g->cap_above;
    g->above = g->sides;
    g->cap_above = g->cap_sides;
    g->n_above = g->n_sides;
    g->sides = t;
    g->cap_sides = cap;
    g->n_sides = 0;
}

void nb_pdf_grid_side(nb_pdf_grid *g, double x)
{
    size_t found = (size_t)-1;
    /* matched by position; a row has few boxes, so the scan is short */
    for (size_t k = 0; g->continues && k < g->n_above; k++)
        if (SAME(g->seg[g->above[k]].x0, x)) {
            found = g->above[k];
            break;
        }
    if (found != (size_t)-1)
        g->seg[found].y1 = g->bottom;
    else
        found = add(g, x, g->top, x, g->bottom);
    g->sides = xgrowarray(g->sides, &g->cap_sides, g->n_sides + 1, sizeof *g->sides, 16);
    g->sides[g->n_sides++] = found;
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
    g->n_above = g->n_sides = 0;
    g->have_last = false;
}

void nb_pdf_grid_free(nb_pdf_grid *g)
{
    free(g->seg);
    free(g->above);
    free(g->sides);
    *g = (nb_pdf_grid){0};
}
