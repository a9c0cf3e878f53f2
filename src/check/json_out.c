/* See json_out.h. Two spaces of indent per level, one member per line. */
#include "json_out.h"
#include <string.h>

static void put_n(nb_json_out *j, const char *s, size_t n) { nb_buf_add(&j->out, s, n); }

static void put(nb_json_out *j, const char *s) { put_n(j, s, strlen(s)); }

/* Length of the valid UTF-8 sequence at s (1-4), or 0 if it is not one. */
static size_t utf8_len(const unsigned char *s)
{
    if (s[0] < 0x80)
        return 1;
    size_t n = s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 && s[0] < 0xE0 ? 2 : 0;
    if (n == 0)
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    unsigned cp = n == 2 ? (s[0] & 0x1Fu) << 6 | (s[1] & 0x3Fu)
                : n == 3 ? (s[0] & 0x0Fu) << 12 | (s[1] & 0x3Fu) << 6 | (s[2] & 0x3Fu)
                         : (s[0] & 0x07u) << 18 | (s[1] & 0x3Fu) << 12 | (s[2] & 0x3Fu) << 6 | (s[3] & 0x3Fu);
    if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
        return 0;
    return n;
}

static void put_string(nb_json_out *j, const char *s)
{
    put(j, "\"");
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    while (*p) {
        static const char hex[] = "0123456789abcdef";
        if (*p == '"' || *p == '\\') {
            char e[2] = {'\\', (char)*p};
            put_n(j, e, 2);
            p++;
        } else if (*p < 0x20 || *p == 0x7f) {
            char e[7] = {'\\', 'u', '0', '0', hex[*p >> 4], hex[*p & 15], 0};
            put(j, *p == '\n' ? "\\n" : *p == '\t' ? "\\t" : *p == '\r' ? "\\r" : e);
            p++;
        } else {
            size_t n = utf8_len(p);
            if (n == 0) {
                put(j, "\xEF\xBF\xBD");
                p++;
            } else {
                put_n(j, (const char *)p, n);
                p += n;
            }
        }
    }
    put(j, "\"");
}

static void member(nb_json_out *j, const char *key)
{
    if (j->depth > 0)
        put(j, j->first ? "\n" : ",\n");
    for (int i = 0; i < j->depth; i++)
        put(j, "  ");
    if (key) {
        put_string(j, key);
        put(j, ": ");
    }
    j->first = false;
}

static void open_(nb_json_out *j, const char *key, const char *c)
{
    member(j, key);
    put(j, c);
    j->depth++;
    j->first = true;
}

static void close_(nb_json_out *j, const char *c)
{
    j->depth--;
    if (!j->first) {
        put(j, "\n");
        for (int i = 0; i < j->depth; i++)
            put(j, "  ");
    }
    put(j, c);
    j->first = false;
}

void nb_json_begin_object(nb_json_out *j, const char *key) { open_(j, key, "{"); }
void nb_json_end_object(nb_json_out *j) { close_(j, "}"); }
void nb_json_begin_array(nb_json_out *j, const char *key) { open_(j, key, "["); }
void nb_json_end_array(nb_json_out *j) { close_(j, "]"); }

void nb_json_string(nb_json_out *j, const char *key, const char *value)
{
    member(j, key);
    put_string(j, value);
}

void nb_json_bool(nb_json_out *j, const char *key, bool value)
{
    member(j, key);
    put(j, value ? "true" : "false");
}

char *nb_json_finish(nb_json_out *j)
{
    put(j, "\n");
    return nb_buf_detach(&j->out, NULL);
}
