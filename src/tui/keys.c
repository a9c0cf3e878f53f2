/* Key bindings in one table (tig/dialog style): get_wch results to
 * logical actions. Editing keys follow readline; movement keys have
 * several bindings because Shift-Tab is unreliable on some consoles. */
#include "keys.h"
#include <curses.h>

#define CTRL(c) ((c) & 0x1f)

static const struct {
    int code;        /* key code (KEY_*) or control character */
    int is_key;      /* 1: KEY_CODE_YES code, 0: character */
    nb_action a;
} table[] = {
    {'\t', 0, NB_A_NEXT},
    {KEY_DOWN, 1, NB_A_NEXT},
    {CTRL('N'), 0, NB_A_NEXT},
    {KEY_BTAB, 1, NB_A_PREV},
    {KEY_UP, 1, NB_A_PREV},
    {CTRL('P'), 0, NB_A_PREV},
    {'\r', 0, NB_A_ENTER},
    {'\n', 0, NB_A_ENTER},
    {KEY_ENTER, 1, NB_A_ENTER},
    {KEY_LEFT, 1, NB_A_LEFT},
    {CTRL('B'), 0, NB_A_LEFT},
    {KEY_RIGHT, 1, NB_A_RIGHT},
    {CTRL('F'), 0, NB_A_RIGHT},
    {KEY_HOME, 1, NB_A_HOME},
    {CTRL('A'), 0, NB_A_HOME},
    {KEY_END, 1, NB_A_END},
    {CTRL('E'), 0, NB_A_END},
    {KEY_BACKSPACE, 1, NB_A_BACKSPACE},
    {0x7f, 0, NB_A_BACKSPACE},
    {CTRL('H'), 0, NB_A_BACKSPACE},
    {KEY_DC, 1, NB_A_DELETE},
    {CTRL('D'), 0, NB_A_DELETE},
    {CTRL('K'), 0, NB_A_KILL_END},
    {CTRL('U'), 0, NB_A_KILL_START},
    {KEY_F(1), 1, NB_A_HELP},
    {KEY_F(2), 1, NB_A_MESSAGE},
    {KEY_NPAGE, 1, NB_A_PAGE_NEXT},
    {KEY_PPAGE, 1, NB_A_PAGE_PREV},
    {0x1b, 0, NB_A_ESC},
    {CTRL('L'), 0, NB_A_REDRAW},
    {CTRL('X'), 0, NB_A_QUIT},
};

nb_ev nb_key_map(int rc, uint32_t wch)
{
    nb_ev ev = {NB_A_NONE, 0, 0, NULL};
    if (rc == ERR) {
        ev.a = NB_A_TIMEOUT;
        return ev;
    }
    int is_key = rc == KEY_CODE_YES;
    ev.key = (int)wch;
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (table[i].is_key == is_key && (uint32_t)table[i].code == wch) {
            ev.a = table[i].a;
            return ev;
        }
    if (!is_key && wch >= 0x20 && wch != 0x7f && !(wch >= 0x80 && wch < 0xa0)) {
        ev.a = NB_A_CHAR;
        ev.ch = (int32_t)wch;
    }
    return ev;
}
