/* The last document made, kept by its key (doc_memo.h). */
#include "doc_memo.h"
#include <stdlib.h>
#include <string.h>
#include "nanbyo/xalloc.h"

char *nb_doc_memo_key(const nb_definition *def, const nb_answers *a, const char *options)
{
    char *json = nb_answers_dump(a);
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    char *key = xasprintf("%p %s %s %lld\n%s\n%s\n%s", (const void *)def, def->path ? def->path : "",
                          def->id ? def->id : "", (long long)def->version, options, sde ? sde : "",
                          json ? json : "");
    free(json);
    return key;
}

bool nb_doc_memo_has(const nb_doc_memo *m, const char *key)
{
    return m->key && strcmp(m->key, key) == 0;
}

void nb_doc_memo_keep(nb_doc_memo *m, char *key, char *data, size_t len)
{
    free(m->key);
    free(m->data);
    m->key = key;
    m->data = data;
    m->len = len;
}

char *nb_doc_memo_copy(const nb_doc_memo *m, size_t *len)
{
    char *copy = xmalloc(m->len ? m->len : 1);
    memcpy(copy, m->data, m->len);
    *len = m->len;
    return copy;
}
