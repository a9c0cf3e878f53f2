/* The answers document (README.md, "Answers file") held as a cJSON tree, so that
 * members this version does not know are kept on save (byte for byte, and
 * numbers with their own text: answers_source.c). Accessors give the
 * typed view the rest of the program needs. The document remembers the
 * identity of the file it came from, so a save never overwrites a version
 * written by someone else meanwhile: that save goes beside it. */
#include "nanbyo/answers.h"
#include <cjson/cJSON.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include "answers_source.h"
#include "nanbyo/atomic_file.h"
#include "nanbyo/date.h"
#include "nanbyo/utf8.h"
#include "nanbyo/xalloc.h"
#include "nanbyo/yen.h"
#include "nanbyo/quote.h"

#define ANSWERS_MAX_BYTES (16u << 20)
#define FORMAT_PREFIX "nanbyo-survey-answers/"

/* cJSON arrays are linked lists: reaching item i from the head takes i
 * steps, so every walk over the items by index was quadratic (100,000
 * items took minutes). The last place reached is remembered; a walk in
 * order goes on from it. Anything that changes the array resets it. */
typedef struct {
    const cJSON *array;
    cJSON *node;
    size_t index;
} item_cursor;

struct nb_answers {
    cJSON *root;
    item_cursor cursor_store;
    item_cursor *cursor; /* = &cursor_store: movable through a const nb_answers */
    /* The file this document was read from or last saved to, and what it
     * was then (exists, device, inode, size, mtime). */
    char *bound;
    bool bound_exists;
    struct stat bound_st;
    char *diverted_from; /* the file it was meant for, after a save beside */
    nb_raw_keys keys;    /* keys as the file spelled them */
};

static cJSON *ensure(cJSON *parent, const char *key, bool array)
{
    cJSON *v = cJSON_GetObjectItemCaseSensitive(parent, key);
    if (v && (array ? cJSON_IsArray(v) : cJSON_IsObject(v)))
        return v;
    if (v)
        cJSON_DeleteItemFromObjectCaseSensitive(parent, key);
    v = array ? cJSON_CreateArray() : cJSON_CreateObject();
    cJSON_AddItemToObject(parent, key, v);
    return v;
}

nb_answers *nb_answers_new(const char *survey_id)
{
    nb_answers *a = xcalloc(1, sizeof *a);
    a->cursor = &a->cursor_store;
    a->root = cJSON_CreateObject();
    cJSON_AddStringToObject(a->root, "format", NB_ANSWERS_FORMAT);
    cJSON_AddStringToObject(a->root, "survey", survey_id ? survey_id : "");
    cJSON_AddStringToObject(a->root, "saved_at", "");
    cJSON_AddItemToObject(a->root, "fields", cJSON_CreateObject());
    cJSON_AddItemToObject(a->root, "items", cJSON_CreateArray());
    return a;
}

static int line_of(const char *data, const char *at)
{
    int line = 1;
    for (const char *p = data; p < at && *p; p++)
        if (*p == '\n')
            line++;
    return line;
}

