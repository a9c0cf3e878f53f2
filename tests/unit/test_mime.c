/* The pure MIME builder, byte by byte: encoded words (folding, whole UTF-8
 * characters, 76-octet lines) with long Japanese text, 10,000-character
 * names and emoji; RFC 2231 parameters with continuations; base64 vectors;
 * dates; addresses; CR/LF injection never reaching a header. The tests
 * decode what was written with their own small decoder and compare with
 * the input, so a wrong split or a lost byte shows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "nanbyo/mime.h"

/* --- helpers ---------------------------------------------------------- */

static int b64val(char c)
{
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

/* Decode base64 (no whitespace) of n characters into out; returns bytes. */
static size_t b64dec(const char *s, size_t n, unsigned char *out)
{
    size_t o = 0;
    assert_int_equal(n % 4, 0);
    for (size_t i = 0; i < n; i += 4) {
        int v[4];
        for (int k = 0; k < 4; k++)
            v[k] = s[i + k] == '=' ? 0 : b64val(s[i + k]);
        for (int k = 0; k < 4; k++)
            assert_true(v[k] >= 0);
        uint32_t x = (uint32_t)v[0] << 18 | (uint32_t)v[1] << 12 | (uint32_t)v[2] << 6 | (uint32_t)v[3];
        out[o++] = (unsigned char)(x >> 16);
        if (s[i + 2] != '=')
            out[o++] = (unsigned char)(x >> 8);
        if (s[i + 3] != '=')
            out[o++] = (unsigned char)x;
    }
    return o;
}

/* Strict UTF-8 check, independent of the code under test. */
static int valid_utf8(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        size_t l;
        uint32_t cp;
        if (c < 0x80) { i++; continue; }
        else if ((c & 0xe0) == 0xc0) { l = 2; cp = c & 0x1f; }
        else if ((c & 0xf0) == 0xe0) { l = 3; cp = c & 0x0f; }
        else if ((c & 0xf8) == 0xf0) { l = 4; cp = c & 0x07; }
        else return 0;
        if (i + l > n) return 0;
        for (size_t k = 1; k < l; k++) {
            if ((s[i + k] & 0xc0) != 0x80) return 0;
            cp = cp << 6 | (s[i + k] & 0x3f);
        }
        if ((l == 2 && cp < 0x80) || (l == 3 && cp < 0x800) || (l == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
            (cp >= 0xd800 && cp <= 0xdfff))
            return 0;
        i += l;
    }
    return 1;
}

/* Check that every line of s (separated by CRLF) is at most max octets,
 * that there is no bare CR or LF, and no control other than the CRLFs. */
static void check_lines(const char *s, size_t max)
{
    size_t col = 0;
    for (const char *p = s; *p; p++) {
        if (*p == '\r') {
            assert_int_equal(p[1], '\n');
            p++;
            col = 0;
            continue;
        }
        assert_true(*p != '\n');
        assert_true((unsigned char)*p >= 0x20 && (unsigned char)*p != 0x7f);
        col++;
        if (col > max)
            fail_msg("line longer than %zu octets in [%.80s]", max, s);
    }
}

/* Decode the encoded words of a folded header value (first line starts at
 * column col), checking each word: at most 75 characters, whole UTF-8
 * characters only, lines at most 76. Returns the malloc'd decoded text. */
static char *decode_words(const char *v, size_t col)
{
    size_t vl = strlen(v);
    unsigned char *out = malloc(vl + 1);
    size_t o = 0;
    const char *p = v;
    size_t line = col;
    while (*p) {
        if (p[0] == '\r') {
            assert_int_equal(p[1], '\n');
            assert_int_equal(p[2], ' ');
            assert_true(line <= NB_MIME_LINE_MAX || (p == v && col > NB_MIME_LINE_MAX));
            p += 3;
            line = 1;
            continue;
        }
        assert_memory_equal(p, "=?UTF-8?B?", 10);
        const char *e = strstr(p + 10, "?=");
        assert_non_null(e);
        size_t wlen = (size_t)(e + 2 - p);
        assert_true(wlen <= 75);
        size_t n = b64dec(p + 10, (size_t)(e - p - 10), out + o);
        assert_true(valid_utf8(out + o, n)); /* no character split across words */
        o += n;
        line += wlen;
        p = e + 2;
    }
    assert_true(line <= NB_MIME_LINE_MAX || (v[0] == '=' && col > NB_MIME_LINE_MAX));
    out[o] = '\0';
    return (char *)out;
}

static char *repeat(const char *unit, size_t times)
{
    size_t ul = strlen(unit);
    char *s = malloc(ul * times + 1);
    for (size_t i = 0; i < times; i++)
        memcpy(s + i * ul, unit, ul);
    s[ul * times] = '\0';
    return s;
}

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c - 'A' + 10;
}

