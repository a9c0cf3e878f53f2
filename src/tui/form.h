/* A column of fields plus a row of buttons, driven by nb_field
 * descriptions: the widget every input screen uses (survey pages, the item
 * editor, the submit settings, the manual display size). Values live in
 * the caller's model, reached through nb_form_io; the form only keeps the
 * text being typed in its line editor and the messages shown next to
 * fields. */
#ifndef NANBYO_TUI_FORM_H
#define NANBYO_TUI_FORM_H
#include <stdbool.h>
#include "keys.h"
#include "nanbyo/definition.h"
#include "lineedit.h"

typedef struct {
    /* Stored value as text (malloc'd) or NULL when empty. */
    char *(*get)(void *ctx, const nb_field *f);
    /* Store: value NULL means empty. ok says whether check accepted it
     * (a rejected value is stored as typed, so nothing is lost). */
    void (*set)(void *ctx, const nb_field *f, const char *value, bool ok);
    /* Whole-value check on leaving: NULL or a malloc'd sentence; *norm
     * gets the value to store when fine. May be NULL (all accepted). */
    char *(*check)(void *ctx, const nb_field *f, const char *value, char **norm);
    /* Warning under the field (malloc'd) or NULL. May be NULL. */
    char *(*warn)(void *ctx, const nb_field *f);
    /* Text shown after the input (e.g. 和暦 of a date), malloc'd or NULL. */
    char *(*after)(void *ctx, const nb_field *f);
} nb_form_io;

enum {
    NB_FORM_IGNORED = 0,
    NB_FORM_HANDLED = 1,
    NB_FORM_CHANGED = 2,     /* a value was stored: autosave */
    NB_FORM_BUTTON = 0x100   /* | button index: a button was activated */
};

typedef struct {
    const nb_field **f;
    int n;
    char **err;              /* per field, malloc'd, shown with "!" */
    const char *buttons[4];
    int nbuttons;
    int focus;               /* 0..n-1 fields, n.. buttons */
    int top;                 /* first row shown (scrolling) */
    nb_lineedit ed;
    int ed_idx;              /* field whose text is in ed, -1 none */
    int secret;              /* field shown as '*', -1 none */
    nb_form_io io;
    void *ctx;
    int cur_y, cur_x;        /* cursor after drawing */
    int primary;             /* button that Tab/Enter on the last field reaches */
    int last_field;          /* field focused before the buttons (keys typed on a button go there) */
} nb_form;

void nb_form_init(nb_form *fm, const nb_field **f, int n, nb_form_io io, void *ctx);
void nb_form_free(nb_form *fm);
void nb_form_set_buttons(nb_form *fm, const char *const *labels, int n);
/* Focus field i (loads its text into the editor). */
void nb_form_focus(nb_form *fm, int i);
int nb_form_find(const nb_form *fm, const char *id);
/* Commit the editor to the model (with check). Returns true when the
 * stored value changed. */
bool nb_form_commit(nb_form *fm);
/* Set/clear the message next to field i. */
void nb_form_set_error(nb_form *fm, int i, const char *msg);
/* Draw fields in rows [y0, y0+h) and buttons on row by; sets cur_y/x. */
void nb_form_draw(nb_form *fm, int y0, int h, int by);
int nb_form_handle(nb_form *fm, const nb_ev *ev);
/* Focused field or NULL when a button has focus. */
const nb_field *nb_form_field(const nb_form *fm);
const char *nb_form_keys(const nb_form *fm);
/* F1 text for a field: its help, how to type its kind of value, its length
 * limit and whether it is required. Valid until the next call. */
const char *nb_form_help(const nb_field *f);
#endif
