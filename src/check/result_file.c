/* Reading a PC-check result file back (check_result.h). The checks go from
 * the outside in: bytes (size, NUL, UTF-8), JSON, the contract's members
 * and types, the survey's set of checks, then the date, so the sentence a
 * clerk reads names the first thing that is wrong. Nothing is repaired:
 * a file that is not exactly a result is refused and the answers stay as
 * they were. The same file names the PC a stored result describes, for the
 * documents and the questionnaire. */
#include "nanbyo/check_result.h"
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nanbyo/atomic_file.h"
#include "nanbyo/quote.h"
#include "nanbyo/utf8.h"

#define MAX_CHECKS 64
#define MAX_TEXT 4096 /* bytes of one text member; real ones are under 1 KB */

static const char *const STATUS_IDS[5] = {"pass", "warn", "fail", "unknown", "na"};
static const char *const OS_IDS[] = {"windows", "linux", "macos"};
/* Text members of one check; id and status are checked on their own. */
static const char *const TEXT_KEYS[] = {"measured", "required", "detail", "advice"};

/* The checks a run for def reports, in report order (run.c's slots): the
 * result of another PC must answer exactly these. */
static size_t expected_ids(const nb_definition *def, const char **ids, size_t max)
{
    static const char *const before[] = {"os", "ram", "disk", "display", "browser"};
    static const char *const after[] = {"printer", "proxy", "dns", "https", "clock", "vpn"};
    size_t n = 0;
    for (size_t i = 0; i < sizeof before / sizeof before[0] && n < max; i++)
        ids[n++] = before[i];
    for (size_t i = 0; i < def->pc.n_software && n < max; i++)
        ids[n++] = def->pc.software[i];
    for (size_t i = 0; i < sizeof after / sizeof after[0] && n < max; i++)
        ids[n++] = after[i];
    return n;
}

/* A control character (LF and TAB only where allowed) or a character
 * that reorders or hides the text around it (quote.h): the documents
 * would show something else than the file says. s is valid UTF-8
 * (checked for the whole file). */
static bool unsafe_text(const char *s, bool allow_lf)
{
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        int32_t cp;
        int k = nb_utf8_decode(s + i, len - i, &cp);
        if (k < 0)
            return true;
        if ((nb_cp_is_control(cp) && !(allow_lf && (cp == '\n' || cp == '\t'))) || nb_cp_is_invisible(cp))
            return true;
        i += (size_t)k;
    }
    return false;
}

