/* The table of PC checks (see check_table.h). Order is report order: the
 * `check --json` contract lists the checks in exactly this order. Pure C
 * for both platforms: the probes it names are the platform's. */
#include "check_table.h"
#include "probe_rules.h"
#include <stdio.h>
#include <string.h>

static bool always(const nb_pc_requirements *pc, const nb_probe_env *env)
{
    (void)pc, (void)env;
    return true;
}
static bool never(const nb_pc_requirements *pc, const nb_probe_env *env)
{
    (void)pc, (void)env;
    return false;
}
static bool ram_required(const nb_pc_requirements *pc, const nb_probe_env *env)
{
    (void)env;
    return pc->ram_required;
}
static bool vpn_given(const nb_pc_requirements *pc, const nb_probe_env *env)
{
    (void)pc;
    return env && env->ovpn && *env->ovpn;
}

/* The rules take their facts in different shapes; these adapt them to the
 * table's one signature. */
static void judge_os(const nb_pc_requirements *pc, const nb_pc_facts *f, const char *id,
                     nb_check_result *r)
{
    (void)pc, (void)id;
    nb_rule_os(&f->session, r);
}
static void judge_ram(const nb_pc_requirements *pc, const nb_pc_facts *f, const char *id,
                      nb_check_result *r)
{
    (void)id;
    nb_rule_ram(pc, &f->mem, &f->session, r);
}
static void judge_disk(const nb_pc_requirements *pc, const nb_pc_facts *f, const char *id,
                       nb_check_result *r)
{
    (void)id;
    nb_rule_disk(pc, &f->disk, &f->session, r);
}
static void judge_display(const nb_pc_requirements *pc, const nb_pc_facts *f, const char *id,
                          nb_check_result *r)
{
    (void)id;
    nb_rule_display(pc, &f->display, &f->session, r);
}
static void judge_browser(const nb_pc_requirements *pc, const nb_pc_facts *f, const char *id,
                          nb_check_result *r)
{
    (void)id;
    nb_rule_browser(pc, &f->browsers, &f->session, r);
}
static void judge_software(const nb_pc_requirements *pc, const nb_pc_facts *f, const char *id,
                           nb_check_result *r)
{
    (void)pc;
    nb_rule_software(id, &f->software, &f->session, r);
}
static void judge_printer(const nb_pc_requirements *pc, const nb_pc_facts *f, const char *id,
                          nb_check_result *r)
{
    (void)id;
    nb_rule_printer(pc, &f->printers, &f->session, r);
}
static void judge_proxy(const nb_pc_requirements *pc, const nb_pc_facts *f, const char *id,
                        nb_check_result *r)
{
    (void)pc, (void)id;
    nb_rule_proxy(&f->proxy, &f->session, r);
}
static void judge_dns(const nb_pc_requirements *pc, const nb_pc_facts *f, const char *id,
                      nb_check_result *r)
{
    (void)pc, (void)id;
    nb_rule_dns(&f->dns, r);
}
static void judge_https(const nb_pc_requirements *pc, const nb_pc_facts *f, const char *id,
                        nb_check_result *r)
{
    (void)id;
    nb_rule_https(pc, &f->https, r);
}
static void judge_clock(const nb_pc_requirements *pc, const nb_pc_facts *f, const char *id,
                        nb_check_result *r)
{
    (void)id;
    nb_rule_clock(pc, &f->https, r);
}
static void judge_vpn(const nb_pc_requirements *pc, const nb_pc_facts *f, const char *id,
                      nb_check_result *r)
{
    (void)id;
    nb_rule_vpn(pc, &f->vpn, r);
}

