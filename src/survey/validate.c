/* Whole-survey validation: required fields, every value's type and range,
 * the definition's rules (eligibility gate, conditional fields, dates),
 * every purchase item. Problems block submission; warnings (機種依存文字,
 * ineligible items, a passed deadline) are told but never block. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nanbyo/charset.h"
#include "nanbyo/quote.h"
#include "nanbyo/survey.h"
#include "nanbyo/text.h"
#include "nanbyo/utf8.h"
#include "nanbyo/xalloc.h"
#include "nanbyo/yen.h"

static void add(nb_problem **v, size_t *n, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void add(nb_problem **v, size_t *n, const char *field, const char *fmt, ...)
{
    nb_error e; /* escapes whatever an argument brings in, cuts at a character */
    va_list ap;
    va_start(ap, fmt);
    nb_error_vset(&e, fmt, ap);
    va_end(ap);
    /* The array's room is the next power of two: it grows only when n
     * reaches one, so 400,000 problems (100,000 bad items) are not 400,000
     * copies of a growing array (quadratic where realloc copies, as
     * under ASan). */
    if ((*n & (*n - 1)) == 0)
        *v = xreallocarray(*v, *n ? *n * 2 : 1, sizeof **v);
    (*v)[*n].field = xstrdup(field);
    (*v)[*n].message = xstrdup(e.msg);
    (*n)++;
}

#define PROBLEM(r, f, ...) add(&(r)->problems, &(r)->n_problems, f, __VA_ARGS__)
#define WARNING(r, f, ...) add(&(r)->warnings, &(r)->n_warnings, f, __VA_ARGS__)

static bool has_problem(const nb_report *r, const char *field)
{
    for (size_t i = 0; i < r->n_problems; i++)
        if (strcmp(r->problems[i].field, field) == 0)
            return true;
    return false;
}

/* Fields that hold a name of a person or an institution, where a variant
 * such as 髙 or 﨑 may be the right character: only there does the
 * warning say it may stay. */
static bool is_name_field(const char *field)
{
    static const char *const names[] = {"institution_name", "founder", "representative", "contact_name",
                                        "vendor_name"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(field, names[i]) == 0)
            return true;
    return false;
}

static void charset_warnings(nb_report *r, const char *field, const char *label, const char *value)
{
    nb_cs_issue issues[4];
    size_t n = nb_charset_scan(value, issues, 4);
    for (size_t i = 0; i < n && i < 4; i++) {
        if (issues[i].kind == NB_CS_CONTROL)
            continue;
        char ch[8] = {0};
        size_t len = 0;
        while (value[issues[i].offset + len] && len < 4 &&
               (len == 0 || ((unsigned char)value[issues[i].offset + len] & 0xC0) == 0x80))
            len++;
        memcpy(ch, value + issues[i].offset, len);
        if (issues[i].suggestion[0])
            WARNING(r, field, "%sに機種依存文字「%s」(%s) があります。受け取る側で文字化けすることがあります。「%s」に置き換えることもできます%s。",
                    label, ch, nb_cs_kind_text(issues[i].kind), issues[i].suggestion,
                    is_name_field(field) ? " (名前の正しい字であればそのままで構いません)" : "");
        else
            WARNING(r, field, "%sに機種依存文字「%s」(%s) があります。受け取る側で文字化けすることがあります。",
                    label, ch, nb_cs_kind_text(issues[i].kind));
    }
}

static void check_field(const nb_definition *def, const nb_answers *a, const nb_field *f, nb_report *r)
{
    char t = nb_answers_type(a, f->id);
    if (t == '?') {
        PROBLEM(r, f->id, "%sの値の形が正しくありません (文字列か数で書いてください)。", f->label);
        return;
    }
    char *v = nb_answers_get(a, f->id);
    char *trimmed = v ? nb_trim(v) : NULL;
    bool empty = !trimmed || !*trimmed;
    free(trimmed);
    if (empty) {
        if (f->required) {
            if (f->type == NB_FT_CHOICE)
                PROBLEM(r, f->id, "%sを選んでください。", f->label);
            else if (f->type == NB_FT_CONFIRM)
                PROBLEM(r, f->id, "「%s」を確認して「はい」を選んでください。", f->label);
            else
                PROBLEM(r, f->id, "%sを入力してください。", f->label);
        }
        free(v);
        return;
    }
    char *norm = NULL;
    char *why = nb_field_check(def, f, v, &norm);
    if (why) {
        /* Core reasons often start with the field's name already. */
        size_t n = strlen(why);
        bool has_stop = n >= 3 && strcmp(why + n - 3, "。") == 0;
        if (strncmp(why, f->label, strlen(f->label)) == 0)
            PROBLEM(r, f->id, "%s%s", why, has_stop ? "" : "。");
        else
            PROBLEM(r, f->id, "%s: %s%s", f->label, why, has_stop ? "" : "。");
    }
    else if (f->type == NB_FT_CONFIRM && f->required && strcmp(norm, "true") != 0)
        PROBLEM(r, f->id, "「%s」を確認して「はい」を選んでください。補助を受けるための条件です。", f->label);
    else if (f->type == NB_FT_TEXT || f->type == NB_FT_MULTILINE)
        charset_warnings(r, f->id, f->label, v);
    free(why);
    free(norm);
    free(v);
}

