/* Calendar dates, 和暦 (令和/平成) and the Japanese fiscal year
 * (April to March). Pure functions; "today" can be fixed for tests. */
#ifndef NANBYO_DATE_H
#define NANBYO_DATE_H
#include <stdbool.h>
#include <stddef.h>

typedef struct {
    int y, m, d;
} nb_date;

typedef enum {
    NB_DATE_OK = 0,
    NB_DATE_EMPTY,
    NB_DATE_FORMAT,   /* not a recognised way of writing a date */
    NB_DATE_RANGE,    /* e.g. 2月30日, 13月 */
    NB_DATE_ERA       /* e.g. 平成32年 (past the end of the era) */
} nb_date_error;

/* Accepts "2026-05-01", "2026/5/1", "2026年5月1日", "令和8年5月1日",
 * "令和元年5月1日", "R8.5.1", "R8/5/1", "H31.4.30", with full-width digits
 * (input is NFKC-normalised), spaces around, and a trailing weekday such as
 * "(金)" (not checked against the date). out is written only on success.
 * NB_DATE_RANGE for impossible dates (2月30日), NB_DATE_ERA for dates
 * outside the era (H31.5.1, 令和元年4月30日). */
nb_date_error nb_date_parse(const char *s, nb_date *out);
/* Short Japanese fragment without examples or a final 。 (callers add the
 * examples that fit their field); "" for NB_DATE_OK. */
const char *nb_date_error_text(nb_date_error err);

bool nb_date_is_valid(nb_date d);
int nb_date_cmp(nb_date a, nb_date b);
/* Days since 1970-01-01 (may be negative). */
long nb_date_to_days(nb_date d);
nb_date nb_date_from_days(long days);
/* 0 = Sunday ... 6 = Saturday. */
int nb_date_weekday(nb_date d);
/* "日" "月" ... for a weekday number. */
const char *nb_weekday_kanji(int wd);

/* "2026-05-01"; buf needs 11 bytes. */
void nb_date_iso(nb_date d, char *buf, size_t n);
/* "令和8年5月1日" (令和元年 for year 1); buf needs 32 bytes. Dates before
 * 平成 are written in the Gregorian calendar. */
void nb_date_wareki(nb_date d, char *buf, size_t n);

/* Fiscal year that d belongs to: 2026-04-01..2027-03-31 is 2026. */
int nb_fiscal_year(nb_date d);
nb_date nb_fiscal_year_start(int fy);
nb_date nb_fiscal_year_end(int fy);

/* ISO 8601 in Japan time, as the answers file's saved_at and the PC
 * check's checked_at are stored. */
#define NB_ISO_JST_FORMAT "%Y-%m-%dT%H:%M:%S+09:00"

/* The current time in Japan (UTC+9, no time-zone data needed) formatted
 * with strftime's fmt, e.g. NB_ISO_JST_FORMAT. */
void nb_now_jst(const char *fmt, char *buf, size_t n);

/* Today in Japan (UTC+9), or NANBYO_TODAY=YYYY-MM-DD when set and valid. */
nb_date nb_today(void);

#endif
