/* The collection in SQLite: every input file once (by the SHA-256 of its
 * content, so the same file again adds nothing), every response and every
 * unreadable input. Whether a response is superseded is not stored: it is
 * worked out when listing, from saved_at per 保険医療機関コード. */
#ifndef NANBYO_COLLECT_STORE_H
#define NANBYO_COLLECT_STORE_H
#include <stdbool.h>
#include <stddef.h>
#include "collect.h"

typedef struct nb_store nb_store;

/* Open (creating the file, its folder and the tables). NULL with err. */
nb_store *nb_store_open(const char *path, nb_error *err);
void nb_store_close(nb_store *s);

/* True when a file with this content hash was collected before. */
bool nb_store_has_input(nb_store *s, const char *hash);
/* Record one input and everything found in it, in one transaction. */
void nb_store_begin(nb_store *s, const char *hash, const char *path);
void nb_store_found(nb_store *s, const char *survey, const nb_found *f);
int nb_store_commit(nb_store *s, nb_error *err);

typedef struct {
    char *source, *channel, *received_at;
    char *answers;  /* the answers file's JSON */
    char *code, *saved_at;
    long long id;
} nb_stored;

typedef struct {
    char *source, *reason;
} nb_stored_bad;

/* Every response of the survey in the order of 保険医療機関コード, then
 * saved_at, then arrival; and every unreadable input in arrival order. */
size_t nb_store_responses(nb_store *s, const char *survey, nb_stored **out);
size_t nb_store_unreadable(nb_store *s, nb_stored_bad **out);
void nb_stored_free(nb_stored *v, size_t n);
void nb_stored_bad_free(nb_stored_bad *v, size_t n);

#endif
