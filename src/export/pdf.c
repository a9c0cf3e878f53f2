/* The 調査票 as an A4 PDF for posting or faxing (cairo + pango). The same
 * sections as the xlsx, drawn as ruled boxes in black on white with a
 * gothic face: IPAexGothic, embedded as a TrueType subset (bold is drawn
 * by outlining the same glyphs, see pdf_layout.c). Pages carry "n/N", the institution
 * name and code and its TEL/FAX, so a separated fax page is identifiable. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cairo-pdf.h>
#include "export_model.h"
#include "nanbyo/atomic_file.h"
#include "nanbyo/export.h"
#include "nanbyo/survey.h"
#include "nanbyo/version.h"
#include "nanbyo/yen.h"
#include "pdf_form.h"
#include "pdf_layout.h"
#include "pdf_qr.h"

#define LABEL_W 170.0

static void heading(nb_pdf *p, const char *title)
{
    p->y += 8;
    double h = nb_pdf_text_height(p, title, 12, true, nb_pdf_width(p), 2);
    nb_pdf_need(p, h + 28); /* keep a heading with its first row */
    nb_pdf_text(p, p->left, p->y, nb_pdf_width(p), title, 12, true, NB_AL_LEFT, 2);
    p->y += h + 3;
}

static void fields(nb_pdf *p, const nb_xsection *s)
{
    heading(p, s->title);
    nb_pdf_frame_begin(p);
    for (size_t i = 0; i < s->n_values; i++) {
        const nb_xvalue *v = &s->values[i];
        bool confirm = v->field->type == NB_FT_CONFIRM;
        bool multi = v->field->type == NB_FT_MULTILINE;
        nb_pdf_cell c[2] = {
            {confirm ? nb_pdf_width(p) - 70 : LABEL_W, v->field->label, 0, false, NB_AL_LEFT, 3},
            {0, v->text, 0, false, confirm ? NB_AL_CENTER : NB_AL_LEFT, multi ? 14 : 5},
        };
        nb_pdf_row(p, c, 2, 20);
    }
    nb_pdf_frame_end(p);
}

/* Column widths of the items table, pt (the last takes the rest). */
static const double item_w[7] = {24, 100, 152, 36, 62, 66, 0};

static void items_header(nb_pdf *p, void *ctx)
{
    if (ctx) { /* continued on a new page */
        char *t = nb_export_strf("%s (続き)", (const char *)ctx);
        nb_pdf_para(p, t, 12, true, NB_AL_LEFT, 1, 3);
        free(t);
        if (p->frame_top >= 0)
            p->frame_top = p->y; /* the frame starts below the heading */
    }
    nb_pdf_cell c[7] = {
        {item_w[0], "No.", NB_PDF_SMALL, false, NB_AL_CENTER, 1},
        {item_w[1], "区分", 0, false, NB_AL_CENTER, 1},
        {item_w[2], "内容 (品名・型番など)", 0, false, NB_AL_CENTER, 1},
        {item_w[3], "数量", 0, false, NB_AL_CENTER, 1},
        {item_w[4], "単価 (円)", 0, false, NB_AL_CENTER, 1},
        {item_w[5], "金額 (円)", 0, false, NB_AL_CENTER, 1},
        {item_w[6], "補助対象", 0, false, NB_AL_CENTER, 1},
    };
    nb_pdf_row(p, c, 7, 20);
}

