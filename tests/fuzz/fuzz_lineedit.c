/* Fuzz target: the line editor's key handling (src/tui/lineedit.h).
 * The input is a script of keys, typed characters, pastes and redraws at
 * different widths; after every step the editor's state must be sound:
 * cursor and scroll inside the text, valid UTF-8 out, the limit kept while
 * typing, the filter obeyed, and views that fit their width without
 * splitting a wide glyph. */
#include "fuzz_util.h"
#include "../../src/tui/lineedit.h"
#include "nanbyo/utf8.h"

static void check_state(nb_lineedit *le, size_t limit_before, int typed_ok)
{
    FZ_ASSERT(le->cursor <= le->len, "cursor %zu past len %zu", le->cursor, le->len);
    FZ_ASSERT(le->scroll <= le->len, "scroll %zu past len %zu", le->scroll, le->len);
    if (typed_ok && le->max_chars)
        FZ_ASSERT(le->len <= le->max_chars || le->len <= limit_before,
                  "typing went past the limit: %zu > %zu", le->len, le->max_chars);
    for (size_t i = 0; i < le->len; i++)
        FZ_ASSERT(le->w[i] <= 2, "width %u", le->w[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    nb_lineedit le;
    nb_le_filter filter = (nb_le_filter)(data[0] % 8);
    size_t max = data[1] % 4 == 0 ? 0 : data[1] % 64;
    nb_le_init(&le, max, filter);
    le.multiline = data[1] & 0x80;
    size_t i = 2;
    while (i < size) {
        uint8_t op = data[i++];
        size_t before = le.len;
        switch (op % 8) {
        case 0: /* an editing key */
            nb_le_edit(&le, (nb_le_op)((op >> 3) % 8));
            check_state(&le, before, 1);
            break;
        case 1: { /* type one code point */
            if (i + 3 > size)
                goto out;
            int32_t cp = (int32_t)(data[i] | data[i + 1] << 8 | (data[i + 2] & 0x1f) << 16);
            i += 3;
            nb_le_result r = nb_le_insert(&le, cp);
            /* TAB, CR (and LF outside notes) are typed as a space. */
            int32_t eff = cp == '\t' || cp == '\r' || (cp == '\n' && !le.multiline) ? ' ' : cp;
            if (r == NB_LE_OK) {
                FZ_ASSERT(eff == '\n' || nb_le_allows(filter, eff), "filtered U+%04X went in", cp);
                FZ_ASSERT(le.len == before + 1, "insert OK but length %zu", le.len);
            } else {
                FZ_ASSERT(le.len == before, "refused insert changed the length");
            }
            check_state(&le, before, 1);
            break;
        }
        case 2:   /* paste / IME commit of raw bytes */
        case 3: { /* replace the text (loading a saved answer) */
            size_t n = op >> 3;
            if (n > size - i)
                n = size - i;
            if (op % 8 == 2) {
                nb_le_insert_utf8(&le, (const char *)data + i, n);
                check_state(&le, before, 1);
            } else {
                char *t = fz_cstr(data + i, n);
                nb_le_set_text(&le, t);
                free(t);
                FZ_ASSERT(le.cursor == le.len, "set_text: cursor not at the end");
                check_state(&le, before, 0);
            }
            i += n;
            break;
        }
        case 4: { /* draw one line at some width */
            int width = op >> 3;
            size_t first = 0, count = 0;
            int col = nb_le_view(&le, width, &first, &count);
            FZ_ASSERT(first + count <= le.len, "view past the end");
            if (width > 2) {
                FZ_ASSERT(col >= 0 && col < width, "cursor column %d in width %d", col, width);
                int cells = 0;
                for (size_t k = first; k < first + count; k++)
                    cells += le.w[k];
                FZ_ASSERT(cells <= width, "view of %d cells in width %d", cells, width);
                FZ_ASSERT(le.cursor >= first && le.cursor <= first + count,
                          "cursor %zu not in view %zu+%zu", le.cursor, first, count);
            }
            break;
        }
        case 5: { /* wrapped view (notes) */
            int width = (op >> 3) + 2;
            int *row = malloc((le.len + 1) * sizeof *row), *col = malloc((le.len + 1) * sizeof *col);
            int rows = nb_le_wrap(&le, width, row, col);
            FZ_ASSERT(rows >= 1, "wrap rows %d", rows);
            for (size_t k = 0; k <= le.len; k++) {
                FZ_ASSERT(row[k] >= 0 && row[k] < rows, "row %d of %d", row[k], rows);
                FZ_ASSERT(col[k] >= 0 && col[k] <= width, "col %d in width %d", col[k], width);
                if (k < le.len)
                    FZ_ASSERT(col[k] + le.w[k] <= width, "glyph %zu crosses the edge", k);
                if (k > 0)
                    FZ_ASSERT(row[k] >= row[k - 1], "rows go backwards");
            }
            free(row);
            free(col);
            break;
        }
        default: { /* read the text back */
            char *t = nb_le_text(&le);
            FZ_ASSERT(t && nb_utf8_valid(t, strlen(t)), "text is not valid UTF-8");
            FZ_ASSERT(nb_utf8_count(t) == le.len, "text has %zu code points, editor %zu", nb_utf8_count(t), le.len);
            FZ_ASSERT(nb_le_width(&le) >= 0, "negative width");
            FZ_ASSERT(nb_le_empty(&le) == (le.len == 0), "empty disagrees");
            free(t);
            break;
        }
        }
    }
out:
    nb_le_free(&le);
    return 0;
}
