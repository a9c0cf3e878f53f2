/* Fuzz target: dates as typed (nb_date_parse: ISO, slashes, 年月日, 令和,
 * 平成, R8.5.1, full-width digits). A date that parses must be a real
 * calendar date, and its ISO and 和暦 spellings must parse back to it. */
#include "fuzz_util.h"
#include "nanbyo/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fz_cstr(data, size);
    nb_date d = {0, 0, 0};
    nb_date_error e = nb_date_parse(s, &d);
    FZ_ASSERT(nb_date_error_text(e) != NULL, "no text for error %d", (int)e);
    if (e == NB_DATE_OK) {
        FZ_ASSERT(nb_date_is_valid(d), "parsed an invalid date %d-%d-%d", d.y, d.m, d.d);
        nb_date back = nb_date_from_days(nb_date_to_days(d));
        FZ_ASSERT(nb_date_cmp(back, d) == 0, "days round trip %d-%d-%d", d.y, d.m, d.d);
        int wd = nb_date_weekday(d);
        FZ_ASSERT(wd >= 0 && wd <= 6 && nb_weekday_kanji(wd), "weekday %d", wd);
        (void)nb_fiscal_year(d);
        /* Every valid date: ISO and 和暦 spellings must read back (this
         * target found that 令和1000年 and later did not, before era years
         * of 4 digits were accepted). */
        {
            char iso[11], wareki[32];
            nb_date p;
            nb_date_iso(d, iso, sizeof iso);
            FZ_ASSERT(nb_date_parse(iso, &p) == NB_DATE_OK && nb_date_cmp(p, d) == 0,
                      "ISO round trip of %d-%d-%d via %s", d.y, d.m, d.d, iso);
            nb_date_wareki(d, wareki, sizeof wareki);
            FZ_ASSERT(nb_date_parse(wareki, &p) == NB_DATE_OK && nb_date_cmp(p, d) == 0,
                      "wareki round trip of %d-%d-%d via %s", d.y, d.m, d.d, wareki);
        }
    }
    free(s);
    return 0;
}
