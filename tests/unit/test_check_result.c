/* Reading a PC-check result back (check_result.h): what a run of this
 * program writes is accepted (so the reader and the runner agree on the
 * checks); the 30-day window at its exact edges and across time zones;
 * every prefix of a good file (a truncated copy) refused; hostile bytes,
 * wrong types, unknown, missing and repeated checks refused with a
 * sentence that names the file and the member. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nanbyo/check.h"
#include "nanbyo/check_result.h"

static char *BROWSERS[] = {"edge", "chrome", "safari"};
static char *SOFTWARE[] = {"acrobat_reader", "excel", "aws_vpn_client"};
static const char *IDS[] = {"os", "ram", "disk", "display", "browser", "acrobat_reader", "excel",
                            "aws_vpn_client", "printer", "proxy", "dns", "https", "clock", "vpn"};
#define N_IDS (sizeof IDS / sizeof IDS[0])
static const nb_date TODAY = {2026, 3, 20};

static nb_definition *definition(void)
{
    nb_definition *d = calloc(1, sizeof *d);
    d->id = "yamaguchi-r8";
    d->title = "test";
    d->pc.ram_gb = 8;
    d->pc.ram_tolerance_percent = 10;
    d->pc.disk_free_gb = 40;
    d->pc.display_min_w = 1280;
    d->pc.display_min_h = 1024;
    d->pc.display_rec_w = 1920;
    d->pc.display_rec_h = 1080;
    d->pc.browsers = BROWSERS;
    d->pc.n_browsers = 3;
    d->pc.software = SOFTWARE;
    d->pc.n_software = 3;
    d->pc.printer_paper = "A4";
    d->pc.https_url = "https://127.0.0.1:1/";
    d->pc.clock_skew_warn_s = 300;
    d->pc.clock_skew_fail_s = 900;
    d->pc.timeout_s = 10;
    return d;
}

/* A result as nanbyo-check.exe writes it. */
static cJSON *result(const char *checked_at)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "checked_at", checked_at);
    cJSON *p = cJSON_AddObjectToObject(o, "platform");
    cJSON_AddStringToObject(p, "os", "windows");
    cJSON_AddStringToObject(p, "version", "Windows 11 23H2");
    cJSON_AddStringToObject(p, "computer", "RECEPTION-PC");
    cJSON *a = cJSON_AddArrayToObject(o, "checks");
    for (size_t i = 0; i < N_IDS; i++) {
        cJSON *c = cJSON_CreateObject();
        cJSON_AddStringToObject(c, "id", IDS[i]);
        cJSON_AddStringToObject(c, "title", IDS[i]);
        cJSON_AddStringToObject(c, "status", i == 2 ? "fail" : "pass");
        cJSON_AddBoolToObject(c, "required_check", true);
        cJSON_AddStringToObject(c, "measured", "16 GB");
        cJSON_AddStringToObject(c, "required", "8 GB 以上");
        cJSON_AddStringToObject(c, "detail", "");
        cJSON_AddStringToObject(c, "advice", "");
        cJSON_AddItemToArray(a, c);
    }
    return o;
}

/* Parse text; returns the status and leaves the sentence in err. */
static nb_result_status parse_text(const char *text, size_t len, nb_error *err, nb_result_info *info)
{
    nb_definition *def = definition();
    char *json = NULL;
    nb_result_status st = nb_check_result_parse(def, text, len, "結果.json", TODAY, &json, info, err);
    if (st == NB_RESULT_OK)
        assert_non_null(json);
    else
        assert_null(json);
    free(json);
    free(def);
    return st;
}

static nb_result_status parse_doc(cJSON *doc, nb_error *err)
{
    char *text = cJSON_PrintUnformatted(doc);
    nb_result_status st = parse_text(text, strlen(text), err, NULL);
    free(text);
    cJSON_Delete(doc);
    return st;
}

