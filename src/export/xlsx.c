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
#include "xlsx_sheet.h"

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

int nb_export_xlsx(const nb_definition *def, const nb_answers *a, const nb_export_opts *o,
                   const char *path, nb_error *err)
{
    char *tmp = nb_export_temp(path, err);
    if (!tmp)
        return -1;
    nb_xdoc *d = nb_xdoc_new(def, a, o);
    nb_xsheet w = {0};
    w.d = d;
    w.wb = workbook_new(tmp);
    if (!w.wb) {
        nb_error_set(err, "「%s」を作れません。フォルダーに書き込めるか、空き容量があるかを確かめてください。", path);
        unlink(tmp);
        free(tmp);
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
                     path, e != LXW_NO_ERROR ? (int)e : w.failed);
        unlink(tmp);
        free(tmp);
        return -1;
    }
    int rc = nb_export_commit(tmp, path, err);
    free(tmp);
    return rc;
}

int nb_export_xlsx_buf(const nb_definition *def, const nb_answers *a, const nb_export_opts *o,
                       char **out, size_t *out_len, nb_error *err)
{
    const char *base = getenv("TMPDIR");
    char *dir = xasprintf("%s/nanbyo-xlsx-XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(dir)) {
        nb_error_set(err, "一時フォルダーを作れないため、調査票 (xlsx) を作れませんでした。%s の空き容量と権限を確かめてください。",
                     base && *base ? base : "/tmp");
        free(dir);
        return -1;
    }
    char *path = xasprintf("%s/form.xlsx", dir);
    int rc = nb_export_xlsx(def, a, o, path, err);
    if (rc == 0) {
        *out = nb_read_file(path, 64u << 20, out_len, err);
        rc = *out ? 0 : -1;
    }
    unlink(path);
    rmdir(dir);
    free(path);
    free(dir);
    return rc;
}
