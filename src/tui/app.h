/* The questionnaire application: state shared by every screen, the one
 * input loop (resize, too-small screen, signals, timeouts) and navigation
 * between the pages the definition lists. Screens are page_*.c files
 * behind nb_page_ops; they never call get_wch themselves. */
#ifndef NANBYO_TUI_APP_H
#define NANBYO_TUI_APP_H
#include <stdbool.h>
#include "form.h"
#include "keys.h"
#include "nanbyo/answers.h"
#include "nanbyo/answers_lock.h"
#include "nanbyo/date.h"
#include "nanbyo/definition.h"
#include "nanbyo/survey.h"
#include "term.h"

typedef struct nb_app nb_app;

/* Result flags of a page's handle(). */
enum { NB_H_IGNORED = 0, NB_H_HANDLED = 1, NB_H_CHANGED = 2 };

typedef struct {
    /* Called when the page opens; field: focus that field (NULL = first). */
    void (*enter)(nb_app *app, const char *field);
    /* Commit whatever is being typed (leaving the page, or a signal). */
    void (*flush)(nb_app *app);
    /* Draw the page body (above the message rows). */
    void (*draw)(nb_app *app);
    int (*handle)(nb_app *app, const nb_ev *ev);
    /* Keys for the focused element, for the help line. */
    const char *(*keys)(nb_app *app);
    /* Field id of the focused element (saved as "ui"), or NULL. */
    const char *(*focus_id)(nb_app *app);
    /* F1 text for the focused element, or NULL. */
    const char *(*help)(nb_app *app, const char **title);
    /* Poll timeout in ms while this page waits (-1 = only keys). */
    int (*poll_ms)(nb_app *app);
    /* Free the page's state (at exit). */
    void (*destroy)(void *state);
} nb_page_ops;

struct nb_app {
    nb_definition *def;
    nb_answers *ans;
    char *path;               /* answers file (after a save beside: that file) */
    nb_answers_lock *lock;    /* held while the questionnaire is open */
    char diverted[1100];      /* the sentence of a save beside, repeated at exit */
    nb_date today;
    bool late;                /* deadline passed */
    long days_left;
    int page;                 /* index in def->pages; -1 = welcome */
    const nb_page_ops *ops;   /* of the current page */
    void *state[64];          /* per page, owned by the page module */
    char msg[1400];           /* message line above the status line */
    nb_role msg_role;
    char save_error[1100];
    bool resumed;
    char *resume_page, *resume_field;
    int review_page;          /* index of the review page, -1 none */
    bool from_review;         /* a review jump: 「確認へ戻る」 */
    int cur_y, cur_x;         /* where the hardware cursor goes */
    bool cursor_on;
    /* overlay (dialog/help) drawn on top of the page */
    void (*overlay)(nb_app *app, void *ctx);
    void *overlay_ctx;
    bool quit;
    unsigned long revision;   /* bumped on every change of the answers */
};

/* Validation report of the current answers (recomputed when stale). */
const nb_report *nb_app_report(nb_app *app);
void nb_app_changed(nb_app *app);  /* answers changed: autosave, mark stale */
int nb_app_save(nb_app *app);      /* save now (message on failure) */
void nb_app_message(nb_app *app, nb_role role, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Navigation. */
void nb_app_goto(nb_app *app, int page, const char *field);
void nb_app_next_page(nb_app *app);
void nb_app_prev_page(nb_app *app);
int nb_app_page_of_field(const nb_app *app, const char *field_id);
/* Jump from review to a field; returns false if it is on no page. */
bool nb_app_jump(nb_app *app, const char *field_id);

/* Wait for one key (drawing first), handling resize, the too-small screen
 * and exit signals. timeout_ms < 0 waits for a key. */
nb_ev nb_app_wait(nb_app *app, int timeout_ms);
/* Draw everything now (page, overlay, status line, cursor). */
void nb_app_draw(nb_app *app);

/* Modal helpers built on nb_app_wait. */
bool nb_app_confirm(nb_app *app, const char *title, const char *text, const char *yes,
                    const char *no);
void nb_app_show_text(nb_app *app, const char *title, const char *text);
/* F2: the message line's whole text in a dialog (it shows two rows). */
void nb_app_show_message(nb_app *app);
/* A printable key typed where nothing takes text (a table, a list): never
 * dropped silently, the message line names the key and says what to do. */
void nb_app_refuse_key(nb_app *app, int32_t ch, const char *what_to_do);

/* The welcome screen (welcome.c): drawn while page is -1; its keys and
 * F1 help. */
void nb_app_draw_welcome(nb_app *app);
void nb_app_welcome_key(nb_app *app, const nb_ev *ev);
void nb_app_welcome_help(nb_app *app);
/* The session (app.c): signal handlers that save and leave, installed
 * before the terminal is taken, and the key loop until the user quits. */
void nb_app_install_signals(void);
void nb_app_loop(nb_app *app);

/* The page modules. */
extern const nb_page_ops nb_page_fields, nb_page_items, nb_page_review, nb_page_check,
    nb_page_submit;

/* Common page frame: header, intro; returns the first free row. */
int nb_app_draw_header(nb_app *app, const char *intro);
/* Display form of an answer (malloc'd): choice labels, yen with commas,
 * dates with 和暦, yes/no; NULL when empty. */
char *nb_app_display_value(const nb_app *app, const nb_field *f);

/* Free every page's state (at exit). */
void nb_app_free_pages(nb_app *app);
/* The current page's state: the one made before, or a new zeroed block
 * of size bytes kept for the page (*fresh true: the caller fills it in;
 * the page's destroy op frees it). */
void *nb_app_page_state(nb_app *app, size_t size, bool *fresh);

/* Entry point used by cmd_tui. */
int nb_tui_run(const char *form, const char *answers_path);
#endif
