/* An answers file read back from the 調査票 xlsx, for an e-mail that
 * carries the xlsx but no answers JSON (a clinic that attached only the
 * workbook). Nothing is read by position on the sheet: `export --xlsx`
 * gives every answer a workbook name (docs/export.md, "xlsx names"): each
 * field by its id, item_<n>_category / _description / _quantity /
 * _unit_price for every item, pccheck_<id> on each PC-check status word,
 * and the derived amounts (total, net, eligible, selected, subsidy); the
 * survey id, saved_at and the PC check's time are custom document
 * properties. The sheet shows words where the answers hold codes
 * (診療所, はい, 合格, パソコン) and dates as serial numbers; both are
 * mapped back through the definition.
 * A workbook that lacks a name the definition needs is refused, never
 * filled in; so is one whose cached amounts disagree with what the values
 * read give (edited cells, or an older layout whose items carry no names:
 * its total would not add up), with one sentence naming the file. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "collect.h"
#include "nanbyo/date.h"
#include "nanbyo/survey.h"
#include "nanbyo/xalloc.h"
#include "xlsx_parts.h"

/* A name's target: one cell of one sheet. */
typedef struct {
    char *name, *sheet;
    unsigned row, col;
} xname;

typedef enum { CV_EMPTY, CV_NUM, CV_TEXT, CV_BOOL, CV_ERROR } cv_kind;

typedef struct {
    unsigned row, col;
    cv_kind kind;
    double num;
    char *text;
} xcell;

typedef struct {
    const nb_definition *def;
    const char *label; /* the file, for messages */
    nb_error *err;
    nb_xlsx_zip *zip;
    xname *names;
    size_t n_names;
    bool date1904;
    char **sst;
    size_t n_sst;
    xcell *cells; /* the named cells, sorted by (row, col) */
    size_t n_cells;
    xmlDoc *custom, *core;
} xreader;

/* ---- parts ---------------------------------------------------------------- */

/* 1 parsed, 0 absent (allowed when !required), -1 refused (err set). */
static int load(xreader *r, const char *part, bool required, xmlDoc **out)
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

static const xname *find_name(const xreader *r, const char *name)
{
    for (size_t i = 0; i < r->n_names; i++)
        if (strcmp(r->names[i].name, name) == 0)
            return &r->names[i];
    return NULL;
}

static int cmp_cell(const void *a, const void *b)
{
    const xcell *x = a, *y = b;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    return x->col < y->col ? -1 : x->col > y->col;
}

/* ---- the workbook ----------------------------------------------------------- */

/* Global names (Excel's own, such as the print area, are local to a
 * sheet and left out) and the sheet every one of ours must point at. */
static int read_workbook(xreader *r, char **sheet_part)
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
        xname x = {0};
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
    const xname *code = find_name(r, "institution_code");
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