/* Decode an RFC 2231 parameter as written by nb_mime_param_2231 (single or
 * continued), decoding every section on its own as Python does; checks
 * each section is whole UTF-8 and each line within 76 octets. */
static char *decode_2231(const char *param, const char *name)
{
    check_lines(param, NB_MIME_LINE_MAX);
    unsigned char *out = malloc(strlen(param) + 1);
    size_t o = 0;
    const char *p = param;
    int expect = 0;
    while (*p) {
        assert_memory_equal(p, ";\r\n ", 4);
        p += 4;
        size_t nl = strlen(name);
        assert_memory_equal(p, name, nl);
        p += nl;
        assert_int_equal(*p, '*');
        p++;
        if (*p == '=') {
            assert_int_equal(expect, 0);
            p++;
            assert_memory_equal(p, "UTF-8''", 7);
            p += 7;
        } else {
            int sec = (int)strtol(p, (char **)&p, 10);
            assert_int_equal(sec, expect);
            assert_memory_equal(p, "*=", 2);
            p += 2;
            if (sec == 0) {
                assert_memory_equal(p, "UTF-8''", 7);
                p += 7;
            }
        }
        expect++;
        size_t start = o;
        while (*p && *p != ';') {
            if (*p == '%') {
                out[o++] = (unsigned char)(hexval(p[1]) * 16 + hexval(p[2]));
                p += 3;
            } else {
                assert_true(strchr("()<>@,;:\\\"/[]?= '*%", *p) == NULL);
                out[o++] = (unsigned char)*p++;
            }
        }
        assert_true(valid_utf8(out + start, o - start));
    }
    out[o] = '\0';
    return (char *)out;
}

/* --- sanitising ------------------------------------------------------- */

static void test_sanitize_controls(void **state)
{
    (void)state;
    char *s = nb_mime_sanitize("A\r\nBcc: x@example.com");
    assert_string_equal(s, "A  Bcc: x@example.com");
    free(s);
    s = nb_mime_sanitize("\t tab\x01\x1f\x7f end \n");
    assert_string_equal(s, "tab    end");
    free(s);
    /* C1 NEL (U+0085) and LINE SEPARATOR (U+2028) are line breaks too. */
    s = nb_mime_sanitize("a\xC2\x85" "b\xE2\x80\xA8" "c\xE2\x80\xA9" "d");
    assert_string_equal(s, "a b c d");
    free(s);
    s = nb_mime_sanitize(NULL);
    assert_string_equal(s, "");
    free(s);
    s = nb_mime_sanitize("\r\n\r\n");
    assert_string_equal(s, "");
    free(s);
}

static void test_sanitize_invalid_utf8(void **state)
{
    (void)state;
    /* a stray continuation byte, an overlong '/', a truncated kanji, a surrogate */
    char *s = nb_mime_sanitize("x\x80y\xC0\xAFz\xE6\x89w\xED\xA0\x80v");
    assert_true(valid_utf8((unsigned char *)s, strlen(s)));
    assert_non_null(strstr(s, "x\xEF\xBF\xBDy"));
    assert_non_null(strchr(s, 'v'));
    free(s);
    s = nb_mime_sanitize("髙﨑①😀");
    assert_string_equal(s, "髙﨑①😀");
    free(s);
}

