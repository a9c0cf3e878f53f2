/* The collect CSV: the rows of sheet 回答一覧 in CP932 (what the
 * prefecture's spreadsheet and upload tools expect), CRLF, RFC 4180. A
 * character CP932 cannot hold is refused with its row and column named,
 * never replaced: the xlsx keeps it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report.h"
#include "../export/export_csv.h"
#include "nanbyo/atomic_file.h"

int nb_collect_csv(const nb_definition *def, const nb_listing *l, const char *path, nb_error *err)
{
    nb_buf b = {0};
    for (int c = 0; c < NB_COL_COUNT; c++) {
        if (c)
            nb_buf_add(&b, ",", 1);
        nb_csv_field(&b, nb_col_title(def, c));
    }
    nb_buf_add(&b, "\r\n", 2);
    for (size_t i = 0; i < l->n; i++) {
        if (l->r[i].superseded)
            continue;
        for (int c = 0; c < NB_COL_COUNT; c++) {
            long long num;
            char *t = nb_col_text(def, &l->r[i], c, &num);
            if (c)
                nb_buf_add(&b, ",", 1);
            nb_csv_field(&b, t);
            free(t);
        }
        nb_buf_add(&b, "\r\n", 2);
    }
    size_t len = 0, bad_off = 0;
    int32_t bad_cp = 0;
    char *sj = nb_csv_to_cp932(b.data ? b.data : "", b.len, &len, &bad_cp, &bad_off);
    if (!sj) {
        /* the line of the offending character: 1 is the header */
        size_t line = 1;
        for (size_t k = 0; k < bad_off && k < b.len; k++)
            line += b.data[k] == '\n';
        nb_error_set(err, "「%s」を Shift_JIS (CP932) で書けません: %zu 行目に CP932 にない文字 (U+%04X) があります。"
                          "--xlsx で書き出した表を使ってください。",
                     path, line, (unsigned)bad_cp);
        free(b.data);
        return -1;
    }
    free(b.data);
    int rc = nb_atomic_write(path, sj, len, 0644, err);
    free(sj);
    return rc;
}
