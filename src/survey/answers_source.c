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
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "nanbyo/xalloc.h"

typedef enum { R_ROOT, R_FIELDS, R_ITEMS, R_ITEM, R_VALUE, R_OPAQUE } role;

typedef struct {
    const char *end;
    const char *bad; /* first "\u0000" in decoded text */
    nb_raw_keys *keys;
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
    char *text = xstrndup(p, (size_t)(q - p));
    if (node->child) {
        cJSON_Delete(node->child); /* deletes the whole list of children */
        node->child = NULL;
    }
    if (node->valuestring && !(node->type & cJSON_IsReference))
        free(node->valuestring);
    node->valuestring = text;
    node->type = cJSON_Raw | (node->type & cJSON_StringIsConst);
}

/* Does cJSON print this key's text differently? It writes \" \\ \b \f
 * \n \r \t as such and every other character as itself (control
 * characters as \u00xx), so any other escape ("\u00e9", "\/") changes. */
static bool respelled(const char *p, const char *q)
{
    for (; p < q; p++)
        if (*p == '\\') {
            if (p + 1 < q && strchr("\"\\bfnrt", p[1])) {
                p++;
                continue;
            }
            return true;
        }
    return false;
}

static void keep_key(nb_raw_keys *k, const cJSON *node, const char *p, const char *q)
{
    if (!k)
        return;
    k->v = xgrowarray(k->v, &k->cap, k->n + 1, sizeof *k->v, 8);
    k->v[k->n++] = (nb_raw_key){node, xstrdup(node->string), xstrndup(p, (size_t)(q - p))};
}

static int by_node(const void *x, const void *y)
{
    uintptr_t a = (uintptr_t)((const nb_raw_key *)x)->node, b = (uintptr_t)((const nb_raw_key *)y)->node;
    return a < b ? -1 : a > b;
}

void nb_raw_keys_free(nb_raw_keys *k)
{
    for (size_t i = 0; i < k->n; i++) {
        free(k->v[i].key);
        free(k->v[i].raw);
    }
    free(k->v);
    memset(k, 0, sizeof *k);
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
            const char *k = p;
            if (p >= s->end || *p != '"' || !(p = skip_string(s, p, true)))
                return NULL;
            if (c->string && respelled(k + 1, p - 1))
                keep_key(s->keys, c, k + 1, p - 1);
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

int nb_answers_keep_source(cJSON *root, const char *src, size_t len, nb_raw_keys *keys, const char **bad)
{
    scan s = {src + len, NULL, keys};
    walk(&s, root, src, R_ROOT);
    if (keys && keys->n > 1)
        qsort(keys->v, keys->n, sizeof *keys->v, by_node);
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

/* ---- printing with the file's own spelling of keys ----
 * cJSON prints a key from the decoded string. For each kept key we swap in
 * a placeholder that cJSON prints as "\u0001nbkey:<nonce>:<i>\u0001",
 * print, swap the keys back, then put the file's spelling where each
 * placeholder stands. The nonce makes a placeholder that a file itself
 * contains unlikely; one found other than exactly once makes us give up
 * and print cJSON's own spelling (the same keys, decoded). */

typedef struct {
    cJSON *node;
    char *was;
    size_t entry;
} swap;

static const nb_raw_key *find_key(const nb_raw_keys *k, const cJSON *node)
{
    nb_raw_key probe = {node, NULL, NULL};
    const nb_raw_key *e = bsearch(&probe, k->v, k->n, sizeof *k->v, by_node);
    return e && node->string && strcmp(node->string, e->key) == 0 ? e : NULL;
}

/* The members whose keys we keep: of the root, of fields, of each item. */
static size_t collect(cJSON *root, const nb_raw_keys *k, swap *out, size_t max)
{
    size_t n = 0;
    for (cJSON *c = root->child; c && n < max; c = c->next) {
        const nb_raw_key *e = find_key(k, c);
        if (e)
            out[n++] = (swap){c, c->string, (size_t)(e - k->v)};
        bool fields = c->string && strcmp(c->string, "fields") == 0 && cJSON_IsObject(c);
        bool items = c->string && strcmp(c->string, "items") == 0 && cJSON_IsArray(c);
        for (cJSON *m = fields || items ? c->child : NULL; m && n < max; m = m->next) {
            if (fields) {
                if ((e = find_key(k, m)))
                    out[n++] = (swap){m, m->string, (size_t)(e - k->v)};
                continue;
            }
            for (cJSON *f = cJSON_IsObject(m) ? m->child : NULL; f && n < max; f = f->next)
                if ((e = find_key(k, f)))
                    out[n++] = (swap){f, f->string, (size_t)(e - k->v)};
        }
    }
    return n;
}

/* Replace each "\u0001nbkey:<nonce>:<i>\u0001" (quoted) by the kept
 * spelling; NULL when one is missing or found twice. */
static char *put_back(const char *text, const char *mark, const swap *sw, size_t n, const nb_raw_keys *k)
{
    static const char tail[] = "\\u0001\""; /* after the index */
    const size_t tlen = sizeof tail - 1;
    size_t mlen = strlen(mark), len = strlen(text), extra = 0;
    for (size_t i = 0; i < n; i++)
        extra += strlen(k->v[sw[i].entry].raw);
    char *out = xmalloc(len + extra + 1);
    unsigned char *seen = xcalloc(n, 1);
    size_t o = 0;
    const char *p = text;
    for (const char *hit; (hit = strstr(p, mark));) {
        char *end = NULL;
        unsigned long i = strtoul(hit + mlen, &end, 10);
        if (!end || strncmp(end, tail, tlen) != 0 || i >= n || seen[i]++) {
            free(out);
            free(seen);
            return NULL;
        }
        memcpy(out + o, p, (size_t)(hit - p));
        o += (size_t)(hit - p);
        const char *raw = k->v[sw[i].entry].raw;
        out[o++] = '"';
        memcpy(out + o, raw, strlen(raw));
        o += strlen(raw);
        out[o++] = '"';
        p = end + tlen;
    }
    size_t rest = strlen(p);
    memcpy(out + o, p, rest + 1);
    for (size_t i = 0; i < n; i++)
        if (!seen[i]) {
            free(out);
            out = NULL;
            break;
        }
    free(seen);
    return out;
}

char *nb_answers_print(cJSON *root, const nb_raw_keys *k, bool formatted)
{
    if (!k || k->n == 0 || !cJSON_IsObject(root))
        return formatted ? cJSON_Print(root) : cJSON_PrintUnformatted(root);
    swap *sw = xreallocarray(NULL, k->n, sizeof *sw);
    size_t n = collect(root, k, sw, k->n);
    char nonce[40], mark[64];
    snprintf(nonce, sizeof nonce, "%lx%lx%lx", (unsigned long)getpid(), (unsigned long)time(NULL),
             (unsigned long)(uintptr_t)sw);
    snprintf(mark, sizeof mark, "\"\\u0001nbkey:%s:", nonce);
    size_t done = 0;
    for (; done < n; done++) {
        sw[done].node->string = xasprintf("\001nbkey:%s:%zu\001", nonce, done);
    }
    char *text = done == n ? (formatted ? cJSON_Print(root) : cJSON_PrintUnformatted(root)) : NULL;
    for (size_t i = 0; i < done; i++) {
        free(sw[i].node->string);
        sw[i].node->string = sw[i].was;
    }
    char *out = text ? put_back(text, mark, sw, n, k) : NULL;
    free(sw);
    if (out) {
        free(text);
        return out;
    }
    free(text);
    return formatted ? cJSON_Print(root) : cJSON_PrintUnformatted(root);
}
