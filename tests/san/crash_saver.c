/* Test driver for the crash-safety tests (tests/integration/test_crash_*):
 * saves an answers file through the real nb_answers_save, either over and
 * over until killed, or once. Every version it writes is self-describing
 * (a sequence number, and notes and items whose size and values follow from
 * it), so the test can tell a complete version from a mix of two.
 *
 *   crash_saver init PATH   write version 0
 *   crash_saver loop PATH   load PATH, then save versions n+1, n+2, ... forever
 *   crash_saver once PATH [BIG]  load PATH, save version n+1 (BIG: ~200 KB of notes)
 *
 * Errors: the nb_error message on stderr, exit 1. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nanbyo/answers.h"

#define SEQ_FIELD "harden_seq"

/* Notes for version n: "version n: " then a run of 記録 whose length
 * depends on n, so sizes differ between consecutive versions. */
static char *notes_for(long n, long extra)
{
    long reps = (n * 37) % 3000 + extra;
    size_t len = 64 + (size_t)reps * 6 + 1;
    char *s = malloc(len);
    if (!s)
        abort();
    int off = snprintf(s, len, "version %ld: ", n);
    for (long i = 0; i < reps; i++) {
        memcpy(s + off, "記録", 6);
        off += 6;
    }
    s[off] = '\0';
    return s;
}

static void make_version(nb_answers *a, long n, long extra)
{
    nb_answers_set_int(a, SEQ_FIELD, n);
    char *notes = notes_for(n, extra);
    nb_answers_set_string(a, "notes", notes);
    free(notes);
    while (nb_answers_item_count(a) > 0)
        nb_answers_item_delete(a, 0);
    long count = n % 9 + 1;
    for (long i = 0; i < count; i++) {
        char desc[64];
        snprintf(desc, sizeof desc, "品目 %ld-%ld", n, i);
        nb_item it = {.category = "pc", .description = desc, .quantity = i + 1,
                      .unit_price = n * 10 + i, .quantity_ok = true, .unit_price_ok = true};
        nb_answers_item_add(a, &it);
    }
}

static long current_version(const nb_answers *a)
{
    char *v = nb_answers_get(a, SEQ_FIELD);
    long n = v ? strtol(v, NULL, 10) : 0;
    free(v);
    return n;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: crash_saver init|loop|once PATH [BIG]\n");
        return 2;
    }
    const char *mode = argv[1], *path = argv[2];
    nb_error err;
    nb_answers *a;
    if (strcmp(mode, "init") == 0) {
        a = nb_answers_new("yamaguchi-r8");
        nb_answers_set_string(a, "institution_name", "やまぐち内科クリニック");
        make_version(a, 0, 0);
        int rc = nb_answers_save(a, path, &err);
        if (rc != 0)
            fprintf(stderr, "%s\n", err.msg);
        nb_answers_free(a);
        return rc ? 1 : 0;
    }
    a = nb_answers_load(path, &err);
    if (!a) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    long n = current_version(a);
    if (strcmp(mode, "once") == 0) {
        make_version(a, n + 1, argc > 3 ? 35000 : 0);
        int rc = nb_answers_save(a, path, &err);
        if (rc != 0)
            fprintf(stderr, "%s\n", err.msg);
        nb_answers_free(a);
        return rc ? 1 : 0;
    }
    if (strcmp(mode, "loop") != 0)
        return 2;
    for (;;) {
        make_version(a, ++n, 0);
        if (nb_answers_save(a, path, &err) != 0) {
            fprintf(stderr, "%s\n", err.msg);
            return 1;
        }
    }
}
