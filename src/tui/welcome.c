/* The welcome screen and the start of a session: locale check, loading
 * the definition and the answers file, resume position, then the loop.
 * The welcome text comes from the definition (title, audience, deadline,
 * notices), never from code. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cjson/cJSON.h>
#include "app.h"
#include "nanbyo/paths.h"
#include "nanbyo/xalloc.h"

void nb_app_draw_welcome(nb_app *app)
{
    const nb_definition *d = app->def;
    char buf[1024], date[40];
    int y = 0;
    snprintf(buf, sizeof buf, " %s  %s", d->authority, d->title);
    nb_put(y++, 0, COLS - 1, buf, NB_R_TITLE);
    nb_date_wareki(nb_fiscal_year_start((int)d->fiscal_year), date, sizeof date);
    char *nen = strstr(date, "年");
    if (nen)
        nen[strlen("年")] = '\0';
    snprintf(buf, sizeof buf, " %s度 %s  (%s%s %s)", date, d->stage, d->authority, d->department,
             d->section);
    nb_put(y++, 0, COLS - 1, buf, NB_R_NORMAL);
    y++;
    snprintf(buf, sizeof buf, "対象: %s", d->audience);
    y += nb_put_wrapped(y, 1, COLS - 2, 2, buf, NB_R_NORMAL);
    nb_date_wareki(d->deadline, date, sizeof date);
    if (app->late) {
        snprintf(buf, sizeof buf, "提出期限: %s(%s)%s  期限を %ld 日過ぎています。", date,
                 nb_weekday_kanji(nb_date_weekday(d->deadline)), d->deadline_must_arrive ? " 必着" : "",
                 -app->days_left);
        nb_put(y++, 1, COLS - 2, buf, NB_R_ERROR);
        nb_put(y++, 1, COLS - 2, "入力はできますが、作成する書類には「期限後」と記されます。", NB_R_ERROR);
    } else {
        snprintf(buf, sizeof buf, "提出期限: %s(%s)%s  あと %ld 日", date,
                 nb_weekday_kanji(nb_date_weekday(d->deadline)), d->deadline_must_arrive ? " 必着" : "",
                 app->days_left);
        nb_put(y++, 1, COLS - 2, buf, NB_R_TITLE);
    }
    y++;
    nb_put(y++, 1, COLS - 2, "お知らせ", NB_R_TITLE);
    int room = NB_BTN_ROW - 3 - y;
    bool cut = false;
    /* Count first: when the notices do not fit, keep a row for the hint.
     * Each notice is formatted and wrapped once for both; it is wrapped
     * again only when a cut-off character had to go from its end. */
    struct notice_lines {
        char text[1024];
        size_t off[16], len[16];
        int n;
    } *nl = xreallocarray(NULL, d->n_notices, sizeof *nl);
    int need = 0;
    for (size_t i = 0; i < d->n_notices; i++) {
        snprintf(nl[i].text, sizeof nl[i].text, "%s: %s", d->notices[i].title, d->notices[i].text);
        nl[i].n = nb_wrap(nl[i].text, COLS - 6, nl[i].off, nl[i].len, 16);
        need += nl[i].n;
        size_t was = strlen(nl[i].text);
        nb_utf8_fix_tail(nl[i].text);
        if (strlen(nl[i].text) != was)
            nl[i].n = nb_wrap(nl[i].text, COLS - 6, nl[i].off, nl[i].len, 16);
    }
    if (need > room)
        room--;
    for (size_t i = 0; i < d->n_notices; i++) {
        int n = nl[i].n > 16 ? 16 : nl[i].n;
        for (int k = 0; k < n; k++) {
            if (room <= 0) {
                cut = true;
                break;
            }
            if (k == 0)
                nb_put(y, 2, 2, "-", NB_R_NORMAL);
            nb_putn(y++, 4, COLS - 6, nl[i].text + nl[i].off[k], nl[i].len[k], NB_R_NORMAL);
            room--;
        }
    }
    free(nl);
    if (cut)
        nb_put(y, 4, COLS - 6, "(お知らせの続きは F1 で表示します)", NB_R_HINT);
    y = NB_BTN_ROW - 2;
    snprintf(buf, sizeof buf, "回答ファイル: %s", app->path);
    nb_put(y++, 1, COLS - 2, buf, NB_R_HINT);
    if (app->resumed) {
        int p = -1;
        for (size_t k = 0; app->resume_page && k < d->n_pages; k++)
            if (strcmp(d->pages[k].id, app->resume_page) == 0)
                p = (int)k;
        snprintf(buf, sizeof buf, "前回の続き (%s) から再開します。入力内容は自動で保存されます。",
                 p >= 0 ? d->pages[p].title : d->pages[0].title);
    } else {
        snprintf(buf, sizeof buf, "入力した内容は自動で保存されます。途中でやめても続きから再開できます。");
    }
    nb_put(y++, 1, COLS - 2, buf, NB_R_NORMAL);
    const char *btn = "「始める」";
    int bx = COLS - nb_width(btn) - 2;
    nb_put(NB_BTN_ROW, bx, COLS - bx, btn, NB_R_BUTTON_FOCUS);
    app->cur_y = NB_BTN_ROW;
    app->cur_x = bx + 2;
}

