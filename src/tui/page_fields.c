/* A FIELDS page: the definition's fields for this page in one form, with
 * the buttons 「戻る」「次へ」「確認」. Values go straight to the answers
 * (autosaved by the app); 「次へ」 checks the page and moves to the first
 * problem instead of leaving. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app.h"
#include "nanbyo/xalloc.h"
#include "nanbyo/yen.h"

typedef struct {
    nb_form form;
    int page;
    bool *left;        /* per field: the clerk has left it at least once */
    bool count_shown;  /* the message line holds the page's problem count */
} fields_state;

static nb_app *cur_app(void *ctx)
{
    return ctx;
}

static char *io_get(void *ctx, const nb_field *f)
{
    return nb_answers_get(cur_app(ctx)->ans, f->id);
}

static void io_set(void *ctx, const nb_field *f, const char *v, bool ok)
{
    nb_answers *a = cur_app(ctx)->ans;
    if (!v) {
        nb_answers_unset(a, f->id);
        return;
    }
    int64_t n;
    if (ok && f->type == NB_FT_YEN && nb_yen_parse(v, &n) == NB_NUM_OK)
        nb_answers_set_int(a, f->id, n);
    else if (ok && f->type == NB_FT_COUNT && nb_count_parse(v, INT64_MAX / 2, &n) == NB_NUM_OK)
        nb_answers_set_int(a, f->id, n);
    else if (f->type == NB_FT_CONFIRM)
        nb_answers_set_bool(a, f->id, strcmp(v, "true") == 0);
    else
        nb_answers_set_string(a, f->id, v);
}

static char *io_check(void *ctx, const nb_field *f, const char *v, char **norm)
{
    return nb_field_check(cur_app(ctx)->def, f, v, norm);
}

static char *io_warn(void *ctx, const nb_field *f)
{
    nb_app *app = cur_app(ctx);
    const nb_report *r = nb_app_report(app);
    for (size_t i = 0; i < r->n_warnings; i++)
        if (strcmp(r->warnings[i].field, f->id) == 0)
            return xstrdup(r->warnings[i].message);
    return NULL;
}

static char *io_after(void *ctx, const nb_field *f)
{
    nb_app *app = cur_app(ctx);
    if (f->type == NB_FT_YEN)
        return xstrdup("円");
    if (f->type == NB_FT_COUNT)
        return xstrdup("人");
    if (f->type == NB_FT_DATE) {
        char *v = nb_answers_get(app->ans, f->id);
        nb_date d;
        char *out = NULL;
        if (v && nb_date_parse(v, &d) == NB_DATE_OK) {
            char w[32], buf[64];
            nb_date_wareki(d, w, sizeof w);
            snprintf(buf, sizeof buf, "%s(%s)", w, nb_weekday_kanji(nb_date_weekday(d)));
            out = xstrdup(buf);
        }
        free(v);
        return out;
    }
    return NULL;
}

static const nb_form_io io = {
    .get = io_get, .set = io_set, .check = io_check, .warn = io_warn, .after = io_after,
};

static fields_state *state(nb_app *app)
{
    fields_state *s = app->state[app->page];
    if (!s) {
        s = xcalloc(1, sizeof *s);
        const nb_page *pg = &app->def->pages[app->page];
        nb_form_init(&s->form, (const nb_field **)pg->fields, (int)pg->n_fields, io, app);
        s->left = xcalloc(pg->n_fields + 1, sizeof *s->left);
        s->page = app->page;
        app->state[app->page] = s;
    }
    return s;
}

static int sync_markers(nb_app *app, fields_state *s, bool all);

static void set_buttons(nb_app *app, fields_state *s)
{
    static const char *normal[] = {"戻る", "次へ", "確認"};
    static const char *review[] = {"戻る", "確認へ戻る"};
    if (app->from_review)
        nb_form_set_buttons(&s->form, review, 2);
    else if (app->review_page >= 0 && app->page + 1 != app->review_page)
        nb_form_set_buttons(&s->form, normal, 3);
    else
        nb_form_set_buttons(&s->form, normal, 2);
}

static void enter(nb_app *app, const char *field)
{
    fields_state *s = state(app);
    set_buttons(app, s);
    int i = nb_form_find(&s->form, field);
    nb_form_focus(&s->form, i >= 0 ? i : 0);
    s->form.top = 0;
    s->count_shown = false;
    sync_markers(app, s, false);
}

static void flush(nb_app *app)
{
    fields_state *s = state(app);
    if (nb_form_commit(&s->form))
        nb_app_changed(app);
}

