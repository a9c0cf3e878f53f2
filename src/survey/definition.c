/* Loads a survey definition (forms/<id>.yaml) into nb_definition.
 * The file is the single source of every year- and prefecture-specific
 * fact; this loader checks types and cross-references and names the file
 * and line of the first problem. */
#include "nanbyo/definition.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>
#include "nanbyo/atomic_file.h"
#include "nanbyo/utf8.h"
#include "yaml_compose.h"
#include "yaml_tree.h"
#include "nanbyo/quote.h"
#include "nanbyo/xalloc.h"

#define DEF_FORMAT "nanbyo-survey-definition/1"
#define DEF_MAX_BYTES (4u << 20)

static const char *const type_names[] = {
    [NB_FT_TEXT] = "text",     [NB_FT_MULTILINE] = "multiline", [NB_FT_COUNT] = "count",
    [NB_FT_YEN] = "yen",       [NB_FT_DATE] = "date",           [NB_FT_CHOICE] = "choice",
    [NB_FT_CONFIRM] = "confirm", [NB_FT_PHONE] = "phone",       [NB_FT_POSTAL] = "postal",
    [NB_FT_EMAIL] = "email",   [NB_FT_INST_CODE] = "inst_code",
};

const char *nb_field_type_name(nb_field_type t)
{
    return (unsigned)t < sizeof type_names / sizeof type_names[0] ? type_names[t] : "?";
}

static const struct {
    const char *name;
    nb_rule_kind kind;
} rule_names[] = {
    {"at_least_one", NB_RULE_AT_LEAST_ONE},
    {"required_when", NB_RULE_REQUIRED_WHEN},
    {"date_in_fiscal_year", NB_RULE_DATE_IN_FY},
    {"date_order", NB_RULE_DATE_ORDER},
    {"min_items", NB_RULE_MIN_ITEMS},
};

static const struct {
    const char *name;
    nb_page_kind kind;
} page_kinds[] = {
    {"fields", NB_PAGE_FIELDS}, {"items", NB_PAGE_ITEMS}, {"check", NB_PAGE_CHECK},
    {"review", NB_PAGE_REVIEW}, {"submit", NB_PAGE_SUBMIT},
};

static void load_identity(yt_ctx *c, const yc_node *root, nb_definition *d)
{
    const yc_node *m = yt_map(c, root, "identity", "identity");
    d->authority = yt_str(c, m, "authority", "identity.authority", true);
    d->prefecture_number = yt_int(c, m, "prefecture_number", "identity.prefecture_number", true, 0);
    if (!c->failed && (d->prefecture_number < 1 || d->prefecture_number > 47))
        yt_fail(c, yt_get(c, m, "prefecture_number"), "identity.prefecture_number は 1 から 47 の都道府県番号です。");
    d->tensu_digit = yt_int(c, m, "tensu_digit", "identity.tensu_digit", false, 1);
    d->department = yt_str(c, m, "department", "identity.department", true);
    d->section = yt_str(c, m, "section", "identity.section", false);
    d->program = yt_str(c, m, "program", "identity.program", true);
    d->title = yt_str(c, m, "title", "identity.title", true);
    d->form_number = yt_str(c, m, "form_number", "identity.form_number", false);
    d->audience = yt_str(c, m, "audience", "identity.audience", false);
    d->fiscal_year = yt_int(c, m, "fiscal_year", "identity.fiscal_year", true, 0);
    d->stage = yt_str(c, m, "stage", "identity.stage", true);
    d->notice_date = yt_date(c, m, "notice_date", "identity.notice_date");
    d->source_url = yt_str(c, m, "source_url", "identity.source_url", false);
}

