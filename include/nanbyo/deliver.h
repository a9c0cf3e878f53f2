/* Getting the survey to the prefecture: SMTP through libcurl with an
 * outbox so nothing is lost, and A4 printing through libcups.
 * (Initial contract: the delivery module may add to it; the TUI relies on
 * these entry points.)
 *
 * The outbox is $XDG_DATA_HOME/nanbyo-survey/outbox/: one .eml file per
 * message (mode 0600, written atomically). A message moves to sent/ beside
 * it only after the server answered 250 to the data; on any failure it
 * stays, and sending it again (send --retry) needs nothing but the file:
 * the envelope is read back from its From and To headers. */
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
    const char *from;         /* envelope sender; NULL: the message's From */
    const char *to;           /* envelope recipient; NULL: the message's To */
    const char *cacert;
    long timeout_s;           /* whole transfer; <= 0: 60 s */
} nb_smtp_options;

/* Put a message into the outbox; *path gets its file (malloc'd). */
int nb_outbox_put(const char *msg, size_t len, char **path, nb_error *err);
/* The messages waiting in the outbox, oldest first (malloc'd array of
 * malloc'd paths; free with nb_outbox_list_free). 0, or -1 with err. */
int nb_outbox_list(char ***paths, size_t *n, nb_error *err);
void nb_outbox_list_free(char **paths, size_t n);
/* Move an outbox file to sent/ (*sent_path malloc'd when not NULL). */
int nb_outbox_mark_sent(const char *path, char **sent_path, nb_error *err);

/* The checks nb_smtp_send makes before connecting (a smtp:// or smtps://
 * URL, no password without encryption, no password without a user), so a
 * caller can refuse bad settings before anything is queued. 0 or -1. */
int nb_smtp_check_options(const nb_smtp_options *o, nb_error *err);

/* Send one outbox file; on 250 to the data it moves to sent/. Returns 0
 * sent and moved; -1 not sent (err holds one Japanese sentence naming the
 * cause and what to do, and the file stays where it is); 1 sent but it
 * could not be moved (err says so). */
int nb_smtp_send_file(const nb_smtp_options *o, const char *path, nb_error *err);
/* Same for a message in memory (not kept anywhere): for tools and tests. */
int nb_smtp_send(const nb_smtp_options *o, const char *msg, size_t len, nb_error *err);

/* SMTP settings from $XDG_CONFIG_HOME/nanbyo-survey/smtp.conf, lines of
 * "key = value" (# comments): smtp, starttls (yes/no), user, password,
 * password_file, from, cacert, timeout. A missing file is not an error
 * (everything NULL). A file holding a password must be readable by its
 * owner only (chmod 600), else it is refused. */
typedef struct {
    char *path;          /* the file read, or NULL when there was none */
    char *url, *user, *password, *password_file, *from, *cacert;
    int starttls;        /* -1 unset, 0 no, 1 yes */
    long timeout_s;      /* 0 unset */
} nb_smtp_config;

int nb_smtp_config_load(nb_smtp_config *c, nb_error *err);
/* Same for an explicit file (for tests and --config). */
int nb_smtp_config_load_file(nb_smtp_config *c, const char *path, nb_error *err);
void nb_smtp_config_free(nb_smtp_config *c);

/* The password in a file (its first line), malloc'd; the file must be
 * readable by its owner only. NULL with err. */
char *nb_read_password_file(const char *path, nb_error *err);
/* Overwrite and free a password. */
void nb_password_free(char *password);

/* Print a PDF on A4; *job_id set on success. printer NULL: default.
 * Honours CUPS_SERVER. Refuses a destination that cannot print A4. */
int nb_print_pdf(const char *pdf_path, const char *printer, const char *title, int *job_id,
                 nb_error *err);

/* After nb_print_pdf: wait up to timeout_s for the job to finish. Returns
 * 1 completed, 0 still pending when time ran out, -1 stopped, cancelled or
 * aborted (err says which). */
int nb_print_wait(const char *printer, int job_id, long timeout_s, nb_error *err);

#endif
