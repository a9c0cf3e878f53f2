/* Validators for the typed answers: 保険医療機関コード, phone/FAX, postal
 * code, e-mail address. Each normalises (NFKC, hyphens) and reports one
 * Japanese reason when the value is wrong. Pure. */
#ifndef NANBYO_FIELDS_H
#define NANBYO_FIELDS_H
#include <stdbool.h>
#include <stddef.h>

/* Luhn check digit over the first 9 digits of a 10-digit code: weights
 * 2,1,2,... from the rightmost digit, digits of products summed. */
int nb_luhn_check_digit(const char *nine_digits);

/* Validate a 保険医療機関コード. Accepts 10 digits (hyphens, spaces and
 * full-width digits allowed) or the 7-digit 郡市区+番号+検証番号 form,
 * completed with the prefecture number and 点数表 digit. Checks, in order:
 * digit count, prefecture (skipped when prefecture is 0), 点数表 digit 1
 * (医科) or 3 (歯科), Luhn check digit. On success writes the 10 digits to
 * out (11 bytes, may be NULL) and returns NULL; otherwise returns the
 * reason in Japanese. Reasons that quote a number live in a thread-local
 * buffer valid until the next call of a validator in this file. */
const char *nb_check_inst_code(const char *in, int prefecture, int tensu_digit, char *out);

/* Phone or FAX: 10 or 11 digits starting with 0, hyphens/parentheses/
 * spaces allowed. out gets the normalised form with the user's grouping
 * kept as ASCII hyphens ("（０８３）９３３－２９６９" -> "083-933-2969");
 * it needs 24 bytes, and is "" on error or when n is too small. */
const char *nb_check_phone(const char *in, char *out, size_t n);

/* Postal code NNN-NNNN or 7 digits (full-width and a leading 〒 allowed);
 * out gets "NNN-NNNN" (9 bytes). */
const char *nb_check_postal(const char *in, char *out, size_t n);

/* E-mail address: one @, a dotted domain, no spaces or controls, ASCII
 * only (full-width input is refused, not converted: the caller stores what
 * the clerk typed), at most 254 characters. ASCII spaces around the
 * address are ignored. */
const char *nb_check_email(const char *in);

#endif
