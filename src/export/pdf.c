/* The 調査票 as an A4 PDF for posting or faxing (cairo + pango). The same
 * sections as the xlsx, drawn as ruled boxes in black on white with a
 * gothic face: IPAexGothic, embedded as a TrueType subset (bold is its
 * synthetic emboldening, see pdf_layout.c). Pages carry "n/N", the institution
 * name and code and its TEL/FAX, so a separated fax page is identifiable. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cairo-pdf.h>
#include "doc_memo.h"
#include "export_model.h"
#include "nanbyo/atomic_file.h"
#include "nanbyo/export.h"
#include "nanbyo/survey.h"
#include "nanbyo/version.h"
#include "nanbyo/xalloc.h"
#include "nanbyo/yen.h"
#include "pdf_form.h"
#include "pdf_layout.h"
#include "pdf_qr.h"

/* Label column of every label/value box, so the dividers line up down
 * the page (the summary box, sections 1-3 and 6-9, 所要額, PC check). */
#define LABEL_W 170.0
/* Value column of 所要額; its right rule is also the PC check's. */
#define AMOUNT_W 140.0

static void fields(nb_pdf *p, const nb_xsection *s)
{
    nb_pdf_section_begin(p, s->title, 28, NULL, NULL);
    for (size_t i = 0; i < s->n_values; i++) {
        const nb_xvalue *v = &s->values[i];
        bool confirm = v->field->type == NB_FT_CONFIRM;
        nb_pdf_cell c[2] = {
            {confirm ? nb_pdf_width(p) - 70 : LABEL_W, v->field->label, 0, false, NB_AL_LEFT, 0},
            {0, v->text, 0, false, confirm ? NB_AL_CENTER : NB_AL_LEFT, 0},
        };
        nb_pdf_row(p, c, 2, 22);
    }
    nb_pdf_section_end(p);
}

/* Column widths of the items table, pt (the last takes the rest, 59):
 * each holds its header on one line inside the cell padding, and
 * 99,999,999 in the amount column. */
static const double item_w[7] = {32, 84, 132, 52, 64, 70, 0};

static void items_header(nb_pdf *p, void *ctx)
{
    (void)ctx;
    nb_pdf_cell c[7] = {
        {item_w[0], "No.", 0, false, NB_AL_CENTER, 1},
        {item_w[1], "区分", 0, false, NB_AL_CENTER, 1},
        {item_w[2], "内容 (品名・型番など)", 0, false, NB_AL_CENTER, 1},
        {item_w[3], "数量", 0, false, NB_AL_CENTER, 1},
        {item_w[4], "単価 (円)", 0, false, NB_AL_CENTER, 1},
        {item_w[5], "金額 (円)", 0, false, NB_AL_CENTER, 1},
        {item_w[6], "補助対象", 0, false, NB_AL_CENTER, 1},
    };
    nb_pdf_row(p, c, 7, 22);
}

