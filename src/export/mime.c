/* Pure RFC 5322 / MIME building blocks (see include/nanbyo/mime.h).
 * Kept free of I/O so the byte-level rules (76-octet lines, whole UTF-8
 * characters per encoded word, no control character in any header) are
 * unit-tested exhaustively in tests/unit/test_mime.c. */
#include "nanbyo/mime.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nanbyo/buf.h"
#include "nanbyo/utf8.h"

static const char b64chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* base64 of len bytes without line breaks, appended to b. */
static void b64_raw(nb_buf *b, const unsigned char *p, size_t len)
{
    size_t i = 0;
    for (; i + 3 <= len; i += 3) {
        uint32_t v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 | p[i + 2];
        char q[4] = {b64chars[v >> 18], b64chars[(v >> 12) & 63], b64chars[(v >> 6) & 63],
                     b64chars[v & 63]};
        nb_buf_add(b, q, 4);
    }
    if (len - i == 1) {
        uint32_t v = (uint32_t)p[i] << 16;
        char q[4] = {b64chars[v >> 18], b64chars[(v >> 12) & 63], '=', '='};
        nb_buf_add(b, q, 4);
    } else if (len - i == 2) {
        uint32_t v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8;
        char q[4] = {b64chars[v >> 18], b64chars[(v >> 12) & 63], b64chars[(v >> 6) & 63], '='};
        nb_buf_add(b, q, 4);
    }
}

char *nb_mime_base64(const void *data, size_t len, size_t *out_len)
{
    nb_buf b = {0};
    const unsigned char *p = data;
    /* 57 input bytes make one 76-character line. */
    for (size_t off = 0; off < len; off += 57) {
        size_t n = len - off < 57 ? len - off : 57;
        b64_raw(&b, p + off, n);
        nb_buf_adds(&b, "\r\n");
    }
    return nb_buf_detach(&b, out_len);
}

static bool is_header_control(int32_t cp)
{
    return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) || cp == 0x2028 || cp == 0x2029;
}

char *nb_mime_sanitize(const char *s)
{
    nb_buf b = {0};
    if (!s)
        s = "";
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        int32_t cp;
        int n = nb_utf8_decode(s + i, len - i, &cp);
        if (n < 0) {
            nb_buf_adds(&b, "\xEF\xBF\xBD"); /* U+FFFD for a byte that is not UTF-8 */
            i++;
            continue;
        }
        if (is_header_control(cp))
            nb_buf_add(&b, " ", 1);
        else
            nb_buf_add(&b, s + i, (size_t)n);
        i += (size_t)n;
    }
    char *out = nb_buf_detach(&b, NULL);
    /* Trim spaces at both ends: a folded header must not end in spaces. */
    size_t start = 0, end = strlen(out);
    while (start < end && out[start] == ' ')
        start++;
    while (end > start && out[end - 1] == ' ')
        end--;
    memmove(out, out + start, end - start);
    out[end - start] = '\0';
    return out;
}

/* Length of the UTF-8 character at s (the text is already sanitised, so
 * it is valid). */
static size_t char_len(const char *s)
{
    unsigned char c = (unsigned char)*s;
    if (c < 0x80)
        return 1;
    if (c >= 0xf0)
        return 4;
    if (c >= 0xe0)
        return 3;
    return 2;
}

char *nb_mime_encode_words(const char *s, size_t col)
{
    static const char head[] = "=?UTF-8?B?", tail[] = "?=";
    const size_t overhead = sizeof head - 1 + sizeof tail - 1; /* 12 */
    char *clean = nb_mime_sanitize(s);
    nb_buf b = {0};
    size_t len = strlen(clean);
    bool first = true;
    for (size_t i = 0; i < len;) {
        /* Room on this line: the first shares its line with the header
         * name, later ones start after CRLF SP. */
        const size_t word_room = 75 - overhead; /* an encoded word is at most 75 */
        size_t room = first ? (col + overhead < NB_MIME_LINE_MAX ? NB_MIME_LINE_MAX - col - overhead : 0)
                            : NB_MIME_LINE_MAX - 1 - overhead;
        if (room > word_room)
            room = word_room;
        size_t max_bytes = room / 4 * 3;
        bool fold = !first;
        if (first && max_bytes < char_len(clean + i)) {
            /* No room for even one character after a long header name:
             * start the value on the next line. */
            fold = true;
            max_bytes = (NB_MIME_LINE_MAX - 1 - overhead) / 4 * 3;
        }
        size_t n = 0;
        while (i + n < len) {
            size_t cl = char_len(clean + i + n);
            if (n + cl > max_bytes && n > 0)
                break;
            n += cl;
            if (n >= max_bytes)
                break;
        }
        if (fold)
            nb_buf_adds(&b, "\r\n ");
        nb_buf_adds(&b, head);
        b64_raw(&b, (const unsigned char *)clean + i, n);
        nb_buf_adds(&b, tail);
        i += n;
        first = false;
    }
    free(clean);
    return nb_buf_detach(&b, NULL);
}