static void load_money(yt_ctx *c, const yc_node *root, nb_definition *d)
{
    const yc_node *m = yt_map(c, root, "money", "money");
    d->money.base = yt_int(c, m, "base", "money.base", true, 0);
    d->money.rate_num = yt_int(c, m, "rate_numerator", "money.rate_numerator", true, 1);
    d->money.rate_den = yt_int(c, m, "rate_denominator", "money.rate_denominator", true, 1);
    d->money.unit = yt_int(c, m, "rounding_unit", "money.rounding_unit", true, 1);
    d->money.cap = yt_int(c, m, "cap", "money.cap", false, 0);
    char *rounding = yt_str(c, m, "rounding", "money.rounding", false);
    if (!c->failed && *rounding && strcmp(rounding, "truncate") != 0)
        yt_fail(c, yt_get(c, m, "rounding"), "money.rounding は truncate (切り捨て) だけが使えます。");
    free(rounding);
    if (!c->failed && (d->money.rate_den == 0 || d->money.unit == 0))
        yt_fail(c, m, "money.rate_denominator と money.rounding_unit は 1 以上にしてください。");
    if (!c->failed && d->money.rate_num > d->money.rate_den)
        yt_fail(c, m, "money.rate_numerator が rate_denominator より大きくなっています (補助率が1を超えます)。");
    d->tax_basis = yt_str(c, m, "tax_basis", "money.tax_basis", false);
}

static void load_dates(yt_ctx *c, const yc_node *root, nb_definition *d)
{
    const yc_node *m = yt_map(c, root, "dates", "dates");
    d->fy_start = yt_date(c, m, "fiscal_year_start", "dates.fiscal_year_start");
    d->fy_end = yt_date(c, m, "fiscal_year_end", "dates.fiscal_year_end");
    d->earliest_start = yt_get(c, m, "earliest_start")
                            ? yt_date(c, m, "earliest_start", "dates.earliest_start")
                            : d->fy_start;
    d->completion_deadline = yt_get(c, m, "completion_deadline")
                                 ? yt_date(c, m, "completion_deadline", "dates.completion_deadline")
                                 : d->fy_end;
    if (!c->failed && nb_date_cmp(d->fy_start, d->fy_end) > 0)
        yt_fail(c, m, "dates.fiscal_year_start が fiscal_year_end より後になっています。");
    const yc_node *dl = yt_map(c, root, "deadline", "deadline");
    d->deadline = yt_date(c, dl, "date", "deadline.date");
    d->deadline_must_arrive = yt_bool(c, dl, "must_arrive", "deadline.must_arrive", false);
}

static void load_submission(yt_ctx *c, const yc_node *root, nb_definition *d)
{
    const yc_node *m = yt_map(c, root, "submission", "submission");
    const yc_node *mail = yt_map(c, m, "email", "submission.email");
    d->email_to = yt_str(c, mail, "to", "submission.email.to", true);
    d->subject_template = yt_str(c, mail, "subject", "submission.email.subject", true);
    d->attachment_template = yt_str(c, mail, "attachment", "submission.email.attachment", true);
    d->attachment_ascii = yt_str(c, mail, "attachment_ascii", "submission.email.attachment_ascii", true);
    d->fax = yt_str(c, m, "fax", "submission.fax", false);
    const yc_node *post = yt_get(c, m, "post");
    d->postal_code = yt_str(c, post, "postal_code", "submission.post.postal_code", post != NULL);
    d->postal_address = yt_str(c, post, "address", "submission.post.address", post != NULL);
    d->recipient = yt_str(c, post, "recipient", "submission.post.recipient", post != NULL);
    d->phone = yt_str(c, m, "phone", "submission.phone", false);
    d->contact = yt_str(c, m, "contact", "submission.contact", false);
}

static void load_size(yt_ctx *c, const yc_node *m, const char *key, const char *where, int64_t *w, int64_t *h)
{
    const yc_node *s = yt_map(c, m, key, where);
    char wb[80], hb[80];
    snprintf(wb, sizeof wb, "%s.width", where);
    snprintf(hb, sizeof hb, "%s.height", where);
    *w = yt_int(c, s, "width", wb, true, 0);
    *h = yt_int(c, s, "height", hb, true, 0);
}

