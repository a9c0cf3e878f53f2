/* Reading our QR code from a fax page with libzbar. A fax at standard
 * resolution (204x98 dpi, 1 bit, skewed, stretched, with dropped lines
 * and salt-and-pepper noise) defeats plain zbar at the worst level, so
 * each failed attempt is followed by a cleaner image (the cascade the
 * issue measured): a 3-row vertical median of the raw page (removes
 * dropped lines and specks), rows doubled when the page is half as tall
 * in dpi as it is wide, a 5x5 box blur (joins broken modules) and a 3x3
 * majority filter on the blurred page (crisp edges again). Every step is
 * linear in the pixels, and the time spent is checked between steps. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zbar.h>
#include "collect.h"
#include "nanbyo/xalloc.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* zbar on one image; our text if found. */
static char *zbar_once(const unsigned char *px, int w, int h, bool *other)
{
    zbar_image_scanner_t *sc = zbar_image_scanner_create();
    zbar_image_scanner_set_config(sc, 0, ZBAR_CFG_ENABLE, 0);
    zbar_image_scanner_set_config(sc, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
    zbar_image_t *im = zbar_image_create();
    zbar_image_set_format(im, zbar_fourcc('Y', '8', '0', '0'));
    zbar_image_set_size(im, (unsigned)w, (unsigned)h);
    zbar_image_set_data(im, px, (unsigned long)w * (unsigned long)h, NULL);
    char *text = NULL;
    if (zbar_scan_image(sc, im) > 0) {
        for (const zbar_symbol_t *s = zbar_image_first_symbol(im); s && !text; s = zbar_symbol_next(s)) {
            const char *d = zbar_symbol_get_data(s);
            unsigned n = zbar_symbol_get_data_length(s);
            if (zbar_symbol_get_type(s) == ZBAR_QRCODE && n >= 3 && memcmp(d, "NBQ", 3) == 0) {
                text = xmalloc(n + 1);
                memcpy(text, d, n);
                text[n] = '\0';
            } else {
                *other = true;
            }
        }
    }
    zbar_image_destroy(im);
    zbar_image_scanner_destroy(sc);
    return text;
}

static unsigned char *alloc_px(size_t n)
{
    unsigned char *p = xmalloc(n ? n : 1);
    return p;
}

static unsigned char med3(unsigned char a, unsigned char b, unsigned char c)
{
    if (a > b) { unsigned char t = a; a = b; b = t; }
    if (b > c) b = c;
    return a > b ? a : b;
}

static unsigned char *vertical_median(const unsigned char *in, int w, int h)
{
    unsigned char *out = alloc_px((size_t)w * h);
    for (int y = 0; y < h; y++) {
        const unsigned char *up = in + (size_t)(y > 0 ? y - 1 : y) * w;
        const unsigned char *mid = in + (size_t)y * w;
        const unsigned char *dn = in + (size_t)(y + 1 < h ? y + 1 : y) * w;
        for (int x = 0; x < w; x++)
            out[(size_t)y * w + x] = med3(up[x], mid[x], dn[x]);
    }
    return out;
}

static unsigned char *double_rows(const unsigned char *in, int w, int h)
{
    unsigned char *out = alloc_px((size_t)w * h * 2);
    for (int y = 0; y < h; y++) {
        memcpy(out + (size_t)(2 * y) * w, in + (size_t)y * w, (size_t)w);
        memcpy(out + (size_t)(2 * y + 1) * w, in + (size_t)y * w, (size_t)w);
    }
    return out;
}

/* Box blur of radius r with running sums (rows then columns): linear. */
static unsigned char *box_blur(const unsigned char *in, int w, int h, int r)
{
    unsigned char *tmp = alloc_px((size_t)w * h), *out = alloc_px((size_t)w * h);
    for (int y = 0; y < h; y++) {
        const unsigned char *row = in + (size_t)y * w;
        long sum = 0;
        int n = 0;
        for (int x = -r; x < w; x++) {
            if (x + r < w) { sum += row[x + r]; n++; }
            if (x - r - 1 >= 0) { sum -= row[x - r - 1]; n--; }
            if (x >= 0)
                tmp[(size_t)y * w + x] = (unsigned char)(sum / n);
        }
    }
    for (int x = 0; x < w; x++) {
        long sum = 0;
        int n = 0;
        for (int y = -r; y < h; y++) {
            if (y + r < h) { sum += tmp[(size_t)(y + r) * w + x]; n++; }
            if (y - r - 1 >= 0) { sum -= tmp[(size_t)(y - r - 1) * w + x]; n--; }
            if (y >= 0)
                out[(size_t)y * w + x] = (unsigned char)(sum / n);
        }
    }
    free(tmp);
    return out;
}

/* Black where most of the 3x3 neighbourhood is darker than mid-grey. */
static unsigned char *majority3(const unsigned char *in, int w, int h)
{
    unsigned char *out = alloc_px((size_t)w * h);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            int dark = 0, n = 0;
            for (int dy = -1; dy <= 1; dy++)
                for (int dx = -1; dx <= 1; dx++) {
                    int yy = y + dy, xx = x + dx;
                    if (yy < 0 || yy >= h || xx < 0 || xx >= w)
                        continue;
                    n++;
                    dark += in[(size_t)yy * w + xx] < 128;
                }
            out[(size_t)y * w + x] = 2 * dark > n ? 0 : 255;
        }
    return out;
}

char *nb_qr_scan(const nb_gray *g, bool *other, bool *timed_out)
{
    *other = false;
    *timed_out = false;
    double start = now();
    int w = g->w, h = g->h;
    char *text = zbar_once(g->px, w, h, other);
    if (text)
        return text;
    /* each cleaned image is made from the one before: median, doubled,
     * blurred, majority; the time is checked before every step */
    bool half_height = g->ydpi > 0 && g->xdpi > 1.5 * g->ydpi;
    unsigned char *cur = vertical_median(g->px, w, h), *next;
    enum { MEDIAN, DOUBLED, BLURRED, MAJORITY, DONE } step = MEDIAN;
    while (!text && step != DONE) {
        if (now() - start > NB_COLLECT_PAGE_SECONDS) {
            *timed_out = true;
            break;
        }
        text = zbar_once(cur, w, h, other);
        switch (step) {
        case MEDIAN:
            step = DOUBLED;
            if (!half_height || (long)h * 2 * w > NB_COLLECT_MAX_PIXELS) {
                step = BLURRED;
                next = box_blur(cur, w, h, 2);
                break;
            }
            next = double_rows(cur, w, h);
            h *= 2;
            break;
        case DOUBLED:
            step = BLURRED;
            next = box_blur(cur, w, h, 2);
            break;
        case BLURRED:
            step = MAJORITY;
            next = majority3(cur, w, h);
            break;
        default:
            step = DONE;
            next = NULL;
            break;
        }
        if (text || !next) {
            free(next);
            break;
        }
        free(cur);
        cur = next;
    }
    free(cur);
    return text;
}
