/* One pass over a YAML text: libyaml's parser reads the events once and
 * they are composed straight into a small tree of our own (yc_doc), with
 * a limit on nesting checked as the events come. yaml_parser_load cannot
 * stop at a depth, and a depth check in a pass of its own parses the
 * whole file twice. The tree holds what yaml_parser_load's document holds
 * (same nodes in the same order, tags, styles, marks; an alias refers to
 * its anchored node) in three arrays instead of a few allocations per
 * node: libyaml's document API copied every scalar, its tag, and checked
 * the copy's UTF-8 again, about a tenth of the TUI's start-up. */
#ifndef NANBYO_YAML_COMPOSE_H
#define NANBYO_YAML_COMPOSE_H
#include <stdbool.h>
#include <stddef.h>
#include <yaml.h>

typedef enum {
    YC_OK,       /* doc holds the first document (no nodes: the text has none) */
    YC_TOO_DEEP, /* a collection opens past max_depth levels */
    YC_SYNTAX,   /* libyaml refused the text; problem is its sentence */
} yc_status;

typedef struct {
    size_t line;         /* 1-based line of the problem */
    const char *problem; /* YC_SYNTAX: libyaml's text (static) */
} yc_problem;

/* A node; ids are 1-based in event order, as in libyaml's document. Read
 * its text, tag and children through the yc_ functions below. */
typedef struct {
    yaml_node_type_t type;
    int style;  /* yaml_scalar_style_t, _sequence_style_t or _mapping_style_t */
    size_t tag; /* offset of an explicit tag in the text, SIZE_MAX: the default */
    size_t at;  /* scalar: offset of its value in the text; else of its first child id */
    size_t len; /* scalar: bytes; sequence: items; mapping: pairs */
    yaml_mark_t start_mark, end_mark;
} yc_node;

typedef struct {
    yc_node *nodes;
    size_t n_nodes, cap_nodes;
    int *kids; /* children's ids; a mapping's are key, value, key, value, ... */
    size_t n_kids, cap_kids;
    char *text; /* scalars and tags, each ending in '\0' */
    size_t n_text, cap_text;
    bool start_implicit, end_implicit, has_version_directive;
    size_t n_tag_directives;
    yaml_mark_t start_mark, end_mark;
} yc_doc;

/* Composes the first document of the parser's input into doc, as
 * yaml_parser_load does, and reads the rest of the text for nesting only
 * (yaml_parser_load never reads a later document, so its syntax errors
 * stay unseen). Refused (doc then holds nothing to free) at the first of:
 * - a collection opening past max_depth levels, anywhere in the text;
 * - a syntax error in the first document: libyaml's parser's, or the
 *   composer's ("found undefined alias", "second occurrence" of an
 *   anchor), libyaml's words either way.
 * A too deep level after a composer error still wins (as with a separate
 * depth pass before yaml_parser_load). On YC_OK the caller frees doc with
 * yc_doc_free. Running out of memory ends the process (nb_xalloc_die). */
yc_status yc_compose(yaml_parser_t *parser, yc_doc *doc, int max_depth, yc_problem *pb);
void yc_doc_free(yc_doc *doc);

/* Node id (1-based), NULL when there is none such; the root is id 1. */
const yc_node *yc_node_at(const yc_doc *doc, int id);
/* A scalar's value ('\0'-terminated; n->len bytes, which may hold '\0'). */
const char *yc_value(const yc_doc *doc, const yc_node *n);
/* The node's tag, the default one (YAML_STR_TAG, ...) when none is written. */
const char *yc_tag(const yc_doc *doc, const yc_node *n);
/* A sequence's item ids (n->len of them), or a mapping's key and value
 * ids (2 * n->len, keys at even places). */
const int *yc_kids(const yc_doc *doc, const yc_node *n);

#endif
