/* The e-mail subject and attachment name, expanded from the definition's
 * templates with the clerk's answers. Answers are cleaned first: a CR/LF
 * or control character typed into a name must never reach a header or a
 * file name. */
#include <stdlib.h>
#include <string.h>
#include "nanbyo/quote.h"
#include "nanbyo/survey.h"
#include "nanbyo/text.h"
#include "nanbyo/utf8.h"
#include "nanbyo/xalloc.h"

typedef struct {
    const nb_answers *a;
    bool for_filename;
    char *held[8];
    size_t n_held;
} expand_ctx;

/* Controls and bidi/invisible characters become spaces (or '_' in file
 * names, with / \ : * ? " < > | too), runs collapse, ends trimmed. */
static char *clean(const char *v, bool filename, size_t max_cps)
{
    size_t n = strlen(v);
    char *out = xmalloc(n + 1);
    size_t o = 0, cps = 0;
    for (size_t i = 0; i < n && cps < max_cps;) {
        int32_t cp;
        int len = nb_utf8_decode(v + i, n - i, &cp);
        if (len < 0) {
            i++;
            continue;
        }
        /* bidi and invisible characters could make a name read as
         * something else ("gpj.exe" shown reversed) */
        bool bad = nb_cp_width(cp) < 0 || nb_cp_is_control(cp) || nb_cp_is_invisible(cp);
        if (filename && (cp == '/' || cp == '\\' || cp == ':' || cp == '*' || cp == '?' || cp == '"' ||
                         cp == '<' || cp == '>' || cp == '|'))
            bad = true;
        if (bad) {
            if (o > 0 && out[o - 1] != ' ' && out[o - 1] != '_')
                out[o++] = filename ? '_' : ' ';
        } else {
            memcpy(out + o, v + i, (size_t)len);
            o += (size_t)len;
        }
        cps++;
        i += (size_t)len;
    }
    out[o] = '\0';
    char *t = nb_trim(out);
    free(out);
    return t;
}

static const char *lookup(void *vctx, const char *id)
{
    expand_ctx *c = vctx;
    if (c->n_held == sizeof c->held / sizeof c->held[0])
        return "";
    char *v = nb_answers_get(c->a, id);
    char *cl = clean(v ? v : "", c->for_filename, c->for_filename ? 40 : 200);
    free(v);
    c->held[c->n_held++] = cl;
    return cl;
}

static char *expand(const char *tmpl, const nb_answers *a, bool filename)
{
    expand_ctx c = {.a = a, .for_filename = filename};
    char *s = nb_def_expand(tmpl, lookup, &c);
    for (size_t i = 0; i < c.n_held; i++)
        free(c.held[i]);
    return s;
}

char *nb_survey_subject(const nb_definition *def, const nb_answers *a)
{
    return expand(def->subject_template, a, false);
}

char *nb_survey_attachment_name(const nb_definition *def, const nb_answers *a)
{
    return expand(def->attachment_template, a, true);
}
