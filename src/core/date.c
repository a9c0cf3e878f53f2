/* Calendar arithmetic, 和暦 and the Japanese fiscal year. The clerk writes
 * dates in whatever way the paperwork uses ("令和8年5月1日", "R8.5.1",
 * "2026/5/1"); all of them land in one nb_date here, and impossible or
 * out-of-era dates are told apart so the message can say which. */
#include "nanbyo/date.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nanbyo/text.h"

typedef struct {
    const char *name;   /* as written after NFKC */
    const char *letter; /* one-letter form, upper case */
    nb_date first, last;
} era;

/* The last day of 平成 is fixed; 令和 is open-ended. 昭和 is only parsed
 * (old paperwork), never written. */
static const era eras[] = {
    { "令和", "R", { 2019, 5, 1 }, { 9999, 12, 31 } },
    { "平成", "H", { 1989, 1, 8 }, { 2019, 4, 30 } },
    { "昭和", "S", { 1926, 12, 25 }, { 1989, 1, 7 } },
};

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int dim[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (m == 2 && is_leap(y))
        return 29;
    return dim[m - 1];
}

bool nb_date_is_valid(nb_date d)
{
    return d.y >= 1 && d.y <= 9999 && d.m >= 1 && d.m <= 12 && d.d >= 1 &&
           d.d <= days_in_month(d.y, d.m);
}

int nb_date_cmp(nb_date a, nb_date b)
{
    if (a.y != b.y)
        return a.y < b.y ? -1 : 1;
    if (a.m != b.m)
        return a.m < b.m ? -1 : 1;
    if (a.d != b.d)
        return a.d < b.d ? -1 : 1;
    return 0;
}

/* Days from 1970-01-01 in the proleptic Gregorian calendar. The year is
 * taken to start on 1 March so the leap day is the last day of a year;
 * then the count is whole 400-year eras (146097 days each) plus the day
 * within the era. */
long nb_date_to_days(nb_date d)
{
    long y = d.y - (d.m <= 2 ? 1 : 0);
    long era_n = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era_n * 400;                              /* 0..399 */
    long mp = (d.m + 9) % 12;                                /* March = 0 */
    long doy = (153 * mp + 2) / 5 + d.d - 1;                 /* 0..365 */
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;        /* 0..146096 */
    return era_n * 146097 + doe - 719468;                    /* 719468 = 0000-03-01 .. 1970-01-01 */
}

nb_date nb_date_from_days(long days)
{
    long z = days + 719468;
    long era_n = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era_n * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    nb_date r;

    r.d = (int)(doy - (153 * mp + 2) / 5 + 1);
    r.m = (int)(mp < 10 ? mp + 3 : mp - 9);
    r.y = (int)(yoe + era_n * 400 + (r.m <= 2 ? 1 : 0));
    return r;
}

int nb_date_weekday(nb_date d)
{
    long days = nb_date_to_days(d);
    /* 1970-01-01 was a Thursday (4). */
    long wd = (days + 4) % 7;
    return (int)(wd < 0 ? wd + 7 : wd);
}

const char *nb_weekday_kanji(int wd)
{
    static const char *const k[] = { "日", "月", "火", "水", "木", "金", "土" };
    if (wd < 0 || wd > 6)
        return "";
    return k[wd];
}

void nb_date_iso(nb_date d, char *buf, size_t n)
{
    if (buf == NULL || n == 0)
        return;
    snprintf(buf, n, "%04d-%02d-%02d", d.y % 10000, d.m % 100, d.d % 100);
}

void nb_date_wareki(nb_date d, char *buf, size_t n)
{
    if (buf == NULL || n == 0)
        return;
    for (size_t i = 0; i < 2; i++) {
        const era *e = &eras[i];
        if (nb_date_cmp(d, e->first) >= 0 && nb_date_cmp(d, e->last) <= 0) {
            int ey = d.y - e->first.y + 1;
            if (ey == 1)
                snprintf(buf, n, "%s元年%d月%d日", e->name, d.m, d.d);
            else
                snprintf(buf, n, "%s%d年%d月%d日", e->name, ey, d.m, d.d);
            return;
        }
    }
    /* Four digits so that the text reads back as the same year. */
    snprintf(buf, n, "%04d年%d月%d日", d.y, d.m, d.d);
}

