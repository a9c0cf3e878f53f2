/* Parsing and formatting of whole yen and of counts. Amounts are int64_t
 * yen everywhere: no floating point ever touches money. */
#ifndef NANBYO_YEN_H
#define NANBYO_YEN_H
#include <stddef.h>
#include <stdint.h>

/* Amounts at or above this are rejected as implausible (10^12 yen). */
#define NB_YEN_LIMIT 1000000000000LL

typedef enum {
    NB_NUM_OK = 0,
    NB_NUM_EMPTY,     /* nothing but spaces */
    NB_NUM_NEGATIVE,  /* a minus sign */
    NB_NUM_DECIMAL,   /* a decimal point */
    NB_NUM_GARBAGE,   /* letters, misplaced commas, invalid UTF-8 */
    NB_NUM_TOO_LARGE  /* at or above the limit */
} nb_num_error;

/* Parse an amount such as "123456", "123,456", "１２３，４５６円", "¥64,980",
 * "1万2千円" (12,000) or "なし" (0). Input is NFKC-normalised first; spaces
 * around, a leading ¥/￥ and a trailing 円 are accepted; commas must group
 * by three; 万/千 groups must be in order and each below the one before. */
nb_num_error nb_yen_parse(const char *s, int64_t *out);

/* Parse a non-negative count ("2", "２", "2人", "2名", "1台", "12か月",
 * "なし" = 0) up to max inclusive (NB_NUM_TOO_LARGE above max). */
nb_num_error nb_count_parse(const char *s, int64_t max, int64_t *out);

/* A short Japanese sentence fragment describing an amount error, e.g.
 * "金額は0以上の整数で入力してください (マイナスは入力できません)";
 * "" for NB_NUM_OK. */
const char *nb_num_error_text(nb_num_error err);

/* The same for counts (people, quantities): no mention of 金額. */
const char *nb_count_error_text(nb_num_error err);

/* "50,000" (no unit). buf needs 32 bytes. */
void nb_yen_format_plain(int64_t v, char *buf, size_t n);

/* "50,000円". buf needs 32 bytes. */
void nb_yen_format(int64_t v, char *buf, size_t n);

#endif
