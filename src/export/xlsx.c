/* The 調査票 as an xlsx workbook (libxlsxwriter 1.1.4): one sheet 調査票
 * laid out like the prefecture's Excel form (rows in xlsx_form.c), printed
 * on A4 portrait, on one page whenever that stays legible (xlsx_page.c).
 * This file makes the workbook, its properties and the file. No
 * drop-downs: 1.1.4 crashes on long Japanese inline lists, and a submitted
 * form needs none. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include "export_model.h"
#include "nanbyo/atomic_file.h"
#include "nanbyo/export.h"
#include "nanbyo/xalloc.h"
#include "doc_memo.h"
#include "xlsx_sheet.h"
#include "xlsx_verify.h"

/* Larger than any workbook of a real survey (10,000 items make 0.9 MB). */
#define XLSX_MAX (64u << 20)

static time_t created_time(void)
{
    /* Reproducible builds convention: a fixed creation time when asked. */
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end;
        long long v = strtoll(sde, &end, 10);
        if (*end == '\0' && v > 0)
            return (time_t)v;
    }
    return time(NULL);
}

static void properties(nb_xsheet *w)
{
    const nb_xdoc *d = w->d;
    char *author = nb_export_truncate(nb_xdoc_text(d, "institution_name"), 200);
    char *comments = xstrdup(d->footer);
    char *keywords = xasprintf("%s,%s", d->def->id, d->def->stage ? d->def->stage : "");
    lxw_doc_properties p = {0};
    p.title = d->title;
    p.subject = d->def->program;
    p.author = author;
    p.company = author;
    p.comments = comments;
    p.keywords = keywords;
    p.status = *d->marks ? d->marks : "提出用";
    p.created = created_time();
    nb_xsheet_err(w, workbook_set_properties(w->wb, &p));
    nb_xsheet_err(w, workbook_set_custom_property_string(w->wb, "nanbyo-survey-definition", d->def->id));
    nb_xsheet_err(w, workbook_set_custom_property_integer(w->wb, "nanbyo-survey-definition-version",
                                                     (int32_t)d->def->version));
    /* what the sheet does not show: when the answers were saved (collect
     * tells a newer save from an older by it) and when the PC was checked */
    char *saved = nb_export_clean(nb_answers_saved_at(d->answers), false);
    if (*saved)
        nb_xsheet_err(w, workbook_set_custom_property_string(w->wb, "nanbyo-survey-saved-at", saved));
    free(saved);
    char *checked = nb_export_clean(d->pc_present ? d->pc_checked_at_iso : "", false);
    if (*checked)
        nb_xsheet_err(w, workbook_set_custom_property_string(w->wb, "nanbyo-survey-pc-checked-at", checked));
    free(checked);
    free(author);
    free(comments);
    free(keywords);
}

/* Makes the workbook at file, a temp name of ours, and gives its bytes,
 * read back and checked whole (xlsx_verify.c); on failure removes it.
 * Messages name shown, the file the user asked for. */
static int build(const nb_definition *def, const nb_answers *a, const nb_export_opts *o, const char *file,
                 const char *shown, char **data, size_t *len, nb_error *err)
{
    nb_xdoc *d = nb_xdoc_new(def, a, o);
    nb_xsheet w = {0};
    w.d = d;
    /* libxlsxwriter stages each part in tmpfile() under /tmp unless told
     * otherwise: a full /tmp then failed every export with a message
     * blaming the target's folder. Staged beside our temp file instead, the
     * message about that folder is true. */
    char dir[4096];
    lxw_workbook_options wo = {.tmpdir = nb_dir_of(file, dir, sizeof dir) ? dir : NULL};
    w.wb = workbook_new_opt(file, &wo);
    if (!w.wb) {
        nb_error_set(err, "「%s」を作れません。フォルダーに書き込めるか、空き容量があるかを確かめてください。", shown);
        unlink(file);
        nb_xdoc_free(d);
        return -1;
    }
    w.ws = workbook_add_worksheet(w.wb, "調査票");
    nb_xlsx_styles_init(w.wb, &w.st);
    /* measure, decide the pages, then write */
    w.dry = true;
    nb_xsheet_write_form(&w);
    nb_xsheet_plan(&w);
    lxw_row_t last = nb_xsheet_write_form(&w);
    nb_xsheet_define_names(&w);
    nb_xsheet_page_setup(&w, last);
    properties(&w);
    lxw_error e = workbook_close(w.wb);
    free(w.heights);
    free(w.breaks);
    nb_xdoc_free(d);
    if (e != LXW_NO_ERROR || w.failed) {
        nb_error_set(err, "「%s」を書き出せませんでした (xlsx の作成に失敗, コード %d)。空き容量を確かめて、もう一度お試しください。",
                     shown, e != LXW_NO_ERROR ? (int)e : w.failed);
        unlink(file);
        return -1;
    }
    *data = nb_read_file(file, XLSX_MAX, len, err);
    if (*data && !nb_xlsx_whole(*data, *len)) {
        free(*data);
        *data = NULL;
        nb_error_set(err, "「%s」を書き出せませんでした (作成中の一時ファイルに書き込めず、調査票が欠けました)。「%s」のあるフォルダーの空き容量を確かめて、もう一度お試しください。",
                     shown, shown);
    }
    if (!*data) {
        unlink(file);
        return -1;
    }
    return 0;
}

