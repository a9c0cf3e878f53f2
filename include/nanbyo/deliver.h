/* Getting the survey to the prefecture: SMTP through libcurl with an
 * outbox so nothing is lost, and A4 printing through libcups.
 * (Initial contract: the delivery module may add to it; the TUI relies on
 * these entry points.) */
#ifndef NANBYO_DELIVER_H
#define NANBYO_DELIVER_H
#include <stdbool.h>
#include <stddef.h>
#include "nanbyo/error.h"

typedef struct {
    const char *url;          /* smtp://host:port or smtps://host:port */
    bool starttls;            /* require STARTTLS; never fall back to plain */
    const char *user;
    const char *password;     /* never written anywhere */
    const char *from;         /* envelope sender */
    const char *to;           /* envelope recipient */
    const char *cacert;
    long timeout_s;
} nb_smtp_options;

/* Put a message into the outbox; *path gets its file (malloc'd). */
int nb_outbox_put(const char *msg, size_t len, char **path, nb_error *err);
/* Send one outbox file; on 250 to the data it moves to sent/. */
int nb_smtp_send_file(const nb_smtp_options *o, const char *path, nb_error *err);

/* Print a PDF on A4; *job_id set on success. printer NULL: default. */
int nb_print_pdf(const char *pdf_path, const char *printer, const char *title, int *job_id,
                 nb_error *err);

#endif
