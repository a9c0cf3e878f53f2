/* Fax images to grey pages: TIFF (G3, G4, uncompressed, several pages)
 * with libtiff, PNG with cairo, PDF pages with poppler rendered at the
 * resolution of the images they carry. Sizes are checked before any
 * page is allocated: a 100-MB or 100,000-pixel-wide image is refused in
 * one sentence. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cairo.h>
#include <poppler.h>
#include <tiffio.h>
#include "collect.h"
#include "nanbyo/xalloc.h"

static void unreadable(const char *path, const char *why, nb_found_fn fn, void *ctx)
{
    nb_found f = {path, NB_CH_FAX, NULL, why};
    fn(ctx, &f);
}

static bool size_ok(long w, long h)
{
    return w > 0 && h > 0 && w <= 100000 && h <= 100000 && w * h <= NB_COLLECT_MAX_PIXELS;
}

static const char too_big[] = "画像が大きすぎます (1ページ 4,000 万画素まで)。FAX の画像か確認してください。";

/* --- TIFF from memory ------------------------------------------------------ */

typedef struct {
    const char *data;
    toff_t len, pos;
} mem_file;

static tmsize_t mem_read(thandle_t h, void *buf, tmsize_t n)
{
    mem_file *m = h;
    if (m->pos >= m->len)
        return 0;
    toff_t left = m->len - m->pos;
    if ((toff_t)n > left)
        n = (tmsize_t)left;
    memcpy(buf, m->data + m->pos, (size_t)n);
    m->pos += (toff_t)n;
    return n;
}
static tmsize_t mem_write(thandle_t h, void *buf, tmsize_t n) { (void)h; (void)buf; (void)n; return -1; }
static toff_t mem_seek(thandle_t h, toff_t off, int whence)
{
    mem_file *m = h;
    toff_t base = whence == SEEK_CUR ? m->pos : whence == SEEK_END ? m->len : 0;
    m->pos = base + off;
    return m->pos;
}
static int mem_close(thandle_t h) { (void)h; return 0; }
static toff_t mem_size(thandle_t h) { return ((mem_file *)h)->len; }
static int mem_map(thandle_t h, void **base, toff_t *size) { (void)h; (void)base; (void)size; return 0; }
static void mem_unmap(thandle_t h, void *base, toff_t size) { (void)h; (void)base; (void)size; }

/* libtiff prints warnings and errors to stderr by default: the clerk gets
 * our one sentence instead. */
static void quiet(const char *module, const char *fmt, va_list ap) { (void)module; (void)fmt; (void)ap; }

static bool tiff_page(TIFF *t, nb_gray *g, const char **why)
{
    uint32_t w = 0, h = 0;
    float xr = 0, yr = 0;
    uint16_t unit = RESUNIT_INCH;
    TIFFGetField(t, TIFFTAG_IMAGEWIDTH, &w);
    TIFFGetField(t, TIFFTAG_IMAGELENGTH, &h);
    if (!size_ok(w, h)) {
        *why = too_big;
        return false;
    }
    TIFFGetField(t, TIFFTAG_XRESOLUTION, &xr);
    TIFFGetField(t, TIFFTAG_YRESOLUTION, &yr);
    TIFFGetFieldDefaulted(t, TIFFTAG_RESOLUTIONUNIT, &unit);
    double k = unit == RESUNIT_CENTIMETER ? 2.54 : 1.0;
    uint32_t *rgba = _TIFFmalloc((tmsize_t)((size_t)w * h * sizeof(uint32_t)));
    if (!rgba)
        nb_xalloc_die();
    /* TIFFReadRGBAImage handles every photometric and compression libtiff
     * knows (G3, G4, none, LZW, 8-bit grey, RGB); origin top-left */
    if (!TIFFReadRGBAImageOriented(t, w, h, rgba, ORIENTATION_TOPLEFT, 0)) {
        _TIFFfree(rgba);
        *why = "TIFF の画像データを読めません (壊れているか、対応していない形式です)。";
        return false;
    }
    g->w = (int)w;
    g->h = (int)h;
    g->xdpi = xr * k;
    g->ydpi = yr * k;
    g->px = xmalloc((size_t)w * h);
    for (size_t i = 0; i < (size_t)w * h; i++) {
        uint32_t p = rgba[i];
        g->px[i] = (unsigned char)((TIFFGetR(p) * 3 + TIFFGetG(p) * 6 + TIFFGetB(p)) / 10);
    }
    _TIFFfree(rgba);
    return true;
}

