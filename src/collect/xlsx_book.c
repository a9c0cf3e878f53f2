/* The named cells of an xlsx workbook, for collect's reading of a 調査票
 * e-mailed without its answers JSON (read_xlsx.c). Only what the names
 * point at is kept: the workbook's global names (xl/workbook.xml; Excel's
 * own, such as the print area, are local to a sheet and left out), the
 * sheet of institution_code found through xl/_rels/workbook.xml.rels, the
 * shared strings, and the named cells' values from that sheet, plus the
 * document properties (docProps/custom.xml, docProps/core.xml). Every
 * part goes through xlsx_parts.c (bounded, no DTD); a missing or damaged
 * part is refused in one sentence naming the file. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nanbyo/date.h"
#include "nanbyo/xalloc.h"
#include "xlsx_book.h"

/* ---- parts ---------------------------------------------------------------- */

/* 1 parsed, 0 absent (allowed when !required), -1 refused (err set). */
static int load(nb_xbook *r, const char *part, bool required, xmlDoc **out)
{
    *out = NULL;
    char *buf;
    size_t len;
    switch (nb_xlsx_part(r->zip, part, &buf, &len)) {
    case NB_XLSX_MISSING:
        if (!required)
            return 0;
        nb_error_set(r->err, "%s は調査票の xlsx として読めません (%s がありません)。", r->label, part);
        return -1;
    case NB_XLSX_TOO_BIG:
        nb_error_set(r->err, "%s の中の %s は展開すると大きすぎるため (%zu MB まで)、読みません。", r->label, part,
                     NB_XLSX_PART_MAX >> 20);
        return -1;
    case NB_XLSX_DAMAGED:
        nb_error_set(r->err, "%s の中の %s が壊れていて展開できません。", r->label, part);
        return -1;
    case NB_XLSX_OK:
        break;
    }
    bool dtd;
    *out = nb_xlsx_xml(buf, len, &dtd);
    free(buf);
    if (*out)
        return 1;
    if (dtd)
        nb_error_set(r->err, "%s の中の %s には調査票の xlsx にない DTD があるため、安全のため読みません。", r->label,
                     part);
    else
        nb_error_set(r->err, "%s の中の %s が XML として読めません (壊れているか、UTF-8 でない文字があります)。",
                     r->label, part);
    return -1;
}

/* ---- cell references ------------------------------------------------------- */

