/* Section 8 of the xlsx 調査票, the PC check, kept short enough that a
 * survey with a full check result (14 checks) still prints on one A4
 * page. The measured values are long (paths, sizes, several clauses) and
 * as a column they doubled the section; the prefecture needs the verdict
 * per check, which takes two checks a row. What needs the clerk's
 * attention is said once, in one box, with a short reason each; the full
 * measured values stay in the PDF and the attached answers (JSON). Status
 * is always a word (合格, 注意, 不合格, 不明, 対象外), never a colour. */
#include <stdlib.h>
#include <string.h>
#include "nanbyo/buf.h"
#include "nanbyo/utf8.h"
#include "nanbyo/xalloc.h"
#include "xlsx_sheet.h"

#define LAST_COL NB_XLSX_LAST_COL
/* A reason is a hint, not the value: the first clause, this long at most. */
#define REASON_MAX 20

static double body_height(int lines)
{
    return nb_xsheet_height(lines, NB_XLSX_SIZE, NB_XLSX_ROW_PT);
}

static bool starts(const char *s, const char *p)
{
    return strncmp(s, p, strlen(p)) == 0;
}

/* The first clause of a measured value without its parenthesised
 * details: "印刷の仕組み (CUPS, localhost) に接続できませんでした" ->
 * "印刷の仕組みに接続できませんでした", "1366x768、外部…" -> "1366x768",
 * at most REASON_MAX characters (the last one then "…"). */
static char *short_reason(const char *m)
{
    size_t n = strlen(m), o = 0, chars = 0;
    char *out = xmalloc(n + 4);
    int depth = 0;
    bool after_paren = false;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        int k = nb_utf8_decode(m + i, n - i, &cp);
        if (k < 1)
            k = 1;
        if (depth == 0 && (starts(m + i, "、") || starts(m + i, "。") || starts(m + i, "; ")))
            break;
        if (cp == '(' || cp == 0xFF08) {
            depth++;
        } else if ((cp == ')' || cp == 0xFF09) && depth > 0) {
            if (--depth == 0)
                after_paren = true;
        } else if (depth == 0 && !(cp == ' ' && (after_paren || (i + 1 < n && m[i + 1] == '(')))) {
            /* "12 (bookworm) (x86_64)" -> "12"; words stay apart */
            if (after_paren && o > 0 && cp < 0x80 && (unsigned char)out[o - 1] < 0x80)
                out[o++] = ' ', chars++;
            after_paren = false;
            memcpy(out + o, m + i, (size_t)k);
            o += (size_t)k;
            chars++;
        }
        i += (size_t)k;
    }
    while (o > 0 && out[o - 1] == ' ')
        o--, chars--;
    out[o] = '\0';
    if (chars > REASON_MAX) {
        size_t cut = 0;
        for (size_t c = 0; c + 1 < REASON_MAX; c++) {
            int32_t cp;
            int k = nb_utf8_decode(out + cut, o - cut, &cp);
            cut += k < 1 ? 1 : (size_t)k;
        }
        strcpy(out + cut, "…");
    }
    return out;
}

static bool needs_attention(const nb_xcheck *c)
{
    return strcmp(c->status, "fail") == 0 || strcmp(c->status, "warn") == 0 ||
           strcmp(c->status, "unknown") == 0;
}

/* What a check's reason is taken from: its measured value, except for
 * the OS check, whose value starts with the OS's name; what it warns
 * about (a container, WSL, a support end) is the clause after that. */
static const char *reason_source(const nb_xcheck *c)
{
    const char *next = strstr(c->measured, "、");
    if (strcmp(c->id, "os") == 0 && next && next[strlen("、")])
        return next + strlen("、");
    return c->measured;
}

/* "画面の解像度 不合格 (1366x768)、プリンター 不明 (…)"; "" when every
 * check passed or does not apply. */
static char *attention_text(const nb_xdoc *d)
{
    nb_buf out = NB_BUF_INIT;
    for (size_t i = 0; i < d->n_checks; i++) {
        const nb_xcheck *c = &d->checks[i];
        if (!needs_attention(c))
            continue;
        char *why = short_reason(reason_source(c));
        nb_buf_addf(&out, "%s%s %s%s%s%s", out.len ? "、" : "", c->title, c->status_label, *why ? " (" : "",
                    why, *why ? ")" : "");
        free(why);
    }
    return nb_buf_detach(&out, NULL);
}

