/* Fuzz target: the survey-definition loader (nb_def_load). The loader only
 * takes a path, so each input is written to a file on tmpfs first. A
 * definition that loads is then used the way the program uses it:
 * lookups, template expansion, validation of a fixed answers file. */
#include <unistd.h>
#include "fuzz_util.h"
#include "nanbyo/answers.h"
#include "nanbyo/definition.h"
#include "nanbyo/survey.h"

static char path[64];
static nb_answers *answers;

static const char sample[] =
    "{\"format\":\"nanbyo-survey-answers/1\",\"survey\":\"yamaguchi-r8\","
    "\"fields\":{\"institution_name\":\"やまぐち内科\",\"doctors_nanbyo\":\"２\","
    "\"planned_start\":\"R8.6.1\",\"planned_completion\":\"2026-07-31\","
    "\"other_income\":\"1,000円\",\"registration_method\":\"xml\"},"
    "\"items\":[{\"category\":\"pc\",\"description\":\"PC\",\"quantity\":2,"
    "\"unit_price\":\"128,000\"},{\"category\":\"running_cost\",\"quantity\":12,"
    "\"unit_price\":3000}]}";

static const char *get_value(void *ctx, const char *id)
{
    (void)ctx;
    return id[0] ? "値" : "";
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    nb_error err;
    answers = nb_answers_parse(sample, strlen(sample), "sample.json", &err);
    if (!answers) {
        fprintf(stderr, "fuzz_definition: %s\n", err.msg);
        abort();
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!path[0])
        snprintf(path, sizeof path, "/dev/shm/nb-fuzz-def-%ld.yaml", (long)getpid());
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    if (size && fwrite(data, 1, size, f) != size)
        abort();
    fclose(f);
    nb_error err;
    err.msg[0] = '\0';
    nb_definition *def = nb_def_load(path, &err);
    if (!def) {
        FZ_ASSERT(err.msg[0] != '\0', "load failed without a message");
        return 0;
    }
    for (size_t i = 0; i < def->n_fields; i++) {
        FZ_ASSERT(def->fields[i].id != NULL, "field %zu without id", i);
        FZ_ASSERT(nb_def_field(def, def->fields[i].id) != NULL, "field %s not found by id",
                  def->fields[i].id);
        (void)nb_field_type_name(def->fields[i].type);
    }
    for (size_t i = 0; i < def->n_categories; i++)
        FZ_ASSERT(nb_def_category(def, def->categories[i].id) != NULL, "category lookup");
    if (def->subject_template)
        free(nb_def_expand(def->subject_template, get_value, NULL));
    if (def->attachment_template)
        free(nb_def_expand(def->attachment_template, get_value, NULL));
    /* The rules, money rule and fields of whatever loaded, applied to a
     * fixed set of answers. */
    nb_report r;
    nb_validate(def, answers, &r);
    nb_report_free(&r);
    nb_subsidy sub;
    nb_survey_derive(def, answers, &sub);
    nb_def_free(def);
    return 0;
}
