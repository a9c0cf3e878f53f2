/* Builds the output model (export_model.h) from a definition and answers.
 * The order and grouping of the form's sections are fixed here because the
 * printed 調査票 has a fixed shape; labels, choices, categories and money
 * rules all come from the definition. A field of the definition that the
 * fixed layout does not place lands in a last section so nothing is lost. */
#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "export_model.h"
#include "nanbyo/check_result.h"
#include "nanbyo/quote.h"
#include "nanbyo/date.h"
#include "nanbyo/survey.h"
#include "nanbyo/version.h"
#include "nanbyo/xalloc.h"
#include "nanbyo/yen.h"

#define MAX_IDS 10

static const struct {
    const char *title;
    nb_xsection_kind kind;
    const char *ids[MAX_IDS];
} layout[] = {
    {"医療機関", NB_XS_FIELDS,
     {"institution_name", "institution_code", "institution_kind", "postal_code", "address", "founder",
      "representative"}},
    {"担当者", NB_XS_FIELDS, {"contact_department", "contact_name", "phone", "fax", "email"}},
    {"指定医等の人数と登録方法", NB_XS_FIELDS,
     {"doctors_nanbyo", "doctors_kyoryoku", "doctors_shoman", "target", "registration_method",
      "vendor_name"}},
    {"整備予定の物品・経費", NB_XS_ITEMS, {0}},
    {"所要額", NB_XS_AMOUNTS, {0}},
    {"整備の予定", NB_XS_FIELDS, {"planned_start", "planned_completion"}},
    {"確認事項", NB_XS_FIELDS, {"decl_dedicated_use", "decl_not_cancer_registry_pc", "decl_not_before_naiji"}},
    {"PCの要件確認", NB_XS_PCCHECK, {0}},
    {"備考", NB_XS_FIELDS, {"notes"}},
};

/* Fields shown elsewhere than in a label/value row. */
static bool placed_elsewhere(const char *id)
{
    return strcmp(id, "other_income") == 0;
}

static bool truthy(const char *s)
{
    return s && (strcmp(s, "true") == 0 || strcmp(s, "1") == 0 || strcmp(s, "yes") == 0 ||
                 strcmp(s, "はい") == 0);
}

static void fill_value(const nb_answers *a, const nb_field *f, nb_xvalue *v)
{
    v->field = f;
    v->kind = NB_XV_EMPTY;
    char *got = nb_answers_get(a, f->id);
    bool multiline = f->type == NB_FT_MULTILINE;
    v->raw = nb_export_clean(got ? got : "", multiline);
    free(got);
    v->text = NULL;
    /* Only spaces counts as not answered. */
    if (strspn(v->raw, " \n") == strlen(v->raw)) {
        v->text = xstrdup("");
        return;
    }
    v->kind = NB_XV_TEXT;
    switch (f->type) {
    case NB_FT_COUNT: {
        int64_t n;
        if (nb_count_parse(v->raw, f->max > 0 ? f->max : NB_YEN_LIMIT - 1, &n) == NB_NUM_OK) {
            v->kind = NB_XV_COUNT;
            v->num = n;
            v->text = xasprintf("%lld人", (long long)n); /* counts are of people */
        }
        break;
    }
    case NB_FT_YEN: {
        int64_t n;
        if (nb_yen_parse(v->raw, &n) == NB_NUM_OK) {
            char buf[32];
            nb_yen_format(n, buf, sizeof buf);
            v->kind = NB_XV_YEN;
            v->num = n;
            v->text = xstrdup(buf);
        }
        break;
    }
    case NB_FT_DATE: {
        nb_date d;
        if (nb_date_parse(v->raw, &d) == NB_DATE_OK) {
            char buf[32];
            nb_date_wareki(d, buf, sizeof buf);
            v->kind = NB_XV_DATE;
            v->date = d;
            v->text = xstrdup(buf);
        }
        break;
    }
    case NB_FT_CHOICE: {
        const nb_choice *c = nb_field_choice(f, v->raw);
        if (c)
            v->text = nb_export_clean(c->label, false);
        break;
    }
    case NB_FT_CONFIRM:
        v->text = xstrdup(truthy(v->raw) ? "はい" : "いいえ");
        break;
    default:
        break;
    }
    if (!v->text)
        v->text = xstrdup(v->raw);
}

