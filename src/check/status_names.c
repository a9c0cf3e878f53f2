/* The names of the check statuses. Kept apart from the runner so that the
 * questionnaire, which runs checks in a child process and never loads the
 * network and printer libraries itself, can still label the results. */
#include "nanbyo/check.h"

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

const char *nb_check_result_label(const nb_check_result *r)
{
    /* A network check skipped because the clerk did not consent was not
     * run: 未実施, not 対象外 (which means it does not apply to this PC). */
    if (r->status == NB_CHECK_NA && r->network)
        return "未実施";
    return nb_check_status_label(r->status);
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
