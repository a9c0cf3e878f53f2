/* Terminal setup and width-aware drawing. Everything that starts or ends
 * curses lives here so that a crash path, a signal path and the normal
 * exit all restore the terminal the same way. */
#include "term.h"
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include "nanbyo/text.h"
#include "nanbyo/utf8.h"
#include "nanbyo/xalloc.h"
#include "keys.h"

static SCREEN *screen;
static bool mono = true;
static attr_t roles[NB_R_COUNT];

const char *nb_term_locale_problem(void)
{
    const char *cs = nl_langinfo(CODESET);
    if (cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0))
        return NULL;
    return "文字コードが UTF-8 の環境ではないため、日本語を正しく表示できません。"
           "LANG=ja_JP.UTF-8 (または C.UTF-8) を設定してから、もう一度起動してください。\n"
           "(The locale is not UTF-8. Set LANG=ja_JP.UTF-8 or C.UTF-8 and start again.)";
}

static void set_roles(void)
{
    const char *nc = getenv("NO_COLOR");
    mono = (nc && *nc) || !has_colors();
    /* Monochrome column: bold, underline and reverse only. */
    roles[NB_R_NORMAL] = A_NORMAL;
    roles[NB_R_TITLE] = A_BOLD;
    roles[NB_R_LABEL] = A_NORMAL;
    roles[NB_R_FIELD] = A_UNDERLINE;
    roles[NB_R_FIELD_FOCUS] = A_REVERSE;
    roles[NB_R_PLACEHOLDER] = A_UNDERLINE;
    roles[NB_R_BUTTON] = A_NORMAL;
    roles[NB_R_BUTTON_FOCUS] = A_REVERSE | A_BOLD;
    roles[NB_R_ERROR] = A_BOLD;
    roles[NB_R_WARN] = A_NORMAL;
    roles[NB_R_OK] = A_NORMAL;
    roles[NB_R_HINT] = A_NORMAL;
    roles[NB_R_STATUS] = A_REVERSE;
    if (mono)
        return;
    /* Colour column: the same attributes plus a colour; never dark blue
     * text, never a forced background (use_default_colors). */
    start_color();
    use_default_colors();
    init_pair(1, COLOR_CYAN, -1);
    init_pair(2, COLOR_RED, -1);
    init_pair(3, COLOR_MAGENTA, -1);
    init_pair(4, COLOR_GREEN, -1);
    init_pair(5, COLOR_BLACK, COLOR_CYAN);
    roles[NB_R_TITLE] |= COLOR_PAIR(1);
    roles[NB_R_ERROR] |= COLOR_PAIR(2);
    roles[NB_R_WARN] |= COLOR_PAIR(3);
    roles[NB_R_OK] |= COLOR_PAIR(4);
    roles[NB_R_PLACEHOLDER] |= A_DIM;
    roles[NB_R_STATUS] = COLOR_PAIR(5);
}

/* When memory runs out (xalloc.h) the sentence must be readable: the
 * screen goes back to the shell first. endwin only, nothing freed. */
static void give_back_screen(void)
{
    if (!screen)
        return;
    fputs("\033[?2004l", stdout);
    fflush(stdout);
    endwin();
}

int nb_term_open(void)
{
    const char *term = getenv("TERM");
    if (!getenv("ESCDELAY"))
        set_escdelay(25);
    screen = (term && *term) ? newterm(term, stdout, stdin) : NULL;
    if (!screen) {
        /* Unknown terminal type: vt100 is understood almost everywhere. */
        screen = newterm("vt100", stdout, stdin);
        if (!screen) {
            fputs("nanbyo-survey: 端末を開けませんでした。端末 (ターミナル) の中から起動してください。\n",
                  stderr);
            return -1;
        }
    }
    set_term(screen);
    if (!getenv("ESCDELAY"))
        set_escdelay(25);
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    intrflush(stdscr, FALSE);
    meta(stdscr, TRUE);
    set_roles();
    /* Bracketed paste: pasted text arrives between markers, so a pasted
     * newline never acts as Enter (it becomes a space in one-line fields). */
    define_key("\033[200~", NB_KEY_PASTE_BEGIN);
    define_key("\033[201~", NB_KEY_PASTE_END);
    fputs("\033[?2004h", stdout);
    fflush(stdout);
    nb_xalloc_on_die(give_back_screen);
    return 0;
}

