/* The three reports of collect: --json on stdout, the xlsx and the CSV. */
#ifndef NANBYO_COLLECT_REPORT_H
#define NANBYO_COLLECT_REPORT_H
#include <cjson/cJSON.h>
#include "listing.h"

/* {"responses":[...],"totals":{"count","subsidy"},"unreadable":[...]} */
cJSON *nb_collect_json(const nb_listing *l);
int nb_collect_xlsx(const nb_definition *def, const nb_listing *l, const char *path, nb_error *err);
/* CP932; a character CP932 cannot hold is refused with its row named. */
int nb_collect_csv(const nb_definition *def, const nb_listing *l, const char *path, nb_error *err);

#endif
