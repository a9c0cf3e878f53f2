/* The Linux probes behind the check table (check_table.h): each gathers
 * one part of the facts through the probe context, so tests can point
 * them at a fixture tree. */
#include "../check_table.h"
#include <stdio.h>
#include <string.h>

void nb_gather_session(const nb_probe_env *env, nb_pc_facts *f)
{
    nb_probe_session(&env->ctx, &f->session);
}

void nb_gather_memory(const nb_probe_env *env, nb_pc_facts *f)
{
    nb_probe_memory(&env->ctx, &f->mem);
}

void nb_gather_disk(const nb_probe_env *env, nb_pc_facts *f)
{
    nb_probe_disk(&env->ctx, &f->disk);
}

void nb_gather_display(const nb_probe_env *env, nb_pc_facts *f)
{
    if (env->manual_w > 0 && env->manual_h > 0)
        nb_display_manual(env->manual_w, env->manual_h, &f->display);
    else
        nb_probe_display(&env->ctx, &f->session, &f->display);
}

void nb_gather_browsers(const nb_probe_env *env, nb_pc_facts *f)
{
    nb_probe_browsers(&env->ctx, &f->browsers);
}

void nb_gather_software(const nb_probe_env *env, nb_pc_facts *f)
{
    nb_probe_software(&env->ctx, &f->software);
}

void nb_gather_printers(const nb_probe_env *env, nb_pc_facts *f)
{
    const char *paper = env->pc->printer_paper && *env->pc->printer_paper ? env->pc->printer_paper : "A4";
    nb_probe_printers(paper, &f->printers);
}

void nb_gather_proxy(const nb_probe_env *env, nb_pc_facts *f)
{
    nb_probe_proxy(&env->ctx, &f->proxy);
}

void nb_gather_dns(const nb_probe_env *env, nb_pc_facts *f)
{
    char host[256];
    if (!nb_url_host(env->url, host, sizeof host)) {
        memset(&f->dns, 0, sizeof f->dns);
        f->dns.outcome = NB_NET_OTHER;
        snprintf(f->dns.err, sizeof f->dns.err, "確認先の URL が正しくありません");
        return;
    }
    nb_probe_dns(host, &f->dns);
}

void nb_gather_https(const nb_probe_env *env, nb_pc_facts *f)
{
    nb_probe_https(&env->ctx, env->url, env->cacert, env->deadline_ms, &f->https);
}

void nb_gather_vpn(const nb_probe_env *env, nb_pc_facts *f)
{
    nb_probe_vpn(env->ovpn, 1194, env->deadline_ms, &f->vpn);
}
