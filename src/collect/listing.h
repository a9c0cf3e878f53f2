/* What the reports show: every stored response, parsed, validated and
 * totalled, with the superseded ones marked, and the unreadable inputs.
 * Built once from the store; the JSON, xlsx and CSV reports read it. */
#ifndef NANBYO_COLLECT_LISTING_H
#define NANBYO_COLLECT_LISTING_H
#include "store.h"
#include "nanbyo/survey.h"

typedef struct {
    const nb_stored *row;
    nb_answers *a;      /* NULL only if the stored JSON no longer parses */
    nb_report rep;
    nb_subsidy sub;
    bool valid;         /* no problems */
    bool superseded;    /* a newer saved_at from the same code exists */
} nb_listed;

typedef struct {
    nb_stored *rows;
    nb_listed *r;
    size_t n;
    nb_stored_bad *bad;
    size_t n_bad;
    long long count;    /* valid and current */
    int64_t subsidy;    /* their Σ補助所要額 */
} nb_listing;

void nb_listing_build(nb_store *s, const nb_definition *def, nb_listing *l);
void nb_listing_free(nb_listing *l);

/* The columns of one row, shared by the xlsx and the CSV. */
enum {
    NB_COL_CODE, NB_COL_NAME, NB_COL_KIND, NB_COL_CONTACT, NB_COL_PHONE,
    NB_COL_DOC1, NB_COL_DOC2, NB_COL_DOC3,
    NB_COL_A, NB_COL_B, NB_COL_C, NB_COL_D, NB_COL_E, NB_COL_F, NB_COL_G,
    NB_COL_PC, NB_COL_VALID, NB_COL_CHANNEL, NB_COL_FILE, NB_COL_RECEIVED, NB_COL_PROBLEMS,
    NB_COL_COUNT
};
/* Header of column c (static or from the definition). */
const char *nb_col_title(const nb_definition *def, int c);
/* True for the columns that hold whole numbers. */
bool nb_col_numeric(int c);
/* The cell as text (malloc'd) and, for numeric columns, *num. */
char *nb_col_text(const nb_definition *def, const nb_listed *x, int c, long long *num);

#endif