int nb_fiscal_year(nb_date d)
{
    return d.m >= 4 ? d.y : d.y - 1;
}

nb_date nb_fiscal_year_start(int fy)
{
    nb_date d = { fy, 4, 1 };
    return d;
}

nb_date nb_fiscal_year_end(int fy)
{
    nb_date d = { fy + 1, 3, 31 };
    return d;
}

/* ---- parsing ---------------------------------------------------------- */

static const char *skip_sp(const char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

static bool eat(const char **p, const char *tok)
{
    size_t n = strlen(tok);
    if (strncmp(*p, tok, n) == 0) {
        *p = skip_sp(*p + n);
        return true;
    }
    return false;
}

/* Up to max_digits decimal digits; -1 if none or too many. */
static int number(const char **p, int max_digits)
{
    const char *q = *p;
    int v = 0, n = 0;

    while (*q >= '0' && *q <= '9') {
        if (++n > max_digits)
            return -1;
        v = v * 10 + (*q - '0');
        q++;
    }
    if (n == 0)
        return -1;
    *p = skip_sp(q);
    return v;
}

/* Drop a trailing weekday such as "(火)", "(火曜)" or "(火曜日)". The
 * weekday itself is not checked against the date: people copy it from
 * calendars and a wrong one should not hide a right date. */
static void drop_weekday(char *s)
{
    size_t len = strlen(s);
    char *open;

    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        s[--len] = '\0';
    if (len == 0 || s[len - 1] != ')')
        return;
    open = strrchr(s, '(');
    if (open == NULL)
        return;
    const char *p = open + 1;
    bool found = false;
    for (int i = 0; i < 7; i++)
        if (strncmp(p, nb_weekday_kanji(i), strlen(nb_weekday_kanji(i))) == 0) {
            p += strlen(nb_weekday_kanji(i));
            found = true;
            break;
        }
    if (!found)
        return;
    if (strncmp(p, "曜", strlen("曜")) == 0) {
        p += strlen("曜");
        if (strncmp(p, "日", strlen("日")) == 0)
            p += strlen("日");
    }
    if (strcmp(p, ")") != 0)
        return;
    *open = '\0';
    len = strlen(s);
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        s[--len] = '\0';
}

/* Month and day after the year: "年M月D日" (日 optional) or
 * "<sep>M<sep>D" with the same separator twice. */
static nb_date_error month_day(const char *p, bool kanji, char sep, int *m, int *d)
{
    if (kanji) {
        if ((*m = number(&p, 2)) < 0 || !eat(&p, "月"))
            return NB_DATE_FORMAT;
        if ((*d = number(&p, 2)) < 0)
            return NB_DATE_FORMAT;
        eat(&p, "日");
    } else {
        if ((*m = number(&p, 2)) < 0 || *p != sep)
            return NB_DATE_FORMAT;
        p = skip_sp(p + 1);
        if ((*d = number(&p, 2)) < 0)
            return NB_DATE_FORMAT;
    }
    return *p == '\0' ? NB_DATE_OK : NB_DATE_FORMAT;
}

/* After the year: either 年 or one of - / . as separator. */
static bool year_sep(const char **p, bool *kanji, char *sep)
{
    if (eat(p, "年")) {
        *kanji = true;
        return true;
    }
    if (**p == '-' || **p == '/' || **p == '.') {
        *kanji = false;
        *sep = **p;
        *p = skip_sp(*p + 1);
        return true;
    }
    return false;
}

static nb_date_error parse_normalised(const char *p, nb_date *out)
{
    const era *e = NULL;
    bool kanji = false;
    char sep = 0;
    int y, m, d;
    nb_date r;
    nb_date_error err;

    p = skip_sp(p);
    if (*p == '\0')
        return NB_DATE_EMPTY;
    for (size_t i = 0; i < sizeof eras / sizeof eras[0] && e == NULL; i++) {
        if (eat(&p, eras[i].name))
            e = &eras[i];
        else if ((*p == eras[i].letter[0] || *p == eras[i].letter[0] + 32)) {
            p = skip_sp(p + 1);
            e = &eras[i];
        }
    }
    /* The year: of the era after an era name (元 = 1), else four digits.
     * The rest is the same for both. */
    if (e != NULL) {
        if (eat(&p, "元"))
            y = 1;
        else if ((y = number(&p, 4)) < 0)
            return NB_DATE_FORMAT;
    } else if (strspn(p, "0123456789") != 4 || (y = number(&p, 4)) < 0) {
        return NB_DATE_FORMAT;
    }
    if (!year_sep(&p, &kanji, &sep))
        return NB_DATE_FORMAT;
    err = month_day(p, kanji, sep, &m, &d);
    if (err != NB_DATE_OK)
        return err;
    if (e != NULL && y < 1)
        return NB_DATE_ERA;
    r.y = e != NULL ? e->first.y + y - 1 : y;
    r.m = m;
    r.d = d;
    if (!nb_date_is_valid(r))
        return NB_DATE_RANGE;
    if (e != NULL && (nb_date_cmp(r, e->first) < 0 || nb_date_cmp(r, e->last) > 0))
        return NB_DATE_ERA;
    if (out)
        *out = r;
    return NB_DATE_OK;
}

nb_date_error nb_date_parse(const char *s, nb_date *out)
{
    char *norm;
    nb_date_error err;

    if (s == NULL)
        return NB_DATE_EMPTY;
    norm = nb_nfkc(s);
    if (norm == NULL)
        return NB_DATE_FORMAT;
    drop_weekday(norm);
    err = parse_normalised(norm, out);
    free(norm);
    return err;
}

const char *nb_date_error_text(nb_date_error err)
{
    static const char *const texts[] = {
        [NB_DATE_OK] = "",
        [NB_DATE_EMPTY] = "日付が入力されていません",
        [NB_DATE_FORMAT] = "日付の書き方が読み取れません",
        [NB_DATE_RANGE] = "存在しない日付です (月と日を確認してください)",
        [NB_DATE_ERA] = "元号と年が合いません (平成は31年4月30日まで、令和は元年5月1日からです)",
    };
    if ((unsigned)err >= sizeof texts / sizeof texts[0])
        return "日付を確認してください";
    return texts[err];
}

/* ---- today ------------------------------------------------------------ */

/* Strict "YYYY-MM-DD" for NANBYO_TODAY: tests must not be fooled by a
 * lenient reading of a typo. */
static bool parse_iso_strict(const char *s, nb_date *out)
{
    nb_date d;

    if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    d.y = atoi(s);
    d.m = atoi(s + 5);
    d.d = atoi(s + 8);
    if (!nb_date_is_valid(d))
        return false;
    *out = d;
    return true;
}

nb_date nb_today(void)
{
    nb_date d;
    time_t now;
    long long secs;

    if (parse_iso_strict(getenv("NANBYO_TODAY"), &d))
        return d;
    /* Japan has had no daylight saving since 1951: UTC+9 is exact and needs
     * no time-zone data on the machine. */
    now = time(NULL);
    secs = (long long)now + 9 * 3600;
    long days = (long)(secs >= 0 ? secs / 86400 : (secs - 86399) / 86400);
    return nb_date_from_days(days);
}

void nb_now_jst(const char *fmt, char *buf, size_t n)
{
    /* Japan has had no daylight saving since 1951. */
    time_t t = time(NULL) + 9 * 3600;
    struct tm tm;
    gmtime_r(&t, &tm);
    if (n && strftime(buf, n, fmt, &tm) == 0)
        buf[0] = '\0';
}