nb_answers *nb_answers_parse(const char *data, size_t len, const char *name, nb_error *err)
{
    if (len == 0) {
        nb_error_set(err, "回答ファイル %s が空です。保存し直すか、別のファイルを指定してください。", name);
        return NULL;
    }
    if (!nb_utf8_valid(data, len) || memchr(data, '\0', len)) {
        nb_error_set(err, "回答ファイル %s は UTF-8 の文字列ではありません (壊れているか、別の形式のファイルです)。", name);
        return NULL;
    }
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(data, len, &end, false);
    const char *at = root ? end : NULL;
    while (at && at < data + len && (*at == ' ' || *at == '\t' || *at == '\r' || *at == '\n'))
        at++;
    if (root && at != data + len) {
        /* Something after the JSON value: a concatenated or damaged file. */
        cJSON_Delete(root);
        root = NULL;
    } else if (!root) {
        at = cJSON_GetErrorPtr();
    }
    if (!root) {
        int line = (at && at >= data && at <= data + len) ? line_of(data, at) : 0;
        nb_error_set(err, "回答ファイル %s の %d 行目付近が JSON として読めません (途中で切れているか、壊れています)。バックアップから戻すか、回答し直してください。",
                     name, line);
        return NULL;
    }
    const cJSON *fmt = cJSON_GetObjectItemCaseSensitive(root, "format");
    if (!cJSON_IsObject(root) || !cJSON_IsString(fmt) ||
        strncmp(fmt->valuestring, FORMAT_PREFIX, strlen(FORMAT_PREFIX)) != 0) {
        cJSON_Delete(root);
        nb_error_set(err, "%s は nanbyo-survey の回答ファイルではありません (\"format\": \"%s\" がありません)。", name,
                     NB_ANSWERS_FORMAT);
        return NULL;
    }
    const char *ver = fmt->valuestring + strlen(FORMAT_PREFIX);
    char *vend = NULL;
    long v = strtol(ver, &vend, 10);
    if (vend == ver || *vend || v < 1) {
        nb_error_set(err, "回答ファイル %s の形式「%s」が読めません。", name, NB_QUOTED(fmt->valuestring, 60));
        cJSON_Delete(root);
        return NULL;
    }
    if (v > 1) {
        nb_error_set(err, "回答ファイル %s は新しい版のプログラム (形式 %s) で保存されています。nanbyo-survey を新しい版に更新してから開いてください。",
                     name, NB_QUOTED(fmt->valuestring, 60));
        cJSON_Delete(root);
        return NULL;
    }
    const cJSON *fields = cJSON_GetObjectItemCaseSensitive(root, "fields");
    const cJSON *items = cJSON_GetObjectItemCaseSensitive(root, "items");
    if ((fields && !cJSON_IsObject(fields)) || (items && !cJSON_IsArray(items))) {
        cJSON_Delete(root);
        nb_error_set(err, "回答ファイル %s の \"%s\" の形が正しくありません。", name,
                     fields && !cJSON_IsObject(fields) ? "fields" : "items");
        return NULL;
    }
    const char *bad = NULL;
    nb_raw_keys keys = {0};
    if (nb_answers_keep_source(root, data, len, &keys, &bad) != 0) {
        nb_raw_keys_free(&keys);
        cJSON_Delete(root);
        nb_error_set(err, "回答ファイル %s の %d 行目に NUL 文字 (\\u0000) があります。この文字は扱えないため開きません。その文字を消してから開いてください。",
                     name, line_of(data, bad));
        return NULL;
    }
    nb_answers *a = xcalloc(1, sizeof *a);
    a->cursor = &a->cursor_store;
    a->root = root;
    a->keys = keys;
    ensure(root, "fields", false);
    ensure(root, "items", true);
    return a;
}

nb_answers *nb_answers_load(const char *path, nb_error *err)
{
    size_t len = 0;
    nb_error rerr = {{0}};
    struct stat st;
    char *data = nb_read_file_stat(path, ANSWERS_MAX_BYTES, &len, &st, &rerr);
    if (!data) {
        nb_error_set(err, "回答ファイルを読めません。%s", rerr.msg);
        return NULL;
    }
    nb_answers *a = nb_answers_parse(data, len, path, err);
    free(data);
    if (a) {
        a->bound = xstrdup(path);
        a->bound_exists = true;
        a->bound_st = st;
    }
    return a;
}

void nb_answers_bind(nb_answers *a, const char *path)
{
    free(a->bound);
    a->bound = xstrdup(path);
    a->bound_exists = stat(path, &a->bound_st) == 0;
}

const char *nb_answers_path(const nb_answers *a)
{
    return a->bound;
}

static bool same_file(const struct stat *x, const struct stat *y)
{
    return x->st_dev == y->st_dev && x->st_ino == y->st_ino && x->st_size == y->st_size &&
           x->st_mtim.tv_sec == y->st_mtim.tv_sec && x->st_mtim.tv_nsec == y->st_mtim.tv_nsec;
}

/* Someone else wrote path since we read or saved it (a file that has gone
 * is no conflict: writing it again loses nobody's work). */
