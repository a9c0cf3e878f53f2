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
 * completed with the prefecture number and 点数表 digit. On success writes
 * the 10 digits to out (11 bytes) and returns NULL; otherwise returns the
 * reason (static Japanese text). */
const char *nb_check_inst_code(const char *in, int prefecture, int tensu_digit, char *out);

/* Phone or FAX: 10 or 11 digits, hyphens/parentheses allowed. out gets the
 * normalised form with the user's hyphens kept (ASCII). */
const char *nb_check_phone(const char *in, char *out, size_t n);

/* Postal code NNN-NNNN or 7 digits; out gets "NNN-NNNN" (9 bytes). */
const char *nb_check_postal(const char *in, char *out, size_t n);

/* E-mail address: one @, a dotted domain, no spaces or controls, ASCII. */
const char *nb_check_email(const char *in);

#endif
