/* Typed reading of a composed YAML tree with line numbers (see yaml_tree.h). */
#include "yaml_tree.h"
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nanbyo/quote.h"
#include "nanbyo/xalloc.h"

int yt_line(const yc_node *n)
{
    return n ? (int)n->start_mark.line + 1 : 0;
}

void yt_fail(yt_ctx *c, const yc_node *n, const char *fmt, ...)
{
    if (c->failed)
        return;
    c->failed = true;
    char what[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (n)
        nb_error_set(c->err, "調査定義ファイル %s の %d 行目: %s", c->path, yt_line(n), what);
    else
        nb_error_set(c->err, "調査定義ファイル %s: %s", c->path, what);
}

const char *yt_text(yt_ctx *c, const yc_node *n)
{
    return n && n->type == YAML_SCALAR_NODE ? yc_value(c->doc, n) : "";
}

const yc_node *yt_root(yt_ctx *c)
{
    return yc_node_at(c->doc, 1);
}

static bool is_scalar(const yc_node *n)
{
    return n && n->type == YAML_SCALAR_NODE;
}


const yc_node *yt_get(yt_ctx *c, const yc_node *map, const char *key)
{
    if (!map || map->type != YAML_MAPPING_NODE)
        return NULL;
    const int *kv = yc_kids(c->doc, map);
    for (size_t i = 0; i < map->len; i++) {
        const yc_node *k = yc_node_at(c->doc, kv[2 * i]);
        if (is_scalar(k) && strcmp(yc_value(c->doc, k), key) == 0)
            return yc_node_at(c->doc, kv[2 * i + 1]);
    }
    return NULL;
}

const yc_node *yt_map(yt_ctx *c, const yc_node *map, const char *key, const char *where)
{
    const yc_node *n = yt_get(c, map, key);
    if (!n)
        yt_fail(c, map, "%s がありません。追加してください。", where);
    else if (n->type != YAML_MAPPING_NODE)
        yt_fail(c, n, "%s は「キー: 値」の形で書いてください。", where);
    else
        return n;
    return NULL;
}

const yc_node *yt_seq(yt_ctx *c, const yc_node *map, const char *key, const char *where, bool required)
{
    const yc_node *n = yt_get(c, map, key);
    if (!n) {
        if (required)
            yt_fail(c, map, "%s がありません。追加してください。", where);
        return NULL;
    }
    if (n->type != YAML_SEQUENCE_NODE) {
        yt_fail(c, n, "%s は「- 」で始まるリストで書いてください。", where);
        return NULL;
    }
    return n;
}

size_t yt_seq_len(const yc_node *seq)
{
    if (!seq || seq->type != YAML_SEQUENCE_NODE)
        return 0;
    return seq->len;
}

const yc_node *yt_seq_at(yt_ctx *c, const yc_node *seq, size_t i)
{
    return yc_node_at(c->doc, yc_kids(c->doc, seq)[i]);
}

char *yt_str(yt_ctx *c, const yc_node *map, const char *key, const char *where, bool required)
{
    const yc_node *n = yt_get(c, map, key);
    if (!n) {
        if (required)
            yt_fail(c, map, "%s がありません。追加してください。", where);
        return xstrdup("");
    }
    if (!is_scalar(n)) {
        yt_fail(c, n, "%s は文字列で書いてください。", where);
        return xstrdup("");
    }
    return xstrdup(yc_value(c->doc, n));
}

int64_t yt_int(yt_ctx *c, const yc_node *map, const char *key, const char *where, bool required, int64_t dflt)
{
    const yc_node *n = yt_get(c, map, key);
    if (!n) {
        if (required)
            yt_fail(c, map, "%s がありません。整数で追加してください。", where);
        return dflt;
    }
    const char *s = yt_text(c, n);
    char *end = NULL;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (!is_scalar(n) || !*s || *end || errno || v < 0 || v >= 1000000000000LL) {
        yt_fail(c, n, "%s は 0 以上の整数で書いてください (カンマや「円」「万」は付けません): 「%s」",
                where, NB_QUOTED(s, 40));
        return dflt;
    }
    return v;
}

bool yt_bool(yt_ctx *c, const yc_node *map, const char *key, const char *where, bool dflt)
{
    const yc_node *n = yt_get(c, map, key);
    if (!n)
        return dflt;
    const char *s = yt_text(c, n);
    if (strcmp(s, "true") == 0 || strcmp(s, "yes") == 0)
        return true;
    if (strcmp(s, "false") == 0 || strcmp(s, "no") == 0)
        return false;
    yt_fail(c, n, "%s は true か false で書いてください。", where);
    return dflt;
}

nb_date yt_date(yt_ctx *c, const yc_node *map, const char *key, const char *where)
{
    nb_date d = {0, 0, 0};
    const yc_node *n = yt_get(c, map, key);
    if (!n) {
        yt_fail(c, map, "%s がありません。YYYY-MM-DD の形で追加してください。", where);
        return d;
    }
    const char *s = yt_text(c, n);
    char tail;
    if (sscanf(s, "%4d-%2d-%2d%c", &d.y, &d.m, &d.d, &tail) != 3 || strlen(s) != 10 ||
        !nb_date_is_valid(d)) {
        yt_fail(c, n, "%s は YYYY-MM-DD の形の正しい日付で書いてください: 「%s」", where, NB_QUOTED(s, 40));
        d = (nb_date){0, 0, 0};
    }
    return d;
}

char **yt_strlist(yt_ctx *c, const yc_node *map, const char *key, const char *where, size_t *n)
{
    *n = 0;
    const yc_node *seq = yt_seq(c, map, key, where, false);
    size_t len = yt_seq_len(seq);
    if (!len)
        return NULL;
    char **out = xcalloc(len, sizeof *out);
    for (size_t i = 0; i < len; i++) {
        const yc_node *item = yt_seq_at(c, seq, i);
        if (!is_scalar(item)) {
            yt_fail(c, item, "%s の要素は文字列で書いてください。", where);
            out[i] = xstrdup("");
        } else {
            out[i] = xstrdup(yc_value(c->doc, item));
        }
    }
    *n = len;
    return out;
}
