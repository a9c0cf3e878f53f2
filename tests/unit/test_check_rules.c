/* The PC-check rules with injected facts: every boundary of the Yamaguchi
 * thresholds (exactly 40 GB free, 1280x1024, 1366x768 failing on height,
 * 7.6 GB usable on an 8 GB PC), and every status of every check. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "../../src/check/probe_rules.h"

static char *BROWSERS[] = {"edge", "chrome", "safari"};
static char *SOFTWARE[] = {"acrobat_reader", "excel", "aws_vpn_client"};

static nb_pc_requirements yamaguchi(void)
{
    nb_pc_requirements pc = {0};
    pc.ram_gb = 8;
    pc.ram_tolerance_percent = 10;
    pc.ram_required = false;
    pc.disk_free_gb = 40;
    pc.display_min_w = 1280;
    pc.display_min_h = 1024;
    pc.display_rec_w = 1920;
    pc.display_rec_h = 1080;
    pc.browsers = BROWSERS;
    pc.n_browsers = 3;
    pc.software = SOFTWARE;
    pc.n_software = 3;
    pc.printer_paper = "A4";
    pc.tcp_port = 443;
    pc.https_url = "https://127.0.0.1:1/";
    pc.clock_skew_warn_s = 300;
    pc.clock_skew_fail_s = 900;
    pc.timeout_s = 10;
    return pc;
}

static const nb_session_facts PLAIN = {.os_name = "Ubuntu 22.04", .os_id = "ubuntu"};

#define GIB (1024ULL * 1024 * 1024)

/* Every result carries the texts a clerk needs. */
static void assert_explained(const nb_check_result *r)
{
    assert_true(r->measured[0] != '\0');
    assert_true(r->required_text[0] != '\0');
    if (r->status != NB_CHECK_PASS && r->status != NB_CHECK_NA)
        assert_true(r->advice[0] != '\0');
}

/* ---- disk ------------------------------------------------------------- */
static nb_disk_facts one_volume(uint64_t avail)
{
    nb_disk_facts d = {0};
    d.n = 1;
    snprintf(d.v[0].label, sizeof d.v[0].label, "ホーム");
    snprintf(d.v[0].path, sizeof d.v[0].path, "/home/clerk");
    d.v[0].ok = true;
    d.v[0].space.avail = avail;
    d.v[0].space.total = 500 * GIB;
    return d;
}

static void disk_exactly_40_passes(void **state)
{
    (void)state;
    nb_pc_requirements pc = yamaguchi();
    nb_check_result r;
    nb_disk_facts d = one_volume(40 * GIB);
    nb_rule_disk(&pc, &d, &PLAIN, &r);
    assert_int_equal(r.status, NB_CHECK_PASS);
    assert_true(r.required);
    assert_non_null(strstr(r.measured, "空き 40.0 GB"));
    assert_explained(&r);
}

static void disk_one_byte_short_fails(void **state)
{
    (void)state;
    nb_pc_requirements pc = yamaguchi();
    nb_check_result r;
    nb_disk_facts d = one_volume(40 * GIB - 1);
    nb_rule_disk(&pc, &d, &PLAIN, &r);
    assert_int_equal(r.status, NB_CHECK_FAIL);
    assert_non_null(strstr(r.detail, "/home/clerk"));
    assert_non_null(strstr(r.advice, "40 GB"));
    assert_explained(&r);
}

static void disk_worst_volume_decides(void **state)
{
    (void)state;
    nb_pc_requirements pc = yamaguchi();
    nb_check_result r;
    nb_disk_facts d = one_volume(100 * GIB);
    d.n = 2;
    d.v[1] = d.v[0];
    snprintf(d.v[1].label, sizeof d.v[1].label, "システム");
    snprintf(d.v[1].path, sizeof d.v[1].path, "/");
    d.v[1].space.avail = 12 * GIB;
    nb_rule_disk(&pc, &d, &PLAIN, &r);
    assert_int_equal(r.status, NB_CHECK_FAIL);
    assert_non_null(strstr(r.detail, "システム"));
}