static void load_pc(yt_ctx *c, const yc_node *root, nb_definition *d)
{
    const yc_node *m = yt_map(c, root, "pc_requirements", "pc_requirements");
    nb_pc_requirements *p = &d->pc;
    p->ram_gb = yt_int(c, m, "ram_gb", "pc_requirements.ram_gb", true, 0);
    p->ram_required = yt_bool(c, m, "ram_required", "pc_requirements.ram_required", false);
    p->ram_tolerance_percent = yt_int(c, m, "ram_tolerance_percent", "pc_requirements.ram_tolerance_percent", false, 10);
    p->disk_free_gb = yt_int(c, m, "disk_free_gb", "pc_requirements.disk_free_gb", true, 0);
    load_size(c, m, "display_min", "pc_requirements.display_min", &p->display_min_w, &p->display_min_h);
    load_size(c, m, "display_recommended", "pc_requirements.display_recommended", &p->display_rec_w,
              &p->display_rec_h);
    p->browsers = yt_strlist(c, m, "browsers", "pc_requirements.browsers", &p->n_browsers);
    p->software = yt_strlist(c, m, "software", "pc_requirements.software", &p->n_software);
    p->printer_paper = yt_str(c, m, "printer_paper", "pc_requirements.printer_paper", false);
    p->tcp_port = yt_int(c, m, "tcp_port", "pc_requirements.tcp_port", false, 443);
    p->https_url = yt_str(c, m, "https_url", "pc_requirements.https_url", true);
    p->clock_skew_warn_s = yt_int(c, m, "clock_skew_warn_seconds", "pc_requirements.clock_skew_warn_seconds", false, 300);
    p->clock_skew_fail_s = yt_int(c, m, "clock_skew_fail_seconds", "pc_requirements.clock_skew_fail_seconds", false, 900);
    p->timeout_s = yt_int(c, m, "timeout_seconds", "pc_requirements.timeout_seconds", false, 10);
}

static void load_notices(yt_ctx *c, const yc_node *root, nb_definition *d)
{
    const yc_node *seq = yt_seq(c, root, "notices", "notices", false);
    d->n_notices = yt_seq_len(seq);
    d->notices = xcalloc(d->n_notices, sizeof *d->notices);
    for (size_t i = 0; i < d->n_notices; i++) {
        const yc_node *n = yt_seq_at(c, seq, i);
        d->notices[i].id = yt_str(c, n, "id", "notices[].id", true);
        d->notices[i].title = yt_str(c, n, "title", "notices[].title", true);
        d->notices[i].text = yt_str(c, n, "text", "notices[].text", true);
    }
}

static void load_categories(yt_ctx *c, const yc_node *root, nb_definition *d)
{
    const yc_node *seq = yt_seq(c, root, "categories", "categories", true);
    d->n_categories = yt_seq_len(seq);
    d->categories = xcalloc(d->n_categories, sizeof *d->categories);
    for (size_t i = 0; i < d->n_categories; i++) {
        const yc_node *n = yt_seq_at(c, seq, i);
        nb_category *k = &d->categories[i];
        k->id = yt_str(c, n, "id", "categories[].id", true);
        k->label = yt_str(c, n, "label", "categories[].label", true);
        k->eligible = yt_bool(c, n, "eligible", "categories[].eligible", true);
        k->reason = yt_str(c, n, "reason", "categories[].reason", !k->eligible);
        k->help = yt_str(c, n, "help", "categories[].help", false);
        k->unit = yt_str(c, n, "unit", "categories[].unit", false);
        for (size_t j = 0; j < i && !c->failed; j++)
            if (strcmp(d->categories[j].id, k->id) == 0)
                yt_fail(c, n, "区分 %s が2回定義されています。", k->id);
    }
    if (!c->failed && d->n_categories == 0)
        yt_fail(c, seq, "categories に区分を1つ以上書いてください。");
}

