/* 機種依存文字 detection. Receiving systems at the prefecture (Excel
 * macros, forms limited to JIS X 0208, CP932 CSV) mangle some characters;
 * this finds them and proposes a replacement when one exists. They are
 * warnings, not errors: real names need 髙 or 﨑.
 *
 * "Safe" means JIS X 0208 (tested with glibc's ISO-2022-JP converter) plus
 * the handful of characters that Windows maps differently from the JIS
 * tables (～, －, ∥, ￠, ￡, ￢): both sides read those fine. Whether a
 * character fits CP932 at all is asked of iconv("CP932"). */
#include "nanbyo/charset.h"

#include <iconv.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "nanbyo/buf.h"
#include "nanbyo/quote.h"
#include "nanbyo/text.h"
#include "nanbyo/utf8.h"

typedef struct {
    iconv_t cp932;  /* (iconv_t)-1 when unavailable */
    iconv_t jis;    /* ISO-2022-JP: ASCII + JIS X 0208 only */
} conv;

/* IBM/NEC extension kanji (and a few outside CP932) with the JIS X 0208
 * character people use in their place. Compatibility ideographs with a
 * canonical mapping (U+FA10 -> 塚 U+585A, U+F9DC -> 隆) get their
 * suggestion from NFKC and need no entry here. */
static const struct {
    int32_t from;
    const char *to;
} variant_table[] = {
    { 0x4FE0, "侠" },   /* 俠 */
    { 0x589E, "増" },   /* 增 */
    { 0x5FB7, "徳" },   /* 德 */
    { 0x663B, "昂" },   /* 昻 */
    { 0x6801, "柳" },   /* 栁 */
    { 0x69D7, "橋" },   /* 槗 */
    { 0x6FF5, "浜" },   /* 濵 */
    { 0x7028, "瀬" },   /* 瀨 */
    { 0x7130, "焔" },   /* 焰 */
    { 0x7DD6, "緒" },   /* 緖 */
    { 0x7E6B, "繋" },   /* 繫 */
    { 0x9A52, "騨" },   /* 驒 */
    { 0x9AD9, "高" },   /* 髙 */
    { 0x9DD7, "鴎" },   /* 鷗 */
    { 0x9ED1, "黒" },   /* 黑 */
    { 0xFA11, "崎" },   /* 﨑 */
    { 0xFA14, "欅" },   /* 﨔 */
    { 0xFA15, "熙" },   /* 凞 */
    { 0xFA1F, "臈" },   /* 﨟 */
    { 0x20BB7, "吉" },  /* 𠮷 (つちよし) */
};

/* Characters Windows (CP932) and the JIS tables map to different code
 * points; both are the same JIS X 0208 character. */
static bool windows_mapped(int32_t cp)
{
    switch (cp) {
    case 0xFF5E: case 0xFF0D: case 0x2225: case 0xFFE0: case 0xFFE1:
    case 0xFFE2: case 0x2014: case 0xFFE3: case 0xFFE5: case 0xFF3C:
        return true;
    }
    return false;
}

/* Common characters outside CP932 with a JIS X 0208 stand-in. */
static const char *fallback(int32_t cp)
{
    switch (cp) {
    case 0x00A0: return " ";    /* no-break space */
    case 0x2011: return "-";    /* non-breaking hyphen */
    case 0x2013: return "－";   /* en dash */
    case 0x00AB: return "《";
    case 0x00BB: return "》";
    case 0x3099: return "゛";   /* lone combining (semi-)voiced marks */
    case 0x309A: return "゜";
    }
    return NULL;
}

static bool converts(iconv_t cd, int32_t cp)
{
    char in[4], out[16];
    char *ip = in, *op = out;
    size_t il, ol = sizeof out;

    if (cd == (iconv_t)-1)
        return false;
    il = nb_utf8_encode(cp, in);
    if (il == 0)
        return false;
    iconv(cd, NULL, NULL, NULL, NULL);
    if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1)
        return false;
    /* Flush the shift state as well (ISO-2022-JP ends in ESC ( B). */
    return iconv(cd, NULL, NULL, &op, &ol) != (size_t)-1;
}

