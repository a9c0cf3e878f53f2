/* Fuzz target: amounts and counts as the clerk types them (nb_yen_parse,
 * nb_count_parse). Besides memory safety it checks that whatever parses is
 * a whole non-negative number below the limit and survives formatting and
 * parsing again unchanged. */
#include "fuzz_util.h"
#include "nanbyo/yen.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fz_cstr(data, size);
    int64_t v = -1;
    nb_num_error e = nb_yen_parse(s, &v);
    FZ_ASSERT(nb_num_error_text(e) != NULL, "no text for error %d", (int)e);
    if (e == NB_NUM_OK) {
        FZ_ASSERT(v >= 0 && v < NB_YEN_LIMIT, "yen out of range: %lld", (long long)v);
        char buf[32], buf2[32];
        int64_t again = -1;
        nb_yen_format_plain(v, buf, sizeof buf);
        FZ_ASSERT(nb_yen_parse(buf, &again) == NB_NUM_OK && again == v,
                  "format/parse round trip: %lld -> %s", (long long)v, buf);
        nb_yen_format(v, buf2, sizeof buf2);
        FZ_ASSERT(nb_yen_parse(buf2, &again) == NB_NUM_OK && again == v,
                  "format/parse round trip: %lld -> %s", (long long)v, buf2);
    }
    /* The limit for counts comes from the first bytes, so small and huge
     * maxima both get exercised. */
    int64_t max = size >= 2 ? (int64_t)(data[0] | data[1] << 8) * (data[0] & 1 ? 1 : 100003)
                            : 9999;
    int64_t c = -1;
    e = nb_count_parse(s, max, &c);
    if (e == NB_NUM_OK)
        FZ_ASSERT(c >= 0 && c <= max, "count %lld outside 0..%lld", (long long)c, (long long)max);
    free(s);
    return 0;
}
