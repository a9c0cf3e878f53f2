/* An answers file read back from the 調査票 xlsx, for an e-mail that
 * carries the xlsx but no answers JSON (a clinic that attached only the
 * workbook). Nothing is read by position on the sheet: `export --xlsx`
 * gives every answer a workbook name (docs/export.md, "xlsx names"): each
 * field by its id, item_<n>_category / _description / _quantity /
 * _unit_price for every item, pccheck_<id> on each PC-check status word,
 * and the derived amounts (total, net, eligible, selected, subsidy); the
 * survey id, saved_at and the PC check's time are custom document
 * properties. The cells come from xlsx_book.c. The sheet shows words
 * where the answers hold codes (診療所, はい, 合格, パソコン) and dates as
 * serial numbers; both are mapped back through the definition.
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
#include "xlsx_book.h"

typedef struct {
    const nb_definition *def;
    const char *label; /* the file, for messages */
    nb_error *err;
    nb_xbook *b;
} xreader;

/* A named cell, or NULL with the refusal set. */
static const nb_xcell *need(xreader *r, const char *name)
{
    const nb_xcell *c = nb_xbook_cell(r->b, name);
    if (!c)
        nb_error_set(r->err, "%s には「%s」の名前がないか別のシートを指しているため、この調査定義の調査票の xlsx として読み取れません。",
                     r->label, name);
    else if (c->kind == NB_XC_ERROR)
        nb_error_set(r->err, "%s の「%s」のセルがエラー (%s) のため、読み取りません (回答ファイル (JSON) を送ってもらってください)。",
                     r->label, name, c->text);
    return c && c->kind != NB_XC_ERROR ? c : NULL;
}

static bool whole(double d)
{
    return d == floor(d) && fabs(d) < 9007199254740992.0;
}

static cJSON *plain(const nb_xcell *c)
{
    char buf[40];
    switch (c->kind) {
    case NB_XC_TEXT:
        return cJSON_CreateString(c->text);
    case NB_XC_NUM:
        if (whole(c->num))
            snprintf(buf, sizeof buf, "%.0f", c->num);
        else
            snprintf(buf, sizeof buf, "%.15g", c->num);
        return cJSON_CreateString(buf);
    case NB_XC_BOOL:
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
    long days = (long)v - 25569 + (r->b->date1904 ? 1462 : 0);
    nb_date d = nb_date_from_days(days);
    char buf[16];
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.y, d.m, d.d);
    return cJSON_CreateString(buf);
}

static cJSON *field_value(const xreader *r, const nb_field *f, const nb_xcell *c)
{
    switch (f->type) {
    case NB_FT_COUNT:
    case NB_FT_YEN:
        if (c->kind == NB_XC_NUM)
            return whole(c->num) ? cJSON_CreateNumber(c->num) : plain(c);
        break;
    case NB_FT_DATE:
        if (c->kind == NB_XC_NUM) {
            cJSON *d = serial_date(r, c->num);
            return d ? d : plain(c);
        }
        break;
    case NB_FT_CHOICE:
        for (size_t i = 0; c->kind == NB_XC_TEXT && i < f->n_choices; i++)
            if (strcmp(c->text, f->choices[i].label) == 0)
                return cJSON_CreateString(f->choices[i].value);
        break;
    case NB_FT_CONFIRM:
        if (c->kind == NB_XC_BOOL)
            return cJSON_CreateBool(c->num != 0);
        if (c->kind == NB_XC_TEXT && (strcmp(c->text, "はい") == 0 || strcmp(c->text, "いいえ") == 0))
            return cJSON_CreateBool(strcmp(c->text, "はい") == 0);
        break;
    default:
        break;
    }
    return plain(c);
}

/* A category cell holds the definition's label, except that a label too
 * long for the cell is written with a line break for its space (export's
 * xlsx_form.c, so no line starts with 「・」). */
static bool label_is(const char *cell, const char *label)
{
    for (; *cell && *label; cell++, label++)
        if (*cell != *label && !(*cell == '\n' && *label == ' '))
            return false;
    return *cell == *label;
}

