/* Flow layout of ruled rows for A4 forms (see pdf_layout.h). */
#include "pdf_layout.h"
#include "pdf_fonts.h"
#include <stdio.h>
#include <string.h>

/* One face found through fontconfig and embedded by cairo as a TrueType
 * CID subset, the form every viewer and printer handles. IPAexGothic has
 * no bold face, so bold asks for its weight and fontconfig's synthetic
 * emboldening (FreeType thickens each glyph by about 1/24 em) answers:
 * cairo writes those glyphs once into a font of their own (a CFF subset
 * it builds from the thickened outlines), so bold text is plain text on
 * the page. Stroking each glyph's outline at 0.5 pt, as this did before,
 * printed every outline into the page wherever it was drawn (a third of
 * a PDF's work) and smudged small kanji on a 204x98 fax. */
#define FONT_REGULAR NB_PDF_FAMILY_GOTHIC ", " NB_PDF_FAMILY_CJK
#define FONT_FIGURES NB_PDF_FAMILY_FIGURES ", " NB_PDF_FAMILY_GOTHIC " Bold"

#define MARGIN_X (18 * NB_PT_PER_MM)
#define MARGIN_TOP (20 * NB_PT_PER_MM)
#define MARGIN_BOTTOM (16 * NB_PT_PER_MM)
#define HEAD_H 22.0 /* running header above the content */
#define FOOT_H 22.0 /* running footer below the content */

/* Layouts. Shaping text (fontconfig, harfbuzz, line breaking) is most of
 * the PDF's own work, and the same text is asked for several times: a row
 * measures its cells, then draws them, in the measuring run and again in
 * the drawing run. So every piece of text is laid out once per document,
 * in one pango context for the PDF's cairo_t, and kept under a key of
 * everything that shapes it. A very long document (thousands of item
 * rows) keeps only the first KEEP_LAYOUTS layouts and the sizes of the
 * rest: memory stays bounded and the rest are shaped once per run.
 * The font maps live as long as the process (pdf_fonts.c). */
#define KEEP_LAYOUTS 16384

struct nb_pdf_text_layout {
    PangoLayout *layout; /* NULL when not kept */
    double w, h;         /* pt */
};

static void free_text_layout(void *v)
{
    struct nb_pdf_text_layout *t = v;
    if (t->layout)
        g_object_unref(t->layout);
    g_free(t);
}

void nb_pdf_init(nb_pdf *p, cairo_t *cr, bool whole_system)
{
    memset(p, 0, sizeof *p);
    p->cr = cr;
    p->dry = true;
    p->left = MARGIN_X;
    p->right = NB_A4_W - MARGIN_X;
    p->top = MARGIN_TOP + HEAD_H;
    p->bottom = NB_A4_H - MARGIN_BOTTOM - FOOT_H;
    p->frame_top = -1;
    p->font = pango_font_description_from_string(FONT_REGULAR);
    p->bold = pango_font_description_from_string(FONT_REGULAR " Bold");
    p->figures = pango_font_description_from_string(FONT_FIGURES);
    /* what pango_cairo_create_layout(cr) does per layout, once */
    p->ctx = pango_font_map_create_context(nb_pdf_font_map(whole_system));
    pango_cairo_update_context(cr, p->ctx);
    pango_context_set_round_glyph_positions(p->ctx, FALSE);
    p->layouts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, free_text_layout);
    cairo_set_source_rgb(cr, 0, 0, 0);
    /* rules meet in round corners (each sets its own width) */
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
}

void nb_pdf_draw_run(nb_pdf *p)
{
    int pages = p->page;
    p->dry = false;
    p->page = 0;
    p->pages = pages;
    p->y = 0;
    p->bottom = NB_A4_H - MARGIN_BOTTOM - FOOT_H;
    p->frame_top = -1;
    p->page_reserve = 0;
    p->section = NULL;
    p->repeat = NULL;
    p->repeat_ctx = NULL;
}

