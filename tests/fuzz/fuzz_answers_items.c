/* Fuzz target: the answers loader and the item walks on 100,000 items. The
 * input is one item (a JSON object, or anything) repeated 100,000 times in
 * an answers file (about the 8 MB the issue names, under the 16 MB cap);
 * the file is loaded, its amounts derived and every item read.
 * Each walk must be linear: cJSON arrays are linked lists and reading item
 * i from the head made the walk quadratic (libFuzzer's -timeout catches a
 * return of that). */
#include "fuzz_util.h"
#include "nanbyo/answers.h"
#include "nanbyo/definition.h"
#include "nanbyo/survey.h"

#define ITEMS 100000
#define ITEM_MAX 160
/* per-input limit for tests/fuzz/run.sh: linear work, but big */
#define FUZZ_TIMEOUT_S 60

static nb_definition *def;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    nb_error err;
    def = nb_def_load(NB_SOURCE_ROOT "/forms/yamaguchi-r8.yaml", &err);
    if (!def) {
        fprintf(stderr, "fuzz_answers_items: %s\n", err.msg);
        abort();
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > ITEM_MAX)
        size = ITEM_MAX;
    static const char head[] = "{\"format\":\"nanbyo-survey-answers/1\",\"survey\":\"yamaguchi-r8\","
                               "\"fields\":{},\"items\":[";
    size_t cap = sizeof head + (size_t)ITEMS * (size + 1) + 4, o = 0;
    char *json = malloc(cap);
    if (!json)
        abort();
    memcpy(json, head, sizeof head - 1);
    o = sizeof head - 1;
    for (size_t i = 0; i < ITEMS; i++) {
        if (i)
            json[o++] = ',';
        memcpy(json + o, data, size);
        o += size;
    }
    memcpy(json + o, "]}", 2);
    o += 2;
    nb_error err;
    err.msg[0] = '\0';
    nb_answers *a = nb_answers_parse(json, o, "fuzz.json", &err);
    free(json);
    if (!a) {
        FZ_ASSERT(err.msg[0] != '\0', "load failed without a message");
        return 0;
    }
    size_t n = nb_answers_item_count(a);
    FZ_ASSERT(n == ITEMS, "%zu items loaded of %d", n, ITEMS);
    /* nb_validate is left to fuzz_answers (small files) and to
     * tests/cli/test_big_input.py (100,000 items): on 100,000 broken items
     * it makes 400,000 messages, seconds of allocator work under ASan. */
    nb_subsidy sub;
    nb_survey_derive(def, a, &sub);
    FZ_ASSERT(sub.subsidy >= 0 && sub.subsidy <= def->money.cap, "subsidy %lld", (long long)sub.subsidy);
    for (size_t i = 0; i < n; i++) {
        nb_item it;
        nb_answers_item_get(a, i, &it);
        FZ_ASSERT(nb_item_amount(&it) >= 0, "negative item amount");
        nb_item_clear(&it);
    }
    /* a walk backwards must be right too (it restarts from the head) */
    for (size_t i = n; i-- > n - 3;)
        free(nb_answers_item_raw(a, i, "category"));
    nb_answers_free(a);
    return 0;
}
