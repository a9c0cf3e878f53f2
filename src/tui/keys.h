/* Logical actions and the one key table that binds them and names them in
 * the help line. F6-F10 are deliberately absent: Japanese IMEs use them. */
#ifndef NANBYO_TUI_KEYS_H
#define NANBYO_TUI_KEYS_H
#include <stdint.h>

typedef enum {
    NB_A_NONE,
    NB_A_CHAR,       /* a printable character (ev.ch) */
    NB_A_NEXT,       /* Tab, Down, Ctrl-N */
    NB_A_PREV,       /* Shift-Tab, Up, Ctrl-P */
    NB_A_ENTER,
    NB_A_LEFT, NB_A_RIGHT, NB_A_HOME, NB_A_END,
    NB_A_BACKSPACE, NB_A_DELETE, NB_A_KILL_END, NB_A_KILL_START,
    NB_A_HELP,       /* F1 */
    NB_A_MESSAGE,    /* F2: the whole message of the message line */
    NB_A_PAGE_NEXT,  /* PageDown */
    NB_A_PAGE_PREV,  /* PageUp */
    NB_A_ESC,
    NB_A_REDRAW,     /* Ctrl-L */
    NB_A_QUIT,       /* Ctrl-X (Ctrl-C saves and quits through SIGINT) */
    NB_A_TIMEOUT,    /* nothing pressed before the timeout */
    NB_A_PASTE       /* bracketed paste: ev.text holds the pasted UTF-8 */
} nb_action;

/* Key codes bound (define_key) to the bracketed-paste markers. */
#define NB_KEY_PASTE_BEGIN (KEY_MAX + 1)
#define NB_KEY_PASTE_END (KEY_MAX + 2)

typedef struct {
    nb_action a;
    int32_t ch;      /* for NB_A_CHAR */
    int key;         /* raw key code, for pages that want it */
    const char *text; /* NB_A_PASTE: valid until the next key is read */
} nb_ev;

/* Map what get_wch returned (rc OK/KEY_CODE_YES) to an action. */
nb_ev nb_key_map(int rc, uint32_t wch);
#endif