static void add_section(nb_xdoc *d, nb_xsection_kind kind, const char *title)
{
    d->sections = xreallocarray(d->sections, d->n_sections + 1, sizeof *d->sections);
    nb_xsection *s = &d->sections[d->n_sections++];
    memset(s, 0, sizeof *s);
    s->kind = kind;
    s->title = xasprintf("%zu %s", d->n_sections, title);
}

static void add_value(nb_xdoc *d, const nb_field *f)
{
    nb_xsection *s = &d->sections[d->n_sections - 1];
    s->values = xreallocarray(s->values, s->n_values + 1, sizeof *s->values);
    fill_value(d->answers, f, &s->values[s->n_values++]);
}

static char *member_text(const nb_answers *a, size_t i, const char *member, bool ok, int64_t v)
{
    if (ok)
        return xasprintf("%lld", (long long)v);
    char *raw = nb_answers_item_raw(a, i, member);
    char *t = nb_export_clean(raw ? raw : "", false);
    free(raw);
    return t;
}

static void build_items(nb_xdoc *d)
{
    size_t n = nb_answers_item_count(d->answers);
    d->items = xcalloc(n ? n : 1, sizeof *d->items);
    for (size_t i = 0; i < n; i++) {
        nb_item it = {0};
        nb_answers_item_get(d->answers, i, &it);
        nb_xitem *x = &d->items[i];
        const nb_category *c = nb_def_category(d->def, it.category ? it.category : "");
        x->category_id = nb_export_clean(it.category, false);
        x->category = nb_export_clean(c ? c->label : it.category, false);
        x->description = nb_export_clean(it.description, false);
        x->quantity = it.quantity;
        x->unit_price = it.unit_price;
        x->quantity_ok = it.quantity_ok;
        x->unit_price_ok = it.unit_price_ok;
        x->quantity_text = member_text(d->answers, i, "quantity", it.quantity_ok, it.quantity);
        x->unit_price_text = member_text(d->answers, i, "unit_price", it.unit_price_ok, it.unit_price);
        x->unit = c && c->unit ? c->unit : "";
        x->amount = nb_item_amount(&it);
        x->eligible = nb_item_eligible(d->def, &it);
        if (x->eligible)
            x->reason = xstrdup("");
        else if (c && c->reason && *c->reason)
            x->reason = nb_export_clean(c->reason, false);
        else if (!c)
            x->reason = xstrdup("区分が調査定義にないため、対象経費に含めません。");
        else
            x->reason = xstrdup("補助の対象外の区分です。");
        nb_item_clear(&it);
    }
    d->n_items = n;
}

static const struct {
    const char *id, *title;
} check_titles[] = {
    {"os", "OS"},
    {"ram", "メモリ"},
    {"memory", "メモリ"},
    {"disk", "ディスクの空き容量"},
    {"display", "画面の解像度"},
    {"browser", "ブラウザー"},
    {"browsers", "ブラウザー"},
    {"software", "必要なソフトウェア"},
    {"acrobat_reader", "Acrobat Reader"},
    {"excel", "Excel"},
    {"aws_vpn_client", "VPN クライアント"},
    {"vpn_client", "VPN クライアント"},
    {"printer", "A4 プリンター"},
    {"https", "インターネット接続 (HTTPS)"},
    {"tcp443", "TCP 443 番ポート"},
    {"tcp_443", "TCP 443 番ポート"},
    {"vpn", "VPN 接続先"},
    {"vpn_endpoint", "VPN 接続先"},
    {"dns", "名前解決 (DNS)"},
    {"clock", "時刻のずれ"},
};

