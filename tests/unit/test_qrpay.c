/* The QR payload (src/qrpay): base45 against RFC 9285's examples, the
 * answers round trip (fields, items, PC-check verdicts, names outside JIS
 * X 0208), and hostile codes: a cut or altered text, a deflate bomb, a
 * code claiming 10^9 items, a newer format, the wrong survey, random
 * bytes. Each hostile case must return NULL with one sentence. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include <zlib.h>
#include "nanbyo/atomic_file.h"
#include "nanbyo/qrpayload.h"

static nb_definition *yamaguchi(void)
{
    nb_error err = {{0}};
    nb_definition *d = nb_def_load("forms/yamaguchi-r8.yaml", &err);
    assert_non_null(d);
    return d;
}

static nb_answers *load(const char *path)
{
    nb_error err = {{0}};
    nb_answers *a = nb_answers_load(path, &err);
    assert_non_null(a);
    return a;
}

static void base45_rfc_examples(void **state)
{
    (void)state;
    static const struct { const char *plain, *coded; } ex[] = {
        {"AB", "BB8"}, {"Hello!!", "%69 VD92EX0"}, {"base-45", "UJCLQE7W581"}, {"ietf!", "QED8WEX0"}, {"", ""}};
    for (size_t i = 0; i < sizeof ex / sizeof ex[0]; i++) {
        char *c = nb_base45_encode((const unsigned char *)ex[i].plain, strlen(ex[i].plain));
        assert_string_equal(c, ex[i].coded);
        free(c);
        unsigned char *back;
        long n = nb_base45_decode(ex[i].coded, strlen(ex[i].coded), &back);
        assert_int_equal(n, (long)strlen(ex[i].plain));
        assert_memory_equal(back, ex[i].plain, (size_t)n);
        free(back);
    }
    unsigned char *out;
    assert_int_equal(nb_base45_decode("GGW", 3, &out), -1);  /* 65536+ */
    assert_int_equal(nb_base45_decode("BB", 2, &out), -1);   /* 2 chars over 255 */
    assert_int_equal(nb_base45_decode("BB8B", 4, &out), -1); /* one char left */
    assert_int_equal(nb_base45_decode("bb8", 3, &out), -1);  /* lower case */
    assert_int_equal(nb_base45_decode("B\0" "8", 3, &out), -1);
}

/* The members the round trip promises: fields, items and verdicts. */
static void assert_same_answers(const nb_answers *x, const nb_answers *y)
{
    char *dx = nb_answers_dump(x), *dy = nb_answers_dump(y);
    cJSON *jx = cJSON_Parse(dx), *jy = cJSON_Parse(dy);
    free(dx);
    free(dy);
    static const char *const keys[] = {"survey", "saved_at", "fields", "items"};
    for (size_t i = 0; i < 4; i++)
        assert_true(cJSON_Compare(cJSON_GetObjectItem(jx, keys[i]), cJSON_GetObjectItem(jy, keys[i]), true));
    const cJSON *cx = cJSON_GetObjectItem(cJSON_GetObjectItem(jx, "pc_check"), "checks");
    const cJSON *cy = cJSON_GetObjectItem(cJSON_GetObjectItem(jy, "pc_check"), "checks");
    assert_int_equal(cJSON_GetArraySize(cx), cJSON_GetArraySize(cy));
    for (int i = 0; i < cJSON_GetArraySize(cx); i++) {
        const cJSON *a = cJSON_GetArrayItem(cx, i), *b = cJSON_GetArrayItem(cy, i);
        assert_string_equal(cJSON_GetObjectItem(a, "id")->valuestring, cJSON_GetObjectItem(b, "id")->valuestring);
        assert_string_equal(cJSON_GetObjectItem(a, "status")->valuestring,
                            cJSON_GetObjectItem(b, "status")->valuestring);
    }
    cJSON_Delete(jx);
    cJSON_Delete(jy);
}