void nb_pdf_fini(nb_pdf *p)
{
    pango_font_description_free(p->font);
    pango_font_description_free(p->bold);
    pango_font_description_free(p->figures);
    g_hash_table_destroy(p->layouts);
    nb_pdf_grid_free(&p->grid);
    g_object_unref(p->ctx);
}

double nb_pdf_width(const nb_pdf *p)
{
    return p->right - p->left;
}

static PangoLayout *new_layout(nb_pdf *p, const char *text, double size, nb_pdf_face bold, double width,
                               int max_lines, nb_pdf_align align)
{
    PangoLayout *l = pango_layout_new(p->ctx);
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

/* The key a layout is kept under: everything new_layout() reads, in the
 * units pango rounds to, as five numbers of eight hex digits, then "|"
 * and the text. It is made for every cell twice a document (measuring
 * and drawing), where g_strdup_printf cost 2,700 instructions a time. */
static char *layout_key(const char *text, double size, nb_pdf_face bold, double width, int max_lines,
                        nb_pdf_align align)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned nums[5] = {(unsigned)bold, (unsigned)align, (unsigned)max_lines,
                              (unsigned)(int)((size > 0 ? size : NB_PDF_BODY) * PANGO_SCALE),
                              width > 0 ? (unsigned)(int)(width * PANGO_SCALE) : ~0u};
    size_t len = text ? strlen(text) : 0;
    char *key = g_malloc(5 * 8 + 1 + len + 1), *k = key;
    for (int i = 0; i < 5; i++)
        for (int shift = 28; shift >= 0; shift -= 4)
            *k++ = hex[(nums[i] >> shift) & 0xF];
    *k++ = '|';
    if (len)
        memcpy(k, text, len);
    k[len] = '\0';
    return key;
}

/* The kept layout of text (its size measured), shaping it the first time. */
static struct nb_pdf_text_layout *text_layout(nb_pdf *p, const char *text, double size, nb_pdf_face bold,
                                                    double width, int max_lines, nb_pdf_align align)
{
    char *key = layout_key(text, size, bold, width, max_lines, align);
    struct nb_pdf_text_layout *t = g_hash_table_lookup(p->layouts, key);
    if (t) {
        g_free(key);
        return t;
    }
    t = g_new0(struct nb_pdf_text_layout, 1);
    PangoLayout *l = new_layout(p, text, size, bold, width, max_lines, align);
    int w, h;
    pango_layout_get_size(l, &w, &h);
    if (pango_layout_get_unknown_glyphs_count(l) > 0)
        p->unknown_glyphs = true;
    t->w = (double)w / PANGO_SCALE;
    t->h = (double)h / PANGO_SCALE;
    if (p->kept < KEEP_LAYOUTS) {
        t->layout = l;
        p->kept++;
    } else {
        g_object_unref(l);
    }
    g_hash_table_insert(p->layouts, key, t);
    return t;
}

bool nb_pdf_has_glyphs(nb_pdf *p, const char *text, nb_pdf_face face)
{
    PangoLayout *l = new_layout(p, text, 0, face, 0, 1, NB_AL_LEFT);
    bool ok = pango_layout_get_unknown_glyphs_count(l) == 0;
    g_object_unref(l);
    return ok;
}

static double text_height(nb_pdf *p, const char *text, double size, nb_pdf_face bold, double width,
                          int max_lines, nb_pdf_align align)
{
    return text_layout(p, text, size, bold, width, max_lines, align)->h;
}

/* Draws the kept layout t of text (the arguments it was made from). */
static void draw_text(nb_pdf *p, struct nb_pdf_text_layout *t, double x, double y, double width,
                      const char *text, double size, nb_pdf_face bold, nb_pdf_align align, int max_lines)
{
    if (!p->dry) {
        PangoLayout *l = t->layout ? t->layout : new_layout(p, text, size, bold, width, max_lines, align);
        cairo_move_to(p->cr, x, y);
        pango_cairo_show_layout(p->cr, l);
        if (!t->layout)
            g_object_unref(l);
    }
}

