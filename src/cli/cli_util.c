/* Shared helpers of the subcommands (see cli_util.h). */
#include "cli_util.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nanbyo/version.h"

void nb_cli_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs(NB_PROGRAM ": ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

nb_definition *nb_cli_definition(const char *form)
{
    nb_error err = {{0}};
    nb_definition *def = nb_def_open(form ? form : NB_DEFAULT_FORM, &err);
    if (!def)
        nb_cli_fail("%s", err.msg);
    return def;
}

int nb_cli_answers(const char *path, const char *form, nb_definition **def, nb_answers **a)
{
    nb_error err = {{0}};
    *def = NULL;
    *a = nb_answers_load(path, &err);
    if (!*a) {
        nb_cli_fail("%s", err.msg);
        return -1;
    }
    const char *survey = form ? form : nb_answers_survey(*a);
    if (!survey || !*survey)
        survey = NB_DEFAULT_FORM;
    *def = nb_cli_definition(survey);
    if (!*def) {
        nb_answers_free(*a);
        *a = NULL;
        return -1;
    }
    return 0;
}

void nb_cli_print_json(cJSON *root)
{
    char *s = cJSON_Print(root);
    if (s) {
        fputs(s, stdout);
        fputc('\n', stdout);
        free(s);
    }
    cJSON_Delete(root);
}

int nb_cli_wants_help(int argc, char **argv, const char *text)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            break;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(text, stdout);
            return 1;
        }
    }
    return 0;
}
