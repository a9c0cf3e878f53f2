/* The requirements file (see requirements.h): one table of keys drives
 * both the writer and the reader, so the two can never disagree about a
 * key's name, its type or its range. */
#include "nanbyo/requirements.h"
#include "nanbyo/buf.h"
#include "nanbyo/xalloc.h"
#include <inttypes.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FILE (64 * 1024)
#define MAX_ITEMS 8
#define MAX_VALUE 250

typedef enum { K_INT, K_BOOL, K_LIST, K_WORD, K_URL } kind;

typedef struct {
    const char *key;
    kind kind;
    size_t off;           /* into nb_pc_requirements */
    size_t count_off;     /* K_LIST: the size_t count */
    int64_t min, max;     /* K_INT */
} key_spec;

#define PC(f) offsetof(nb_pc_requirements, f)
static const key_spec KEYS[] = {
    {.key = "ram_gb", .kind = K_INT, .off = PC(ram_gb), .min = 0, .max = 4096},
    {.key = "ram_required", .kind = K_BOOL, .off = PC(ram_required)},
    {.key = "ram_tolerance_percent", .kind = K_INT, .off = PC(ram_tolerance_percent), .min = 0, .max = 50},
    {.key = "disk_free_gb", .kind = K_INT, .off = PC(disk_free_gb), .min = 0, .max = 1000000},
    {.key = "display_min.width", .kind = K_INT, .off = PC(display_min_w), .min = 1, .max = 100000},
    {.key = "display_min.height", .kind = K_INT, .off = PC(display_min_h), .min = 1, .max = 100000},
    {.key = "display_recommended.width", .kind = K_INT, .off = PC(display_rec_w), .min = 1, .max = 100000},
    {.key = "display_recommended.height", .kind = K_INT, .off = PC(display_rec_h), .min = 1, .max = 100000},
    {.key = "browsers", .kind = K_LIST, .off = PC(browsers), .count_off = PC(n_browsers)},
    {.key = "software", .kind = K_LIST, .off = PC(software), .count_off = PC(n_software)},
    {.key = "printer_paper", .kind = K_WORD, .off = PC(printer_paper)},
    {.key = "tcp_port", .kind = K_INT, .off = PC(tcp_port), .min = 1, .max = 65535},
    {.key = "https_url", .kind = K_URL, .off = PC(https_url)},
    {.key = "clock_skew_warn_seconds", .kind = K_INT, .off = PC(clock_skew_warn_s), .min = 0, .max = 86400},
    {.key = "clock_skew_fail_seconds", .kind = K_INT, .off = PC(clock_skew_fail_s), .min = 0, .max = 86400},
    {.key = "timeout_seconds", .kind = K_INT, .off = PC(timeout_s), .min = 1, .max = 600},
};
#define N_KEYS (sizeof KEYS / sizeof KEYS[0])

static bool word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
}

static bool valid_word(const char *s, size_t n)
{
    if (n == 0 || n > 64)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!word_char(s[i]))
            return false;
    return true;
}

/* https:// or http://, printable ASCII only: the .exe passes it to WinHTTP
 * as it is. */
static bool valid_url(const char *s, size_t n)
{
    if (n > MAX_VALUE || !(n > 8 && (strncmp(s, "https://", 8) == 0 || strncmp(s, "http://", 7) == 0)))
        return false;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] <= 0x20 || (unsigned char)s[i] >= 0x7f)
            return false;
    return true;
}

/* ---- writing ----------------------------------------------------------- */

