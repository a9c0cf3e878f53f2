/* Shared helpers of the subcommands (see cli_util.h). */
#include "cli_util.h"
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nanbyo/version.h"
#include "nanbyo/yen.h"
#include "nanbyo/quote.h"

void nb_cli_fail(const char *fmt, ...)
{
    /* through nb_error_set: whatever input the message quotes is escaped */
    nb_error e;
    va_list ap;
    va_start(ap, fmt);
    nb_error_vset(&e, fmt, ap);
    va_end(ap);
    fprintf(stderr, NB_PROGRAM ": %s\n", e.msg);
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

void nb_cli_print_problems(FILE *out, const nb_report *r)
{
    for (size_t i = 0; i < r->n_problems; i++)
        fprintf(out, "%s: %s\n", r->problems[i].field, r->problems[i].message);
}

cJSON *nb_cli_problems_json(const nb_problem *v, size_t n)
{
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; i < n; i++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "field", v[i].field);
        cJSON_AddStringToObject(o, "message", v[i].message);
        cJSON_AddItemToArray(arr, o);
    }
    return arr;
}

int nb_cli_common_options(int argc, char **argv, const char **form, bool *json)
{
    static const struct option opts[] = {
        {"form", required_argument, NULL, 'f'}, {"json", no_argument, NULL, 'j'}, {NULL, 0, NULL, 0}};
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'f') {
            *form = optarg;
            continue;
        }
        if (c == 'j') {
            *json = true;
            continue;
        }
        const char *bad = argv[optind - 1];
        if (optopt == 'f')
            nb_cli_fail("%s の --form には調査定義の ID かファイルを指定してください。", argv[0]);
        else if (bad[0] == '-' && bad[1] >= '0' && bad[1] <= '9')
            /* "calc -5": a negative amount, not an option */
            nb_cli_fail("金額「%s」を読めません: %s。", NB_QUOTED(bad, 80), nb_num_error_text(NB_NUM_NEGATIVE));
        else
            nb_cli_fail("%s のオプション「%s」は使えません。nanbyo-survey %s --help を見てください。", argv[0], bad,
                        argv[0]);
        return -1;
    }
    return optind;
}

int nb_cli_answers_cmd_open(int argc, char **argv, const char *help, nb_cli_answers_cmd *c)
{
    const char *form = NULL;
    int rc;
    *c = (nb_cli_answers_cmd){NULL, NULL, NULL, false};
    c->path = nb_cli_single_operand(argc, argv, help, "回答ファイル", &form, &c->json, &rc);
    if (!c->path)
        return rc;
    if (nb_cli_answers(c->path, form, &c->def, &c->a) != 0)
        return 2;
    return -1;
}

void nb_cli_answers_cmd_close(nb_cli_answers_cmd *c)
{
    nb_answers_free(c->a);
    nb_def_free(c->def);
    c->a = NULL;
    c->def = NULL;
}

const char *nb_cli_single_operand(int argc, char **argv, const char *help, const char *what,
                                  const char **form, bool *json, int *rc)
{
    *rc = 0;
    if (nb_cli_wants_help(argc, argv, help))
        return NULL;
    *rc = 2;
    int first = nb_cli_common_options(argc, argv, form, json);
    if (first < 0)
        return NULL;
    if (first != argc - 1) {
        nb_cli_fail("%s には%sを1つ指定してください。nanbyo-survey %s --help を見てください。", argv[0], what, argv[0]);
        return NULL;
    }
    return argv[first];
}
