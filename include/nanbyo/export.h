/* Documents the prefecture receives, written from a definition and a set
 * of answers: the 調査票 as xlsx, an A4 fax-ready PDF, CSV. Each writes
 * atomically and reports one Japanese error naming the file.
 * (Initial contract: the export module may add to it.) */
#ifndef NANBYO_EXPORT_H
#define NANBYO_EXPORT_H
#include <stdbool.h>
#include <stddef.h>
#include "nanbyo/answers.h"
#include "nanbyo/date.h"
#include "nanbyo/definition.h"
#include "nanbyo/error.h"
#include "nanbyo/plugins.h"

/* A field that changes the PDF must also go into pdf.c's memo_key, and
 * one that changes the workbook into xlsx.c's: the last PDF and the last
 * workbook are reused while their key is the same. */
typedef struct {
    bool draft;        /* --force on invalid answers: every output says 下書き */
    nb_date today;     /* for 期限後 (after the deadline) and the date printed */
    bool fax_cover;    /* PDF: add a 送付状 page first */
    bool csv_utf8;     /* CSV: UTF-8 with BOM instead of CP932 */
    bool no_qr;        /* PDF: leave out the answers' QR code (--no-qr) */
    const char *mail_from; /* .eml: the sender (--from); NULL: the answers' e-mail */
} nb_export_opts;

/* Made beside path and renamed into place; the bytes are kept for
 * nb_export_xlsx_buf of the same answers (export --xlsx --eml makes the
 * workbook once). */
int nb_export_xlsx(const nb_definition *def, const nb_answers *a, const nb_export_opts *o,
                   const char *path, nb_error *err);
/* The xlsx in memory (malloc'd), for attaching to the e-mail: the last
 * workbook made when the key is the same, else made anew. libxlsxwriter
 * 1.1.4 cannot write to memory, so that goes through a private temp folder
 * ($TMPDIR or /tmp) that is removed again. */
int nb_export_xlsx_buf(const nb_definition *def, const nb_answers *a, const nb_export_opts *o,
                       char **out, size_t *out_len, nb_error *err);
int nb_export_pdf(const nb_definition *def, const nb_answers *a, const nb_export_opts *o,
                  const char *path, nb_error *err);
/* The PDF in memory (malloc'd), for printing or attaching without a file. */
int nb_export_pdf_buf(const nb_definition *def, const nb_answers *a, const nb_export_opts *o,
                      char **out, size_t *out_len, nb_error *err);
/* One header and one record; the same columns for any number of items. */
int nb_export_csv(const nb_definition *def, const nb_answers *a, const nb_export_opts *o,
                  const char *path, nb_error *err);
/* The items, one row each, led by the institution code (--items-csv). */
int nb_export_items_csv(const nb_definition *def, const nb_answers *a, const nb_export_opts *o,
                        const char *path, nb_error *err);

/* The e-mail to the prefecture (message.h) written as a .eml file. */
int nb_export_eml(const nb_definition *def, const nb_answers *a, const nb_export_opts *o,
                  const char *path, nb_error *err);

/* One output format, described once: the export command's options, its
 * --json kinds and its order, the submit page's 「ファイルに保存」 and the
 * part that must load before writing all come from this table
 * (src/export/formats.c). Adding a format: docs/core.md. */
typedef int (*nb_export_writer)(const nb_definition *def, const nb_answers *a, const nb_export_opts *o,
                                const char *path, nb_error *err);
typedef struct {
    const char *name;         /* the kind in export --json: "xlsx" */
    const char *option;       /* the export option that takes the file: "xlsx" for --xlsx F */
    const char *ext;          /* the file name's ending: ".xlsx" */
    const char *default_name; /* the file's name when the answers give none */
    nb_export_writer write;
    nb_plugin_id part;        /* the part the writer needs (plugins.h); NB_PLUGIN_NONE: none */
    bool saved_by_tui;        /* the submit page's 「ファイルに保存」 writes it */
} nb_export_format;
/* In the order export writes and reports them. */
extern const nb_export_format nb_export_formats[];
extern const size_t nb_export_formats_len;

/* Write an output file (any bytes, e.g. the .eml) the way every export
 * is written: a temp file in its folder renamed into place, created with
 * the umask or keeping an existing file's mode, through a symlink to its
 * target, never over an answers file another questionnaire has open. The
 * error names path. */
int nb_export_write(const char *path, const void *data, size_t len, nb_error *err);

#endif