static bool digits(const char *s, int count, int *out)
{
    int v = 0;
    for (int i = 0; i < count; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

/* "2026-03-20T10:15:00+09:00" (any offset, or Z) -> the day in Japan. */
static bool checked_day(const char *s, nb_date *day)
{
    size_t len = strlen(s);
    int y, mo, d, h, mi, se, oh = 0, om = 0, sign = 1;
    if ((len != 20 && len != 25) || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
        s[16] != ':' || !digits(s, 4, &y) || !digits(s + 5, 2, &mo) || !digits(s + 8, 2, &d) ||
        !digits(s + 11, 2, &h) || !digits(s + 14, 2, &mi) || !digits(s + 17, 2, &se))
        return false;
    if (len == 20 ? s[19] != 'Z'
                  : (s[19] != '+' && s[19] != '-') || s[22] != ':' || !digits(s + 20, 2, &oh) ||
                        !digits(s + 23, 2, &om))
        return false;
    if (len == 25 && s[19] == '-')
        sign = -1;
    nb_date date = {y, mo, d};
    if (!nb_date_is_valid(date) || h > 23 || mi > 59 || se > 60 || oh > 14 || om > 59)
        return false;
    long long minutes = (long long)nb_date_to_days(date) * 1440 + h * 60 + mi - sign * (oh * 60 + om) + 9 * 60;
    long long days = minutes >= 0 ? minutes / 1440 : -((-minutes + 1439) / 1440);
    *day = nb_date_from_days((long)days);
    return true;
}

/* Line of byte offset at in data (1-based), for the "not JSON" sentence. */
static int line_at(const char *data, size_t at)
{
    int line = 1;
    for (size_t i = 0; i < at; i++)
        line += data[i] == '\n';
    return line;
}

/* A string member of o that must be present. NULL (err set) when it is
 * missing, not a string, too long or holds unsafe characters. what names
 * the member in the sentence. */
static const char *text_member(const cJSON *o, const char *key, const char *what, bool allow_lf,
                               size_t max, const char *name, nb_error *err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!v) {
        nb_error_set(err, "結果ファイル %s に%sがありません。確認プログラムが書いたままのファイルを指定してください。",
                     name, what);
        return NULL;
    }
    if (!cJSON_IsString(v) || !v->valuestring) {
        nb_error_set(err, "結果ファイル %s の%sが文字列ではありません。確認プログラムが書いたままのファイルを指定してください。",
                     name, what);
        return NULL;
    }
    if (strlen(v->valuestring) >= max) {
        nb_error_set(err, "結果ファイル %s の%sが長すぎます (%zu バイト)。確認プログラムが書いたままのファイルを指定してください。",
                     name, what, strlen(v->valuestring));
        return NULL;
    }
    if (unsafe_text(v->valuestring, allow_lf)) {
        nb_error_set(err, "結果ファイル %s の%sに制御文字か、文字の向きを変える文字が入っています。確認プログラムが書いたままのファイルを指定してください。",
                     name, what);
        return NULL;
    }
    return v->valuestring;
}

static bool check_platform(const cJSON *root, const char *name, nb_check_platform *out, nb_error *err)
{
    const cJSON *p = cJSON_GetObjectItemCaseSensitive(root, "platform");
    if (!cJSON_IsObject(p)) {
        nb_error_set(err, "結果ファイル %s には確認した PC の情報 (platform) が%s。この版の確認プログラム (nanbyo-check.exe か nanbyo-survey check --json) で確認し直してください。",
                     name, p ? "正しい形で入っていません" : "ありません");
        return false;
    }
    const char *os = text_member(p, "os", "確認した PC の OS の種類 (platform.os) ", false, sizeof out->os, name, err);
    if (!os)
        return false;
    bool known = false;
    for (size_t i = 0; i < sizeof OS_IDS / sizeof OS_IDS[0]; i++)
        known = known || strcmp(os, OS_IDS[i]) == 0;
    if (!known) {
        nb_error_set(err, "結果ファイル %s の OS の種類 (platform.os) は windows・linux・macos のどれかでなければなりません。確認プログラムが書いたままのファイルを指定してください。",
                     name);
        return false;
    }
    const char *ver = text_member(p, "version", "確認した PC の OS の版 (platform.version) ", false,
                                  sizeof out->version, name, err);
    const char *pc = ver ? text_member(p, "computer", "確認した PC の名前 (platform.computer) ", false,
                                       sizeof out->computer, name, err)
                         : NULL;
    if (!pc)
        return false;
    if (!*pc) {
        nb_error_set(err, "結果ファイル %s には確認した PC の名前 (platform.computer) が入っていません。どの PC の結果か分からないため使えません。",
                     name);
        return false;
    }
    snprintf(out->os, sizeof out->os, "%s", os);
    snprintf(out->version, sizeof out->version, "%s", ver);
    snprintf(out->computer, sizeof out->computer, "%s", pc);
    return true;
}

/* One element of "checks": the contract's members and types. Returns its
 * status index (0-4) or -1 with err set. */
static int check_one(const cJSON *c, int pos, const char *name, nb_error *err)
{
    char what[96];
    if (!cJSON_IsObject(c)) {
        nb_error_set(err, "結果ファイル %s の確認結果 (checks) の %d 番目が正しい形ではありません。確認プログラムが書いたままのファイルを指定してください。",
                     name, pos);
        return -1;
    }
    snprintf(what, sizeof what, "%d 番目の確認結果の id ", pos);
    const char *id = text_member(c, "id", what, false, 64, name, err);
    if (!id)
        return -1;
    snprintf(what, sizeof what, "確認結果「%s」の status ", id);
    const char *st = text_member(c, "status", what, false, 16, name, err);
    if (!st)
        return -1;
    int k = 0;
    while (k < 5 && strcmp(st, STATUS_IDS[k]) != 0)
        k++;
    if (k == 5) {
        nb_error_set(err, "結果ファイル %s の確認結果「%s」の status は pass・warn・fail・unknown・na のどれかでなければなりません。確認プログラムが書いたままのファイルを指定してください。",
                     name, id);
        return -1;
    }
    for (size_t i = 0; i < sizeof TEXT_KEYS / sizeof TEXT_KEYS[0]; i++) {
        snprintf(what, sizeof what, "確認結果「%s」の %s ", id, TEXT_KEYS[i]);
        if (!text_member(c, TEXT_KEYS[i], what, true, MAX_TEXT, name, err))
            return -1;
    }
    /* title and required_check are newer members: checked when present */
    if (cJSON_GetObjectItemCaseSensitive(c, "title")) {
        snprintf(what, sizeof what, "確認結果「%s」の title ", id);
        if (!text_member(c, "title", what, false, 256, name, err))
            return -1;
    }
    const cJSON *req = cJSON_GetObjectItemCaseSensitive(c, "required_check");
    if (req && !cJSON_IsBool(req)) {
        nb_error_set(err, "結果ファイル %s の確認結果「%s」の required_check が true か false ではありません。確認プログラムが書いたままのファイルを指定してください。",
                     name, id);
        return -1;
    }
    return k;
}

/* Every check of the file is one the survey asks for, once, and every one
 * it asks for is there. */
static bool check_survey(const nb_definition *def, const cJSON *checks, const char *name, nb_error *err)
{
    const char *want[MAX_CHECKS];
    bool seen[MAX_CHECKS] = {false};
    size_t n = expected_ids(def, want, MAX_CHECKS);
    const cJSON *c;
    cJSON_ArrayForEach(c, checks) {
        const char *id = cJSON_GetObjectItemCaseSensitive(c, "id")->valuestring;
        size_t k = 0;
        while (k < n && strcmp(id, want[k]) != 0)
            k++;
        if (k == n) {
            nb_error_set(err, "結果ファイル %s には、この調査 (%s) の確認にない項目「%s」があります。別の調査用の結果のようです。この調査用の確認プログラムで確認し直してください。",
                         name, def->id, NB_QUOTED(id, 40));
            return false;
        }
        if (seen[k]) {
            nb_error_set(err, "結果ファイル %s には確認結果「%s」が 2 つあります。確認プログラムが書いたままのファイルを指定してください。",
                         name, id);
            return false;
        }
        seen[k] = true;
    }
    for (size_t k = 0; k < n; k++)
        if (!seen[k]) {
            nb_error_set(err, "結果ファイル %s には、この調査 (%s) で必要な確認「%s」の結果がありません。この調査用の確認プログラムで確認し直してください。",
                         name, def->id, want[k]);
            return false;
        }
    return true;
}

static bool check_date(const char *at, nb_date today, const char *name, nb_date *day, nb_error *err)
{
    if (!checked_day(at, day)) {
        nb_error_set(err, "結果ファイル %s の確認日時 (checked_at) が「2026-03-20T10:15:00+09:00」の形ではありません。確認プログラムが書いたままのファイルを指定してください。",
                     name);
        return false;
    }
    char when[40], now[40];
    nb_date_wareki(*day, when, sizeof when);
    nb_date_wareki(today, now, sizeof now);
    long age = nb_date_to_days(today) - nb_date_to_days(*day);
    if (age < 0) {
        nb_error_set(err, "結果ファイル %s の確認日 (%s) は今日 (%s) より後の日付です。その PC の日付と時刻の設定を直してから、もう一度確認してください。",
                     name, when, now);
        return false;
    }
    if (age > NB_CHECK_RESULT_MAX_AGE_DAYS) {
        nb_error_set(err, "結果ファイル %s は %ld 日前 (%s) の確認結果です。%d 日より前の結果は使えないため、その PC でもう一度確認して、新しい結果ファイルを読み込んでください。",
                     name, age, when, NB_CHECK_RESULT_MAX_AGE_DAYS);
        return false;
    }
    return true;
}

static bool check_contract(const nb_definition *def, const cJSON *root, const char *name, nb_date today,
                           nb_result_info *info, nb_error *err)
{
    if (!cJSON_IsObject(root)) {
        nb_error_set(err, "結果ファイル %s は PC の確認結果ではありません (JSON のオブジェクトではありません)。確認プログラムが書いた .json ファイルを指定してください。",
                     name);
        return false;
    }
    const cJSON *checks = cJSON_GetObjectItemCaseSensitive(root, "checks");
    if (!cJSON_IsArray(checks)) {
        nb_error_set(err, "結果ファイル %s は PC の確認結果ではありません (確認結果の一覧 checks が%s)。確認プログラムが書いた .json ファイルを指定してください。",
                     name, checks ? "一覧ではありません" : "ありません");
        return false;
    }
    const char *at = text_member(root, "checked_at", "確認日時 (checked_at) ", false, sizeof info->checked_at,
                                 name, err);
    if (!at || !check_platform(root, name, &info->platform, err))
        return false;
    int n = cJSON_GetArraySize(checks);
    if (n == 0 || n > MAX_CHECKS) {
        nb_error_set(err, "結果ファイル %s の確認結果の数 (%d) が正しくありません。確認プログラムが書いたままのファイルを指定してください。",
                     name, n);
        return false;
    }
    int pos = 0;
    const cJSON *c;
    cJSON_ArrayForEach(c, checks) {
        int k = check_one(c, ++pos, name, err);
        if (k < 0)
            return false;
        info->count[k]++;
    }
    if (!check_survey(def, checks, name, err) || !check_date(at, today, name, &info->checked_on, err))
        return false;
    snprintf(info->checked_at, sizeof info->checked_at, "%s", at);
    return true;
}

/* ---- the PC a result names -------------------------------------------- */

static const char *os_name(const char *os)
{
    static const struct { const char *id, *name; } names[] = {
        {"windows", "Windows"}, {"linux", "Linux"}, {"macos", "macOS"}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(os, names[i].id) == 0)
            return names[i].name;
    return os;
}

void nb_check_platform_label(const nb_check_platform *p, char *buf, size_t n)
{
    const char *sys = p->version[0] ? p->version : os_name(p->os);
    if (p->computer[0] && sys[0])
        snprintf(buf, n, "%s (%s)", p->computer, sys);
    else
        snprintf(buf, n, "%s", p->computer[0] ? p->computer : sys);
}

static void copy_member(const cJSON *o, const char *key, char *out, size_t n)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    snprintf(out, n, "%s", cJSON_IsString(v) && v->valuestring ? v->valuestring : "");
}

