/* The terminal: the only place that starts and ends curses, picks colours
 * or monochrome, and draws width-aware text. Semantic roles keep meaning
 * out of colour: every role is readable in monochrome (NO_COLOR, vt100). */
#ifndef NANBYO_TUI_TERM_H
#define NANBYO_TUI_TERM_H
#include <stdbool.h>
#include <stddef.h>
#include <curses.h>

#define NB_MIN_COLS 80
#define NB_MIN_ROWS 24
/* Row of the page buttons; the two rows below it hold messages, then the
 * status line and the key line. */
#define NB_BTN_ROW (LINES - 5)

typedef enum {
    NB_R_NORMAL,
    NB_R_TITLE,
    NB_R_LABEL,
    NB_R_FIELD,
    NB_R_FIELD_FOCUS,
    NB_R_PLACEHOLDER,
    NB_R_BUTTON,
    NB_R_BUTTON_FOCUS,
    NB_R_ERROR,
    NB_R_WARN,
    NB_R_OK,
    NB_R_HINT,
    NB_R_STATUS,
    NB_R_COUNT
} nb_role;

/* NULL when the locale's codeset is UTF-8, else the message to print
 * (before curses starts). */
const char *nb_term_locale_problem(void);
/* Start curses. Returns -1 (message printed on stderr) when no terminal. */
int nb_term_open(void);
void nb_term_close(void);
bool nb_term_is_open(void);
bool nb_term_mono(void);
attr_t nb_role_attr(nb_role r);
bool nb_term_too_small(void);
/* The "端末が小さすぎます" screen; the caller keeps all its state. */
void nb_term_draw_too_small(void);

/* Width-aware drawing (one function for every string that reaches the
 * screen). Draw s at (y, x) in at most maxw cells, never splitting a wide
 * glyph; controls and invalid bytes show as '?'. Returns cells drawn. */
int nb_put(int y, int x, int maxw, const char *s, nb_role role);
/* Same with only the first n bytes of s. */
int nb_putn(int y, int x, int maxw, const char *s, size_t n, nb_role role);
/* Text in at most w cells; when it does not fit, its start and "..."
 * (ASCII: U+2026 is ambiguous-width), so a cut always shows. */
void nb_put_clipped(int y, int x, int w, const char *text, nb_role role);
/* Fill w cells with spaces in role. */
void nb_fill(int y, int x, int w, nb_role role);
/* Cells of a UTF-8 string (invalid bytes count 1). */
int nb_width(const char *s);
/* Split s into lines of at most width cells: stores byte offsets and
 * lengths of up to max lines, returns the number of lines needed. ASCII
 * words are not broken when a space is near; '\n' breaks a line. */
int nb_wrap(const char *s, int width, size_t *off, size_t *len, int max);
/* After snprintf into a fixed buffer: drop a character cut in half at
 * the end, so a long message never shows a broken glyph. */
void nb_utf8_fix_tail(char *s);
/* Draw s wrapped from row y, at most rows rows; returns rows used. */
int nb_put_wrapped(int y, int x, int width, int rows, const char *s, nb_role role);
#endif
