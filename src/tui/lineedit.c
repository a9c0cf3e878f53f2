/* Pure line editor (see src/tui/lineedit.h). The buffer is an array
 * of code points with a parallel array of cell widths, so cursor columns
 * and scrolling are sums of small integers and never re-decode UTF-8. */
#include "lineedit.h"
#include <stdlib.h>
#include <string.h>
#include "nanbyo/text.h"
#include "nanbyo/utf8.h"
#include "nanbyo/xalloc.h"

void nb_le_init(nb_lineedit *le, size_t max_chars, nb_le_filter filter)
{
    memset(le, 0, sizeof *le);
    le->max_chars = max_chars;
    le->filter = filter;
}

void nb_le_free(nb_lineedit *le)
{
    free(le->cp);
    free(le->w);
    le->cp = NULL;
    le->w = NULL;
    le->len = le->cap = le->cursor = le->scroll = 0;
}

/* Room for need characters in both arrays, which share one capacity. */
static void grow(nb_lineedit *le, size_t need)
{
    if (need <= le->cap)
        return;
    size_t cap = le->cap;
    le->cp = xgrowarray(le->cp, &cap, need, sizeof *le->cp, 32);
    le->w = xreallocarray(le->w, cap, sizeof *le->w);
    le->cap = cap;
}

static int cell_width(int32_t cp)
{
    if (cp == '\n')
        return 0;
    int w = nb_cp_width(cp);
    return w < 0 ? 0 : w;
}

/* Raw insertion without filter or limit. */
static bool put(nb_lineedit *le, int32_t cp)
{
    grow(le, le->len + 1);
    memmove(le->cp + le->cursor + 1, le->cp + le->cursor, (le->len - le->cursor) * sizeof *le->cp);
    memmove(le->w + le->cursor + 1, le->w + le->cursor, le->len - le->cursor);
    le->cp[le->cursor] = cp;
    le->w[le->cursor] = (unsigned char)cell_width(cp);
    le->len++;
    le->cursor++;
    return true;
}

static bool is_digit(int32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

static bool is_hyphen(int32_t c)
{
    return c == '-' || c == 0xFF0D || (c >= 0x2010 && c <= 0x2015) || c == 0x2212 ||
           c == 0x30FC || c == 0xFF70;
}

static bool is_space(int32_t c)
{
    return c == ' ' || c == 0x3000;
}

static bool in(int32_t c, const int32_t *set)
{
    for (; *set; set++)
        if (*set == c)
            return true;
    return false;
}

bool nb_le_allows(nb_le_filter filter, int32_t c)
{
    if (c < 0x20 || (c >= 0x7F && c < 0xA0) || c > 0x10FFFF)
        return false;
    static const int32_t yen[] = {',', 0xFF0C, 0xA5, 0xFFE5, 0x5186, 0};
    static const int32_t date[] = {'/', '.', 0xFF0F, 0xFF0E, 0x5E74, 0x6708, 0x65E5, 0x4EE4,
                                   0x548C, 0x5E73, 0x6210, 0x5143, 'R', 'r', 'H', 'h',
                                   0xFF32, 0xFF28, 0xFF52, 0xFF48, 0};
    static const int32_t paren[] = {'(', ')', 0xFF08, 0xFF09, 0};
    switch (filter) {
    case NB_LE_ANY:
        return true;
    case NB_LE_DIGITS:
        return is_digit(c);
    case NB_LE_YEN:
        return is_digit(c) || in(c, yen);
    case NB_LE_DATE:
        return is_digit(c) || is_hyphen(c) || is_space(c) || in(c, date);
    case NB_LE_PHONE:
        return is_digit(c) || is_hyphen(c) || is_space(c) || in(c, paren);
    case NB_LE_POSTAL:
        return is_digit(c) || is_hyphen(c) || c == 0x3012;
    case NB_LE_EMAIL:
        return (c > 0x20 && c < 0x7F) || (c >= 0xFF01 && c <= 0xFF5E);
    case NB_LE_INST_CODE:
        return is_digit(c) || is_hyphen(c) || is_space(c);
    }
    return false;
}

/* E-mail addresses are ASCII: fold full-width forms typed with the IME on. */
static int32_t fold(nb_le_filter filter, int32_t c)
{
    if (filter == NB_LE_EMAIL && c >= 0xFF01 && c <= 0xFF5E)
        return c - 0xFF01 + 0x21;
    return c;
}

nb_le_result nb_le_insert(nb_lineedit *le, int32_t cp)
{
    if (cp == '\t' || (cp == '\n' && !le->multiline) || cp == '\r')
        cp = ' ';
    if (cp != '\n' && (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)))
        return NB_LE_DROPPED;
    /* Keys from get_wch are not guaranteed to be Unicode scalar values: a
     * surrogate or an out-of-range number could not be written as UTF-8. */
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return NB_LE_DROPPED;
    if (cp != '\n' && !nb_le_allows(le->filter, cp))
        return NB_LE_FILTERED;
    if (le->max_chars && le->len >= le->max_chars)
        return NB_LE_FULL;
    return put(le, fold(le->filter, cp)) ? NB_LE_OK : NB_LE_FULL;
}