/* --- encoded words ---------------------------------------------------- */

static void roundtrip_words(const char *in, size_t col)
{
    char *enc = nb_mime_encode_words(in, col);
    check_lines(enc, 998);
    char *dec = decode_words(enc, col);
    char *clean = nb_mime_sanitize(in);
    assert_string_equal(dec, clean);
    free(clean);
    free(dec);
    free(enc);
}

static void test_words_known(void **state)
{
    (void)state;
    char *e = nb_mime_encode_words("あ", 9);
    assert_string_equal(e, "=?UTF-8?B?44GC?=");
    free(e);
    e = nb_mime_encode_words("", 9);
    assert_string_equal(e, "");
    free(e);
    /* The first line after "Subject: " holds 39 bytes = 13 kana. */
    e = nb_mime_encode_words("オンライン登録所要額調査", 9);
    assert_string_equal(e, "=?UTF-8?B?44Kq44Oz44Op44Kk44Oz55m76Yyy5omA6KaB6aGN6Kq/5p+7?=");
    free(e);
}

static void test_words_subject(void **state)
{
    (void)state;
    roundtrip_words("オンライン登録所要額調査(やまぐち内科クリニック)", 9);
    roundtrip_words("オンライン登録所要額調査(医療法人社団 髙﨑会 ①クリニック)", 9);
    roundtrip_words("ASCII only subject that is quite long and goes on and on and on beyond 76", 9);
}

static void test_words_every_column(void **state)
{
    (void)state;
    /* Whatever the header name, including one too long for any word. */
    for (size_t col = 0; col < 90; col++)
        roundtrip_words("髙﨑😀aé漢字テスト👨‍👩‍👧‍👦 mixed ｶﾀｶﾅ", col);
}

static void test_words_long(void **state)
{
    (void)state;
    char *ja = repeat("長", 10000); /* 10,000 characters, 30,000 bytes */
    roundtrip_words(ja, 9);
    free(ja);
    char *emoji = repeat("😀", 10000);
    roundtrip_words(emoji, 6);
    free(emoji);
    char *mixed = repeat("a髙😀é", 2500);
    roundtrip_words(mixed, 9);
    free(mixed);
    /* Every split point: 1 to 4-byte characters at every offset. */
    for (int shift = 0; shift < 4; shift++) {
        char buf[512] = "";
        for (int k = 0; k < shift; k++)
            strcat(buf, "a");
        for (int k = 0; k < 30; k++)
            strcat(buf, k % 3 == 0 ? "😀" : k % 3 == 1 ? "é" : "漢");
        for (size_t col = 0; col < 20; col++)
            roundtrip_words(buf, col);
    }
}

static void test_words_injection(void **state)
{
    (void)state;
    const char *evil = "やまぐち\r\nBcc: x@example.com\r\n\r\nbody";
    char *e = nb_mime_encode_words(evil, 9);
    check_lines(e, NB_MIME_LINE_MAX);
    assert_null(strstr(e, "Bcc"));
    char *d = decode_words(e, 9);
    assert_null(strchr(d, '\r'));
    assert_null(strchr(d, '\n'));
    assert_string_equal(d, "やまぐち  Bcc: x@example.com    body");
    free(d);
    free(e);
}

/* --- base64 ----------------------------------------------------------- */

