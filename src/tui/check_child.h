/* The PC check as the questionnaire sees it: the same results as
 * check.h, but the probes run in a child process (job.h), so the network
 * and printer libraries never load into the questionnaire itself. */
#ifndef NANBYO_TUI_CHECK_CHILD_H
#define NANBYO_TUI_CHECK_CHILD_H
#include <stdbool.h>
#include <stddef.h>
#include "nanbyo/check.h"

typedef struct nb_check_child nb_check_child;

/* NULL when no child process could be started. */
nb_check_child *nb_check_child_start(const nb_definition *def, const nb_check_options *opt);
/* Non-blocking; true when the child has finished (or died). */
bool nb_check_child_poll(nb_check_child *c);
size_t nb_check_child_count(const nb_check_child *c);
/* Result i as last reported (pending until its probe is done). */
const nb_check_result *nb_check_child_result(const nb_check_child *c, size_t i);
/* The run as JSON for the answers file ("pc_check"), or NULL when the
 * child ended without one; then nb_check_child_error says why. */
const char *nb_check_child_json(const nb_check_child *c);
const char *nb_check_child_error(const nb_check_child *c);
/* Ends a child that is still running. */
void nb_check_child_free(nb_check_child *c);

#endif
