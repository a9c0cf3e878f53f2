/* The answers as the text of one QR code (docs/export.md, "QR code"):
 *
 *   NBQ1.<CRC-32 of the body, 8 hex digits>.<body>
 *   body = base45(zlib(positional JSON array))
 *
 * Every character is in the QR alphanumeric set, so the code stays small;
 * names stay UTF-8 inside the JSON (髙 and 﨑 are not in QR Kanji mode).
 * The checksum makes a half-read or misread code an error, never data.
 * Decoding is bounded: a text longer than any QR code, a deflate stream
 * that inflates past NB_QRPAY_MAX_JSON, or counts that disagree with the
 * array are refused with one Japanese sentence. */
#ifndef NANBYO_QRPAYLOAD_H
#define NANBYO_QRPAYLOAD_H
#include <stddef.h>
#include "nanbyo/answers.h"
#include "nanbyo/definition.h"
#include "nanbyo/error.h"

#define NB_QRPAY_TAG "NBQ1"
/* The longest text a QR code can hold (version 40, numeric mode). */
#define NB_QRPAY_MAX_TEXT 7089
/* The most JSON one code may inflate to: 4296 alphanumeric characters
 * carry at most 2,864 deflated bytes; 64 KiB is far above any real
 * answers yet stops a deflate bomb at once. */
#define NB_QRPAY_MAX_JSON 65536

/* The code's text for these answers (malloc'd), or NULL with err set. */
char *nb_qrpay_encode(const nb_definition *def, const nb_answers *a, nb_error *err);

/* The survey id carried by text, after checking the tag, the checksum and
 * the array's shape (malloc'd), or NULL with err set. Lets the caller
 * pick the definition before nb_qrpay_decode. */
char *nb_qrpay_survey(const char *text, size_t len, nb_error *err);

/* The answers file carried by text, its fields named by def (which must
 * be the survey the code names). NULL with err set when the text is not
 * one of ours, fails its checksum, or does not fit the definition. */
nb_answers *nb_qrpay_decode(const nb_definition *def, const char *text, size_t len, nb_error *err);

/* RFC 9285 base45, exposed for the unit tests. encode returns a malloc'd
 * NUL-terminated string; decode returns the byte count or -1 for text
 * that is not base45 (*out malloc'd on success). */
char *nb_base45_encode(const unsigned char *data, size_t len);
long nb_base45_decode(const char *text, size_t len, unsigned char **out);

#endif
