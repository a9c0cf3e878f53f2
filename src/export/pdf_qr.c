/* Drawing the answers' QR code (see pdf_qr.h; the text is made by
 * src/qrpay/payload.c). libqrencode builds the symbol in alphanumeric
 * mode. The symbol goes into the PDF as what it is, a 1-bit image of one
 * pixel per module used as a stencil mask (/ImageMask, /Interpolate
 * false: viewers and rasterisers scale it up by repeating pixels, so the
 * edges stay sharp and modules have no seams). Drawn as a path (one
 * rectangle per run of dark modules) the code cost ~4,000 rectangles of
 * coordinates printed as decimals and deflated: a fifth of the PDF's
 * instructions; the image is ~1 KB and nearly free. */
#include "pdf_qr.h"
#include <qrencode.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nanbyo/qrpayload.h"
#include "nanbyo/xalloc.h"

#define MODULE_MM 1.0
#define QUIET 4           /* modules of white around the code (the standard's minimum) */
#define PAGE_VERSION 18   /* the version that fits beside the form on page 1 */
/* Bit of pixel i (0-31) in a CAIRO_FORMAT_A1 word: cairo uses the
 * machine's bit order (pixman's a1 format). */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define NB_A1_BIT(i) (31 - (i))
#else
#define NB_A1_BIT(i) (i)
#endif
#define SENTENCE "この QR コードには上記の回答がそのまま入っています (県の集計用)"

struct nb_pdf_qr {
    QRcode *code;       /* NULL when there is none */
    char note[sizeof(nb_error)]; /* why there is none */
};

static double module_pt(void)
{
    return MODULE_MM * NB_PT_PER_MM;
}

/* The largest code that fits the content area of a page with its quiet
 * zone: width (modules) = 17 + 4 x version. */
static int largest_version(void)
{
    double content_w = NB_A4_W - 2 * 18 * NB_PT_PER_MM;
    int modules = (int)(content_w / module_pt()) - 2 * QUIET;
    int v = (modules - 17) / 4;
    return v > 40 ? 40 : v;
}

nb_pdf_qr *nb_pdf_qr_new(const nb_xdoc *d)
{
    if (d->opts.no_qr)
        return NULL;
    nb_pdf_qr *qr = xcalloc(1, sizeof *qr);
    nb_error err = {{0}};
    char *text = nb_qrpay_encode(d->def, d->answers, &err);
    if (!text) {
        snprintf(qr->note, sizeof qr->note, "%s", err.msg);
        return qr;
    }
    /* the version given is the smallest libqrencode may use */
    QRinput *in = QRinput_new2(PAGE_VERSION, QR_ECLEVEL_M);
    if (!in || QRinput_append(in, QR_MODE_AN, (int)strlen(text), (const unsigned char *)text) != 0)
        nb_xalloc_die(); /* the text is base45 (QR's alphanumeric set): only memory fails */
    qr->code = QRcode_encodeInput(in);
    QRinput_free(in);
    free(text);
    if (qr->code && qr->code->version > largest_version()) {
        QRcode_free(qr->code);
        qr->code = NULL;
    }
    if (!qr->code)
        snprintf(qr->note, sizeof qr->note,
                 "回答が多いため QR コードに入りません。印刷された回答をお読みください。");
    return qr;
}

void nb_pdf_qr_free(nb_pdf_qr *qr)
{
    if (!qr)
        return;
    if (qr->code)
        QRcode_free(qr->code);
    free(qr);
}

/* The symbol as an A1 surface, one pixel per module, dark = opaque. */
static cairo_surface_t *code_mask(const QRcode *code)
{
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_A1, code->width, code->width);
    if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS)
        nb_xalloc_die();
    cairo_surface_flush(img);
    unsigned char *data = cairo_image_surface_get_data(img);
    int stride = cairo_image_surface_get_stride(img);
    for (int r = 0; r < code->width; r++) {
        uint32_t *row = (uint32_t *)(void *)(data + (size_t)r * (size_t)stride);
        const unsigned char *mod = code->data + (size_t)r * (size_t)code->width;
        for (int c = 0; c < code->width; c++)
            if (mod[c] & 1) /* cairo packs A1 into 32-bit words, first pixel in the
                             * least significant bit on little-endian machines */
                row[c / 32] |= (uint32_t)1 << (NB_A1_BIT(c % 32));
    }
    cairo_surface_mark_dirty(img);
    return img;
}

static void draw_code(nb_pdf *p, const QRcode *code, double x, double y)
{
    if (p->dry)
        return;
    double m = module_pt();
    cairo_surface_t *img = code_mask(code);
    cairo_pattern_t *pat = cairo_pattern_create_for_surface(img);
    /* nearest: each module a sharp square, never a blur between two */
    cairo_pattern_set_filter(pat, CAIRO_FILTER_NEAREST);
    cairo_save(p->cr);
    cairo_translate(p->cr, x, y);
    cairo_scale(p->cr, m, m);
    cairo_set_source_rgb(p->cr, 0, 0, 0);
    cairo_mask(p->cr, pat); /* solid source + A1 mask: a PDF stencil mask */
    cairo_restore(p->cr);
    cairo_pattern_destroy(pat);
    cairo_surface_destroy(img);
}

/* What the code is, in small print under the sentence. */
static void format_line(nb_pdf *p, const QRcode *code, double x, double y, double w)
{
    char small[160];
    snprintf(small, sizeof small, "形式 " NB_QRPAY_TAG " / QR バージョン %d-M / 1 マス 1.0 mm", code->version);
    nb_pdf_text(p, x, y, w, small, NB_PDF_BODY, false, NB_AL_LEFT, 2);
}

void nb_pdf_qr_first_page(nb_pdf *p, const nb_pdf_qr *qr)
{
    if (!qr)
        return;
    if (!qr->code) {
        nb_pdf_para(p, qr->note, NB_PDF_BODY, false, NB_AL_LEFT, 2, 4);
        return;
    }
    if (qr->code->version > PAGE_VERSION) {
        nb_pdf_para(p, "QR コード (県の集計用) は最後のページにあります。", NB_PDF_BODY, false, NB_AL_LEFT, 1, 4);
        return;
    }
    /* at the foot of the page, the quiet zone kept clear of the rules
     * above and of the footer's line below */
    double m = module_pt(), side = qr->code->width * m;
    double top = p->bottom - QUIET * m - side;
    draw_code(p, qr->code, p->left, top);
    double tx = p->left + side + QUIET * m, tw = p->right - tx;
    double h = nb_pdf_text(p, tx, top + side / 3, tw, SENTENCE, NB_PDF_BODY, true, NB_AL_LEFT, 4);
    format_line(p, qr->code, tx, top + side / 3 + h + 4, tw);
    p->page_reserve = p->bottom - (top - QUIET * m);
    p->bottom -= p->page_reserve;
}

void nb_pdf_qr_own_page(nb_pdf *p, const nb_pdf_qr *qr)
{
    if (!qr || !qr->code || qr->code->version <= PAGE_VERSION)
        return;
    nb_pdf_new_page(p);
    double m = module_pt(), side = qr->code->width * m;
    nb_pdf_para(p, SENTENCE, 12, true, NB_AL_LEFT, 2, QUIET * m);
    draw_code(p, qr->code, p->left + (nb_pdf_width(p) - side) / 2, p->y);
    p->y += side + QUIET * m;
    format_line(p, qr->code, p->left, p->y, nb_pdf_width(p));
}