char *nb_requirements_format(const nb_pc_requirements *pc, const char *form_id, nb_error *err)
{
    nb_buf o = NB_BUF_INIT;
    nb_buf_addf(&o, "# nanbyo-survey requirements: 調査定義 %s の pc_requirements\n",
                form_id && valid_word(form_id, strlen(form_id)) ? form_id : "(名前なし)");
    for (size_t i = 0; i < N_KEYS; i++) {
        const key_spec *k = &KEYS[i];
        const char *base = (const char *)pc + k->off;
        switch (k->kind) {
        case K_INT:
            nb_buf_addf(&o, "%s=%" PRId64 "\n", k->key, *(const int64_t *)base);
            break;
        case K_BOOL:
            nb_buf_addf(&o, "%s=%s\n", k->key, *(const bool *)base ? "true" : "false");
            break;
        case K_LIST: {
            char *const *items = *(char *const *const *)base;
            size_t n = *(const size_t *)((const char *)pc + k->count_off);
            if (n > MAX_ITEMS) {
                nb_error_set(err, "pc_requirements.%s の項目が %zu 個あり、要件ファイルに書ける %d 個を超えています。",
                             k->key, n, MAX_ITEMS);
                nb_buf_release(&o);
                return NULL;
            }
            nb_buf_addf(&o, "%s=", k->key);
            for (size_t j = 0; j < n; j++) {
                const char *it = items[j] ? items[j] : "";
                if (!valid_word(it, strlen(it))) {
                    nb_error_set(err, "pc_requirements.%s の「%.64s」は、英数字と _ - だけの名前にしてください。",
                                 k->key, it);
                    nb_buf_release(&o);
                    return NULL;
                }
                nb_buf_addf(&o, "%s%s", j ? "," : "", it);
            }
            nb_buf_addc(&o, '\n');
            break;
        }
        case K_WORD:
        case K_URL: {
            const char *v = *(const char *const *)base;
            if (!v || !*v)
                v = k->kind == K_WORD ? "A4" : "";
            bool ok = k->kind == K_WORD ? valid_word(v, strlen(v)) : valid_url(v, strlen(v));
            if (!ok) {
                nb_error_set(err, "pc_requirements.%s の値は要件ファイルに書けません (%s)。調査定義を直してください。",
                             k->key, k->kind == K_URL ? "https:// で始まり、空白や ASCII 以外の文字のない URL にしてください"
                                                      : "英数字と _ - だけにしてください");
                nb_buf_release(&o);
                return NULL;
            }
            nb_buf_addf(&o, "%s=%s\n", k->key, v);
            break;
        }
        }
    }
    return nb_buf_detach(&o, NULL);
}

/* ---- reading ----------------------------------------------------------- */

static void line_err(nb_error *err, const char *name, size_t line, const char *what, const char *key)
{
    char safe[200];
    size_t j = 0;
    for (size_t i = 0; name && name[i] && j < sizeof safe - 1; i++)
        safe[j++] = ((unsigned char)name[i] < 0x20 || name[i] == 0x7f) ? '?' : name[i];
    safe[j] = '\0';
    char where[40] = "";
    if (line)
        snprintf(where, sizeof where, " の %zu 行目", line);
    nb_error_set(err, "要件ファイル %s%s: %s%s%s。nanbyo-survey requirements で作ったファイルを、手を加えずに指定してください。",
                 safe, where, key ? key : "", key ? " の" : "", what);
}

static bool parse_int(const char *v, size_t n, int64_t min, int64_t max, int64_t *out)
{
    if (n == 0 || n > 10)
        return false;
    int64_t x = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i] < '0' || v[i] > '9')
            return false; /* full-width digits and signs included */
        x = x * 10 + (v[i] - '0');
    }
    if (x < min || x > max)
        return false;
    *out = x;
    return true;
}

static bool parse_list(const char *v, size_t n, char ***items, size_t *count)
{
    char **list = xcalloc(MAX_ITEMS, sizeof *list);
    size_t k = 0;
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && v[i] != ',')
            continue;
        if (k == MAX_ITEMS || !valid_word(v + start, i - start)) {
            for (size_t j = 0; j < k; j++)
                free(list[j]);
            free(list);
            return false;
        }
        list[k++] = xstrndup(v + start, i - start);
        start = i + 1;
    }
    *items = list;
    *count = k;
    return true;
}

void nb_requirements_free(nb_pc_requirements *pc)
{
    for (size_t i = 0; i < pc->n_browsers; i++)
        free(pc->browsers[i]);
    free(pc->browsers);
    for (size_t i = 0; i < pc->n_software; i++)
        free(pc->software[i]);
    free(pc->software);
    free(pc->printer_paper);
    free(pc->https_url);
    memset(pc, 0, sizeof *pc);
}

