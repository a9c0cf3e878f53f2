/* Composes libyaml's events into a document (see yaml_compose.h). The
 * rules are those of libyaml 0.2.5's yaml_parser_load: nodes are numbered
 * in event order; no tag or "!" means the default tag; an anchor is known
 * from the moment its node opens; an alias adds the anchored node itself
 * (never a copy), and an unknown alias or an anchor defined twice is an
 * error with libyaml's own words. The document API leaves node marks at
 * zero, and the messages need the lines, so they are set here.
 *
 * Anchors are kept in a search tree (tsearch), not a list: a hostile
 * definition of 60,000 anchors and as many aliases took 18 s when each
 * alias searched the list. */
#define _GNU_SOURCE /* tdestroy */
#include "yaml_compose.h"
#include <limits.h>
#include <search.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "nanbyo/xalloc.h"

typedef struct {
    yaml_document_t *doc;
    struct {
        int node; /* the open sequence or mapping */
        int key;  /* mapping: its key waiting for a value, 0 when none */
    } *open;
    size_t depth, cap_open;
    void *anchors; /* tsearch tree of struct anchor */
    const char *problem; /* the composer's error, libyaml's words */
    size_t line;
} composer;

/* The document API fails only when memory runs out: the parser's text is
 * valid UTF-8 already. */
static int need(int ok)
{
    if (!ok)
        nb_xalloc_die();
    return ok;
}

struct anchor {
    char *name;
    int node;
};

static int anchor_cmp(const void *a, const void *b)
{
    return strcmp(((const struct anchor *)a)->name, ((const struct anchor *)b)->name);
}

static void anchor_free(void *a)
{
    free(((struct anchor *)a)->name);
    free(a);
}

static bool fail(composer *c, const char *problem, yaml_mark_t at)
{
    c->problem = problem;
    c->line = at.line + 1;
    return false;
}

static yaml_char_t *tag_of(yaml_char_t *tag)
{
    return tag && strcmp((const char *)tag, "!") == 0 ? NULL : tag; /* NULL: the default tag */
}

static void attach(composer *c, int id)
{
    if (c->depth == 0)
        return; /* the root */
    int parent = c->open[c->depth - 1].node;
    int *key = &c->open[c->depth - 1].key;
    if (yaml_document_get_node(c->doc, parent)->type == YAML_SEQUENCE_NODE) {
        need(yaml_document_append_sequence_item(c->doc, parent, id));
    } else if (!*key) {
        *key = id;
    } else {
        need(yaml_document_append_mapping_pair(c->doc, parent, *key, id));
        *key = 0;
    }
}

static bool alias(composer *c, const yaml_event_t *ev)
{
    struct anchor key = {.name = (char *)ev->data.alias.anchor};
    struct anchor **found = tfind(&key, &c->anchors, anchor_cmp);
    if (!found)
        return fail(c, "found undefined alias", ev->start_mark);
    attach(c, (*found)->node);
    return true;
}

