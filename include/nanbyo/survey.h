/* What a definition and a set of answers mean together: derived amounts,
 * item eligibility, and validation into problems (block submission) and
 * warnings (never block). */
#ifndef NANBYO_SURVEY_H
#define NANBYO_SURVEY_H
#include <stdbool.h>
#include <stddef.h>
#include "nanbyo/answers.h"
#include "nanbyo/date.h"
#include "nanbyo/definition.h"
#include "nanbyo/subsidy.h"

typedef struct {
    char *field;    /* field id, or "items[2].unit_price", or "items" */
    char *message;  /* Japanese, one sentence */
} nb_problem;

typedef struct {
    nb_problem *problems; size_t n_problems;
    nb_problem *warnings; size_t n_warnings;
} nb_report;

/* Derived amounts (README.md, "summary ANSWERS"; malformed amounts count as 0). */
void nb_survey_derive(const nb_definition *def, const nb_answers *a, nb_subsidy *out);

/* Amount of one item (quantity x unit price, saturating at the limit). */
int64_t nb_item_amount(const nb_item *it);
/* Whether the item's category is eligible; unknown categories are not. */
bool nb_item_eligible(const nb_definition *def, const nb_item *it);

/* Most characters a text field holds (its max_length, else 200, or 2000
 * for multi-line text); 0 for fields whose length is not limited. */
int nb_field_max_chars(const nb_field *f);

/* Check one value typed for field f. Returns NULL when acceptable (empty
 * is acceptable here; "required" is a whole-survey problem), else a
 * malloc'd Japanese sentence. When normalised is not NULL and the value is
 * fine, *normalised gets the value to store (malloc'd), e.g. the 10-digit
 * code or "083-933-2969". */
char *nb_field_check(const nb_definition *def, const nb_field *f, const char *value, char **normalised);

/* Validate everything. today decides nothing about validity; it is used
 * only for the "期限後" warning. */
void nb_validate(const nb_definition *def, const nb_answers *a, nb_report *r);
void nb_report_free(nb_report *r);

/* True when the deadline has passed for today. Days left (negative after)
 * in *days_left when not NULL. */
bool nb_deadline_passed(const nb_definition *def, nb_date today, long *days_left);

/* Subject of the e-mail for these answers, from the template (malloc'd). */
char *nb_survey_subject(const nb_definition *def, const nb_answers *a);
/* Attachment file name from the template (malloc'd); '/' and controls
 * replaced so it is a safe file name. */
char *nb_survey_attachment_name(const nb_definition *def, const nb_answers *a);

#endif