void nb_app_welcome_help(nb_app *app)
{
    char *all = xcalloc(1, 8192);
    size_t o = 0;
    for (size_t i = 0; i < app->def->n_notices && o < 8000; i++)
        o += (size_t)snprintf(all + o, 8192 - o, "%s%s: %s", i ? "\n" : "", app->def->notices[i].title,
                              app->def->notices[i].text);
    nb_app_show_text(app, "お知らせ", all);
    free(all);
}

void nb_app_welcome_key(nb_app *app, const nb_ev *ev)
{
    if (ev->a != NB_A_ENTER && !(ev->a == NB_A_CHAR && ev->ch == ' ') && ev->a != NB_A_PAGE_NEXT)
        return;
    int p = 0;
    for (size_t k = 0; app->resume_page && k < app->def->n_pages; k++)
        if (strcmp(app->def->pages[k].id, app->resume_page) == 0)
            p = (int)k;
    nb_app_goto(app, p, app->resumed ? app->resume_field : NULL);
}

static void read_resume(nb_app *app)
{
    char *ui = nb_answers_section_get(app->ans, "ui");
    if (!ui)
        return;
    cJSON *j = cJSON_Parse(ui);
    free(ui);
    if (!j)
        return;
    const cJSON *p = cJSON_GetObjectItemCaseSensitive(j, "page");
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(j, "field");
    if (cJSON_IsString(p) && strcmp(p->valuestring, "welcome") != 0) {
        app->resume_page = xstrdup(p->valuestring);
        app->resumed = true;
    }
    if (cJSON_IsString(f))
        app->resume_field = xstrdup(f->valuestring);
    cJSON_Delete(j);
}

int nb_tui_run(const char *form, const char *answers_path)
{
    const char *problem = nb_term_locale_problem();
    if (problem) {
        fprintf(stderr, "nanbyo-survey: %s\n", problem);
        return 2;
    }
    nb_app app;
    memset(&app, 0, sizeof app);
    app.page = -1;
    app.review_page = -1;
    nb_error err = {{0}};
    int status = 2;
    app.def = nb_def_open(form ? form : "yamaguchi-r8", &err);
    if (!app.def) {
        fprintf(stderr, "nanbyo-survey: %s\n", err.msg);
        return 2;
    }
    if ((size_t)app.def->n_pages > sizeof app.state / sizeof app.state[0] || app.def->n_pages == 0) {
        fprintf(stderr, "nanbyo-survey: 調査定義 %s のページ数 (%zu) が扱える範囲 (1から64) を外れています。\n",
                app.def->path, app.def->n_pages);
        goto out;
    }
    app.path = answers_path ? xstrdup(answers_path) : nb_default_answers_path(app.def->id);
    /* One questionnaire per answers file: a second one would overwrite the
     * first one's work on its next save. Taken before reading, so what we
     * read is the latest. If the lock file cannot be made (a read-only
     * folder) we go on: saving there fails too, and says so. */
    nb_lock_holder holder;
    if (nb_answers_lock_take(app.path, &app.lock, &holder, &err) == NB_LOCK_HELD) {
        char who[4096];
        nb_lock_holder_text(&holder, app.path, who, sizeof who);
        fprintf(stderr, "nanbyo-survey: %s\n", who);
        goto out;
    }
    if (access(app.path, F_OK) == 0) {
        app.ans = nb_answers_load(app.path, &err);
        if (!app.ans) {
            fprintf(stderr, "nanbyo-survey: %s 元のファイルはそのまま残してあります。\n", err.msg);
            goto out;
        }
        const char *sv = nb_answers_survey(app.ans);
        if (sv && *sv && strcmp(sv, app.def->id) != 0) {
            fprintf(stderr,
                    "nanbyo-survey: 回答ファイル %s は別の調査 (%s) の回答です。--form %s を付けて開くか、別のファイルを指定してください。\n",
                    app.path, sv, sv);
            goto out;
        }
        read_resume(&app);
    } else {
        app.ans = nb_answers_new(app.def->id);
        nb_answers_bind(app.ans, app.path); /* a file appearing meanwhile is not overwritten */
    }
    for (size_t k = 0; k < app.def->n_pages; k++)
        if (app.def->pages[k].kind == NB_PAGE_REVIEW)
            app.review_page = (int)k;
    app.today = nb_today();
    app.late = nb_deadline_passed(app.def, app.today, &app.days_left);

    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        fputs("nanbyo-survey: 入力と出力が端末ではないため、調査票の画面を開けません。端末 (ターミナル) の中で"
              "起動してください。回答ファイルを調べるだけなら validate や summary コマンドを使えます。\n",
              stderr);
        goto out;
    }
    nb_app_install_signals();
    if (nb_term_open() != 0)
        goto out;
    status = 0;
    const char *first = getenv("NANBYO_EXIT_AFTER_FIRST_FRAME");
    if (first && *first && strcmp(first, "0") != 0) {
        nb_app_draw(&app);
        nb_term_close();
    } else {
        nb_app_loop(&app);
        int rc = nb_app_save(&app);
        nb_term_close();
        if (rc != 0)
            fprintf(stderr, "nanbyo-survey: %s\n", app.save_error);
        else
            fprintf(stderr, "回答を保存しました: %s\n", app.path);
        if (app.diverted[0])
            fprintf(stderr, "nanbyo-survey: %s\n", app.diverted);
        status = rc != 0 ? 1 : 0;
    }
    nb_app_free_pages(&app);
out:
    nb_answers_lock_release(app.lock);
    nb_answers_free(app.ans);
    nb_def_free(app.def);
    free(app.path);
    free(app.resume_page);
    free(app.resume_field);
    return status;
}
