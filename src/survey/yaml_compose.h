/* One pass over a YAML text: libyaml's parser reads the events once and
 * they are composed into a yaml_document_t with libyaml's document API,
 * with a limit on nesting checked as the events come. yaml_parser_load
 * cannot stop at a depth, and a depth check in a pass of its own parses
 * the whole file twice; the document built here is the one it builds
 * (same nodes in the same order, tags, styles, marks; an alias refers to
 * its anchored node). */
#ifndef NANBYO_YAML_COMPOSE_H
#define NANBYO_YAML_COMPOSE_H
#include <stddef.h>
#include <yaml.h>

typedef enum {
    YC_OK,       /* doc holds the first document (no root: the text has none) */
    YC_TOO_DEEP, /* a collection opens past max_depth levels */
    YC_SYNTAX,   /* libyaml refused the text; problem is its sentence */
} yc_status;

typedef struct {
    size_t line;         /* 1-based line of the problem */
    const char *problem; /* YC_SYNTAX: libyaml's text (static) */
} yc_problem;

/* Composes the first document of the parser's input into doc, as
 * yaml_parser_load does, and reads the rest of the text for nesting only
 * (yaml_parser_load never reads a later document, so its syntax errors
 * stay unseen). Refused (doc then holds nothing) at the first of:
 * - a collection opening past max_depth levels, anywhere in the text;
 * - a syntax error in the first document: libyaml's parser's, or the
 *   composer's ("found undefined alias", "second occurrence" of an
 *   anchor), libyaml's words either way.
 * A too deep level after a composer error still wins (as with a separate
 * depth pass before yaml_parser_load). On YC_OK the caller deletes doc.
 * Running out of memory ends the process (nb_xalloc_die). */
yc_status yc_compose(yaml_parser_t *parser, yaml_document_t *doc, int max_depth, yc_problem *pb);

#endif