/* A scalar, or a sequence or mapping opening: a new node. */
static bool node(composer *c, const yaml_event_t *ev)
{
    yaml_document_t *d = c->doc;
    const yaml_char_t *anchor;
    int id;
    if (ev->type == YAML_SCALAR_EVENT) {
        if (ev->data.scalar.length > INT_MAX)
            return fail(c, "scalar too long", ev->start_mark);
        anchor = ev->data.scalar.anchor;
        id = need(yaml_document_add_scalar(d, tag_of(ev->data.scalar.tag), ev->data.scalar.value,
                                           (int)ev->data.scalar.length, ev->data.scalar.style));
    } else if (ev->type == YAML_SEQUENCE_START_EVENT) {
        anchor = ev->data.sequence_start.anchor;
        id = need(yaml_document_add_sequence(d, tag_of(ev->data.sequence_start.tag),
                                             ev->data.sequence_start.style));
    } else {
        anchor = ev->data.mapping_start.anchor;
        id = need(yaml_document_add_mapping(d, tag_of(ev->data.mapping_start.tag),
                                            ev->data.mapping_start.style));
    }
    yaml_node_t *n = yaml_document_get_node(d, id);
    n->start_mark = ev->start_mark;
    n->end_mark = ev->end_mark;
    if (anchor) {
        struct anchor *a = xmalloc(sizeof *a);
        a->name = xstrdup((const char *)anchor);
        a->node = id;
        struct anchor **slot = tsearch(a, &c->anchors, anchor_cmp);
        if (!slot)
            nb_xalloc_die();
        if (*slot != a) {
            anchor_free(a);
            return fail(c, "second occurrence", ev->start_mark);
        }
    }
    attach(c, id);
    if (ev->type != YAML_SCALAR_EVENT) {
        c->open = xgrowarray(c->open, &c->cap_open, c->depth + 1, sizeof *c->open, 16);
        c->open[c->depth].node = id;
        c->open[c->depth++].key = 0;
    }
    return true;
}

/* One event inside the first document; false once it is refused. */
static bool step(composer *c, const yaml_event_t *ev)
{
    switch (ev->type) {
    case YAML_ALIAS_EVENT:
        return alias(c, ev);
    case YAML_SCALAR_EVENT:
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT:
        return node(c, ev);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        yaml_document_get_node(c->doc, c->open[--c->depth].node)->end_mark = ev->end_mark;
        return true;
    default:
        return true;
    }
}

yc_status yc_compose(yaml_parser_t *parser, yaml_document_t *doc, int max_depth, yc_problem *pb)
{
    composer c = {.doc = doc};
    enum { BEFORE, IN_DOC, DONE, REFUSED } state = BEFORE;
    yc_status st = YC_OK;
    int depth = 0; /* over the whole text, not only the first document */
    for (;;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(parser, &ev)) {
            if (state == BEFORE || state == IN_DOC) {
                st = YC_SYNTAX;
                pb->problem = parser->problem ? parser->problem : "?";
                pb->line = parser->problem_mark.line + 1;
            }
            break;
        }
        yaml_event_type_t t = ev.type;
        if ((t == YAML_SEQUENCE_START_EVENT || t == YAML_MAPPING_START_EVENT) && ++depth > max_depth) {
            st = YC_TOO_DEEP;
            pb->problem = NULL;
            pb->line = ev.start_mark.line + 1;
            yaml_event_delete(&ev);
            break;
        }
        if (t == YAML_SEQUENCE_END_EVENT || t == YAML_MAPPING_END_EVENT)
            depth--;
        if (state == BEFORE && t == YAML_DOCUMENT_START_EVENT) {
            need(yaml_document_initialize(doc, ev.data.document_start.version_directive,
                                          ev.data.document_start.tag_directives.start,
                                          ev.data.document_start.tag_directives.end,
                                          ev.data.document_start.implicit, 0));
            doc->start_mark = ev.start_mark;
            state = IN_DOC;
        } else if (state == BEFORE && t == YAML_STREAM_END_EVENT) {
            need(yaml_document_initialize(doc, NULL, NULL, NULL, 0, 0));
            state = DONE;
        } else if (state == IN_DOC && t == YAML_DOCUMENT_END_EVENT) {
            doc->end_implicit = ev.data.document_end.implicit;
            doc->end_mark = ev.end_mark;
            state = DONE;
        } else if (state == IN_DOC && !step(&c, &ev)) {
            state = REFUSED;
        }
        yaml_event_delete(&ev);
        if (t == YAML_STREAM_END_EVENT)
            break;
    }
    if (st == YC_OK && state == REFUSED) {
        st = YC_SYNTAX;
        pb->problem = c.problem;
        pb->line = c.line;
    }
    if (st != YC_OK && state != BEFORE)
        yaml_document_delete(doc);
    tdestroy(c.anchors, anchor_free);
    free(c.open);
    return st;
}