/* "$D$7" or "D7" at s; returns the end, or NULL. */
static const char *parse_cell(const char *s, unsigned *row, unsigned *col)
{
    unsigned c = 0, rw = 0;
    int nc = 0, nr = 0;
    if (*s == '$')
        s++;
    for (; ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')) && nc < 4; s++, nc++)
        c = c * 26 + (unsigned)((*s | 0x20) - 'a' + 1);
    if (*s == '$')
        s++;
    for (; *s >= '0' && *s <= '9' && nr < 8; s++, nr++)
        rw = rw * 10 + (unsigned)(*s - '0');
    if (nc == 0 || nc > 3 || nr == 0 || c > 16384 || rw == 0 || rw > 1048576)
        return NULL;
    *row = rw;
    *col = c;
    return s;
}

/* "'調査票'!$D$7" (quotes optional, '' inside quotes is one '). */
static bool parse_ref(const char *ref, char **sheet, unsigned *row, unsigned *col)
{
    const char *s = ref;
    if (*s == '=')
        s++;
    size_t n = strlen(s);
    char *name = xmalloc(n + 1), *o = name;
    if (*s == '\'') {
        for (s++; *s; s++) {
            if (*s == '\'' && s[1] == '\'')
                *o++ = *s++;
            else if (*s == '\'')
                break;
            else
                *o++ = *s;
        }
        if (*s != '\'') {
            free(name);
            return false;
        }
        s++;
    } else {
        while (*s && *s != '!')
            *o++ = *s++;
    }
    *o = '\0';
    const char *end = *s == '!' ? parse_cell(s + 1, row, col) : NULL;
    if (!end || *end || !*name) {
        free(name);
        return false;
    }
    *sheet = name;
    return true;
}

const nb_xname *nb_xbook_name(const nb_xbook *r, const char *name)
{
    for (size_t i = 0; i < r->n_names; i++)
        if (strcmp(r->names[i].name, name) == 0)
            return &r->names[i];
    return NULL;
}

static int cmp_cell(const void *a, const void *b)
{
    const nb_xcell *x = a, *y = b;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    return x->col < y->col ? -1 : x->col > y->col;
}

/* ---- the workbook ----------------------------------------------------------- */

/* Global names (Excel's own, such as the print area, are local to a
 * sheet and left out) and the sheet every one of ours must point at. */
static int read_workbook(nb_xbook *r, char **sheet_part)
{
    xmlDoc *wb, *rels;
    if (load(r, "xl/workbook.xml", true, &wb) < 0)
        return -1;
    const xmlNode *root = xmlDocGetRootElement(wb);
    char *d1904 = nb_xlsx_attr(nb_xlsx_child(root, "workbookPr"), "date1904");
    r->date1904 = d1904 && (strcmp(d1904, "1") == 0 || strcmp(d1904, "true") == 0);
    free(d1904);
    const xmlNode *dn = nb_xlsx_child(root, "definedNames");
    for (const xmlNode *c = dn ? dn->children : NULL; c; c = c->next) {
        if (!nb_xlsx_is(c, "definedName"))
            continue;
        char *local = nb_xlsx_attr(c, "localSheetId");
        char *name = nb_xlsx_attr(c, "name");
        char *ref = nb_xlsx_plain_text(c);
        nb_xname x = {0};
        if (!local && name && parse_ref(ref, &x.sheet, &x.row, &x.col)) {
            r->names = xreallocarray(r->names, r->n_names + 1, sizeof *r->names);
            x.name = name;
            name = NULL;
            r->names[r->n_names++] = x;
        }
        free(local);
        free(name);
        free(ref);
    }
    const nb_xname *code = nb_xbook_name(r, "institution_code");
    if (!code) {
        xmlFreeDoc(wb);
        nb_error_set(r->err, "%s には「institution_code」の名前がないため、nanbyo-survey で書き出した調査票の xlsx として読み取れません。",
                     r->label);
        return -1;
    }
    char *rid = NULL;
    const xmlNode *sheets = nb_xlsx_child(root, "sheets");
    for (const xmlNode *c = sheets ? sheets->children : NULL; c && !rid; c = c->next) {
        char *name = nb_xlsx_attr(c, "name");
        if (nb_xlsx_is(c, "sheet") && name && strcmp(name, code->sheet) == 0)
            rid = nb_xlsx_attr(c, "id");
        free(name);
    }
    xmlFreeDoc(wb);
    if (!rid) {
        nb_error_set(r->err, "%s の名前が指すシートがありません (壊れています)。", r->label);
        return -1;
    }
    if (load(r, "xl/_rels/workbook.xml.rels", true, &rels) < 0) {
        free(rid);
        return -1;
    }
    const xmlNode *rr = xmlDocGetRootElement(rels);
    for (const xmlNode *c = rr->children; c && !*sheet_part; c = c->next) {
        char *id = nb_xlsx_attr(c, "Id"), *target = nb_xlsx_attr(c, "Target");
        if (nb_xlsx_is(c, "Relationship") && id && target && strcmp(id, rid) == 0) {
            *sheet_part = target[0] == '/' ? xstrdup(target + 1) : xasprintf("xl/%s", target);
        }
        free(id);
        free(target);
    }
    xmlFreeDoc(rels);
    free(rid);
    if (!*sheet_part) {
        nb_error_set(r->err, "%s のシートの場所が書かれていません (壊れています)。", r->label);
        return -1;
    }
    return 0;
}

static int read_shared_strings(nb_xbook *r)
{
    xmlDoc *doc;
    int got = load(r, "xl/sharedStrings.xml", false, &doc);
    if (got <= 0)
        return got;
    const xmlNode *root = xmlDocGetRootElement(doc);
    for (const xmlNode *c = root->children; c; c = c->next) {
        if (!nb_xlsx_is(c, "si"))
            continue;
        if (r->n_sst % 256 == 0) {
            r->sst = xreallocarray(r->sst, r->n_sst + 256, sizeof *r->sst);
        }
        r->sst[r->n_sst++] = nb_xlsx_rich_text(c);
    }
    xmlFreeDoc(doc);
    return 0;
}

/* The named cells' values from the sheet: every name on the sheet of
 * institution_code is wanted; a cell the sheet does not have is empty. */
static int read_cells(nb_xbook *r, const char *part, const char *sheet)
{
    r->cells = xcalloc(r->n_names ? r->n_names : 1, sizeof *r->cells);
    for (size_t i = 0; i < r->n_names; i++)
        if (strcmp(r->names[i].sheet, sheet) == 0)
            r->cells[r->n_cells++] = (nb_xcell){r->names[i].row, r->names[i].col, NB_XC_EMPTY, 0, NULL};
    qsort(r->cells, r->n_cells, sizeof *r->cells, cmp_cell);
    xmlDoc *doc;
    if (load(r, part, true, &doc) < 0)
        return -1;
    const xmlNode *data = nb_xlsx_child(xmlDocGetRootElement(doc), "sheetData");
    int rc = 0;
    for (const xmlNode *row = data ? data->children : NULL; row && rc == 0; row = row->next) {
        for (const xmlNode *c = nb_xlsx_is(row, "row") ? row->children : NULL; c && rc == 0; c = c->next) {
            char *ref = nb_xlsx_attr(c, "r");
            nb_xcell key = {0};
            const char *end = nb_xlsx_is(c, "c") && ref ? parse_cell(ref, &key.row, &key.col) : NULL;
            nb_xcell *x = end && !*end ? bsearch(&key, r->cells, r->n_cells, sizeof *r->cells, cmp_cell) : NULL;
            free(ref);
            if (!x || x->kind != NB_XC_EMPTY || x->text)
                continue;
            char *t = nb_xlsx_attr(c, "t");
            const xmlNode *v = nb_xlsx_child(c, "v");
            char *vt = v ? nb_xlsx_plain_text(v) : NULL;
            if (t && strcmp(t, "s") == 0) {
                char *e;
                unsigned long k = vt ? strtoul(vt, &e, 10) : 0;
                if (!vt || !*vt || *e || k >= r->n_sst) {
                    nb_error_set(r->err, "%s の文字列の表 (sharedStrings) が壊れています。", r->label);
                    rc = -1;
                } else {
                    x->kind = NB_XC_TEXT;
                    x->text = xstrdup(r->sst[k]);
                }
            } else if (t && strcmp(t, "inlineStr") == 0) {
                x->kind = NB_XC_TEXT;
                x->text = nb_xlsx_rich_text(nb_xlsx_child(c, "is") ? nb_xlsx_child(c, "is") : c);
            } else if (t && (strcmp(t, "str") == 0 || strcmp(t, "e") == 0)) {
                x->kind = strcmp(t, "e") == 0 ? NB_XC_ERROR : NB_XC_TEXT;
                x->text = xstrdup(vt ? vt : "");
            } else if (t && strcmp(t, "b") == 0) {
                x->kind = NB_XC_BOOL;
                x->num = vt && strcmp(vt, "1") == 0;
            } else if (vt && *vt) {
                char *e;
                double d = strtod(vt, &e);
                if (*e || !isfinite(d)) {
                    nb_error_set(r->err, "%s の数値のセル (%s) が壊れています。", r->label, vt);
                    rc = -1;
                } else {
                    x->kind = NB_XC_NUM;
                    x->num = d;
                }
            }
            free(t);
            free(vt);
        }
    }
    xmlFreeDoc(doc);
    return rc;
}

/* ---- document properties ----------------------------------------------------- */

/* A custom property's value (the text of its one typed child), malloc'd. */
char *nb_xbook_property(const nb_xbook *r, const char *name)
{
    const xmlNode *root = r->custom ? xmlDocGetRootElement(r->custom) : NULL;
    for (const xmlNode *c = root ? root->children : NULL; c; c = c->next) {
        char *n = nb_xlsx_attr(c, "name");
        bool hit = nb_xlsx_is(c, "property") && n && strcmp(n, name) == 0;
        free(n);
        if (!hit)
            continue;
        for (const xmlNode *v = c->children; v; v = v->next)
            if (v->type == XML_ELEMENT_NODE)
                return nb_xlsx_plain_text(v);
    }
    return NULL;
}

/* saved_at when the workbook does not carry it (an older export): when
 * the file was made ("2026-03-20T01:15:00Z"), in Japan time. */
char *nb_xbook_created_jst(const nb_xbook *r)
{
    const xmlNode *root = r->core ? xmlDocGetRootElement(r->core) : NULL;
    const xmlNode *c = nb_xlsx_child(root, "created");
    char *t = c ? nb_xlsx_plain_text(c) : NULL;
    int y, mo, d, h, mi, s;
    char z = 0;
    if (!t || sscanf(t, "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &s, &z) != 7 || z != 'Z' ||
        mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) {
        free(t);
        return NULL;
    }
    free(t);
    long long secs = (long long)nb_date_to_days((nb_date){y, mo, d}) * 86400 + h * 3600 + mi * 60 + s + 9 * 3600;
    long days = (long)(secs >= 0 ? secs / 86400 : (secs - 86399) / 86400);
    long rest = (long)(secs - (long long)days * 86400);
    nb_date j = nb_date_from_days(days);
    if (j.y < 1900 || j.y > 9999)
        return NULL;
    return xasprintf("%04d-%02d-%02dT%02d:%02d:%02d+09:00", j.y, j.m, j.d, (int)(rest / 3600),
                     (int)(rest / 60 % 60), (int)(rest % 60));
}

const nb_xcell *nb_xbook_cell(const nb_xbook *r, const char *name)
{
    const nb_xname *n = nb_xbook_name(r, name);
    if (!n)
        return NULL;
    nb_xcell key = {n->row, n->col, NB_XC_EMPTY, 0, NULL};
    return bsearch(&key, r->cells, r->n_cells, sizeof *r->cells, cmp_cell);
}

void nb_xbook_free(nb_xbook *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n_names; i++) {
        free(r->names[i].name);
        free(r->names[i].sheet);
    }
    free(r->names);
    for (size_t i = 0; i < r->n_sst; i++)
        free(r->sst[i]);
    free(r->sst);
    for (size_t i = 0; i < r->n_cells; i++)
        free(r->cells[i].text);
    free(r->cells);
    if (r->custom)
        xmlFreeDoc(r->custom);
    if (r->core)
        xmlFreeDoc(r->core);
    nb_xlsx_zip_close(r->zip);
    free(r);
}

nb_xbook *nb_xbook_open(const char *label, const void *data, size_t len, nb_error *err)
{
    nb_xbook *r = xcalloc(1, sizeof *r);
    r->label = label;
    r->err = err;
    r->zip = nb_xlsx_zip_open(data, len);
    if (!r->zip) {
        nb_error_set(err, "%s は壊れているか xlsx (ZIP) ではないため、読めません。", label);
        free(r);
        return NULL;
    }
    char *sheet_part = NULL;
    bool fine = read_workbook(r, &sheet_part) == 0 && read_shared_strings(r) == 0 &&
                read_cells(r, sheet_part, nb_xbook_name(r, "institution_code")->sheet) == 0 &&
                load(r, "docProps/custom.xml", false, &r->custom) >= 0 &&
                load(r, "docProps/core.xml", false, &r->core) >= 0;
    free(sheet_part);
    if (!fine) {
        nb_xbook_free(r);
        return NULL;
    }
    return r;
}
