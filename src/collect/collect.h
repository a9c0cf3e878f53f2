/* collect: the prefecture's side (docs/collect.md). Readers turn each received
 * file into responses (answers) or one reason it could not be read; the
 * store keeps them in SQLite; the reports list them. Private to the
 * collect plugin (nanbyo-survey-collect.so). */
#ifndef NANBYO_COLLECT_H
#define NANBYO_COLLECT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "nanbyo/answers.h"
#include "nanbyo/definition.h"
#include "nanbyo/error.h"

/* The channel a response came by, as stored and shown. */
#define NB_CH_MAIL "メール"
/* an e-mail without the answers JSON, read from its 調査票 xlsx */
#define NB_CH_MAIL_XLSX "メール (xlsx)"
#define NB_CH_JSON "回答ファイル"
#define NB_CH_XLSX "調査票 (xlsx)"
#define NB_CH_FAX "FAX"

/* The largest file collect reads (a 100-MB TIFF is refused by name). */
#define NB_COLLECT_MAX_FILE (64L << 20)
/* The most pixels one page may have: A4 at 600 dpi is 35 M. */
#define NB_COLLECT_MAX_PIXELS (40L * 1000 * 1000)
/* The most pages read from one file. */
#define NB_COLLECT_MAX_PAGES 200
/* Seconds of decoding one page may take before it is listed as not read. */
#define NB_COLLECT_PAGE_SECONDS 20

/* What a reader found: answers (ownership passes) or a reason. */
typedef struct {
    const char *source;  /* the file, "#pN" added for page N of several */
    const char *channel; /* NB_CH_* */
    nb_answers *answers; /* NULL when unreadable */
    const char *reason;  /* why unreadable; NULL with answers */
} nb_found;

typedef void (*nb_found_fn)(void *ctx, const nb_found *f);

/* One 8-bit grey page, 0 black .. 255 white, with its resolution. */
typedef struct {
    unsigned char *px;
    int w, h;
    double xdpi, ydpi;
} nb_gray;

/* Read one file by its extension (.json .eml .xlsx .tif .tiff .png .pdf) and
 * report each response or the reason it could not be read. data/len is
 * the file's content, already read (and bounded) by the caller. */
void nb_collect_read(const nb_definition *def, const char *path, const char *data, size_t len,
                     nb_found_fn fn, void *ctx);

void nb_collect_read_eml(const nb_definition *def, const char *path, const char *data, size_t len,
                         nb_found_fn fn, void *ctx);
/* The answers of a 調査票 xlsx written by `export --xlsx` (read_xlsx.c),
 * from its workbook names; NULL with one sentence naming label when it is
 * damaged, hostile or not ours. */
nb_answers *nb_collect_xlsx_answers(const nb_definition *def, const char *label, const void *data, size_t len,
                                    nb_error *err);
/* Images: every page through nb_qr_page. */
void nb_collect_read_tiff(const nb_definition *def, const char *path, const char *data, size_t len,
                          nb_found_fn fn, void *ctx);
void nb_collect_read_png(const nb_definition *def, const char *path, const char *data, size_t len,
                         nb_found_fn fn, void *ctx);
void nb_collect_read_pdf(const nb_definition *def, const char *path, const char *data, size_t len,
                         nb_found_fn fn, void *ctx);

/* Find our QR code on a page (plain zbar, then the cleaning cascade,
 * bounded by NB_COLLECT_PAGE_SECONDS) and decode it against def. Reports
 * the response, or why the code found could not be used, and returns
 * true; returns false, reporting nothing, for a page with no code at all
 * (the second page of a fax is the form going on). page is 1-based;
 * pages the file's count. */
bool nb_qr_page(const nb_definition *def, const char *path, int page, int pages, const nb_gray *g,
                nb_found_fn fn, void *ctx);
/* After the pages of one image file: when none carried a code, the file
 * is listed with the reason, never guessed. */
void nb_qr_none(const char *path, int pages, nb_found_fn fn, void *ctx);

/* The text of the first NBQ code zbar finds on g (malloc'd), NULL if
 * none; *other is set when a QR code that is not ours was seen. Tries
 * the cascade of cleaned images until one reads or the time is up
 * (*timed_out). */
char *nb_qr_scan(const nb_gray *g, bool *other, bool *timed_out);

#endif