static int read_shared_strings(xreader *r)
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
static int read_cells(xreader *r, const char *part, const char *sheet)
{
    r->cells = xcalloc(r->n_names ? r->n_names : 1, sizeof *r->cells);
    for (size_t i = 0; i < r->n_names; i++)
        if (strcmp(r->names[i].sheet, sheet) == 0)
            r->cells[r->n_cells++] = (xcell){r->names[i].row, r->names[i].col, CV_EMPTY, 0, NULL};
    qsort(r->cells, r->n_cells, sizeof *r->cells, cmp_cell);
    xmlDoc *doc;
    if (load(r, part, true, &doc) < 0)
        return -1;
    const xmlNode *data = nb_xlsx_child(xmlDocGetRootElement(doc), "sheetData");
    int rc = 0;
    for (const xmlNode *row = data ? data->children : NULL; row && rc == 0; row = row->next) {
        for (const xmlNode *c = nb_xlsx_is(row, "row") ? row->children : NULL; c && rc == 0; c = c->next) {
            char *ref = nb_xlsx_attr(c, "r");
            xcell key = {0};
            const char *end = nb_xlsx_is(c, "c") && ref ? parse_cell(ref, &key.row, &key.col) : NULL;
            xcell *x = end && !*end ? bsearch(&key, r->cells, r->n_cells, sizeof *r->cells, cmp_cell) : NULL;
            free(ref);
            if (!x || x->kind != CV_EMPTY || x->text)
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
                    x->kind = CV_TEXT;
                    x->text = xstrdup(r->sst[k]);
                }
            } else if (t && strcmp(t, "inlineStr") == 0) {
                x->kind = CV_TEXT;
                x->text = nb_xlsx_rich_text(nb_xlsx_child(c, "is") ? nb_xlsx_child(c, "is") : c);
            } else if (t && (strcmp(t, "str") == 0 || strcmp(t, "e") == 0)) {
                x->kind = strcmp(t, "e") == 0 ? CV_ERROR : CV_TEXT;
                x->text = xstrdup(vt ? vt : "");
            } else if (t && strcmp(t, "b") == 0) {
                x->kind = CV_BOOL;
                x->num = vt && strcmp(vt, "1") == 0;
            } else if (vt && *vt) {
                char *e;
                double d = strtod(vt, &e);
                if (*e || !isfinite(d)) {
                    nb_error_set(r->err, "%s の数値のセル (%s) が壊れています。", r->label, vt);
                    rc = -1;
                } else {
                    x->kind = CV_NUM;
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
static char *custom_property(const xreader *r, const char *name)
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
static char *created_jst(const xreader *r)
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

/* ---- values ------------------------------------------------------------------ */

static const xcell *cell_of(const xreader *r, const char *name)
{
    const xname *n = find_name(r, name);
    if (!n)
        return NULL;
    xcell key = {n->row, n->col, CV_EMPTY, 0, NULL};
    return bsearch(&key, r->cells, r->n_cells, sizeof *r->cells, cmp_cell);
}

/* A named cell, or NULL with the refusal set. */
static const xcell *need(xreader *r, const char *name)
{
    const xcell *c = cell_of(r, name);
    if (!c)
        nb_error_set(r->err, "%s には「%s」の名前がないか別のシートを指しているため、この調査定義の調査票の xlsx として読み取れません。",
                     r->label, name);
    else if (c->kind == CV_ERROR)
        nb_error_set(r->err, "%s の「%s」のセルがエラー (%s) のため、読み取りません (回答ファイル (JSON) を送ってもらってください)。",
                     r->label, name, c->text);
    return c && c->kind != CV_ERROR ? c : NULL;
}

static bool whole(double d)
{
    return d == floor(d) && fabs(d) < 9007199254740992.0;
}

static cJSON *plain(const xcell *c)
{
    char buf[40];
    switch (c->kind) {
    case CV_TEXT:
        return cJSON_CreateString(c->text);
    case CV_NUM:
        if (whole(c->num))
            snprintf(buf, sizeof buf, "%.0f", c->num);
        else
            snprintf(buf, sizeof buf, "%.15g", c->num);
        return cJSON_CreateString(buf);
    case CV_BOOL:
        return cJSON_CreateString(c->num ? "TRUE" : "FALSE");
    default:
        return cJSON_CreateString("");
    }
}

/* Excel's serial day (1900 system: 1 = 1900-01-01, with its phantom
 * 1900-02-29 at 60; 1904 system: 0 = 1904-01-01) as YYYY-MM-DD. */
static cJSON *serial_date(const xreader *r, double v)
{
    if (!whole(v) || v < 61 || v > 2958465)
        return NULL;
    long days = (long)v - 25569 + (r->date1904 ? 1462 : 0);
    nb_date d = nb_date_from_days(days);
    char buf[16];
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.y, d.m, d.d);
    return cJSON_CreateString(buf);
}

static cJSON *field_value(const xreader *r, const nb_field *f, const xcell *c)
{
    switch (f->type) {
    case NB_FT_COUNT:
    case NB_FT_YEN:
        if (c->kind == CV_NUM)
            return whole(c->num) ? cJSON_CreateNumber(c->num) : plain(c);
        break;
    case NB_FT_DATE:
        if (c->kind == CV_NUM) {
            cJSON *d = serial_date(r, c->num);
            return d ? d : plain(c);
        }
        break;
    case NB_FT_CHOICE:
        for (size_t i = 0; c->kind == CV_TEXT && i < f->n_choices; i++)
            if (strcmp(c->text, f->choices[i].label) == 0)
                return cJSON_CreateString(f->choices[i].value);
        break;
    case NB_FT_CONFIRM:
        if (c->kind == CV_BOOL)
            return cJSON_CreateBool(c->num != 0);
        if (c->kind == CV_TEXT && (strcmp(c->text, "はい") == 0 || strcmp(c->text, "いいえ") == 0))
            return cJSON_CreateBool(strcmp(c->text, "はい") == 0);
        break;
    default:
        break;
    }
    return plain(c);
}

static cJSON *item_member(const xreader *r, const char *member, const xcell *c)
{
    if (strcmp(member, "category") == 0 && c->kind == CV_TEXT) {
        for (size_t i = 0; i < r->def->n_categories; i++)
            if (strcmp(c->text, r->def->categories[i].label) == 0)
                return cJSON_CreateString(r->def->categories[i].id);
    }
    if ((strcmp(member, "quantity") == 0 || strcmp(member, "unit_price") == 0) && c->kind == CV_NUM &&
        whole(c->num))
        return cJSON_CreateNumber(c->num);
    return plain(c);
}

static int add_items(xreader *r, cJSON *root)
{
    static const char *const members[4] = {"category", "description", "quantity", "unit_price"};
    cJSON *items = cJSON_AddArrayToObject(root, "items");
    char name[64];
    for (size_t n = 1;; n++) {
        snprintf(name, sizeof name, "item_%zu_category", n);
        if (!find_name(r, name))
            return 0;
        cJSON *it = cJSON_CreateObject();
        cJSON_AddItemToArray(items, it);
        for (int m = 0; m < 4; m++) {
            snprintf(name, sizeof name, "item_%zu_%s", n, members[m]);
            const xcell *c = need(r, name);
            if (!c)
                return -1;
            cJSON_AddItemToObject(it, members[m], item_member(r, members[m], c));
        }
    }
}

typedef struct {
    unsigned row, col;
    const char *id;
} pcname;

static int cmp_pc(const void *a, const void *b)
{
    const pcname *x = a, *y = b;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    return x->col < y->col ? -1 : x->col > y->col;
}

/* pccheck_<id> names, in the order the sheet shows them: {id, status}
 * per check, as the QR code carries them; 未実施 is a required check
 * that was not run (na). */
static int add_pc_check(xreader *r, cJSON *root)
{
    static const struct {
        const char *word, *status;
    } words[] = {{"合格", "pass"}, {"注意", "warn"}, {"不合格", "fail"}, {"不明", "unknown"}, {"対象外", "na"},
                 {"未実施", "na"}};
    pcname *v = xcalloc(r->n_names ? r->n_names : 1, sizeof *v);
    size_t n = 0;
    for (size_t i = 0; i < r->n_names; i++)
        if (strncmp(r->names[i].name, "pccheck_", 8) == 0 && r->names[i].name[8])
            v[n++] = (pcname){r->names[i].row, r->names[i].col, r->names[i].name};
    qsort(v, n, sizeof *v, cmp_pc);
    char *at = custom_property(r, "nanbyo-survey-pc-checked-at");
    if (n == 0 && !at) {
        free(v);
        return 0;
    }
    cJSON *pc = cJSON_AddObjectToObject(root, "pc_check");
    if (at)
        cJSON_AddStringToObject(pc, "checked_at", at);
    free(at);
    cJSON *checks = cJSON_AddArrayToObject(pc, "checks");
    for (size_t i = 0; i < n; i++) {
        const xcell *c = need(r, v[i].id);
        const char *status = NULL;
        for (size_t k = 0; c && c->kind == CV_TEXT && k < sizeof words / sizeof words[0]; k++)
            if (strcmp(c->text, words[k].word) == 0)
                status = words[k].status;
        if (!status) {
            if (c)
                nb_error_set(r->err, "%s の PC の確認結果「%s」(%s) を読めません (合格・注意・不合格・不明・対象外・未実施のどれでもありません)。",
                             r->label, v[i].id + 8, c->kind == CV_TEXT ? c->text : "空欄");
            free(v);
            return -1;
        }
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "id", v[i].id + 8);
        cJSON_AddStringToObject(o, "status", status);
        cJSON_AddItemToArray(checks, o);
    }
    free(v);
    return 0;
}

static cJSON *build(xreader *r)
{
    char *survey = custom_property(r, "nanbyo-survey-definition");
    if (!survey || !*survey) {
        free(survey);
        nb_error_set(r->err, "%s には調査定義の記録がないため、nanbyo-survey で書き出した調査票の xlsx として読み取れません。",
                     r->label);
        return NULL;
    }
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "format", "nanbyo-survey-answers/1");
    cJSON_AddStringToObject(root, "survey", survey);
    free(survey);
    char *saved = custom_property(r, "nanbyo-survey-saved-at");
    if (!saved)
        saved = created_jst(r);
    if (saved)
        cJSON_AddStringToObject(root, "saved_at", saved);
    free(saved);
    cJSON *fields = cJSON_AddObjectToObject(root, "fields");
    for (size_t i = 0; i < r->def->n_fields; i++) {
        const nb_field *f = &r->def->fields[i];
        const xcell *c = need(r, f->id);
        if (!c) {
            cJSON_Delete(root);
            return NULL;
        }
        cJSON_AddItemToObject(fields, f->id, field_value(r, f, c));
    }
    if (add_items(r, root) < 0 || add_pc_check(r, root) < 0) {
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

/* The amounts the workbook shows against those of the answers read. */
static bool amounts_agree(xreader *r, const nb_answers *a)
{
    nb_subsidy s;
    nb_survey_derive(r->def, a, &s);
    const struct {
        const char *id, *label;
        int64_t v;
    } k[] = {{"total", "総事業費 (A)", s.total},       {"net", "差引額 (C)", s.net},
             {"eligible", "対象経費の実支出予定額 (D)", s.eligible}, {"selected", "選定額 (F)", s.selected},
             {"subsidy", "補助所要額 (G)", s.subsidy}};
    for (size_t i = 0; i < sizeof k / sizeof k[0]; i++) {
        const xcell *c = need(r, k[i].id);
        if (!c)
            return false;
        if (c->kind != CV_NUM || !whole(c->num) || (int64_t)c->num != k[i].v) {
            char shown[48];
            if (c->kind == CV_NUM && whole(c->num))
                snprintf(shown, sizeof shown, "%.0f 円", c->num);
            else
                snprintf(shown, sizeof shown, "数値でない値");
            nb_error_set(r->err, "%s の%s (%s) が、読み取った回答から計算した額 (%lld 円) と合わないため読み取りません (書き換えられた xlsx か、物品・経費に名前のない古い版の xlsx のため、回答ファイル (JSON) を送ってもらってください)。",
                         r->label, k[i].label, shown, (long long)k[i].v);
            return false;
        }
    }
    return true;
}

static void reader_free(xreader *r)
{
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
}

nb_answers *nb_collect_xlsx_answers(const nb_definition *def, const char *label, const void *data, size_t len,
                                    nb_error *err)
{
    xreader r = {def, label, err, nb_xlsx_zip_open(data, len), NULL, 0, false, NULL, 0, NULL, 0, NULL, NULL};
    if (!r.zip) {
        nb_error_set(err, "%s は壊れているか xlsx (ZIP) ではないため、読めません。", label);
        return NULL;
    }
    char *sheet_part = NULL;
    nb_answers *a = NULL;
    cJSON *root = NULL;
    if (read_workbook(&r, &sheet_part) < 0 || read_shared_strings(&r) < 0 ||
        read_cells(&r, sheet_part, find_name(&r, "institution_code")->sheet) < 0 ||
        load(&r, "docProps/custom.xml", false, &r.custom) < 0 || load(&r, "docProps/core.xml", false, &r.core) < 0)
        goto out;
    root = build(&r);
    if (!root)
        goto out;
    char *json = cJSON_PrintUnformatted(root);
    if (!json)
        nb_xalloc_die();
    a = nb_answers_parse(json, strlen(json), label, err);
    free(json);
    if (a && !amounts_agree(&r, a)) {
        nb_answers_free(a);
        a = NULL;
    }
out:
    cJSON_Delete(root);
    free(sheet_part);
    reader_free(&r);
    return a;
}
