/* Building the listing (see listing.h): parse, validate and total every
 * stored response; the last saved_at of each 保険医療機関コード is current,
 * the rest superseded (the store returns them ordered so). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "listing.h"
#include "nanbyo/xalloc.h"

void nb_listing_build(nb_store *s, const nb_definition *def, nb_listing *l)
{
    memset(l, 0, sizeof *l);
    l->n = nb_store_responses(s, def->id, &l->rows);
    l->n_bad = nb_store_unreadable(s, &l->bad);
    l->r = xcalloc(l->n ? l->n : 1, sizeof *l->r);
    for (size_t i = 0; i < l->n; i++) {
        nb_listed *x = &l->r[i];
        x->row = &l->rows[i];
        nb_error err = {{0}};
        x->a = nb_answers_parse(x->row->answers, strlen(x->row->answers), x->row->source, &err);
        if (x->a) {
            nb_validate(def, x->a, &x->rep);
            nb_survey_derive(def, x->a, &x->sub);
        }
        x->valid = x->a && x->rep.n_problems == 0;
        x->superseded = i + 1 < l->n && *x->row->code && strcmp(x->row->code, l->rows[i + 1].code) == 0;
        if (x->valid && !x->superseded) {
            l->count++;
            l->subsidy += x->sub.subsidy;
        }
    }
}

void nb_listing_free(nb_listing *l)
{
    for (size_t i = 0; i < l->n; i++) {
        nb_answers_free(l->r[i].a);
        if (l->r[i].a)
            nb_report_free(&l->r[i].rep);
    }
    free(l->r);
    nb_stored_free(l->rows, l->n);
    nb_stored_bad_free(l->bad, l->n_bad);
}

static const char *const titles[NB_COL_COUNT] = {
    [NB_COL_CODE] = "保険医療機関コード", [NB_COL_NAME] = "医療機関名", [NB_COL_KIND] = "種別",
    [NB_COL_CONTACT] = "担当者", [NB_COL_PHONE] = "電話番号",
    [NB_COL_A] = "総事業費 (A)", [NB_COL_B] = "寄付金その他の収入額 (B)", [NB_COL_C] = "差引額 (C)",
    [NB_COL_D] = "対象経費の実支出予定額 (D)", [NB_COL_E] = "基準額 (E)", [NB_COL_F] = "選定額 (F)",
    [NB_COL_G] = "補助所要額 (G)", [NB_COL_PC] = "PC要件確認", [NB_COL_VALID] = "判定",
    [NB_COL_CHANNEL] = "受付経路", [NB_COL_FILE] = "ファイル", [NB_COL_RECEIVED] = "受付日時",
    [NB_COL_PROBLEMS] = "問題",
};
static const char *const doctor_ids[3] = {"doctors_nanbyo", "doctors_kyoryoku", "doctors_shoman"};

const char *nb_col_title(const nb_definition *def, int c)
{
    if (c >= NB_COL_DOC1 && c <= NB_COL_DOC3) {
        const nb_field *f = nb_def_field(def, doctor_ids[c - NB_COL_DOC1]);
        return f ? f->label : doctor_ids[c - NB_COL_DOC1];
    }
    return titles[c];
}

bool nb_col_numeric(int c)
{
    return (c >= NB_COL_DOC1 && c <= NB_COL_DOC3) || (c >= NB_COL_A && c <= NB_COL_G);
}

static char *field(const nb_listed *x, const char *id)
{
    char *v = x->a ? nb_answers_get(x->a, id) : NULL;
    return v ? v : xstrdup("");
}

/* The PC-check verdict in short, as on the xlsx form. */
static char *pc_verdict(const nb_listed *x)
{
    char *json = x->a ? nb_answers_section_get(x->a, "pc_check") : NULL;
    cJSON *root = json ? cJSON_Parse(json) : NULL;
    free(json);
    const cJSON *checks = cJSON_GetObjectItemCaseSensitive(root, "checks"), *c;
    int fails = 0, others = 0, n = 0;
    cJSON_ArrayForEach(c, (cJSON_IsArray(checks) ? checks : NULL))
    {
        const cJSON *st = cJSON_GetObjectItemCaseSensitive(c, "status");
        const char *v = cJSON_IsString(st) ? st->valuestring : "";
        n++;
        fails += strcmp(v, "fail") == 0;
        others += strcmp(v, "warn") == 0 || strcmp(v, "unknown") == 0;
    }
    cJSON_Delete(root);
    char buf[64];
    if (!n)
        snprintf(buf, sizeof buf, "未実施");
    else if (fails)
        snprintf(buf, sizeof buf, "不合格 %d件", fails);
    else if (others)
        snprintf(buf, sizeof buf, "合格 (要確認 %d件)", others);
    else
        snprintf(buf, sizeof buf, "合格");
    return xstrdup(buf);
}

static char *problems_text(const nb_listed *x)
{
    if (!x->a)
        return xstrdup("保存された回答を読み直せません。");
    size_t len = 1;
    for (size_t i = 0; i < x->rep.n_problems; i++)
        len += strlen(x->rep.problems[i].field) + strlen(x->rep.problems[i].message) + 4;
    char *out = xmalloc(len);
    out[0] = '\0';
    for (size_t i = 0; i < x->rep.n_problems; i++) {
        if (i)
            strcat(out, " / ");
        strcat(out, x->rep.problems[i].field);
        strcat(out, ": ");
        strcat(out, x->rep.problems[i].message);
    }
    return out;
}

char *nb_col_text(const nb_definition *def, const nb_listed *x, int c, long long *num)
{
    *num = 0;
    switch (c) {
    case NB_COL_CODE: return field(x, "institution_code");
    case NB_COL_NAME: return field(x, "institution_name");
    case NB_COL_KIND: {
        char *v = field(x, "institution_kind");
        const nb_field *f = nb_def_field(def, "institution_kind");
        const nb_choice *ch = f ? nb_field_choice(f, v) : NULL;
        if (ch) {
            free(v);
            return xstrdup(ch->label);
        }
        return v;
    }
    case NB_COL_CONTACT: {
        char *d = field(x, "contact_department"), *n = field(x, "contact_name");
        size_t len = strlen(d) + strlen(n) + 2;
        char *out = xmalloc(len);
        snprintf(out, len, "%s%s%s", d, *d && *n ? " " : "", n);
        free(d);
        free(n);
        return out;
    }
    case NB_COL_PHONE: return field(x, "phone");
    case NB_COL_DOC1: case NB_COL_DOC2: case NB_COL_DOC3: {
        char *v = field(x, doctor_ids[c - NB_COL_DOC1]);
        *num = strtoll(v, NULL, 10);
        return v;
    }
    case NB_COL_PC: return pc_verdict(x);
    case NB_COL_VALID: return xstrdup(x->valid ? "有効" : "問題あり");
    case NB_COL_CHANNEL: return xstrdup(x->row->channel);
    case NB_COL_FILE: return xstrdup(x->row->source);
    case NB_COL_RECEIVED: return xstrdup(x->row->received_at);
    case NB_COL_PROBLEMS: return problems_text(x);
    default: break;
    }
    const int64_t amounts[7] = {x->sub.total, x->sub.other_income, x->sub.net, x->sub.eligible,
                                x->sub.base, x->sub.selected, x->sub.subsidy};
    *num = amounts[c - NB_COL_A];
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", *num);
    return xstrdup(buf);
}