/* 確認項目 A-C, 結果 D | 確認項目 E-G, 結果 H-I. */
static void grid_header(nb_xsheet *w, lxw_row_t r)
{
    nb_xsheet_text(w, r, 0, 2, "確認項目", w->st.th);
    nb_xsheet_text(w, r, 3, 3, "結果", w->st.th);
    nb_xsheet_text(w, r, 4, 6, "確認項目", w->st.th);
    nb_xsheet_text(w, r, 7, LAST_COL, "結果", w->st.th);
}

static void grid(nb_xsheet *w)
{
    const nb_xdoc *d = w->d;
    /* the header goes when leaving it out is what fits the page */
    if (nb_xsheet_spare(w, NB_XLSX_ROW_PT))
        grid_header(w, nb_xsheet_row(w, NB_XLSX_ROW_PT));
    w->table_header = grid_header;
    for (size_t i = 0; i < d->n_checks; i += 2) {
        const nb_xcheck *a = &d->checks[i];
        const nb_xcheck *b = i + 1 < d->n_checks ? &d->checks[i + 1] : NULL;
        int lines = nb_xsheet_lines(a->title, 0, 2, NB_XLSX_SIZE);
        if (b) {
            int lb = nb_xsheet_lines(b->title, 4, 6, NB_XLSX_SIZE);
            lines = lb > lines ? lb : lines;
        }
        lxw_row_t r = nb_xsheet_row(w, body_height(lines));
        /* pccheck_<id> on each status word: collect reads the verdicts
         * back, in sheet order, from an xlsx sent alone */
        char *name = xasprintf("pccheck_%s", a->id);
        nb_xsheet_name(w, name, r, 3);
        free(name);
        if (b) {
            name = xasprintf("pccheck_%s", b->id);
            nb_xsheet_name(w, name, r, 7);
            free(name);
        }
        nb_xsheet_text(w, r, 0, 2, a->title, w->st.text);
        nb_xsheet_text(w, r, 3, 3, a->status_label, w->st.center);
        nb_xsheet_text(w, r, 4, 6, b ? b->title : "", w->st.text);
        nb_xsheet_text(w, r, 7, LAST_COL, b ? b->status_label : "", w->st.center);
    }
    w->table_header = NULL;
}

void nb_xsheet_pccheck(nb_xsheet *w, size_t si, const nb_xsection *s)
{
    const nb_xdoc *d = w->d;
    nb_xsheet_heading(w, si, s->title,
                      d->pc_present ? "※ 各項目の測定値は PDF 版と添付の回答データ (JSON) にあります。" : NULL);
    const char *at = d->pc_present ? d->pc_checked_at : "未実施";
    /* the same words as the PDF, CSV and e-mail (export_model.c) */
    const char *verdict = d->pc_overall;
    if (nb_xsheet_half_fits(at, false) && nb_xsheet_half_fits(verdict, true)) {
        lxw_row_t r = nb_xsheet_row(w, NB_XLSX_ROW_PT);
        nb_xsheet_half_text(w, r, false, "確認日時", at);
        nb_xsheet_half_text(w, r, true, "結果", verdict);
    } else {
        lxw_row_t r = nb_xsheet_row(w, body_height(nb_xsheet_lines(at, 3, LAST_COL, NB_XLSX_SIZE)));
        nb_xsheet_text(w, r, 0, 2, "確認日時", w->st.label);
        nb_xsheet_text(w, r, 3, LAST_COL, at, w->st.text);
        r = nb_xsheet_row(w, body_height(nb_xsheet_lines(d->pc_overall, 3, LAST_COL, NB_XLSX_SIZE)));
        nb_xsheet_text(w, r, 0, 2, "結果", w->st.label);
        nb_xsheet_text(w, r, 3, LAST_COL, d->pc_overall, w->st.text);
    }
    if (!d->pc_present)
        return;
    if (*d->pc_platform) {
        lxw_row_t r = nb_xsheet_row(w, body_height(nb_xsheet_lines(d->pc_platform, 3, LAST_COL, NB_XLSX_SIZE)));
        nb_xsheet_text(w, r, 0, 2, "確認したPC", w->st.label);
        nb_xsheet_text(w, r, 3, LAST_COL, d->pc_platform, w->st.text);
    }
    char *list = attention_text(d);
    if (*list) {
        /* one box across the sheet: a label column would cost a line */
        char *t = xasprintf("確認が必要な項目: %s", list);
        lxw_row_t r = nb_xsheet_row(w, body_height(nb_xsheet_lines(t, 0, LAST_COL, NB_XLSX_SIZE)));
        nb_xsheet_text(w, r, 0, LAST_COL, t, w->st.text);
        free(t);
    }
    free(list);
    grid(w);
}
