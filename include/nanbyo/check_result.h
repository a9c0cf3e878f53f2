/* A PC-check result file read back: the JSON that `check --json` prints
 * and that nanbyo-check.exe writes on the registration PC, checked before
 * it becomes the answers' "pc_check" (`check --import`, and the TUI's
 * 「別のPCで確認した結果を読み込む」). The file is trusted for nothing: its
 * shape (the check --json contract), the survey it was made for (the
 * definition's set of check ids) and its date (not older than
 * NB_CHECK_RESULT_MAX_AGE_DAYS, not in the future) are all checked, and a
 * refusal is one Japanese sentence naming the file and what to do.
 * Linked into the questionnaire itself (not the I/O plugin): it needs only
 * cJSON, so importing never loads the heavy libraries. */
#ifndef NANBYO_CHECK_RESULT_H
#define NANBYO_CHECK_RESULT_H
#include <stddef.h>
#include "nanbyo/check.h"
#include "nanbyo/date.h"
#include "nanbyo/definition.h"
#include "nanbyo/error.h"

/* A result older than this many days describes a PC that may have
 * changed since: the clerk checks again. */
#define NB_CHECK_RESULT_MAX_AGE_DAYS 30
/* Result files are a few kilobytes; anything near this is not one. */
#define NB_CHECK_RESULT_MAX_BYTES (256u * 1024u)

typedef enum {
    NB_RESULT_OK = 0,
    NB_RESULT_REFUSED = 1,    /* read, but not a usable result: err says why */
    NB_RESULT_UNREADABLE = 2  /* could not be read as a file: err says why */
} nb_result_status;

/* What an accepted result says, for the message that confirms it. */
typedef struct {
    char checked_at[40];      /* as in the file */
    nb_date checked_on;       /* the day in Japan time */
    nb_check_platform platform;
    int count[5];             /* pass, warn, fail, unknown, na */
} nb_result_info;

/* Check the text of a result file (name is used in messages) against the
 * contract, def's checks and today. On NB_RESULT_OK *json gets the result
 * as JSON text to store (malloc'd; every member of the file kept) and
 * info is filled; otherwise err holds the sentence. Pure: no I/O. */
nb_result_status nb_check_result_parse(const nb_definition *def, const char *data, size_t len,
                                       const char *name, nb_date today, char **json,
                                       nb_result_info *info, nb_error *err);

/* The same for a file: only a regular file (a symlink is followed to one)
 * of at most NB_CHECK_RESULT_MAX_BYTES is read; a FIFO or device is
 * refused without blocking. */
nb_result_status nb_check_result_load(const nb_definition *def, const char *path, nb_date today,
                                      char **json, nb_result_info *info, nb_error *err);

/* "RECEPTION-PC (Windows 11 23H2)": the computer with its OS, as the
 * documents name the PC that was checked; the OS alone ("Windows") when the
 * version is unknown; "" when neither is known. */
void nb_check_platform_label(const nb_check_platform *p, char *buf, size_t n);
/* The "platform" member of a result (a parsed result JSON object) into
 * out; false (out emptied) when it has none. Strings are copied as they
 * are, cut to fit: callers clean them for their output. */
struct cJSON;
bool nb_check_platform_from_json(const struct cJSON *result, nb_check_platform *out);

#endif
