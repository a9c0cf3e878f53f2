/* Text normalisation and terminal cell widths, backed by utf8proc.
 * NFKC folds full-width digits and punctuation so that "１２３" parses. */
#ifndef NANBYO_TEXT_H
#define NANBYO_TEXT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* NFKC-normalised copy of s (malloc'd), or NULL if s is not valid UTF-8. */
char *nb_nfkc(const char *s);

/* Terminal cell width of one code point: 0 (combining), 1 or 2; -1 for
 * control characters. East Asian ambiguous characters count as 1 here,
 * which is why the UI avoids them. */
int nb_cp_width(int32_t cp);

/* Cell width of a valid UTF-8 string (controls count as 0). */
int nb_str_width(const char *s);

/* True when s holds a C0/C1 control character or DEL (TAB, CR and LF
 * included): such characters never belong in a one-line answer. */
bool nb_has_control(const char *s);

/* Copy of s with surrounding ASCII and ideographic spaces removed. */
char *nb_trim(const char *s);

/* Longest prefix of s (in bytes) that fits in max_cells cells without
 * splitting a wide glyph. */
size_t nb_prefix_for_width(const char *s, int max_cells);

/* Kinsoku: c may not start a line (、。）」 small kana...) / may not end
 * one (opening brackets). */
bool nb_no_line_start(int32_t c);
bool nb_no_line_end(int32_t c);

#endif
