/* Shared pieces of the subcommands: the one-sentence error on stderr,
 * loading the definition and answers with Japanese messages, JSON out. */
#ifndef NANBYO_CLI_UTIL_H
#define NANBYO_CLI_UTIL_H
#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdio.h>
#include "nanbyo/answers.h"
#include "nanbyo/definition.h"
#include "nanbyo/subsidy.h"
#include "nanbyo/survey.h"

#define NB_DEFAULT_FORM "yamaguchi-r8"

/* Print "nanbyo-survey: <sentence>" on stderr. */
void nb_cli_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Load the definition named by --form (NULL = default). Prints the error
 * and returns NULL on failure (the caller exits 2). */
nb_definition *nb_cli_definition(const char *form);

/* Load an answers file and the definition it names (or --form when given).
 * Prints the error and returns -1 on failure. */
int nb_cli_answers(const char *path, const char *form, nb_definition **def, nb_answers **a);

/* Every problem of a report as "field_id: message" lines on out. Commands
 * that refuse invalid answers (export, send, print) write them to stderr;
 * validate writes them to stdout, where they are its result. */
void nb_cli_print_problems(FILE *out, const nb_report *r);
/* [{"field","message"}, ...] for --json output. */
cJSON *nb_cli_problems_json(const nb_problem *v, size_t n);

/* Options shared by the simple commands (calc, validate, summary):
 * --form ID and --json. Returns the index of the first operand, or -1
 * after printing the error (exit 2). */
int nb_cli_common_options(int argc, char **argv, const char **form, bool *json);

/* The start every single-operand command shares (calc, validate,
 * summary): --help, --form, --json and exactly one operand, named `what`
 * in the message. Returns the operand, or NULL with *rc set: 0 after
 * --help, 2 after a usage error (already reported). */
const char *nb_cli_single_operand(int argc, char **argv, const char *help, const char *what,
                                  const char **form, bool *json, int *rc);

/* The calculation as calc and summary print it (print_subsidy.c): each
 * amount on its own line with its name, and which limit decided it; the
 * totals of the answers first when with_totals. */
void nb_cli_print_subsidy(const nb_definition *def, const nb_subsidy *s, bool with_totals);

/* What validate and summary start from: one answers file, its
 * definition, and whether --json was given. */
typedef struct {
    const char *path;
    nb_definition *def;
    nb_answers *a;
    bool json;
} nb_cli_answers_cmd;
/* nb_cli_single_operand for an answers file, then the file and its
 * definition (nb_cli_answers). Returns -1 when c is ready (close it with
 * nb_cli_answers_cmd_close), else the exit status: 0 after --help, 2
 * after an error already reported. */
int nb_cli_answers_cmd_open(int argc, char **argv, const char *help, nb_cli_answers_cmd *c);
void nb_cli_answers_cmd_close(nb_cli_answers_cmd *c);

/* Print a cJSON value pretty on stdout and free it. */
void nb_cli_print_json(cJSON *root);

/* Standard handling of --help for a command: prints text, returns 1 when
 * argv holds --help or -h. */
int nb_cli_wants_help(int argc, char **argv, const char *text);

#endif