/* A check that was not run reads 未実施, never 対象外 (which says it does
 * not apply to the PC): a required one, and any check the checker marked
 * not run (nb_rule_not_run's measured text, the same on Linux and in
 * nanbyo-check.exe; the stored result has no other sign of it). */
static const char *status_label(const char *s, bool required, const char *measured)
{
    if (strcmp(s, "na") == 0 && strcmp(measured, "実行しませんでした") == 0)
        return "未実施";
    static const struct {
        const char *id, *label;
    } map[] = {{"pass", "合格"}, {"warn", "注意"}, {"fail", "不合格"}, {"unknown", "不明"}, {"na", "対象外"}};
    if (required && strcmp(s, "na") == 0)
        return "未実施";
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(s, map[i].id) == 0)
            return map[i].label;
    return "不明";
}

/* Parenthesised details that only say where a value was read from
 * ("(/proc/meminfo MemTotal 24683548 kB)", "(statvfs)", "(/home)"): the
 * prefecture reads the value; the source stays in the answers JSON. */
static bool is_source(const char *s, size_t n)
{
    static const char *const words[] = {"/", "statvfs", "meminfo", "MemTotal", "xrandr", "sysfs"};
    char *t = xstrndup(s, n);
    bool found = false;
    for (size_t i = 0; i < sizeof words / sizeof words[0] && !found; i++)
        found = strstr(t, words[i]) != NULL;
    free(t);
    return found;
}

/* The measured value in plain words: "搭載 25.8 GB (/sys/...)、使用可能
 * 25.3 GB (/proc/meminfo ...)" -> "搭載 25.8 GB、使用可能 25.3 GB",
 * "ホーム /root: 空き 76.7 GB / 全体 252.0 GB (statvfs)" -> "ホーム: 空き
 * 76.7 GB / 全体 252.0 GB". Paths (a word starting with / or ~/) go. */
char *nb_xcheck_plain(const char *m)
{
    size_t n = strlen(m), o = 0;
    char *out = xmalloc(n + 1);
    for (size_t i = 0; i < n;) {
        if (m[i] == '(') { /* find the matching ) */
            size_t j = i, depth = 0;
            for (; j < n; j++) {
                depth += m[j] == '(';
                if (m[j] == ')' && --depth == 0)
                    break;
            }
            if (j < n && is_source(m + i, j - i)) {
                while (o > 0 && out[o - 1] == ' ')
                    o--;
                i = j + 1;
                continue;
            }
        }
        bool word_start = i == 0 || m[i - 1] == ' ';
        if (word_start && (m[i] == '/' || (m[i] == '~' && m[i + 1] == '/')) && m[i + 1] && m[i + 1] != ' ') {
            size_t j = i;
            while (j < n && m[j] != ' ' && m[j] != ':' && strncmp(m + j, "、", 3) != 0)
                j++;
            while (o > 0 && out[o - 1] == ' ')
                o--;
            i = j;
            continue;
        }
        out[o++] = m[i++];
    }
    out[o] = '\0';
    return out;
}

static char *json_str(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (cJSON_IsString(v) && v->valuestring)
        return nb_export_clean(v->valuestring, false);
    if (cJSON_IsNumber(v))
        return xasprintf("%g", v->valuedouble);
    return xstrdup("");
}

/* "2026-03-20T10:15:00+09:00" -> "令和8年3月20日 10:15". */
static char *checked_at_text(const char *iso)
{
    nb_date dt;
    char day[11];
    if (strlen(iso) >= 10) {
        memcpy(day, iso, 10);
        day[10] = '\0';
        if (nb_date_parse(day, &dt) == NB_DATE_OK) {
            char buf[32];
            nb_date_wareki(dt, buf, sizeof buf);
            if (strlen(iso) >= 16 && iso[10] == 'T')
                return xasprintf("%s %.5s", buf, iso + 11);
            return xstrdup(buf);
        }
    }
    return xstrdup(iso);
}

