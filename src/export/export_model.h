/* The content of the 調査票 once, for every output format. The xlsx, the
 * PDF and the CSV all walk the same list of sections so that they can
 * never disagree about what the clerk answered, which label a choice
 * shows, or what the amounts are. Everything here is already cleaned:
 * valid UTF-8, no control characters (LF kept only in multi-line fields),
 * so the writers can hand the strings to libraries without checks. */
#ifndef NANBYO_EXPORT_MODEL_H
#define NANBYO_EXPORT_MODEL_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "nanbyo/answers.h"
#include "nanbyo/buf.h"
#include "nanbyo/definition.h"
#include "nanbyo/export.h"
#include "nanbyo/subsidy.h"

/* How a field's value is best written in a typed format (xlsx cells). */
typedef enum {
    NB_XV_EMPTY,   /* not answered */
    NB_XV_TEXT,    /* text; also choice labels and はい/いいえ */
    NB_XV_COUNT,   /* people: num holds it */
    NB_XV_YEN,     /* yen: num holds it */
    NB_XV_DATE     /* date holds it; text holds the 和暦 form */
} nb_xv_kind;

typedef struct {
    const nb_field *field; /* from the definition */
    nb_xv_kind kind;
    char *text;            /* display text: "2", "令和8年6月1日", "診療所", "はい" */
    char *raw;             /* cleaned answer as stored ("clinic", "2026-06-01"), "" when empty */
    int64_t num;
    nb_date date;
} nb_xvalue;

typedef struct {
    char *category_id;
    char *category;        /* label from the definition, or the id when unknown */
    char *description;
    int64_t quantity, unit_price, amount;
    bool quantity_ok, unit_price_ok;
    /* What to show for quantity and unit price: the number, or what was
     * typed when it is not a valid number (only in a --force draft). */
    char *quantity_text, *unit_price_text;
    const char *unit;      /* what the quantity counts (台, 式, か月) from the definition; "" none */
    bool eligible;
    char *reason;          /* why not eligible; "" when eligible */
} nb_xitem;

typedef struct {
    char *id;
    char *title;           /* Japanese name of the check */
    char *status;          /* pass, warn, fail, unknown, na */
    char *status_label;    /* 合格, 注意, ... */
    char *measured;        /* "" when none */
} nb_xcheck;

typedef enum {
    NB_XS_FIELDS,          /* rows of label and value */
    NB_XS_ITEMS,           /* the purchase-items table */
    NB_XS_AMOUNTS,         /* 総事業費 ... 補助所要額 */
    NB_XS_PCCHECK          /* the last PC self-check */
} nb_xsection_kind;

typedef struct {
    nb_xsection_kind kind;
    char *title;           /* "1 医療機関" */
    nb_xvalue *values;     /* NB_XS_FIELDS */
    size_t n_values;
} nb_xsection;

/* One amount row of the 所要額 block. */
typedef enum {
    NB_XA_TOTAL, NB_XA_OTHER_INCOME, NB_XA_NET, NB_XA_ELIGIBLE, NB_XA_BASE,
    NB_XA_SELECTED, NB_XA_SUBSIDY, NB_XA_COUNT
} nb_xamount;

typedef struct {
    const nb_definition *def;
    const nb_answers *answers;
    nb_export_opts opts;
    bool draft, late;
    char *title;           /* "令和8年度 オンライン登録に係る環境整備費 所要額調査票" */
    char *recipient;       /* "山口県健康福祉部健康増進課精神・難病班" */
    char *addressee;       /* the form's 宛先: "山口県健康福祉部健康増進課精神・難病班 御中" */
    char *form_number;     /* 様式 identifier from the definition ("別紙様式1"), "" when none */
    char *made_on;         /* 提出日 in 和暦 (the day the form is made for sending) */
    char *marks;           /* "下書き 期限後", "" when neither */
    char *footer;          /* program version, definition id and version */
    nb_subsidy sub;        /* from nb_survey_derive */
    nb_xitem *items; size_t n_items;
    bool pc_present;
    char *pc_checked_at;   /* display form, "" when absent */
    char *pc_checked_at_iso; /* as stored, "" when absent */
    char *pc_platform;     /* the PC checked, "RECEPTION-PC (Windows 11 23H2)"; "" when unknown */
    char *pc_overall;      /* 不合格 (1件) / 未確認あり (2件) / 合格 (注意 1件) / 合格 / 未実施 */
    const char *pc_code;   /* fail, unconfirmed, pass, not_run (CSV) */
    nb_xcheck *checks; size_t n_checks;
    nb_xsection *sections; size_t n_sections;
} nb_xdoc;

/* Build the model; never fails (missing answers show as empty). */
nb_xdoc *nb_xdoc_new(const nb_definition *def, const nb_answers *a, const nb_export_opts *o);
void nb_xdoc_free(nb_xdoc *d);

/* The value of one field (NULL when the definition has no such field). */
const nb_xvalue *nb_xdoc_value(const nb_xdoc *d, const char *field_id);
/* Display text of a field, "" when absent: never NULL. */
const char *nb_xdoc_text(const nb_xdoc *d, const char *field_id);

/* A check's measured value in plain words, without the paths and probe
 * names it was read from (malloc'd). */
char *nb_xcheck_plain(const char *measured);

/* Labels of the amount rows ("総事業費") and their letters ("A"). */
const char *nb_xamount_label(nb_xamount k);
const char *nb_xamount_letter(nb_xamount k);
/* The id of an amount as in `summary --json` ("total", "subsidy"). */
const char *nb_xamount_id(nb_xamount k);
int64_t nb_xamount_value(const nb_xdoc *d, nb_xamount k);
/* How the row is computed, e.g. "(A)-(B)"; "" for entered values. */
const char *nb_xamount_rule(const nb_xdoc *d, nb_xamount k, char *buf, size_t n);

/* Text cleaning shared by the writers (export_text.c). Returns a malloc'd
 * copy that is valid UTF-8 (invalid bytes become U+FFFD) with every control
 * character replaced by a space; with multiline, LF and CRLF become LF. */
char *nb_export_clean(const char *s, bool multiline);
/* Copy of s cut to at most max_chars code points, ending in "…" when cut. */
char *nb_export_truncate(const char *s, size_t max_chars);

/* Write a file that another library produced at tmp (same folder as path)
 * into place: fsync, rename over path, fsync the folder (export_file.c).
 * Refuses a path that is an answers file another process has locked.
 * On failure tmp is removed and err names path. */
int nb_export_commit(const char *tmp, const char *path, nb_error *err);
/* A fresh temp path in path's folder (malloc'd), the file created empty. */
char *nb_export_temp(const char *path, nb_error *err);

#endif