const nb_check_entry nb_check_table[] = {
    {.id = "os", .title = "OS と利用環境", .stage = NB_STAGE_LOCAL, .required = never,
     .probe = nb_gather_session, .judge = judge_os},
    {.id = "ram", .title = "メモリ (RAM)", .stage = NB_STAGE_LOCAL, .required = ram_required,
     .probe = nb_gather_memory, .judge = judge_ram},
    {.id = "disk", .title = "ディスクの空き容量", .stage = NB_STAGE_LOCAL, .required = always,
     .probe = nb_gather_disk, .judge = judge_disk},
    {.id = "display", .title = "画面の解像度", .stage = NB_STAGE_LOCAL, .required = always,
     .probe = nb_gather_display, .judge = judge_display},
    {.id = "browser", .title = "ブラウザー", .stage = NB_STAGE_LOCAL, .required = always,
     .probe = nb_gather_browsers, .judge = judge_browser},
    {.id = NULL /* each software id of the definition */, .stage = NB_STAGE_LOCAL,
     .required = never, .probe = nb_gather_software, .judge = judge_software},
    {.id = "printer", .title = "プリンター", .stage = NB_STAGE_PRINTER, .required = always,
     .probe = nb_gather_printers, .judge = judge_printer},
    {.id = "proxy", .title = "プロキシ設定", .stage = NB_STAGE_LOCAL, .required = never,
     .probe = nb_gather_proxy, .judge = judge_proxy},
    {.id = "dns", .title = "名前解決 (DNS)", .stage = NB_STAGE_DNS, .network = true,
     .required = always, .probe = nb_gather_dns, .judge = judge_dns},
    {.id = "https", .title = "HTTPS 接続", .stage = NB_STAGE_HTTPS, .network = true,
     .required = always, .probe = nb_gather_https, .judge = judge_https},
    {.id = "clock", .title = "時計のずれ", .stage = NB_STAGE_HTTPS, .network = true,
     .required = always, .probe = NULL /* the HTTPS answer's Date */, .judge = judge_clock},
    {.id = "vpn", .title = "VPN 接続先", .stage = NB_STAGE_VPN, .network = true,
     .required = vpn_given, .probe = nb_gather_vpn, .judge = judge_vpn},
};
const size_t nb_check_table_len = sizeof nb_check_table / sizeof nb_check_table[0];

size_t nb_check_slots(const nb_pc_requirements *pc, nb_check_slot *out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < nb_check_table_len; i++) {
        const nb_check_entry *e = &nb_check_table[i];
        if (e->id) {
            if (n < max)
                out[n++] = (nb_check_slot){e, e->id, e->title};
            continue;
        }
        for (size_t k = 0; k < pc->n_software; k++)
            if (n < max && pc->software[k])
                out[n++] = (nb_check_slot){e, pc->software[k],
                                           nb_rule_software_title(pc->software[k])};
    }
    return n;
}

void nb_check_slot_pending(const nb_check_slot *s, const nb_pc_requirements *pc,
                           const nb_probe_env *env, nb_check_result *r)
{
    nb_rule_init(r, s->id, s->title, s->entry->required(pc, env));
    r->network = s->entry->network;
}

void nb_check_slot_judge(const nb_check_slot *s, const nb_pc_requirements *pc,
                         const nb_probe_env *env, const nb_pc_facts *f, nb_check_result *r)
{
    s->entry->judge(pc, f, s->id, r);
    r->id = s->id;
    r->title = s->title;
    r->required = s->entry->required(pc, env);
    r->network = s->entry->network;
}

void nb_display_manual(int w, int h, nb_display_facts *out)
{
    memset(out, 0, sizeof *out);
    out->n = 1;
    out->manual = true;
    snprintf(out->m[0].name, sizeof out->m[0].name, "画面");
    out->m[0].w = w;
    out->m[0].h = h;
    snprintf(out->source, sizeof out->source, "手入力");
}

void nb_check_stage_run(const nb_check_slot *slots, size_t n, nb_check_stage stage,
                        const nb_pc_requirements *pc, const nb_probe_env *env, nb_pc_facts *f,
                        nb_check_done_fn *done, void *ctx)
{
    const nb_check_entry *probed = NULL;
    for (size_t i = 0; i < n; i++) {
        const nb_check_slot *s = &slots[i];
        if (s->entry->stage != stage)
            continue;
        if (s->entry != probed && s->entry->probe)
            s->entry->probe(env, f);
        probed = s->entry;
        nb_check_result r;
        nb_check_slot_judge(s, pc, env, f, &r);
        done(ctx, i, &r, f);
    }
}
