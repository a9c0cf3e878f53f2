/* The parts of an xlsx (a ZIP of XML files) as collect needs them, read
 * with libzip from memory and parsed with libxml2, every step bounded:
 * an attachment is hostile until read. A part may inflate to at most
 * NB_XLSX_PART_MAX bytes and all parts together to NB_XLSX_TOTAL_MAX (a
 * zip bomb stops there, whatever sizes the archive claims: the bytes are
 * counted as they come); CRC errors, encrypted members and archives that
 * libzip's consistency check refuses are "damaged". XML is parsed without
 * network access and without entity substitution, and a document with a
 * DTD is refused outright (OOXML has none; entities are how XML bombs
 * and external reads are made). libxml2 refuses bytes that are not valid
 * in the declared encoding, so invalid UTF-8 never reaches a value. */
#include "xlsx_parts.h"
#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>
#include "../zipmem/zip_memory.h"
#include "nanbyo/xalloc.h"

struct nb_xlsx_zip {
    zip_t *z;
    size_t used; /* bytes inflated so far, all parts */
};

nb_xlsx_zip *nb_xlsx_zip_open(const void *data, size_t len)
{
    zip_t *z = nb_zip_open_memory(data, len);
    if (!z)
        return NULL;
    nb_xlsx_zip *x = xcalloc(1, sizeof *x);
    x->z = z;
    return x;
}

void nb_xlsx_zip_close(nb_xlsx_zip *x)
{
    if (!x)
        return;
    zip_discard(x->z); /* frees the source too; nothing is written */
    free(x);
}

nb_xlsx_status nb_xlsx_part(nb_xlsx_zip *x, const char *name, char **out, size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    zip_int64_t idx = zip_name_locate(x->z, name, ZIP_FL_NOCASE);
    if (idx < 0)
        return NB_XLSX_MISSING;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(x->z, (zip_uint64_t)idx, 0, &st) != 0)
        return NB_XLSX_DAMAGED;
    size_t room = NB_XLSX_PART_MAX;
    if (NB_XLSX_TOTAL_MAX - x->used < room)
        room = NB_XLSX_TOTAL_MAX - x->used;
    if ((st.valid & ZIP_STAT_SIZE) && st.size > room)
        return NB_XLSX_TOO_BIG;
    zip_file_t *f = zip_fopen_index(x->z, (zip_uint64_t)idx, 0);
    if (!f)
        return NB_XLSX_DAMAGED; /* encrypted, unknown method, bad header */
    size_t cap = 64 * 1024, n = 0;
    char *buf = xmalloc(cap + 1);
    nb_xlsx_status rc = NB_XLSX_OK;
    for (;;) {
        if (n == cap) {
            if (cap > room) {
                rc = NB_XLSX_TOO_BIG;
                break;
            }
            cap *= 2;
            buf = xrealloc(buf, cap + 1);
        }
        zip_int64_t got = zip_fread(f, buf + n, cap - n);
        if (got < 0) {
            rc = NB_XLSX_DAMAGED; /* inflate error or CRC mismatch */
            break;
        }
        if (got == 0)
            break;
        n += (size_t)got;
        if (n > room) {
            rc = NB_XLSX_TOO_BIG;
            break;
        }
    }
    zip_fclose(f);
    if (rc != NB_XLSX_OK) {
        free(buf);
        return rc;
    }
    x->used += n;
    buf[n] = '\0';
    *out = buf;
    *out_len = n;
    return NB_XLSX_OK;
}

xmlDoc *nb_xlsx_xml(const char *buf, size_t len, bool *has_dtd)
{
    *has_dtd = false;
    if (len > (size_t)INT32_MAX)
        return NULL;
    xmlDoc *doc = xmlReadMemory(buf, (int)len, NULL, NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (doc && (doc->intSubset || doc->extSubset)) {
        *has_dtd = true;
        xmlFreeDoc(doc);
        return NULL;
    }
    if (doc && !xmlDocGetRootElement(doc)) {
        xmlFreeDoc(doc);
        return NULL;
    }
    return doc;
}

bool nb_xlsx_is(const xmlNode *n, const char *local)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, local) == 0;
}

const xmlNode *nb_xlsx_child(const xmlNode *n, const char *local)
{
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (nb_xlsx_is(c, local))
            return c;
    return NULL;
}

/* Text of t elements under n, in order, leaving out phonetic guides
 * (rPh: the furigana Excel stores beside Japanese text). */
static void text_of(const xmlNode *n, xmlBuffer *b)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || nb_xlsx_is(c, "rPh"))
            continue;
        if (nb_xlsx_is(c, "t")) {
            for (const xmlNode *t = c->children; t; t = t->next)
                if (t->type == XML_TEXT_NODE || t->type == XML_CDATA_SECTION_NODE)
                    xmlBufferCat(b, t->content);
        } else {
            text_of(c, b);
        }
    }
}

char *nb_xlsx_rich_text(const xmlNode *n)
{
    xmlBuffer *b = xmlBufferCreate();
    if (!b)
        nb_xalloc_die();
    text_of(n, b);
    char *s = xstrdup((const char *)xmlBufferContent(b));
    xmlBufferFree(b);
    return s;
}

char *nb_xlsx_plain_text(const xmlNode *n)
{
    xmlBuffer *b = xmlBufferCreate();
    if (!b)
        nb_xalloc_die();
    for (const xmlNode *t = n ? n->children : NULL; t; t = t->next)
        if (t->type == XML_TEXT_NODE || t->type == XML_CDATA_SECTION_NODE)
            xmlBufferCat(b, t->content);
    char *s = xstrdup((const char *)xmlBufferContent(b));
    xmlBufferFree(b);
    return s;
}

char *nb_xlsx_attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n ? n->properties : NULL; a; a = a->next)
        if (strcmp((const char *)a->name, name) == 0)
            return nb_xlsx_plain_text((const xmlNode *)a);
    return NULL;
}