static void disk_downloads_short_warns(void **state)
{
    (void)state;
    nb_pc_requirements pc = yamaguchi();
    nb_check_result r;
    nb_disk_facts d = one_volume(100 * GIB);
    d.n = 2;
    d.v[1] = d.v[0];
    snprintf(d.v[1].label, sizeof d.v[1].label, "ダウンロード");
    snprintf(d.v[1].path, sizeof d.v[1].path, "/mnt/share/Downloads");
    d.v[1].space.avail = 5 * GIB;
    nb_rule_disk(&pc, &d, &PLAIN, &r);
    assert_int_equal(r.status, NB_CHECK_WARN);
    assert_non_null(strstr(r.detail, "/mnt/share/Downloads"));
    d.v[0].space.avail = 5 * GIB; /* home short too: fail */
    nb_rule_disk(&pc, &d, &PLAIN, &r);
    assert_int_equal(r.status, NB_CHECK_FAIL);
}

static void disk_unreadable_is_unknown(void **state)
{
    (void)state;
    nb_pc_requirements pc = yamaguchi();
    nb_check_result r;
    nb_disk_facts d = one_volume(0);
    d.v[0].ok = false;
    snprintf(d.v[0].err, sizeof d.v[0].err, "フォルダーがありません");
    nb_rule_disk(&pc, &d, &PLAIN, &r);
    assert_int_equal(r.status, NB_CHECK_UNKNOWN);
    assert_non_null(strstr(r.measured, "フォルダーがありません"));
    nb_session_facts wsl = PLAIN;
    wsl.wsl = true;
    d = one_volume(100 * GIB);
    nb_rule_disk(&pc, &d, &wsl, &r);
    assert_int_equal(r.status, NB_CHECK_UNKNOWN);
}

/* ---- display ---------------------------------------------------------- */
static nb_display_facts monitors(int n, const int *wh)
{
    nb_display_facts d = {0};
    for (int i = 0; i < n; i++) {
        snprintf(d.m[i].name, sizeof d.m[i].name, "OUT-%d", i + 1);
        d.m[i].w = wh[2 * i];
        d.m[i].h = wh[2 * i + 1];
    }
    d.n = (size_t)n;
    snprintf(d.source, sizeof d.source, "/sys/class/drm (推奨解像度)");
    return d;
}

static void display_1280x1024_meets_minimum(void **state)
{
    (void)state;
    nb_pc_requirements pc = yamaguchi();
    nb_check_result r;
    nb_display_facts d = monitors(1, (int[]){1280, 1024});
    nb_rule_display(&pc, &d, &PLAIN, &r);
    assert_int_equal(r.status, NB_CHECK_WARN); /* meets the minimum, below recommended */
    assert_non_null(strstr(r.measured, "1280x1024"));
    assert_non_null(strstr(r.detail, "1920x1080"));
    assert_explained(&r);
}

static void display_1366x768_fails_on_height(void **state)
{
    (void)state;
    nb_pc_requirements pc = yamaguchi();
    nb_check_result r;
    nb_display_facts d = monitors(1, (int[]){1366, 768});
    nb_rule_display(&pc, &d, &PLAIN, &r);
    assert_int_equal(r.status, NB_CHECK_FAIL);
    assert_non_null(strstr(r.detail, "高さ 768 が 1024 未満"));
    assert_null(strstr(r.detail, "幅"));
    assert_explained(&r);
}

static void display_width_short_fails_on_width(void **state)
{
    (void)state;
    nb_pc_requirements pc = yamaguchi();
    nb_check_result r;
    nb_display_facts d = monitors(1, (int[]){1279, 1024});
    nb_rule_display(&pc, &d, &PLAIN, &r);
    assert_int_equal(r.status, NB_CHECK_FAIL);
    assert_non_null(strstr(r.detail, "幅 1279 が 1280 未満"));
    assert_null(strstr(r.detail, "高さ"));
    d = monitors(1, (int[]){1024, 768});
    nb_rule_display(&pc, &d, &PLAIN, &r);
    assert_non_null(strstr(r.detail, "幅 1024"));
    assert_non_null(strstr(r.detail, "高さ 768"));
}

