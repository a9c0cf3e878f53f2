/* The rules: pure functions that turn probe facts into one check result
 * (pass/warn/fail/unknown/na with the measured value, the requirement,
 * why, and what to do, in Japanese). Thresholds come only from the
 * definition's pc_requirements. No I/O here, so every boundary is
 * unit-tested with injected facts.
 *
 * Units: RAM thresholds are decimal GB as sold (8 GB = 8e9 bytes; an
 * "8 GB" PC has 8 GiB installed and about 7.3-7.8 GiB usable, which the
 * tolerance covers). Free disk is in binary GB (1 GB = 1024^3 bytes, as
 * Windows Explorer and df -h count), so "40 GB" means 40 GiB and a PC
 * passes under either way of counting. */
#ifndef NANBYO_PROBE_RULES_H
#define NANBYO_PROBE_RULES_H
#include "nanbyo/check.h"
#include "nanbyo/definition.h"
#include "nanbyo/probe.h"

/* Fill id, title and required; status pending, texts empty. */
void nb_rule_init(nb_check_result *r, const char *id, const char *title, bool required);

void nb_rule_os(const nb_session_facts *s, nb_check_result *r);
void nb_rule_ram(const nb_pc_requirements *pc, const nb_mem_facts *m,
                 const nb_session_facts *s, nb_check_result *r);
void nb_rule_disk(const nb_pc_requirements *pc, const nb_disk_facts *d,
                  const nb_session_facts *s, nb_check_result *r);
void nb_rule_display(const nb_pc_requirements *pc, const nb_display_facts *d,
                     const nb_session_facts *s, nb_check_result *r);
void nb_rule_browser(const nb_pc_requirements *pc, const nb_browser_facts *b,
                     const nb_session_facts *s, nb_check_result *r);
/* One software id of the definition: acrobat_reader, excel, aws_vpn_client. */
void nb_rule_software(const char *id, const nb_software_facts *sw,
                      const nb_session_facts *s, nb_check_result *r);
void nb_rule_printer(const nb_pc_requirements *pc, const nb_printer_facts *p,
                     const nb_session_facts *s, nb_check_result *r);
void nb_rule_proxy(const nb_proxy_facts *p, const nb_session_facts *s, nb_check_result *r);
void nb_rule_dns(const nb_dns_facts *d, nb_check_result *r);
void nb_rule_https(const nb_pc_requirements *pc, const nb_https_facts *h, nb_check_result *r);
void nb_rule_clock(const nb_pc_requirements *pc, const nb_https_facts *h, nb_check_result *r);
void nb_rule_vpn(const nb_pc_requirements *pc, const nb_vpn_facts *v, nb_check_result *r);

/* A network check that did not run (--no-network): na, "実行しませんでした". */
void nb_rule_not_run(nb_check_result *r);
/* A check still running at the deadline. */
void nb_rule_deadline(nb_check_result *r, double timeout_s, bool network);

/* Title of a software id ("Acrobat Reader"). */
const char *nb_rule_software_title(const char *id);

#endif