static nb_field_type parse_type(yt_ctx *c, const yc_node *n, const char *name)
{
    for (size_t t = 0; t < sizeof type_names / sizeof type_names[0]; t++)
        if (strcmp(type_names[t], name) == 0)
            return (nb_field_type)t;
    yt_fail(c, n, "項目の type「%s」は使えません (text, multiline, count, yen, date, choice, confirm, phone, postal, email, inst_code のどれかです)。", NB_QUOTED(name, 40));
    return NB_FT_TEXT;
}

static void load_field(yt_ctx *c, const yc_node *n, nb_field *f)
{
    f->line = yt_line(n);
    f->id = yt_str(c, n, "id", "fields[].id", true);
    f->label = yt_str(c, n, "label", "fields[].label", true);
    f->help = yt_str(c, n, "help", "fields[].help", false);
    f->placeholder = yt_str(c, n, "placeholder", "fields[].placeholder", false);
    char *type = yt_str(c, n, "type", "fields[].type", true);
    f->type = parse_type(c, yt_get(c, n, "type"), type);
    free(type);
    f->required = yt_bool(c, n, "required", "fields[].required", false);
    f->max_length = (int)yt_int(c, n, "max_length", "fields[].max_length", false, 0);
    f->min = yt_int(c, n, "min", "fields[].min", false, 0);
    f->max = yt_int(c, n, "max", "fields[].max", false, 0);
    const yc_node *ch = yt_seq(c, n, "choices", "fields[].choices", f->type == NB_FT_CHOICE);
    f->n_choices = yt_seq_len(ch);
    f->choices = xcalloc(f->n_choices, sizeof *f->choices);
    for (size_t i = 0; i < f->n_choices; i++) {
        const yc_node *cn = yt_seq_at(c, ch, i);
        f->choices[i].value = yt_str(c, cn, "value", "choices[].value", true);
        f->choices[i].label = yt_str(c, cn, "label", "choices[].label", true);
    }
    if (!c->failed && f->type == NB_FT_CHOICE && f->n_choices == 0)
        yt_fail(c, n, "選択肢の項目 %s に choices がありません。", f->id);
}

static nb_page_kind parse_page_kind(yt_ctx *c, const yc_node *page)
{
    const yc_node *k = yt_get(c, page, "kind");
    if (!k)
        return NB_PAGE_FIELDS;
    const char *s = yt_text(c, k);
    for (size_t i = 0; i < sizeof page_kinds / sizeof page_kinds[0]; i++)
        if (strcmp(page_kinds[i].name, s) == 0)
            return page_kinds[i].kind;
    yt_fail(c, k, "ページの kind「%s」は使えません (fields, items, check, review, submit のどれかです)。", NB_QUOTED(s, 40));
    return NB_PAGE_FIELDS;
}

static void load_pages(yt_ctx *c, const yc_node *root, nb_definition *d)
{
    const yc_node *seq = yt_seq(c, root, "pages", "pages", true);
    d->n_pages = yt_seq_len(seq);
    d->pages = xcalloc(d->n_pages, sizeof *d->pages);
    size_t total = 0;
    for (size_t i = 0; i < d->n_pages; i++)
        total += yt_seq_len(yt_get(c, yt_seq_at(c, seq, i), "fields"));
    d->fields = xcalloc(total, sizeof *d->fields);
    for (size_t i = 0; i < d->n_pages && !c->failed; i++) {
        const yc_node *pn = yt_seq_at(c, seq, i);
        nb_page *p = &d->pages[i];
        p->id = yt_str(c, pn, "id", "pages[].id", true);
        p->title = yt_str(c, pn, "title", "pages[].title", true);
        p->intro = yt_str(c, pn, "intro", "pages[].intro", false);
        p->kind = parse_page_kind(c, pn);
        const yc_node *fs = yt_seq(c, pn, "fields", "pages[].fields", p->kind == NB_PAGE_FIELDS);
        p->n_fields = yt_seq_len(fs);
        p->fields = xcalloc(p->n_fields, sizeof *p->fields);
        for (size_t j = 0; j < p->n_fields && !c->failed; j++) {
            const yc_node *fn = yt_seq_at(c, fs, j);
            nb_field *f = &d->fields[d->n_fields];
            load_field(c, fn, f);
            if (!c->failed && nb_def_field(d, f->id))
                yt_fail(c, fn, "項目 %s が2回定義されています。", f->id);
            d->n_fields++;
            p->fields[j] = f;
        }
    }
}