static void display_recommended_and_any_monitor(void **state)
{
    (void)state;
    nb_pc_requirements pc = yamaguchi();
    nb_check_result r;
    nb_display_facts d = monitors(1, (int[]){1920, 1080});
    nb_rule_display(&pc, &d, &PLAIN, &r);
    assert_int_equal(r.status, NB_CHECK_PASS);
    d = monitors(1, (int[]){1920, 1079});
    nb_rule_display(&pc, &d, &PLAIN, &r);
    assert_int_equal(r.status, NB_CHECK_WARN);
    /* a laptop panel plus an external monitor: any monitor passing is enough */
    d = monitors(2, (int[]){1366, 768, 1920, 1080});
    nb_rule_display(&pc, &d, &PLAIN, &r);
    assert_int_equal(r.status, NB_CHECK_PASS);
    assert_non_null(strstr(r.measured, "OUT-1 1366x768"));
    assert_non_null(strstr(r.measured, "OUT-2 1920x1080"));
    /* Xwayland may report scaled sizes: said so */
    nb_session_facts wl = PLAIN;
    wl.wayland = wl.x11 = true;
    snprintf(d.source, sizeof d.source, "xrandr (X11 の現在の解像度)");
    nb_rule_display(&pc, &d, &wl, &r);
    assert_non_null(strstr(r.detail, "Wayland"));
}

static void display_unknown_offers_manual_entry(void **state)
{
    (void)state;
    nb_pc_requirements pc = yamaguchi();
    nb_check_result r;
    nb_display_facts d = {0};
    snprintf(d.why_none, sizeof d.why_none, "SSH 経由の接続で、画面の情報がありません。");
    nb_session_facts ssh = PLAIN;
    ssh.ssh = true;
    nb_rule_display(&pc, &d, &ssh, &r);
    assert_int_equal(r.status, NB_CHECK_UNKNOWN);
    assert_non_null(strstr(r.detail, "SSH"));
    assert_non_null(strstr(r.advice, "手入力"));
    d = monitors(1, (int[]){1366, 768});
    d.manual = true;
    nb_rule_display(&pc, &d, &ssh, &r);
    assert_int_equal(r.status, NB_CHECK_FAIL);
    assert_non_null(strstr(r.detail, "手入力"));
}

/* ---- RAM -------------------------------------------------------------- */
static void ram_usable_7_6_on_8gb_passes(void **state)
{
    (void)state;
    nb_pc_requirements pc = yamaguchi();
    nb_check_result r;
    nb_mem_facts m = {0};
    m.usable = 7600000000ULL; /* 7.6 GB as a decimal figure */
    snprintf(m.usable_src, sizeof m.usable_src, "/proc/meminfo MemTotal");
    nb_rule_ram(&pc, &m, &PLAIN, &r);
    assert_int_equal(r.status, NB_CHECK_PASS);
    assert_non_null(strstr(r.measured, "使用可能 7.6 GB"));
    m.usable = (uint64_t)(7.6 * GIB); /* 7.6 GiB, as free -h shows it */
    nb_rule_ram(&pc, &m, &PLAIN, &r);
    assert_int_equal(r.status, NB_CHECK_PASS);
    /* the edge of the 10 % tolerance: 7.2 GB passes, a byte less does not */
    m.usable = 7200000000ULL;
    nb_rule_ram(&pc, &m, &PLAIN, &r);
    assert_int_equal(r.status, NB_CHECK_PASS);
    m.usable = 7199999999ULL;
    nb_rule_ram(&pc, &m, &PLAIN, &r);
    assert_int_equal(r.status, NB_CHECK_WARN); /* recommended only */
    assert_explained(&r);
    pc.ram_required = true;
    nb_rule_ram(&pc, &m, &PLAIN, &r);
    assert_int_equal(r.status, NB_CHECK_FAIL);
    assert_true(r.required);
}

