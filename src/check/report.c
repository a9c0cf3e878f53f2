/* The overall verdict and the JSON form of a run, as kept in the answers
 * file ("pc_check") and printed by `check --json`. (Status names are in
 * status_names.c, which the questionnaire links without the runner.) */
#include "nanbyo/check.h"
#include <cjson/cJSON.h>
#include <stdlib.h>

char *nb_check_to_json(const nb_check_run *run)
{
    cJSON *root = cJSON_CreateObject();
    if (!root)
        return NULL;
    cJSON_AddStringToObject(root, "checked_at", nb_check_checked_at(run));
    const nb_check_platform *pf = nb_check_platform_of(run);
    cJSON *plat = cJSON_AddObjectToObject(root, "platform");
    cJSON_AddStringToObject(plat, "os", pf->os);
    cJSON_AddStringToObject(plat, "version", pf->version);
    cJSON_AddStringToObject(plat, "computer", pf->computer);
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
