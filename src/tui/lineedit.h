/* The questionnaire's own line editor: a buffer of code points, each with
 * its cell width, a cursor at the insertion point and a horizontal scroll
 * that never splits a wide glyph. No curses here, so every behaviour is
 * unit-tested without a terminal (tests/unit/test_tui_lineedit.c).
 *
 * Why not form.h: its wide-character branch skips the per-character type
 * check, counts limits in cells and can draw a wide glyph across the field
 * edge. Limits here are in characters
 * (code points), the unit the definition file uses. */
#ifndef NANBYO_LINEEDIT_H
#define NANBYO_LINEEDIT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What may be typed into a field. Checked per character while typing; the
 * whole value is checked on leaving the field (nb_field_check). */
typedef enum {
    NB_LE_ANY,      /* any printable character */
    NB_LE_DIGITS,   /* counts: 0-9, full-width digits */
    NB_LE_YEN,      /* amounts: digits, commas, yen sign, 円 */
    NB_LE_DATE,     /* digits, separators, era names and 年月日 */
    NB_LE_PHONE,    /* digits, hyphens, parentheses, spaces */
    NB_LE_POSTAL,   /* digits, hyphens */
    NB_LE_EMAIL,    /* printable ASCII without spaces (full-width folded) */
    NB_LE_INST_CODE /* digits, hyphens, spaces */
} nb_le_filter;

typedef struct {
    int32_t *cp;         /* code points */
    unsigned char *w;    /* cell width of each, 0..2 */
    size_t len, cap;
    size_t cursor;       /* insertion point, 0..len */
    size_t scroll;       /* index of the first visible code point */
    size_t max_chars;    /* 0 = no limit */
    nb_le_filter filter;
    bool multiline;      /* keeps '\n' from loaded text (notes) */
} nb_lineedit;

typedef enum {
    NB_LE_LEFT, NB_LE_RIGHT, NB_LE_HOME, NB_LE_END,
    NB_LE_BACKSPACE, NB_LE_DELETE,
    NB_LE_KILL_END,      /* Ctrl-K: delete from the cursor to the end */
    NB_LE_KILL_START     /* Ctrl-U: delete from the start to the cursor */
} nb_le_op;

/* Result of an insertion. */
typedef enum {
    NB_LE_OK = 0,
    NB_LE_FILTERED,   /* the character is not allowed in this field */
    NB_LE_FULL,       /* the field holds max_chars characters */
    NB_LE_DROPPED     /* a control character or invalid byte, dropped */
} nb_le_result;

void nb_le_init(nb_lineedit *le, size_t max_chars, nb_le_filter filter);
void nb_le_free(nb_lineedit *le);
/* Replace the contents (cursor at the end). Invalid UTF-8 bytes become
 * U+FFFD, tabs (and newlines unless multiline) become spaces, other
 * controls are dropped. The limit is NOT applied, so loaded text is never
 * cut; typing is refused while over the limit. */
void nb_le_set_text(nb_lineedit *le, const char *utf8);
/* The contents as UTF-8 (malloc'd, never NULL unless out of memory). */
char *nb_le_text(const nb_lineedit *le);
bool nb_le_empty(const nb_lineedit *le);

/* Whether filter allows cp while typing. */
bool nb_le_allows(nb_le_filter filter, int32_t cp);
/* Type one character at the cursor. */
nb_le_result nb_le_insert(nb_lineedit *le, int32_t cp);
/* Insert pasted or IME-committed UTF-8: newlines and tabs become spaces
 * (newlines kept when multiline), other controls and invalid bytes are
 * dropped, filtered characters skipped. Returns the worst result seen
 * (NB_LE_OK when everything went in). */
nb_le_result nb_le_insert_utf8(nb_lineedit *le, const char *s, size_t n);
/* Editing keys. Returns true when the buffer or cursor changed. */
bool nb_le_edit(nb_lineedit *le, nb_le_op op);

/* Cells of the whole text. */
int nb_le_width(const nb_lineedit *le);
/* One-line view `width` cells wide: adjusts scroll so the cursor is
 * visible (with room for the cursor cell at the end), returns the cell
 * column of the cursor within the view, and through *first and *count the
 * code points to draw. A wide glyph that would cross the right edge is
 * left out (its cells shown blank), never split. */
int nb_le_view(nb_lineedit *le, int width, size_t *first, size_t *count);

/* Wrapped view for notes: rows of `width` cells, a wide glyph that does
 * not fit moves to the next row, '\n' ends a row. For each code point i,
 * row_of[i] and col_of[i] (arrays of len+1; the last entry is the end
 * position) receive its place. Returns the number of rows used (>= 1). */
int nb_le_wrap(const nb_lineedit *le, int width, int *row_of, int *col_of);

#endif
