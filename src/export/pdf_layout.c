/* Flow layout of ruled rows for A4 forms (see pdf_layout.h). */
#include "pdf_layout.h"
#include <stdio.h>
#include <string.h>

/* One face found through fontconfig and embedded by cairo as a TrueType
 * CID subset, the form every viewer and printer handles. IPAexGothic has
 * no bold; rather than add a CFF face (Noto Sans CJK Bold, whose subsetting
 * in cairo 1.16 leaks and which some Acrobat versions mishandle), bold text
 * is the same glyphs drawn as text and then outlined with a 0.5 pt stroke:
 * darker on paper and fax, still plain extractable text. */
#define FONT_REGULAR "IPAexGothic, Noto Sans CJK JP"
#define BOLD_STROKE 0.5

#define MARGIN_X (18 * NB_PT_PER_MM)
#define MARGIN_TOP (20 * NB_PT_PER_MM)
#define MARGIN_BOTTOM (16 * NB_PT_PER_MM)
#define HEAD_H 22.0 /* running header above the content */
#define FOOT_H 22.0 /* running footer below the content */

void nb_pdf_init(nb_pdf *p, cairo_t *cr, bool dry)
{
    memset(p, 0, sizeof *p);
    p->cr = cr;
    p->dry = dry;
    p->left = MARGIN_X;
    p->right = NB_A4_W - MARGIN_X;
    p->top = MARGIN_TOP + HEAD_H;
    p->bottom = NB_A4_H - MARGIN_BOTTOM - FOOT_H;
    p->frame_top = -1;
    p->font = pango_font_description_from_string(FONT_REGULAR);
    p->bold = pango_font_description_from_string(FONT_REGULAR);
    cairo_set_source_rgb(cr, 0, 0, 0);
}

void nb_pdf_fini(nb_pdf *p)
{
    pango_font_description_free(p->font);
    pango_font_description_free(p->bold);
}

double nb_pdf_width(const nb_pdf *p)
{
    return p->right - p->left;
}

PangoLayout *nb_pdf_layout(nb_pdf *p, const char *text, double size, bool bold, double width,
                           int max_lines, nb_pdf_align align)
{
    PangoLayout *l = pango_cairo_create_layout(p->cr);
    PangoFontDescription *fd = pango_font_description_copy(bold ? p->bold : p->font);
    pango_font_description_set_absolute_size(fd, (size > 0 ? size : NB_PDF_BODY) * PANGO_SCALE);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    if (width > 0) {
        pango_layout_set_width(l, (int)(width * PANGO_SCALE));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    }
    /* Negative height = at most that many lines, the last one ellipsised:
     * a 10,000-character name stays inside its box. */
    pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
    pango_layout_set_height(l, -(max_lines > 0 ? max_lines : 6));
    pango_layout_set_alignment(l, align == NB_AL_CENTER  ? PANGO_ALIGN_CENTER
                                  : align == NB_AL_RIGHT ? PANGO_ALIGN_RIGHT
                                                         : PANGO_ALIGN_LEFT);
    pango_layout_set_text(l, text ? text : "", -1);
    return l;
}

double nb_pdf_text_height(nb_pdf *p, const char *text, double size, bool bold, double width,
                          int max_lines)
{
    PangoLayout *l = nb_pdf_layout(p, text, size, bold, width, max_lines, NB_AL_LEFT);
    int w, h;
    pango_layout_get_size(l, &w, &h);
    g_object_unref(l);
    return (double)h / PANGO_SCALE;
}

double nb_pdf_text(nb_pdf *p, double x, double y, double width, const char *text, double size,
                   bool bold, nb_pdf_align align, int max_lines)
{
    PangoLayout *l = nb_pdf_layout(p, text, size, bold, width, max_lines, align);
    int w, h;
    pango_layout_get_size(l, &w, &h);
    if (!p->dry) {
        cairo_move_to(p->cr, x, y);
        pango_cairo_show_layout(p->cr, l);
        if (bold) {
            cairo_move_to(p->cr, x, y);
            pango_cairo_layout_path(p->cr, l);
            cairo_set_line_width(p->cr, BOLD_STROKE);
            cairo_set_line_join(p->cr, CAIRO_LINE_JOIN_ROUND);
            cairo_stroke(p->cr);
        }
    }
    g_object_unref(l);
    return (double)h / PANGO_SCALE;
}

void nb_pdf_rect(nb_pdf *p, double x, double y, double w, double h, double line)
{
    if (p->dry)
        return;
    cairo_set_line_width(p->cr, line);
    cairo_rectangle(p->cr, x, y, w, h);
    cairo_stroke(p->cr);
}

