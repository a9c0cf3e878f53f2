/* Weak fallbacks for modules the TUI calls but that may not be merged yet
 * (check, export, message, deliver are written in parallel). Each says
 * plainly that the feature is missing from this build; nothing pretends to
 * succeed. The real implementations, when linked, replace these (strong
 * symbols win; archive members under src/check etc. sort before src/tui).
 * The lead deletes this file once those modules are on main. */
#include <stdlib.h>
#include <string.h>
#include "nanbyo/check.h"
#include "nanbyo/deliver.h"
#include "nanbyo/export.h"
#include "nanbyo/message.h"

#define WEAK __attribute__((weak))
#define MISSING "この機能 (%s) はこの版に組み込まれていません。新しい版を入れてください。"

WEAK nb_check_run *nb_check_start(const nb_definition *def, const nb_check_options *opt)
{
    (void)def;
    (void)opt;
    return NULL;
}
WEAK bool nb_check_poll(nb_check_run *run) { (void)run; return true; }
WEAK void nb_check_wait(nb_check_run *run) { (void)run; }
WEAK size_t nb_check_count(const nb_check_run *run) { (void)run; return 0; }
WEAK nb_check_result nb_check_result_at(const nb_check_run *run, size_t i)
{
    (void)run;
    (void)i;
    nb_check_result r;
    memset(&r, 0, sizeof r);
    r.id = "missing";
    r.title = "確認";
    r.status = NB_CHECK_UNKNOWN;
    return r;
}
WEAK char *nb_check_to_json(const nb_check_run *run) { (void)run; return NULL; }
WEAK void nb_check_free(nb_check_run *run) { (void)run; }
WEAK const char *nb_check_status_id(nb_check_status s) { (void)s; return "unknown"; }
WEAK const char *nb_check_status_label(nb_check_status s)
{
    static const char *l[] = {"確認中", "合格", "注意", "不合格", "不明", "対象外"};
    return (unsigned)s < 6 ? l[s] : "不明";
}

WEAK int nb_export_xlsx(const nb_definition *d, const nb_answers *a, const nb_export_opts *o,
                        const char *path, nb_error *err)
{
    (void)d; (void)a; (void)o; (void)path;
    nb_error_set(err, MISSING, "xlsx 書き出し");
    return -1;
}
WEAK int nb_export_pdf(const nb_definition *d, const nb_answers *a, const nb_export_opts *o,
                       const char *path, nb_error *err)
{
    (void)d; (void)a; (void)o; (void)path;
    nb_error_set(err, MISSING, "PDF 書き出し");
    return -1;
}
WEAK int nb_export_csv(const nb_definition *d, const nb_answers *a, const nb_export_opts *o,
                       const char *path, nb_error *err)
{
    (void)d; (void)a; (void)o; (void)path;
    nb_error_set(err, MISSING, "CSV 書き出し");
    return -1;
}
WEAK char *nb_message_build(const nb_definition *def, const nb_answers *a, const nb_export_opts *eo,
                            const nb_message_opts *mo, size_t *len, nb_error *err)
{
    (void)def; (void)a; (void)eo; (void)mo; (void)len;
    nb_error_set(err, MISSING, "メールの作成");
    return NULL;
}
WEAK int nb_outbox_put(const char *msg, size_t len, char **path, nb_error *err)
{
    (void)msg; (void)len; (void)path;
    nb_error_set(err, MISSING, "送信箱");
    return -1;
}
WEAK int nb_smtp_send_file(const nb_smtp_options *o, const char *path, nb_error *err)
{
    (void)o; (void)path;
    nb_error_set(err, MISSING, "メール送信");
    return -1;
}
WEAK int nb_print_pdf(const char *pdf_path, const char *printer, const char *title, int *job_id,
                      nb_error *err)
{
    (void)pdf_path; (void)printer; (void)title; (void)job_id;
    nb_error_set(err, MISSING, "印刷");
    return -1;
}
