/* cJSON reads every number into a double and prints it back from there,
 * so 9007199254740993 came back as 9.00719925474099e+15 and 1e400 as
 * null; it also re-spells keys and strings (\u00e9 as é, \/ as /). A
 * re-save must never change what the clerk did not edit, so after the
 * parse we walk the tree and the source text side by side (cJSON keeps
 * members in source order) and keep the text: numbers as cJSON_Raw nodes
 * that still carry their value, and members we never read as one
 * cJSON_Raw each, printed back byte for byte. Only the levels the program
 * reads are walked member by member (root, fields, items, an item), so
 * the walk is shallow; anything deeper is skipped as one value, linearly. */
#include "answers_source.h"
#include <stdlib.h>
#include <string.h>

typedef enum { R_ROOT, R_FIELDS, R_ITEMS, R_ITEM, R_VALUE, R_OPAQUE } role;

typedef struct {
    const char *end;
    const char *bad; /* first "\u0000" in decoded text */
} scan;

static const char *ws(const char *p, const char *end)
{
    while (p < end && (unsigned char)*p <= 32) /* what cJSON skips between tokens */
        p++;
    return p;
}

/* p at '"'; returns just past the closing quote. check: note "\u0000". */
static const char *skip_string(scan *s, const char *p, bool check)
{
    for (p++; p < s->end; p++) {
        if (*p == '"')
            return p + 1;
        if (*p == '\\' && p + 1 < s->end) {
            if (check && !s->bad && p[1] == 'u' && s->end - p >= 6 && memcmp(p + 2, "0000", 4) == 0)
                s->bad = p;
            p++;
        }
    }
    return NULL;
}

/* Any value, without the tree: containers by counting brackets outside
 * strings. Returns just past it, NULL if the text ends first. */
static const char *skip_value(scan *s, const char *p)
{
    long depth = 0;
    do {
        if (p >= s->end)
            return NULL;
        if (*p == '"') {
            p = skip_string(s, p, false);
            if (!p)
                return NULL;
            continue;
        }
        if (*p == '{' || *p == '[')
            depth++;
        else if (*p == '}' || *p == ']')
            depth--;
        else if (depth == 0) {
            /* a number or literal: up to the next delimiter */
            while (p < s->end && !strchr(",]} \t\r\n", *p))
                p++;
            return p;
        }
        p++;
    } while (depth > 0);
    return p;
}

/* Turn node into a cJSON_Raw holding [p, q); the value stays readable
 * (valuedouble) for numbers. */
static void make_raw(cJSON *node, const char *p, const char *q)
{
    char *text = malloc((size_t)(q - p) + 1);
    if (!text)
        return; /* out of memory: the node keeps cJSON's own spelling */
    memcpy(text, p, (size_t)(q - p));
    text[q - p] = '\0';
    if (node->child) {
        cJSON_Delete(node->child); /* deletes the whole list of children */
        node->child = NULL;
    }
    if (node->valuestring && !(node->type & cJSON_IsReference))
        free(node->valuestring);
    node->valuestring = text;
    node->type = cJSON_Raw | (node->type & cJSON_StringIsConst);
}

static role member_role(role parent, const char *key)
{
    if (parent == R_ROOT) {
        if (strcmp(key, "fields") == 0)
            return R_FIELDS;
        if (strcmp(key, "items") == 0)
            return R_ITEMS;
        if (strcmp(key, "format") == 0 || strcmp(key, "survey") == 0 || strcmp(key, "saved_at") == 0)
            return R_VALUE;
        return R_OPAQUE;
    }
    return R_VALUE;
}

static const char *walk(scan *s, cJSON *node, const char *p, role r)
{
    p = ws(p, s->end);
    if (p >= s->end)
        return NULL;
    bool container = cJSON_IsObject(node) || cJSON_IsArray(node);
    bool opaque = r == R_OPAQUE || (r == R_VALUE && container) ||
                  (r == R_ROOT && !cJSON_IsObject(node)) || (r == R_FIELDS && !cJSON_IsObject(node)) ||
                  (r == R_ITEMS && !cJSON_IsArray(node)) || (r == R_ITEM && !cJSON_IsObject(node));
    if (opaque) {
        const char *q = skip_value(s, p);
        if (q)
            make_raw(node, p, q);
        return q;
    }
    if (cJSON_IsNumber(node)) {
        const char *q = skip_value(s, p);
        if (q)
            make_raw(node, p, q);
        return q;
    }
    if (cJSON_IsString(node))
        return *p == '"' ? skip_string(s, p, true) : NULL;
    if (!container)
        return skip_value(s, p); /* true, false, null */
    bool obj = cJSON_IsObject(node);
    if (*p != (obj ? '{' : '['))
        return NULL;
    p++;
    for (cJSON *c = node->child; c;) {
        cJSON *next = c->next; /* c may become a Raw node: read the link first */
        p = ws(p, s->end);
        role cr = obj ? member_role(r, c->string ? c->string : "") : (r == R_ITEMS ? R_ITEM : R_VALUE);
        if (obj) {
            if (p >= s->end || *p != '"' || !(p = skip_string(s, p, true)))
                return NULL;
            p = ws(p, s->end);
            if (p >= s->end || *p != ':')
                return NULL;
            p++;
        }
        if (!(p = walk(s, c, p, cr)))
            return NULL;
        p = ws(p, s->end);
        if (next) {
            if (p >= s->end || *p != ',')
                return NULL;
            p++;
        }
        c = next;
    }
    p = ws(p, s->end);
    if (p >= s->end || *p != (obj ? '}' : ']'))
        return NULL;
    return p + 1;
}

int nb_answers_keep_source(cJSON *root, const char *src, size_t len, const char **bad)
{
    scan s = {src + len, NULL};
    walk(&s, root, src, R_ROOT);
    if (s.bad) {
        *bad = s.bad;
        return -1;
    }
    return 0;
}

bool nb_json_is_number(const cJSON *v)
{
    if (cJSON_IsNumber(v))
        return true;
    return cJSON_IsRaw(v) && v->valuestring &&
           (v->valuestring[0] == '-' || (v->valuestring[0] >= '0' && v->valuestring[0] <= '9'));
}
