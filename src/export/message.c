/* The e-mail to the prefecture: gathers the survey's values (subject,
 * names, amounts, the workbook and the answers JSON) and hands them to the
 * pure MIME assembler in mime.c. One builder for `export --eml`, `send`
 * and the TUI, so the three can never drift apart.
 *
 * The body restates who sends what and the amounts in plain text, because
 * prefectural mail passes through メール無害化, which may strip or rebuild
 * attachments: the content must survive in the text. */
#include "nanbyo/message.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>
#include "export_model.h"
#include "nanbyo/buf.h"
#include "nanbyo/atomic_file.h"
#include "nanbyo/mime.h"
#include "nanbyo/survey.h"
#include "nanbyo/version.h"
#include "nanbyo/xalloc.h"
#include "nanbyo/yen.h"

/* An answer made safe for one line of the body or a header ("" when absent). */
static char *answer(const nb_answers *a, const char *id)
{
    char *raw = nb_answers_get(a, id);
    char *clean = nb_mime_sanitize(raw);
    free(raw);
    return clean;
}

static void amount_line(nb_buf *b, const char *label, int64_t v)
{
    char buf[32];
    nb_yen_format(v, buf, sizeof buf);
    nb_buf_addf(b, "  %s: %s\r\n", label, buf);
}

static bool is_late(const nb_definition *def, const nb_export_opts *eo)
{
    nb_date today = eo ? eo->today : nb_today();
    if (!nb_date_is_valid(today))
        today = nb_today();
    return nb_deadline_passed(def, today, NULL);
}

char *nb_message_body(const nb_definition *def, const nb_answers *a, const nb_export_opts *eo)
{
    nb_buf b = {0};
    bool draft = eo && eo->draft;
    char deadline[48];
    nb_date_wareki(def->deadline, deadline, sizeof deadline);
    if (draft)
        nb_buf_adds(&b, "【下書き】この調査票には確認で見つかった問題が残っています。内容を確認中の下書きとしてお送りします。\r\n");
    if (is_late(def, eo))
        nb_buf_addf(&b, "【期限後】提出期限 (%s%s) を過ぎてからの提出です。\r\n", deadline,
                    def->deadline_must_arrive ? "必着" : "");
    if (draft || is_late(def, eo))
        nb_buf_adds(&b, "\r\n");

    char *inst = answer(a, "institution_name");
    char *dept = answer(a, "contact_department");
    char *person = answer(a, "contact_name");
    nb_buf_addf(&b, "%s%s%s 御中\r\n", def->authority, def->department, def->section);
    if (def->contact && *def->contact)
        nb_buf_addf(&b, "%s 様\r\n", def->contact);
    nb_buf_adds(&b, "\r\n");
    /* a clinic's letter: greeting, who writes, what is attached, thanks */
    nb_buf_adds(&b, "いつもお世話になっております。\r\n");
    /* 「〇〇クリニック 医事課の山﨑と申します。」 */
    nb_buf_addf(&b, "%s%s%s%s%s%s\r\n", *inst ? inst : "(医療機関名 未記入)", *dept ? " " : "", dept,
                *person ? "の" : "", person, *person ? "と申します。" : "です。");
    nb_buf_addf(&b, "%sの回答を、調査票 (Excel)、回答データ (JSON)、印刷用の PDF の3つのファイルにしてお送りします。\r\n",
                def->stage && *def->stage ? def->stage : "調査");
    nb_buf_adds(&b, "ご査収のほど、よろしくお願いいたします。\r\n\r\n");

    char *code = answer(a, "institution_code");
    nb_subsidy s;
    memset(&s, 0, sizeof s);
    nb_survey_derive(def, a, &s);
    nb_buf_addf(&b, "【金額 (%s)】\r\n", def->tax_basis && *def->tax_basis ? def->tax_basis : "円");
    amount_line(&b, "総事業費 (A)", s.total);
    amount_line(&b, "寄付金その他の収入額 (B)", s.other_income);
    amount_line(&b, "差引額 (C)", s.net);
    amount_line(&b, "対象経費の実支出予定額 (D)", s.eligible);
    amount_line(&b, "基準額 (E)", s.base);
    amount_line(&b, "選定額 (F)", s.selected);
    amount_line(&b, "補助所要額 (G)", s.subsidy);
    nb_buf_addf(&b, "  (補助所要額は「%s」で決まりました。物品・経費は%zu件です。)\r\n\r\n",
                nb_binding_label(s.binding), nb_answers_item_count(a));

    /* the PC check in the same words as the xlsx, PDF and CSV */
    nb_xdoc *d = nb_xdoc_new(def, a, eo);
    nb_buf_addf(&b, "【PC の要件確認】\r\n  結果: %s%s%s\r\n", d->pc_overall,
                d->pc_present ? " / 確認日時: " : "", d->pc_present ? d->pc_checked_at : "");
    if (*d->pc_platform) /* a result from the registration PC names it */
        nb_buf_addf(&b, "  確認したPC: %s\r\n", d->pc_platform);
    nb_buf_adds(&b, "\r\n");
    nb_xdoc_free(d);

    char *phone = answer(a, "phone");
    char *fax = answer(a, "fax");
    char *mail = answer(a, "email");
    nb_buf_adds(&b, "--\r\n");
    nb_buf_addf(&b, "%s%s%s%s\r\n", *inst ? inst : "(医療機関名 未記入)", *code ? " (保険医療機関コード " : "",
                code, *code ? ")" : "");
    if (*dept || *person)
        nb_buf_addf(&b, "%s%s%s\r\n", dept, *dept && *person ? " " : "", person);
    nb_buf_addf(&b, "電話 %s%s%s\r\n", *phone ? phone : "(未記入)", *fax ? " / FAX " : "", fax);
    nb_buf_addf(&b, "メール %s\r\n", *mail ? mail : "(未記入)");

    free(inst); free(dept); free(person); free(code);
    free(phone); free(fax); free(mail);
    return nb_buf_detach(&b, NULL);
}

