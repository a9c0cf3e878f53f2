/* Checking one typed value against its field definition: the check the UI
 * runs when the clerk leaves a field and validation runs for every field.
 * Returns a Japanese sentence, or NULL with the value to store. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nanbyo/fields.h"
#include "nanbyo/quote.h"
#include "nanbyo/survey.h"
#include "nanbyo/text.h"
#include "nanbyo/utf8.h"
#include "nanbyo/xalloc.h"
#include "nanbyo/yen.h"

#define TEXT_DEFAULT_MAX 200
#define MULTILINE_DEFAULT_MAX 2000

static char *msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *msg(const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return xstrdup(buf);
}

/* Controls other than LF (and CR before LF) in multi-line text. */
static bool bad_multiline_control(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '\n' || (*p == '\r' && p[1] == '\n'))
            continue;
        if (*p < 0x20 || *p == 0x7f)
            return true;
    }
    /* C1 controls and line separators are multi-byte: reuse the strict test
     * on a copy with newlines removed. */
    char *copy = xstrdup(s);
    for (char *q = copy; *q; q++)
        if (*q == '\n' || *q == '\r')
            *q = ' ';
    bool bad = nb_has_control(copy);
    free(copy);
    return bad;
}

int nb_field_max_chars(const nb_field *f)
{
    if (f->type != NB_FT_TEXT && f->type != NB_FT_MULTILINE)
        return 0;
    if (f->max_length > 0)
        return f->max_length;
    return f->type == NB_FT_MULTILINE ? MULTILINE_DEFAULT_MAX : TEXT_DEFAULT_MAX;
}

static char *check_text(const nb_field *f, const char *v, char **norm)
{
    int max = nb_field_max_chars(f);
    if (f->type == NB_FT_MULTILINE ? bad_multiline_control(v) : nb_has_control(v))
        return xstrdup(f->type == NB_FT_MULTILINE
                          ? "タブなどの制御文字は使えません。取り除いてください。"
                          : "改行やタブなどの制御文字は使えません。1行で入力してください。");
    size_t n = nb_utf8_count(v);
    if (n > (size_t)max)
        return msg("%d文字までです (いま%zu文字)。%zu文字減らしてください。", max, n, n - (size_t)max);
    if (norm)
        *norm = nb_trim(v);
    return NULL;
}

/* The typed value as quoted in a message: trimmed, and at most 24
 * characters so a long paste cannot crowd the sentence out ("..." marks
 * the cut; U+2026 is ambiguous-width in Japanese terminals). */
static void quote_typed(const char *v, char *out, size_t n)
{
    char *t = nb_trim(v);
    const char *src = t ? t : v;
    size_t cut = 0, chars = 0;
    while (src[cut] && chars < 24) {
        cut++;
        while ((src[cut] & 0xC0) == 0x80)
            cut++;
        chars++;
    }
    snprintf(out, n, "%.*s%s", (int)cut, src, src[cut] ? "..." : "");
    free(t);
}

static char *check_number(const nb_field *f, const char *v, char **norm)
{
    int64_t x = 0;
    bool yen = f->type == NB_FT_YEN;
    int64_t max = f->max > 0 ? f->max : (yen ? NB_YEN_LIMIT - 1 : 1000000);
    nb_num_error e = yen ? nb_yen_parse(v, &x) : nb_count_parse(v, max, &x);
    if (e == NB_NUM_TOO_LARGE || (e == NB_NUM_OK && x > max)) {
        char m[40];
        yen ? nb_yen_format(max, m, sizeof m) : (void)snprintf(m, sizeof m, "%lld", (long long)max);
        return msg("%s以下の数を入力してください。", m);
    }
    if (e != NB_NUM_OK) {
        /* What was typed stays in the field: say so by quoting it, and
         * show the shape that is read. */
        char q[128];
        quote_typed(v, q, sizeof q);
        const char *why = e == NB_NUM_NEGATIVE ? " (マイナスは使えません)"
                          : e == NB_NUM_DECIMAL ? " (小数点は使えません)" : "";
        return yen ? msg("「%s」は金額として読めません%s。12,000 のように数字で入力してください。", q, why)
                   : msg("「%s」は数として読めません%s。2 のように数字で入力してください。", q, why);
    }
    if (x < f->min)
        return msg("%lld以上の数を入力してください。", (long long)f->min);
    if (norm)
        *norm = msg("%lld", (long long)x);
    return NULL;
}