static void build_pc_check(nb_xdoc *d)
{
    char *json = nb_answers_section_get(d->answers, "pc_check");
    cJSON *root = json ? cJSON_Parse(json) : NULL;
    free(json);
    const cJSON *checks = cJSON_GetObjectItemCaseSensitive(root, "checks");
    if (!cJSON_IsArray(checks) || cJSON_GetArraySize(checks) == 0) {
        d->pc_present = false;
        d->pc_checked_at = xstrdup("");
        d->pc_checked_at_iso = xstrdup("");
        d->pc_platform = xstrdup("");
        d->pc_overall = xstrdup("未実施");
        d->pc_code = "not_run";
        cJSON_Delete(root);
        return;
    }
    d->pc_present = true;
    char *at = json_str(root, "checked_at");
    d->pc_checked_at = *at ? checked_at_text(at) : xstrdup("日時不明");
    d->pc_checked_at_iso = at;
    /* which PC: a result imported from the registration PC names it; a
     * hand-edited name with controls or bidi characters shows them as
     * <U+XXXX> instead of reordering the line */
    nb_check_platform pf;
    char label[sizeof pf.computer + sizeof pf.version + 4] = "";
    if (nb_check_platform_from_json(root, &pf))
        nb_check_platform_label(&pf, label, sizeof label);
    size_t qn = NB_QUOTE_SIZE(strlen(label));
    d->pc_platform = xmalloc(qn);
    nb_quote(d->pc_platform, qn, label, SIZE_MAX);
    size_t n = (size_t)cJSON_GetArraySize(checks);
    d->checks = xcalloc(n, sizeof *d->checks);
    int fails = 0, warns = 0, unconfirmed = 0;
    const cJSON *c;
    cJSON_ArrayForEach(c, checks)
    {
        nb_xcheck *x = &d->checks[d->n_checks++];
        x->id = json_str(c, "id");
        char *title = json_str(c, "title");
        if (!*title) {
            free(title);
            title = NULL;
            for (size_t i = 0; i < sizeof check_titles / sizeof check_titles[0]; i++)
                if (strcmp(x->id, check_titles[i].id) == 0)
                    title = xstrdup(check_titles[i].title);
            if (!title)
                title = xstrdup(x->id);
        }
        x->title = title;
        x->status = json_str(c, "status");
        /* a result without required_check (older files) counts as required */
        const cJSON *req = cJSON_GetObjectItemCaseSensitive(c, "required_check");
        bool required = !cJSON_IsBool(req) || cJSON_IsTrue(req);
        char *measured = json_str(c, "measured");
        x->status_label = xstrdup(status_label(x->status, required, measured));
        x->measured = nb_xcheck_plain(measured);
        free(measured);
        fails += strcmp(x->status, "fail") == 0;
        warns += strcmp(x->status, "warn") == 0;
        unconfirmed += required && (strcmp(x->status, "unknown") == 0 || strcmp(x->status, "na") == 0);
    }
    /* One wording for every output: a required check that is 不明 or
     * 未実施 is never summed up as 合格. */
    if (fails) {
        d->pc_code = "fail";
        d->pc_overall = xasprintf("不合格 (%d件)", fails);
    } else if (unconfirmed) {
        d->pc_code = "unconfirmed";
        d->pc_overall = xasprintf("未確認あり (%d件)", unconfirmed);
    } else {
        d->pc_code = "pass";
        d->pc_overall = warns ? xasprintf("合格 (注意 %d件)", warns) : xstrdup("合格");
    }
    cJSON_Delete(root);
}

static char *fiscal_year_text(int64_t fy)
{
    char buf[32];
    nb_date_wareki((nb_date){(int)fy, 4, 1}, buf, sizeof buf);
    char *nen = strstr(buf, "年");
    if (nen)
        *nen = '\0';
    return xasprintf("%s年度", buf);
}

