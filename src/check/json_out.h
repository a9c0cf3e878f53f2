/* A small JSON writer for nanbyo-check.exe, which has no cJSON (Debian
 * ships none for mingw). Writes into an nb_buf (allocation failure ends
 * the process, xalloc.h, so the text is never cut short); strings are
 * escaped per RFC 8259 and invalid UTF-8 becomes U+FFFD, so the output is
 * always valid JSON in valid UTF-8. Pure C for both platforms. */
#ifndef NANBYO_JSON_OUT_H
#define NANBYO_JSON_OUT_H
#include <stdbool.h>
#include <stddef.h>

#include "nanbyo/buf.h"

/* All-zero ({0}) is a writer with nothing written. */
typedef struct {
    nb_buf out;
    int depth;
    bool first;       /* no member written yet at this depth */
} nb_json_out;

void nb_json_begin_object(nb_json_out *j, const char *key); /* key NULL: top or array item */
void nb_json_end_object(nb_json_out *j);
void nb_json_begin_array(nb_json_out *j, const char *key);
void nb_json_end_array(nb_json_out *j);
void nb_json_string(nb_json_out *j, const char *key, const char *value);
void nb_json_bool(nb_json_out *j, const char *key, bool value);
/* The text with a final newline, owned by the caller (never NULL). */
char *nb_json_finish(nb_json_out *j);

#endif