static void refused_saying(cJSON *doc, const char *words)
{
    nb_error err = {{0}};
    assert_int_equal(parse_doc(doc, &err), NB_RESULT_REFUSED);
    if (!strstr(err.msg, words) || !strstr(err.msg, "結果.json"))
        fail_msg("expected \"%s\" and the file name in: %s", words, err.msg);
    assert_null(strchr(err.msg, '\n'));
}

static void run_json_is_accepted(void **state)
{
    (void)state;
    char root[1024];
    const char *r = getenv("NB_ROOT");
    snprintf(root, sizeof root, "%s/tests/fixtures/check/laptop", r ? r : ".");
    nb_definition *def = definition();
    nb_check_options opt = {.network = false, .root = root};
    nb_check_run *run = nb_check_start(def, &opt);
    nb_check_wait(run);
    char *text = nb_check_to_json(run);
    nb_check_free(run);
    char *json = NULL;
    nb_result_info info;
    nb_error err = {{0}};
    nb_result_status st = nb_check_result_parse(def, text, strlen(text), "run.json", nb_today(), &json, &info, &err);
    if (st != NB_RESULT_OK)
        fail_msg("a run's own JSON was refused: %s", err.msg);
    assert_string_equal(info.platform.os, "linux");
    assert_string_equal(info.platform.computer, "uketsuke-laptop");
    assert_string_equal(info.platform.version, "Ubuntu 22.04.4 LTS");
    int total = 0;
    for (int k = 0; k < 5; k++)
        total += info.count[k];
    assert_int_equal(total, (int)N_IDS);
    free(json);
    free(text);
    free(def);
}

static void accepted_keeps_every_member(void **state)
{
    (void)state;
    cJSON *doc = result("2026-03-18T09:30:00+09:00");
    cJSON_AddStringToObject(doc, "program", "nanbyo-check 1.0");
    char *text = cJSON_Print(doc);
    cJSON_Delete(doc);
    nb_definition *def = definition();
    char *json = NULL;
    nb_result_info info;
    nb_error err = {{0}};
    assert_int_equal(nb_check_result_parse(def, text, strlen(text), "r", TODAY, &json, &info, &err), NB_RESULT_OK);
    cJSON *back = cJSON_Parse(json);
    assert_string_equal(cJSON_GetObjectItem(back, "program")->valuestring, "nanbyo-check 1.0");
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(back, "checks")), (int)N_IDS);
    assert_int_equal(info.count[0], (int)N_IDS - 1);
    assert_int_equal(info.count[2], 1);
    assert_int_equal(info.checked_on.y, 2026);
    assert_int_equal(info.checked_on.m, 3);
    assert_int_equal(info.checked_on.d, 18);
    char label[600];
    nb_check_platform_label(&info.platform, label, sizeof label);
    assert_string_equal(label, "RECEPTION-PC (Windows 11 23H2)");
    cJSON_Delete(back);
    free(json);
    free(def);
    free(text);
}