static void items(nb_pdf *p, const nb_xdoc *d, const nb_xsection *s)
{
    char *title = xasprintf("%s (%s)", s->title, d->def->tax_basis ? d->def->tax_basis : "税込");
    nb_pdf_section_begin(p, title, 50, items_header, NULL);
    for (size_t i = 0; i < d->n_items; i++) {
        const nb_xitem *it = &d->items[i];
        char no[24], q[32], u[32], am[32];
        snprintf(no, sizeof no, "%zu", i + 1);
        if (it->quantity_ok) {
            nb_yen_format_plain(it->quantity, q, sizeof q);
            strncat(q, it->unit, sizeof q - strlen(q) - 1); /* 1台, 12か月 */
        } else {
            snprintf(q, sizeof q, "%.30s", it->quantity_text);
        }
        if (it->unit_price_ok)
            nb_yen_format_plain(it->unit_price, u, sizeof u);
        else
            snprintf(u, sizeof u, "%.30s", it->unit_price_text);
        nb_yen_format_plain(it->amount, am, sizeof am);
        nb_pdf_cell c[7] = {
            {item_w[0], no, 0, false, NB_AL_CENTER, 1},
            {item_w[1], it->category, 0, false, NB_AL_LEFT, 0},
            {item_w[2], it->description, 0, false, NB_AL_LEFT, 0},
            {item_w[3], q, 0, false, NB_AL_RIGHT, 0},
            {item_w[4], u, 0, false, NB_AL_RIGHT, 0},
            {item_w[5], am, 0, false, NB_AL_RIGHT, 1},
            {item_w[6], it->eligible ? "対象" : "対象外", 0, false, NB_AL_CENTER, 1},
        };
        nb_pdf_row(p, c, 7, 22);
    }
    if (d->n_items == 0) {
        nb_pdf_cell c[1] = {{0, "(物品・経費の入力がありません)", 0, false, NB_AL_CENTER, 1}};
        nb_pdf_row(p, c, 1, 22);
    }
    char total[32];
    nb_yen_format_plain(d->sub.total, total, sizeof total);
    double before = item_w[0] + item_w[1] + item_w[2] + item_w[3] + item_w[4];
    nb_pdf_cell c[3] = {
        {before, "合計", 0, false, NB_AL_CENTER, 1},
        {item_w[5], total, 0, false, NB_AL_RIGHT, 1},
        {0, "", 0, false, NB_AL_LEFT, 1},
    };
    nb_pdf_row(p, c, 3, 22);
    nb_pdf_section_end(p);
    free(title);
    for (size_t i = 0; i < d->n_items; i++) {
        if (d->items[i].eligible)
            continue;
        char *t = xasprintf("※ No.%zu は補助の対象外です: %s", i + 1, d->items[i].reason);
        p->y += 2;
        nb_pdf_para(p, t, 0, false, NB_AL_LEFT, 0, 0);
        free(t);
    }
}

static void amounts(nb_pdf *p, const nb_xdoc *d, const nb_xsection *s)
{
    /* the heading and the whole block stay together on one page */
    nb_pdf_section_begin(p, s->title, (NB_XA_COUNT - 1) * 26 + 36, NULL, NULL);
    for (int k = 0; k < NB_XA_COUNT; k++) {
        bool strong = k == NB_XA_SUBSIDY;
        char *label = xasprintf("%s (%s)", nb_xamount_label((nb_xamount)k),
                                nb_xamount_letter((nb_xamount)k));
        char value[32], rule[256];
        nb_yen_format(nb_xamount_value(d, (nb_xamount)k), value, sizeof value);
        nb_xamount_rule(d, (nb_xamount)k, rule, sizeof rule);
        double top = p->y;
        nb_pdf_cell c[3] = {
            {LABEL_W, label, strong ? 14 : 0, strong, NB_AL_LEFT, 0},
            {AMOUNT_W, value, NB_PDF_AMOUNT, NB_FACE_FIGURES, NB_AL_RIGHT, 1},
            {0, rule, 0, false, NB_AL_LEFT, 0},
        };
        nb_pdf_row(p, c, 3, strong ? 34 : 26);
        if (strong) /* the answer the prefecture wants: a heavy box */
            nb_pdf_rect(p, p->left, top, LABEL_W + AMOUNT_W, p->y - top, 2.5);
        free(label);
    }
    nb_pdf_section_end(p);
}

static void pccheck_header(nb_pdf *p, void *ctx)
{
    (void)ctx;
    nb_pdf_cell hd[3] = {{LABEL_W, "確認項目", 0, false, NB_AL_CENTER, 1},
                         {80, "結果", 0, false, NB_AL_CENTER, 1},
                         {0, "測定値", 0, false, NB_AL_CENTER, 1}};
    nb_pdf_row(p, hd, 3, 22);
}

static void pccheck(nb_pdf *p, const nb_xdoc *d, const nb_xsection *s)
{
    nb_pdf_section_begin(p, s->title, 50, NULL, NULL);
    nb_pdf_cell a[2] = {{LABEL_W, "確認日時", 0, false, NB_AL_LEFT, 1},
                        {0, d->pc_present ? d->pc_checked_at : "未実施", 0, false, NB_AL_LEFT, 0}};
    nb_pdf_row(p, a, 2, 22);
    if (*d->pc_platform) {
        nb_pdf_cell pc[2] = {{LABEL_W, "確認したPC", 0, false, NB_AL_LEFT, 1},
                             {0, d->pc_platform, 0, false, NB_AL_LEFT, 0}};
        nb_pdf_row(p, pc, 2, 22);
    }
    nb_pdf_cell b[2] = {{LABEL_W, "結果", 0, false, NB_AL_LEFT, 1}, {0, d->pc_overall, 0, false, NB_AL_LEFT, 0}};
    nb_pdf_row(p, b, 2, 22);
    if (d->n_checks) {
        pccheck_header(p, NULL);
        p->repeat = pccheck_header; /* the table of checks goes on under its header */
    }
    for (size_t i = 0; i < d->n_checks; i++) {
        nb_pdf_cell c[3] = {
            {LABEL_W, d->checks[i].title, 0, false, NB_AL_LEFT, 0},
            {80, d->checks[i].status_label, 0, false, NB_AL_CENTER, 1},
            {0, d->checks[i].measured, 0, false, NB_AL_LEFT, 0},
        };
        nb_pdf_row(p, c, 3, 22);
    }
    nb_pdf_section_end(p);
}