/* A letter to an office is addressed with 御中; a recipient line that
 * already ends in 御中, 様 or 殿 is kept as the definition gives it. */
static char *addressee_line(const char *recipient)
{
    static const char *const ends[] = {"御中", "様", "殿"};
    size_t n = strlen(recipient);
    for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
        size_t k = strlen(ends[i]);
        if (n >= k && strcmp(recipient + n - k, ends[i]) == 0)
            return xstrdup(recipient);
    }
    return xasprintf("%s 御中", recipient);
}

nb_xdoc *nb_xdoc_new(const nb_definition *def, const nb_answers *a, const nb_export_opts *o)
{
    nb_xdoc *d = xcalloc(1, sizeof *d);
    d->def = def;
    d->answers = a;
    if (o)
        d->opts = *o;
    if (!nb_date_is_valid(d->opts.today))
        d->opts.today = nb_today();
    d->draft = d->opts.draft;
    d->late = nb_deadline_passed(def, d->opts.today, NULL);
    char *fy = fiscal_year_text(def->fiscal_year);
    d->title = xasprintf("%s %s", fy, def->title ? def->title : "所要額調査票");
    free(fy);
    d->recipient = nb_export_clean(def->recipient && *def->recipient ? def->recipient : def->authority,
                                   false);
    d->addressee = addressee_line(d->recipient);
    d->form_number = nb_export_clean(def->form_number ? def->form_number : "", false);
    char buf[32];
    nb_date_wareki(d->opts.today, buf, sizeof buf);
    d->made_on = xstrdup(buf);
    d->marks = xasprintf("%s%s%s", d->draft ? "下書き" : "", d->draft && d->late ? " " : "",
                         d->late ? "期限後" : "");
    d->footer = xasprintf("%s %s で作成 / 調査定義 %s (版 %lld)", NB_PROGRAM, NB_VERSION, def->id,
                          (long long)def->version);
    nb_survey_derive(def, a, &d->sub);
    build_items(d);
    build_pc_check(d);

    bool *used = xcalloc(def->n_fields + 1, sizeof *used);
    for (size_t s = 0; s < sizeof layout / sizeof layout[0]; s++) {
        add_section(d, layout[s].kind, layout[s].title);
        for (size_t k = 0; k < MAX_IDS && layout[s].ids[k]; k++) {
            for (size_t f = 0; f < def->n_fields; f++) {
                if (strcmp(def->fields[f].id, layout[s].ids[k]) == 0) {
                    add_value(d, &def->fields[f]);
                    used[f] = true;
                }
            }
        }
    }
    bool extra = false;
    for (size_t f = 0; f < def->n_fields; f++) {
        if (used[f] || placed_elsewhere(def->fields[f].id))
            continue;
        if (!extra) {
            add_section(d, NB_XS_FIELDS, "その他の回答");
            extra = true;
        }
        add_value(d, &def->fields[f]);
    }
    free(used);
    return d;
}

void nb_xdoc_free(nb_xdoc *d)
{
    if (!d)
        return;
    free(d->title);
    free(d->recipient);
    free(d->addressee);
    free(d->form_number);
    free(d->made_on);
    free(d->marks);
    free(d->footer);
    for (size_t i = 0; i < d->n_items; i++) {
        free(d->items[i].category_id);
        free(d->items[i].category);
        free(d->items[i].description);
        free(d->items[i].reason);
        free(d->items[i].quantity_text);
        free(d->items[i].unit_price_text);
    }
    free(d->items);
    free(d->pc_checked_at);
    free(d->pc_checked_at_iso);
    free(d->pc_platform);
    free(d->pc_overall);
    for (size_t i = 0; i < d->n_checks; i++) {
        free(d->checks[i].id);
        free(d->checks[i].title);
        free(d->checks[i].status);
        free(d->checks[i].status_label);
        free(d->checks[i].measured);
    }
    free(d->checks);
    for (size_t s = 0; s < d->n_sections; s++) {
        for (size_t v = 0; v < d->sections[s].n_values; v++) {
            free(d->sections[s].values[v].text);
            free(d->sections[s].values[v].raw);
        }
        free(d->sections[s].values);
        free(d->sections[s].title);
    }
    free(d->sections);
    free(d);
}