static void items(nb_pdf *p, const nb_xdoc *d, const nb_xsection *s)
{
    char *title = nb_export_strf("%s (%s)", s->title, d->def->tax_basis ? d->def->tax_basis : "税込");
    heading(p, title);
    nb_pdf_frame_begin(p);
    items_header(p, NULL);
    p->repeat = items_header;
    p->repeat_ctx = title;
    for (size_t i = 0; i < d->n_items; i++) {
        const nb_xitem *it = &d->items[i];
        char no[24], q[32], u[32], am[32];
        snprintf(no, sizeof no, "%zu", i + 1);
        if (it->quantity_ok)
            nb_yen_format_plain(it->quantity, q, sizeof q);
        else
            snprintf(q, sizeof q, "%.30s", it->quantity_text);
        if (it->unit_price_ok)
            nb_yen_format_plain(it->unit_price, u, sizeof u);
        else
            snprintf(u, sizeof u, "%.30s", it->unit_price_text);
        nb_yen_format_plain(it->amount, am, sizeof am);
        nb_pdf_cell c[7] = {
            {item_w[0], no, 0, false, NB_AL_CENTER, 1},
            {item_w[1], it->category, 0, false, NB_AL_LEFT, 3},
            {item_w[2], it->description, 0, false, NB_AL_LEFT, 4},
            {item_w[3], q, 0, false, NB_AL_RIGHT, 1},
            {item_w[4], u, 0, false, NB_AL_RIGHT, 1},
            {item_w[5], am, 0, false, NB_AL_RIGHT, 1},
            {item_w[6], it->eligible ? "対象" : "対象外", 0, false, NB_AL_CENTER, 1},
        };
        nb_pdf_row(p, c, 7, 20);
    }
    if (d->n_items == 0) {
        nb_pdf_cell c[1] = {{0, "(物品・経費の入力がありません)", 0, false, NB_AL_CENTER, 1}};
        nb_pdf_row(p, c, 1, 20);
    }
    char total[32];
    nb_yen_format_plain(d->sub.total, total, sizeof total);
    double before = item_w[0] + item_w[1] + item_w[2] + item_w[3] + item_w[4];
    nb_pdf_cell c[3] = {
        {before, "合計", 0, false, NB_AL_CENTER, 1},
        {item_w[5], total, 0, false, NB_AL_RIGHT, 1},
        {0, "", 0, false, NB_AL_LEFT, 1},
    };
    nb_pdf_row(p, c, 3, 20);
    p->repeat = NULL;
    p->repeat_ctx = NULL;
    free(title);
    nb_pdf_frame_end(p);
    for (size_t i = 0; i < d->n_items; i++) {
        if (d->items[i].eligible)
            continue;
        char *t = nb_export_strf("※ No.%zu は補助の対象外です: %s", i + 1, d->items[i].reason);
        p->y += 2;
        nb_pdf_para(p, t, NB_PDF_SMALL, false, NB_AL_LEFT, 3, 0);
        free(t);
    }
}

static void amounts(nb_pdf *p, const nb_xdoc *d, const nb_xsection *s)
{
    /* the heading and the whole block stay together on one page */
    nb_pdf_need(p, 8 + 20 + (NB_XA_COUNT - 1) * 22 + 30 + 16);
    heading(p, s->title);
    nb_pdf_frame_begin(p);
    for (int k = 0; k < NB_XA_COUNT; k++) {
        bool strong = k == NB_XA_SUBSIDY;
        char *label = nb_export_strf("%s (%s)", nb_xamount_label((nb_xamount)k),
                                     nb_xamount_letter((nb_xamount)k));
        char value[32], rule[256];
        nb_yen_format(nb_xamount_value(d, (nb_xamount)k), value, sizeof value);
        nb_xamount_rule(d, (nb_xamount)k, rule, sizeof rule);
        double top = p->y;
        nb_pdf_cell c[3] = {
            {190, label, strong ? 14 : 0, strong, NB_AL_LEFT, 2},
            {120, value, strong ? 14 : 0, strong, NB_AL_RIGHT, 1},
            {0, rule, NB_PDF_SMALL, false, NB_AL_LEFT, 3},
        };
        nb_pdf_row(p, c, 3, strong ? 30 : 22);
        if (strong) /* the answer the prefecture wants: a heavy box */
            nb_pdf_rect(p, p->left + 1, top + 1, 310 - 2, p->y - top - 2, 1.5);
        free(label);
    }
    nb_pdf_frame_end(p);
    if (d->sub.binding != NB_BIND_NONE) {
        char *t = nb_export_strf("※ 補助所要額は「%s」で決まりました。", nb_binding_label(d->sub.binding));
        p->y += 2;
        nb_pdf_para(p, t, NB_PDF_SMALL, false, NB_AL_LEFT, 2, 0);
        free(t);
    }
}