static void date_window(void **state)
{
    (void)state;
    static const struct {
        const char *at;
        nb_result_status want;
        const char *words;
    } cases[] = {
        {"2026-02-18T00:00:00+09:00", NB_RESULT_OK, NULL},              /* exactly 30 days */
        {"2026-02-17T23:59:59+09:00", NB_RESULT_REFUSED, "31 日前"},
        {"2026-03-20T23:59:59+09:00", NB_RESULT_OK, NULL},              /* today */
        {"2026-03-21T00:00:00+09:00", NB_RESULT_REFUSED, "今日 (令和8年3月20日) より後"},
        {"2026-03-20T14:59:59Z", NB_RESULT_OK, NULL},
        {"2026-03-20T15:00:00Z", NB_RESULT_REFUSED, "より後"},           /* 21st in Japan */
        {"2026-02-17T15:00:00Z", NB_RESULT_OK, NULL},                   /* 18th in Japan */
        {"2026-03-20T10:00:00-05:00", NB_RESULT_REFUSED, "より後"},
        {"2025-03-20T10:00:00+09:00", NB_RESULT_REFUSED, "365 日前"},
        {"2026-03-20", NB_RESULT_REFUSED, "checked_at"},
        {"2026-03-20T10:00:00", NB_RESULT_REFUSED, "checked_at"},
        {"2026-02-30T10:00:00+09:00", NB_RESULT_REFUSED, "checked_at"},
        {"2026-03-20T24:00:00+09:00", NB_RESULT_REFUSED, "checked_at"},
        {"2026-03-20T10:00:00+15:00", NB_RESULT_REFUSED, "checked_at"},
        {"２０２６-03-20T10:00:00+09:00", NB_RESULT_REFUSED, "checked_at"},
        {"2026-03-20T10:00:00+09:00 ", NB_RESULT_REFUSED, "checked_at"},
        {"", NB_RESULT_REFUSED, "checked_at"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        nb_error err = {{0}};
        nb_result_status st = parse_doc(result(cases[i].at), &err);
        if (st != cases[i].want || (cases[i].words && !strstr(err.msg, cases[i].words)))
            fail_msg("%s: status %d, message: %s", cases[i].at, (int)st, err.msg);
    }
}

/* A copy cut anywhere is refused (never accepted, never a crash). */
static void every_prefix_refused(void **state)
{
    (void)state;
    cJSON *doc = result("2026-03-18T09:30:00+09:00");
    char *text = cJSON_Print(doc);
    cJSON_Delete(doc);
    size_t len = strlen(text);
    size_t end = len;
    while (end > 0 && (text[end - 1] == '\n' || text[end - 1] == ' '))
        end--;
    for (size_t n = 0; n < end; n++) {
        nb_error err = {{0}};
        char *cut = malloc(n + 1);
        memcpy(cut, text, n);
        cut[n] = '\0';
        if (parse_text(cut, n, &err, NULL) != NB_RESULT_REFUSED)
            fail_msg("a copy cut at %zu of %zu bytes was accepted", n, len);
        free(cut);
    }
    free(text);
}

static void hostile_bytes(void **state)
{
    (void)state;
    nb_error err = {{0}};
    cJSON *doc = result("2026-03-18T09:30:00+09:00");
    char *text = cJSON_PrintUnformatted(doc);
    cJSON_Delete(doc);
    size_t len = strlen(text);

    /* a BOM first (Notepad) is fine */
    char *bom = malloc(len + 4);
    memcpy(bom, "\xEF\xBB\xBF", 3);
    memcpy(bom + 3, text, len + 1);
    assert_int_equal(parse_text(bom, len + 3, &err, NULL), NB_RESULT_OK);
    free(bom);

    /* invalid UTF-8 inside a string, and a NUL byte */
    char *bad = strdup(text);
    char *at = strstr(bad, "RECEPTION");
    at[0] = (char)0xff;
    assert_int_equal(parse_text(bad, len, &err, NULL), NB_RESULT_REFUSED);
    assert_non_null(strstr(err.msg, "UTF-8"));
    at[0] = '\0';
    assert_int_equal(parse_text(bad, len, &err, NULL), NB_RESULT_REFUSED);
    assert_non_null(strstr(err.msg, "UTF-8"));
    free(bad);

    /* a second document after the first */
    char *two = malloc(2 * len + 2);
    snprintf(two, 2 * len + 2, "%s %s", text, text);
    assert_int_equal(parse_text(two, strlen(two), &err, NULL), NB_RESULT_REFUSED);
    assert_non_null(strstr(err.msg, "JSON"));
    free(two);

    /* too big, even if it were valid */
    size_t big = NB_CHECK_RESULT_MAX_BYTES + 1;
    char *huge = malloc(big + 1);
    memset(huge, ' ', big);
    memcpy(huge, text, len);
    huge[big] = '\0';
    assert_int_equal(parse_text(huge, big, &err, NULL), NB_RESULT_REFUSED);
    assert_non_null(strstr(err.msg, "大きすぎます"));
    free(huge);

    /* not an object */
    assert_int_equal(parse_text("[]", 2, &err, NULL), NB_RESULT_REFUSED);
    assert_int_equal(parse_text("", 0, &err, NULL), NB_RESULT_REFUSED);
    free(text);
}

static cJSON *check_of(cJSON *doc, const char *id)
{
    cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItem(doc, "checks"))
        if (strcmp(cJSON_GetObjectItem(c, "id")->valuestring, id) == 0)
            return c;
    return NULL;
}