static char *check_choice(const nb_field *f, const char *v, char **norm)
{
    char *t = nb_trim(v);
    for (size_t i = 0; i < f->n_choices; i++) {
        if (strcmp(t, f->choices[i].value) == 0 || strcmp(t, f->choices[i].label) == 0) {
            free(t);
            if (norm)
                *norm = xstrdup(f->choices[i].value);
            return NULL;
        }
    }
    free(t);
    size_t len = 0;
    char list[400] = "";
    for (size_t i = 0; i < f->n_choices && len + 64 < sizeof list; i++)
        len += (size_t)snprintf(list + len, sizeof list - len, "%s%s (%s)", i ? "、" : "",
                                f->choices[i].label, f->choices[i].value);
    return msg("選択肢から選んでください: %s。", list);
}

static char *check_confirm(const char *v, char **norm)
{
    static const char *const yes[] = {"true", "はい", "yes", "1"};
    static const char *const no[] = {"false", "いいえ", "no", "0"};
    for (size_t i = 0; i < 4; i++) {
        if (strcmp(v, yes[i]) == 0 || strcmp(v, no[i]) == 0) {
            if (norm)
                *norm = xstrdup(strcmp(v, yes[i]) == 0 ? "true" : "false");
            return NULL;
        }
    }
    return xstrdup("「はい」か「いいえ」で答えてください。");
}

char *nb_field_check(const nb_definition *def, const nb_field *f, const char *value, char **normalised)
{
    if (normalised)
        *normalised = NULL;
    if (!nb_utf8_valid(value, strlen(value)))
        return xstrdup("文字化けした文字 (UTF-8 でない文字) が含まれています。入力し直してください。");
    /* Before anything else: such a character is refused even in a value
     * that is otherwise blank or would be normalised away. */
    int32_t hidden = nb_find_invisible(value);
    if (hidden)
        return msg("見えない文字か文字の向きを変える制御文字 (<U+%04X>) が含まれています。取り除いて入力し直してください。",
                   (unsigned)hidden);
    char *trimmed = nb_trim(value);
    bool empty = !trimmed || !*trimmed;
    free(trimmed);
    if (empty) {
        if (normalised)
            *normalised = xstrdup("");
        return NULL;
    }
    if (f->type != NB_FT_TEXT && f->type != NB_FT_MULTILINE && nb_has_control(value))
        return xstrdup("改行やタブなどの制御文字は使えません。入力し直してください。");
    char buf[64];
    const char *why = NULL;
    nb_date d;
    nb_date_error de;
    switch (f->type) {
    case NB_FT_TEXT:
    case NB_FT_MULTILINE:
        return check_text(f, value, normalised);
    case NB_FT_COUNT:
    case NB_FT_YEN:
        return check_number(f, value, normalised);
    case NB_FT_DATE:
        de = nb_date_parse(value, &d);
        if (de != NB_DATE_OK) {
            char q[128];
            quote_typed(value, q, sizeof q);
            if (de == NB_DATE_FORMAT)
                return msg("「%s」は日付として読めません。令和8年6月1日、R8.6.1、2026-06-01 のように入力してください。", q);
            return msg("「%s」: %s。", q, nb_date_error_text(de));
        }
        nb_date_iso(d, buf, sizeof buf);
        break;
    case NB_FT_CHOICE:
        return check_choice(f, value, normalised);
    case NB_FT_CONFIRM:
        return check_confirm(value, normalised);
    case NB_FT_PHONE:
        why = nb_check_phone(value, buf, sizeof buf);
        break;
    case NB_FT_POSTAL:
        /* One reason whatever went wrong: a clerk who typed ー or a letter
         * is not helped by a remark on where the hyphen goes. */
        if (nb_check_postal(value, buf, sizeof buf)) {
            char q[128];
            quote_typed(value, q, sizeof q);
            return msg("「%s」は郵便番号として読めません。753-8501 のように数字7桁で入力してください。", q);
        }
        break;
    case NB_FT_EMAIL: {
        /* Typed with the IME on (ｉｎｆｏ＠...): the ASCII address it means
         * is unambiguous, and the field shows it once the clerk leaves. */
        char *ascii = nb_nfkc(value);
        const char *addr = ascii ? ascii : value;
        why = nb_check_email(addr);
        if (!why) {
            char *t = nb_trim(addr);
            snprintf(buf, sizeof buf, "%.63s", t);
            if (strlen(t) >= sizeof buf) {
                free(t);
                free(ascii);
                return xstrdup("メールアドレスが長すぎます。");
            }
            free(t);
        }
        free(ascii);
        break;
    }
    case NB_FT_INST_CODE:
        why = nb_check_inst_code(value, (int)def->prefecture_number, (int)def->tensu_digit, buf);
        break;
    }
    if (why) /* core reasons are fragments: end them as sentences */
        return msg("%s%s", why, strlen(why) >= 3 && strcmp(why + strlen(why) - 3, "。") == 0 ? "" : "。");
    if (normalised)
        *normalised = xstrdup(buf);
    return NULL;
}