static void draw(nb_app *app)
{
    fields_state *s = state(app);
    set_buttons(app, s);
    int y = nb_app_draw_header(app, NULL);
    nb_form_draw(&s->form, y, NB_BTN_ROW - 1 - y, NB_BTN_ROW);
    app->cur_y = s->form.cur_y;
    app->cur_x = s->form.cur_x;
}

static const char *problem_of(const nb_report *r, const char *id)
{
    for (size_t k = 0; k < r->n_problems; k++)
        if (strcmp(r->problems[k].field, id) == 0)
            return r->problems[k].message;
    return NULL;
}

/* The 「!」 markers from the whole-survey check, so rules between fields
 * (completion before start, a date outside the year, the vendor needed
 * for XML) show next to their field as soon as a field is left. A field
 * that is merely empty and required is marked only once it has been
 * left (or on 「次へ」, all), so a new page is not a wall of errors. The
 * message line counts exactly the markers drawn. Returns that count. */
static int sync_markers(nb_app *app, fields_state *s, bool all)
{
    const nb_report *r = nb_app_report(app);
    int count = 0;
    for (int i = 0; i < s->form.n; i++) {
        const nb_field *f = s->form.f[i];
        const char *msg = problem_of(r, f->id);
        char *v = msg ? nb_answers_get(app->ans, f->id) : NULL;
        bool empty = !v || !*v;
        free(v);
        if (msg && empty && f->required && !s->left[i] && !all)
            msg = NULL;
        if (!msg)
            nb_form_set_error(&s->form, i, NULL);
        else if (!s->form.err[i])   /* the sentence from leaving it is kept */
            nb_form_set_error(&s->form, i, msg);
        count += s->form.err[i] != NULL;
    }
    if (count > 0) {
        nb_app_message(app, NB_R_ERROR,
                       "このページに %d 件の問題があります。「!」の説明に沿って直してください (後で直すなら PgDn)。",
                       count);
        s->count_shown = true;
    } else if (s->count_shown) {
        app->msg[0] = '\0';
        s->count_shown = false;
    }
    return count;
}

/* 「次へ」: every problem of the page marked; focus the first. */
static int check_page(nb_app *app, fields_state *s)
{
    int count = sync_markers(app, s, true);
    for (int i = 0; i < s->form.n && count > 0; i++)
        if (s->form.err[i]) {
            nb_form_focus(&s->form, i);
            break;
        }
    return count;
}

static int handle(nb_app *app, const nb_ev *ev)
{
    fields_state *s = state(app);
    int before = s->form.focus;
    int r = nb_form_handle(&s->form, ev);
    if (before < s->form.n && (s->form.focus != before || (r & NB_FORM_BUTTON)))
        s->left[before] = true;
    /* Saved now (not by the loop after us) so the markers below see it. */
    if (r & NB_FORM_CHANGED)
        nb_app_changed(app);
    if (!(r & NB_FORM_BUTTON))
        sync_markers(app, s, false);
    if (r & NB_FORM_BUTTON) {
        int b = r & 0xff;
        if (b == 0) {
            nb_app_prev_page(app);
        } else if (b == 1) {
            /* From the review page 「確認へ戻る」 always goes back there
             * (it lists what is left); otherwise stop at the first problem. */
            if (app->from_review || check_page(app, s) == 0)
                nb_app_next_page(app);
        } else if (b == 2 && app->review_page >= 0) {
            nb_app_goto(app, app->review_page, NULL);
        }
        return NB_H_HANDLED;
    }
    /* A jump from the review page: Enter on the field goes back there. */
    if (app->from_review && ev->a == NB_A_ENTER && before < s->form.n) {
        if (!s->form.err[before]) {
            nb_app_next_page(app);
            return NB_H_HANDLED;
        }
        nb_form_focus(&s->form, before);
        return NB_H_HANDLED;
    }
    return r ? NB_H_HANDLED : NB_H_IGNORED;
}

static const char *keys(nb_app *app)
{
    return nb_form_keys(&state(app)->form);
}

static const char *focus_id(nb_app *app)
{
    const nb_field *f = nb_form_field(&state(app)->form);
    return f ? f->id : NULL;
}

static const char *help(nb_app *app, const char **title)
{
    const nb_field *f = nb_form_field(&state(app)->form);
    if (!f)
        return NULL;
    *title = f->label;
    return nb_form_help(f);
}

static void destroy(void *state)
{
    fields_state *s = state;
    nb_form_free(&s->form);
    free(s->left);
    free(s);
}

const nb_page_ops nb_page_fields = {
    .enter = enter, .flush = flush, .draw = draw, .handle = handle, .keys = keys,
    .focus_id = focus_id, .help = help, .destroy = destroy,
};
