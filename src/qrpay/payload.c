/* The answers <-> the text of one QR code (see nanbyo/qrpayload.h and
 * docs/export.md). The JSON is positional: names cost bytes, and the
 * definition already fixes the order of the fields, so only values
 * travel. Counts in the header let the decoder check the array's length
 * exactly before it trusts a single position. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include <zlib.h>
#include "nanbyo/qrpayload.h"
#include "nanbyo/xalloc.h"

/* header: tag, survey, saved_at, field count, item count, check count */
enum { H_TAG, H_SURVEY, H_SAVED, H_NF, H_NI, H_NC, H_LEN };
static const char *const item_members[4] = {"category", "description", "quantity", "unit_price"};

static cJSON *value_or_null(const cJSON *v)
{
    return v ? cJSON_Duplicate(v, true) : cJSON_CreateNull();
}

static cJSON *positional(const nb_definition *def, const cJSON *root)
{
    const cJSON *fields = cJSON_GetObjectItemCaseSensitive(root, "fields");
    const cJSON *items = cJSON_GetObjectItemCaseSensitive(root, "items");
    const cJSON *pc = cJSON_GetObjectItemCaseSensitive(root, "pc_check");
    const cJSON *checks = cJSON_GetObjectItemCaseSensitive(pc, "checks");
    int ni = cJSON_IsArray(items) ? cJSON_GetArraySize(items) : 0;
    int nc = cJSON_IsArray(checks) ? cJSON_GetArraySize(checks) : 0;
    cJSON *arr = cJSON_CreateArray();
    cJSON_AddItemToArray(arr, cJSON_CreateString(NB_QRPAY_TAG));
    cJSON_AddItemToArray(arr, value_or_null(cJSON_GetObjectItemCaseSensitive(root, "survey")));
    cJSON_AddItemToArray(arr, value_or_null(cJSON_GetObjectItemCaseSensitive(root, "saved_at")));
    cJSON_AddItemToArray(arr, cJSON_CreateNumber((double)def->n_fields));
    cJSON_AddItemToArray(arr, cJSON_CreateNumber(ni));
    cJSON_AddItemToArray(arr, cJSON_CreateNumber(nc));
    for (size_t i = 0; i < def->n_fields; i++)
        cJSON_AddItemToArray(arr, value_or_null(cJSON_GetObjectItemCaseSensitive(fields, def->fields[i].id)));
    const cJSON *it;
    cJSON_ArrayForEach(it, (cJSON_IsArray(items) ? items : NULL))
    {
        for (int m = 0; m < 4; m++)
            cJSON_AddItemToArray(arr, value_or_null(cJSON_GetObjectItemCaseSensitive(it, item_members[m])));
    }
    cJSON_AddItemToArray(arr, value_or_null(cJSON_GetObjectItemCaseSensitive(pc, "checked_at")));
    const cJSON *c;
    cJSON_ArrayForEach(c, (nc ? checks : NULL))
    {
        cJSON_AddItemToArray(arr, value_or_null(cJSON_GetObjectItemCaseSensitive(c, "id")));
        cJSON_AddItemToArray(arr, value_or_null(cJSON_GetObjectItemCaseSensitive(c, "status")));
    }
    return arr;
}

char *nb_qrpay_encode(const nb_definition *def, const nb_answers *a, nb_error *err)
{
    char *dump = nb_answers_dump(a);
    cJSON *root = dump ? cJSON_Parse(dump) : NULL;
    free(dump);
    if (!root) {
        nb_error_set(err, "回答を QR コードにできませんでした (回答を読み直せません)。");
        return NULL;
    }
    cJSON *arr = positional(def, root);
    cJSON_Delete(root);
    char *json = cJSON_PrintUnformatted(arr);
    cJSON_Delete(arr);
    if (!json)
        nb_xalloc_die(); /* cJSON's only failure here is memory */
    uLong n = (uLong)strlen(json);
    uLongf zlen = compressBound(n);
    unsigned char *z = xmalloc(zlen);
    int zrc = compress2(z, &zlen, (const Bytef *)json, n, Z_BEST_COMPRESSION);
    free(json);
    if (zrc != Z_OK) {
        free(z);
        nb_error_set(err, "回答を QR コードにできませんでした (圧縮に失敗しました)。");
        return NULL;
    }
    char *body = nb_base45_encode(z, zlen);
    free(z);
    size_t blen = strlen(body);
    unsigned long crc = crc32(0L, (const Bytef *)body, (uInt)blen);
    char *text = xasprintf(NB_QRPAY_TAG ".%08lX.%s", crc & 0xFFFFFFFFUL, body);
    free(body);
    if (strlen(text) > NB_QRPAY_MAX_TEXT) {
        free(text);
        nb_error_set(err, "回答が多すぎて QR コード 1つに入りません (印刷した回答がそのまま有効です)。");
        return NULL;
    }
    return text;
}

