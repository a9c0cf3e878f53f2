/* The 調査票 as one CSV record for the prefecture's tally sheets: a header
 * row of Japanese labels and one row of answers plus the derived amounts,
 * CRLF line ends, RFC 4180 quoting. CP932 by default (what Japanese Excel
 * opens), UTF-8 with BOM on request. A character that CP932 cannot hold is
 * reported with the field it is in; nothing is ever replaced silently. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "export_csv.h"
#include "export_model.h"
#include "nanbyo/atomic_file.h"
#include "nanbyo/buf.h"
#include "nanbyo/export.h"
#include "nanbyo/utf8.h"
#include "nanbyo/version.h"
#include "nanbyo/xalloc.h"

typedef struct {
    char **label, **value;
    size_t n, cap;
} columns;

static void col(columns *c, char *label, char *value)
{
    if (c->n == c->cap) {
        size_t cap = c->cap; /* the two arrays share one capacity */
        c->label = xgrowarray(c->label, &cap, c->n + 1, sizeof *c->label, 64);
        c->value = xreallocarray(c->value, cap, sizeof *c->value);
        c->cap = cap;
    }
    c->label[c->n] = label;
    c->value[c->n] = value;
    c->n++;
}

static char *num(int64_t v)
{
    return xasprintf("%lld", (long long)v);
}

/* A value as the tally sheet wants it: counts and yen as plain integers,
 * dates ISO, choices by their code (clinic), declarations true/false. */
static char *value_text(const nb_xvalue *v)
{
    switch (v->kind) {
    case NB_XV_COUNT:
    case NB_XV_YEN:
        return num(v->num);
    case NB_XV_DATE: {
        char iso[16];
        nb_date_iso(v->date, iso, sizeof iso);
        return xstrdup(iso);
    }
    case NB_XV_EMPTY:
        return xstrdup("");
    default:
        if (v->field->type == NB_FT_CHOICE)
            return xstrdup(v->raw);
        if (v->field->type == NB_FT_CONFIRM)
            return xstrdup(strcmp(v->text, "はい") == 0 ? "true" : "false");
        return xstrdup(v->text);
    }
}

static void field_col(columns *c, const nb_xvalue *v)
{
    col(c, nb_export_clean(v->field->label, false), value_text(v));
}

/* The one record. Its columns depend on the definition only, never on
 * the answers (no column per item: those go to --items-csv), so a
 * hundred files stack under one header: identity and amounts first. */
static void build(const nb_xdoc *d, columns *c)
{
    static const char *const first[] = {"institution_code", "institution_name"};
    for (size_t i = 0; i < sizeof first / sizeof first[0]; i++) {
        const nb_xvalue *v = nb_xdoc_value(d, first[i]);
        if (v)
            field_col(c, v);
    }
    for (int k = 0; k < NB_XA_COUNT; k++)
        col(c, xstrdup(nb_xamount_label((nb_xamount)k)), num(nb_xamount_value(d, (nb_xamount)k)));
    col(c, xstrdup("補助所要額を決めた額"), xstrdup(nb_binding_id(d->sub.binding)));
    col(c, xstrdup("物品・経費の件数"), num((int64_t)d->n_items));
    for (size_t s = 0; s < d->n_sections; s++) {
        const nb_xsection *sec = &d->sections[s];
        if (sec->kind == NB_XS_PCCHECK) {
            col(c, xstrdup("PC要件確認_結果"), xstrdup(d->pc_code));
            col(c, xstrdup("PC要件確認_日時"), xstrdup(d->pc_checked_at_iso));
            col(c, xstrdup("PC要件確認_確認したPC"), xstrdup(d->pc_platform));
            continue;
        }
        for (size_t i = 0; i < sec->n_values; i++) {
            const nb_xvalue *v = &sec->values[i];
            if (strcmp(v->field->id, first[0]) != 0 && strcmp(v->field->id, first[1]) != 0)
                field_col(c, v);
        }
    }
    char iso[16];
    nb_date_iso(d->opts.today, iso, sizeof iso);
    col(c, xstrdup("状態"), xstrdup(d->draft && d->late ? "draft_late" : d->draft ? "draft" : d->late ? "late" : "final"));
    col(c, xstrdup("提出日"), xstrdup(iso));
    col(c, xstrdup("調査定義"), xstrdup(d->def->id));
    col(c, xstrdup("調査定義の版"), num(d->def->version));
}

/* One row per item, led by the institution code (--items-csv). */
static void build_item(const nb_xdoc *d, size_t i, columns *c)
{
    const nb_xitem *it = &d->items[i];
    col(c, xstrdup("保険医療機関コード"), xstrdup(nb_xdoc_text(d, "institution_code")));
    col(c, xstrdup("No."), num((int64_t)i + 1));
    col(c, xstrdup("区分"), xstrdup(it->category_id));
    col(c, xstrdup("内容"), xstrdup(it->description));
    col(c, xstrdup("数量"), xstrdup(it->quantity_text));
    col(c, xstrdup("単価"), xstrdup(it->unit_price_text));
    col(c, xstrdup("金額"), num(it->amount));
    col(c, xstrdup("補助対象"), xstrdup(it->eligible ? "true" : "false"));
}