static bool is_safe(const conv *c, int32_t cp)
{
    if (cp >= 0x20 && cp < 0x7F)
        return true;
    if (cp < 0x80 || (cp >= 0xFF61 && cp <= 0xFF9F))
        return false;
    return windows_mapped(cp) || converts(c->jis, cp);
}

static bool in_cp932(const conv *c, int32_t cp)
{
    return converts(c->cp932, cp);
}

/* True when every code point of the UTF-8 string s is safe. */
static bool str_safe(const conv *c, const char *s)
{
    size_t len = strlen(s), i = 0;

    if (len == 0)
        return false;
    while (i < len) {
        int32_t cp;
        int n = nb_utf8_decode(s + i, len - i, &cp);
        if (n < 0 || !is_safe(c, cp))
            return false;
        i += (size_t)n;
    }
    return true;
}

/* NFKC of the len bytes at s as a suggestion, if it differs, is safe and
 * fits; else "". */
static void suggest_nfkc(const conv *c, const char *s, size_t len, char *sugg)
{
    char tmp[64];
    char *norm;

    sugg[0] = '\0';
    if (len >= sizeof tmp)
        return;
    memcpy(tmp, s, len);
    tmp[len] = '\0';
    norm = nb_nfkc(tmp);
    if (norm == NULL)
        return;
    if (strcmp(norm, tmp) != 0 && strlen(norm) < 32 && str_safe(c, norm))
        strcpy(sugg, norm);
    free(norm);
}

static bool is_circled(int32_t cp)
{
    return (cp >= 0x2460 && cp <= 0x24FF) || (cp >= 0x2776 && cp <= 0x2793) ||
           (cp >= 0x3200 && cp <= 0x32FF) ||
           (cp >= 0x1F100 && cp <= 0x1F1E5);
}

static bool is_emoji(int32_t cp)
{
    return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) ||
           (cp >= 0x2B00 && cp <= 0x2BFF) || (cp >= 0xFE00 && cp <= 0xFE0F) ||
           (cp >= 0x2300 && cp <= 0x23FF) || (cp >= 0xE0020 && cp <= 0xE007F) ||
           cp == 0x200D || cp == 0x20E3 || cp == 0x203C || cp == 0x2049 ||
           cp == 0x3030 || cp == 0x303D || cp == 0x2139 ||
           (cp >= 0x2194 && cp <= 0x21AA) || (cp >= 0x25AA && cp <= 0x25FE) ||
           cp == 0x2934 || cp == 0x2935;
}

/* Things that may follow an emoji and belong to it: variation selectors,
 * skin tones, the keycap mark, tag characters. */
static bool is_emoji_modifier(int32_t cp)
{
    return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x1F3FB && cp <= 0x1F3FF) ||
           cp == 0x20E3 || (cp >= 0xE0020 && cp <= 0xE007F);
}

