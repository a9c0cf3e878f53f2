/* Typed reading of a libyaml document with line numbers (see yaml_tree.h). */
#include "yaml_tree.h"
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nanbyo/quote.h"
#include "nanbyo/xalloc.h"

int yt_line(const yaml_node_t *n)
{
    return n ? (int)n->start_mark.line + 1 : 0;
}

void yt_fail(yt_ctx *c, const yaml_node_t *n, const char *fmt, ...)
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

yaml_node_t *yt_root(yt_ctx *c)
{
    return yaml_document_get_root_node(c->doc);
}

static bool is_scalar(const yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE;
}

static const char *scalar(const yaml_node_t *n)
{
    return (const char *)n->data.scalar.value;
}

yaml_node_t *yt_get(yt_ctx *c, yaml_node_t *map, const char *key)
{
    if (!map || map->type != YAML_MAPPING_NODE)
        return NULL;
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
        yaml_node_t *k = yaml_document_get_node(c->doc, p->key);
        if (is_scalar(k) && strcmp(scalar(k), key) == 0)
            return yaml_document_get_node(c->doc, p->value);
    }
    return NULL;
}

yaml_node_t *yt_map(yt_ctx *c, yaml_node_t *map, const char *key, const char *where)
{
    yaml_node_t *n = yt_get(c, map, key);
    if (!n)
        yt_fail(c, map, "%s がありません。追加してください。", where);
    else if (n->type != YAML_MAPPING_NODE)
        yt_fail(c, n, "%s は「キー: 値」の形で書いてください。", where);
    else
        return n;
    return NULL;
}

yaml_node_t *yt_seq(yt_ctx *c, yaml_node_t *map, const char *key, const char *where, bool required)
{
    yaml_node_t *n = yt_get(c, map, key);
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

size_t yt_seq_len(yaml_node_t *seq)
{
    if (!seq || seq->type != YAML_SEQUENCE_NODE)
        return 0;
    return (size_t)(seq->data.sequence.items.top - seq->data.sequence.items.start);
}

yaml_node_t *yt_seq_at(yt_ctx *c, yaml_node_t *seq, size_t i)
{
    return yaml_document_get_node(c->doc, seq->data.sequence.items.start[i]);
}

char *yt_str(yt_ctx *c, yaml_node_t *map, const char *key, const char *where, bool required)
{
    yaml_node_t *n = yt_get(c, map, key);
    if (!n) {
        if (required)
            yt_fail(c, map, "%s がありません。追加してください。", where);
        return xstrdup("");
    }
    if (!is_scalar(n)) {
        yt_fail(c, n, "%s は文字列で書いてください。", where);
        return xstrdup("");
    }
    return xstrdup(scalar(n));
}

int64_t yt_int(yt_ctx *c, yaml_node_t *map, const char *key, const char *where, bool required, int64_t dflt)
{
    yaml_node_t *n = yt_get(c, map, key);
    if (!n) {
        if (required)
            yt_fail(c, map, "%s がありません。整数で追加してください。", where);
        return dflt;
    }
    const char *s = is_scalar(n) ? scalar(n) : "";
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

bool yt_bool(yt_ctx *c, yaml_node_t *map, const char *key, const char *where, bool dflt)
{
    yaml_node_t *n = yt_get(c, map, key);
    if (!n)
        return dflt;
    const char *s = is_scalar(n) ? scalar(n) : "";
    if (strcmp(s, "true") == 0 || strcmp(s, "yes") == 0)
        return true;
    if (strcmp(s, "false") == 0 || strcmp(s, "no") == 0)
        return false;
    yt_fail(c, n, "%s は true か false で書いてください。", where);
    return dflt;
}

nb_date yt_date(yt_ctx *c, yaml_node_t *map, const char *key, const char *where)
{
    nb_date d = {0, 0, 0};
    yaml_node_t *n = yt_get(c, map, key);
    if (!n) {
        yt_fail(c, map, "%s がありません。YYYY-MM-DD の形で追加してください。", where);
        return d;
    }
    const char *s = is_scalar(n) ? scalar(n) : "";
    char tail;
    if (sscanf(s, "%4d-%2d-%2d%c", &d.y, &d.m, &d.d, &tail) != 3 || strlen(s) != 10 ||
        !nb_date_is_valid(d)) {
        yt_fail(c, n, "%s は YYYY-MM-DD の形の正しい日付で書いてください: 「%s」", where, NB_QUOTED(s, 40));
        d = (nb_date){0, 0, 0};
    }
    return d;
}

char **yt_strlist(yt_ctx *c, yaml_node_t *map, const char *key, const char *where, size_t *n)
{
    *n = 0;
    yaml_node_t *seq = yt_seq(c, map, key, where, false);
    size_t len = yt_seq_len(seq);
    if (!len)
        return NULL;
    char **out = xcalloc(len, sizeof *out);
    for (size_t i = 0; i < len; i++) {
        yaml_node_t *item = yt_seq_at(c, seq, i);
        if (!is_scalar(item)) {
            yt_fail(c, item, "%s の要素は文字列で書いてください。", where);
            out[i] = xstrdup("");
        } else {
            out[i] = xstrdup(scalar(item));
        }
    }
    *n = len;
    return out;
}