void nb_pdf_hline(nb_pdf *p, double x1, double x2, double y, double line)
{
    if (p->dry)
        return;
    cairo_set_line_width(p->cr, line);
    cairo_move_to(p->cr, x1, y);
    cairo_line_to(p->cr, x2, y);
    cairo_stroke(p->cr);
}

static void page_furniture(nb_pdf *p)
{
    double w = nb_pdf_width(p);
    double hy = MARGIN_TOP;
    if (p->head_left)
        nb_pdf_text(p, p->left, hy, w * 0.6, p->head_left, NB_PDF_SMALL, false, NB_AL_LEFT, 1);
    if (p->head_right && *p->head_right)
        nb_pdf_text(p, p->left + w * 0.6, hy - 2, w * 0.4, p->head_right, 12, true, NB_AL_RIGHT, 1);
    double fy = NB_A4_H - MARGIN_BOTTOM - 13;
    nb_pdf_hline(p, p->left, p->right, fy - 4, 0.5);
    char num[32];
    if (p->pages > 0)
        snprintf(num, sizeof num, "%d/%d", p->page, p->pages);
    else
        snprintf(num, sizeof num, "%d", p->page);
    nb_pdf_text(p, p->left + w - 60, fy, 60, num, NB_PDF_BODY, false, NB_AL_RIGHT, 1);
    if (p->foot_left)
        nb_pdf_text(p, p->left, fy, w - 70, p->foot_left, NB_PDF_SMALL, false, NB_AL_LEFT, 1);
}

void nb_pdf_new_page(nb_pdf *p)
{
    if (p->page > 0) {
        if (p->frame_top >= 0)
            nb_pdf_rect(p, p->left, p->frame_top, nb_pdf_width(p), p->y - p->frame_top, NB_PDF_FRAME);
        if (!p->dry)
            cairo_show_page(p->cr);
        p->bottom += p->page_reserve;
        p->page_reserve = 0;
    }
    p->page++;
    page_furniture(p);
    p->y = p->top;
    if (p->frame_top >= 0)
        p->frame_top = p->y;
    if (p->repeat && p->page > 1)
        p->repeat(p, p->repeat_ctx);
}

void nb_pdf_end(nb_pdf *p)
{
    if (p->frame_top >= 0)
        nb_pdf_frame_end(p);
    if (!p->dry)
        cairo_show_page(p->cr);
}

void nb_pdf_need(nb_pdf *p, double h)
{
    if (p->y + h > p->bottom && p->y > p->top + 1)
        nb_pdf_new_page(p);
}

void nb_pdf_para(nb_pdf *p, const char *text, double size, bool bold, nb_pdf_align align,
                 int max_lines, double space_after)
{
    double h = nb_pdf_text_height(p, text, size, bold, nb_pdf_width(p), max_lines);
    nb_pdf_need(p, h);
    nb_pdf_text(p, p->left, p->y, nb_pdf_width(p), text, size, bold, align, max_lines);
    p->y += h + space_after;
}

void nb_pdf_row(nb_pdf *p, nb_pdf_cell *cells, int n, double min_h)
{
    double used = 0;
    for (int i = 0; i < n - 1; i++)
        used += cells[i].width;
    if (cells[n - 1].width <= 0)
        cells[n - 1].width = nb_pdf_width(p) - used;
    double h = min_h;
    for (int i = 0; i < n; i++) {
        double th = nb_pdf_text_height(p, cells[i].text, cells[i].size, cells[i].bold,
                                       cells[i].width - 2 * NB_PDF_PAD, cells[i].max_lines);
        if (th + 2 * NB_PDF_PAD > h)
            h = th + 2 * NB_PDF_PAD;
    }
    nb_pdf_need(p, h);
    double x = p->left;
    for (int i = 0; i < n; i++) {
        const nb_pdf_cell *c = &cells[i];
        double th = nb_pdf_text_height(p, c->text, c->size, c->bold, c->width - 2 * NB_PDF_PAD,
                                       c->max_lines);
        nb_pdf_rect(p, x, p->y, c->width, h, NB_PDF_RULE);
        nb_pdf_text(p, x + NB_PDF_PAD, p->y + (h - th) / 2, c->width - 2 * NB_PDF_PAD, c->text, c->size,
                    c->bold, c->align, c->max_lines);
        x += c->width;
    }
    p->y += h;
}

void nb_pdf_frame_begin(nb_pdf *p)
{
    p->frame_top = p->y;
}

void nb_pdf_frame_end(nb_pdf *p)
{
    if (p->frame_top >= 0 && p->y > p->frame_top)
        nb_pdf_rect(p, p->left, p->frame_top, nb_pdf_width(p), p->y - p->frame_top, NB_PDF_FRAME);
    p->frame_top = -1;
}