double nb_pdf_text(nb_pdf *p, double x, double y, double width, const char *text, double size,
                   nb_pdf_face bold, nb_pdf_align align, int max_lines)
{
    struct nb_pdf_text_layout *t = text_layout(p, text, size, bold, width, max_lines, align);
    draw_text(p, t, x, y, width, text, size, bold, align, max_lines);
    return t->h;
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
    return text_layout(p, text, NB_PDF_BODY, false, 0, 1, NB_AL_LEFT)->w;
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
    /* page 1 carries the title in large type right below: the running
     * title there would only say it twice */
    if (p->head_left && p->page > 1)
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
    p->y += nb_pdf_text(p, p->left, p->y, nb_pdf_width(p), title, 12, true, NB_AL_LEFT, 2) + 3;
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

/* Each page starts with its paper, a white A4 rectangle. It is not
 * decoration: cairo's PDF surface keeps the union of the boxes of every
 * operation on a page, and with the rules stroked last (pdf_grid.c) that
 * union was hundreds of separate text boxes, which each new operation had
 * to be merged into (a tenth of a long PDF's work). Inside one page-sized
 * box every merge is immediate. */
static void white_page(cairo_t *cr)
{
    cairo_save(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, 0, 0, NB_A4_W, NB_A4_H);
    cairo_fill(cr);
    cairo_restore(cr);
}

void nb_pdf_new_page(nb_pdf *p)
{
    if (p->page > 0) {
        if (p->frame_top >= 0)
            nb_pdf_rect(p, p->left, p->frame_top, nb_pdf_width(p), p->y - p->frame_top, NB_PDF_FRAME);
        if (!p->dry) {
            nb_pdf_grid_flush(&p->grid, p->cr, NB_PDF_RULE);
            cairo_show_page(p->cr);
        }
        p->bottom += p->page_reserve;
        p->page_reserve = 0;
    }
    p->page++;
    if (!p->dry)
        white_page(p->cr);
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
    if (!p->dry) {
        nb_pdf_grid_flush(&p->grid, p->cr, NB_PDF_RULE);
        cairo_show_page(p->cr);
    }
}

void nb_pdf_need(nb_pdf *p, double h)
{
    if (p->y + h > p->bottom && p->y > p->top + 1)
        nb_pdf_new_page(p);
}

void nb_pdf_para(nb_pdf *p, const char *text, double size, nb_pdf_face bold, nb_pdf_align align,
                 int max_lines, double space_after)
{
    double h = text_height(p, text, size, bold, nb_pdf_width(p), max_lines, align);
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
    /* Each cell's layout is looked up once per run: a 10,000-item table
     * asked for it three times per cell per run. */
    struct nb_pdf_text_layout *some[8], **t = n <= 8 ? some : g_new(struct nb_pdf_text_layout *, n);
    double h = min_h, right = p->left;
    for (int i = 0; i < n; i++) {
        const nb_pdf_cell *c = &cells[i];
        right += c->width;
        t[i] = text_layout(p, c->text, c->size, c->bold, c->width - 2 * NB_PDF_PAD_X, c->max_lines, c->align);
        if (t[i]->h + 2 * NB_PDF_PAD_Y > h)
            h = t[i]->h + 2 * NB_PDF_PAD_Y;
    }
    nb_pdf_need(p, h);
    /* The row's boxes are kept with the page's others and stroked with
     * them when the page ends (pdf_grid.c); its text is drawn now. */
    if (!p->dry)
        nb_pdf_grid_row(&p->grid, p->left, right, p->y, p->y + h);
    double x = p->left;
    for (int i = 0; i < n; i++) {
        const nb_pdf_cell *c = &cells[i];
        if (!p->dry)
            nb_pdf_grid_side(&p->grid, x);
        draw_text(p, t[i], x + NB_PDF_PAD_X, p->y + (h - t[i]->h) / 2, c->width - 2 * NB_PDF_PAD_X, c->text,
                  c->size, c->bold, c->align, c->max_lines);
        x += c->width;
    }
    if (!p->dry)
        nb_pdf_grid_side(&p->grid, x);
    p->y += h;
    if (t != some)
        g_free(t);
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
    double h = text_height(p, title, 12, true, nb_pdf_width(p), 2, NB_AL_LEFT);
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
