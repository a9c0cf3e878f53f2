/* 機種依存文字: characters that some receiving systems (Excel macros,
 * e-application forms limited to JIS X 0208) mangle. Found characters are
 * warnings with a suggested replacement where one exists; never errors,
 * because real names need some of them (髙, 﨑). */
#ifndef NANBYO_CHARSET_H
#define NANBYO_CHARSET_H
#include <stddef.h>
#include <stdint.h>

typedef enum {
    NB_CS_HALFWIDTH_KANA,  /* ｶﾀｶﾅ */
    NB_CS_CIRCLED,         /* ①, ㈱ and other enclosed forms */
    NB_CS_ROMAN_NUMERAL,   /* Ⅰ, ⅱ */
    NB_CS_UNIT_SYMBOL,     /* ㍉, ㌔, ㎝ */
    NB_CS_VARIANT_KANJI,   /* 髙, 﨑 and other IBM/NEC extension kanji */
    NB_CS_EMOJI,
    NB_CS_CONTROL,         /* C0/C1 controls: also a validation problem */
    NB_CS_OTHER            /* outside what CP932 can hold */
} nb_cs_kind;

typedef struct {
    size_t offset;        /* byte offset in the string */
    int32_t cp;
    nb_cs_kind kind;
    char suggestion[32];  /* UTF-8 replacement, "" when none */
} nb_cs_issue;

/* Scan s; store up to max issues, return how many were found in total
 * (may exceed max). "Fine" means JIS X 0208 (plus the characters Windows
 * maps differently, such as ～ and －). Half-width kana report one issue per
 * letter with its voiced mark (ｶﾞ -> "ガ"); an emoji sequence (skin tone,
 * ZWJ family, flag, keycap) is one issue. Invalid UTF-8 bytes are reported
 * as NB_CS_OTHER with cp U+FFFD. */
size_t nb_charset_scan(const char *s, nb_cs_issue *out, size_t max);

/* Japanese name of the kind, e.g. "半角カタカナ". */
const char *nb_cs_kind_text(nb_cs_kind k);

/* Copy of s with every issue that has a suggestion replaced (malloc'd);
 * everything else, invalid bytes included, is copied unchanged. */
char *nb_charset_fix(const char *s);

#endif
