/* The cell formats of the xlsx 調査票, made once per workbook. Kept apart
 * from the layout so that xlsx.c reads as the form, row by row. */
#ifndef NANBYO_XLSX_STYLE_H
#define NANBYO_XLSX_STYLE_H
#include <xlsxwriter.h>

/* Font name written into every format. Excel on Windows has 游ゴシック;
 * LibreOffice on Linux substitutes a Japanese gothic face. */
#define NB_XLSX_FONT "游ゴシック"
#define NB_XLSX_SIZE 10.5

typedef struct {
    lxw_format *title;      /* 16 pt bold, centred */
    lxw_format *plain;      /* no border */
    lxw_format *plain_right;
    lxw_format *mark;       /* 下書き / 期限後: bold, boxed */
    lxw_format *heading;    /* section heading with a rule below */
    lxw_format *heading_note; /* 9 pt remark on the right of a heading */
    lxw_format *label;      /* grey label cell */
    lxw_format *text;       /* boxed value, wraps */
    lxw_format *count;      /* #,##0"人" */
    lxw_format *yen;        /* #,##0"円" */
    lxw_format *number;     /* #,##0 */
    lxw_format *date;       /* 和暦 date */
    lxw_format *th;         /* table header */
    lxw_format *center;     /* boxed, centred */
    lxw_format *rule;       /* boxed, small, one line: how an amount is computed */
    lxw_format *strong_label;
    lxw_format *strong_yen; /* 補助所要額 */
    lxw_format *note;       /* 9 pt, wraps, no border */
    /* #,##0"台": an item's quantity with its category's unit, made when
     * first needed (one per unit the definition gives). */
    struct {
        char unit[32];
        lxw_format *f;
    } qty[16];
    int n_qty;
} nb_xlsx_styles;

void nb_xlsx_styles_init(lxw_workbook *wb, nb_xlsx_styles *s);
/* The quantity format for a unit (台, 式, か月); the plain number format
 * when there is none or it cannot be quoted in a number format. */
lxw_format *nb_xlsx_quantity_format(lxw_workbook *wb, nb_xlsx_styles *s, const char *unit);

#endif
