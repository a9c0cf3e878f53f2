/* Reading the envelope back from a message this program built, so that a
 * message waiting in the outbox can be resent with nothing but the file:
 * no side file to lose or to fall out of step with the message. */
#include "nanbyo/buf.h"
#include "nanbyo/message.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "nanbyo/mime.h"
#include "nanbyo/xalloc.h"

/* The unfolded value of header name (malloc'd) or NULL. */
static char *header(const char *msg, size_t len, const char *name)
{
    size_t nl = strlen(name);
    size_t i = 0;
    while (i < len) {
        size_t eol = i;
        while (eol < len && msg[eol] != '\n')
            eol++;
        size_t end = eol > i && msg[eol - 1] == '\r' ? eol - 1 : eol;
        if (end == i)
            return NULL; /* blank line: end of the headers */
        if (end - i > nl && msg[i + nl] == ':' && strncasecmp(msg + i, name, nl) == 0) {
            /* Collect this line and its continuation lines. */
            nb_buf v = NB_BUF_INIT;
            size_t s = i + nl + 1;
            for (;;) {
                nb_buf_add(&v, msg + s, end - s);
                i = eol + 1;
                if (i >= len || (msg[i] != ' ' && msg[i] != '\t'))
                    break;
                eol = i;
                while (eol < len && msg[eol] != '\n')
                    eol++;
                end = eol > i && msg[eol - 1] == '\r' ? eol - 1 : eol;
                s = i;
            }
            return nb_buf_detach(&v, NULL);
        }
        i = eol + 1;
    }
    return NULL;
}

/* The address in a From/To value: inside the last <...>, else the value
 * trimmed. malloc'd, or NULL when it is not an acceptable address. */
static char *address(const char *value)
{
    const char *lt = strrchr(value, '<');
    const char *gt = lt ? strchr(lt, '>') : NULL;
    const char *s = value, *e = value + strlen(value);
    if (lt && gt) {
        s = lt + 1;
        e = gt;
    }
    while (s < e && (*s == ' ' || *s == '\t'))
        s++;
    while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
        e--;
    char *addr = xstrndup(s, (size_t)(e - s));
    if (!nb_mime_addr_ok(addr)) {
        free(addr);
        return NULL;
    }
    return addr;
}

int nb_message_envelope(const char *msg, size_t len, char **from, char **to)
{
    *from = *to = NULL;
    char *f = header(msg, len, "From"), *t = header(msg, len, "To");
    if (f)
        *from = address(f);
    if (t)
        *to = address(t);
    free(f);
    free(t);
    if (!*from || !*to) {
        free(*from);
        free(*to);
        *from = *to = NULL;
        return -1;
    }
    return 0;
}