/* Every CP932 problem, by field, into err. Returns how many. */
static int check_cp932(const columns *c, const char *path, nb_error *err)
{
    int bad = 0;
    char list[700] = "";
    for (size_t i = 0; i < c->n; i++) {
        const char *v = c->value[i];
        size_t len = strlen(v), off = 0;
        while (off < len) {
            size_t out_len, at;
            int32_t cp;
            char *conv = nb_csv_to_cp932(v + off, len - off, &out_len, &cp, &at);
            if (conv) {
                free(conv);
                break;
            }
            if (cp == -2) {
                nb_error_set(err, "「%s」を Shift_JIS (CP932) で書き出せません。このシステムには文字コード変換"
                                  "がありません。--csv-encoding utf-8 を指定してください。",
                             path);
                return 1;
            }
            bad++;
            char ch[8] = "?";
            int step = 1;
            if (cp >= 0)
                step = (int)nb_utf8_encode(cp, ch);
            ch[step > 0 ? step : 1] = '\0';
            size_t used = strlen(list);
            if (bad <= 5 && used < sizeof list - 200)
                snprintf(list + used, sizeof list - used, "%s「%s」の「%s」(U+%04X)", used ? "、" : "",
                         c->label[i], ch, (unsigned)(cp >= 0 ? cp : 0xFFFD));
            off += at + (size_t)(step > 0 ? step : 1);
        }
    }
    if (bad)
        nb_error_set(err, "CSV「%s」を Shift_JIS (CP932) で書き出せません。%s%s は CP932 で表せない文字です。"
                          "文字を置き換えるか、--csv-encoding utf-8 を指定してください。",
                     path, list, bad > 5 ? " など" : "");
    return bad;
}

static void free_columns(columns *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->label[i]);
        free(c->value[i]);
    }
    free(c->label);
    free(c->value);
}

static void add_row(nb_buf *b, char *const *cells, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            nb_buf_add(b, ",", 1);
        nb_csv_field(b, cells[i]);
    }
    nb_buf_add(b, "\r\n", 2);
}

/* Header plus rows (each built by one columns) into path, CP932 unless
 * asked for UTF-8; a header alone when there are no rows. */
static int write_rows(const nb_xdoc *d, const columns *rows, size_t n_rows, const columns *header,
                      const char *path, nb_error *err)
{
    bool utf8 = d->opts.csv_utf8;
    for (size_t r = 0; !utf8 && r < n_rows; r++)
        if (check_cp932(&rows[r], path, err) > 0)
            return -1;
    nb_buf b = {0};
    if (utf8)
        nb_buf_add(&b, "\xef\xbb\xbf", 3);
    add_row(&b, header->label, header->n);
    for (size_t r = 0; r < n_rows; r++)
        add_row(&b, rows[r].value, rows[r].n);
    int rc;
    if (utf8) {
        rc = nb_export_write(path, b.data, b.len, err);
    } else {
        size_t out_len, at;
        int32_t cp;
        char *conv = nb_csv_to_cp932(b.data, b.len, &out_len, &cp, &at);
        if (!conv) { /* the labels are ours and convert; not reached */
            nb_error_set(err, "CSV「%s」を Shift_JIS (CP932) に変換できませんでした。--csv-encoding utf-8 を指定してください。",
                         path);
            rc = -1;
        } else {
            rc = nb_export_write(path, conv, out_len, err);
            free(conv);
        }
    }
    free(b.data);
    return rc;
}

int nb_export_csv(const nb_definition *def, const nb_answers *a, const nb_export_opts *o,
                  const char *path, nb_error *err)
{
    nb_xdoc *d = nb_xdoc_new(def, a, o);
    columns c = {0};
    build(d, &c);
    int rc = write_rows(d, &c, 1, &c, path, err);
    free_columns(&c);
    nb_xdoc_free(d);
    return rc;
}

int nb_export_items_csv(const nb_definition *def, const nb_answers *a, const nb_export_opts *o,
                        const char *path, nb_error *err)
{
    nb_xdoc *d = nb_xdoc_new(def, a, o);
    columns *rows = xcalloc(d->n_items + 1, sizeof *rows);
    for (size_t i = 0; i < d->n_items; i++)
        build_item(d, i, &rows[i]);
    columns header = {0};
    if (d->n_items == 0) { /* the header comes from a row; an empty one names the columns */
        nb_xitem none = {0};
        none.category_id = none.description = none.quantity_text = none.unit_price_text = "";
        nb_xdoc tmp = *d;
        tmp.items = &none;
        tmp.n_items = 1;
        build_item(&tmp, 0, &header);
    }
    int rc = write_rows(d, rows, d->n_items, d->n_items ? &rows[0] : &header, path, err);
    for (size_t i = 0; i < d->n_items; i++)
        free_columns(&rows[i]);
    free(rows);
    free_columns(&header);
    nb_xdoc_free(d);
    return rc;
}
