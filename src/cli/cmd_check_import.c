/* `check --import RESULT --answers ANSWERS`: bring the result of a PC check
 * made on another PC (nanbyo-check.exe on the registration PC, or `check
 * --json` elsewhere) into the answers as their "pc_check". The result is
 * checked first (check_result.h); only an accepted one is written, with
 * the answers' atomic save, so a refused or unreadable file leaves the
 * answers exactly as they were. An answers file a questionnaire has open
 * is not written (its lock, answers_lock.h): the clerk's next autosave
 * would lose the import, or the import the clerk's work. Exit 0 stored,
 * 1 refused, 2 unreadable. */
#include <stdio.h>
#include <stdlib.h>
#include "cli_util.h"
#include "commands.h"
#include "nanbyo/answers_lock.h"
#include "nanbyo/check_result.h"

static void print_done(const char *answers, const nb_result_info *in)
{
    char pc[sizeof in->platform.computer + sizeof in->platform.version + 4], day[40];
    nb_check_platform_label(&in->platform, pc, sizeof pc);
    nb_date_wareki(in->checked_on, day, sizeof day);
    printf("別の PC の確認結果を回答ファイル %s に保存しました。\n", answers);
    printf("確認したPC: %s\n", pc);
    printf("確認日: %s (%s)\n", day, in->checked_at);
    printf("結果: 合格 %d、注意 %d、不合格 %d、不明 %d、対象外 %d\n", in->count[0], in->count[1],
           in->count[2], in->count[3], in->count[4]);
}

static void print_json(bool imported, const char *answers, const nb_result_info *in, const char *reason)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddBoolToObject(o, "imported", imported);
    if (!imported) {
        cJSON_AddStringToObject(o, "reason", reason);
        nb_cli_print_json(o);
        return;
    }
    cJSON_AddStringToObject(o, "answers", answers);
    cJSON_AddStringToObject(o, "checked_at", in->checked_at);
    cJSON *p = cJSON_AddObjectToObject(o, "platform");
    cJSON_AddStringToObject(p, "os", in->platform.os);
    cJSON_AddStringToObject(p, "version", in->platform.version);
    cJSON_AddStringToObject(p, "computer", in->platform.computer);
    static const char *names[5] = {"pass", "warn", "fail", "unknown", "na"};
    cJSON *c = cJSON_AddObjectToObject(o, "counts");
    for (int k = 0; k < 5; k++)
        cJSON_AddNumberToObject(c, names[k], in->count[k]);
    nb_cli_print_json(o);
}

static void refuse(bool json, const char *msg)
{
    nb_cli_fail("%s", msg);
    if (json)
        print_json(false, NULL, NULL, msg);
}

int cmd_check_import(const char *result, const char *answers, const char *form, bool json)
{
    nb_definition *def;
    nb_answers *a;
    nb_error err = {{0}};
    nb_answers_lock *lock = NULL;
    nb_lock_holder holder;
    /* A lock that cannot be made (a read-only folder) is no reason to stop
     * here: the save then fails and says why. */
    if (nb_answers_lock_take(answers, &lock, &holder, &err) == NB_LOCK_HELD) {
        char who[4096], msg[4400];
        nb_lock_holder_text(&holder, answers, who, sizeof who);
        snprintf(msg, sizeof msg, "確認結果は保存しませんでした。%s", who);
        refuse(json, msg);
        return 1;
    }
    if (nb_cli_answers(answers, form, &def, &a) != 0) {
        nb_answers_lock_release(lock);
        return 2;
    }
    char *pc_check = NULL;
    nb_result_info info;
    nb_result_status st = nb_check_result_load(def, result, nb_today(), &pc_check, &info, &err);
    int rc = st == NB_RESULT_OK ? 0 : st == NB_RESULT_REFUSED ? 1 : 2;
    if (rc == 0 && nb_answers_section_set(a, "pc_check", pc_check) != 0) {
        nb_error_set(&err, "結果ファイル %s を回答ファイルに入れられませんでした (メモリ不足)。もう一度実行してください。", result);
        rc = 2;
    } else if (rc == 0) {
        int saved = nb_answers_save(a, answers, &err);
        /* 1: written by someone else meanwhile; ours went beside it */
        rc = saved == 0 ? 0 : saved == 1 ? 1 : 2;
    }
    if (rc == 0 && json)
        print_json(true, answers, &info, NULL);
    else if (rc == 0)
        print_done(answers, &info);
    else
        refuse(json, err.msg);
    free(pc_check);
    nb_answers_free(a);
    nb_def_free(def);
    nb_answers_lock_release(lock);
    return rc;
}