/* Replace a trailing ".xlsx" (any case) with ext, or append ext. */
static char *with_ext(const char *name, const char *ext)
{
    size_t n = strlen(name);
    if (n >= 5 && strcasecmp(name + n - 5, ".xlsx") == 0)
        n -= 5;
    char *out = xmalloc(n + strlen(ext) + 1);
    memcpy(out, name, n);
    strcpy(out + n, ext);
    return out;
}

/* The ASCII file name for mail clients without RFC 2231: the
 * definition's (shoyogaku-chosa.xlsx) with the institution code before
 * the extension, so a hundred clinics' attachments never share one name:
 * shoyogaku-chosa-3510100013.xlsx. Only letters, digits and '-' of the
 * code are used. */
static char *ascii_name(const nb_definition *def, const nb_answers *a)
{
    const char *base = def->attachment_ascii && *def->attachment_ascii ? def->attachment_ascii
                                                                        : "shoyogaku-chosa.xlsx";
    char *code = nb_answers_get(a, "institution_code");
    char safe[32];
    size_t n = 0;
    for (const char *c = code ? code : ""; *c && n + 1 < sizeof safe; c++)
        if ((*c >= '0' && *c <= '9') || (*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') || *c == '-')
            safe[n++] = *c;
    safe[n] = '\0';
    free(code);
    char *stem = with_ext(base, "");
    char *name = n ? xasprintf("%s-%s.xlsx", stem, safe) : xasprintf("%s.xlsx", stem);
    free(stem);
    return name;
}

/* "<32 hex digits@domain of From>": 128 random bits, unique enough. */
static char *new_message_id(const char *from)
{
    unsigned char r[16];
    if (getrandom(r, sizeof r, 0) != (ssize_t)sizeof r) {
        /* Only on a kernel without getrandom: time and pid still differ. */
        unsigned long seed = (unsigned long)time(NULL) ^ (unsigned long)getpid() << 16;
        for (size_t i = 0; i < sizeof r; i++) {
            seed = seed * 6364136223846793005UL + 1442695040888963407UL;
            r[i] = (unsigned char)(seed >> 33);
        }
    }
    char hex[33];
    for (size_t i = 0; i < sizeof r; i++)
        snprintf(hex + 2 * i, 3, "%02x", r[i]);
    const char *domain = nb_mime_addr_domain(from);
    nb_buf b = {0};
    nb_buf_addf(&b, "<%s@%s>", hex, domain ? domain : "nanbyo-survey.invalid");
    return nb_buf_detach(&b, NULL);
}

/* A value for an error message: sanitised and cut short. */
static char *shown(const char *s)
{
    char *c = nb_mime_sanitize(s);
    if (strlen(c) > 80) {
        size_t cut = 80;
        while (cut > 0 && ((unsigned char)c[cut] & 0xc0) == 0x80)
            cut--;
        strcpy(c + cut, "...");
    }
    return c;
}

void nb_message_info_free(nb_message_info *info)
{
    if (!info)
        return;
    free(info->from); free(info->to); free(info->subject);
    free(info->xlsx_name); free(info->xlsx_ascii); free(info->json_name); free(info->json_ascii);
    free(info->pdf_name); free(info->pdf_ascii);
    memset(info, 0, sizeof *info);
}

/* Refuse a From or To that is not a plain address. The raw value is
 * checked, not only the cleaned one: an address with a control character
 * in it is refused, never quietly repaired. */
static bool addresses_ok(const nb_definition *def, const nb_answers *a, const nb_message_opts *mo, nb_error *err)
{
    char *answers_from = mo->from ? NULL : nb_answers_get(a, "email");
    const char *raw_from = mo->from ? mo->from : answers_from;
    const char *raw_to = mo->to ? mo->to : def->email_to;
    char *s = NULL;
    if (!nb_mime_addr_ok(raw_from)) {
        s = shown(raw_from);
        nb_error_set(err, "差出人のメールアドレス「%s」はメールに使えない形です。%sを name@example.jp の形で直してください。",
                     s, mo->from ? "--from の値" : "回答の「メールアドレス」(email)");
    } else if (!nb_mime_addr_ok(raw_to)) {
        s = shown(raw_to);
        nb_error_set(err, "宛先のメールアドレス「%s」はメールに使えない形です。%sを確認してください。", s,
                     mo->to ? "--to の値" : "調査定義の submission.email.to");
    }
    bool ok = s == NULL;
    free(s);
    free(answers_from);
    return ok;
}

/* The two documents a message carries, built before anything else so
 * that a failure leaves nothing half made. */
typedef struct {
    char *xlsx, *pdf;
    size_t xlsx_len, pdf_len;
} documents;

/* The message around the documents, addresses already checked. */
static char *assemble(const nb_definition *def, const nb_answers *a, const nb_export_opts *eo,
                      const nb_message_extra *extra, const char *from, const char *to, const documents *doc,
                      size_t *len, nb_message_info *info, nb_error *err)
{
    char *json;
    size_t json_len;
    if (extra->answers_json) {
        json_len = extra->answers_json_len;
        json = xstrndup(extra->answers_json, json_len);
    } else {
        /* saved_at as loaded, so export --eml and send of the same answers agree */
        json = nb_answers_dump(a);
        json_len = json ? strlen(json) : 0;
    }

    char *subject = nb_survey_subject(def, a);
    char *xlsx_name = nb_survey_attachment_name(def, a);
    char *json_name = with_ext(xlsx_name, ".json");
    char *ascii = ascii_name(def, a);
    char *json_ascii = with_ext(ascii, ".json");
    char *pdf_name = with_ext(xlsx_name, ".pdf");
    char *pdf_ascii = with_ext(ascii, ".pdf");
    char *inst = answer(a, "institution_name");
    char *person = answer(a, "contact_name");
    /* The display name must fit one encoded word after "From: " (42 bytes): decoders
     * differ on the space between two words in a phrase (Python's email
     * package adds one), and a name is not worth that. Longer names are
     * left out; the body names the sender in full. */
    nb_buf nb = {0};
    nb_buf_addf(&nb, "%s%s%s", inst, *inst && *person ? " " : "", person);
    char *from_name = nb_buf_detach(&nb, NULL);
    if (strlen(from_name) > 42) { /* the institution alone, cut at a character if need be */
        size_t cut = strlen(inst) <= 42 ? strlen(inst) : 39;
        while (cut > 0 && ((unsigned char)inst[cut] & 0xc0) == 0x80)
            cut--;
        snprintf(from_name, strlen(from_name) + 1, "%.*s%s", (int)cut, inst, cut < strlen(inst) ? "…" : "");
    }
    char *body = nb_message_body(def, a, eo);

    time_t t = extra->date ? extra->date : time(NULL);
    char date[32];
    nb_mime_date(t, date, sizeof date);
    char *mid = extra->message_id ? xstrdup(extra->message_id) : new_message_id(from);

    nb_mime_part parts[4] = {
        {"text/plain; charset=UTF-8", NULL, NULL, body, strlen(body)},
        {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx_name, ascii, doc->xlsx,
         doc->xlsx_len},
        {"application/json; charset=UTF-8", json_name, json_ascii, json ? json : "", json_len},
        {"application/pdf", pdf_name, pdf_ascii, doc->pdf, doc->pdf_len},
    };
    char mailer[64];
    snprintf(mailer, sizeof mailer, "%s %s", NB_PROGRAM, NB_VERSION);
    nb_mime_message m = {
        .from_name = from_name, .from_addr = from, .to_addr = to, .subject = subject,
        .date = date, .message_id = mid, .mailer = mailer, .parts = parts, .n_parts = 4,
    };
    char *msg = nb_mime_assemble(&m, len);
    if (!msg)
        nb_error_set(err, "メールを組み立てられませんでした。Message-ID「%s」の形を確認してください。", mid ? mid : "");
    if (msg && info) {
        info->from = xstrdup(from);
        info->to = xstrdup(to);
        info->subject = nb_mime_sanitize(subject);
        info->xlsx_name = nb_mime_sanitize(xlsx_name);
        info->xlsx_ascii = xstrdup(ascii);
        info->xlsx_size = doc->xlsx_len;
        info->json_name = nb_mime_sanitize(json_name);
        info->json_ascii = xstrdup(json_ascii);
        info->json_size = json_len;
        info->pdf_name = nb_mime_sanitize(pdf_name);
        info->pdf_ascii = xstrdup(pdf_ascii);
        info->pdf_size = doc->pdf_len;
        info->draft = eo && eo->draft;
        info->late = is_late(def, eo);
    }
    free(json); free(subject); free(xlsx_name); free(json_name); free(json_ascii); free(ascii);
    free(pdf_name); free(pdf_ascii); free(inst); free(person); free(from_name); free(body); free(mid);
    return msg;
}

char *nb_message_build_info(const nb_definition *def, const nb_answers *a, const nb_export_opts *eo,
                            const nb_message_opts *mo, const nb_message_extra *extra, size_t *len,
                            nb_message_info *info, nb_error *err)
{
    nb_message_opts none = {NULL, NULL};
    nb_message_extra no_extra;
    memset(&no_extra, 0, sizeof no_extra);
    if (!mo)
        mo = &none;
    if (!extra)
        extra = &no_extra;
    if (info)
        memset(info, 0, sizeof *info);

    char *msg = NULL;
    documents doc = {NULL, NULL, 0, 0};
    char *from = mo->from ? nb_mime_sanitize(mo->from) : answer(a, "email");
    char *to = nb_mime_sanitize(mo->to ? mo->to : def->email_to);
    if (!*from) {
        nb_error_set(err, "差出人のメールアドレスがありません。回答の「メールアドレス」(email) を入力するか、--from で指定してください。");
        goto out;
    }
    if (!addresses_ok(def, a, mo, err))
        goto out;
    /* the PDF too: what the xlsx refers to for the measured values, and
     * what a reader prints */
    if (nb_export_xlsx_buf(def, a, eo, &doc.xlsx, &doc.xlsx_len, err) != 0 ||
        nb_export_pdf_buf(def, a, eo, &doc.pdf, &doc.pdf_len, err) != 0)
        goto out;
    msg = assemble(def, a, eo, extra, from, to, &doc, len, info, err);
out:
    free(from);
    free(to);
    free(doc.xlsx);
    free(doc.pdf);
    return msg;
}

char *nb_message_build(const nb_definition *def, const nb_answers *a, const nb_export_opts *eo,
                       const nb_message_opts *mo, size_t *len, nb_error *err)
{
    return nb_message_build_info(def, a, eo, mo, NULL, len, NULL, err);
}