static void mark_box(nb_pdf *p, const char *text)
{
    p->y += 4;
    double top = p->y;
    p->y += 4;
    nb_pdf_para(p, text, 12, true, NB_AL_CENTER, 2, 4);
    nb_pdf_rect(p, p->left, top, nb_pdf_width(p), p->y - top, NB_PDF_FRAME);
}

/* The blocks at the top of the form's first page, each drawn from p->y
 * down (a block beside another, such as a QR code, narrows the summary
 * box through its width). */
static void title_block(nb_pdf *p, const nb_xdoc *d)
{
    if (*d->form_number) /* the 様式 identifier top left, when the definition gives one */
        nb_pdf_para(p, d->form_number, 0, false, NB_AL_LEFT, 1, 2);
    nb_pdf_para(p, d->title, 16, true, NB_AL_CENTER, 2, 8);
    char *to = xstrdup(d->addressee);
    char *made = xasprintf("提出日 %s", d->made_on);
    double w = nb_pdf_width(p);
    double h = nb_pdf_text(p, p->left, p->y, w * 0.65, to, 0, false, NB_AL_LEFT, 2);
    double h2 = nb_pdf_text(p, p->left + w * 0.65, p->y, w * 0.35, made, 0, false, NB_AL_RIGHT, 1);
    p->y += (h > h2 ? h : h2) + 2;
    free(to);
    free(made);
}

static void marks_block(nb_pdf *p, const nb_xdoc *d)
{
    if (d->draft)
        mark_box(p, "下書き: 回答に問題が残っています。このままでは提出できません。");
    if (d->late) {
        char day[32];
        nb_date_wareki(d->def->deadline, day, sizeof day);
        char *t = xasprintf("期限後: 提出期限 (%s%s) を過ぎています。", day,
                            d->def->deadline_must_arrive ? " 必着" : "");
        mark_box(p, t);
        free(t);
    }
}

/* What the receiver must read even from a bad fax, large: who sent it,
 * the institution code, the amount, and whom to call. */
static void summary_box(nb_pdf *p, const nb_xdoc *d, double width)
{
    char subsidy[32];
    nb_yen_format(d->sub.subsidy, subsidy, sizeof subsidy);
    char *who = xasprintf("%s %s", nb_xdoc_text(d, "contact_department"), nb_xdoc_text(d, "contact_name"));
    const struct {
        const char *label, *value;
        double size;
        nb_pdf_face face;
    } rows[] = {
        {"医療機関名", nb_xdoc_text(d, "institution_name"), 16, NB_FACE_BOLD},
        {"保険医療機関コード", nb_xdoc_text(d, "institution_code"), 16, NB_FACE_FIGURES},
        {"補助所要額", subsidy, 20, NB_FACE_FIGURES},
        {"担当者", who, 14, NB_FACE_REGULAR},
        {"電話", nb_xdoc_text(d, "phone"), 14, NB_FACE_FIGURES},
    };
    p->y += 8;
    double top = p->y;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        nb_pdf_cell c[2] = {
            {LABEL_W, rows[i].label, 12, true, NB_AL_LEFT, 0},
            {width - LABEL_W, rows[i].value, rows[i].size, rows[i].face, NB_AL_LEFT, 4},
        };
        nb_pdf_row(p, c, 2, rows[i].size * 2);
    }
    nb_pdf_rect(p, p->left, top, width, p->y - top, 2.5);
    free(who);
}

static void summary_block(nb_pdf *p, const nb_xdoc *d)
{
    summary_box(p, d, nb_pdf_width(p));
}

