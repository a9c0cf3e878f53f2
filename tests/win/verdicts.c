/* The shared rules on fixed facts, printed one result per line. Built
 * twice, for Linux and for Windows (mingw), from the same source; the
 * Windows tests (tests/integration/test_win_rules.py) run both and
 * require byte-identical output: the same facts give the same verdicts,
 * numbers and sentences on both platforms (printf of the two C
 * libraries included). Also parses a requirements file given as the
 * first argument, so the two parsers are compared too.
 * Usage: verdicts [REQUIREMENTS-FILE] */
#include "../../src/check/check_table.h"
#include "../../src/check/json_out.h"
#include "../../src/check/probe_rules.h"
#include "nanbyo/requirements.h"
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef _WIN32
#include <fcntl.h>
#include <io.h>
#endif

static char *BROWSERS[] = {"edge", "chrome", "safari"};
static char *SOFTWARE[] = {"acrobat_reader", "excel", "aws_vpn_client"};

static nb_pc_requirements base_pc(void)
{
    nb_pc_requirements pc = {
        .ram_gb = 8, .ram_tolerance_percent = 10, .ram_required = false, .disk_free_gb = 40,
        .display_min_w = 1280, .display_min_h = 1024, .display_rec_w = 1920, .display_rec_h = 1080,
        .browsers = BROWSERS, .n_browsers = 3, .software = SOFTWARE, .n_software = 3,
        .printer_paper = "A4", .tcp_port = 443, .https_url = "https://localhost/",
        .clock_skew_warn_s = 300, .clock_skew_fail_s = 900, .timeout_s = 10,
    };
    return pc;
}

static void show(const char *name, const nb_check_result *r)
{
    /* JSON-escaped, so a newline in a text cannot split a line */
    nb_json_out j = {0};
    nb_json_begin_array(&j, NULL);
    nb_json_string(&j, NULL, name);
    nb_json_string(&j, NULL, r->id);
    nb_json_string(&j, NULL, nb_check_status_id(r->status));
    nb_json_bool(&j, NULL, r->required);
    nb_json_string(&j, NULL, r->measured);
    nb_json_string(&j, NULL, r->required_text);
    nb_json_string(&j, NULL, r->detail);
    nb_json_string(&j, NULL, r->advice);
    nb_json_end_array(&j);
    char *s = nb_json_finish(&j);
    for (char *p = s; p && *p; p++)
        if (*p == '\n')
            *p = ' ';
    printf("%s\n", s ? s : "(no memory)");
    free(s);
}

