/* The survey definition: every fact of one prefecture's survey for one
 * year, loaded from forms/<id>.yaml. Nothing here is repeated in C; code
 * reads these values. Loading errors name the file and line. */
#ifndef NANBYO_DEFINITION_H
#define NANBYO_DEFINITION_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "nanbyo/date.h"
#include "nanbyo/error.h"
#include "nanbyo/subsidy.h"

typedef enum {
    NB_FT_TEXT,       /* one line of text */
    NB_FT_MULTILINE,  /* notes: newlines allowed */
    NB_FT_COUNT,      /* non-negative integer (people) */
    NB_FT_YEN,        /* whole yen */
    NB_FT_DATE,
    NB_FT_CHOICE,     /* one of choices[] */
    NB_FT_CONFIRM,    /* a declaration that must be true */
    NB_FT_PHONE,
    NB_FT_POSTAL,
    NB_FT_EMAIL,
    NB_FT_INST_CODE   /* 保険医療機関コード */
} nb_field_type;

typedef struct {
    char *value;  /* stored in the answers file, e.g. "clinic" */
    char *label;  /* shown, e.g. "診療所" */
} nb_choice;

typedef struct {
    char *id;
    char *label;        /* 医療機関名 */
    char *help;         /* F1 text; may be "" */
    char *placeholder;  /* example shown in an empty field; may be "" */
    nb_field_type type;
    bool required;
    int max_length;     /* characters (code points); 0 = type default */
    int64_t min, max;   /* for COUNT and YEN */
    nb_choice *choices;
    size_t n_choices;
    int line;           /* line in the definition file */
} nb_field;

typedef enum {
    NB_PAGE_FIELDS,
    NB_PAGE_ITEMS,      /* the purchase-items table */
    NB_PAGE_CHECK,      /* the PC self-check */
    NB_PAGE_REVIEW,     /* problems then all answers */
    NB_PAGE_SUBMIT      /* e-mail / print / files */
} nb_page_kind;

typedef struct {
    char *id;
    char *title;
    char *intro;        /* a sentence shown at the top; may be "" */
    nb_page_kind kind;
    nb_field **fields;  /* pointers into nb_definition.fields */
    size_t n_fields;
} nb_page;

typedef struct {
    char *id;           /* pc, printer, ..., running_cost */
    char *label;        /* パソコン */
    bool eligible;
    char *reason;       /* why not eligible (shown); "" when eligible */
    char *help;
    char *unit;         /* what a quantity counts: 台, 式, か月 ("" when not given) */
} nb_category;

typedef enum {
    NB_RULE_AT_LEAST_ONE,   /* sum of fields[] must be > 0; reported on field */
    NB_RULE_REQUIRED_WHEN,  /* field required when other is one of values[] */
    NB_RULE_DATE_IN_FY,     /* fields[] inside the fiscal year, not before earliest_start */
    NB_RULE_DATE_ORDER,     /* field not before other */
    NB_RULE_MIN_ITEMS       /* at least count items */
} nb_rule_kind;

typedef struct {
    nb_rule_kind kind;
    char *field;        /* where the problem is reported */
    char *other;
    char **fields;
    size_t n_fields;
    char **values;
    size_t n_values;
    int64_t count;
    char *message;      /* the Japanese problem text */
    int line;
} nb_rule;

typedef struct {
    char *id;
    char *title;
    char *text;
} nb_notice;

typedef struct {
    /* RAM in GB (decimal, as sold), tolerance for usable memory in percent */
    int64_t ram_gb, ram_tolerance_percent;
    bool ram_required;        /* false: recommended (miss = warn) */
    int64_t disk_free_gb;
    int64_t display_min_w, display_min_h, display_rec_w, display_rec_h;
    char **browsers; size_t n_browsers;      /* edge, chrome, safari */
    char **software; size_t n_software;      /* acrobat_reader, excel, aws_vpn_client */
    char *printer_paper;                      /* A4 */
    int64_t tcp_port;                         /* 443 */
    char *https_url;                          /* reachability probe target */
    int64_t clock_skew_warn_s, clock_skew_fail_s;
    int64_t timeout_s;                        /* default network deadline */
} nb_pc_requirements;

typedef struct {
    char *path;            /* file it was loaded from */
    char *id;              /* yamaguchi-r8 */
    int64_t version;
    /* identity */
    char *authority;       /* 山口県 */
    int64_t prefecture_number; /* 35 */
    int64_t tensu_digit;   /* 1 (医科) for completing 7-digit codes */
    char *department;      /* 健康福祉部健康増進課 */
    char *section;         /* 精神・難病班 */
    char *program;         /* 臨床調査個人票・医療意見書のオンライン登録に係る環境整備費 */
    char *title;           /* オンライン登録に係る環境整備費 所要額調査票 */
    char *form_number;     /* 様式 identifier printed top left (別紙様式1); "" when not given */
    char *audience;        /* who it is for (welcome screen) */
    int64_t fiscal_year;   /* 2026 */
    char *stage;           /* 所要額調査 */
    nb_date notice_date;
    char *source_url;
    /* money */
    nb_money_rule money;
    char *tax_basis;       /* 税込 */
    /* dates */
    nb_date fy_start, fy_end, earliest_start, completion_deadline;
    nb_date deadline;
    bool deadline_must_arrive;  /* 必着 */
    /* submission */
    char *email_to;
    char *subject_template;     /* オンライン登録所要額調査({institution_name}) */
    char *attachment_template;  /* 所要額調査票_{institution_name}.xlsx */
    char *attachment_ascii;     /* shoyogaku-chosa.xlsx */
    char *fax;
    char *postal_code, *postal_address, *recipient;
    char *phone;
    char *contact;         /* 担当者 */
    nb_pc_requirements pc;
    nb_notice *notices; size_t n_notices;
    nb_field *fields; size_t n_fields;   /* every field, in page order */
    nb_page *pages; size_t n_pages;
    nb_category *categories; size_t n_categories;
    nb_rule *rules; size_t n_rules;
} nb_definition;

/* Load a definition file. On failure returns NULL and err names the file,
 * the line and what is wrong, in Japanese. */
nb_definition *nb_def_load(const char *path, nb_error *err);
/* Same from memory (len bytes); path is used in messages only. */
nb_definition *nb_def_parse(const char *data, size_t len, const char *path, nb_error *err);

/* Load by id ("yamaguchi-r8", searched in NANBYO_FORMS_DIR, then the
 * forms/ folder beside the program's build folder, then the installed
 * data folder) or by path (anything containing '/' or ending in .yaml). */
nb_definition *nb_def_open(const char *id_or_path, nb_error *err);

/* A survey id matches [a-z0-9][a-z0-9-]* (at most 64): it names files
 * (the answers file in the data folder, definitions in the forms folder),
 * so it may carry no '/', '.', space or anything that misleads. */
bool nb_def_id_valid(const char *id);

/* The folders searched by nb_def_open, in order, NULL-terminated
 * (static storage). */
const char *const *nb_def_search_dirs(void);

void nb_def_free(nb_definition *def);

const nb_field *nb_def_field(const nb_definition *def, const char *id);
const nb_category *nb_def_category(const nb_definition *def, const char *id);
const nb_choice *nb_field_choice(const nb_field *f, const char *value);

/* Expand {field_id} placeholders of tmpl with values from get(ctx, id);
 * unknown placeholders expand to "". Returns a malloc'd string. */
char *nb_def_expand(const char *tmpl, const char *(*get)(void *ctx, const char *id), void *ctx);

/* Name of the field type as in the file ("text", "yen", ...). */
const char *nb_field_type_name(nb_field_type t);

#endif
