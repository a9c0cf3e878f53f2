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
#define FONT_FIGURES "DejaVu Sans Condensed, IPAexGothic Bold"
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
    p->figures = pango_font_description_from_string(FONT_FIGURES);
    cairo_set_source_rgb(cr, 0, 0, 0);
}

void nb_pdf_fini(nb_pdf *p)
{
    pango_font_description_free(p->font);
    pango_font_description_free(p->bold);
    pango_font_description_free(p->figures);
}

double nb_pdf_width(const nb_pdf *p)
{
    return p->right - p->left;
}

PangoLayout *nb_pdf_layout(nb_pdf *p, const char *text, double size, nb_pdf_face bold, double width,
                           int max_lines, nb_pdf_align align)
{
    PangoLayout *l = pango_cairo_create_layout(p->cr);
    PangoFontDescription *fd = pango_font_description_copy(bold == NB_FACE_FIGURES ? p->figures
                                                           : bold == NB_FACE_BOLD  ? p->bold
                                                                                    : p->font);
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
    pango_layout_set_height(l, -(max_lines > 0 ? max_lines : NB_PDF_MAX_LINES));
    pango_layout_set_alignment(l, align == NB_AL_CENTER  ? PANGO_ALIGN_CENTER
                                  : align == NB_AL_RIGHT ? PANGO_ALIGN_RIGHT
                                                         : PANGO_ALIGN_LEFT);
    pango_layout_set_text(l, text ? text : "", -1);
    return l;
}

double nb_pdf_text_height(nb_pdf *p, const char *text, double size, nb_pdf_face bold, double width,
                          int max_lines)
{
    PangoLayout *l = nb_pdf_layout(p, text, size, bold, width, max_lines, NB_AL_LEFT);
    int w, h;
    pango_layout_get_size(l, &w, &h);
    g_object_unref(l);
    return (double)h / PANGO_SCALE;
}

double nb_pdf_text(nb_pdf *p, double x, double y, double width, const char *text, double size,
                   nb_pdf_face bold, nb_pdf_align align, int max_lines)
{
    PangoLayout *l = nb_pdf_layout(p, text, size, bold, width, max_lines, align);
    int w, h;
    pango_layout_get_size(l, &w, &h);
    if (!p->dry) {
        cairo_move_to(p->cr, x, y);
        pango_cairo_show_layout(p->cr, l);
        if (bold == NB_FACE_BOLD) {
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

/* Width of text on one line at body size. */
static double line_width(nb_pdf *p, const char *text)
{
    PangoLayout *l = nb_pdf_layout(p, text, NB_PDF_BODY, false, 0, 1, NB_AL_LEFT);
    int w, h;
    pango_layout_get_size(l, &w, &h);
    g_object_unref(l);
    return (double)w / PANGO_SCALE;
}

/* The footer's name, then as many whole parts as fit after it: a part
 * (a code, "FAX 0834-21-5678") is never cut, the last ones go first, and
 * the name keeps at least a few characters before its "…". */
static void footer(nb_pdf *p, double y, double width)
{
    const double gap = 10, name_min = 5 * NB_PDF_BODY;
    double part_w[NB_PDF_FOOT_PARTS] = {0};
    int n = 0;
    double parts = 0;
    while (n < NB_PDF_FOOT_PARTS && p->foot_parts[n]) {
        part_w[n] = line_width(p, p->foot_parts[n]);
        parts += part_w[n] + gap;
        n++;
    }
    while (n > 1 && name_min + parts > width)
        parts -= part_w[--n] + gap;
    double name_w = width - parts;
    double full = p->foot_name ? line_width(p, p->foot_name) : 0;
    if (full < name_w)
        name_w = full;
    if (p->foot_name)
        nb_pdf_text(p, p->left, y, name_w + 1, p->foot_name, NB_PDF_BODY, false, NB_AL_LEFT, 1);
    double x = p->left + name_w + gap;
    for (int i = 0; i < n; i++) {
        nb_pdf_text(p, x, y, part_w[i] + 1, p->foot_parts[i], NB_PDF_BODY, false, NB_AL_LEFT, 1);
        x += part_w[i] + gap;
    }
}

static void page_furniture(nb_pdf *p)
{
    double w = nb_pdf_width(p);
    double hy = MARGIN_TOP;
    if (p->head_left)
        nb_pdf_text(p, p->left, hy, w * 0.6, p->head_left, NB_PDF_BODY, false, NB_AL_LEFT, 1);
    if (p->head_right && *p->head_right)
        nb_pdf_text(p, p->left + w * 0.6, hy - 2, w * 0.4, p->head_right, 12, true, NB_AL_RIGHT, 1);
    double fy = NB_A4_H - MARGIN_BOTTOM - 13;
    nb_pdf_hline(p, p->left, p->right, fy - 4, NB_PDF_RULE);
    char num[32];
    if (p->pages > 0)
        snprintf(num, sizeof num, "%d/%d", p->page, p->pages);
    else
        snprintf(num, sizeof num, "%d", p->page);
    nb_pdf_text(p, p->left + w - 50, fy, 50, num, NB_PDF_BODY, false, NB_AL_RIGHT, 1);
    footer(p, fy, w - 60);
}

static void heading(nb_pdf *p, const char *title)
{
    double h = nb_pdf_text_height(p, title, 12, true, nb_pdf_width(p), 2);
    nb_pdf_text(p, p->left, p->y, nb_pdf_width(p), title, 12, true, NB_AL_LEFT, 2);
    p->y += h + 3;
}

/* The top of a page that a section continues on. */
static void continued(nb_pdf *p)
{
    char t[512];
    snprintf(t, sizeof t, "%s (続き)", p->section);
    heading(p, t);
    if (p->frame_top >= 0)
        p->frame_top = p->y;
    if (p->repeat)
        p->repeat(p, p->repeat_ctx);
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
    if (p->section && p->page > 1)
        continued(p);
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

void nb_pdf_para(nb_pdf *p, const char *text, double size, nb_pdf_face bold, nb_pdf_align align,
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
                                       cells[i].width - 2 * NB_PDF_PAD_X, cells[i].max_lines);
        if (th + 2 * NB_PDF_PAD_Y > h)
            h = th + 2 * NB_PDF_PAD_Y;
    }
    nb_pdf_need(p, h);
    double x = p->left;
    for (int i = 0; i < n; i++) {
        const nb_pdf_cell *c = &cells[i];
        double th = nb_pdf_text_height(p, c->text, c->size, c->bold, c->width - 2 * NB_PDF_PAD_X,
                                       c->max_lines);
        nb_pdf_rect(p, x, p->y, c->width, h, NB_PDF_RULE);
        nb_pdf_text(p, x + NB_PDF_PAD_X, p->y + (h - th) / 2, c->width - 2 * NB_PDF_PAD_X, c->text,
                    c->size, c->bold, c->align, c->max_lines);
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

void nb_pdf_section_begin(nb_pdf *p, const char *title, double keep_h, nb_pdf_repeat_fn header,
                          void *ctx)
{
    p->y += 8;
    double h = nb_pdf_text_height(p, title, 12, true, nb_pdf_width(p), 2);
    nb_pdf_need(p, h + 3 + keep_h); /* never a heading alone at the foot of a page */
    heading(p, title);
    nb_pdf_frame_begin(p);
    if (header)
        header(p, ctx);
    p->section = title;
    p->repeat = header;
    p->repeat_ctx = ctx;
}

void nb_pdf_section_end(nb_pdf *p)
{
    p->section = NULL;
    p->repeat = NULL;
    p->repeat_ctx = NULL;
    nb_pdf_frame_end(p);
}
