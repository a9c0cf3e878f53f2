/* Typed reading of a composed YAML tree (yaml_compose.h) with line numbers. The first
 * problem is recorded in ctx->err (file and line named) and later reads
 * return defaults, so the loader can read straight through and check once. */
#ifndef NANBYO_YAML_TREE_H
#define NANBYO_YAML_TREE_H
#include <stdbool.h>
#include <stdint.h>
#include "yaml_compose.h"
#include "nanbyo/date.h"
#include "nanbyo/error.h"

typedef struct {
    const yc_doc *doc;
    const char *path;
    nb_error *err;
    bool failed;
} yt_ctx;

/* 1-based line of a node (0 for NULL). */
int yt_line(const yc_node *n);
/* A scalar's text; "" for a sequence or mapping. */
const char *yt_text(yt_ctx *c, const yc_node *n);
/* Record an error at node n (printf-style message after the location). */
void yt_fail(yt_ctx *c, const yc_node *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

const yc_node *yt_root(yt_ctx *c);
/* Value of key in a mapping, NULL when absent (or n is not a mapping). */
const yc_node *yt_get(yt_ctx *c, const yc_node *map, const char *key);
/* A mapping or sequence that must be present; records an error if not. */
const yc_node *yt_map(yt_ctx *c, const yc_node *map, const char *key, const char *where);
const yc_node *yt_seq(yt_ctx *c, const yc_node *map, const char *key, const char *where, bool required);
size_t yt_seq_len(const yc_node *seq);
const yc_node *yt_seq_at(yt_ctx *c, const yc_node *seq, size_t i);

/* Scalars. where names the key for messages ("money.base"). Strings are
 * malloc'd; a missing optional string is "" (never NULL). */
char *yt_str(yt_ctx *c, const yc_node *map, const char *key, const char *where, bool required);
int64_t yt_int(yt_ctx *c, const yc_node *map, const char *key, const char *where, bool required, int64_t dflt);
bool yt_bool(yt_ctx *c, const yc_node *map, const char *key, const char *where, bool dflt);
nb_date yt_date(yt_ctx *c, const yc_node *map, const char *key, const char *where);
/* A sequence of scalars; *n set. NULL with *n 0 when absent. */
char **yt_strlist(yt_ctx *c, const yc_node *map, const char *key, const char *where, size_t *n);

#endif
