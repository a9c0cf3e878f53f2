/* The PC requirements as a small text file, so that nanbyo-check.exe
 * (which has no YAML reader) judges by the survey definition's own
 * thresholds: `nanbyo-survey requirements` writes it, the Linux build
 * embeds it into the .exe, and `nanbyo-check.exe --requirements FILE`
 * reads one. Format (docs/check.md): UTF-8, one `key=value` per line,
 * keys are the definition's pc_requirements keys with nested ones joined
 * by a dot (display_min.width), lists comma-separated, `#` starts a
 * comment line. Every key must appear exactly once. Pure C: it builds for
 * Linux and for the .exe. */
#ifndef NANBYO_REQUIREMENTS_H
#define NANBYO_REQUIREMENTS_H
#include <stddef.h>
#include "nanbyo/definition.h"
#include "nanbyo/error.h"

/* The text for pc; form_id names the definition in the first comment
 * line. Returns a malloc'd string, or NULL with err set (a value that
 * cannot be written on one line). */
char *nb_requirements_format(const nb_pc_requirements *pc, const char *form_id, nb_error *err);
/* Parse text of len bytes (name is the file name for messages). Returns
 * 0, or -1 with err naming the file, the line and what to do; out then
 * holds nothing to free. */
int nb_requirements_parse(const char *text, size_t len, const char *name,
                          nb_pc_requirements *out, nb_error *err);
/* Free what nb_requirements_parse allocated in pc. */
void nb_requirements_free(nb_pc_requirements *pc);

#endif
