/* The prefecture's workbook (libxlsxwriter): sheet 回答一覧 with one row
 * per institution (its current response) and a totals row whose count and
 * Σ補助所要額 are formulas carrying the values computed here (LibreOffice
 * and Excel's Protected View show the stored value); sheet 置き換えられた回答
 * (older saves, kept as history) and sheet 読めなかったファイル, each with
 * the reason in Japanese. Written to a temp file and moved into place. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include "report.h"
#include "nanbyo/atomic_file.h"

static void header(lxw_worksheet *ws, const nb_definition *def, lxw_format *bold)
{
    for (int c = 0; c < NB_COL_COUNT; c++)
        worksheet_write_string(ws, 0, (lxw_col_t)c, nb_col_title(def, c), bold);
    worksheet_freeze_panes(ws, 1, 2);
    worksheet_set_column(ws, 0, 0, 14, NULL);
    worksheet_set_column(ws, 1, 1, 28, NULL);
    worksheet_set_column(ws, NB_COL_A, NB_COL_G, 12, NULL);
    worksheet_set_column(ws, NB_COL_FILE, NB_COL_FILE, 30, NULL);
    worksheet_set_column(ws, NB_COL_PROBLEMS, NB_COL_PROBLEMS, 60, NULL);
}

static void row(lxw_worksheet *ws, lxw_row_t r, const nb_definition *def, const nb_listed *x, lxw_format *yen)
{
    for (int c = 0; c < NB_COL_COUNT; c++) {
        long long num;
        char *t = nb_col_text(def, x, c, &num);
        if (nb_col_numeric(c))
            worksheet_write_number(ws, r, (lxw_col_t)c, (double)num, c >= NB_COL_A ? yen : NULL);
        else
            worksheet_write_string(ws, r, (lxw_col_t)c, t, NULL);
        free(t);
    }
}

static void col_name(int c, char *out)
{
    /* fewer than 27 columns: one letter */
    out[0] = (char)('A' + c);
    out[1] = '\0';
}

int nb_collect_xlsx(const nb_definition *def, const nb_listing *l, const char *path, nb_error *err)
{
    char tmp[4200];
    char dir[4096];
    if (!nb_dir_of(path, dir, sizeof dir)) {
        nb_error_set(err, "「%s」の名前が長すぎます。", path);
        return -1;
    }
    snprintf(tmp, sizeof tmp, "%s/.nanbyo-collect-%ld.xlsx", dir, (long)getpid());
    lxw_workbook_options opt = {.constant_memory = LXW_FALSE, .tmpdir = NULL};
    lxw_workbook *wb = workbook_new_opt(tmp, &opt);
    if (!wb) {
        nb_error_set(err, "「%s」を書き出せません (フォルダーに書き込めません)。", path);
        return -1;
    }
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    format_set_bg_color(bold, 0xDDDDDD);
    lxw_format *yen = workbook_add_format(wb);
    format_set_num_format(yen, "#,##0");
    lxw_format *total_fmt = workbook_add_format(wb);
    format_set_bold(total_fmt);
    format_set_num_format(total_fmt, "#,##0");
    format_set_top(total_fmt, LXW_BORDER_DOUBLE);

    lxw_worksheet *ws = workbook_add_worksheet(wb, "回答一覧");
    header(ws, def, bold);
    lxw_row_t r = 1;
    for (size_t i = 0; i < l->n; i++)
        if (!l->r[i].superseded)
            row(ws, r++, def, &l->r[i], yen);
    /* the totals row: valid responses only (判定 = 有効) */
    char v[4], g[4], f[200];
    col_name(NB_COL_VALID, v);
    col_name(NB_COL_G, g);
    lxw_row_t last = r > 1 ? r : 2; /* rows 2..last in A1 terms */
    worksheet_write_string(ws, r, 0, "合計 (有効な回答)", total_fmt);
    worksheet_write_string(ws, r, 1, "件数", total_fmt);
    snprintf(f, sizeof f, "=COUNTIF(%s2:%s%u,\"有効\")", v, v, (unsigned)last);
    worksheet_write_formula_num(ws, r, 2, f, total_fmt, (double)l->count);
    worksheet_write_string(ws, r, NB_COL_F, "Σ補助所要額", total_fmt);
    snprintf(f, sizeof f, "=SUMIF(%s2:%s%u,\"有効\",%s2:%s%u)", v, v, (unsigned)last, g, g, (unsigned)last);
    worksheet_write_formula_num(ws, r, NB_COL_G, f, total_fmt, (double)l->subsidy);

    lxw_worksheet *old = workbook_add_worksheet(wb, "置き換えられた回答");
    header(old, def, bold);
    r = 1;
    for (size_t i = 0; i < l->n; i++)
        if (l->r[i].superseded)
            row(old, r++, def, &l->r[i], yen);

    lxw_worksheet *bad = workbook_add_worksheet(wb, "読めなかったファイル");
    worksheet_write_string(bad, 0, 0, "ファイル", bold);
    worksheet_write_string(bad, 0, 1, "理由", bold);
    worksheet_set_column(bad, 0, 0, 40, NULL);
    worksheet_set_column(bad, 1, 1, 80, NULL);
    for (size_t i = 0; i < l->n_bad; i++) {
        worksheet_write_string(bad, (lxw_row_t)(i + 1), 0, l->bad[i].source, NULL);
        worksheet_write_string(bad, (lxw_row_t)(i + 1), 1, l->bad[i].reason, NULL);
    }
    if (workbook_close(wb) != LXW_NO_ERROR) {
        unlink(tmp);
        nb_error_set(err, "「%s」を書き出せません (xlsx を作れませんでした)。空き容量を確認してください。", path);
        return -1;
    }
    return nb_atomic_commit(tmp, path, 0644, err);
}
