/* Fuzz target: the line editor holding 1,000,000 characters. The input's
 * first bytes pick the editor's mode and a short key script; the rest is
 * text, repeated until the editor holds a million code points (a pasted
 * book, a corrupt answers file). Every step must stay sound and linear:
 * libFuzzer's -timeout catches a walk that turns quadratic again (the view
 * once summed the text per scrolled character and never finished). */
#include "fuzz_util.h"
#include "../../src/tui/lineedit.h"
#include "nanbyo/utf8.h"

#define HUGE_CPS 1000000
/* per-input limit for tests/fuzz/run.sh: linear work, but big */
#define FUZZ_TIMEOUT_S 60

/* The text part decoded, its code points repeated to HUGE_CPS. */
static char *huge_text(const uint8_t *data, size_t size)
{
    size_t cap = (size_t)HUGE_CPS * 4 + 1, o = 0, cps = 0;
    char *out = malloc(cap);
    if (!out)
        abort();
    while (cps < HUGE_CPS) {
        size_t before = cps;
        for (size_t i = 0; i < size && cps < HUGE_CPS;) {
            int32_t cp;
            int k = nb_utf8_decode((const char *)data + i, size - i, &cp);
            if (k < 0 || cp == 0) {
                i++;
                continue;
            }
            memcpy(out + o, data + i, (size_t)k);
            o += (size_t)k;
            cps++;
            i += (size_t)k;
        }
        if (cps == before) { /* nothing decodable: plain wide characters */
            for (; cps < HUGE_CPS; cps++, o += 3)
                memcpy(out + o, "あ", 3);
        }
    }
    out[o] = '\0';
    return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 4)
        return 0;
    nb_lineedit le;
    nb_le_init(&le, 0, (nb_le_filter)(data[0] % 8));
    le.multiline = data[0] & 0x80;
    size_t script = data[1] % 16;
    if (script > size - 2)
        script = size - 2;
    char *text = huge_text(data + 2 + script, size - 2 - script);
    nb_le_set_text(&le, text);
    free(text);
    FZ_ASSERT(le.len <= HUGE_CPS, "editor holds %zu code points", le.len);
    for (size_t s = 0; s < script; s++) {
        uint8_t op = data[2 + s];
        if (op & 1) {
            nb_le_edit(&le, (nb_le_op)((op >> 1) % 8));
        } else {
            int width = (op >> 1) % 100;
            size_t first = 0, count = 0;
            int col = nb_le_view(&le, width, &first, &count);
            FZ_ASSERT(first + count <= le.len, "view past the end");
            if (width > 2) {
                FZ_ASSERT(col >= 0 && col < width, "cursor column %d in width %d", col, width);
                FZ_ASSERT(le.cursor >= first && le.cursor <= first + count, "cursor not in view");
            }
        }
        FZ_ASSERT(le.cursor <= le.len && le.scroll <= le.len, "cursor or scroll past the text");
    }
    if (le.multiline) {
        int *row = malloc((le.len + 1) * sizeof *row), *col = malloc((le.len + 1) * sizeof *col);
        if (!row || !col)
            abort();
        FZ_ASSERT(nb_le_wrap(&le, 40, row, col) >= 1, "wrap gave no rows");
        free(row);
        free(col);
    }
    char *t = nb_le_text(&le);
    FZ_ASSERT(t && nb_utf8_count(t) == le.len, "text and editor disagree");
    free(t);
    nb_le_free(&le);
    return 0;
}