static bool set_value(const key_spec *k, const char *v, size_t n, nb_pc_requirements *pc)
{
    char *base = (char *)pc + k->off;
    switch (k->kind) {
    case K_INT:
        return parse_int(v, n, k->min, k->max, (int64_t *)base);
    case K_BOOL:
        if (n == 4 && memcmp(v, "true", 4) == 0)
            *(bool *)base = true;
        else if (n == 5 && memcmp(v, "false", 5) == 0)
            *(bool *)base = false;
        else
            return false;
        return true;
    case K_LIST:
        return parse_list(v, n, (char ***)base, (size_t *)((char *)pc + k->count_off));
    case K_WORD:
    case K_URL:
        if (!(k->kind == K_WORD ? valid_word(v, n) : valid_url(v, n)))
            return false;
        *(char **)base = xstrndup(v, n);
        return true;
    }
    return false;
}

static const char *kind_hint(kind k)
{
    switch (k) {
    case K_INT: return "値は範囲内の半角の整数にしてください";
    case K_BOOL: return "値は true か false にしてください";
    case K_LIST: return "値は英数字の名前をコンマで区切って (8 個まで) 書いてください";
    case K_WORD: return "値は英数字の名前にしてください";
    case K_URL: return "値は https:// で始まる、空白のない URL にしてください";
    }
    return "";
}

int nb_requirements_parse(const char *text, size_t len, const char *name,
                          nb_pc_requirements *out, nb_error *err)
{
    memset(out, 0, sizeof *out);
    if (len > MAX_FILE) {
        line_err(err, name, 0, "64 KB を超えていて、要件ファイルとは思えません", NULL);
        return -1;
    }
    bool seen[N_KEYS] = {false};
    size_t pos = 0, line = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        pos = 3; /* a BOM that Notepad adds when saving */
    while (pos < len) {
        line++;
        const char *l = text + pos;
        const char *nl = memchr(l, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - l) : len - pos;
        pos += n + (nl ? 1 : 0);
        if (n > 0 && l[n - 1] == '\r')
            n--;
        if (memchr(l, '\0', n)) {
            line_err(err, name, line, "NUL 文字があります", NULL);
            goto fail;
        }
        if (n == 0 || l[0] == '#')
            continue;
        const char *eq = memchr(l, '=', n);
        if (!eq) {
            line_err(err, name, line, "「キー=値」の形ではありません", NULL);
            goto fail;
        }
        size_t kl = (size_t)(eq - l);
        size_t i = 0;
        while (i < N_KEYS && !(strlen(KEYS[i].key) == kl && memcmp(KEYS[i].key, l, kl) == 0))
            i++;
        if (i == N_KEYS) {
            char key[80];
            size_t c = 0;
            for (size_t j = 0; j < kl && c < 60; j++)
                key[c++] = (unsigned char)l[j] < 0x20 || l[j] == 0x7f ? '?' : l[j];
            /* never end the copy inside a UTF-8 sequence */
            while (c > 0 && c < kl && ((unsigned char)l[c] & 0xC0) == 0x80)
                c--;
            key[c] = '\0';
            char what[160];
            snprintf(what, sizeof what, "「%s」という項目はありません", key);
            line_err(err, name, line, what, NULL);
            goto fail;
        }
        if (seen[i]) {
            line_err(err, name, line, "項目が 2 回書かれています", KEYS[i].key);
            goto fail;
        }
        seen[i] = true;
        if (!set_value(&KEYS[i], eq + 1, n - kl - 1, out)) {
            line_err(err, name, line, kind_hint(KEYS[i].kind), KEYS[i].key);
            goto fail;
        }
    }
    for (size_t i = 0; i < N_KEYS; i++)
        if (!seen[i]) {
            char what[160];
            snprintf(what, sizeof what, "項目 %s がありません", KEYS[i].key);
            line_err(err, name, 0, what, NULL);
            goto fail;
        }
    return 0;
fail:
    nb_requirements_free(out);
    return -1;
}