static void pccheck(nb_pdf *p, const nb_xdoc *d, const nb_xsection *s)
{
    heading(p, s->title);
    nb_pdf_frame_begin(p);
    nb_pdf_cell a[2] = {{LABEL_W, "確認日時", 0, false, NB_AL_LEFT, 1},
                        {0, d->pc_present ? d->pc_checked_at : "未実施", 0, false, NB_AL_LEFT, 2}};
    nb_pdf_row(p, a, 2, 20);
    nb_pdf_cell b[2] = {{LABEL_W, "結果", 0, false, NB_AL_LEFT, 1}, {0, d->pc_overall, 0, false, NB_AL_LEFT, 2}};
    nb_pdf_row(p, b, 2, 20);
    if (d->n_checks) {
        nb_pdf_cell hd[3] = {{LABEL_W, "確認項目", 0, false, NB_AL_CENTER, 1},
                             {60, "結果", 0, false, NB_AL_CENTER, 1},
                             {0, "測定値", 0, false, NB_AL_CENTER, 1}};
        nb_pdf_row(p, hd, 3, 20);
    }
    for (size_t i = 0; i < d->n_checks; i++) {
        nb_pdf_cell c[3] = {
            {LABEL_W, d->checks[i].title, 0, false, NB_AL_LEFT, 2},
            {60, d->checks[i].status_label, 0, false, NB_AL_CENTER, 1},
            {0, d->checks[i].measured, NB_PDF_SMALL, false, NB_AL_LEFT, 3},
        };
        nb_pdf_row(p, c, 3, 20);
    }
    nb_pdf_frame_end(p);
}

static void marks(nb_pdf *p, const nb_xdoc *d)
{
    if (d->draft) {
        p->y += 4;
        double top = p->y;
        p->y += 4;
        nb_pdf_para(p, "下書き: 回答に問題が残っています。このままでは提出できません。", 12, true,
                    NB_AL_CENTER, 2, 4);
        nb_pdf_rect(p, p->left, top, nb_pdf_width(p), p->y - top, 1.5);
    }
    if (d->late) {
        char day[32];
        nb_date_wareki(d->def->deadline, day, sizeof day);
        char *t = nb_export_strf("期限後: 提出期限 (%s%s) を過ぎています。", day,
                                 d->def->deadline_must_arrive ? " 必着" : "");
        p->y += 4;
        double top = p->y;
        p->y += 4;
        nb_pdf_para(p, t, 12, true, NB_AL_CENTER, 2, 4);
        nb_pdf_rect(p, p->left, top, nb_pdf_width(p), p->y - top, 1.5);
        free(t);
    }
}

static void form(nb_pdf *p, const nb_xdoc *d, const nb_pdf_qr *qr)
{
    nb_pdf_new_page(p);
    nb_pdf_qr_first_page(p, qr);
    nb_pdf_para(p, d->title, 16, true, NB_AL_CENTER, 2, 8);
    char *to = nb_export_strf("(宛先) %s", d->recipient);
    char *made = nb_export_strf("作成日 %s", d->made_on);
    double w = nb_pdf_width(p);
    double h = nb_pdf_text(p, p->left, p->y, w * 0.65, to, 0, false, NB_AL_LEFT, 2);
    double h2 = nb_pdf_text(p, p->left + w * 0.65, p->y, w * 0.35, made, 0, false, NB_AL_RIGHT, 1);
    p->y += (h > h2 ? h : h2) + 2;
    free(to);
    free(made);
    marks(p, d);
    for (size_t i = 0; i < d->n_sections; i++) {
        const nb_xsection *s = &d->sections[i];
        switch (s->kind) {
        case NB_XS_FIELDS: fields(p, s); break;
        case NB_XS_ITEMS: items(p, d, s); break;
        case NB_XS_AMOUNTS: amounts(p, d, s); break;
        case NB_XS_PCCHECK: pccheck(p, d, s); break;
        }
    }
    p->y += 10;
    nb_pdf_para(p, d->footer, NB_PDF_SMALL, false, NB_AL_RIGHT, 1, 0);
    nb_pdf_qr_own_page(p, qr);
}

