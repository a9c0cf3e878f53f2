/* Fuzz target: the MIME header encoder (include/nanbyo/mime.h). Answers
 * reach the e-mail's headers through it, so besides memory safety it
 * checks that no input can break a header: output is printable ASCII with
 * CRLF line ends only, lines stay within 76 octets (998 for a long
 * address), and a whole message assembled from hostile values has no
 * header line the program did not write. */
#include "fuzz_util.h"
#include "nanbyo/mime.h"
#include "nanbyo/utf8.h"

/* Every line ends in CRLF, no bare CR or LF, printable ASCII (or also
 * no line over max octets. */
static void check_lines(const char *s, size_t len, size_t max, const char *what)
{
    size_t col = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\r') {
            FZ_ASSERT(i + 1 < len && s[i + 1] == '\n', "%s: bare CR at %zu", what, i);
            i++;
            col = 0;
            continue;
        }
        FZ_ASSERT(c != '\n', "%s: bare LF at %zu", what, i);
        FZ_ASSERT(c >= 0x20 && c < 0x7f, "%s: byte 0x%02x at %zu", what, c, i);
        col++;
        FZ_ASSERT(col <= max, "%s: line longer than %zu octets", what, max);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fz_cstr(data, size);
    size_t slen = strlen(s);

    char *san = nb_mime_sanitize(s);
    FZ_ASSERT(san && nb_utf8_valid(san, strlen(san)), "sanitize: not valid UTF-8");
    for (const unsigned char *p = (const unsigned char *)san; *p; p++)
        FZ_ASSERT(*p >= 0x20 && *p != 0x7f, "sanitize: control 0x%02x kept", *p);
    FZ_ASSERT(san[0] != ' ' && (san[0] == '\0' || san[strlen(san) - 1] != ' '),
              "sanitize: not trimmed");
    free(san);

    size_t col = size ? data[0] % 40 : 9;
    char *words = nb_mime_encode_words(s, col);
    FZ_ASSERT(words, "encode_words returned NULL");
    /* The first line already holds col octets. */
    size_t wl = strlen(words);
    char *shifted = malloc(col + wl + 1);
    memset(shifted, 'X', col);
    memcpy(shifted + col, words, wl + 1);
    check_lines(shifted, col + wl, NB_MIME_LINE_MAX, "encoded words");
    free(shifted);
    free(words);

    char *p2231 = nb_mime_param_2231("filename", s);
    FZ_ASSERT(p2231, "param_2231 returned NULL");
    check_lines(p2231, strlen(p2231), NB_MIME_LINE_MAX, "RFC 2231 parameter");
    free(p2231);

    char *pa = nb_mime_param_ascii("filename", s);
    FZ_ASSERT(pa, "param_ascii returned NULL");
    check_lines(pa, strlen(pa), (size_t)-1, "ASCII parameter");
    const char *q = strchr(pa, '"');
    FZ_ASSERT(q && strchr(q + 1, '"') == pa + strlen(pa) - 1, "ASCII parameter: stray quote");
    free(pa);

    size_t blen = 0;
    char *b64 = nb_mime_base64(data, size, &blen);
    FZ_ASSERT(b64 && blen == strlen(b64), "base64 length");
    check_lines(b64, blen, NB_MIME_LINE_MAX, "base64");
    size_t chars = 0;
    for (size_t i = 0; i < blen; i++)
        chars += b64[i] != '\r' && b64[i] != '\n';
    FZ_ASSERT(chars == (size + 2) / 3 * 4, "base64 of %zu bytes has %zu characters", size, chars);
    free(b64);

    if (nb_mime_addr_ok(s)) {
        FZ_ASSERT(slen <= 254, "address of %zu octets accepted", slen);
        for (const unsigned char *p = (const unsigned char *)s; *p; p++)
            FZ_ASSERT(*p > 0x20 && *p < 0x7f && !strchr("\"<>()[]\\,;: ", *p),
                      "address with 0x%02x accepted", *p);
        FZ_ASSERT(nb_mime_addr_domain(s) != NULL, "accepted address without a domain");
    }

    /* A whole message with the hostile value everywhere a value can go. */
    char date[32];
    nb_mime_date(1774000000, date, sizeof date);
    nb_mime_part parts[2] = {
        {"text/plain; charset=UTF-8", NULL, NULL, s, slen},
        {"application/octet-stream", s, s, data, size},
    };
    nb_mime_message m = {s, "clerk@example.jp", "pref@example.jp", s, date,
                         "<fuzz@example.jp>", "nanbyo-survey", parts, 2};
    size_t mlen = 0;
    char *msg = nb_mime_assemble(&m, &mlen);
    FZ_ASSERT(msg, "assemble refused valid addresses");
    char *end = strstr(msg, "\r\n\r\n");
    FZ_ASSERT(end, "no end of headers");
    check_lines(msg, mlen, 998, "message");
    /* Each header line is a continuation or one this module writes. */
    static const char *known[] = {"From:", "To:", "Subject:", "Date:", "Message-ID:",
                                  "MIME-Version:", "Content-Type:", "X-Mailer:",
                                  "Content-Transfer-Encoding:", NULL};
    for (const char *line = msg; line < end; line = strstr(line, "\r\n") + 2) {
        if (*line == ' ' || *line == '\t')
            continue;
        int found = 0;
        for (int k = 0; known[k]; k++)
            found |= strncmp(line, known[k], strlen(known[k])) == 0;
        FZ_ASSERT(found, "unexpected header line: %.40s", line);
    }
    free(msg);
    free(s);
    return 0;
}
