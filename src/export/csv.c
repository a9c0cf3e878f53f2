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
#include "nanbyo/export.h"
#include "nanbyo/utf8.h"
#include "nanbyo/version.h"

typedef struct {
    char **label, **value;
    size_t n, cap;
} columns;

static void col(columns *c, char *label, char *value)
{
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 64;
        c->label = realloc(c->label, c->cap * sizeof *c->label);
        c->value = realloc(c->value, c->cap * sizeof *c->value);
        if (!c->label || !c->value)
            abort();
    }
    c->label[c->n] = label;
    c->value[c->n] = value;
    c->n++;
}

static char *num(int64_t v)
{
    return nb_export_strf("%lld", (long long)v);
}

static char *value_text(const nb_xvalue *v)
{
    switch (v->kind) {
    case NB_XV_COUNT:
    case NB_XV_YEN:
        return num(v->num);
    case NB_XV_DATE: {
        char iso[16];
        nb_date_iso(v->date, iso, sizeof iso);
        return strdup(iso);
    }
    default:
        return strdup(v->text);
    }
}

static void build(const nb_xdoc *d, columns *c)
{
    for (size_t s = 0; s < d->n_sections; s++) {
        const nb_xsection *sec = &d->sections[s];
        switch (sec->kind) {
        case NB_XS_FIELDS:
            for (size_t i = 0; i < sec->n_values; i++)
                col(c, nb_export_clean(sec->values[i].field->label, false), value_text(&sec->values[i]));
            break;
        case NB_XS_ITEMS:
            col(c, strdup("物品・経費の件数"), num((int64_t)d->n_items));
            for (size_t i = 0; i < d->n_items; i++) {
                const nb_xitem *it = &d->items[i];
                col(c, nb_export_strf("物品%zu_区分", i + 1), strdup(it->category));
                col(c, nb_export_strf("物品%zu_内容", i + 1), strdup(it->description));
                col(c, nb_export_strf("物品%zu_数量", i + 1), strdup(it->quantity_text));
                col(c, nb_export_strf("物品%zu_単価", i + 1), strdup(it->unit_price_text));
                col(c, nb_export_strf("物品%zu_金額", i + 1), num(it->amount));
                col(c, nb_export_strf("物品%zu_補助対象", i + 1),
                    strdup(it->eligible ? "対象" : "対象外"));
            }
            break;
        case NB_XS_AMOUNTS:
            for (int k = 0; k < NB_XA_COUNT; k++)
                col(c, strdup(nb_xamount_label((nb_xamount)k)), num(nb_xamount_value(d, (nb_xamount)k)));
            col(c, strdup("補助所要額を決めた額"),
                strdup(d->sub.binding == NB_BIND_NONE ? "" : nb_binding_label(d->sub.binding)));
            break;
        case NB_XS_PCCHECK:
            col(c, strdup("PC要件確認_結果"), strdup(d->pc_overall));
            col(c, strdup("PC要件確認_日時"), strdup(d->pc_checked_at));
            break;
        }
    }
    char iso[16];
    nb_date_iso(d->opts.today, iso, sizeof iso);
    col(c, strdup("状態"), strdup(*d->marks ? d->marks : "提出用"));
    col(c, strdup("作成日"), strdup(iso));
    col(c, strdup("調査定義"), strdup(d->def->id));
    col(c, strdup("調査定義の版"), num(d->def->version));
    col(c, strdup("作成プログラム"), strdup(NB_PROGRAM " " NB_VERSION));
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

int nb_export_csv(const nb_definition *def, const nb_answers *a, const nb_export_opts *o,
                  const char *path, nb_error *err)
{
    nb_xdoc *d = nb_xdoc_new(def, a, o);
    columns c = {0};
    build(d, &c);
    bool utf8 = d->opts.csv_utf8;
    int rc = 0;
    if (!utf8 && check_cp932(&c, path, err) > 0)
        rc = -1;
    nb_buf b = {0};
    if (rc == 0) {
        if (utf8)
            nb_buf_add(&b, "\xef\xbb\xbf", 3);
        for (size_t i = 0; i < c.n; i++) {
            if (i)
                nb_buf_add(&b, ",", 1);
            nb_csv_field(&b, c.label[i]);
        }
        nb_buf_add(&b, "\r\n", 2);
        for (size_t i = 0; i < c.n; i++) {
            if (i)
                nb_buf_add(&b, ",", 1);
            nb_csv_field(&b, c.value[i]);
        }
        nb_buf_add(&b, "\r\n", 2);
        if (utf8) {
            rc = nb_export_write(path, b.data, b.len, err);
        } else {
            size_t out_len;
            int32_t cp;
            size_t at;
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
    }
    free(b.data);
    for (size_t i = 0; i < c.n; i++) {
        free(c.label[i]);
        free(c.value[i]);
    }
    free(c.label);
    free(c.value);
    nb_xdoc_free(d);
    return rc;
}
