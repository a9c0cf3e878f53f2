/* Composes libyaml's events into a yc_doc (see yaml_compose.h). The
 * rules are those of libyaml 0.2.5's yaml_parser_load: nodes are numbered
 * in event order; no tag or "!" means the default tag; an anchor is known
 * from the moment its node opens; an alias adds the anchored node itself
 * (never a copy), and an unknown alias or an anchor defined twice is an
 * error with libyaml's own words.
 *
 * Storage is three growing arrays, so the cost stays linear with a few
 * reallocations in all: the nodes; the scalars' text (copied out of the
 * event, which libyaml then frees); the children's ids. A collection's
 * children are pushed on a stack while it is open and moved into the
 * children array, contiguous, when it closes.
 *
 * Anchors are kept in a search tree (tsearch), not a list: a hostile
 * definition of 60,000 anchors and as many aliases took 18 s when each
 * alias searched the list. */
#define _GNU_SOURCE /* tdestroy */
#include "yaml_compose.h"
#include <limits.h>
#include <search.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "nanbyo/xalloc.h"

typedef struct {
    yc_doc *doc;
    struct {
        int node;     /* the open sequence or mapping */
        size_t first; /* where its children start on the stack */
    } *open;
    size_t depth, cap_open;
    int *stack; /* children of the open collections */
    size_t n_stack, cap_stack;
    void *anchors; /* tsearch tree of struct anchor */
    const char *problem; /* the composer's error, libyaml's words */
    size_t line;
} composer;

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

/* len bytes and a '\0' onto the text; returns their offset. */
static size_t keep_text(yc_doc *d, const void *s, size_t len)
{
    size_t need;
    if (!nb_size_add(d->n_text, len, &need) || !nb_size_add(need, 1, &need))
        nb_xalloc_die();
    if (need > d->cap_text) /* the call only when it grows: it runs for every scalar */
        d->text = xgrowarray(d->text, &d->cap_text, need, 1, 4096);
    size_t at = d->n_text;
    if (len)
        memcpy(d->text + at, s, len);
    d->text[at + len] = '\0';
    d->n_text = need;
    return at;
}

static size_t tag_of(yc_doc *d, const yaml_char_t *tag)
{
    if (!tag || strcmp((const char *)tag, "!") == 0)
        return SIZE_MAX; /* the default tag */
    return keep_text(d, tag, strlen((const char *)tag));
}

static void attach(composer *c, int id)
{
    if (c->depth == 0)
        return; /* the root */
    if (c->n_stack == c->cap_stack)
        c->stack = xgrowarray(c->stack, &c->cap_stack, c->n_stack + 1, sizeof *c->stack, 64);
    c->stack[c->n_stack++] = id;
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
    yc_doc *d = c->doc;
    if (d->n_nodes >= INT_MAX)
        nb_xalloc_die(); /* ids are ints, as in libyaml */
    if (d->n_nodes == d->cap_nodes)
        d->nodes = xgrowarray(d->nodes, &d->cap_nodes, d->n_nodes + 1, sizeof *d->nodes, 256);
    yc_node *n = &d->nodes[d->n_nodes];
    int id = (int)++d->n_nodes;
    const yaml_char_t *anchor;
    n->start_mark = ev->start_mark;
    n->end_mark = ev->end_mark;
    n->len = 0;
    n->at = 0;
    if (ev->type == YAML_SCALAR_EVENT) {
        anchor = ev->data.scalar.anchor;
        n->type = YAML_SCALAR_NODE;
        n->style = ev->data.scalar.style;
        n->tag = tag_of(d, ev->data.scalar.tag);
        n->at = keep_text(d, ev->data.scalar.value, ev->data.scalar.length);
        n->len = ev->data.scalar.length;
    } else if (ev->type == YAML_SEQUENCE_START_EVENT) {
        anchor = ev->data.sequence_start.anchor;
        n->type = YAML_SEQUENCE_NODE;
        n->style = ev->data.sequence_start.style;
        n->tag = tag_of(d, ev->data.sequence_start.tag);
    } else {
        anchor = ev->data.mapping_start.anchor;
        n->type = YAML_MAPPING_NODE;
        n->style = ev->data.mapping_start.style;
        n->tag = tag_of(d, ev->data.mapping_start.tag);
    }
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
        c->open[c->depth++].first = c->n_stack;
    }
    return true;
}

/* A sequence or mapping closes: its children move off the stack. */
static void close_node(composer *c, const yaml_event_t *ev)
{
    yc_doc *d = c->doc;
    c->depth--;
    yc_node *n = &d->nodes[c->open[c->depth].node - 1];
    size_t first = c->open[c->depth].first, count = c->n_stack - first;
    if (d->n_kids + count > d->cap_kids)
        d->kids = xgrowarray(d->kids, &d->cap_kids, d->n_kids + count, sizeof *d->kids, 256);
    if (count)
        memcpy(d->kids + d->n_kids, c->stack + first, count * sizeof *d->kids);
    n->at = d->n_kids;
    n->len = n->type == YAML_MAPPING_NODE ? count / 2 : count;
    n->end_mark = ev->end_mark;
    d->n_kids += count;
    c->n_stack = first;
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
        close_node(c, ev);
        return true;
    default:
        return true;
    }
}

yc_status yc_compose(yaml_parser_t *parser, yc_doc *doc, int max_depth, yc_problem *pb)
{
    memset(doc, 0, sizeof *doc);
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
            doc->has_version_directive = ev.data.document_start.version_directive != NULL;
            doc->n_tag_directives = (size_t)(ev.data.document_start.tag_directives.end -
                                             ev.data.document_start.tag_directives.start);
            doc->start_implicit = ev.data.document_start.implicit;
            doc->start_mark = ev.start_mark;
            state = IN_DOC;
        } else if (state == BEFORE && t == YAML_STREAM_END_EVENT) {
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
    if (st != YC_OK)
        yc_doc_free(doc);
    tdestroy(c.anchors, anchor_free);
    free(c.open);
    free(c.stack);
    return st;
}

void yc_doc_free(yc_doc *doc)
{
    free(doc->nodes);
    free(doc->kids);
    free(doc->text);
    memset(doc, 0, sizeof *doc);
}

const yc_node *yc_node_at(const yc_doc *doc, int id)
{
    return id >= 1 && (size_t)id <= doc->n_nodes ? &doc->nodes[id - 1] : NULL;
}

const char *yc_value(const yc_doc *doc, const yc_node *n)
{
    return doc->text + n->at;
}

const char *yc_tag(const yc_doc *doc, const yc_node *n)
{
    if (n->tag != SIZE_MAX)
        return doc->text + n->tag;
    switch (n->type) {
    case YAML_SEQUENCE_NODE: return YAML_DEFAULT_SEQUENCE_TAG;
    case YAML_MAPPING_NODE: return YAML_DEFAULT_MAPPING_TAG;
    default: return YAML_DEFAULT_SCALAR_TAG;
    }
}

const int *yc_kids(const yc_doc *doc, const yc_node *n)
{
    return doc->kids ? doc->kids + n->at : NULL; /* no child anywhere yet: nothing to point into */
}