/* RFC 2231 attribute-char that may stay unencoded. */
static bool attr_char(unsigned char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return c != 0 && strchr("-._~!#$&+^`|", c) != NULL;
}

/* Percent-encoded form of one character (len bytes) into out (<= 12). */
static size_t pct_char(const char *s, size_t len, char *out)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t o = 0;
    for (size_t k = 0; k < len; k++) {
        unsigned char c = (unsigned char)s[k];
        if (attr_char(c)) {
            out[o++] = (char)c;
        } else {
            out[o++] = '%';
            out[o++] = hex[c >> 4];
            out[o++] = hex[c & 15];
        }
    }
    return o;
}

char *nb_mime_param_2231(const char *name, const char *value)
{
    char *clean = nb_mime_sanitize(value);
    size_t len = strlen(clean);
    nb_buf enc = {0};
    char tmp[16];
    for (size_t i = 0; i < len;) {
        size_t cl = char_len(clean + i);
        nb_buf_add(&enc, tmp, pct_char(clean + i, cl, tmp));
        i += cl;
    }
    size_t enc_len;
    char *all = nb_buf_detach(&enc, &enc_len);
    nb_buf b = {0};
    /* One line: SP name*=UTF-8''value plus a possible ';' after it. */
    size_t single = 1 + strlen(name) + strlen("*=UTF-8''") + enc_len + 1;
    if (single <= NB_MIME_LINE_MAX) {
        nb_buf_addf(&b, ";\r\n %s*=UTF-8''%s", name, all);
    } else {
        /* Continuations; sections hold whole characters. */
        size_t i = 0;
        for (int sec = 0; i < len || sec == 0; sec++) {
            char prefix[64];
            int pn = snprintf(prefix, sizeof prefix, " %s*%d*=%s", name, sec, sec == 0 ? "UTF-8''" : "");
            size_t used = (size_t)pn + 1; /* the ';' ending the line */
            nb_buf_adds(&b, ";\r\n");
            nb_buf_adds(&b, prefix);
            bool any = false;
            while (i < len) {
                size_t cl = char_len(clean + i);
                size_t el = pct_char(clean + i, cl, tmp);
                if (any && used + el > NB_MIME_LINE_MAX)
                    break;
                nb_buf_add(&b, tmp, el);
                used += el;
                i += cl;
                any = true;
            }
        }
    }
    free(all);
    free(clean);
    return nb_buf_detach(&b, NULL);
}

char *nb_mime_param_ascii(const char *name, const char *value)
{
    nb_buf b = {0};
    nb_buf_addf(&b, ";\r\n %s=\"", name);
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)(value ? value : ""); *p && n < 200; p++, n++) {
        char c = (*p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\') ? (char)*p : '_';
        nb_buf_add(&b, &c, 1);
    }
    nb_buf_adds(&b, "\"");
    return nb_buf_detach(&b, NULL);
}

void nb_mime_date(time_t t, char *buf, size_t n)
{
    static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    /* Japan has no daylight saving time: UTC+9 all year. */
    time_t jst = t + 9 * 3600;
    struct tm tm;
    if (!gmtime_r(&jst, &tm)) {
        snprintf(buf, n, "Thu, 01 Jan 1970 09:00:00 +0900");
        return;
    }
    snprintf(buf, n, "%s, %02d %s %04d %02d:%02d:%02d +0900", days[tm.tm_wday], tm.tm_mday,
             months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

bool nb_mime_addr_ok(const char *addr)
{
    if (!addr)
        return false;
    size_t len = strlen(addr);
    if (len < 3 || len > 254)
        return false;
    const char *at = strchr(addr, '@');
    if (!at || at == addr || strchr(at + 1, '@') || at[1] == '\0')
        return false;
    for (const char *p = addr; p < at; p++) {
        unsigned char c = (unsigned char)*p;
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  strchr("!#$%&'*+-/=?^_`{|}~.", c) != NULL;
        if (!ok || c == 0)
            return false;
    }
    if (addr[0] == '.' || at[-1] == '.' || strstr(addr, ".."))
        return false;
    const char *d = at + 1;
    if (d[0] == '.' || d[0] == '-' || addr[len - 1] == '.' || addr[len - 1] == '-')
        return false;
    for (const char *p = d; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
              c == '.'))
            return false;
    }
    return true;
}

