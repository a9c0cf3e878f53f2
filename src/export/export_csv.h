/* Pieces of the CSV writer that are pure, so unit tests reach them:
 * RFC 4180 quoting and the CP932 conversion that names what it cannot
 * hold instead of replacing it. */
#ifndef NANBYO_EXPORT_CSV_H
#define NANBYO_EXPORT_CSV_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "export_model.h"

/* Append one field: quoted when it holds a comma, quote, CR or LF (quotes
 * doubled, LF inside written as CRLF); as is otherwise. */
void nb_csv_field(nb_buf *b, const char *s);

/* Convert UTF-8 to CP932 through iconv. Returns a malloc'd string (*out_len
 * set) or NULL when a character has no CP932 form: then *bad_cp holds it
 * and *bad_off its byte offset in s (*bad_cp is -2 when the system has no
 * CP932 converter). Never substitutes. */
char *nb_csv_to_cp932(const char *s, size_t len, size_t *out_len, int32_t *bad_cp, size_t *bad_off);

#endif