static void platform_cases(const char *plat, bool windows)
{
    nb_pc_requirements pc = base_pc();
    nb_session_facts s = {0};
    s.windows = windows;
    s.win_major = windows ? 10 : 0;
    s.win_build = windows ? 19045 : 0;
    snprintf(s.os_name, sizeof s.os_name, "%s", windows ? "Windows 10 Pro 22H2 (10.0.19045)" : "Debian GNU/Linux 12");
    snprintf(s.os_id, sizeof s.os_id, "%s", windows ? "windows" : "debian");
    char name[64];
    nb_check_result r;

    nb_rule_os(&s, &r);
    snprintf(name, sizeof name, "%s os", plat);
    show(name, &r);
    s.rdp = windows;
    nb_rule_os(&s, &r);
    snprintf(name, sizeof name, "%s os rdp", plat);
    show(name, &r);
    s.rdp = false;

    /* RAM around the threshold: installed, and usable only */
    static const uint64_t ram[] = {8000000000ULL, 7999999999ULL, 8589934592ULL, 4294967296ULL};
    for (size_t i = 0; i < 4; i++) {
        nb_mem_facts m = {0};
        m.installed = ram[i];
        snprintf(m.installed_src, sizeof m.installed_src, "installed");
        nb_rule_ram(&pc, &m, &s, &r);
        snprintf(name, sizeof name, "%s ram installed %zu", plat, i);
        show(name, &r);
        nb_mem_facts u = {0};
        u.usable = ram[i] - ram[i] / 10;
        snprintf(u.usable_src, sizeof u.usable_src, "usable");
        nb_rule_ram(&pc, &u, &s, &r);
        snprintf(name, sizeof name, "%s ram usable %zu", plat, i);
        show(name, &r);
    }
    nb_mem_facts none = {0};
    nb_rule_ram(&pc, &none, &s, &r);
    snprintf(name, sizeof name, "%s ram none", plat);
    show(name, &r);

    /* disk: exactly 40 GiB, a byte less, unreadable */
    static const uint64_t disk[] = {40ULL << 30, (40ULL << 30) - 1, 123456789012ULL};
    for (size_t i = 0; i < 4; i++) {
        nb_disk_facts d = {0};
        d.n = 1;
        snprintf(d.v[0].label, sizeof d.v[0].label, "システム");
        snprintf(d.v[0].path, sizeof d.v[0].path, "%s", windows ? "C:\\" : "/");
        d.v[0].ok = i < 3;
        if (i < 3) {
            d.v[0].space.avail = disk[i];
            d.v[0].space.total = 256ULL << 30;
        } else {
            snprintf(d.v[0].err, sizeof d.v[0].err, "読めません");
        }
        nb_rule_disk(&pc, &d, &s, &r);
        snprintf(name, sizeof name, "%s disk %zu", plat, i);
        show(name, &r);
    }

    /* displays: 1366x768 fails on height, 1920x1080 passes, 1280x1024 warns, two monitors */
    static const int screens[][4] = {{1366, 768, 0, 0}, {1920, 1080, 0, 0}, {1280, 1024, 0, 0},
                                     {1366, 768, 1920, 1080}, {1024, 768, 1280, 800}};
    for (size_t i = 0; i < 5; i++) {
        nb_display_facts d = {0};
        d.n = screens[i][2] ? 2 : 1;
        for (size_t k = 0; k < d.n; k++) {
            snprintf(d.m[k].name, sizeof d.m[k].name, "DISPLAY%zu", k + 1);
            d.m[k].w = screens[i][2 * k];
            d.m[k].h = screens[i][2 * k + 1];
        }
        snprintf(d.source, sizeof d.source, "test");
        nb_rule_display(&pc, &d, &s, &r);
        snprintf(name, sizeof name, "%s display %zu", plat, i);
        show(name, &r);
    }

    /* browsers */
    nb_browser_facts b = {0};
    nb_rule_browser(&pc, &b, &s, &r);
    snprintf(name, sizeof name, "%s browser none", plat);
    show(name, &r);
    b.chrome.found = true;
    snprintf(b.chrome.where, sizeof b.chrome.where, "C:\\chrome.exe");
    snprintf(b.chrome.version, sizeof b.chrome.version, "120.0.1");
    nb_rule_browser(&pc, &b, &s, &r);
    snprintf(name, sizeof name, "%s browser chrome", plat);
    show(name, &r);

    /* software */
    nb_software_facts sw = {0};
    for (size_t i = 0; i < 3; i++) {
        nb_rule_software(SOFTWARE[i], &sw, &s, &r);
        snprintf(name, sizeof name, "%s %s absent", plat, SOFTWARE[i]);
        show(name, &r);
    }
    sw.awsvpn.found = sw.acrobat.found = sw.excel.found = true;
    snprintf(sw.awsvpn.version, sizeof sw.awsvpn.version, "3.9.0");
    snprintf(sw.awsvpn.where, sizeof sw.awsvpn.where, "HKLM: AWS VPN Client");
    for (size_t i = 0; i < 3; i++) {
        nb_rule_software(SOFTWARE[i], &sw, &s, &r);
        snprintf(name, sizeof name, "%s %s present", plat, SOFTWARE[i]);
        show(name, &r);
    }

    /* printers: none, A4, Letter only, unreachable */
    nb_printer_facts p = {0};
    p.reachable = true;
    nb_rule_printer(&pc, &p, &s, &r);
    snprintf(name, sizeof name, "%s printer none", plat);
    show(name, &r);
    p.n = 2;
    snprintf(p.p[0].name, sizeof p.p[0].name, "A4");
    p.p[0].has_paper = true;
    snprintf(p.p[1].name, sizeof p.p[1].name, "Letter");
    p.p[1].is_default = true;
    nb_rule_printer(&pc, &p, &s, &r);
    snprintf(name, sizeof name, "%s printer a4", plat);
    show(name, &r);
    p.p[0].has_paper = false;
    nb_rule_printer(&pc, &p, &s, &r);
    snprintf(name, sizeof name, "%s printer letter", plat);
    show(name, &r);
    p.reachable = false;
    nb_rule_printer(&pc, &p, &s, &r);
    snprintf(name, sizeof name, "%s printer unreachable", plat);
    show(name, &r);

    /* proxy */
    nb_proxy_facts px = {0};
    nb_rule_proxy(&px, &s, &r);
    snprintf(name, sizeof name, "%s proxy none", plat);
    show(name, &r);
    snprintf(px.https, sizeof px.https, "http://proxy.example:8080");
    snprintf(px.no, sizeof px.no, "localhost");
    nb_rule_proxy(&px, &s, &r);
    snprintf(name, sizeof name, "%s proxy set", plat);
    show(name, &r);

    /* HTTPS and clock: ok, skew, intercept, TLS failure */
    static const int64_t skews[] = {0, 300, 301, -900, 901};
    for (size_t i = 0; i < 5; i++) {
        nb_https_facts h = {0};
        h.outcome = NB_NET_OK;
        h.http_code = 200;
        h.have_date = true;
        h.skew_s = skews[i];
        snprintf(h.url, sizeof h.url, "https://localhost/");
        snprintf(h.issuer, sizeof h.issuer, "%s", i == 2 ? "Zscaler Intermediate" : "Test CA");
        h.intercept = i == 2 && nb_issuer_is_inspector(h.issuer, h.intercept_why, sizeof h.intercept_why);
        nb_rule_https(&pc, &h, &r);
        snprintf(name, sizeof name, "%s https %zu", plat, i);
        show(name, &r);
        nb_rule_clock(&pc, &h, &r);
        snprintf(name, sizeof name, "%s clock %zu", plat, i);
        show(name, &r);
    }
    nb_https_facts bad = {0};
    bad.outcome = NB_NET_TLS_FAIL;
    snprintf(bad.err, sizeof bad.err, "証明書");
    nb_rule_https(&pc, &bad, &r);
    snprintf(name, sizeof name, "%s https tls", plat);
    show(name, &r);

    /* VPN */
    nb_vpn_facts v = {0};
    nb_rule_vpn(&pc, &v, &r);
    snprintf(name, sizeof name, "%s vpn none", plat);
    show(name, &r);
    v.configured = true;
    v.outcome = NB_NET_REFUSED;
    snprintf(v.host, sizeof v.host, "vpn.example");
    snprintf(v.proto, sizeof v.proto, "tcp");
    v.port = 443;
    nb_rule_vpn(&pc, &v, &r);
    snprintf(name, sizeof name, "%s vpn refused", plat);
    show(name, &r);
}

int main(int argc, char **argv)
{
#ifdef _WIN32
    _setmode(_fileno(stdout), _O_BINARY); /* the same bytes as on Linux: no CR */
#endif
    platform_cases("linux", false);
    platform_cases("windows", true);
    if (argc > 1) {
        FILE *f = fopen(argv[1], "rb");
        static char text[70000];
        size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0;
        if (f)
            fclose(f);
        nb_pc_requirements pc;
        nb_error err = {{0}};
        if (nb_requirements_parse(text, n, "requirements", &pc, &err) != 0) {
            printf("requirements refused: %s\n", err.msg);
        } else {
            char *again = nb_requirements_format(&pc, "again", &err);
            printf("requirements read back:\n%s", again ? again : err.msg);
            free(again);
            nb_requirements_free(&pc);
        }
    }
    return 0;
}
