/* Typed reading of a libyaml document tree with line numbers. The first
 * problem is recorded in ctx->err (file and line named) and later reads
 * return defaults, so the loader can read straight through and check once. */
#ifndef NANBYO_YAML_TREE_H
#define NANBYO_YAML_TREE_H
#include <stdbool.h>
#include <stdint.h>
#include <yaml.h>
#include "nanbyo/date.h"
#include "nanbyo/error.h"

typedef struct {
    yaml_document_t *doc;
    const char *path;
    nb_error *err;
    bool failed;
} yt_ctx;

/* 1-based line of a node (0 for NULL). */
int yt_line(const yaml_node_t *n);
/* Record an error at node n (printf-style message after the location). */
void yt_fail(yt_ctx *c, const yaml_node_t *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

yaml_node_t *yt_root(yt_ctx *c);
/* Value of key in a mapping, NULL when absent (or n is not a mapping). */
yaml_node_t *yt_get(yt_ctx *c, yaml_node_t *map, const char *key);
/* A mapping or sequence that must be present; records an error if not. */
yaml_node_t *yt_map(yt_ctx *c, yaml_node_t *map, const char *key, const char *where);
yaml_node_t *yt_seq(yt_ctx *c, yaml_node_t *map, const char *key, const char *where, bool required);
size_t yt_seq_len(yaml_node_t *seq);
yaml_node_t *yt_seq_at(yt_ctx *c, yaml_node_t *seq, size_t i);

/* Scalars. where names the key for messages ("money.base"). Strings are
 * malloc'd; a missing optional string is "" (never NULL). */
char *yt_str(yt_ctx *c, yaml_node_t *map, const char *key, const char *where, bool required);
int64_t yt_int(yt_ctx *c, yaml_node_t *map, const char *key, const char *where, bool required, int64_t dflt);
bool yt_bool(yt_ctx *c, yaml_node_t *map, const char *key, const char *where, bool dflt);
nb_date yt_date(yt_ctx *c, yaml_node_t *map, const char *key, const char *where);
/* A sequence of scalars; *n set. NULL with *n 0 when absent. */
char **yt_strlist(yt_ctx *c, yaml_node_t *map, const char *key, const char *where, size_t *n);

#endif
