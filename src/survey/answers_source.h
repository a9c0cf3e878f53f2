/* Keeping what an answers file said, where re-saving through cJSON would
 * change it: numbers keep their text (9007199254740993 and 1e400 do not
 * survive a double), and members this version never reads keep their
 * whole source text, odd keys and escapes included (answers_source.c). */
#ifndef NANBYO_ANSWERS_SOURCE_H
#define NANBYO_ANSWERS_SOURCE_H
#include <stdbool.h>
#include <stddef.h>
#include <cjson/cJSON.h>

/* Keys the program decodes (of the top level, of fields and of an item)
 * that the file spelled with escapes cJSON would spell otherwise
 * ("\u00e9" printed as "é"): the node and its key as decoded and as
 * written, sorted by node. */
typedef struct {
    const cJSON *node;
    char *key;
    char *raw;
} nb_raw_key;

typedef struct {
    nb_raw_key *v;
    size_t n, cap;
} nb_raw_keys;

void nb_raw_keys_free(nb_raw_keys *k);

/* Print root as cJSON_Print (formatted) or cJSON_PrintUnformatted would,
 * but with the keys in k as the file spelled them, when the node still
 * has that key. malloc'd, NULL when out of memory. */
char *nb_answers_print(cJSON *root, const nb_raw_keys *k, bool formatted);

/* Walk root (just parsed from src) and src together: numbers in fields,
 * items and the top-level members become cJSON_Raw nodes holding their
 * text (valuedouble kept); top-level members other than format, survey,
 * saved_at, fields and items, values in fields or items that are objects
 * or arrays, and items that are not objects become cJSON_Raw nodes with
 * their source text. Returns 0; -1 with *bad at a "\u0000" in a key or
 * string this program decodes (cJSON would cut the text there). Keys
 * spelled otherwise than cJSON prints them are added to keys. */
int nb_answers_keep_source(cJSON *root, const char *src, size_t len, nb_raw_keys *keys, const char **bad);

/* A number kept as text by nb_answers_keep_source (or a plain number). */
bool nb_json_is_number(const cJSON *v);

#endif
