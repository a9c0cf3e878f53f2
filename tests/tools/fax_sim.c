/* A fax line, simulated for the collect round-trip tests:
 * pages rendered 1-bit at 204x204 dpi (pdftoppm -mono -r 204) become a G3
 * TIFF at standard resolution, 204x98 dpi (every other row dropped), with
 * seeded damage: skew (degrees), vertical stretch (percent), dropped
 * scan lines (white), salt-and-pepper noise (percent of pixels flipped).
 *   fax_sim SEED SKEW STRETCH DROPS NOISE OUT.tif PAGE.pbm... */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tiffio.h>

static unsigned long long rng;
static double uniform(void)
{
    rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(rng >> 11) / 9007199254740992.0;
}

/* P4 PBM: 1 = black. Returns one byte per pixel. */
static unsigned char *read_pbm(const char *path, int *w, int *h)
{
    FILE *f = fopen(path, "rb");
    if (!f || fscanf(f, "P4 %d %d", w, h) != 2 || fgetc(f) == EOF) {
        fprintf(stderr, "fax_sim: cannot read %s\n", path);
        exit(2);
    }
    int stride = (*w + 7) / 8;
    unsigned char *row = malloc((size_t)stride), *px = malloc((size_t)*w * *h);
    for (int y = 0; y < *h; y++) {
        if (fread(row, 1, (size_t)stride, f) != (size_t)stride)
            exit(2);
        for (int x = 0; x < *w; x++)
            px[(size_t)y * *w + x] = (row[x / 8] >> (7 - x % 8)) & 1;
    }
    free(row);
    fclose(f);
    return px;
}

int main(int argc, char **argv)
{
    if (argc < 8) {
        fprintf(stderr, "usage: fax_sim SEED SKEW STRETCH DROPS NOISE OUT.tif PAGE.pbm...\n");
        return 2;
    }
    rng = strtoull(argv[1], NULL, 10) * 2654435761ULL + 1;
    double skew = atof(argv[2]), stretch = atof(argv[3]) / 100, noise = atof(argv[5]) / 100;
    int drops = atoi(argv[4]);
    TIFF *t = TIFFOpen(argv[6], "w");
    if (!t)
        return 2;
    for (int p = 7; p < argc; p++) {
        int w, h;
        unsigned char *src = read_pbm(argv[p], &w, &h);
        int oh = h / 2;
        /* the sign of the skew and the stretch are drawn per page */
        double a = (uniform() < 0.5 ? -1 : 1) * skew * M_PI / 180, s = 1 + stretch * uniform();
        double ca = cos(a), sa = sin(a), cx = w / 2.0, cy = h / 2.0;
        unsigned char *out = calloc((size_t)w * oh, 1);
        for (int y = 0; y < oh; y++)
            for (int x = 0; x < w; x++) {
                double dx = x - cx, dy = (2.0 * y) / s - cy;
                int sx = (int)lround(cx + ca * dx - sa * dy), sy = (int)lround(cy + sa * dx + ca * dy);
                if (sx >= 0 && sx < w && sy >= 0 && sy < h)
                    out[(size_t)y * w + x] = src[(size_t)sy * w + sx];
            }
        for (int d = 0; d < drops; d++)
            memset(out + (size_t)(uniform() * oh) * w, 0, (size_t)w);
        size_t flips = (size_t)(noise * (double)w * oh);
        for (size_t k = 0; k < flips; k++)
            out[(size_t)(uniform() * ((double)w * oh))] ^= 1;
        TIFFSetField(t, TIFFTAG_IMAGEWIDTH, w);
        TIFFSetField(t, TIFFTAG_IMAGELENGTH, oh);
        TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, 1);
        TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, 1);
        TIFFSetField(t, TIFFTAG_COMPRESSION, COMPRESSION_CCITTFAX3);
        TIFFSetField(t, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISWHITE);
        TIFFSetField(t, TIFFTAG_FILLORDER, FILLORDER_LSB2MSB);
        TIFFSetField(t, TIFFTAG_XRESOLUTION, 204.0);
        TIFFSetField(t, TIFFTAG_YRESOLUTION, 98.0);
        TIFFSetField(t, TIFFTAG_RESOLUTIONUNIT, RESUNIT_INCH);
        TIFFSetField(t, TIFFTAG_ROWSPERSTRIP, oh);
        TIFFSetField(t, TIFFTAG_SUBFILETYPE, FILETYPE_PAGE);
        TIFFSetField(t, TIFFTAG_PAGENUMBER, p - 7, argc - 7);
        int stride = (w + 7) / 8;
        unsigned char *row = malloc((size_t)stride);
        for (int y = 0; y < oh; y++) {
            memset(row, 0, (size_t)stride);
            for (int x = 0; x < w; x++)
                if (out[(size_t)y * w + x])
                    row[x / 8] |= (unsigned char)(0x80 >> (x % 8));
            if (TIFFWriteScanline(t, row, (uint32_t)y, 0) < 0)
                return 2;
        }
        free(row);
        TIFFWriteDirectory(t);
        free(out);
        free(src);
    }
    TIFFClose(t);
    return 0;
}