static void (*const first_page[])(nb_pdf *p, const nb_xdoc *d) = {
    title_block,
    summary_block,
    marks_block,
};

static void form(nb_pdf *p, const nb_xdoc *d, const nb_pdf_qr *qr)
{
    nb_pdf_new_page(p);
    nb_pdf_qr_first_page(p, qr); /* keeps its room at the foot of the page */
    for (size_t i = 0; i < sizeof first_page / sizeof first_page[0]; i++)
        first_page[i](p, d);
    for (size_t i = 0; i < d->n_sections; i++) {
        const nb_xsection *s = &d->sections[i];
        switch (s->kind) {
        case NB_XS_FIELDS: fields(p, s); break;
        case NB_XS_ITEMS: items(p, d, s); break;
        case NB_XS_AMOUNTS: amounts(p, d, s); break;
        case NB_XS_PCCHECK: pccheck(p, d, s); break;
        }
    }
    nb_pdf_qr_own_page(p, qr);
}

static void document(nb_pdf *p, const nb_xdoc *d, const char *name, char *const foot[NB_PDF_FOOT_PARTS],
                     const nb_pdf_qr *qr)
{
    p->head_left = d->title;
    p->head_right = d->marks;
    p->foot_name = name;
    for (int i = 0; i < NB_PDF_FOOT_PARTS; i++)
        p->foot_parts[i] = foot[i];
    if (d->opts.fax_cover)
        nb_pdf_fax_cover(p, d);
    form(p, d, qr);
    nb_pdf_end(p);
}

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int len)
{
    nb_buf_add(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

static void metadata(cairo_surface_t *s, const nb_xdoc *d)
{
    char *author = nb_export_truncate(nb_xdoc_text(d, "institution_name"), 200);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, d->title);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, author);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, NB_PROGRAM " " NB_VERSION);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, d->def->program ? d->def->program : "");
    /* which program and definition made it: here, not on the form */
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_KEYWORDS, d->footer);
    /* Reproducible output when SOURCE_DATE_EPOCH is set. */
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        time_t t = (time_t)strtoll(sde, NULL, 10);
        struct tm tm;
        char iso[32];
        if (gmtime_r(&t, &tm) && strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ", &tm)) {
            cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, iso);
            cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, iso);
        }
    }
    free(author);
}

/* Japanese text with no unknown glyphs proves a Japanese face is
 * installed; without one every kanji would print as an empty box. */
static bool japanese_font_present(nb_pdf *p)
{
    /* bold may be found in another face than regular (pdf_layout.c) */
    return nb_pdf_has_glyphs(p, "所要額調査票 補助", NB_FACE_REGULAR) &&
           nb_pdf_has_glyphs(p, "所要額調査票 補助", NB_FACE_BOLD);
}

/* What the pages are drawn from, made once however many times they are
 * drawn. */
typedef struct {
    nb_xdoc *d;
    nb_pdf_qr *qr;
    char *name;                     /* for the footer, maybe shortened */
    char *foot[NB_PDF_FOOT_PARTS];  /* the footer's other parts */
} contents;

static void contents_make(contents *f, const nb_definition *def, const nb_answers *a, const nb_export_opts *o)
{
    memset(f, 0, sizeof *f);
    f->d = nb_xdoc_new(def, a, o);
    f->qr = nb_pdf_qr_new(f->d);
    /* the footer: the name (a "…" that pdftotext sees when very long),
     * then the parts after it, the most needed first */
    f->name = nb_export_truncate(nb_xdoc_text(f->d, "institution_name"), 30);
    const char *code = nb_xdoc_text(f->d, "institution_code"), *tel = nb_xdoc_text(f->d, "phone"),
               *fax = nb_xdoc_text(f->d, "fax");
    int nf = 0;
    if (*code)
        f->foot[nf++] = xstrdup(code);
    if (*tel)
        f->foot[nf++] = xasprintf("TEL %s", tel);
    if (*fax)
        f->foot[nf++] = xasprintf("FAX %s", fax);
}

static void contents_free(contents *f)
{
    for (int i = 0; i < NB_PDF_FOOT_PARTS; i++)
        free(f->foot[i]);
    free(f->name);
    nb_pdf_qr_free(f->qr);
    nb_xdoc_free(f->d);
}

/* What one drawing of the form came to. */
typedef enum { DRAWN, NO_JAPANESE_FONT, FACES_LACK_TEXT, DRAW_FAILED } drawing;