static bool changed_underneath(const nb_answers *a, const char *path)
{
    struct stat now;
    if (!a->bound || strcmp(a->bound, path) != 0 || stat(path, &now) != 0)
        return false;
    return !a->bound_exists || !same_file(&now, &a->bound_st);
}

/* "<folder>/<name>-別保存-YYYYMMDD-HHMMSS[-n].json", a name not taken yet. */
static char *beside_name(const char *path)
{
    char stamp[32];
    nb_now_jst("%Y%m%d-%H%M%S", stamp, sizeof stamp);
    size_t n = strlen(path);
    size_t stem = n > 5 && strcmp(path + n - 5, ".json") == 0 ? n - 5 : n;
    size_t cap = stem + 64;
    char *out = xmalloc(cap);
    for (int k = 1; k < 100; k++) {
        if (k == 1)
            snprintf(out, cap, "%.*s-別保存-%s.json", (int)stem, path, stamp);
        else
            snprintf(out, cap, "%.*s-別保存-%s-%d.json", (int)stem, path, stamp, k);
        struct stat st;
        if (lstat(out, &st) != 0 && errno == ENOENT)
            return out;
    }
    free(out);
    return NULL;
}

char *nb_answers_to_json(nb_answers *a)
{
    char stamp[40];
    nb_now_jst(NB_ISO_JST_FORMAT, stamp, sizeof stamp);
    cJSON *s = cJSON_GetObjectItemCaseSensitive(a->root, "saved_at");
    if (s)
        cJSON_ReplaceItemInObjectCaseSensitive(a->root, "saved_at", cJSON_CreateString(stamp));
    else
        cJSON_AddStringToObject(a->root, "saved_at", stamp);
    return nb_answers_print(a->root, &a->keys, true);
}

char *nb_answers_dump(const nb_answers *a)
{
    return nb_answers_print(a->root, &a->keys, true);
}

int nb_answers_save(nb_answers *a, const char *path, nb_error *err)
{
    /* after a save beside, the document lives in that file */
    if (a->diverted_from && strcmp(path, a->diverted_from) == 0 && a->bound)
        path = a->bound;
    char *beside = NULL;
    if (changed_underneath(a, path)) {
        beside = beside_name(path);
        if (!beside) {
            nb_error_set(err, "回答ファイル %s が開いた後にほかで書き換えられていたため上書きせず、別の名前でも保存できませんでした。%s",
                         path, nb_errno_text(errno ? errno : EEXIST));
            return -1;
        }
    }
    char *json = nb_answers_to_json(a);
    if (!json) {
        free(beside);
        nb_error_set(err, "回答を保存用の形にできませんでした (メモリ不足)。");
        return -1;
    }
    size_t len = strlen(json);
    json[len] = '\n';
    struct stat written;
    const char *target = beside ? beside : path;
    int rc = nb_atomic_write_stat(target, json, len + 1, 0600, &written, err);
    free(json);
    if (rc != 0) {
        free(beside);
        return -1;
    }
    if (beside) {
        free(a->diverted_from);
        a->diverted_from = xstrdup(path);
        nb_error_set(err, "回答ファイル %s が開いた後にほかで書き換えられていたため、上書きせずに %s に保存しました。", path,
                     beside);
    }
    if (!a->bound || strcmp(a->bound, target) != 0) {
        free(a->bound);
        a->bound = xstrdup(target);
    }
    a->bound_exists = true;
    a->bound_st = written;
    bool diverted = beside != NULL;
    free(beside);
    return diverted ? 1 : 0;
}

void nb_answers_free(nb_answers *a)
{
    if (!a)
        return;
    cJSON_Delete(a->root);
    free(a->bound);
    free(a->diverted_from);
    nb_raw_keys_free(&a->keys);
    free(a);
}

static const char *str_member(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : "";
}

const char *nb_answers_survey(const nb_answers *a) { return str_member(a->root, "survey"); }
const char *nb_answers_saved_at(const nb_answers *a) { return str_member(a->root, "saved_at"); }

static bool plain_integer(const char *s)
{
    if (*s == '-')
        s++;
    if (!*s)
        return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return false;
    return true;
}