static cJSON *fresh(void) { return result("2026-03-18T09:30:00+09:00"); }

static void wrong_shapes(void **state)
{
    (void)state;
    cJSON *d;

    d = fresh();
    cJSON_ReplaceItemInObject(d, "checks", cJSON_CreateString("all pass"));
    refused_saying(d, "checks");

    d = fresh();
    cJSON_DeleteItemFromObject(d, "checks");
    refused_saying(d, "checks");

    d = fresh();
    cJSON_ReplaceItemInObject(d, "checks", cJSON_CreateArray());
    refused_saying(d, "確認結果の数 (0)");

    d = fresh();
    cJSON_ReplaceItemInObject(d, "checked_at", cJSON_CreateNumber(20260318));
    refused_saying(d, "checked_at");

    d = fresh();
    cJSON_ReplaceItemInObject(check_of(d, "ram"), "status", cJSON_CreateNumber(1));
    refused_saying(d, "「ram」の status");

    d = fresh();
    cJSON_ReplaceItemInObject(check_of(d, "ram"), "status", cJSON_CreateString("ok"));
    refused_saying(d, "pass・warn・fail・unknown・na");

    d = fresh();
    cJSON_ReplaceItemInObject(check_of(d, "disk"), "required_check", cJSON_CreateString("true"));
    refused_saying(d, "required_check");

    d = fresh();
    cJSON_DeleteItemFromObject(check_of(d, "disk"), "advice");
    refused_saying(d, "「disk」の advice");

    d = fresh();
    cJSON_ReplaceItemInObject(check_of(d, "disk"), "measured", cJSON_CreateNull());
    refused_saying(d, "「disk」の measured");

    d = fresh();
    cJSON_ReplaceItemInArray(cJSON_GetObjectItem(d, "checks"), 0, cJSON_CreateString("os"));
    refused_saying(d, "1 番目");

    d = fresh();
    cJSON_ReplaceItemInObject(check_of(d, "os"), "id", cJSON_CreateNumber(7));
    refused_saying(d, "id");

    /* a text far longer than a result ever holds */
    d = fresh();
    char *longtext = malloc(5000);
    memset(longtext, 'a', 4999);
    longtext[4999] = '\0';
    cJSON_ReplaceItemInObject(check_of(d, "os"), "detail", cJSON_CreateString(longtext));
    free(longtext);
    refused_saying(d, "長すぎます");
}

static void platform_checked(void **state)
{
    (void)state;
    cJSON *d;

    d = fresh();
    cJSON_DeleteItemFromObject(d, "platform");
    refused_saying(d, "platform) がありません");

    d = fresh();
    cJSON_ReplaceItemInObject(d, "platform", cJSON_CreateString("windows"));
    refused_saying(d, "platform");

    d = fresh();
    cJSON_ReplaceItemInObject(cJSON_GetObjectItem(d, "platform"), "os", cJSON_CreateString("android"));
    refused_saying(d, "windows・linux・macos");

    d = fresh();
    cJSON_ReplaceItemInObject(cJSON_GetObjectItem(d, "platform"), "computer", cJSON_CreateString(""));
    refused_saying(d, "platform.computer) が入っていません");

    d = fresh();
    cJSON_ReplaceItemInObject(cJSON_GetObjectItem(d, "platform"), "computer", cJSON_CreateNumber(1));
    refused_saying(d, "platform.computer");

    static const char *hostile[] = {"RECEPTION\nPC", "RECEPTION\x1b[2J", "\xe2\x80\xae" "CP-NOITPECER",
                                    "A\xe2\x81\xa6" "B", "A\xc2\x85" "B", "A\xe2\x80\xa8" "B"};
    for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
        d = fresh();
        cJSON_ReplaceItemInObject(cJSON_GetObjectItem(d, "platform"), "computer", cJSON_CreateString(hostile[i]));
        refused_saying(d, "制御文字か、文字の向きを変える文字");
    }
    char name[300];
    memset(name, 'N', sizeof name - 1);
    name[sizeof name - 1] = '\0';
    d = fresh();
    cJSON_ReplaceItemInObject(cJSON_GetObjectItem(d, "platform"), "computer", cJSON_CreateString(name));
    refused_saying(d, "長すぎます");

    /* a Japanese computer name is a name like any other */
    nb_error err = {{0}};
    d = fresh();
    cJSON_ReplaceItemInObject(cJSON_GetObjectItem(d, "platform"), "computer", cJSON_CreateString("受付のPC"));
    assert_int_equal(parse_doc(d, &err), NB_RESULT_OK);
}