void nb_term_close(void)
{
    nb_xalloc_on_die(NULL);
    if (!screen)
        return;
    fputs("\033[?2004l", stdout);
    fflush(stdout);
    endwin();
    delscreen(screen);
    screen = NULL;
}

bool nb_term_is_open(void)
{
    return screen != NULL;
}

bool nb_term_mono(void)
{
    return mono;
}

attr_t nb_role_attr(nb_role r)
{
    return roles[r];
}

bool nb_term_too_small(void)
{
    return COLS < NB_MIN_COLS || LINES < NB_MIN_ROWS;
}

void nb_term_draw_too_small(void)
{
    erase();
    char buf[96];
    int y = LINES / 2 - 2;
    if (y < 0)
        y = 0;
    nb_put(y, 1, COLS - 2, "端末が小さすぎます", NB_R_TITLE);
    snprintf(buf, sizeof buf, "今の大きさ: 横 %d x 縦 %d", COLS, LINES);
    nb_put(y + 1, 1, COLS - 2, buf, NB_R_NORMAL);
    nb_put(y + 2, 1, COLS - 2, "横 80 x 縦 24 以上に広げてください。", NB_R_NORMAL);
    nb_put(y + 3, 1, COLS - 2, "入力した内容は保たれています。", NB_R_NORMAL);
    move(y, 1);
}

/* Decode one character for display: invalid bytes and controls become
 * '?', width from nb_cp_width. */
static int next_cell(const char *s, size_t n, size_t *i, wchar_t *wc)
{
    int32_t cp;
    int k = nb_utf8_decode(s + *i, n - *i, &cp);
    if (k < 0) {
        (*i)++;
        *wc = L'?';
        return 1;
    }
    *i += (size_t)k;
    int w = nb_cp_width(cp);
    if (w < 0) {
        *wc = L'?';
        return 1;
    }
    *wc = (wchar_t)cp;
    return w;
}

int nb_putn(int y, int x, int maxw, const char *s, size_t n, nb_role role)
{
    if (!s || maxw <= 0 || y < 0 || y >= LINES || x >= COLS)
        return 0;
    if (x + maxw > COLS)
        maxw = COLS - x;
    wchar_t buf[512];
    size_t nb = 0, i = 0;
    int cells = 0;
    while (i < n && s[i] && nb < sizeof buf / sizeof buf[0] - 1) {
        size_t save = i;
        wchar_t wc;
        int w = next_cell(s, n, &i, &wc);
        if (cells + w > maxw) {
            i = save;
            break;
        }
        buf[nb++] = wc;
        cells += w;
    }
    buf[nb] = 0;
    attrset(roles[role]);
    mvaddnwstr(y, x, buf, (int)nb);
    attrset(A_NORMAL);
    return cells;
}

int nb_put(int y, int x, int maxw, const char *s, nb_role role)
{
    return s ? nb_putn(y, x, maxw, s, strlen(s), role) : 0;
}

void nb_put_clipped(int y, int x, int w, const char *text, nb_role role)
{
    if (w <= 0 || !text)
        return;
    if (nb_width(text) <= w || w < 4) {
        nb_put(y, x, w, text, role);
        return;
    }
    int used = nb_put(y, x, w - 3, text, role);
    nb_put(y, x + used, 3, "...", role);
}

void nb_fill(int y, int x, int w, nb_role role)
{
    if (y < 0 || y >= LINES)
        return;
    if (x + w > COLS)
        w = COLS - x;
    if (w <= 0)
        return;
    attrset(roles[role]);
    mvhline(y, x, ' ', w);
    attrset(A_NORMAL);
}

int nb_width(const char *s)
{
    if (!s)
        return 0;
    size_t n = strlen(s), i = 0;
    int cells = 0;
    while (i < n) {
        wchar_t wc;
        cells += next_cell(s, n, &i, &wc);
    }
    return cells;
}

