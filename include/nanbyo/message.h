/* The e-mail to the prefecture as RFC 5322/MIME bytes, built by the project:
 * Subject from the definition's template as RFC 2047 UTF-8 words, a text
 * body, the xlsx (ASCII name plus RFC 2231 Japanese name) and the answers
 * JSON attached. Nothing from an answer reaches a header unsanitised.
 * `export --eml`, `send` and the TUI's submit page all use this one
 * builder, so what is sent is byte for byte what was exported apart from
 * Date and Message-ID. The pure MIME pieces are in nanbyo/mime.h. */
#ifndef NANBYO_MESSAGE_H
#define NANBYO_MESSAGE_H
#include <stdbool.h>
#include <stddef.h>
#include <time.h>
#include "nanbyo/answers.h"
#include "nanbyo/definition.h"
#include "nanbyo/error.h"
#include "nanbyo/export.h"

typedef struct {
    const char *from;  /* envelope and header From; NULL: the answers' email */
    const char *to;    /* NULL: the definition's address */
} nb_message_opts;

/* Less common settings, kept apart so that nb_message_opts stays the two
 * fields callers initialise (zero/NULL means the default). */
typedef struct {
    time_t date;              /* Date header; 0: now */
    const char *message_id;   /* "<...@...>"; NULL: random, at From's domain */
    const char *answers_json; /* bytes attached as the answers JSON; NULL: the
                               * answers serialised with their saved_at kept */
    size_t answers_json_len;
} nb_message_extra;

/* What a message holds, for --dry-run and the TUI's confirmation. */
typedef struct {
    char *from;         /* sender address used */
    char *to;           /* recipient address used */
    char *subject;      /* decoded, exactly as the template expanded */
    char *xlsx_name;    /* 所要額調査票_<医療機関名>.xlsx (RFC 2231 name) */
    char *xlsx_ascii;   /* shoyogaku-chosa-<institution code>.xlsx */
    size_t xlsx_size;   /* bytes of the workbook */
    char *json_name;    /* 所要額調査票_<医療機関名>.json */
    char *json_ascii;   /* shoyogaku-chosa.json */
    size_t json_size;
    char *pdf_name;     /* 所要額調査票_<医療機関名>.pdf */
    char *pdf_ascii;    /* shoyogaku-chosa-<code>.pdf */
    size_t pdf_size;
    bool draft;         /* marked 下書き */
    bool late;          /* marked 期限後 */
} nb_message_info;

/* malloc'd message with CRLF line ends; *len set. NULL with err. */
char *nb_message_build(const nb_definition *def, const nb_answers *a, const nb_export_opts *eo,
                       const nb_message_opts *mo, size_t *len, nb_error *err);

/* Same, with extra settings (may be NULL), and fills *info when not NULL
 * (free with nb_message_info_free). */
char *nb_message_build_info(const nb_definition *def, const nb_answers *a, const nb_export_opts *eo,
                            const nb_message_opts *mo, const nb_message_extra *extra, size_t *len,
                            nb_message_info *info, nb_error *err);
void nb_message_info_free(nb_message_info *info);

/* The plain-text body alone (UTF-8, CRLF line ends), malloc'd. */
char *nb_message_body(const nb_definition *def, const nb_answers *a, const nb_export_opts *eo);

/* Sender and recipient addresses of a message this builder made (from its
 * From and To headers), malloc'd; -1 when they cannot be found. Used to
 * resend what waits in the outbox. */
int nb_message_envelope(const char *msg, size_t len, char **from, char **to);

#endif
