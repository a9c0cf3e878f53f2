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
#include "mime_buf.h"
#include "nanbyo/atomic_file.h"
#include "nanbyo/mime.h"
#include "nanbyo/survey.h"
#include "nanbyo/version.h"
#include "nanbyo/yen.h"

/* An answer made safe for one line of the body or a header ("" when absent). */
static char *answer(const nb_answers *a, const char *id)
{
    char *raw = nb_answers_get(a, id);
    char *clean = nb_mime_sanitize(raw);
    free(raw);
    return clean;
}

/* Label of a choice answer (診療所), or the raw value when unknown. */
static char *choice_label(const nb_definition *def, const nb_answers *a, const char *id)
{
    char *v = answer(a, id);
    const nb_field *f = nb_def_field(def, id);
    const nb_choice *c = f ? nb_field_choice(f, v) : NULL;
    if (c) {
        free(v);
        return nb_mime_sanitize(c->label);
    }
    return v;
}

static void line(nb_mbuf *b, const char *label, const char *value)
{
    nb_mbuf_fmt(b, "  %s: %s\r\n", label, *value ? value : "(未記入)");
}

static void amount_line(nb_mbuf *b, const char *label, int64_t v)
{
    char buf[32];
    nb_yen_format(v, buf, sizeof buf);
    nb_mbuf_fmt(b, "  %s: %s\r\n", label, buf);
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
    nb_mbuf b = {0};
    bool draft = eo && eo->draft;
    char deadline[48];
    nb_date_wareki(def->deadline, deadline, sizeof deadline);
    if (draft)
        nb_mbuf_str(&b, "【下書き】この調査票には確認で見つかった問題が残っています。内容を確認中の下書きとしてお送りします。\r\n");
    if (is_late(def, eo))
        nb_mbuf_fmt(&b, "【期限後】提出期限 (%s%s) を過ぎてからの提出です。\r\n", deadline,
                    def->deadline_must_arrive ? "必着" : "");
    if (draft || is_late(def, eo))
        nb_mbuf_str(&b, "\r\n");

    char *inst = answer(a, "institution_name");
    char *dept = answer(a, "contact_department");
    char *person = answer(a, "contact_name");
    nb_mbuf_fmt(&b, "%s%s%s 御中\r\n", def->authority, def->department, def->section);
    if (def->contact && *def->contact)
        nb_mbuf_fmt(&b, "(ご担当: %s 様)\r\n", def->contact);
    nb_mbuf_str(&b, "\r\n");
    nb_mbuf_fmt(&b, "%s%s%s%s%s です。\r\n", *inst ? inst : "(医療機関名 未記入)", *dept ? " " : "", dept,
                *person ? " " : "", person);
    nb_mbuf_fmt(&b, "%s の%sとして、%s をお送りします。\r\n", def->program, def->stage, def->title);
    nb_mbuf_str(&b, "ご査収のほど、よろしくお願いいたします。\r\n\r\n");

    nb_mbuf_str(&b, "【医療機関】\r\n");
    line(&b, "医療機関名", inst);
    char *code = answer(a, "institution_code");
    line(&b, "医療機関コード", code);
    char *kind = choice_label(def, a, "institution_kind");
    line(&b, "種別", kind);
    char *zip = answer(a, "postal_code");
    char *addr = answer(a, "address");
    nb_mbuf_fmt(&b, "  所在地: %s%s%s%s\r\n", *zip ? "〒" : "", zip, *zip && *addr ? " " : "", *addr ? addr : (*zip ? "" : "(未記入)"));
    nb_mbuf_str(&b, "\r\n");

    nb_subsidy s;
    memset(&s, 0, sizeof s);
    nb_survey_derive(def, a, &s);
    nb_mbuf_fmt(&b, "【金額 (%s)】\r\n", def->tax_basis && *def->tax_basis ? def->tax_basis : "円");
    amount_line(&b, "総事業費", s.total);
    amount_line(&b, "寄付金その他の収入額", s.other_income);
    amount_line(&b, "差引額", s.net);
    amount_line(&b, "対象経費の実支出予定額", s.eligible);
    amount_line(&b, "基準額", s.base);
    amount_line(&b, "選定額", s.selected);
    amount_line(&b, "補助所要額", s.subsidy);
    nb_mbuf_fmt(&b, "  (補助所要額を決めたもの: %s)\r\n", nb_binding_label(s.binding));
    size_t n_items = nb_answers_item_count(a);
    if (n_items) {
        nb_mbuf_fmt(&b, "  購入予定 %zu 件:\r\n", n_items);
        for (size_t i = 0; i < n_items; i++) {
            nb_item it;
            nb_answers_item_get(a, i, &it);
            const nb_category *c = nb_def_category(def, it.category);
            char *desc = nb_mime_sanitize(it.description);
            char *cat = nb_mime_sanitize(c ? c->label : it.category);
            char price[32], amount[32];
            nb_yen_format(it.unit_price, price, sizeof price);
            nb_yen_format(nb_item_amount(&it), amount, sizeof amount);
            nb_mbuf_fmt(&b, "   %zu. [%s] %s  %s x %lld = %s%s\r\n", i + 1, cat, *desc ? desc : "(品名 未記入)",
                        price, (long long)it.quantity, amount,
                        nb_item_eligible(def, &it) ? "" : " (対象外)");
            free(desc);
            free(cat);
            nb_item_clear(&it);
        }
    }
    nb_mbuf_str(&b, "\r\n");

    char *xlsx = nb_survey_attachment_name(def, a);
    char *xlsx_clean = nb_mime_sanitize(xlsx);
    nb_mbuf_str(&b, "【添付ファイル】\r\n");
    nb_mbuf_fmt(&b, "  1. %s (調査票、Excel 形式)\r\n", xlsx_clean);
    nb_mbuf_str(&b, "  2. 回答データ (JSON 形式、上と同じ内容を機械で読める形にしたもの)\r\n\r\n");

    nb_mbuf_str(&b, "【連絡先】\r\n");
    line(&b, "担当部署", dept);
    line(&b, "担当者", person);
    char *phone = answer(a, "phone");
    char *fax = answer(a, "fax");
    char *mail = answer(a, "email");
    line(&b, "電話", phone);
    if (*fax)
        line(&b, "FAX", fax);
    line(&b, "メール", mail);
    nb_mbuf_str(&b, "\r\n");
    nb_mbuf_fmt(&b, "提出期限: %s%s\r\n", deadline, def->deadline_must_arrive ? " 必着" : "");
    nb_mbuf_str(&b, "\r\n-- \r\n");
    nb_mbuf_fmt(&b, "%s %s で作成しました (調査定義 %s)。\r\n", NB_PROGRAM, NB_VERSION, def->id);

    free(inst); free(dept); free(person); free(code); free(kind); free(zip); free(addr);
    free(xlsx); free(xlsx_clean); free(phone); free(fax); free(mail);
    return nb_mbuf_finish(&b, NULL);
}