/* What the workbook is made from. The last workbook is reused while this
 * key is the same, so everything that changes its bytes must be in it:
 * - the definition: its address (one loaded definition for the life of
 *   the process), its file, id and version;
 * - the answers exactly as held (every field, the items, the PC check
 *   section, saved_at), as nb_answers_dump gives them;
 * - of the options, draft and the day (期限後 and the date printed; when
 *   none is given, today, as nb_xdoc_new takes it). fax_cover, no_qr,
 *   csv_utf8 and mail_from do not touch the workbook;
 * - SOURCE_DATE_EPOCH, the creation time in its properties. Without it the
 *   creation time is the first build's: that is the point, the file and
 *   the e-mail's attachment of one run are the same bytes.
 * A new input of the workbook (an option in export.h, an environment
 * variable, a setting) goes in here too. */
static char *memo_key(const nb_definition *def, const nb_answers *a, const nb_export_opts *o)
{
    nb_date day = o ? o->today : (nb_date){0, 0, 0};
    if (!nb_date_is_valid(day))
        day = nb_today();
    char options[64];
    snprintf(options, sizeof options, "%d %d-%d-%d", o && o->draft, day.y, day.m, day.d);
    return nb_doc_memo_key(def, a, options);
}

/* The last workbook made, kept for the life of the process: export
 * --xlsx F --eml M writes F and attaches the same bytes to M without
 * making the workbook a second time. */
static nb_doc_memo last;

/* Made at a temp file in path's folder and renamed over path (export_file.c),
 * so the folder needs no more room than the file; the bytes are read back
 * and checked before the rename, and kept for the e-mail of the same run. */
int nb_export_xlsx(const nb_definition *def, const nb_answers *a, const nb_export_opts *o,
                   const char *path, nb_error *err)
{
    char *key = memo_key(def, a, o);
    if (nb_doc_memo_has(&last, key)) {
        free(key);
        return nb_export_write(path, last.data, last.len, err);
    }
    char *tmp = nb_export_temp(path, err);
    char *data = NULL;
    size_t len = 0;
    if (!tmp || build(def, a, o, tmp, path, &data, &len, err) != 0) {
        free(tmp);
        free(key);
        return -1;
    }
    nb_doc_memo_keep(&last, key, data, len);
    int rc = nb_export_commit(tmp, path, err);
    free(tmp);
    return rc;
}

int nb_export_xlsx_buf(const nb_definition *def, const nb_answers *a, const nb_export_opts *o,
                       char **out, size_t *out_len, nb_error *err)
{
    char *key = memo_key(def, a, o);
    if (!nb_doc_memo_has(&last, key)) {
        /* no file of the user's to make it beside: a private temp folder */
        const char *base = getenv("TMPDIR");
        base = base && *base ? base : "/tmp";
        char *dir = xasprintf("%s/nanbyo-xlsx-XXXXXX", base);
        if (!mkdtemp(dir)) {
            nb_error_set(err, "一時フォルダーを作れないため、調査票 (xlsx) を作れませんでした。%s の空き容量と書き込みの権限を確かめるか、環境変数 TMPDIR で書き込めるフォルダーを指定してください。",
                         base);
            free(dir);
            free(key);
            return -1;
        }
        char *file = xasprintf("%s/form.xlsx", dir);
        char *data = NULL;
        size_t len = 0;
        if (build(def, a, o, file, file, &data, &len, err) == 0)
            unlink(file);
        rmdir(dir);
        free(file);
        free(dir);
        if (!data) {
            free(key);
            return -1;
        }
        nb_doc_memo_keep(&last, key, data, len);
    } else {
        free(key);
    }
    *out = nb_doc_memo_copy(&last, out_len);
    return 0;
}
