/* RFC 9285 base45: two bytes become three characters of the QR
 * alphanumeric set (45 symbols), so binary data rides in the denser
 * alphanumeric mode. Written here because no Debian library offers it. */
#include <stdlib.h>
#include <string.h>
#include "nanbyo/qrpayload.h"
#include "nanbyo/xalloc.h"

static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

char *nb_base45_encode(const unsigned char *data, size_t len)
{
    char *out = xmalloc(len / 2 * 3 + 3);
    size_t o = 0;
    for (size_t i = 0; i + 1 < len; i += 2) {
        unsigned n = (unsigned)data[i] * 256u + data[i + 1];
        out[o++] = alphabet[n % 45];
        out[o++] = alphabet[n / 45 % 45];
        out[o++] = alphabet[n / 2025];
    }
    if (len % 2) {
        unsigned n = data[len - 1];
        out[o++] = alphabet[n % 45];
        out[o++] = alphabet[n / 45];
    }
    out[o] = '\0';
    return out;
}

static int value_of(char c)
{
    const char *p = c ? strchr(alphabet, c) : NULL;
    return p ? (int)(p - alphabet) : -1;
}

long nb_base45_decode(const char *text, size_t len, unsigned char **out)
{
    /* a single leftover character encodes nothing: the text was cut */
    if (len % 3 == 1 || len > NB_QRPAY_MAX_TEXT)
        return -1;
    unsigned char *buf = xmalloc(len / 3 * 2 + 2);
    size_t o = 0;
    for (size_t i = 0; i < len; i += 3) {
        size_t k = len - i >= 3 ? 3 : 2;
        unsigned n = 0, scale = 1;
        for (size_t j = 0; j < k; j++) {
            int v = value_of(text[i + j]);
            if (v < 0)
                goto bad;
            n += (unsigned)v * scale;
            scale *= 45;
        }
        if (k == 3) {
            if (n > 0xFFFF)
                goto bad;
            buf[o++] = (unsigned char)(n >> 8);
            buf[o++] = (unsigned char)(n & 0xFF);
        } else {
            if (n > 0xFF)
                goto bad;
            buf[o++] = (unsigned char)n;
        }
    }
    *out = buf;
    return (long)o;
bad:
    free(buf);
    return -1;
}