static void ram_installed_figure_wins(void **state)
{
    (void)state;
    nb_pc_requirements pc = yamaguchi();
    pc.ram_required = true;
    nb_check_result r;
    nb_mem_facts m = {0};
    m.installed = 8 * GIB;
    m.usable = (uint64_t)(6.9 * GIB); /* big graphics carve-out: still 8 GB installed */
    nb_rule_ram(&pc, &m, &PLAIN, &r);
    assert_int_equal(r.status, NB_CHECK_PASS);
    m.installed = 4 * GIB;
    m.usable = (uint64_t)(3.8 * GIB);
    nb_rule_ram(&pc, &m, &PLAIN, &r);
    assert_int_equal(r.status, NB_CHECK_FAIL);
    assert_non_null(strstr(r.detail, "4.3 GB"));
    /* inside a VM the figure is the VM's allocation: warn, not fail */
    nb_session_facts vm = PLAIN;
    vm.vm = true;
    snprintf(vm.vm_kind, sizeof vm.vm_kind, "QEMU");
    nb_rule_ram(&pc, &m, &vm, &r);
    assert_int_equal(r.status, NB_CHECK_WARN);
    assert_non_null(strstr(r.detail, "仮想マシン"));
}

static void ram_unknown_cases(void **state)
{
    (void)state;
    nb_pc_requirements pc = yamaguchi();
    nb_check_result r;
    nb_mem_facts m = {0};
    nb_rule_ram(&pc, &m, &PLAIN, &r);
    assert_int_equal(r.status, NB_CHECK_UNKNOWN);
    assert_explained(&r);
    nb_session_facts wsl = PLAIN;
    wsl.wsl = true;
    m.usable = 16 * GIB;
    nb_rule_ram(&pc, &m, &wsl, &r);
    assert_int_equal(r.status, NB_CHECK_UNKNOWN);
    assert_non_null(strstr(r.detail, "WSL"));
}

/* ---- browsers and software ------------------------------------------- */
static void browsers(void **state)
{
    (void)state;
    nb_pc_requirements pc = yamaguchi();
    nb_check_result r;
    nb_browser_facts b = {0};
    b.edge.found = true;
    snprintf(b.edge.where, sizeof b.edge.where, "/usr/share/applications/microsoft-edge.desktop");
    nb_rule_browser(&pc, &b, &PLAIN, &r);
    assert_int_equal(r.status, NB_CHECK_PASS);
    assert_non_null(strstr(r.measured, "Microsoft Edge"));
    memset(&b, 0, sizeof b);
    b.firefox.found = true;
    nb_rule_browser(&pc, &b, &PLAIN, &r);
    assert_int_equal(r.status, NB_CHECK_WARN);
    assert_non_null(strstr(r.measured, "Firefox"));
    assert_non_null(strstr(r.detail, "Safari は macOS"));
    assert_explained(&r);
    memset(&b, 0, sizeof b);
    nb_rule_browser(&pc, &b, &PLAIN, &r);
    assert_int_equal(r.status, NB_CHECK_FAIL);
    assert_explained(&r);
    nb_session_facts c = PLAIN;
    c.container = true;
    snprintf(c.container_kind, sizeof c.container_kind, "docker");
    nb_rule_browser(&pc, &b, &c, &r);
    assert_int_equal(r.status, NB_CHECK_UNKNOWN);
    /* the definition decides which browsers count */
    char *only_chrome[] = {"chrome"};
    pc.browsers = only_chrome;
    pc.n_browsers = 1;
    b.edge.found = true;
    nb_rule_browser(&pc, &b, &PLAIN, &r);
    assert_int_equal(r.status, NB_CHECK_FAIL);
}

static void software_on_linux(void **state)
{
    (void)state;
    nb_check_result r;
    nb_software_facts sw = {0};
    nb_rule_software("acrobat_reader", &sw, &PLAIN, &r);
    assert_int_equal(r.status, NB_CHECK_NA);
    assert_non_null(strstr(r.detail, "Linux"));
    assert_true(r.advice[0]);
    nb_rule_software("excel", &sw, &PLAIN, &r);
    assert_int_equal(r.status, NB_CHECK_NA);
    nb_rule_software("aws_vpn_client", &sw, &PLAIN, &r); /* Ubuntu: there is a client */
    assert_int_equal(r.status, NB_CHECK_WARN);
    nb_session_facts deb = PLAIN;
    snprintf(deb.os_id, sizeof deb.os_id, "debian");
    nb_rule_software("aws_vpn_client", &sw, &deb, &r);
    assert_int_equal(r.status, NB_CHECK_NA);
    sw.awsvpn.found = true;
    snprintf(sw.awsvpn.where, sizeof sw.awsvpn.where, "/opt/awsvpnclient");
    nb_rule_software("aws_vpn_client", &sw, &deb, &r);
    assert_int_equal(r.status, NB_CHECK_PASS);
    nb_rule_software("something_new", &sw, &deb, &r);
    assert_int_equal(r.status, NB_CHECK_UNKNOWN);
}