const nb_xvalue *nb_xdoc_value(const nb_xdoc *d, const char *field_id)
{
    for (size_t s = 0; s < d->n_sections; s++)
        for (size_t v = 0; v < d->sections[s].n_values; v++)
            if (strcmp(d->sections[s].values[v].field->id, field_id) == 0)
                return &d->sections[s].values[v];
    return NULL;
}

const char *nb_xdoc_text(const nb_xdoc *d, const char *field_id)
{
    const nb_xvalue *v = nb_xdoc_value(d, field_id);
    return v ? v->text : "";
}

const char *nb_xamount_label(nb_xamount k)
{
    static const char *const labels[NB_XA_COUNT] = {
        "総事業費", "寄付金その他の収入額", "差引額", "対象経費の実支出予定額",
        "基準額", "選定額", "補助所要額"};
    return k < NB_XA_COUNT ? labels[k] : "";
}

const char *nb_xamount_id(nb_xamount k)
{
    static const char *const ids[NB_XA_COUNT] = {"total", "other_income", "net", "eligible",
                                                 "base", "selected", "subsidy"};
    return k < NB_XA_COUNT ? ids[k] : "";
}

const char *nb_xamount_letter(nb_xamount k)
{
    static const char *const letters[NB_XA_COUNT] = {"A", "B", "C", "D", "E", "F", "G"};
    return k < NB_XA_COUNT ? letters[k] : "";
}

int64_t nb_xamount_value(const nb_xdoc *d, nb_xamount k)
{
    switch (k) {
    case NB_XA_TOTAL: return d->sub.total;
    case NB_XA_OTHER_INCOME: return d->sub.other_income;
    case NB_XA_NET: return d->sub.net;
    case NB_XA_ELIGIBLE: return d->sub.eligible;
    case NB_XA_BASE: return d->sub.base;
    case NB_XA_SELECTED: return d->sub.selected;
    case NB_XA_SUBSIDY: return d->sub.subsidy;
    default: return 0;
    }
}

const char *nb_xamount_rule(const nb_xdoc *d, nb_xamount k, char *buf, size_t n)
{
    const nb_money_rule *m = &d->def->money;
    char unit[32], cap[32];
    switch (k) {
    case NB_XA_TOTAL:
        snprintf(buf, n, "物品・経費の金額の合計");
        break;
    case NB_XA_OTHER_INCOME:
        snprintf(buf, n, "寄付金・他の補助金など");
        break;
    case NB_XA_NET:
        snprintf(buf, n, "(A)-(B)"); /* half-width like the letters in the labels */
        break;
    case NB_XA_ELIGIBLE:
        snprintf(buf, n, "補助対象の物品・経費の合計");
        break;
    case NB_XA_BASE:
        snprintf(buf, n, "1医療機関当たりの基準額");
        break;
    case NB_XA_SELECTED:
        snprintf(buf, n, "(C)(D)(E)のうち最も少ない額");
        break;
    case NB_XA_SUBSIDY:
        nb_yen_format(m->unit, unit, sizeof unit);
        if (m->cap > 0) {
            nb_yen_format(m->cap, cap, sizeof cap);
            snprintf(buf, n, "(F)×%lld/%lld (%s未満切り捨て、上限%s)", (long long)m->rate_num,
                     (long long)m->rate_den, unit, cap);
        } else {
            snprintf(buf, n, "(F)×%lld/%lld (%s未満切り捨て)", (long long)m->rate_num,
                     (long long)m->rate_den, unit);
        }
        break;
    default:
        buf[0] = '\0';
    }
    return buf;
}