/* A whole number in decimal: value_text() runs for every item's quantity
 * and price on every pass, where snprintf's format parsing was most of
 * its cost. |v| < 2^53 here. */
static char *integer_text(long long v)
{
    char buf[24], *p = buf + sizeof buf;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    *--p = '\0';
    do
        *--p = (char)('0' + u % 10);
    while ((u /= 10) > 0);
    if (v < 0)
        *--p = '-';
    return xstrdup(p);
}

/* A JSON value as text: strings as is, integral numbers without a decimal
 * point, other numbers with one (so validation can reject them). */
static char *value_text(const cJSON *v)
{
    char buf[64];
    if (cJSON_IsString(v))
        return xstrdup(v->valuestring);
    if (cJSON_IsBool(v))
        return xstrdup(cJSON_IsTrue(v) ? "true" : "false");
    if (nb_json_is_number(v)) {
        double d = v->valuedouble;
        if (d == floor(d) && fabs(d) < 9007199254740992.0)
            return integer_text((long long)d);
        if (cJSON_IsRaw(v) && plain_integer(v->valuestring))
            return xstrdup(v->valuestring); /* exact, beyond a double's 2^53 */
        else if (isfinite(d) && d == floor(d))
            snprintf(buf, sizeof buf, "%.0f", d);
        else
            snprintf(buf, sizeof buf, "%.6f", d);
        return xstrdup(buf);
    }
    return NULL;
}

static const cJSON *field_node(const nb_answers *a, const char *id)
{
    return cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(a->root, "fields"), id);
}

char *nb_answers_get(const nb_answers *a, const char *id) { return value_text(field_node(a, id)); }

bool nb_answers_has(const nb_answers *a, const char *id)
{
    const cJSON *v = field_node(a, id);
    return v && !cJSON_IsNull(v);
}

char nb_answers_type(const nb_answers *a, const char *id)
{
    const cJSON *v = field_node(a, id);
    if (!v || cJSON_IsNull(v))
        return '0';
    if (cJSON_IsString(v))
        return 's';
    if (nb_json_is_number(v))
        return 'n';
    if (cJSON_IsBool(v))
        return 'b';
    return '?';
}

static void set_field(nb_answers *a, const char *id, cJSON *v)
{
    cJSON *fields = ensure(a->root, "fields", false);
    if (cJSON_GetObjectItemCaseSensitive(fields, id))
        cJSON_ReplaceItemInObjectCaseSensitive(fields, id, v);
    else
        cJSON_AddItemToObject(fields, id, v);
}

void nb_answers_set_string(nb_answers *a, const char *id, const char *value)
{
    set_field(a, id, cJSON_CreateString(value ? value : ""));
}

void nb_answers_set_int(nb_answers *a, const char *id, int64_t value)
{
    set_field(a, id, cJSON_CreateNumber((double)value));
}

void nb_answers_set_bool(nb_answers *a, const char *id, bool value)
{
    set_field(a, id, cJSON_CreateBool(value));
}

void nb_answers_unset(nb_answers *a, const char *id)
{
    cJSON_DeleteItemFromObjectCaseSensitive(ensure(a->root, "fields", false), id);
}

static cJSON *items_node(const nb_answers *a)
{
    return cJSON_GetObjectItemCaseSensitive(a->root, "items");
}

static cJSON *item_at(const nb_answers *a, size_t i)
{
    const cJSON *items = items_node(a);
    item_cursor *c = a->cursor;
    if (!cJSON_IsArray(items))
        return NULL;
    if (c->array != items || !c->node || i < c->index) {
        c->array = items;
        c->node = items->child;
        c->index = 0;
    }
    while (c->node && c->index < i) {
        c->node = c->node->next;
        c->index++;
    }
    return c->node && c->index == i ? c->node : NULL;
}

static void items_changed(nb_answers *a)
{
    *a->cursor = (item_cursor){0};
}

size_t nb_answers_item_count(const nb_answers *a)
{
    return (size_t)cJSON_GetArraySize(items_node(a));
}