/* ---- printer ---------------------------------------------------------- */
static void printer(void **state)
{
    (void)state;
    nb_pc_requirements pc = yamaguchi();
    nb_check_result r;
    nb_printer_facts p = {0};
    snprintf(p.err, sizeof p.err, "印刷の仕組み (CUPS) に接続できませんでした");
    nb_rule_printer(&pc, &p, &PLAIN, &r);
    assert_int_equal(r.status, NB_CHECK_UNKNOWN);
    assert_explained(&r);
    p.reachable = true;
    nb_rule_printer(&pc, &p, &PLAIN, &r);
    assert_int_equal(r.status, NB_CHECK_FAIL);
    assert_explained(&r);
    p.n = 1;
    snprintf(p.p[0].name, sizeof p.p[0].name, "Letter");
    p.p[0].is_default = true;
    nb_rule_printer(&pc, &p, &PLAIN, &r);
    assert_int_equal(r.status, NB_CHECK_WARN);
    assert_non_null(strstr(r.measured, "A4 不可"));
    p.n = 2;
    snprintf(p.p[1].name, sizeof p.p[1].name, "PDF");
    p.p[1].has_paper = p.p[1].is_virtual = true;
    nb_rule_printer(&pc, &p, &PLAIN, &r);
    assert_int_equal(r.status, NB_CHECK_WARN);
    assert_non_null(strstr(r.detail, "仮想プリンター"));
    p.n = 3;
    snprintf(p.p[2].name, sizeof p.p[2].name, "OfficeA4");
    p.p[2].has_paper = true;
    nb_rule_printer(&pc, &p, &PLAIN, &r);
    assert_int_equal(r.status, NB_CHECK_PASS);
    assert_non_null(strstr(r.detail, "既定のプリンターでは A4"));
}

/* ---- proxy, DNS, HTTPS, clock, VPN ------------------------------------ */
static void proxy(void **state)
{
    (void)state;
    nb_check_result r;
    nb_proxy_facts p = {0};
    nb_rule_proxy(&p, NULL, &r);
    assert_int_equal(r.status, NB_CHECK_PASS);
    snprintf(p.https, sizeof p.https, "http://***@proxy.example:8080");
    nb_rule_proxy(&p, NULL, &r);
    assert_int_equal(r.status, NB_CHECK_WARN);
    assert_non_null(strstr(r.measured, "https_proxy="));
    assert_explained(&r);
    memset(&p, 0, sizeof p);
    p.upper_http_only = true;
    nb_rule_proxy(&p, NULL, &r);
    assert_non_null(strstr(r.detail, "HTTP_PROXY"));
}

static void dns(void **state)
{
    (void)state;
    nb_check_result r;
    nb_dns_facts d = {0};
    nb_rule_dns(&d, &r);
    assert_int_equal(r.status, NB_CHECK_NA);
    assert_string_equal(r.measured, "実行しませんでした");
    d.outcome = NB_NET_OK;
    d.literal = true;
    snprintf(d.host, sizeof d.host, "127.0.0.1");
    nb_rule_dns(&d, &r);
    assert_int_equal(r.status, NB_CHECK_NA);
    d.literal = false;
    snprintf(d.host, sizeof d.host, "localhost");
    snprintf(d.addrs, sizeof d.addrs, "127.0.0.1");
    nb_rule_dns(&d, &r);
    assert_int_equal(r.status, NB_CHECK_PASS);
    d.outcome = NB_NET_DNS_FAIL;
    nb_rule_dns(&d, &r);
    assert_int_equal(r.status, NB_CHECK_FAIL);
    assert_explained(&r);
}

