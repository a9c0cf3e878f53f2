/* collect --json: the contract in docs/collect.md ("--json"). Every
 * stored response is listed, superseded ones too; totals count only the
 * valid, current ones. */
#include <stdlib.h>
#include <string.h>
#include "report.h"

static cJSON *problems(const nb_listed *x)
{
    cJSON *arr = cJSON_CreateArray();
    if (!x->a) {
        cJSON *p = cJSON_CreateObject();
        cJSON_AddStringToObject(p, "field", "");
        cJSON_AddStringToObject(p, "message", "保存された回答を読み直せません。");
        cJSON_AddItemToArray(arr, p);
        return arr;
    }
    for (size_t i = 0; i < x->rep.n_problems; i++) {
        cJSON *p = cJSON_CreateObject();
        cJSON_AddStringToObject(p, "field", x->rep.problems[i].field);
        cJSON_AddStringToObject(p, "message", x->rep.problems[i].message);
        cJSON_AddItemToArray(arr, p);
    }
    return arr;
}

cJSON *nb_collect_json(const nb_listing *l)
{
    cJSON *root = cJSON_CreateObject();
    cJSON *resp = cJSON_AddArrayToObject(root, "responses");
    for (size_t i = 0; i < l->n; i++) {
        const nb_listed *x = &l->r[i];
        cJSON *o = cJSON_CreateObject();
        char *code = x->a ? nb_answers_get(x->a, "institution_code") : NULL;
        char *name = x->a ? nb_answers_get(x->a, "institution_name") : NULL;
        cJSON_AddStringToObject(o, "institution_code", code ? code : "");
        cJSON_AddStringToObject(o, "institution_name", name ? name : "");
        free(code);
        free(name);
        cJSON_AddNumberToObject(o, "subsidy", (double)x->sub.subsidy);
        cJSON_AddBoolToObject(o, "valid", x->valid);
        cJSON_AddItemToObject(o, "problems", problems(x));
        cJSON_AddStringToObject(o, "source", x->row->source);
        cJSON_AddBoolToObject(o, "superseded", x->superseded);
        cJSON *ans = cJSON_Parse(x->row->answers);
        cJSON_AddItemToObject(o, "answers", ans ? ans : cJSON_CreateNull());
        cJSON_AddItemToArray(resp, o);
    }
    cJSON *tot = cJSON_AddObjectToObject(root, "totals");
    cJSON_AddNumberToObject(tot, "count", (double)l->count);
    cJSON_AddNumberToObject(tot, "subsidy", (double)l->subsidy);
    cJSON *bad = cJSON_AddArrayToObject(root, "unreadable");
    for (size_t i = 0; i < l->n_bad; i++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "source", l->bad[i].source);
        cJSON_AddStringToObject(o, "reason", l->bad[i].reason);
        cJSON_AddItemToArray(bad, o);
    }
    return root;
}