static void survey_checks(void **state)
{
    (void)state;
    cJSON *d;

    d = fresh();
    cJSON_AddItemToArray(cJSON_GetObjectItem(d, "checks"), cJSON_Duplicate(check_of(d, "ram"), true));
    refused_saying(d, "「ram」が 2 つ");

    d = fresh();
    cJSON_ReplaceItemInObject(check_of(d, "excel"), "id", cJSON_CreateString("webcam"));
    refused_saying(d, "確認にない項目「webcam」");

    d = fresh();
    cJSON_DeleteItemFromArray(cJSON_GetObjectItem(d, "checks"), 6);
    refused_saying(d, "必要な確認「excel」");

    /* a survey without the AWS VPN Client: a result that has it belongs
     * to another survey */
    nb_definition *def = definition();
    def->pc.n_software = 2;
    d = fresh();
    char *text = cJSON_PrintUnformatted(d);
    cJSON_Delete(d);
    char *json = NULL;
    nb_error err = {{0}};
    assert_int_equal(nb_check_result_parse(def, text, strlen(text), "r", TODAY, &json, NULL, &err),
                     NB_RESULT_REFUSED);
    assert_non_null(strstr(err.msg, "確認にない項目「aws_vpn_client」"));
    assert_non_null(strstr(err.msg, "yamaguchi-r8"));
    free(text);
    free(def);

    /* too many checks */
    d = fresh();
    cJSON *a = cJSON_GetObjectItem(d, "checks");
    while (cJSON_GetArraySize(a) <= 64)
        cJSON_AddItemToArray(a, cJSON_Duplicate(check_of(d, "ram"), true));
    refused_saying(d, "確認結果の数 (65)");
}

static void platform_label(void **state)
{
    (void)state;
    char buf[600];
    nb_check_platform p = {"windows", "", "RECEPTION-PC"};
    nb_check_platform_label(&p, buf, sizeof buf);
    assert_string_equal(buf, "RECEPTION-PC (Windows)");
    nb_check_platform q = {"macos", "macOS 14.4", ""};
    nb_check_platform_label(&q, buf, sizeof buf);
    assert_string_equal(buf, "macOS 14.4");
    nb_check_platform none = {"", "", ""};
    nb_check_platform_label(&none, buf, sizeof buf);
    assert_string_equal(buf, "");
    cJSON *doc = cJSON_Parse("{\"checks\":[]}");
    assert_false(nb_check_platform_from_json(doc, &p));
    assert_string_equal(p.computer, "");
    cJSON_Delete(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(run_json_is_accepted),  cmocka_unit_test(accepted_keeps_every_member),
        cmocka_unit_test(date_window),           cmocka_unit_test(every_prefix_refused),
        cmocka_unit_test(hostile_bytes),         cmocka_unit_test(wrong_shapes),
        cmocka_unit_test(platform_checked),      cmocka_unit_test(survey_checks),
        cmocka_unit_test(platform_label),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