char *nb_answers_item_raw(const nb_answers *a, size_t i, const char *member)
{
    const cJSON *it = item_at(a, i);
    return value_text(cJSON_GetObjectItemCaseSensitive(it, member));
}

void nb_answers_item_get(const nb_answers *a, size_t i, nb_item *it)
{
    char *cat = nb_answers_item_raw(a, i, "category");
    char *desc = nb_answers_item_raw(a, i, "description");
    char *q = nb_answers_item_raw(a, i, "quantity");
    char *p = nb_answers_item_raw(a, i, "unit_price");
    it->category = cat ? cat : xstrdup("");
    it->description = desc ? desc : xstrdup("");
    it->quantity_ok = q && nb_count_parse(q, 1000000, &it->quantity) == NB_NUM_OK;
    it->unit_price_ok = p && nb_yen_parse(p, &it->unit_price) == NB_NUM_OK;
    if (!it->quantity_ok)
        it->quantity = 0;
    if (!it->unit_price_ok)
        it->unit_price = 0;
    free(q);
    free(p);
}

void nb_item_clear(nb_item *it)
{
    free(it->category);
    free(it->description);
    it->category = it->description = NULL;
}

static void fill_item(cJSON *o, const nb_item *it)
{
    const char *keys[] = {"category", "description", "quantity", "unit_price"};
    cJSON *vals[] = {cJSON_CreateString(it->category ? it->category : ""),
                     cJSON_CreateString(it->description ? it->description : ""),
                     cJSON_CreateNumber((double)it->quantity), cJSON_CreateNumber((double)it->unit_price)};
    for (size_t k = 0; k < 4; k++) {
        if (cJSON_GetObjectItemCaseSensitive(o, keys[k]))
            cJSON_ReplaceItemInObjectCaseSensitive(o, keys[k], vals[k]);
        else
            cJSON_AddItemToObject(o, keys[k], vals[k]);
    }
}

void nb_answers_item_set(nb_answers *a, size_t i, const nb_item *it)
{
    cJSON *o = item_at(a, i);
    if (!cJSON_IsObject(o)) {
        items_changed(a);
        o = cJSON_CreateObject();
        cJSON_ReplaceItemInArray(items_node(a), (int)i, o);
    }
    fill_item(o, it);
}

size_t nb_answers_item_add(nb_answers *a, const nb_item *it)
{
    cJSON *o = cJSON_CreateObject();
    fill_item(o, it);
    items_changed(a);
    cJSON_AddItemToArray(ensure(a->root, "items", true), o);
    return nb_answers_item_count(a) - 1;
}

void nb_answers_item_set_member(nb_answers *a, size_t i, const char *member, const char *text,
                                const int64_t *number)
{
    cJSON *o = item_at(a, i);
    if (!cJSON_IsObject(o))
        return;
    cJSON_DeleteItemFromObjectCaseSensitive(o, member);
    if (number)
        cJSON_AddItemToObject(o, member, cJSON_CreateNumber((double)*number));
    else if (text)
        cJSON_AddItemToObject(o, member, cJSON_CreateString(text));
}

void nb_answers_item_delete(nb_answers *a, size_t i)
{
    items_changed(a);
    cJSON_DeleteItemFromArray(items_node(a), (int)i);
}

char *nb_answers_section_get(const nb_answers *a, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(a->root, key);
    return v ? cJSON_PrintUnformatted(v) : NULL;
}

int nb_answers_section_set(nb_answers *a, const char *key, const char *json)
{
    static const char *const reserved[] = {"format", "survey", "saved_at", "fields", "items"};
    for (size_t i = 0; i < sizeof reserved / sizeof reserved[0]; i++)
        if (strcmp(key, reserved[i]) == 0)
            return -1;
    if (!json) {
        cJSON_DeleteItemFromObjectCaseSensitive(a->root, key);
        return 0;
    }
    cJSON *v = cJSON_Parse(json);
    if (!v)
        return -1;
    if (cJSON_GetObjectItemCaseSensitive(a->root, key))
        cJSON_ReplaceItemInObjectCaseSensitive(a->root, key, v);
    else
        cJSON_AddItemToObject(a->root, key, v);
    return 0;
}