static drawing draw_form(const contents *f, bool whole_system, nb_buf *buf)
{
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_buf, buf, NB_A4_W, NB_A4_H);
    cairo_pdf_surface_restrict_to_version(s, CAIRO_PDF_VERSION_1_5);
    cairo_t *cr = cairo_create(s);
    nb_pdf p;
    nb_pdf_init(&p, cr, whole_system);
    drawing result = DRAWN;
    if (!japanese_font_present(&p)) {
        result = whole_system ? NO_JAPANESE_FONT : FACES_LACK_TEXT;
        goto out;
    }
    metadata(s, f->d);
    /* The measuring run learns the page count (and whether the faces
     * have every character), the drawing run draws with the layouts the
     * first one made. */
    document(&p, f->d, f->name, f->foot, f->qr);
    if (p.unknown_glyphs && !whole_system) {
        result = FACES_LACK_TEXT;
        goto out;
    }
    nb_pdf_draw_run(&p);
    document(&p, f->d, f->name, f->foot, f->qr);
out:
    nb_pdf_fini(&p);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    if (result == DRAWN && (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS || buf->len == 0))
        result = DRAW_FAILED;
    cairo_surface_destroy(s);
    return result;
}

static int render(const nb_definition *def, const nb_answers *a, const nb_export_opts *o, char **out,
                  size_t *out_len, nb_error *err)
{
    /* The forms' own fonts first; text with a character they lack is
     * drawn again with every installed font (pdf_fonts.c). */
    contents f;
    contents_make(&f, def, a, o);
    nb_buf buf = {0};
    drawing r = draw_form(&f, false, &buf);
    if (r == FACES_LACK_TEXT) {
        nb_buf_release(&buf);
        r = draw_form(&f, true, &buf);
    }
    contents_free(&f);
    if (r == NO_JAPANESE_FONT) {
        nb_buf_release(&buf);
        nb_error_set(err, "PDF に使う日本語フォントが見つかりません。fonts-ipaexfont-gothic (IPAexゴシック) を"
                          "インストールしてから、もう一度お試しください。");
        return -1;
    }
    if (r != DRAWN) {
        nb_buf_release(&buf);
        nb_error_set(err, "PDF を作れませんでした (描画に失敗しました)。空き容量と日本語フォント (fonts-ipaexfont-gothic) を確かめてください。");
        return -1;
    }
    *out = buf.data;
    *out_len = buf.len;
    return 0;
}

/* Everything a PDF is made from (doc_memo.h): besides the definition, the
 * answers and SOURCE_DATE_EPOCH, the options draft, fax_cover, no_qr and
 * the day. A field that changes the PDF goes in here too (export.h). */
static char *memo_key(const nb_definition *def, const nb_answers *a, const nb_export_opts *o)
{
    char options[96];
    snprintf(options, sizeof options, "%d %d %d %d-%d-%d", o->draft, o->fax_cover, o->no_qr, o->today.y,
             o->today.m, o->today.d);
    return nb_doc_memo_key(def, a, options);
}

/* The last PDF made, kept for the life of the process. */
static nb_doc_memo last;

int nb_export_pdf_buf(const nb_definition *def, const nb_answers *a, const nb_export_opts *o,
                      char **out, size_t *out_len, nb_error *err)
{
    char *key = memo_key(def, a, o);
    if (nb_doc_memo_has(&last, key)) {
        free(key);
        *out = nb_doc_memo_copy(&last, out_len);
        return 0;
    }
    if (render(def, a, o, out, out_len, err) != 0) {
        free(key);
        return -1;
    }
    char *kept = xmalloc(*out_len ? *out_len : 1);
    memcpy(kept, *out, *out_len);
    nb_doc_memo_keep(&last, key, kept, *out_len);
    return 0;
}

int nb_export_pdf(const nb_definition *def, const nb_answers *a, const nb_export_opts *o,
                  const char *path, nb_error *err)
{
    char *data;
    size_t len;
    nb_error inner = {{0}};
    if (nb_export_pdf_buf(def, a, o, &data, &len, &inner) != 0) {
        nb_error_set(err, "「%s」を書き出せませんでした。%s", path, inner.msg);
        return -1;
    }
    int rc = nb_export_write(path, data, len, err);
    free(data);
    return rc;
}