void nb_collect_read_tiff(const nb_definition *def, const char *path, const char *data, size_t len,
                          nb_found_fn fn, void *ctx)
{
    TIFFSetErrorHandler(quiet);
    TIFFSetWarningHandler(quiet);
    mem_file m = {data, len, 0};
    TIFF *t = TIFFClientOpen(path, "rm", &m, mem_read, mem_write, mem_seek, mem_close, mem_size, mem_map,
                             mem_unmap);
    if (!t) {
        unreadable(path, "TIFF ファイルとして読めません (壊れているか、TIFF ではありません)。", fn, ctx);
        return;
    }
    int pages = 0;
    do
        pages++;
    while (pages <= NB_COLLECT_MAX_PAGES && TIFFReadDirectory(t));
    if (pages > NB_COLLECT_MAX_PAGES) {
        TIFFClose(t);
        unreadable(path, "ページが多すぎます (200 ページまで)。", fn, ctx);
        return;
    }
    bool any = false;
    for (int p = 0; p < pages; p++) {
        nb_gray g = {0};
        const char *why = NULL;
        if (!TIFFSetDirectory(t, (tdir_t)p) || !tiff_page(t, &g, &why)) {
            char src[4200], msg[600];
            snprintf(src, sizeof src, pages > 1 ? "%.4000s#p%d" : "%.4000s", path, p + 1);
            snprintf(msg, sizeof msg, "%d ページ目: %s", p + 1, why ? why : "ページを読めません。");
            unreadable(src, msg, fn, ctx);
            any = true;
            continue;
        }
        any |= nb_qr_page(def, path, p + 1, pages, &g, fn, ctx);
        free(g.px);
    }
    TIFFClose(t);
    if (!any)
        nb_qr_none(path, pages, fn, ctx);
}

/* --- PNG and PDF through cairo ------------------------------------------------ */

static void gray_from_surface(cairo_surface_t *s, nb_gray *g)
{
    cairo_surface_flush(s);
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    const unsigned char *d = cairo_image_surface_get_data(s);
    cairo_format_t f = cairo_image_surface_get_format(s);
    g->w = w;
    g->h = h;
    g->px = xmalloc((size_t)w * h + 1);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            unsigned v;
            if (f == CAIRO_FORMAT_A1)
                v = (d[(size_t)y * stride + x / 8] >> (x % 8)) & 1 ? 0 : 255;
            else if (f == CAIRO_FORMAT_A8)
                v = 255u - d[(size_t)y * stride + x];
            else {
                uint32_t p = *(const uint32_t *)(d + (size_t)y * stride + 4 * (size_t)x);
                unsigned a = p >> 24, r = (p >> 16) & 255, gg = (p >> 8) & 255, b = p & 255;
                /* premultiplied over white */
                v = (r * 3 + gg * 6 + b) / 10 + (255 - (f == CAIRO_FORMAT_ARGB32 ? a : 255));
                if (v > 255)
                    v = 255;
            }
            g->px[(size_t)y * w + x] = (unsigned char)v;
        }
}

typedef struct {
    const char *data;
    size_t len, pos;
} png_mem;

static cairo_status_t png_read(void *closure, unsigned char *buf, unsigned int n)
{
    png_mem *m = closure;
    if (m->len - m->pos < n)
        return CAIRO_STATUS_READ_ERROR;
    memcpy(buf, m->data + m->pos, n);
    m->pos += n;
    return CAIRO_STATUS_SUCCESS;
}

/* The PNG header's size, read before cairo allocates the image. */
static bool png_size(const char *data, size_t len, long *w, long *h)
{
    const unsigned char *u = (const unsigned char *)data;
    if (len < 24 || memcmp(u, "\x89PNG\r\n\x1a\n", 8) != 0 || memcmp(u + 12, "IHDR", 4) != 0)
        return false;
    *w = (long)u[16] << 24 | (long)u[17] << 16 | (long)u[18] << 8 | u[19];
    *h = (long)u[20] << 24 | (long)u[21] << 16 | (long)u[22] << 8 | u[23];
    return true;
}

