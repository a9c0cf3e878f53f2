/* UTF-8 decoding and validation. Everything the clerk types or a file holds
 * passes through here first, so invalid bytes are caught at the border. */
#ifndef NANBYO_UTF8_H
#define NANBYO_UTF8_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decode one code point from s (len bytes available). Returns the number of
 * bytes used (1-4) and stores the code point, or -1 for an invalid, overlong,
 * surrogate or truncated sequence. */
int nb_utf8_decode(const char *s, size_t len, int32_t *cp);

/* Encode cp into out (at least 4 bytes). Returns bytes written, 0 if cp is
 * not a Unicode scalar value. */
size_t nb_utf8_encode(int32_t cp, char *out);

/* How many of the len bytes at s, from the start, are ASCII (below 0x80). */
size_t nb_ascii_span(const char *s, size_t len);

/* True when the len bytes are well-formed UTF-8. */
bool nb_utf8_valid(const char *s, size_t len);

/* Number of code points in a valid NUL-terminated UTF-8 string. */
size_t nb_utf8_count(const char *s);

/* Byte offset of the code point that starts before byte offset off
 * (0 if off is 0). */
size_t nb_utf8_prev(const char *s, size_t off);

#endif
