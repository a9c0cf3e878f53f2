/* The named cells of an xlsx workbook (xlsx_book.c). Private to collect. */
#ifndef NANBYO_COLLECT_XLSX_BOOK_H
#define NANBYO_COLLECT_XLSX_BOOK_H
#include <stdbool.h>
#include <stddef.h>
#include "nanbyo/error.h"
#include "xlsx_parts.h"

/* A name's target: one cell of one sheet. */
typedef struct {
    char *name, *sheet;
    unsigned row, col;
} nb_xname;

typedef enum { NB_XC_EMPTY, NB_XC_NUM, NB_XC_TEXT, NB_XC_BOOL, NB_XC_ERROR } nb_xcell_kind;

/* A cell's value: a number (num), text, a boolean (num 0/1) or an Excel
 * error (its text, "#N/A"); empty when the sheet has no value there. */
typedef struct {
    unsigned row, col;
    nb_xcell_kind kind;
    double num;
    char *text;
} nb_xcell;

typedef struct {
    const char *label; /* the file, for messages */
    nb_error *err;
    nb_xlsx_zip *zip;
    nb_xname *names;
    size_t n_names;
    bool date1904; /* dates count from 1904 (workbookPr date1904) */
    char **sst;
    size_t n_sst;
    nb_xcell *cells; /* the named cells, sorted by (row, col) */
    size_t n_cells;
    xmlDoc *custom, *core;
} nb_xbook;

/* data must outlive the book; NULL with one sentence naming label in err. */
nb_xbook *nb_xbook_open(const char *label, const void *data, size_t len, nb_error *err);
void nb_xbook_free(nb_xbook *b);
const nb_xname *nb_xbook_name(const nb_xbook *b, const char *name);
/* The cell a name points at, when that is on the sheet read. */
const nb_xcell *nb_xbook_cell(const nb_xbook *b, const char *name);
/* A custom document property's value (malloc'd), NULL when absent. */
char *nb_xbook_property(const nb_xbook *b, const char *name);
/* The workbook's creation time (docProps/core.xml, UTC) in Japan time as
 * "YYYY-MM-DDTHH:MM:SS+09:00" (malloc'd), NULL when absent or odd. */
char *nb_xbook_created_jst(const nb_xbook *b);

#endif