static nb_le_result worse(nb_le_result a, nb_le_result b)
{
    return b > a ? b : a;
}

nb_le_result nb_le_insert_utf8(nb_lineedit *le, const char *s, size_t n)
{
    nb_le_result res = NB_LE_OK;
    size_t i = 0;
    while (i < n) {
        int32_t cp;
        int k = nb_utf8_decode(s + i, n - i, &cp);
        if (k < 0) {
            res = worse(res, NB_LE_DROPPED);
            i++;
            continue;
        }
        i += (size_t)k;
        /* CR LF from a Windows clipboard is one line break. */
        if (cp == '\r' && i < n && s[i] == '\n')
            continue;
        if (cp == '\r')
            cp = '\n';
        res = worse(res, nb_le_insert(le, cp));
    }
    return res;
}

void nb_le_set_text(nb_lineedit *le, const char *s)
{
    le->len = le->cursor = le->scroll = 0;
    if (!s)
        return;
    size_t n = strlen(s), i = 0;
    while (i < n) {
        int32_t cp;
        int k = nb_utf8_decode(s + i, n - i, &cp);
        if (k < 0) {
            cp = 0xFFFD;
            k = 1;
        }
        i += (size_t)k;
        if (cp == '\r' && i < n && s[i] == '\n')
            continue;
        if (cp == '\t' || ((cp == '\n' || cp == '\r') && !le->multiline))
            cp = ' ';
        else if (cp == '\r')
            cp = '\n';
        if (cp != '\n' && (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)))
            continue;
        put(le, cp);
    }
}

char *nb_le_text(const nb_lineedit *le)
{
    char *out = xmalloc(le->len * 4 + 1);
    size_t o = 0;
    for (size_t i = 0; i < le->len; i++)
        o += nb_utf8_encode(le->cp[i], out + o);
    out[o] = '\0';
    return out;
}

bool nb_le_empty(const nb_lineedit *le)
{
    return le->len == 0;
}

static void erase(nb_lineedit *le, size_t from, size_t to)
{
    if (to <= from)
        return;
    memmove(le->cp + from, le->cp + to, (le->len - to) * sizeof *le->cp);
    memmove(le->w + from, le->w + to, le->len - to);
    le->len -= to - from;
    le->cursor = from;
    if (le->scroll > le->len)
        le->scroll = le->len;
}

/* Combining marks (width 0) travel with the character before them, so the
 * cursor never lands between a base and its mark. */
static size_t next_pos(const nb_lineedit *le, size_t i)
{
    if (i >= le->len)
        return le->len;
    i++;
    while (i < le->len && le->w[i] == 0 && le->cp[i] != '\n')
        i++;
    return i;
}

static size_t prev_pos(const nb_lineedit *le, size_t i)
{
    if (i == 0)
        return 0;
    i--;
    while (i > 0 && le->w[i] == 0 && le->cp[i] != '\n')
        i--;
    return i;
}