void nb_collect_read_png(const nb_definition *def, const char *path, const char *data, size_t len,
                         nb_found_fn fn, void *ctx)
{
    long w, h;
    if (!png_size(data, len, &w, &h)) {
        unreadable(path, "PNG ファイルとして読めません (壊れているか、PNG ではありません)。", fn, ctx);
        return;
    }
    if (!size_ok(w, h)) {
        unreadable(path, too_big, fn, ctx);
        return;
    }
    png_mem m = {data, len, 0};
    cairo_surface_t *s = cairo_image_surface_create_from_png_stream(png_read, &m);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s);
        unreadable(path, "PNG ファイルとして読めません (壊れているか、PNG ではありません)。", fn, ctx);
        return;
    }
    nb_gray g = {0};
    gray_from_surface(s, &g);
    cairo_surface_destroy(s);
    g.xdpi = g.ydpi = 0; /* cairo does not report pHYs: square pixels assumed */
    if (!nb_qr_page(def, path, 1, 1, &g, fn, ctx))
        nb_qr_none(path, 1, fn, ctx);
    free(g.px);
}

/* The resolution of a PDF page: that of its largest image (a fax PDF is
 * one scanned image per page), else 200 dpi. */
static void pdf_page_dpi(PopplerPage *page, double pw, double ph, double *xdpi, double *ydpi)
{
    *xdpi = *ydpi = 200;
    GList *maps = poppler_page_get_image_mapping(page);
    double best = 0;
    for (GList *l = maps; l; l = l->next) {
        PopplerImageMapping *im = l->data;
        double aw = im->area.x2 - im->area.x1, ah = im->area.y2 - im->area.y1;
        if (aw * ah <= best || aw < pw / 2 || ah < ph / 2)
            continue;
        cairo_surface_t *img = poppler_page_get_image(page, im->image_id);
        if (img) {
            int iw = cairo_image_surface_get_width(img), ih = cairo_image_surface_get_height(img);
            if (iw > 0 && ih > 0 && aw > 0 && ah > 0) {
                best = aw * ah;
                *xdpi = iw * 72.0 / aw;
                *ydpi = ih * 72.0 / ah;
            }
            cairo_surface_destroy(img);
        }
    }
    poppler_page_free_image_mapping(maps);
}

void nb_collect_read_pdf(const nb_definition *def, const char *path, const char *data, size_t len,
                         nb_found_fn fn, void *ctx)
{
    GBytes *bytes = g_bytes_new_static(data, len);
    GError *gerr = NULL;
    PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &gerr);
    if (!doc) {
        g_clear_error(&gerr);
        g_bytes_unref(bytes);
        unreadable(path, "PDF ファイルとして読めません (壊れているか、パスワード付きです)。", fn, ctx);
        return;
    }
    int pages = poppler_document_get_n_pages(doc);
    if (pages > NB_COLLECT_MAX_PAGES || pages < 1) {
        unreadable(path, pages < 1 ? "PDF にページがありません。" : "ページが多すぎます (200 ページまで)。", fn, ctx);
        pages = 0;
    }
    bool any = pages == 0;
    for (int p = 0; p < pages; p++) {
        PopplerPage *page = poppler_document_get_page(doc, p);
        double pw, ph, xdpi, ydpi;
        poppler_page_get_size(page, &pw, &ph);
        pdf_page_dpi(page, pw, ph, &xdpi, &ydpi);
        long w = (long)(pw * xdpi / 72 + 0.5), h = (long)(ph * ydpi / 72 + 0.5);
        if (!size_ok(w, h)) {
            char src[4200], msg[600];
            snprintf(src, sizeof src, pages > 1 ? "%.4000s#p%d" : "%.4000s", path, p + 1);
            snprintf(msg, sizeof msg, "%d ページ目: %s", p + 1, too_big);
            unreadable(src, msg, fn, ctx);
            g_object_unref(page);
            any = true;
            continue;
        }
        cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)w, (int)h);
        cairo_t *cr = cairo_create(s);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);
        cairo_scale(cr, xdpi / 72, ydpi / 72);
        poppler_page_render_for_printing(page, cr);
        cairo_destroy(cr);
        nb_gray g = {0};
        gray_from_surface(s, &g);
        cairo_surface_destroy(s);
        g.xdpi = xdpi;
        g.ydpi = ydpi;
        any |= nb_qr_page(def, path, p + 1, pages, &g, fn, ctx);
        free(g.px);
        g_object_unref(page);
    }
    if (!any)
        nb_qr_none(path, pages, fn, ctx);
    g_object_unref(doc);
    g_bytes_unref(bytes);
}