static bool field_date(const nb_answers *a, const char *id, nb_date *d)
{
    char *v = nb_answers_get(a, id);
    bool ok = v && nb_date_parse(v, d) == NB_DATE_OK;
    free(v);
    return ok;
}

static int64_t field_count(const nb_answers *a, const char *id)
{
    char *v = nb_answers_get(a, id);
    int64_t x = 0;
    if (!v || nb_count_parse(v, NB_YEN_LIMIT - 1, &x) != NB_NUM_OK)
        x = 0;
    free(v);
    return x;
}

static void check_rule(const nb_definition *def, const nb_answers *a, const nb_rule *rule, nb_report *r)
{
    switch (rule->kind) {
    case NB_RULE_AT_LEAST_ONE: {
        int64_t sum = 0;
        bool any_problem = false;
        for (size_t i = 0; i < rule->n_fields; i++) {
            sum += field_count(a, rule->fields[i]);
            any_problem |= has_problem(r, rule->fields[i]);
        }
        if (sum <= 0 && !any_problem)
            PROBLEM(r, rule->field, "%s", rule->message);
        break;
    }
    case NB_RULE_REQUIRED_WHEN: {
        char *other = nb_answers_get(a, rule->other);
        bool applies = false;
        for (size_t i = 0; other && i < rule->n_values; i++)
            applies |= strcmp(other, rule->values[i]) == 0;
        free(other);
        char *v = applies ? nb_answers_get(a, rule->field) : NULL;
        char *t = v ? nb_trim(v) : NULL;
        if (applies && (!t || !*t) && !has_problem(r, rule->field))
            PROBLEM(r, rule->field, "%s", rule->message);
        free(t);
        free(v);
        break;
    }
    case NB_RULE_DATE_IN_FY:
        for (size_t i = 0; i < rule->n_fields; i++) {
            nb_date d;
            if (!field_date(a, rule->fields[i], &d) || has_problem(r, rule->fields[i]))
                continue;
            if (nb_date_cmp(d, def->earliest_start) < 0 || nb_date_cmp(d, def->completion_deadline) > 0 ||
                nb_date_cmp(d, def->fy_end) > 0)
                PROBLEM(r, rule->fields[i], "%s", rule->message);
        }
        break;
    case NB_RULE_DATE_ORDER: {
        nb_date d, o;
        if (field_date(a, rule->field, &d) && field_date(a, rule->other, &o) && !has_problem(r, rule->field) &&
            nb_date_cmp(d, o) < 0)
            PROBLEM(r, rule->field, "%s", rule->message);
        break;
    }
    case NB_RULE_MIN_ITEMS:
        if ((int64_t)nb_answers_item_count(a) < rule->count)
            PROBLEM(r, rule->field && *rule->field ? rule->field : "items", "%s", rule->message);
        break;
    }
}