static void document(nb_pdf *p, const nb_xdoc *d, const char *foot, const nb_pdf_qr *qr)
{
    p->head_left = d->title;
    p->head_right = d->marks;
    p->foot_left = foot;
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

/* A layout of Japanese text with no unknown glyphs proves a Japanese face
 * is installed; without one every kanji would print as an empty box. */
static bool japanese_font_present(void)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A8, 8, 8);
    cairo_t *cr = cairo_create(s);
    nb_pdf p;
    nb_pdf_init(&p, cr, true);
    PangoLayout *l = nb_pdf_layout(&p, "所要額調査票 補助", 0, false, 0, 1, NB_AL_LEFT);
    bool ok = pango_layout_get_unknown_glyphs_count(l) == 0;
    g_object_unref(l);
    PangoLayout *b = nb_pdf_layout(&p, "所要額調査票 補助", 0, true, 0, 1, NB_AL_LEFT);
    ok = ok && pango_layout_get_unknown_glyphs_count(b) == 0;
    g_object_unref(b);
    nb_pdf_fini(&p);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    return ok;
}

int nb_export_pdf_buf(const nb_definition *def, const nb_answers *a, const nb_export_opts *o,
                      char **out, size_t *out_len, nb_error *err)
{
    if (!japanese_font_present()) {
        nb_error_set(err, "PDF に使う日本語フォントが見つかりません。fonts-ipaexfont-gothic (IPAexゴシック) を"
                          "インストールしてから、もう一度お試しください。");
        return -1;
    }
    nb_xdoc *d = nb_xdoc_new(def, a, o);
    nb_pdf_qr *qr = nb_pdf_qr_new(d);
    char *name = nb_export_truncate(nb_xdoc_text(d, "institution_name"), 24);
    const char *code = nb_xdoc_text(d, "institution_code");
    char *foot = nb_export_strf("%s  %s  TEL %s  FAX %s", name, code, nb_xdoc_text(d, "phone"),
                                nb_xdoc_text(d, "fax"));
    free(name);
    nb_buf buf = {0};
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_buf, &buf, NB_A4_W, NB_A4_H);
    cairo_pdf_surface_restrict_to_version(s, CAIRO_PDF_VERSION_1_5);
    metadata(s, d);
    cairo_t *cr = cairo_create(s);
    nb_pdf p;
    /* Pass 1 measures to learn the page count, pass 2 draws. */
    nb_pdf_init(&p, cr, true);
    document(&p, d, foot, qr);
    int pages = p.page;
    nb_pdf_fini(&p);
    nb_pdf_init(&p, cr, false);
    p.pages = pages;
    document(&p, d, foot, qr);
    nb_pdf_fini(&p);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    cairo_status_t st = cairo_surface_status(s);
    cairo_surface_destroy(s);
    free(foot);
    nb_pdf_qr_free(qr);
    nb_xdoc_free(d);
    /* Drop pango's default font map and with it the fontconfig patterns it
     * caches: otherwise they outlive the document and show up as leaks in
     * valgrind/LeakSanitizer. The next PDF builds a new map (~80 ms). */
    pango_cairo_font_map_set_default(NULL);
    if (st != CAIRO_STATUS_SUCCESS || buf.len == 0) {
        free(buf.data);
        nb_error_set(err, "PDF を作れませんでした (描画に失敗しました)。空き容量と日本語フォント (fonts-ipaexfont-gothic) を確かめてください。");
        return -1;
    }
    *out = buf.data;
    *out_len = buf.len;
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