static void test_base64_vectors(void **state)
{
    (void)state;
    static const char *const in[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
    static const char *const out[] = {"", "Zg==\r\n", "Zm8=\r\n", "Zm9v\r\n", "Zm9vYg==\r\n", "Zm9vYmE=\r\n",
                                      "Zm9vYmFy\r\n"};
    for (size_t i = 0; i < 7; i++) {
        size_t n;
        char *e = nb_mime_base64(in[i], strlen(in[i]), &n);
        assert_string_equal(e, out[i]);
        assert_int_equal(n, strlen(out[i]));
        free(e);
    }
}

static void test_base64_lines_and_binary(void **state)
{
    (void)state;
    unsigned char data[1000];
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (unsigned char)(i * 131 + 7);
    for (size_t len = 0; len <= sizeof data; len += (len < 200 ? 1 : 57)) {
        size_t n;
        char *e = nb_mime_base64(data, len, &n);
        assert_int_equal(strlen(e), n);
        /* lines of exactly 76 except the last */
        unsigned char back[1100];
        size_t o = 0;
        const char *p = e;
        while (*p) {
            const char *crlf = strstr(p, "\r\n");
            assert_non_null(crlf);
            size_t ll = (size_t)(crlf - p);
            assert_true(ll <= 76);
            if (crlf[2])
                assert_int_equal(ll, 76);
            o += b64dec(p, ll, back + o);
            p = crlf + 2;
        }
        assert_int_equal(o, len);
        if (len)
            assert_memory_equal(back, data, len);
        free(e);
    }
}

/* --- RFC 2231 --------------------------------------------------------- */

static void test_2231_short(void **state)
{
    (void)state;
    char *p = nb_mime_param_2231("filename", "a b.xlsx");
    assert_string_equal(p, ";\r\n filename*=UTF-8''a%20b.xlsx");
    free(p);
    p = nb_mime_param_2231("filename", "所要額.xlsx");
    assert_string_equal(p, ";\r\n filename*=UTF-8''%E6%89%80%E8%A6%81%E9%A1%8D.xlsx");
    free(p);
    p = nb_mime_param_2231("filename", "a\"b;c=d'e*f%g\\h");
    char *d = decode_2231(p, "filename");
    assert_string_equal(d, "a\"b;c=d'e*f%g\\h");
    free(d);
    free(p);
}

static void roundtrip_2231(const char *value)
{
    char *p = nb_mime_param_2231("filename", value);
    char *d = decode_2231(p, "filename");
    char *clean = nb_mime_sanitize(value);
    assert_string_equal(d, clean);
    free(clean);
    free(d);
    free(p);
}

static void test_2231_long(void **state)
{
    (void)state;
    roundtrip_2231("所要額調査票_やまぐち内科クリニック.xlsx");
    roundtrip_2231("所要額調査票_医療法人社団 髙﨑会 ①クリニック 😀👨‍👩‍👧.xlsx");
    char *name = repeat("長", 10000);
    char *p = nb_mime_param_2231("filename", name);
    assert_non_null(strstr(p, "filename*0*=UTF-8''"));
    assert_non_null(strstr(p, "filename*100*="));
    free(p);
    roundtrip_2231(name);
    free(name);
    name = repeat("😀a", 3000);
    roundtrip_2231(name);
    free(name);
    name = repeat("x", 80); /* ASCII that needs continuation too */
    roundtrip_2231(name);
    free(name);
}

static void test_2231_injection(void **state)
{
    (void)state;
    char *p = nb_mime_param_2231("filename", "A\r\nBcc: x@example.com\r\n.xlsx");
    check_lines(p, NB_MIME_LINE_MAX);
    assert_null(strstr(p, "Bcc:"));
    char *d = decode_2231(p, "filename");
    assert_string_equal(d, "A  Bcc: x@example.com  .xlsx");
    free(d);
    free(p);
}

static void test_param_ascii(void **state)
{
    (void)state;
    char *p = nb_mime_param_ascii("name", "shoyogaku-chosa.xlsx");
    assert_string_equal(p, ";\r\n name=\"shoyogaku-chosa.xlsx\"");
    free(p);
    p = nb_mime_param_ascii("name", "a\"b\\c\r\nd漢");
    assert_string_equal(p, ";\r\n name=\"a_b_c__d___\"");
    free(p);
}

/* --- date and addresses ---------------------------------------------- */

static void test_date(void **state)
{
    (void)state;
    char buf[32];
    nb_mime_date(0, buf, sizeof buf);
    assert_string_equal(buf, "Thu, 01 Jan 1970 09:00:00 +0900");
    nb_mime_date(1774969200, buf, sizeof buf); /* 2026-03-31 15:00 UTC */
    assert_string_equal(buf, "Wed, 01 Apr 2026 00:00:00 +0900");
    nb_mime_date(1798749005, buf, sizeof buf); /* 2026-12-31 20:30:05 UTC */
    assert_string_equal(buf, "Fri, 01 Jan 2027 05:30:05 +0900");
}

static void test_addresses(void **state)
{
    (void)state;
    static const char *const good[] = {"seisin-nanbyou@pref.yamaguchi.lg.jp", "a@b", "clinic+survey@example.jp",
                                       "o'brien@example.com", "x_y.z@localhost"};
    static const char *const bad[] = {"", "a", "@b", "a@", "a@b@c", "a b@c", "a@b c", "<a@b>", "a@b\r\nBcc: c@d",
                                      "\"a\"@b", "a@[127.0.0.1]", ".a@b", "a.@b", "a..b@c", "a@.b", "a@b.",
                                      "やまぐち@example.jp", "a@例え.jp", "a,b@c", "a@b;c", "a@b\tc", NULL};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        assert_true(nb_mime_addr_ok(good[i]));
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (nb_mime_addr_ok(bad[i]))
            fail_msg("accepted [%s]", bad[i]);
    char *longaddr = repeat("a", 250);
    memcpy(longaddr + 240, "@example.j", 10); /* 250 octets */
    assert_true(nb_mime_addr_ok(longaddr));
    free(longaddr);
    longaddr = repeat("a", 255);
    longaddr[100] = '@';
    assert_false(nb_mime_addr_ok(longaddr));
    free(longaddr);
    assert_string_equal(nb_mime_addr_domain("a@example.jp"), "example.jp");
    assert_null(nb_mime_addr_domain("a b@example.jp"));
}

/* --- whole message ---------------------------------------------------- */

static nb_mime_message sample(nb_mime_part *parts)
{
    static const char body[] = "本文です。\r\n.\r\n";
    static const unsigned char bin[] = {0, 1, 2, 0xff, 0x0d, 0x0a, '.', 0x0d, 0x0a};
    parts[0] = (nb_mime_part){"text/plain; charset=UTF-8", NULL, NULL, body, sizeof body - 1};
    parts[1] = (nb_mime_part){"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "所要額調査票_髙﨑.xlsx", "shoyogaku-chosa.xlsx", bin,
                              sizeof bin};
    return (nb_mime_message){
        .from_name = "やまぐち内科クリニック 山口 花子", .from_addr = "clinic@example.jp",
        .to_addr = "seisin-nanbyou@pref.yamaguchi.lg.jp",
        .subject = "オンライン登録所要額調査(やまぐち内科クリニック)",
        .date = "Wed, 01 Apr 2026 00:00:00 +0900", .message_id = "<x.1@example.jp>",
        .mailer = "nanbyo-survey 0.1.0", .parts = parts, .n_parts = 2,
    };
}

/* The header block (up to the blank line) of msg, malloc'd. */
static char *headers_of(const char *msg)
{
    const char *e = strstr(msg, "\r\n\r\n");
    assert_non_null(e);
    return strndup(msg, (size_t)(e - msg) + 2);
}

static int count_header(const char *hdrs, const char *name)
{
    int n = 0;
    size_t nl = strlen(name);
    for (const char *p = hdrs; p && *p;) {
        if (strncmp(p, name, nl) == 0 && p[nl] == ':')
            n++;
        p = strstr(p, "\r\n");
        if (p)
            p += 2;
    }
    return n;
}

static void test_assemble(void **state)
{
    (void)state;
    nb_mime_part parts[2];
    nb_mime_message m = sample(parts);
    size_t len, len2;
    char *msg = nb_mime_assemble(&m, &len);
    assert_non_null(msg);
    assert_int_equal(strlen(msg), len);
    check_lines(msg, NB_MIME_LINE_MAX);
    char *h = headers_of(msg);
    for (const unsigned char *p = (const unsigned char *)h; *p; p++)
        assert_true(*p < 0x80);
    static const char *const once[] = {"From", "To", "Subject", "Date", "Message-ID", "MIME-Version",
                                       "Content-Type"};
    for (size_t i = 0; i < 7; i++)
        assert_int_equal(count_header(h, once[i]), 1);
    assert_non_null(strstr(h, "To: seisin-nanbyou@pref.yamaguchi.lg.jp\r\n"));
    assert_non_null(strstr(h, " <clinic@example.jp>\r\n"));
    assert_non_null(strstr(h, "Date: Wed, 01 Apr 2026 00:00:00 +0900\r\n"));
    assert_non_null(strstr(h, "MIME-Version: 1.0\r\n"));
    free(h);
    assert_non_null(strstr(msg, "Content-Disposition: attachment;\r\n filename*0*=UTF-8''%E6%89%80"));
    assert_non_null(strstr(msg, "name=\"shoyogaku-chosa.xlsx\""));
    assert_non_null(strstr(msg, "\r\n--=_nanbyo-survey_mixed_1--\r\n"));
    /* Same input, same bytes. */
    char *again = nb_mime_assemble(&m, &len2);
    assert_int_equal(len, len2);
    assert_memory_equal(msg, again, len);
    free(again);
    free(msg);
}

static void test_assemble_refuses(void **state)
{
    (void)state;
    nb_mime_part parts[2];
    nb_mime_message m = sample(parts);
    m.from_addr = "a@b\r\nBcc: x@example.com";
    assert_null(nb_mime_assemble(&m, NULL));
    m = sample(parts);
    m.to_addr = "x@example.com, y@example.com";
    assert_null(nb_mime_assemble(&m, NULL));
    m = sample(parts);
    m.message_id = "<a\r\nBcc: x@y>";
    assert_null(nb_mime_assemble(&m, NULL));
    m = sample(parts);
    m.date = "Wed\r\nBcc: x";
    assert_null(nb_mime_assemble(&m, NULL));
    m = sample(parts);
    m.n_parts = 0;
    assert_null(nb_mime_assemble(&m, NULL));
}

static void test_assemble_hostile_names(void **state)
{
    (void)state;
    nb_mime_part parts[2];
    nb_mime_message m = sample(parts);
    char *huge = repeat("髙😀", 5000); /* 10,000 characters */
    const char *names[] = {"A\r\nBcc: x@example.com", huge, "\xff\xfe invalid", ""};
    for (size_t i = 0; i < 4; i++) {
        m.from_name = names[i];
        m.subject = names[i];
        parts[1].filename = names[i];
        size_t len;
        char *msg = nb_mime_assemble(&m, &len);
        assert_non_null(msg);
        check_lines(msg, NB_MIME_LINE_MAX);
        char *h = headers_of(msg);
        assert_int_equal(count_header(h, "Bcc"), 0);
        assert_int_equal(count_header(h, "From"), 1);
        for (const unsigned char *p = (const unsigned char *)h; *p; p++)
            assert_true(*p < 0x80);
        free(h);
        assert_null(strstr(msg, "\r\nBcc:"));
        free(msg);
    }
    free(huge);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sanitize_controls),
        cmocka_unit_test(test_sanitize_invalid_utf8),
        cmocka_unit_test(test_words_known),
        cmocka_unit_test(test_words_subject),
        cmocka_unit_test(test_words_every_column),
        cmocka_unit_test(test_words_long),
        cmocka_unit_test(test_words_injection),
        cmocka_unit_test(test_base64_vectors),
        cmocka_unit_test(test_base64_lines_and_binary),
        cmocka_unit_test(test_2231_short),
        cmocka_unit_test(test_2231_long),
        cmocka_unit_test(test_2231_injection),
        cmocka_unit_test(test_param_ascii),
        cmocka_unit_test(test_date),
        cmocka_unit_test(test_addresses),
        cmocka_unit_test(test_assemble),
        cmocka_unit_test(test_assemble_refuses),
        cmocka_unit_test(test_assemble_hostile_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
