/* The last document of one kind made in this process (doc_memo.c). One run
 * often asks for the same document twice (export --pdf F --eml M writes F
 * and attaches the same bytes to M; the submit page prints and attaches),
 * and making it is most of an export's work; the memo keeps the bytes while
 * the key, everything the document is made from, stays the same. */
#ifndef NB_EXPORT_DOC_MEMO_H
#define NB_EXPORT_DOC_MEMO_H
#include <stdbool.h>
#include <stddef.h>
#include "nanbyo/answers.h"
#include "nanbyo/definition.h"

typedef struct {
    char *key;
    char *data;
    size_t len;
} nb_doc_memo;

/* The key: the definition as loaded (its address, file, id, version), the
 * caller's own line (the options that change its bytes), SOURCE_DATE_EPOCH,
 * and the answers exactly as held (nb_answers_dump). */
char *nb_doc_memo_key(const nb_definition *def, const nb_answers *a, const char *options);
bool nb_doc_memo_has(const nb_doc_memo *m, const char *key);
/* Keeps data under key, taking both; the previous ones are freed. */
void nb_doc_memo_keep(nb_doc_memo *m, char *key, char *data, size_t len);
/* A fresh copy of the kept bytes (never NULL). */
char *nb_doc_memo_copy(const nb_doc_memo *m, size_t *len);

#endif
