/* Status names, the overall verdict, and the JSON form of a run, as kept
 * in the answers file ("pc_check") and printed by `check --json`.
 * nb_check_required_failed lives here on purpose: it is defined nowhere
 * else, so any program that asks for the verdict links this file's real
 * status names and JSON even when weak stand-ins exist elsewhere. */
#include "nanbyo/check.h"
#include <cjson/cJSON.h>
#include <stdlib.h>

const char *nb_check_status_id(nb_check_status s)
{
    switch (s) {
    case NB_CHECK_PENDING: return "pending";
    case NB_CHECK_PASS: return "pass";
    case NB_CHECK_WARN: return "warn";
    case NB_CHECK_FAIL: return "fail";
    case NB_CHECK_UNKNOWN: return "unknown";
    case NB_CHECK_NA: return "na";
    }
    return "unknown";
}

const char *nb_check_status_label(nb_check_status s)
{
    switch (s) {
    case NB_CHECK_PENDING: return "確認中";
    case NB_CHECK_PASS: return "合格";
    case NB_CHECK_WARN: return "注意";
    case NB_CHECK_FAIL: return "不合格";
    case NB_CHECK_UNKNOWN: return "不明";
    case NB_CHECK_NA: return "対象外";
    }
    return "不明";
}

char *nb_check_to_json(const nb_check_run *run)
{
    cJSON *root = cJSON_CreateObject();
    if (!root)
        return NULL;
    cJSON_AddStringToObject(root, "checked_at", nb_check_checked_at(run));
    cJSON *arr = cJSON_AddArrayToObject(root, "checks");
    for (size_t i = 0; arr && i < nb_check_count(run); i++) {
        nb_check_result r = nb_check_result_at(run, i);
        cJSON *o = cJSON_CreateObject();
        if (!o)
            break;
        cJSON_AddStringToObject(o, "id", r.id);
        cJSON_AddStringToObject(o, "title", r.title);
        cJSON_AddStringToObject(o, "status", nb_check_status_id(r.status));
        cJSON_AddBoolToObject(o, "required_check", r.required);
        cJSON_AddStringToObject(o, "measured", r.measured);
        cJSON_AddStringToObject(o, "required", r.required_text);
        cJSON_AddStringToObject(o, "detail", r.detail);
        cJSON_AddStringToObject(o, "advice", r.advice);
        cJSON_AddItemToArray(arr, o);
    }
    char *s = cJSON_Print(root);
    cJSON_Delete(root);
    return s;
}

bool nb_check_required_failed(const nb_check_run *run)
{
    bool failed = false;
    for (size_t i = 0; i < nb_check_count(run); i++) {
        nb_check_result r = nb_check_result_at(run, i);
        if (r.required && r.status == NB_CHECK_FAIL)
            failed = true;
    }
    return failed;
}