static cJSON *item_member(const xreader *r, const char *member, const nb_xcell *c)
{
    if (strcmp(member, "category") == 0 && c->kind == NB_XC_TEXT) {
        for (size_t i = 0; i < r->def->n_categories; i++)
            if (label_is(c->text, r->def->categories[i].label))
                return cJSON_CreateString(r->def->categories[i].id);
    }
    if ((strcmp(member, "quantity") == 0 || strcmp(member, "unit_price") == 0) && c->kind == NB_XC_NUM &&
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
        if (!nb_xbook_name(r->b, name))
            return 0;
        cJSON *it = cJSON_CreateObject();
        cJSON_AddItemToArray(items, it);
        for (int m = 0; m < 4; m++) {
            snprintf(name, sizeof name, "item_%zu_%s", n, members[m]);
            const nb_xcell *c = need(r, name);
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
    const nb_xbook *b = r->b;
    pcname *v = xcalloc(b->n_names ? b->n_names : 1, sizeof *v);
    size_t n = 0;
    for (size_t i = 0; i < b->n_names; i++)
        if (strncmp(b->names[i].name, "pccheck_", 8) == 0 && b->names[i].name[8])
            v[n++] = (pcname){b->names[i].row, b->names[i].col, b->names[i].name};
    qsort(v, n, sizeof *v, cmp_pc);
    char *at = nb_xbook_property(r->b, "nanbyo-survey-pc-checked-at");
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
        const nb_xcell *c = need(r, v[i].id);
        const char *status = NULL;
        for (size_t k = 0; c && c->kind == NB_XC_TEXT && k < sizeof words / sizeof words[0]; k++)
            if (strcmp(c->text, words[k].word) == 0)
                status = words[k].status;
        if (!status) {
            if (c)
                nb_error_set(r->err, "%s の PC の確認結果「%s」(%s) を読めません (合格・注意・不合格・不明・対象外・未実施のどれでもありません)。",
                             r->label, v[i].id + 8, c->kind == NB_XC_TEXT ? c->text : "空欄");
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
    char *survey = nb_xbook_property(r->b, "nanbyo-survey-definition");
    if (!survey || !*survey) {
        free(survey);
        nb_error_set(r->err, "%s には調査定義の記録がないため、nanbyo-survey で書き出した調査票の xlsx として読み取れません。",
                     r->label);
        return NULL;
    }
    if (strcmp(survey, r->def->id) != 0) {
        nb_error_set(r->err, "%s は別の調査 (%s) の調査票のため、この調査 (%s) の回答ではありません。", r->label, survey,
                     r->def->id);
        free(survey);
        return NULL;
    }
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "format", "nanbyo-survey-answers/1");
    cJSON_AddStringToObject(root, "survey", survey);
    free(survey);
    char *saved = nb_xbook_property(r->b, "nanbyo-survey-saved-at");
    if (!saved)
        saved = nb_xbook_created_jst(r->b);
    if (saved)
        cJSON_AddStringToObject(root, "saved_at", saved);
    free(saved);
    cJSON *fields = cJSON_AddObjectToObject(root, "fields");
    for (size_t i = 0; i < r->def->n_fields; i++) {
        const nb_field *f = &r->def->fields[i];
        const nb_xcell *c = need(r, f->id);
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
        const nb_xcell *c = need(r, k[i].id);
        if (!c)
            return false;
        if (c->kind != NB_XC_NUM || !whole(c->num) || (int64_t)c->num != k[i].v) {
            char shown[48];
            if (c->kind == NB_XC_NUM && whole(c->num))
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

nb_answers *nb_collect_xlsx_answers(const nb_definition *def, const char *label, const void *data, size_t len,
                                    nb_error *err)
{
    xreader r = {def, label, err, nb_xbook_open(label, data, len, err)};
    if (!r.b)
        return NULL;
    nb_answers *a = NULL;
    cJSON *root = build(&r);
    if (root) {
        char *json = cJSON_PrintUnformatted(root);
        if (!json)
            nb_xalloc_die();
        a = nb_answers_parse(json, strlen(json), label, err);
        free(json);
        if (a && !amounts_agree(&r, a)) {
            nb_answers_free(a);
            a = NULL;
        }
        cJSON_Delete(root);
    }
    nb_xbook_free(r.b);
    return a;
}