const char *nb_mime_addr_domain(const char *addr)
{
    return nb_mime_addr_ok(addr) ? strchr(addr, '@') + 1 : NULL;
}

/* Printable ASCII without spaces (Message-ID), or with spaces (Date). */
static bool printable(const char *s, bool spaces)
{
    if (!s || !*s)
        return false;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p >= 0x7f || (*p == ' ' && !spaces))
            return false;
    return strlen(s) < 200;
}

/* Length of the last line of a folded value whose first line starts at
 * column col. */
static size_t last_line_len(const char *v, size_t col)
{
    const char *nl = strrchr(v, '\n');
    return nl ? strlen(nl + 1) : col + strlen(v);
}

#define NB_MIME_BOUNDARY "=_nanbyo-survey_mixed_1"

static void add_part(nb_buf *b, const nb_mime_part *p)
{
    nb_buf_adds(b, "--" NB_MIME_BOUNDARY "\r\n");
    const char *type = p->content_type ? p->content_type : "application/octet-stream";
    /* The xlsx type alone nearly fills a line: start it on the next one. */
    bool fold = strlen("Content-Type: ") + strlen(type) + 1 > NB_MIME_LINE_MAX;
    nb_buf_addf(b, "Content-Type:%s%s", fold ? "\r\n " : " ", type);
    if (p->filename) {
        char *an = nb_mime_param_ascii("name", p->filename_ascii ? p->filename_ascii : "attachment");
        nb_buf_adds(b, an);
        free(an);
        nb_buf_adds(b, "\r\nContent-Disposition: attachment");
        char *fn = nb_mime_param_2231("filename", p->filename);
        nb_buf_adds(b, fn);
        free(fn);
    }
    nb_buf_adds(b, "\r\nContent-Transfer-Encoding: base64\r\n\r\n");
    size_t n;
    char *enc = nb_mime_base64(p->data, p->len, &n);
    nb_buf_add(b, enc, n);
    free(enc);
}

char *nb_mime_assemble(const nb_mime_message *m, size_t *len)
{
    if (!m || !nb_mime_addr_ok(m->from_addr) || !nb_mime_addr_ok(m->to_addr) || !printable(m->date, true) ||
        !printable(m->message_id, false) || m->message_id[0] != '<' ||
        m->message_id[strlen(m->message_id) - 1] != '>' || !m->parts || m->n_parts == 0)
        return NULL;
    nb_buf b = {0};
    char *name = nb_mime_encode_words(m->from_name, strlen("From: "));
    if (*name) {
        nb_buf_addf(&b, "From: %s", name);
        /* Fold before the address when it would pass the line limit. */
        if (last_line_len(name, strlen("From: ")) + 3 + strlen(m->from_addr) > NB_MIME_LINE_MAX)
            nb_buf_adds(&b, "\r\n");
        nb_buf_addf(&b, " <%s>\r\n", m->from_addr);
    } else {
        nb_buf_addf(&b, "From: %s\r\n", m->from_addr);
    }
    free(name);
    nb_buf_addf(&b, "To: %s\r\n", m->to_addr);
    char *subj = nb_mime_encode_words(m->subject, strlen("Subject: "));
    nb_buf_addf(&b, "Subject: %s\r\n", subj);
    free(subj);
    nb_buf_addf(&b, "Date: %s\r\n", m->date);
    nb_buf_addf(&b, "Message-ID: %s\r\n", m->message_id);
    nb_buf_adds(&b, "MIME-Version: 1.0\r\n");
    if (m->mailer && printable(m->mailer, true))
        nb_buf_addf(&b, "X-Mailer: %s\r\n", m->mailer);
    nb_buf_adds(&b, "Content-Type: multipart/mixed;\r\n boundary=\"" NB_MIME_BOUNDARY "\"\r\n\r\n");
    nb_buf_adds(&b, "This is a multi-part message in MIME format.\r\n\r\n");
    for (size_t i = 0; i < m->n_parts; i++)
        add_part(&b, &m->parts[i]);
    nb_buf_adds(&b, "--" NB_MIME_BOUNDARY "--\r\n");
    return nb_buf_detach(&b, len);
}
