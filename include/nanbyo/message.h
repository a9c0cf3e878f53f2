/* The e-mail to the prefecture as RFC 5322/MIME bytes, built by the project:
 * Subject from the definition's template as RFC 2047 UTF-8 words, a text
 * body, the xlsx (ASCII name plus RFC 2231 Japanese name) and the answers
 * JSON attached. Nothing from an answer reaches a header unsanitised.
 * (Initial contract: the mail module may add to it.) */
#ifndef NANBYO_MESSAGE_H
#define NANBYO_MESSAGE_H
#include <stddef.h>
#include "nanbyo/answers.h"
#include "nanbyo/definition.h"
#include "nanbyo/error.h"
#include "nanbyo/export.h"

typedef struct {
    const char *from;  /* envelope and header From; NULL: the answers' email */
    const char *to;    /* NULL: the definition's address */
} nb_message_opts;

/* malloc'd message with CRLF line ends; *len set. NULL with err. */
char *nb_message_build(const nb_definition *def, const nb_answers *a, const nb_export_opts *eo,
                       const nb_message_opts *mo, size_t *len, nb_error *err);

#endif