bool nb_check_platform_from_json(const cJSON *result, nb_check_platform *out)
{
    memset(out, 0, sizeof *out);
    const cJSON *p = cJSON_GetObjectItemCaseSensitive(result, "platform");
    if (!cJSON_IsObject(p))
        return false;
    copy_member(p, "os", out->os, sizeof out->os);
    copy_member(p, "version", out->version, sizeof out->version);
    copy_member(p, "computer", out->computer, sizeof out->computer);
    return true;
}

/* ---- reading a result ------------------------------------------------- */

nb_result_status nb_check_result_parse(const nb_definition *def, const char *data, size_t len,
                                       const char *name, nb_date today, char **json,
                                       nb_result_info *info, nb_error *err)
{
    nb_result_info local;
    if (!info)
        info = &local;
    memset(info, 0, sizeof *info);
    *json = NULL;
    if (len > NB_CHECK_RESULT_MAX_BYTES) {
        nb_error_set(err, "結果ファイル %s が大きすぎます (%zu バイト)。確認プログラムが書いた .json ファイルか確かめてください。",
                     name, len);
        return NB_RESULT_REFUSED;
    }
    /* Notepad and other Windows programs may put a BOM first. */
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    if (memchr(data, '\0', len) || !nb_utf8_valid(data, len)) {
        nb_error_set(err, "結果ファイル %s は UTF-8 の文字として読めません (壊れているか、別の種類のファイルです)。確認プログラムが書いた .json ファイルを指定してください。",
                     name);
        return NB_RESULT_REFUSED;
    }
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(data, len, &end, false);
    if (root && end)
        while (end < data + len && (*end == ' ' || *end == '\t' || *end == '\r' || *end == '\n'))
            end++;
    if (!root || end != data + len) {
        size_t at = end && end >= data && end <= data + len ? (size_t)(end - data) : len;
        nb_error_set(err, "結果ファイル %s は JSON として読めません (%d 行目)。途中で切れているか壊れています。確認プログラムでもう一度作り直してください。",
                     name, line_at(data, at));
        cJSON_Delete(root);
        return NB_RESULT_REFUSED;
    }
    if (!check_contract(def, root, name, today, info, err)) {
        cJSON_Delete(root);
        return NB_RESULT_REFUSED;
    }
    *json = cJSON_Print(root);
    cJSON_Delete(root);
    if (!*json) {
        nb_error_set(err, "結果ファイル %s を読み込めませんでした (メモリ不足)。ほかのアプリを閉じてから、もう一度読み込んでください。", name);
        return NB_RESULT_REFUSED;
    }
    return NB_RESULT_OK;
}

nb_result_status nb_check_result_load(const nb_definition *def, const char *path, nb_date today,
                                      char **json, nb_result_info *info, nb_error *err)
{
    size_t len = 0;
    nb_error rerr = {{0}};
    *json = NULL;
    char *data = nb_read_file(path, NB_CHECK_RESULT_MAX_BYTES, &len, &rerr);
    if (!data) {
        *err = rerr; /* names the file and what to do */
        return NB_RESULT_UNREADABLE;
    }
    nb_result_status st = nb_check_result_parse(def, data, len, path, today, json, info, err);
    free(data);
    return st;
}
