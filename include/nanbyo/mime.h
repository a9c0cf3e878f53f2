/* Pure pieces of an RFC 5322 / MIME message: header sanitising, RFC 2047
 * encoded words, RFC 2231 parameters, base64 bodies, the Date header and
 * the assembly of a multipart/mixed message. No I/O, no clock, no
 * randomness, so every byte can be unit-tested; src/export/message.c feeds
 * it the survey's values, the time and a random Message-ID.
 *
 * Every line this module writes ends in CRLF and stays within 76 octets
 * (the limit for encoded words and base64 lines), except a header value
 * whose single unbreakable token is longer (an address near 254 octets),
 * which still stays far below RFC 5322's 998. */
#ifndef NANBYO_MIME_H
#define NANBYO_MIME_H
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#define NB_MIME_LINE_MAX 76

/* Copy of s that is safe to put in a header: invalid UTF-8 becomes U+FFFD,
 * every control character (C0 including TAB/CR/LF, DEL, C1) and the
 * Unicode line/paragraph separators become a space, and the result is
 * trimmed of spaces at both ends. NULL s gives "". malloc'd. */
char *nb_mime_sanitize(const char *s);

/* RFC 2047 "B" encoded words (charset UTF-8) for s, sanitised first.
 * col is how many octets the first line already holds (strlen("Subject: ")).
 * Words are separated by CRLF SP so that no line exceeds 76 octets; a word
 * never splits a UTF-8 character. "" for an empty value. malloc'd. */
char *nb_mime_encode_words(const char *s, size_t col);

/* base64 of data in lines of 76 characters, each ending in CRLF (no line
 * at all for len 0). *out_len gets the length when not NULL. malloc'd. */
char *nb_mime_base64(const void *data, size_t len, size_t *out_len);

/* The RFC 2231 form of a parameter with a UTF-8 value, sanitised first,
 * ready to append to a header: ";" CRLF SP name*=UTF-8''%E6%89%80...
 * When one line would pass 76 octets, it is continued as name*0*=...,
 * name*1*=... with whole characters in each section (Python's email
 * package decodes sections one by one). malloc'd. */
char *nb_mime_param_2231(const char *name, const char *value);

/* ";" CRLF SP name="value" with value reduced to printable ASCII without
 * '"' and '\' (anything else becomes '_'). malloc'd. */
char *nb_mime_param_ascii(const char *name, const char *value);

/* RFC 5322 date of t in Japan time, e.g. "Sat, 21 Nov 2026 15:04:30 +0900"
 * (English names regardless of locale). buf needs 32 bytes. */
void nb_mime_date(time_t t, char *buf, size_t n);

/* True when addr is a bare addr-spec (local@domain) of printable ASCII
 * without spaces, quotes, angle brackets or other specials, at most 254
 * octets: the only kind of address put in a header or the envelope. */
bool nb_mime_addr_ok(const char *addr);

/* The domain of a valid address (pointer into addr), or NULL. */
const char *nb_mime_addr_domain(const char *addr);

typedef struct {
    const char *content_type;   /* "text/plain; charset=UTF-8" */
    const char *filename;       /* UTF-8 name (RFC 2231); NULL: inline body */
    const char *filename_ascii; /* ASCII name for RFC 2231-unaware readers */
    const void *data;
    size_t len;
} nb_mime_part;

typedef struct {
    const char *from_name;   /* display name, UTF-8, may be NULL or "" */
    const char *from_addr;   /* must satisfy nb_mime_addr_ok */
    const char *to_addr;     /* must satisfy nb_mime_addr_ok */
    const char *subject;     /* UTF-8 */
    const char *date;        /* from nb_mime_date */
    const char *message_id;  /* "<id@domain>", printable ASCII */
    const char *mailer;      /* X-Mailer value (ASCII), may be NULL */
    const nb_mime_part *parts;
    size_t n_parts;          /* at least 1 */
} nb_mime_message;

/* The whole multipart/mixed message with CRLF line ends. The boundary is
 * fixed text containing "=_", which base64 and the headers written here
 * never contain, so equal inputs give equal bytes. Returns NULL when an
 * address, the date or the Message-ID is unacceptable or there is no
 * part. malloc'd; *len set. */
char *nb_mime_assemble(const nb_mime_message *m, size_t *len);

#endif
