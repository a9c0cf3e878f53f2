/* Fuzz target: the answers loader (nb_answers_parse), then everything that
 * reads a loaded file: validation, derived amounts, items, the e-mail
 * subject and attachment name. An answers file comes from disk, maybe
 * edited by hand or by another program, so it is outside input. A file that
 * loads must serialise and load again. */
#include <unistd.h>
#include "fuzz_util.h"
#include "nanbyo/answers.h"
#include "nanbyo/definition.h"
#include "nanbyo/survey.h"

static nb_definition *def;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    nb_error err;
    def = nb_def_load(NB_SOURCE_ROOT "/forms/yamaguchi-r8.yaml", &err);
    if (!def) {
        fprintf(stderr, "fuzz_answers: %s\n", err.msg);
        abort();
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nb_error err;
    err.msg[0] = '\0';
    nb_answers *a = nb_answers_parse((const char *)data, size, "fuzz.json", &err);
    if (!a) {
        FZ_ASSERT(err.msg[0] != '\0', "load failed without a message");
        return 0;
    }
    nb_report r;
    nb_validate(def, a, &r);
    nb_report_free(&r);
    nb_subsidy sub;
    nb_survey_derive(def, a, &sub);
    FZ_ASSERT(sub.subsidy >= 0 && sub.subsidy <= def->money.cap, "subsidy %lld",
              (long long)sub.subsidy);
    for (size_t i = 0; i < nb_answers_item_count(a) && i < 64; i++) {
        nb_item it;
        nb_answers_item_get(a, i, &it);
        FZ_ASSERT(nb_item_amount(&it) >= 0, "negative item amount");
        (void)nb_item_eligible(def, &it);
        nb_item_clear(&it);
        free(nb_answers_item_raw(a, i, "unit_price"));
    }
    for (size_t i = 0; i < def->n_fields && i < 64; i++) {
        free(nb_answers_get(a, def->fields[i].id));
        (void)nb_answers_type(a, def->fields[i].id);
    }
    char *subject = nb_survey_subject(def, a);
    FZ_ASSERT(subject && !strpbrk(subject, "\r\n"), "CR/LF in the subject");
    free(subject);
    char *name = nb_survey_attachment_name(def, a);
    FZ_ASSERT(name && !strchr(name, '/'), "slash in the attachment name");
    for (const char *p = name; *p; p++)
        FZ_ASSERT((unsigned char)*p >= 0x20 && *p != 0x7f, "control in the attachment name");
    free(name);
    free(nb_answers_section_get(a, "pc_check"));
    char *json = nb_answers_to_json(a);
    FZ_ASSERT(json, "to_json failed");
    nb_answers *b = nb_answers_parse(json, strlen(json), "again.json", &err);
    FZ_ASSERT(b, "own output does not load: %s", err.msg);
    nb_answers_free(b);
    free(json);
    nb_answers_free(a);
    return 0;
}
