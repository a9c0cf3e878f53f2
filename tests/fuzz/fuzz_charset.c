/* Fuzz target: the 機種依存文字 scanner and the text helpers under it
 * (UTF-8 decoding, NFKC, cell widths, trimming). Strings are only passed
 * to functions that require valid UTF-8 once nb_utf8_valid said so. */
#include "fuzz_util.h"
#include "nanbyo/charset.h"
#include "nanbyo/text.h"
#include "nanbyo/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fz_cstr(data, size);
    /* Decode byte by byte over the raw input, invalid bytes included. */
    for (size_t off = 0; off < size;) {
        int32_t cp;
        int n = nb_utf8_decode((const char *)data + off, size - off, &cp);
        if (n < 0) {
            off++;
            continue;
        }
        FZ_ASSERT(n >= 1 && n <= 4 && (size_t)n <= size - off, "decode length %d", n);
        FZ_ASSERT(cp >= 0 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF), "cp %x", cp);
        char enc[4];
        FZ_ASSERT(nb_utf8_encode(cp, enc) == (size_t)n && memcmp(enc, data + off, n) == 0,
                  "encode differs from decode at %zu", off);
        off += n;
    }
    size_t len = strlen(s);
    if (nb_utf8_valid(s, len)) {
        nb_cs_issue issues[4];
        size_t found = nb_charset_scan(s, issues, 4);
        for (size_t i = 0; i < found && i < 4; i++) {
            FZ_ASSERT(issues[i].offset < len, "issue offset %zu past %zu", issues[i].offset, len);
            FZ_ASSERT(nb_cs_kind_text(issues[i].kind) != NULL, "kind %d", (int)issues[i].kind);
            FZ_ASSERT(memchr(issues[i].suggestion, '\0', sizeof issues[i].suggestion),
                      "suggestion not terminated");
        }
        (void)nb_charset_scan(s, NULL, 0);
        char *fixed = nb_charset_fix(s);
        FZ_ASSERT(fixed && nb_utf8_valid(fixed, strlen(fixed)), "fix broke UTF-8");
        free(fixed);
        char *n = nb_nfkc(s);
        FZ_ASSERT(n && nb_utf8_valid(n, strlen(n)), "NFKC of valid text failed");
        free(n);
        char *t = nb_trim(s);
        FZ_ASSERT(t && strlen(t) <= len, "trim grew the string");
        free(t);
        int w = nb_str_width(s);
        FZ_ASSERT(w >= 0, "negative width %d", w);
        (void)nb_has_control(s);
        for (int cells = 0; cells < 6; cells++) {
            size_t p = nb_prefix_for_width(s, cells);
            FZ_ASSERT(p <= len && nb_utf8_valid(s, p), "prefix %zu splits a character", p);
        }
        size_t count = nb_utf8_count(s);
        FZ_ASSERT(count <= len, "count %zu > bytes %zu", count, len);
        if (len)
            FZ_ASSERT(nb_utf8_prev(s, len) < len, "prev of end");
    } else {
        char *n = nb_nfkc(s);
        FZ_ASSERT(n == NULL, "NFKC accepted invalid UTF-8");
    }
    free(s);
    return 0;
}