bool nb_le_edit(nb_lineedit *le, nb_le_op op)
{
    size_t c = le->cursor, len = le->len;
    switch (op) {
    case NB_LE_LEFT:
        le->cursor = prev_pos(le, c);
        break;
    case NB_LE_RIGHT:
        le->cursor = next_pos(le, c);
        break;
    case NB_LE_HOME:
        le->cursor = 0;
        break;
    case NB_LE_END:
        le->cursor = le->len;
        break;
    case NB_LE_BACKSPACE:
        erase(le, prev_pos(le, c), c);
        break;
    case NB_LE_DELETE:
        erase(le, c, next_pos(le, c));
        break;
    case NB_LE_KILL_END:
        erase(le, c, le->len);
        break;
    case NB_LE_KILL_START:
        erase(le, 0, c);
        break;
    }
    return le->cursor != c || le->len != len;
}

int nb_le_width(const nb_lineedit *le)
{
    int w = 0;
    for (size_t i = 0; i < le->len; i++)
        w += le->w[i];
    return w;
}

static int span(const nb_lineedit *le, size_t from, size_t to)
{
    int w = 0;
    for (size_t i = from; i < to && i < le->len; i++)
        w += le->w[i];
    return w;
}

/* Cells the cursor itself needs at position i. */
static int cursor_cells(const nb_lineedit *le, size_t i)
{
    return (i < le->len && le->w[i] > 0) ? le->w[i] : 1;
}

int nb_le_view(nb_lineedit *le, int width, size_t *first, size_t *count)
{
    if (width < 2)
        width = 2;
    if (le->cursor > le->len)
        le->cursor = le->len;
    if (le->scroll > le->cursor)
        le->scroll = le->cursor;
    /* Every span below is summed once and then kept up to date one
     * character at a time: stepping the scroll and re-summing the span at
     * each step was quadratic, and 1,000,000 characters kept the UI busy
     * for minutes, deaf to keys and signals. */
    int cc = cursor_cells(le, le->cursor);
    int before = span(le, le->scroll, le->cursor); /* cells from scroll to cursor */
    if (before + cc > width) {
        /* Scroll forward: the leftmost start that still shows the cursor,
         * found walking back from the cursor over at most width cells. */
        size_t p = le->cursor;
        before = 0;
        while (p > le->scroll) {
            size_t q = prev_pos(le, p);
            int add = span(le, q, p);
            if (q < le->scroll || before + add + cc > width)
                break;
            before += add;
            p = q;
        }
        le->scroll = p;
    }
    /* Pull back when there is room, e.g. after deleting. */
    int rest = before + span(le, le->cursor, le->len); /* cells from scroll to the end */
    while (le->scroll > 0) {
        size_t p = prev_pos(le, le->scroll);
        int add = span(le, p, le->scroll);
        int need = rest + add + (le->cursor == le->len ? 1 : 0);
        /* Zero-width marks after the cursor add no cells to the rest of the
         * text, but the cursor still needs its own cell inside the view. */
        if (need > width || before + add + cc > width)
            break;
        rest += add;
        before += add;
        le->scroll = p;
    }
    int col = 0;
    size_t i = le->scroll;
    while (i < le->len && col + le->w[i] <= width) {
        col += le->w[i];
        i++;
    }
    if (first)
        *first = le->scroll;
    if (count)
        *count = i - le->scroll;
    return before;
}

int nb_le_wrap(const nb_lineedit *le, int width, int *row_of, int *col_of)
{
    if (width < 2)
        width = 2;
    int row = 0, col = 0;
    for (size_t i = 0; i < le->len; i++) {
        if (le->cp[i] == '\n') {
            row_of[i] = row;
            col_of[i] = col;
            row++;
            col = 0;
            continue;
        }
        if (col + le->w[i] > width) {
            row++;
            col = 0;
        }
        row_of[i] = row;
        col_of[i] = col;
        col += le->w[i];
    }
    if (col >= width) {
        row++;
        col = 0;
    }
    row_of[le->len] = row;
    col_of[le->len] = col;
    return row + 1;
}
