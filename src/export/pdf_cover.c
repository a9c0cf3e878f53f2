/* The FAX送付状 (cover sheet), laid out the way Japanese offices expect:
 * date top right, the addressee with 御中 and its FAX/TEL top left, the
 * sender below, 件名, 送信枚数 including this page, a short message and a
 * request to phone if pages are missing or the fax went astray. Medical
 * offices treat the cover as required, because a misdialled fax must
 * tell the receiver whose document it is. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nanbyo/survey.h"
#include "nanbyo/xalloc.h"
#include "pdf_form.h"

static void kv_row(nb_pdf *p, const char *k, const char *v, double size, int max_lines)
{
    nb_pdf_cell c[2] = {{90, k, 0, false, NB_AL_LEFT, 1}, {0, v, size, false, NB_AL_LEFT, max_lines}};
    nb_pdf_row(p, c, 2, 24);
}

void nb_pdf_fax_cover(nb_pdf *p, const nb_xdoc *d)
{
    const nb_definition *def = d->def;
    nb_pdf_new_page(p);
    double w = nb_pdf_width(p);
    nb_pdf_para(p, d->made_on, 0, false, NB_AL_RIGHT, 1, 6);
    nb_pdf_para(p, "FAX 送付状", 20, true, NB_AL_CENTER, 1, 14);

    /* To */
    char *to = xstrdup(d->addressee);
    nb_pdf_para(p, to, 14, true, NB_AL_LEFT, 2, 4);
    free(to);
    char *tofax = xasprintf("FAX %s    TEL %s", def->fax ? def->fax : "", def->phone ? def->phone : "");
    nb_pdf_para(p, tofax, 12, false, NB_AL_LEFT, 1, 2);
    free(tofax);
    if (def->contact && *def->contact) {
        char *who = xasprintf("担当 %s 様", def->contact);
        nb_pdf_para(p, who, 0, false, NB_AL_LEFT, 1, 0);
        free(who);
    }
    p->y += 14;

    /* From */
    nb_pdf_para(p, "発信元", 12, true, NB_AL_LEFT, 1, 3);
    nb_pdf_frame_begin(p);
    kv_row(p, "医療機関名", nb_xdoc_text(d, "institution_name"), 14, 3);
    char *who = xasprintf("%s %s", nb_xdoc_text(d, "contact_department"), nb_xdoc_text(d, "contact_name"));
    kv_row(p, "担当者", who, 0, 2);
    free(who);
    char *addr = xasprintf("〒%s %s", nb_xdoc_text(d, "postal_code"), nb_xdoc_text(d, "address"));
    kv_row(p, "所在地", addr, 0, 3);
    free(addr);
    kv_row(p, "電話番号", nb_xdoc_text(d, "phone"), 12, 1);
    kv_row(p, "FAX番号", nb_xdoc_text(d, "fax"), 12, 1);
    kv_row(p, "メール", nb_xdoc_text(d, "email"), 0, 2);
    nb_pdf_frame_end(p);
    p->y += 14;

    /* What */
    nb_pdf_frame_begin(p);
    char *subject_raw = nb_survey_subject(def, d->answers);
    char *subject = nb_export_clean(subject_raw, false);
    free(subject_raw);
    kv_row(p, "件名", subject, 12, 3);
    free(subject);
    char count[64];
    if (p->pages > 0)
        snprintf(count, sizeof count, "%d 枚 (本紙を含む)", p->pages);
    else
        snprintf(count, sizeof count, "- 枚 (本紙を含む)");
    kv_row(p, "送信枚数", count, 14, 1);
    nb_pdf_frame_end(p);
    p->y += 14;

    nb_pdf_para(p, "通信欄", 12, true, NB_AL_LEFT, 1, 3);
    double top = p->y;
    p->y += 8;
    char *msg = xasprintf("いつもお世話になっております。%sを送付いたします。ご査収のほど、よろしくお願いいたします。",
                          def->stage && *def->stage ? def->stage : "調査票");
    double x = p->left + 8;
    double h = nb_pdf_text(p, x, p->y, w - 16, msg, 0, false, NB_AL_LEFT, 4);
    free(msg);
    p->y += h + 6;
    if (*d->marks) {
        char *m = xasprintf("(この書類は「%s」です)", d->marks);
        h = nb_pdf_text(p, x, p->y, w - 16, m, 12, true, NB_AL_LEFT, 2);
        p->y += h + 6;
        free(m);
    }
    if (p->y < top + 110)
        p->y = top + 110;
    nb_pdf_rect(p, p->left, top, w, p->y - top, NB_PDF_FRAME);
    p->y += 10;
    char *note = xasprintf("※ 枚数が足りない場合や、このFAXが誤って届いた場合は、お手数ですが発信元 (電話 %s) までご連絡ください。",
                           nb_xdoc_text(d, "phone"));
    nb_pdf_para(p, note, 0, false, NB_AL_LEFT, 3, 0);
    free(note);
}