/* Replace a trailing ".xlsx" (any case) with ext, or append ext. */
static char *with_ext(const char *name, const char *ext)
{
    size_t n = strlen(name);
    if (n >= 5 && strcasecmp(name + n - 5, ".xlsx") == 0)
        n -= 5;
    char *out = malloc(n + strlen(ext) + 1);
    if (!out)
        abort();
    memcpy(out, name, n);
    strcpy(out + n, ext);
    return out;
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
    nb_mbuf b = {0};
    nb_mbuf_fmt(&b, "<%s@%s>", hex, domain ? domain : "nanbyo-survey.invalid");
    return nb_mbuf_finish(&b, NULL);
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
    memset(info, 0, sizeof *info);
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

    char *from = mo->from ? nb_mime_sanitize(mo->from) : answer(a, "email");
    char *to = nb_mime_sanitize(mo->to ? mo->to : def->email_to);
    if (!*from) {
        nb_error_set(err, "差出人のメールアドレスがありません。回答の「メールアドレス」(email) を入力するか、--from で指定してください。");
        free(from); free(to);
        return NULL;
    }
    /* The raw value is checked, not only the cleaned one: an address with
     * a control character in it is refused, never quietly repaired. */
    const char *raw_from = mo->from;
    char *answers_from = mo->from ? NULL : nb_answers_get(a, "email");
    if (!raw_from)
        raw_from = answers_from;
    if (!nb_mime_addr_ok(raw_from)) {
        char *s = shown(raw_from);
        nb_error_set(err, "差出人のメールアドレス「%s」はメールに使えない形です。%sを name@example.jp の形で直してください。",
                     s, mo->from ? "--from の値" : "回答の「メールアドレス」(email)");
        free(s); free(from); free(to); free(answers_from);
        return NULL;
    }
    free(answers_from);
    if (!nb_mime_addr_ok(mo->to ? mo->to : def->email_to)) {
        char *s = shown(mo->to ? mo->to : def->email_to);
        nb_error_set(err, "宛先のメールアドレス「%s」はメールに使えない形です。%sを確認してください。", s,
                     mo->to ? "--to の値" : "調査定義の submission.email.to");
        free(s); free(from); free(to);
        return NULL;
    }

    size_t xlsx_len = 0;
    char *xlsx = NULL;
    if (nb_export_xlsx_buf(def, a, eo, &xlsx, &xlsx_len, err) != 0) {
        free(from); free(to);
        return NULL;
    }
    char *json;
    size_t json_len;
    if (extra->answers_json) {
        json_len = extra->answers_json_len;
        json = malloc(json_len + 1);
        if (!json)
            abort();
        memcpy(json, extra->answers_json, json_len);
        json[json_len] = '\0';
    } else {
        /* saved_at as loaded, so export --eml and send of the same answers agree */
        json = nb_answers_dump(a);
        json_len = json ? strlen(json) : 0;
    }

    char *subject = nb_survey_subject(def, a);
    char *xlsx_name = nb_survey_attachment_name(def, a);
    char *json_name = with_ext(xlsx_name, ".json");
    const char *ascii = def->attachment_ascii && *def->attachment_ascii ? def->attachment_ascii
                                                                         : "shoyogaku-chosa.xlsx";
    char *json_ascii = with_ext(ascii, ".json");
    char *inst = answer(a, "institution_name");
    char *person = answer(a, "contact_name");
    /* The display name must fit one encoded word after "From: " (42 bytes): decoders
     * differ on the space between two words in a phrase (Python's email
     * package adds one), and a name is not worth that. Longer names are
     * left out; the body names the sender in full. */
    nb_mbuf nb = {0};
    nb_mbuf_fmt(&nb, "%s%s%s", inst, *inst && *person ? " " : "", person);
    char *from_name = nb_mbuf_finish(&nb, NULL);
    if (strlen(from_name) > 42)
        strcpy(from_name, strlen(inst) <= 42 ? inst : "");
    char *body = nb_message_body(def, a, eo);

    time_t t = extra->date ? extra->date : time(NULL);
    char date[32];
    nb_mime_date(t, date, sizeof date);
    char *mid = extra->message_id ? strdup(extra->message_id) : new_message_id(from);

    nb_mime_part parts[3] = {
        {"text/plain; charset=UTF-8", NULL, NULL, body, strlen(body)},
        {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx_name, ascii, xlsx, xlsx_len},
        {"application/json; charset=UTF-8", json_name, json_ascii, json ? json : "", json_len},
    };
    char mailer[64];
    snprintf(mailer, sizeof mailer, "%s %s", NB_PROGRAM, NB_VERSION);
    nb_mime_message m = {
        .from_name = from_name, .from_addr = from, .to_addr = to, .subject = subject,
        .date = date, .message_id = mid, .mailer = mailer, .parts = parts, .n_parts = 3,
    };
    char *msg = nb_mime_assemble(&m, len);
    if (!msg)
        nb_error_set(err, "メールを組み立てられませんでした。Message-ID「%s」の形を確認してください。", mid ? mid : "");
    if (msg && info) {
        info->from = strdup(from);
        info->to = strdup(to);
        info->subject = nb_mime_sanitize(subject);
        info->xlsx_name = nb_mime_sanitize(xlsx_name);
        info->xlsx_ascii = strdup(ascii);
        info->xlsx_size = xlsx_len;
        info->json_name = nb_mime_sanitize(json_name);
        info->json_ascii = strdup(json_ascii);
        info->json_size = json_len;
        info->draft = eo && eo->draft;
        info->late = is_late(def, eo);
    }
    free(from); free(to); free(xlsx); free(json); free(subject); free(xlsx_name); free(json_name);
    free(json_ascii); free(inst); free(person); free(from_name); free(body); free(mid);
    return msg;
}

char *nb_message_build(const nb_definition *def, const nb_answers *a, const nb_export_opts *eo,
                       const nb_message_opts *mo, size_t *len, nb_error *err)
{
    return nb_message_build_info(def, a, eo, mo, NULL, len, NULL, err);
}