static void https(void **state)
{
    (void)state;
    nb_pc_requirements pc = yamaguchi();
    nb_check_result r;
    nb_https_facts h = {0};
    nb_rule_https(&pc, &h, &r);
    assert_int_equal(r.status, NB_CHECK_NA);
    snprintf(h.url, sizeof h.url, "https://127.0.0.1:8443/");
    h.outcome = NB_NET_OK;
    h.http_code = 404; /* any status from the server proves the path */
    snprintf(h.issuer, sizeof h.issuer, "CN=Test Root CA");
    nb_rule_https(&pc, &h, &r);
    assert_int_equal(r.status, NB_CHECK_PASS);
    assert_non_null(strstr(r.measured, "HTTP 404"));
    h.intercept = true;
    snprintf(h.intercept_why, sizeof h.intercept_why, "発行者名に「Zscaler」が含まれます");
    nb_rule_https(&pc, &h, &r);
    assert_int_equal(r.status, NB_CHECK_WARN);
    assert_non_null(strstr(r.detail, "Zscaler"));
    assert_explained(&r);
    h.intercept = false;
    h.outcome = NB_NET_TLS_FAIL;
    snprintf(h.err, sizeof h.err, "サーバー証明書を確認できませんでした");
    nb_rule_https(&pc, &h, &r);
    assert_int_equal(r.status, NB_CHECK_FAIL);
    assert_non_null(strstr(r.measured, "Test Root CA"));
    assert_explained(&r);
    h.outcome = NB_NET_TIMEOUT;
    nb_rule_https(&pc, &h, &r);
    assert_int_equal(r.status, NB_CHECK_FAIL);
    h.outcome = NB_NET_PROXY_FAIL;
    h.http_code = 407;
    nb_rule_https(&pc, &h, &r);
    assert_int_equal(r.status, NB_CHECK_WARN);
}

static void clock_skew(void **state)
{
    (void)state;
    nb_pc_requirements pc = yamaguchi();
    nb_check_result r;
    nb_https_facts h = {0};
    h.outcome = NB_NET_OK;
    h.have_date = true;
    static const struct { int64_t skew; nb_check_status st; } cases[] = {
        {0, NB_CHECK_PASS}, {300, NB_CHECK_PASS}, {-300, NB_CHECK_PASS}, {301, NB_CHECK_WARN},
        {900, NB_CHECK_WARN}, {-900, NB_CHECK_WARN}, {901, NB_CHECK_FAIL}, {-86400, NB_CHECK_FAIL}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        h.skew_s = cases[i].skew;
        nb_rule_clock(&pc, &h, &r);
        assert_int_equal(r.status, cases[i].st);
        assert_explained(&r);
    }
    h.have_date = false;
    nb_rule_clock(&pc, &h, &r);
    assert_int_equal(r.status, NB_CHECK_UNKNOWN);
}

static void vpn(void **state)
{
    (void)state;
    nb_pc_requirements pc = yamaguchi();
    nb_check_result r;
    nb_vpn_facts v = {0};
    nb_rule_vpn(&pc, &v, &r);
    assert_int_equal(r.status, NB_CHECK_NA);
    assert_false(r.required);
    v.configured = true;
    v.outcome = NB_NET_OTHER;
    snprintf(v.file_err, sizeof v.file_err, "VPN 設定ファイル x.ovpn: 接続先 (remote の行) がありません。");
    nb_rule_vpn(&pc, &v, &r);
    assert_int_equal(r.status, NB_CHECK_UNKNOWN);
    assert_true(r.required);
    memset(&v, 0, sizeof v);
    v.configured = true;
    snprintf(v.host, sizeof v.host, "127.0.0.1");
    snprintf(v.looked_up, sizeof v.looked_up, "127.0.0.1");
    snprintf(v.proto, sizeof v.proto, "tcp");
    v.port = 443;
    v.outcome = NB_NET_OK;
    v.handshake = NB_VPN_HS_ANSWERED;
    nb_rule_vpn(&pc, &v, &r);
    assert_int_equal(r.status, NB_CHECK_PASS);
    /* a TCP port that accepts but does not answer as OpenVPN is not a pass */
    v.handshake = NB_VPN_HS_SILENT;
    v.handshake_waited_ms = 2000;
    nb_rule_vpn(&pc, &v, &r);
    assert_int_equal(r.status, NB_CHECK_WARN);
    assert_non_null(strstr(r.detail, "2.0 秒待っても何も返りませんでした"));
    v.handshake = NB_VPN_HS_OTHER;
    nb_rule_vpn(&pc, &v, &r);
    assert_int_equal(r.status, NB_CHECK_WARN);
    v.handshake = NB_VPN_HS_NOT_TRIED;
    nb_rule_vpn(&pc, &v, &r);
    assert_int_equal(r.status, NB_CHECK_WARN);
    assert_non_null(strstr(r.detail, "tls-auth/tls-crypt"));
    v.outcome = NB_NET_REFUSED;
    nb_rule_vpn(&pc, &v, &r);
    assert_int_equal(r.status, NB_CHECK_FAIL);
    assert_non_null(strstr(r.advice, "TCP 443"));
    v.outcome = NB_NET_TIMEOUT;
    snprintf(v.proto, sizeof v.proto, "udp");
    nb_rule_vpn(&pc, &v, &r);
    assert_int_equal(r.status, NB_CHECK_WARN);
    v.outcome = NB_NET_DNS_FAIL;
    nb_rule_vpn(&pc, &v, &r);
    assert_int_equal(r.status, NB_CHECK_FAIL);
    assert_explained(&r);
}