static bool is_ideograph(int32_t cp)
{
    return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

static const char *variant_lookup(int32_t cp)
{
    for (size_t i = 0; i < sizeof variant_table / sizeof variant_table[0]; i++)
        if (variant_table[i].from == cp)
            return variant_table[i].to;
    return NULL;
}

/* Length of the emoji sequence starting at s (first code point already
 * known to be emoji): modifiers, ZWJ joins and flag pairs count once. */
static size_t emoji_span(const char *s, size_t len, int32_t first, int first_len)
{
    size_t i = (size_t)first_len;
    bool regional = first >= 0x1F1E6 && first <= 0x1F1FF;

    for (;;) {
        int32_t cp;
        int n = i < len ? nb_utf8_decode(s + i, len - i, &cp) : -1;
        if (n < 0)
            break;
        if (is_emoji_modifier(cp)) {
            i += (size_t)n;
        } else if (regional && cp >= 0x1F1E6 && cp <= 0x1F1FF) {
            i += (size_t)n;
            regional = false;
        } else if (cp == 0x200D) {
            int32_t next;
            int m = i + (size_t)n < len ? nb_utf8_decode(s + i + n, len - i - n, &next) : -1;
            i += (size_t)n;
            if (m > 0 && !nb_cp_is_control(next))
                i += (size_t)m;
            else
                break;
        } else {
            break;
        }
    }
    return i;
}

typedef void (*issue_fn)(void *ctx, const nb_cs_issue *issue, size_t span);

/* Classify the code point at s[0..] and fill issue. Returns the number of
 * bytes the issue covers, 0 when the character is fine, and sets *adv to
 * the bytes to skip either way. */
static size_t classify(const conv *c, const char *s, size_t len, nb_cs_issue *is, size_t *adv)
{
    int32_t cp;
    int n = nb_utf8_decode(s, len, &cp);
    const char *v;

    is->suggestion[0] = '\0';
    if (n < 0) {
        /* Not UTF-8 at all: reported, never "fixed". */
        is->cp = 0xFFFD;
        is->kind = NB_CS_OTHER;
        *adv = 1;
        return 1;
    }
    *adv = (size_t)n;
    is->cp = cp;
    if (nb_cp_is_control(cp)) {
        is->kind = NB_CS_CONTROL;
        return (size_t)n;
    }
    if (cp >= 0xFF61 && cp <= 0xFF9F) {
        size_t span = (size_t)n;
        int32_t next;
        int m = span < len ? nb_utf8_decode(s + span, len - span, &next) : -1;
        /* ｶﾞ is one character to the reader: take the mark with it. */
        if (cp >= 0xFF66 && cp <= 0xFF9D && m > 0 && (next == 0xFF9E || next == 0xFF9F))
            span += (size_t)m;
        is->kind = NB_CS_HALFWIDTH_KANA;
        if (cp == 0xFF9E) {
            strcpy(is->suggestion, "゛");
        } else if (cp == 0xFF9F) {
            strcpy(is->suggestion, "゜");
        } else {
            suggest_nfkc(c, s, span, is->suggestion);
            if (is->suggestion[0] == '\0' && span > (size_t)n) {
                /* ﾜﾞ has no JIS X 0208 form: the kana and a separate mark. */
                suggest_nfkc(c, s, (size_t)n, is->suggestion);
                strcat(is->suggestion, next == 0xFF9E ? "゛" : "゜");
            }
        }
        *adv = span;
        return span;
    }
    if (is_safe(c, cp))
        return 0;
    if (is_circled(cp)) {
        is->kind = NB_CS_CIRCLED;
        suggest_nfkc(c, s, (size_t)n, is->suggestion);
        return (size_t)n;
    }
    if (cp >= 0x2160 && cp <= 0x217F) {
        is->kind = NB_CS_ROMAN_NUMERAL;
        suggest_nfkc(c, s, (size_t)n, is->suggestion);
        return (size_t)n;
    }
    if (cp >= 0x3300 && cp <= 0x33FF) {
        is->kind = NB_CS_UNIT_SYMBOL;
        suggest_nfkc(c, s, (size_t)n, is->suggestion);
        return (size_t)n;
    }
    if (cp >= 0xE0100 && cp <= 0xE01EF) {
        /* An ideographic variation selector: an invisible request for a
         * particular glyph of the kanji before it. */
        is->kind = NB_CS_VARIANT_KANJI;
        return (size_t)n;
    }
    if (is_emoji(cp) && !in_cp932(c, cp)) {
        size_t span = emoji_span(s, len, cp, n);
        is->kind = NB_CS_EMOJI;
        *adv = span;
        return span;
    }
    if (is_ideograph(cp)) {
        v = variant_lookup(cp);
        if (v != NULL) {
            is->kind = NB_CS_VARIANT_KANJI;
            strcpy(is->suggestion, v);
            return (size_t)n;
        }
        is->kind = in_cp932(c, cp) ? NB_CS_VARIANT_KANJI : NB_CS_OTHER;
        suggest_nfkc(c, s, (size_t)n, is->suggestion);
        return (size_t)n;
    }
    if (in_cp932(c, cp)) {
        /* NEC row 13 and IBM symbols: №, ℡, ∮, ∟, ⊿, 〝, ￤ ... */
        is->kind = NB_CS_UNIT_SYMBOL;
        suggest_nfkc(c, s, (size_t)n, is->suggestion);
        return (size_t)n;
    }
    is->kind = NB_CS_OTHER;
    v = fallback(cp);
    if (v != NULL)
        strcpy(is->suggestion, v);
    else
        suggest_nfkc(c, s, (size_t)n, is->suggestion);
    return (size_t)n;
}

/* The converters, opened once and kept for the life of the process: a
 * scan runs for every text of every item on every validation, and opening
 * the two (glibc finds and loads its gconv modules) cost more than
 * scanning a short text. converts() resets their state before each use;
 * an iconv_t must not be used by two threads at once, so a scan holds
 * conv_lock while it uses them (the callbacks never scan again). */
static pthread_mutex_t conv_lock = PTHREAD_MUTEX_INITIALIZER;
static conv shared_conv;
static bool conv_opened;

static const conv *converters(void)
{
    if (!conv_opened) {
        shared_conv.cp932 = iconv_open("CP932", "UTF-8");
        shared_conv.jis = iconv_open("ISO-2022-JP", "UTF-8");
        conv_opened = true;
    }
    return &shared_conv;
}

static size_t scan(const char *s, issue_fn fn, void *ctx)
{
    size_t len, i = 0, count = 0;

    if (s == NULL)
        return 0;
    pthread_mutex_lock(&conv_lock);
    const conv *c = converters();
    len = strlen(s);
    while (i < len) {
        nb_cs_issue is;
        size_t adv = 1;
        size_t span = classify(c, s + i, len - i, &is, &adv);
        if (span > 0) {
            is.offset = i;
            fn(ctx, &is, span);
            count++;
        }
        i += adv;
    }
    pthread_mutex_unlock(&conv_lock);
    return count;
}

struct collect {
    nb_cs_issue *out;
    size_t max, n;
};

static void collect_issue(void *ctx, const nb_cs_issue *is, size_t span)
{
    struct collect *col = ctx;
    (void)span;
    if (col->n < col->max)
        col->out[col->n] = *is;
    col->n++;
}

size_t nb_charset_scan(const char *s, nb_cs_issue *out, size_t max)
{
    struct collect col = { out, out ? max : 0, 0 };
    return scan(s, collect_issue, &col);
}

const char *nb_cs_kind_text(nb_cs_kind k)
{
    switch (k) {
    case NB_CS_HALFWIDTH_KANA:
        return "半角カタカナ";
    case NB_CS_CIRCLED:
        return "丸数字・囲み文字";
    case NB_CS_ROMAN_NUMERAL:
        return "ローマ数字";
    case NB_CS_UNIT_SYMBOL:
        return "単位などの記号";
    case NB_CS_VARIANT_KANJI:
        return "環境依存の漢字 (異体字)";
    case NB_CS_EMOJI:
        return "絵文字";
    case NB_CS_CONTROL:
        return "制御文字";
    case NB_CS_OTHER:
        return "Shift_JIS (CP932) で表せない文字";
    }
    return "環境依存文字";
}

/* nb_charset_fix builds its result here. */
struct fixer {
    const char *src;
    nb_buf out;
    size_t copied; /* source bytes already handled */
};

static void fix_issue(void *ctx, const nb_cs_issue *is, size_t span)
{
    struct fixer *f = ctx;
    if (is->suggestion[0] == '\0')
        return;
    nb_buf_add(&f->out, f->src + f->copied, is->offset - f->copied);
    nb_buf_adds(&f->out, is->suggestion);
    f->copied = is->offset + span;
}

char *nb_charset_fix(const char *s)
{
    struct fixer f = { s, NB_BUF_INIT, 0 };

    if (s == NULL)
        return NULL;
    size_t len = strlen(s);
    nb_buf_grow(&f.out, len);
    scan(s, fix_issue, &f);
    nb_buf_add(&f.out, s + f.copied, len - f.copied);
    return nb_buf_detach(&f.out, NULL);
}
