/* The outline that makes bold text bold (see pdf_outline.h). Stroked in
 * place, every glyph outline goes into the page as curves printed in
 * decimals and deflated, about 0.7 M instructions a glyph: a third of a
 * PDF's work, and the heading 「5 物品・経費 (続き)」 that starts each
 * of the 400 pages of a 10,000-item table was written out 400 times.
 * So bold text drawn on more than one page has its stroked outline
 * recorded once (a cairo recording surface, which the PDF surface writes
 * once as a form XObject) and placed on each page with one translation:
 * the same curves, so the same print. Text drawn once, or twice on one
 * page, is stroked in place as before: a form costs more than one
 * outline, and cairo 1.16 lists a form used twice on a page twice in the
 * page's resources (a key repeated in a PDF dictionary). */
#include "pdf_outline.h"
#include <math.h>

void nb_pdf_outline_count(nb_pdf_outline_use *u, int page)
{
    if (u->uses > 0 && u->last_page == page)
        u->same_page = true;
    u->uses++;
    u->last_page = page;
}

/* Strokes the outline of l with its top left at the current point. */
static void stroke(cairo_t *cr, PangoLayout *l)
{
    pango_cairo_layout_path(cr, l);
    cairo_set_line_width(cr, NB_PDF_BOLD_STROKE);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_stroke(cr);
}

static cairo_surface_t *record(PangoLayout *l)
{
    PangoRectangle ink;
    pango_layout_get_extents(l, &ink, NULL);
    /* bounded, so the PDF surface need not replay it to learn its size;
     * 2 pt around the ink is far more than half the stroke's width */
    cairo_rectangle_t ext = {floor((double)ink.x / PANGO_SCALE) - 2, floor((double)ink.y / PANGO_SCALE) - 2,
                             ceil((double)ink.width / PANGO_SCALE) + 5, ceil((double)ink.height / PANGO_SCALE) + 5};
    cairo_surface_t *rec = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &ext);
    cairo_t *cr = cairo_create(rec);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_move_to(cr, 0, 0);
    stroke(cr, l);
    cairo_destroy(cr);
    return rec;
}

void nb_pdf_outline(cairo_t *cr, nb_pdf_outline_use *u, PangoLayout *l, double x, double y)
{
    if (u->uses < 2 || u->same_page) {
        cairo_move_to(cr, x, y);
        stroke(cr, l);
        return;
    }
    if (!u->form)
        u->form = record(l);
    cairo_save(cr);
    cairo_set_source_surface(cr, u->form, x, y);
    cairo_paint(cr);
    cairo_restore(cr);
    /* The stroke in place left this width and join on the page's context,
     * and the rules drawn after bold text have had round corners since:
     * they keep them (rules set their own width). */
    cairo_new_path(cr); /* the current point pango_cairo_show_layout() left */
    cairo_set_line_width(cr, NB_PDF_BOLD_STROKE);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
}

void nb_pdf_outline_free(nb_pdf_outline_use *u)
{
    if (u->form)
        cairo_surface_destroy(u->form);
    u->form = NULL;
}
