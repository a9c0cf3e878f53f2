/* Bold text's outline (IPAexGothic has no bold: bold text is drawn, then
 * its glyph outlines are stroked), written into the PDF once for text
 * drawn on several pages (see pdf_outline.c). */
#ifndef NANBYO_PDF_OUTLINE_H
#define NANBYO_PDF_OUTLINE_H
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdbool.h>

#define NB_PDF_BOLD_STROKE 0.5 /* pt */

/* How one bold layout is drawn over a document, learnt in the measuring
 * run; zeroed to start. */
typedef struct {
    int uses;               /* times drawn */
    int last_page;          /* the page of the last use */
    bool same_page;         /* drawn twice on one page */
    cairo_surface_t *form;  /* the outline recorded once, when shared */
} nb_pdf_outline_use;

/* Measuring run: the layout is drawn on page. */
void nb_pdf_outline_count(nb_pdf_outline_use *u, int page);
/* Drawing run: strokes the glyph outlines of l drawn with its top left
 * at x, y on cr, as pango_cairo_layout_path() and a NB_PDF_BOLD_STROKE
 * stroke with round joins do, and leaves that width and join set on cr
 * as they did. */
void nb_pdf_outline(cairo_t *cr, nb_pdf_outline_use *u, PangoLayout *l, double x, double y);
void nb_pdf_outline_free(nb_pdf_outline_use *u);

#endif
