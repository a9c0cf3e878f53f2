/* The subsidy rule as one pure integer function:
 *   selected = min(base, eligible, net)
 *   subsidy  = truncate(selected * num / den to unit), then min(cap)
 * and which of these bounds decided the result. All numbers come from the
 * survey definition. */
#ifndef NANBYO_SUBSIDY_H
#define NANBYO_SUBSIDY_H
#include <stdint.h>

typedef struct {
    int64_t base;      /* 基準額, e.g. 100000 */
    int64_t rate_num;  /* 1 */
    int64_t rate_den;  /* 2 */
    int64_t unit;      /* rounding unit, e.g. 1000 (truncation) */
    int64_t cap;       /* 上限, e.g. 50000; 0 = none */
} nb_money_rule;

typedef enum {
    NB_BIND_NONE = 0,  /* nothing spent: zero */
    NB_BIND_BASE,      /* 基準額 was the smallest */
    NB_BIND_ELIGIBLE,  /* 対象経費の実支出予定額 was the smallest */
    NB_BIND_NET,       /* 差引額 (total - other income) was the smallest */
    NB_BIND_CAP        /* the cap cut the computed subsidy */
} nb_binding;

typedef struct {
    int64_t total;     /* 総事業費 */
    int64_t other_income; /* 寄付金その他の収入額 */
    int64_t net;       /* 差引額 */
    int64_t eligible;  /* 対象経費の実支出予定額 */
    int64_t base;      /* 基準額 */
    int64_t selected;  /* 選定額 */
    int64_t subsidy;   /* 補助所要額 */
    nb_binding binding;
} nb_subsidy;

/* Fill out from eligible and net (every field except total and
 * other_income is set). Returns 0, or -1 when an input is negative, at or
 * above NB_YEN_LIMIT, or the rule is malformed (den <= 0 or > 10^6,
 * num < 0 or > den, unit <= 0, cap < 0, base outside 0..NB_YEN_LIMIT).
 * A negative net (other income above the total) is -1 too: the caller
 * reports that as a problem of the answers.
 * Binding: NONE when eligible is 0; BASE when base < eligible and
 * base <= net; NET when net < eligible and net < base; ELIGIBLE otherwise;
 * CAP when the cap lowered the computed subsidy. */
int nb_subsidy_compute(const nb_money_rule *rule, int64_t eligible, int64_t net, nb_subsidy *out);

/* "base", "eligible", "net", "cap", "none" (the --json names). */
const char *nb_binding_id(nb_binding b);
/* "基準額", "対象経費の実支出予定額", "差引額", "上限額", "なし". */
const char *nb_binding_label(nb_binding b);

#endif