static void check_field_ref(yt_ctx *c, nb_definition *d, const yc_node *n, const char *id)
{
    if (!c->failed && id && *id && strcmp(id, "items") != 0 && !nb_def_field(d, id))
        yt_fail(c, n, "規則が参照する項目 %s は pages のどこにも定義されていません。", id);
}

static void load_rules(yt_ctx *c, const yc_node *root, nb_definition *d)
{
    const yc_node *seq = yt_seq(c, root, "rules", "rules", false);
    d->n_rules = yt_seq_len(seq);
    d->rules = xcalloc(d->n_rules, sizeof *d->rules);
    for (size_t i = 0; i < d->n_rules && !c->failed; i++) {
        const yc_node *rn = yt_seq_at(c, seq, i);
        nb_rule *r = &d->rules[i];
        r->line = yt_line(rn);
        char *kind = yt_str(c, rn, "kind", "rules[].kind", true);
        size_t k;
        for (k = 0; k < sizeof rule_names / sizeof rule_names[0]; k++)
            if (strcmp(rule_names[k].name, kind) == 0)
                break;
        if (k == sizeof rule_names / sizeof rule_names[0])
            yt_fail(c, rn, "規則の kind「%s」は使えません (at_least_one, required_when, date_in_fiscal_year, date_order, min_items のどれかです)。", NB_QUOTED(kind, 40));
        else
            r->kind = rule_names[k].kind;
        free(kind);
        r->field = yt_str(c, rn, "field", "rules[].field", r->kind != NB_RULE_DATE_IN_FY);
        r->other = yt_str(c, rn, "other", "rules[].other",
                          r->kind == NB_RULE_REQUIRED_WHEN || r->kind == NB_RULE_DATE_ORDER);
        r->fields = yt_strlist(c, rn, "fields", "rules[].fields", &r->n_fields);
        r->values = yt_strlist(c, rn, "values", "rules[].values", &r->n_values);
        r->count = yt_int(c, rn, "count", "rules[].count", false, 1);
        r->message = yt_str(c, rn, "message", "rules[].message", true);
        check_field_ref(c, d, rn, r->field);
        check_field_ref(c, d, rn, r->other);
        for (size_t j = 0; j < r->n_fields; j++)
            check_field_ref(c, d, rn, r->fields[j]);
    }
}

/* libyaml spends time per token in proportion to the nesting depth, so
 * 100,000 nested "[" kept it busy for half a minute before any error. A
 * definition needs a few levels: the text is composed in one pass over
 * libyaml's events (yaml_compose.c), which refuses it at the first level
 * past the limit as the events come, before the deep part is read. */
#define DEF_MAX_DEPTH 64