static bool wordchar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '.' || c == '-' || c == '_' || c == '@' || c == '/' || c == ':' || c == ',' || c == '+' ||
           c == '%' || c == '=' || c == '~' || c == '#';
}

/* Cells of the first n bytes of s. */
static int nb_width_n(const char *s, size_t n)
{
    size_t i = 0;
    int cells = 0;
    while (i < n) {
        wchar_t wc;
        cells += next_cell(s, n, &i, &wc);
    }
    return cells;
}

int nb_wrap(const char *s, int width, size_t *off, size_t *len, int max)
{
    if (!s)
        return 0;
    if (width < 4)
        width = 4;
    size_t n = strlen(s), i = 0;
    int lines = 0;
    while (i < n) {
        size_t start = i, last_space = 0;
        int cells = 0;
        bool hard = false;
        while (i < n) {
            if (s[i] == '\n') {
                hard = true;
                break;
            }
            size_t save = i;
            wchar_t wc;
            int w = next_cell(s, n, &i, &wc);
            if (cells + w > width) {
                i = save;
                break;
            }
            if (wc == L' ')
                last_space = i;
            cells += w;
        }
        size_t end = i;
        /* Kinsoku: a line never starts with closing punctuation (、。）」・
         * and the like) and never ends with an opening bracket; the
         * character before moves down with it. */
        if (!hard && i < n && end > start) {
            int32_t nx, pv;
            int k = nb_utf8_decode(s + i, n - i, &nx);
            size_t back = nb_utf8_prev(s, end);
            int kp = nb_utf8_decode(s + back, end - back, &pv);
            if (k > 0 && nb_no_line_start(nx) && back > start)
                end = i = back;
            else if (kp > 0 && nb_no_line_end(pv) && back > start)
                end = i = back;
        }
        /* Never cut a word, a number or an e-mail address in two: break
         * before it (at a space or where Japanese text meets it) when it
         * fits on the next line. */
        if (!hard && i < n && wordchar(s[i]) && end > start && wordchar(s[end - 1])) {
            size_t w0 = end;
            while (w0 > start && wordchar(s[w0 - 1]))
                w0--;
            size_t w1 = i;
            while (w1 < n && wordchar(s[w1]))
                w1++;
            if (w0 > start && nb_width_n(s + w0, w1 - w0) <= width)
                end = i = w0;
            else if (last_space > start && end - last_space < 16)
                end = i = last_space;
        }
        if (lines < max) {
            off[lines] = start;
            len[lines] = end - start;
            while (len[lines] > 0 && s[start + len[lines] - 1] == ' ')
                len[lines]--;
        }
        lines++;
        if (hard)
            i++;
        while (i < n && s[i] == ' ' && !hard)
            i++;
        if (end == start && !hard && i == start)
            i++; /* width too small for one glyph: skip it */
    }
    return lines;
}

void nb_utf8_fix_tail(char *s)
{
    size_t n = strlen(s);
    if (nb_utf8_valid(s, n))
        return;
    /* Only the last 1-3 bytes can be a sequence cut short. */
    for (size_t k = 1; k <= 3 && k <= n; k++)
        if (nb_utf8_valid(s, n - k)) {
            s[n - k] = '\0';
            return;
        }
}

int nb_put_wrapped(int y, int x, int width, int rows, const char *s, nb_role role)
{
    size_t off[64], len[64];
    int n = nb_wrap(s, width, off, len, 64);
    int used = 0;
    for (int k = 0; k < n && k < 64 && used < rows; k++, used++) {
        /* More lines than rows: the last row shown ends in "..." so the
         * cut is visible. */
        if (used == rows - 1 && k < n - 1 && width > 4) {
            int w = nb_putn(y + used, x, width - 3, s + off[k], len[k], role);
            nb_put(y + used, x + w, 3, "...", role);
        } else {
            nb_putn(y + used, x, width, s + off[k], len[k], role);
        }
    }
    return used;
}