/* Inflate at most NB_QRPAY_MAX_JSON bytes: more is a deflate bomb. */
static char *inflate_bounded(const unsigned char *z, size_t zlen, size_t *out_len, nb_error *err)
{
    char *out = xmalloc(NB_QRPAY_MAX_JSON + 1);
    z_stream s = {0};
    if (inflateInit(&s) != Z_OK)
        nb_xalloc_die(); /* Z_MEM_ERROR: the header and the library are one Debian package */
    s.next_in = (Bytef *)z;
    s.avail_in = (uInt)zlen;
    s.next_out = (Bytef *)out;
    s.avail_out = NB_QRPAY_MAX_JSON;
    int rc = inflate(&s, Z_FINISH);
    size_t got = NB_QRPAY_MAX_JSON - s.avail_out;
    bool left = s.avail_in != 0;
    inflateEnd(&s);
    if (rc == Z_STREAM_END && !left) {
        out[got] = '\0';
        *out_len = got;
        return out;
    }
    free(out);
    if (rc == Z_BUF_ERROR && got == NB_QRPAY_MAX_JSON)
        nb_error_set(err, "QR コードの中身が大きすぎます (展開すると %d バイトを超えます)。回答の QR コードではありません。",
                     NB_QRPAY_MAX_JSON);
    else
        nb_error_set(err, "QR コードの中身が壊れています (圧縮データを展開できません)。");
    return NULL;
}

static bool count_at(const cJSON *arr, int at, int limit, int *out)
{
    const cJSON *v = cJSON_GetArrayItem(arr, at);
    if (!cJSON_IsNumber(v) || v->valuedouble < 0 || v->valuedouble > limit ||
        v->valuedouble != (double)(int)v->valuedouble)
        return false;
    *out = (int)v->valuedouble;
    return true;
}

/* Checks tag, checksum, compression and shape; returns the array. */
static cJSON *unpack(const char *text, size_t len, int *nf, int *ni, int *nc, nb_error *err)
{
    const size_t head = sizeof NB_QRPAY_TAG - 1 + 1 + 8 + 1; /* "NBQ1." hex8 "." */
    if (len > NB_QRPAY_MAX_TEXT || len < head || memcmp(text, "NBQ", 3) != 0) {
        nb_error_set(err, "この QR コードは nanbyo-survey の回答ではありません。");
        return NULL;
    }
    if (memcmp(text, NB_QRPAY_TAG ".", sizeof NB_QRPAY_TAG) != 0) {
        nb_error_set(err, "QR コードの形式 (%.4s) はこの版では読めません。nanbyo-survey を新しくしてください。", text);
        return NULL;
    }
    char hex[9];
    memcpy(hex, text + sizeof NB_QRPAY_TAG, 8);
    hex[8] = '\0';
    char *end;
    unsigned long want = strtoul(hex, &end, 16);
    const char *body = text + head;
    size_t blen = len - head;
    if (*end || text[head - 1] != '.' ||
        (crc32(0L, (const Bytef *)body, (uInt)blen) & 0xFFFFFFFFUL) != want) {
        nb_error_set(err, "QR コードのチェックサムが合いません (読み取りが不完全です)。回答としては使いません。");
        return NULL;
    }
    unsigned char *z;
    long zlen = nb_base45_decode(body, blen, &z);
    if (zlen < 0) {
        nb_error_set(err, "QR コードの中身が壊れています (base45 ではありません)。");
        return NULL;
    }
    size_t jlen;
    char *json = inflate_bounded(z, (size_t)zlen, &jlen, err);
    free(z);
    if (!json)
        return NULL;
    cJSON *arr = cJSON_ParseWithLength(json, jlen);
    free(json);
    int size = cJSON_IsArray(arr) ? cJSON_GetArraySize(arr) : 0;
    const cJSON *tag = cJSON_GetArrayItem(arr, H_TAG);
    const cJSON *survey = cJSON_GetArrayItem(arr, H_SURVEY);
    const cJSON *saved = cJSON_GetArrayItem(arr, H_SAVED);
    /* counts are checked against the array's real length before any use:
     * a code claiming 10^9 items is refused here, nothing is allocated */
    if (size < H_LEN + 1 || !cJSON_IsString(tag) || strcmp(tag->valuestring, NB_QRPAY_TAG) != 0 ||
        !cJSON_IsString(survey) || !(cJSON_IsString(saved) || cJSON_IsNull(saved)) ||
        !count_at(arr, H_NF, size, nf) || !count_at(arr, H_NI, size, ni) ||
        !count_at(arr, H_NC, size, nc) ||
        (long)size != (long)H_LEN + *nf + 4L * *ni + 1 + 2L * *nc) {
        cJSON_Delete(arr);
        nb_error_set(err, "QR コードの中身が回答の形になっていません (項目の数が合いません)。");
        return NULL;
    }
    return arr;
}