static void check_items(const nb_definition *def, const nb_answers *a, nb_report *r)
{
    size_t n = nb_answers_item_count(a);
    for (size_t i = 0; i < n; i++) {
        nb_item it;
        nb_answers_item_get(a, i, &it);
        char f[64];
        const nb_category *cat = nb_def_category(def, it.category);
        snprintf(f, sizeof f, "items[%zu].category", i);
        if (!*it.category)
            PROBLEM(r, f, "%zu件目の区分を選んでください。", i + 1);
        else if (!cat)
            PROBLEM(r, f, "%zu件目の区分「%s」はこの調査にありません。一覧から選び直してください。", i + 1,
                    NB_QUOTED(it.category, 40));
        else if (!cat->eligible)
            WARNING(r, f, "%zu件目「%s」(区分: %s) は補助の対象外です。%s 総事業費には含めますが、対象経費には含めません。",
                    i + 1, NB_QUOTED(it.description, 60), cat->label, cat->reason);
        snprintf(f, sizeof f, "items[%zu].description", i);
        char *desc = nb_trim(it.description);
        if (!*desc)
            PROBLEM(r, f, "%zu件目の品名・内容を入力してください。", i + 1);
        else if (nb_has_control(desc))
            PROBLEM(r, f, "%zu件目の品名・内容に改行や制御文字があります。1行で入力してください。", i + 1);
        else if (nb_find_invisible(desc))
            PROBLEM(r, f, "%zu件目の品名・内容に見えない文字か文字の向きを変える制御文字 (<U+%04X>) があります。取り除いてください。",
                    i + 1, (unsigned)nb_find_invisible(desc));
        else if (nb_utf8_count(desc) > 100)
            PROBLEM(r, f, "%zu件目の品名・内容は100文字以内で入力してください。", i + 1);
        else
            charset_warnings(r, f, "品名・内容", desc);
        free(desc);
        snprintf(f, sizeof f, "items[%zu].quantity", i);
        if (!it.quantity_ok || it.quantity < 1)
            PROBLEM(r, f, "%zu件目の数量は1以上の整数で入力してください。", i + 1);
        snprintf(f, sizeof f, "items[%zu].unit_price", i);
        if (!it.unit_price_ok || it.unit_price < 1) {
            char *raw = nb_answers_item_raw(a, i, "unit_price");
            int64_t x;
            nb_num_error e = raw ? nb_yen_parse(raw, &x) : NB_NUM_EMPTY;
            PROBLEM(r, f, "%zu件目の単価: %s。", i + 1,
                    e == NB_NUM_OK ? "1円以上の金額を入力してください" : nb_num_error_text(e));
            free(raw);
        }
        nb_item_clear(&it);
    }
}

void nb_validate(const nb_definition *def, const nb_answers *a, nb_report *r)
{
    memset(r, 0, sizeof *r);
    const char *survey = nb_answers_survey(a);
    if (*survey && strcmp(survey, def->id) != 0)
        WARNING(r, "survey", "回答ファイルは調査「%s」用ですが、調査定義「%s」で確認しています。",
                NB_QUOTED(survey, 60), def->id);
    for (size_t i = 0; i < def->n_fields; i++)
        check_field(def, a, &def->fields[i], r);
    check_items(def, a, r);
    for (size_t i = 0; i < def->n_rules; i++)
        check_rule(def, a, &def->rules[i], r);
    nb_subsidy s;
    nb_survey_derive(def, a, &s);
    if (s.total >= NB_YEN_LIMIT)
        PROBLEM(r, "items", "金額の合計が大きすぎます。単価と数量を確かめてください。");
    char *inc = nb_answers_get(a, "other_income");
    int64_t income = 0;
    if (inc && nb_yen_parse(inc, &income) == NB_NUM_OK && income > s.total && !has_problem(r, "other_income"))
        PROBLEM(r, "other_income", "寄付金その他の収入額 (%lld円) が総事業費 (%lld円) を超えています。金額を確かめてください。",
                (long long)income, (long long)s.total);
    free(inc);
    long days;
    if (nb_deadline_passed(def, nb_today(), &days)) {
        char wareki[40];
        nb_date_wareki(def->deadline, wareki, sizeof wareki);
        WARNING(r, "deadline", "提出期限 (%s%s) を過ぎています。提出する書類には「期限後」と記載されます。事前に県の担当 (%s) に相談してください。",
                wareki, def->deadline_must_arrive ? "必着" : "", def->phone && *def->phone ? def->phone : def->authority);
    }
}

void nb_report_free(nb_report *r)
{
    for (size_t i = 0; i < r->n_problems; i++) {
        free(r->problems[i].field);
        free(r->problems[i].message);
    }
    for (size_t i = 0; i < r->n_warnings; i++) {
        free(r->warnings[i].field);
        free(r->warnings[i].message);
    }
    free(r->problems);
    free(r->warnings);
    memset(r, 0, sizeof *r);
}

bool nb_deadline_passed(const nb_definition *def, nb_date today, long *days_left)
{
    long left = nb_date_to_days(def->deadline) - nb_date_to_days(today);
    if (days_left)
        *days_left = left;
    return left < 0;
}
