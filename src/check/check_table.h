/* The PC checks as one table, shared by both platforms: each check is one
 * descriptor (id, title, whether it is required, which worker runs it,
 * the probe that gathers its facts and the rule that judges them), the
 * way tmux describes a command in one cmd_entry. Adding a check is one
 * entry here plus its probe on each platform.
 *
 * The probe functions (nb_gather_*) have one declaration and one
 * definition per platform: src/check/linux/gather.c for Linux and
 * src/check/win/ for nanbyo-check.exe. The table itself and the rules are
 * pure C that builds for both. */
#ifndef NANBYO_CHECK_TABLE_H
#define NANBYO_CHECK_TABLE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "nanbyo/check.h"
#include "nanbyo/definition.h"
#include "nanbyo/probe.h"

/* Everything the probes found on one PC. */
typedef struct {
    nb_session_facts session;
    nb_mem_facts mem;
    nb_disk_facts disk;
    nb_display_facts display;
    nb_browser_facts browsers;
    nb_software_facts software;
    nb_printer_facts printers;
    nb_proxy_facts proxy;
    nb_dns_facts dns;
    nb_https_facts https;
    nb_vpn_facts vpn;
} nb_pc_facts;

/* What a probe may look at besides the machine itself. */
typedef struct {
    nb_probe_ctx ctx;             /* Linux: fixture root and environment */
    const nb_pc_requirements *pc;
    const char *url;              /* HTTPS target */
    const char *cacert;           /* extra CA (Linux) */
    const char *ovpn;             /* .ovpn file or NULL */
    int64_t deadline_ms;          /* nb_now_ms() clock */
    int manual_w, manual_h;       /* display entered by hand, 0 = none */
} nb_probe_env;

/* Which worker runs a check: the local ones one after another, the
 * printer list on its own (a scheduler may be slow), and each network
 * probe concurrently under the run's one deadline. */
typedef enum {
    NB_STAGE_LOCAL,
    NB_STAGE_PRINTER,
    NB_STAGE_DNS,
    NB_STAGE_HTTPS,
    NB_STAGE_VPN,
    NB_STAGE_COUNT
} nb_check_stage;

typedef struct {
    const char *id;        /* NULL: one check per software id of the definition */
    const char *title;     /* NULL: nb_rule_software_title(id) */
    nb_check_stage stage;
    bool network;          /* na ("実行しませんでした") when the clerk did not agree */
    /* Required for the overall verdict (a fail then exits 1). */
    bool (*required)(const nb_pc_requirements *pc, const nb_probe_env *env);
    /* Fills its part of the facts; NULL when an earlier entry of the same
     * stage already gathered them (clock reads the HTTPS facts). */
    void (*probe)(const nb_probe_env *env, nb_pc_facts *f);
    /* The rule: facts in, one result out (id is the software id for the
     * per-software entry, else the entry's own). */
    void (*judge)(const nb_pc_requirements *pc, const nb_pc_facts *f, const char *id,
                  nb_check_result *r);
} nb_check_entry;

extern const nb_check_entry nb_check_table[];
extern const size_t nb_check_table_len;

/* One slot of a run: an entry, and the id it stands for. */
typedef struct {
    const nb_check_entry *entry;
    const char *id;
    const char *title;
} nb_check_slot;

/* The slots of a run in report order (software entries expanded per the
 * definition's software list). Returns how many were written (at most max). */
size_t nb_check_slots(const nb_pc_requirements *pc, nb_check_slot *out, size_t max);
/* A pending result for a slot (id, title, required, network set). */
void nb_check_slot_pending(const nb_check_slot *s, const nb_pc_requirements *pc,
                           const nb_probe_env *env, nb_check_result *r);
/* Judge a slot from gathered facts, keeping the table's id, title,
 * required and network. */
void nb_check_slot_judge(const nb_check_slot *s, const nb_pc_requirements *pc,
                         const nb_probe_env *env, const nb_pc_facts *f, nb_check_result *r);
/* Gather and judge, in table order, every slot of one stage: a probe runs
 * once for consecutive slots of its entry, into f (zeroed by the caller,
 * this worker's own: no two threads share it), and done(ctx, i, result,
 * f) receives each slot's result as soon as it is judged. The loop both
 * platforms' runners share. */
typedef void nb_check_done_fn(void *ctx, size_t slot, const nb_check_result *r, const nb_pc_facts *f);
void nb_check_stage_run(const nb_check_slot *slots, size_t n, nb_check_stage stage,
                        const nb_pc_requirements *pc, const nb_probe_env *env, nb_pc_facts *f,
                        nb_check_done_fn *done, void *ctx);

/* ---- the platform's probes (one definition per platform) ------------ */
void nb_gather_session(const nb_probe_env *env, nb_pc_facts *f);
void nb_gather_memory(const nb_probe_env *env, nb_pc_facts *f);
void nb_gather_disk(const nb_probe_env *env, nb_pc_facts *f);
/* Uses env->manual_w/h when given, else measures. */
void nb_gather_display(const nb_probe_env *env, nb_pc_facts *f);
void nb_gather_browsers(const nb_probe_env *env, nb_pc_facts *f);
void nb_gather_software(const nb_probe_env *env, nb_pc_facts *f);
void nb_gather_printers(const nb_probe_env *env, nb_pc_facts *f);
void nb_gather_proxy(const nb_probe_env *env, nb_pc_facts *f);
void nb_gather_dns(const nb_probe_env *env, nb_pc_facts *f);
void nb_gather_https(const nb_probe_env *env, nb_pc_facts *f);
void nb_gather_vpn(const nb_probe_env *env, nb_pc_facts *f);

/* Shared: the display facts of a hand-entered size. */
void nb_display_manual(int w, int h, nb_display_facts *out);

#endif
