/* The clerk's answers: fields, purchase items and the last PC check,
 * kept as the JSON document of README.md ("Answers file") so that keys this
 * version does not know survive a load/save round trip. */
#ifndef NANBYO_ANSWERS_H
#define NANBYO_ANSWERS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "nanbyo/error.h"

#define NB_ANSWERS_FORMAT "nanbyo-survey-answers/1"

typedef struct nb_answers nb_answers;

typedef struct {
    char *category;     /* category id, "" when missing */
    char *description;  /* "" when missing */
    int64_t quantity;   /* 0 when missing or malformed */
    int64_t unit_price; /* 0 when missing or malformed */
    bool quantity_ok;   /* false when present but malformed, or missing */
    bool unit_price_ok;
} nb_item;

nb_answers *nb_answers_new(const char *survey_id);

/* Load a file. Returns NULL with err set (file named, in Japanese) when it
 * cannot be read, is not UTF-8 JSON, is not an answers file, or has a newer
 * format than this program understands. */
nb_answers *nb_answers_load(const char *path, nb_error *err);
/* Same, from memory; name is used in messages. */
nb_answers *nb_answers_parse(const char *data, size_t len, const char *name, nb_error *err);

/* Serialise (pretty, UTF-8, with saved_at set to now in +09:00).
 * malloc'd. */
char *nb_answers_to_json(nb_answers *a);
/* Serialise exactly as held, saved_at untouched (for attaching the answers
 * to a message or comparing). malloc'd. */
char *nb_answers_dump(const nb_answers *a);

/* Atomic save: temp file in the same folder, fsync, rename, fsync folder.
 * The old file survives any failure. Creates the folder if missing; goes
 * through a symlink to its target; an existing file keeps its mode.
 * Before writing, the file's identity (device, inode, size, mtime) is
 * compared with what was loaded from or last saved to path (see
 * nb_answers_bind): if someone else wrote it meanwhile, it is not
 * overwritten; the answers go to "<name>-別保存-<YYYYMMDD-HHMMSS>.json"
 * beside it, the function returns 1 and err holds the one sentence naming
 * both files for the clerk; later saves to path go to that file too
 * (nb_answers_path). 0 saved, -1 with err when nothing was saved. */
int nb_answers_save(nb_answers *a, const char *path, nb_error *err);
/* Remember path's identity now (or that it does not exist yet), for a
 * document that was not loaded from it: a new questionnaire. */
void nb_answers_bind(nb_answers *a, const char *path);
/* The file the document was loaded from or last saved to (NULL if none). */
const char *nb_answers_path(const nb_answers *a);

void nb_answers_free(nb_answers *a);

const char *nb_answers_survey(const nb_answers *a);
const char *nb_answers_saved_at(const nb_answers *a);

/* Field values. get returns a malloc'd string form (numbers as decimal,
 * booleans as "true"/"false") or NULL when absent or null. */
char *nb_answers_get(const nb_answers *a, const char *id);
bool nb_answers_has(const nb_answers *a, const char *id);
/* Raw JSON type of a field: 's' string, 'n' number, 'b' bool, '0' null or
 * absent, '?' anything else (array/object). */
char nb_answers_type(const nb_answers *a, const char *id);
void nb_answers_set_string(nb_answers *a, const char *id, const char *value);
void nb_answers_set_int(nb_answers *a, const char *id, int64_t value);
void nb_answers_set_bool(nb_answers *a, const char *id, bool value);
void nb_answers_unset(nb_answers *a, const char *id);

/* Purchase items. */
size_t nb_answers_item_count(const nb_answers *a);
/* Fills it (strings malloc'd: free with nb_item_clear). */
void nb_answers_item_get(const nb_answers *a, size_t i, nb_item *it);
/* Raw value of an item member as a string (malloc'd) or NULL. */
char *nb_answers_item_raw(const nb_answers *a, size_t i, const char *member);
void nb_answers_item_set(nb_answers *a, size_t i, const nb_item *it);
size_t nb_answers_item_add(nb_answers *a, const nb_item *it);
/* Set one member of item i exactly as typed: the integer *number when not
 * NULL, else the string text, else (both NULL) remove the member. Other
 * members, known or not, are left alone. */
void nb_answers_item_set_member(nb_answers *a, size_t i, const char *member, const char *text,
                                const int64_t *number);
void nb_answers_item_delete(nb_answers *a, size_t i);
void nb_item_clear(nb_item *it);

/* Any extra top-level section as a JSON text (e.g. "pc_check", "ui"),
 * malloc'd, or NULL. set replaces it (json NULL removes). Used by the
 * self-check to store its result and date, and by the TUI for where the
 * clerk was. Returns -1 if json does not parse. */
char *nb_answers_section_get(const nb_answers *a, const char *key);
int nb_answers_section_set(nb_answers *a, const char *key, const char *json);

#endif