static void round_trip_file(const nb_definition *def, const char *path)
{
    nb_answers *a = load(path);
    nb_error err = {{0}};
    char *text = nb_qrpay_encode(def, a, &err);
    assert_non_null(text);
    /* every character in the QR alphanumeric set */
    assert_int_equal(strspn(text, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"), strlen(text));
    char *id = nb_qrpay_survey(text, strlen(text), &err);
    assert_string_equal(id, "yamaguchi-r8");
    free(id);
    nb_answers *b = nb_qrpay_decode(def, text, strlen(text), &err);
    assert_non_null(b);
    assert_same_answers(a, b);
    nb_answers_free(a);
    nb_answers_free(b);
    free(text);
}

static void round_trip_fixtures(void **state)
{
    (void)state;
    nb_definition *def = yamaguchi();
    round_trip_file(def, "tests/fixtures/valid.json");
    round_trip_file(def, "tests/fixtures/valid-strings.json");
    round_trip_file(def, "tests/fixtures/export/pccheck.json");
    /* invalid answers travel unchanged too: validation is the reader's job */
    round_trip_file(def, "tests/fixtures/broken/no-items.json");
    round_trip_file(def, "tests/fixtures/broken/control-in-name.json");
    nb_def_free(def);
}

/* Names outside JIS X 0208 stay UTF-8; the fixture's answers fit the
 * version-18-M budget (805 characters in the study). */
static void round_trip_names_and_size(void **state)
{
    (void)state;
    nb_definition *def = yamaguchi();
    nb_answers *a = load("tests/fixtures/valid.json");
    nb_answers_set_string(a, "contact_name", "髙﨑 𠮷子 😀");
    nb_answers_set_string(a, "notes", "改行\nと \"引用\" と \\");
    nb_error err = {{0}};
    char *text = nb_qrpay_encode(def, a, &err);
    assert_non_null(text);
    assert_true(strlen(text) < 1096); /* version 18-M alphanumeric capacity */
    nb_answers *b = nb_qrpay_decode(def, text, strlen(text), &err);
    assert_non_null(b);
    char *name = nb_answers_get(b, "contact_name");
    assert_string_equal(name, "髙﨑 𠮷子 😀");
    free(name);
    assert_same_answers(a, b);
    nb_answers_free(b);
    nb_answers_free(a);
    free(text);
    nb_def_free(def);
}

/* A payload made by hand: tag, checksum and base45 around any bytes. */
static char *wrap(const unsigned char *z, size_t zlen)
{
    char *body = nb_base45_encode(z, zlen);
    char *t = malloc(strlen(body) + 32);
    sprintf(t, "NBQ1.%08lX.%s", crc32(0, (const Bytef *)body, (uInt)strlen(body)) & 0xFFFFFFFFUL, body);
    free(body);
    return t;
}

static char *wrap_json(const char *json)
{
    uLongf zlen = compressBound(strlen(json));
    unsigned char *z = malloc(zlen);
    assert_int_equal(compress2(z, &zlen, (const Bytef *)json, strlen(json), 9), Z_OK);
    char *t = wrap(z, zlen);
    free(z);
    return t;
}

static void refuse(const nb_definition *def, const char *text, size_t len, const char *words)
{
    nb_error err = {{0}};
    assert_null(nb_qrpay_decode(def, text, len, &err));
    if (!strstr(err.msg, words))
        fail_msg("expected \"%s\" in \"%s\"", words, err.msg);
    assert_null(strchr(err.msg, '\n'));
}

static void hostile_codes(void **state)
{
    (void)state;
    nb_definition *def = yamaguchi();
    nb_answers *a = load("tests/fixtures/valid.json");
    nb_error err = {{0}};
    char *text = nb_qrpay_encode(def, a, &err);
    size_t n = strlen(text);
    /* half a code, one altered character, an altered checksum */
    refuse(def, text, n / 2, "チェックサム");
    text[n - 5] = text[n - 5] == 'A' ? 'B' : 'A';
    refuse(def, text, n, "チェックサム");
    text[n - 5] = text[n - 5] == 'A' ? 'B' : 'A';
    text[6] = text[6] == '0' ? '1' : '0';
    refuse(def, text, n, "チェックサム");
    free(text);
    refuse(def, "HELLO WORLD", 11, "回答ではありません");
    refuse(def, "NBQ2.00000000.", 14, "この版では読めません");
    refuse(def, "", 0, "回答ではありません");

    /* a deflate bomb: 50 MB of spaces deflates to ~50 kB... cut to 2 MB */
    size_t big = 2u << 20;
    char *spaces = malloc(big + 1);
    memset(spaces, ' ', big);
    spaces[big] = '\0';
    char *bomb = wrap_json(spaces);
    free(spaces);
    refuse(def, bomb, strlen(bomb), "大きすぎます");
    free(bomb);

    /* 10^9 items claimed, three present */
    char *liar = wrap_json("[\"NBQ1\",\"yamaguchi-r8\",null,0,1000000000,0,\"pc\",\"x\",1,2,null]");
    refuse(def, liar, strlen(liar), "数が合いません");
    free(liar);
    char *neg = wrap_json("[\"NBQ1\",\"yamaguchi-r8\",null,0,-1,0,null]");
    refuse(def, neg, strlen(neg), "数が合いません");
    free(neg);
    char *frac = wrap_json("[\"NBQ1\",\"yamaguchi-r8\",null,0,0.5,0,null]");
    refuse(def, frac, strlen(frac), "数が合いません");
    free(frac);
    /* right shape, wrong survey or field count */
    char *other = wrap_json("[\"NBQ1\",\"other-r1\",null,0,0,0,null]");
    refuse(def, other, strlen(other), "合いません");
    free(other);
    /* not zlib at all, and JSON that is not an array */
    char *junk = wrap((const unsigned char *)"not deflate", 11);
    refuse(def, junk, strlen(junk), "展開できません");
    free(junk);
    char *obj = wrap_json("{\"a\":1}");
    refuse(def, obj, strlen(obj), "回答の形");
    free(obj);
    nb_answers_free(a);
    nb_def_free(def);
}

/* Random texts, and random mutations of a real one, never crash and are
 * never taken as answers unless they still check out. */
static void random_texts(void **state)
{
    (void)state;
    nb_definition *def = yamaguchi();
    nb_answers *a = load("tests/fixtures/valid.json");
    nb_error err = {{0}};
    char *good = nb_qrpay_encode(def, a, &err);
    size_t n = strlen(good);
    srand(15);
    char buf[8192];
    for (int round = 0; round < 3000; round++) {
        size_t len;
        if (round % 2) {
            len = (size_t)rand() % sizeof buf;
            for (size_t i = 0; i < len; i++)
                buf[i] = (char)(rand() & 0xFF);
            if (len > 5)
                memcpy(buf, "NBQ1.", 5);
        } else {
            len = n;
            memcpy(buf, good, n);
            buf[(size_t)rand() % n] = (char)(rand() & 0xFF);
        }
        nb_answers *b = nb_qrpay_decode(def, buf, len, &err);
        if (b) /* only an unchanged text decodes */
            assert_memory_equal(buf, good, n);
        nb_answers_free(b);
    }
    free(good);
    nb_answers_free(a);
    nb_def_free(def);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(base45_rfc_examples), cmocka_unit_test(round_trip_fixtures),
        cmocka_unit_test(round_trip_names_and_size), cmocka_unit_test(hostile_codes),
        cmocka_unit_test(random_texts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