static bool parse_document(const char *path, const char *data, size_t len, yc_doc *doc, nb_error *err)
{
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        nb_error_set(err, "調査定義ファイル %s を読む準備ができませんでした (メモリ不足)。", path);
        return false;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
    yc_problem pb;
    yc_status st = yc_compose(&parser, doc, DEF_MAX_DEPTH, &pb);
    yaml_parser_delete(&parser);
    if (st == YC_TOO_DEEP) {
        nb_error_set(err, "調査定義ファイル %s の %zu 行目で入れ子が %d 段を超えています。調査定義はそれほど深くなりません。ファイルが正しいか確かめてください。",
                     path, pb.line, DEF_MAX_DEPTH);
        return false;
    }
    if (st == YC_SYNTAX) {
        nb_error_set(err, "調査定義ファイル %s の %zu 行目に書式の誤りがあります (YAML: %s)。行頭の字下げや「: 」を確かめてください。",
                     path, pb.line, pb.problem);
        return false;
    }
    if (!yc_node_at(doc, 1)) {
        nb_error_set(err, "調査定義ファイル %s が空です。", path);
        yc_doc_free(doc);
        return false;
    }
    return true;
}

nb_definition *nb_def_parse(const char *data, size_t len, const char *path, nb_error *err)
{
    if (!nb_utf8_valid(data, len) || memchr(data, '\0', len)) {
        nb_error_set(err, "調査定義ファイル %s は UTF-8 の文字列ではありません。UTF-8 で保存し直してください。", path);
        return NULL;
    }
    yc_doc doc;
    if (!parse_document(path, data, len, &doc, err))
        return NULL;
    nb_definition *d = xcalloc(1, sizeof *d);
    yt_ctx c = {.doc = &doc, .path = path, .err = err, .failed = false};
    const yc_node *root = yt_root(&c);
    if (root->type != YAML_MAPPING_NODE)
        yt_fail(&c, root, "ファイル全体が「キー: 値」の形になっていません。");
    char *format = yt_str(&c, root, "format", "format", true);
    if (!c.failed && strcmp(format, DEF_FORMAT) != 0)
        yt_fail(&c, yt_get(&c, root, "format"), "format は %s にしてください (この版のプログラムが読める形式です)。", DEF_FORMAT);
    free(format);
    d->path = xstrdup(path);
    d->id = yt_str(&c, root, "id", "id", true);
    if (!c.failed && !nb_def_id_valid(d->id))
        yt_fail(&c, yt_get(&c, root, "id"), "id「%s」は使えません。英小文字・数字・ハイフン (-) だけで、先頭は英小文字か数字の 64 文字以内にしてください (回答ファイルの名前にも使うためです)。",
                NB_QUOTED(d->id, 40));
    d->version = yt_int(&c, root, "version", "version", false, 1);
    load_identity(&c, root, d);
    load_money(&c, root, d);
    load_dates(&c, root, d);
    load_submission(&c, root, d);
    load_pc(&c, root, d);
    load_notices(&c, root, d);
    load_categories(&c, root, d);
    load_pages(&c, root, d);
    load_rules(&c, root, d);
    yc_doc_free(&doc);
    if (c.failed) {
        nb_def_free(d);
        return NULL;
    }
    return d;
}

nb_definition *nb_def_load(const char *path, nb_error *err)
{
    size_t len = 0;
    nb_error rerr = {{0}};
    char *data = nb_read_file(path, DEF_MAX_BYTES, &len, &rerr);
    if (!data) {
        nb_error_set(err, "調査定義ファイル %s を読めません。%s", path, rerr.msg);
        return NULL;
    }
    nb_definition *d = nb_def_parse(data, len, path, err);
    free(data);
    return d;
}

const nb_field *nb_def_field(const nb_definition *def, const char *id)
{
    for (size_t i = 0; i < def->n_fields; i++)
        if (def->fields[i].id && strcmp(def->fields[i].id, id) == 0)
            return &def->fields[i];
    return NULL;
}

const nb_category *nb_def_category(const nb_definition *def, const char *id)
{
    for (size_t i = 0; i < def->n_categories; i++)
        if (id && strcmp(def->categories[i].id, id) == 0)
            return &def->categories[i];
    return NULL;
}

const nb_choice *nb_field_choice(const nb_field *f, const char *value)
{
    for (size_t i = 0; i < f->n_choices; i++)
        if (value && strcmp(f->choices[i].value, value) == 0)
            return &f->choices[i];
    return NULL;
}