char *nb_qrpay_survey(const char *text, size_t len, nb_error *err)
{
    int nf, ni, nc;
    cJSON *arr = unpack(text, len, &nf, &ni, &nc, err);
    if (!arr)
        return NULL;
    char *id = xstrdup(cJSON_GetArrayItem(arr, H_SURVEY)->valuestring);
    cJSON_Delete(arr);
    return id;
}

static void add_unless_null(cJSON *obj, const char *key, const cJSON *v)
{
    if (!cJSON_IsNull(v))
        cJSON_AddItemToObject(obj, key, cJSON_Duplicate(v, true));
}

nb_answers *nb_qrpay_decode(const nb_definition *def, const char *text, size_t len, nb_error *err)
{
    int nf, ni, nc;
    cJSON *arr = unpack(text, len, &nf, &ni, &nc, err);
    if (!arr)
        return NULL;
    const char *survey = cJSON_GetArrayItem(arr, H_SURVEY)->valuestring;
    if (strcmp(survey, def->id) != 0 || (size_t)nf != def->n_fields) {
        nb_error_set(err, "QR コードの調査 (%.64s、項目 %d) が調査定義 %s (項目 %zu) と合いません。--form で調査を指定してください。",
                     survey, nf, def->id, def->n_fields);
        cJSON_Delete(arr);
        return NULL;
    }
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "format", NB_ANSWERS_FORMAT);
    cJSON_AddStringToObject(root, "survey", survey);
    add_unless_null(root, "saved_at", cJSON_GetArrayItem(arr, H_SAVED));
    /* walk the array once: positions follow the header's counts */
    const cJSON *v = cJSON_GetArrayItem(arr, H_LEN);
    cJSON *fields = cJSON_AddObjectToObject(root, "fields");
    for (int i = 0; i < nf; i++, v = v->next)
        add_unless_null(fields, def->fields[i].id, v);
    cJSON *items = cJSON_AddArrayToObject(root, "items");
    for (int i = 0; i < ni; i++) {
        cJSON *it = cJSON_CreateObject();
        for (int m = 0; m < 4; m++, v = v->next)
            add_unless_null(it, item_members[m], v);
        cJSON_AddItemToArray(items, it);
    }
    const cJSON *checked_at = v;
    v = v->next;
    if (nc > 0 || !cJSON_IsNull(checked_at)) {
        cJSON *pc = cJSON_AddObjectToObject(root, "pc_check");
        add_unless_null(pc, "checked_at", checked_at);
        cJSON *checks = cJSON_AddArrayToObject(pc, "checks");
        for (int i = 0; i < nc; i++) {
            cJSON *c = cJSON_CreateObject();
            add_unless_null(c, "id", v);
            v = v->next;
            add_unless_null(c, "status", v);
            v = v->next;
            cJSON_AddItemToArray(checks, c);
        }
    }
    cJSON_Delete(arr);
    char *json = cJSON_Print(root);
    cJSON_Delete(root);
    if (!json)
        nb_xalloc_die(); /* cJSON's only failure here is memory */
    nb_answers *a = nb_answers_parse(json, strlen(json), "QR コード", err);
    free(json);
    return a;
}