static void status_names(void **state)
{
    (void)state;
    assert_string_equal(nb_check_status_id(NB_CHECK_PASS), "pass");
    assert_string_equal(nb_check_status_id(NB_CHECK_WARN), "warn");
    assert_string_equal(nb_check_status_id(NB_CHECK_FAIL), "fail");
    assert_string_equal(nb_check_status_id(NB_CHECK_UNKNOWN), "unknown");
    assert_string_equal(nb_check_status_id(NB_CHECK_NA), "na");
    assert_string_equal(nb_check_status_label(NB_CHECK_PASS), "合格");
    assert_string_equal(nb_check_status_label(NB_CHECK_NA), "対象外");
    nb_check_result r;
    nb_rule_init(&r, "https", "HTTPS 接続", true);
    nb_rule_deadline(&r, 2, true);
    assert_int_equal(r.status, NB_CHECK_FAIL);
    assert_non_null(strstr(r.measured, "2 秒"));
    nb_rule_deadline(&r, 2, false);
    assert_int_equal(r.status, NB_CHECK_UNKNOWN);
}

static void inspector_names(void **state)
{
    (void)state;
    char why[128];
    assert_true(nb_issuer_is_inspector("C=US, O=Zscaler Inc., CN=Zscaler Intermediate Root CA", why, sizeof why));
    assert_non_null(strstr(why, "Zscaler"));
    assert_true(nb_issuer_is_inspector("CN=FortiGate CA, O=Fortinet", NULL, 0));
    assert_false(nb_issuer_is_inspector("C=US, O=DigiCert Inc, CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1", NULL, 0));
    assert_false(nb_issuer_is_inspector(NULL, NULL, 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(disk_exactly_40_passes),
        cmocka_unit_test(disk_one_byte_short_fails),
        cmocka_unit_test(disk_worst_volume_decides),
        cmocka_unit_test(disk_downloads_short_warns),
        cmocka_unit_test(disk_unreadable_is_unknown),
        cmocka_unit_test(display_1280x1024_meets_minimum),
        cmocka_unit_test(display_1366x768_fails_on_height),
        cmocka_unit_test(display_width_short_fails_on_width),
        cmocka_unit_test(display_recommended_and_any_monitor),
        cmocka_unit_test(display_unknown_offers_manual_entry),
        cmocka_unit_test(ram_usable_7_6_on_8gb_passes),
        cmocka_unit_test(ram_installed_figure_wins),
        cmocka_unit_test(ram_unknown_cases),
        cmocka_unit_test(browsers),
        cmocka_unit_test(software_on_linux),
        cmocka_unit_test(printer),
        cmocka_unit_test(proxy),
        cmocka_unit_test(dns),
        cmocka_unit_test(https),
        cmocka_unit_test(clock_skew),
        cmocka_unit_test(vpn),
        cmocka_unit_test(status_names),
        cmocka_unit_test(inspector_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
