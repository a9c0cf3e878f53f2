/* The Linux probes on fixture trees (tests/fixtures/check/<case>/ as "/"),
 * with an invented environment: session flags, installed and usable
 * memory, DRM and xrandr displays, desktop entries, free space through the
 * statvfs hook, proxy variables; and broken or hostile files. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "nanbyo/probe.h"
#include "nanbyo/utf8.h"

static char fix[1024];

static const char *fixture(const char *name)
{
    const char *root = getenv("NB_ROOT");
    snprintf(fix, sizeof fix, "%s/tests/fixtures/check/%s", root ? root : ".", name);
    return fix;
}

static const char *const NO_ENV[] = {NULL};

static void session_flags(void **state)
{
    (void)state;
    nb_session_facts s;
    const char *env_ssh[] = {"SSH_CONNECTION=127.0.0.1 5555 127.0.0.1 22", NULL};
    nb_probe_ctx ctx = {fixture("laptop"), env_ssh, NULL};
    nb_probe_session(&ctx, &s);
    assert_string_equal(s.os_name, "Ubuntu 22.04.4 LTS");
    assert_string_equal(s.os_id, "ubuntu");
    assert_string_equal(s.os_version, "22.04");
    assert_string_equal(s.kernel, "6.5.0-27-generic");
    assert_true(s.ssh);
    assert_false(s.wsl);
    assert_false(s.container);
    assert_false(s.x11);

    ctx.root = fixture("wsl");
    ctx.env = NO_ENV;
    nb_probe_session(&ctx, &s);
    assert_true(s.wsl);
    assert_false(s.ssh);

    ctx.root = fixture("container");
    nb_probe_session(&ctx, &s);
    assert_true(s.container);
    assert_string_equal(s.container_kind, "docker");
    assert_true(s.vm);
    assert_string_equal(s.vm_kind, "QEMU");

    /* control characters in os-release never reach a result */
    ctx.root = fixture("broken");
    nb_probe_session(&ctx, &s);
    assert_null(strchr(s.os_name, '\x1b'));
    assert_null(strchr(s.os_name, '\x07'));
    assert_non_null(strstr(s.os_name, "Evil"));
}

/* The result's "platform": the fixture's os-release and host name; a
 * hostile host name (invalid UTF-8, an escape sequence, a second line)
 * reaches the documents only as printable text. */
static void platform_names_the_pc(void **state)
{
    (void)state;
    nb_check_platform p;
    nb_probe_ctx ctx = {fixture("laptop"), NO_ENV, NULL};
    nb_probe_platform(&ctx, &p);
    assert_string_equal(p.os, "linux");
    assert_string_equal(p.version, "Ubuntu 22.04.4 LTS");
    assert_string_equal(p.computer, "uketsuke-laptop");

    ctx.root = fixture("broken");
    nb_probe_platform(&ctx, &p);
    assert_string_equal(p.computer, "RECEPTION??[31m-PC");
    assert_true(nb_utf8_valid(p.version, strlen(p.version)));
    for (const char *c = p.version; *c; c++)
        assert_true((unsigned char)*c >= 0x20 && *c != 0x7f);

    /* no host name file under the root: the system's own name */
    ctx.root = fixture("wsl");
    nb_probe_platform(&ctx, &p);
    char host[256] = "";
    gethostname(host, sizeof host - 1);
    assert_string_equal(p.computer, host);
}

static void memory_udev_installed(void **state)
{
    (void)state;
    nb_mem_facts m;
    nb_probe_ctx ctx = {fixture("laptop"), NO_ENV, NULL};
    nb_probe_memory(&ctx, &m);
    assert_int_equal(m.installed, 8ULL << 30);
    assert_non_null(strstr(m.installed_src, "+dmi:id"));
    assert_int_equal(m.usable, 7987324ULL * 1024);
    assert_non_null(strstr(m.usable_src, "MemTotal 7987324 kB"));
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void memory_blocks_installed(void **state)
{
    (void)state;
    char root[] = "/tmp/nbcheck-memXXXXXX";
    assert_non_null(mkdtemp(root));
    char p[512];
    snprintf(p, sizeof p, "%s/proc", root);
    mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/proc/meminfo", root);
    write_file(p, "MemTotal:        7654321 kB\n");
    const char *dirs[] = {"/sys", "/sys/devices", "/sys/devices/system", "/sys/devices/system/memory"};
    for (size_t i = 0; i < 4; i++) {
        snprintf(p, sizeof p, "%s%s", root, dirs[i]);
        mkdir(p, 0755);
    }
    snprintf(p, sizeof p, "%s/sys/devices/system/memory/block_size_bytes", root);
    write_file(p, "8000000\n"); /* 128 MiB, hex as the kernel writes it */
    for (int i = 0; i < 64; i++) {
        snprintf(p, sizeof p, "%s/sys/devices/system/memory/memory%d", root, i);
        mkdir(p, 0755);
        snprintf(p, sizeof p, "%s/sys/devices/system/memory/memory%d/online", root, i);
        write_file(p, i < 60 ? "1\n" : "0\n");
    }
    nb_mem_facts m;
    nb_probe_ctx ctx = {root, NO_ENV, NULL};
    nb_probe_memory(&ctx, &m);
    assert_int_equal(m.installed, 60ULL * (128ULL << 20)); /* 7.5 GiB online */
    assert_non_null(strstr(m.installed_src, "60 ブロック"));
    assert_int_equal(m.usable, 7654321ULL * 1024);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    assert_int_equal(system(cmd), 0);
}

static void memory_broken_values_ignored(void **state)
{
    (void)state;
    nb_mem_facts m;
    nb_probe_ctx ctx = {fixture("broken"), NO_ENV, NULL};
    nb_probe_memory(&ctx, &m);
    assert_int_equal(m.usable, 0);    /* 16 EiB is not a memory size */
    assert_int_equal(m.installed, 0); /* garbage sizes and block size */
    ctx.root = "/nonexistent-nanbyo-root";
    nb_probe_memory(&ctx, &m);
    assert_int_equal(m.usable, 0);
    assert_int_equal(m.installed, 0);
}

static void display_drm_lists_connected(void **state)
{
    (void)state;
    nb_session_facts s = {0};
    nb_display_facts d;
    nb_probe_ctx ctx = {fixture("laptop"), NO_ENV, NULL};
    nb_probe_display(&ctx, &s, &d);
    assert_int_equal(d.n, 2); /* DP-1 disconnected, Virtual-1 without modes */
    assert_string_equal(d.m[0].name, "HDMI-A-1");
    assert_int_equal(d.m[0].w, 1920);
    assert_int_equal(d.m[0].h, 1080);
    assert_string_equal(d.m[1].name, "eDP-1");
    assert_int_equal(d.m[1].w, 1366);
    assert_int_equal(d.m[1].h, 768);
    assert_non_null(strstr(d.source, "/sys/class/drm"));

    ctx.root = fixture("broken"); /* absurd mode size */
    nb_probe_display(&ctx, &s, &d);
    assert_int_equal(d.n, 0);
}

static void display_unknown_reasons(void **state)
{
    (void)state;
    nb_session_facts s = {0};
    nb_display_facts d;
    nb_probe_ctx ctx = {fixture("wsl"), NO_ENV, NULL};
    s.ssh = true;
    nb_probe_display(&ctx, &s, &d);
    assert_int_equal(d.n, 0);
    assert_non_null(strstr(d.why_none, "SSH"));
    s.ssh = false;
    s.container = true;
    snprintf(s.container_kind, sizeof s.container_kind, "docker");
    nb_probe_display(&ctx, &s, &d);
    assert_non_null(strstr(d.why_none, "コンテナ"));
}

static void display_xrandr(void **state)
{
    (void)state;
    nb_session_facts s = {0};
    s.x11 = true;
    nb_display_facts d;
    const char *env[] = {"DISPLAY=:0", "PATH=/usr/bin", NULL};
    nb_probe_ctx ctx = {fixture("x11"), env, NULL};
    nb_probe_display(&ctx, &s, &d);
    assert_int_equal(d.n, 2);
    assert_string_equal(d.m[0].name, "eDP-1");
    assert_int_equal(d.m[0].w, 1366);
    assert_int_equal(d.m[0].h, 768);
    assert_string_equal(d.m[1].name, "HDMI-1");
    assert_int_equal(d.m[1].w, 1920);
    assert_non_null(strstr(d.source, "xrandr"));
}

static void xrandr_parser_hostile(void **state)
{
    (void)state;
    nb_monitor m[4];
    assert_int_equal(nb_xrandr_parse("", m, 4), 0);
    assert_int_equal(nb_xrandr_parse("screen connected 1280x1024+0+0 0mm x 0mm\n", m, 4), 1);
    assert_int_equal(m[0].w, 1280);
    assert_int_equal(m[0].h, 1024);
    assert_int_equal(nb_xrandr_parse("X connected -5x10+0+0\nY connected 10x99999999+0+0\n"
                                     "Z connected 1920x1080\n", m, 4), 0);
    char *big = malloc(20001);
    if (!big)
        fail();
    memset(big, 'A', 20000);
    big[20000] = '\0';
    memcpy(big, "HDMI connected ", 15);
    assert_int_equal(nb_xrandr_parse(big, m, 4), 0);
    free(big);
    /* more monitors than room: stops at max */
    const char *many = "a connected 800x600+0+0\nb connected 800x600+0+0\nc connected 800x600+0+0\n";
    assert_int_equal(nb_xrandr_parse(many, m, 2), 2);
}

static void apps_found_in_xdg_and_flatpak(void **state)
{
    (void)state;
    nb_browser_facts b;
    nb_software_facts sw;
    const char *env[] = {"HOME=/home/clerk", "PATH=/usr/bin", NULL};
    nb_probe_ctx ctx = {fixture("laptop"), env, NULL};
    nb_probe_browsers(&ctx, &b);
    assert_true(b.chrome.found);
    assert_string_equal(b.chrome.where, "/usr/share/applications/google-chrome.desktop");
    assert_true(b.edge.found);
    assert_string_equal(b.edge.where,
                        "/var/lib/flatpak/exports/share/applications/com.microsoft.Edge.desktop");
    assert_false(b.firefox.found);
    nb_probe_software(&ctx, &sw);
    assert_true(sw.awsvpn.found);
    assert_false(sw.acrobat.found);

    ctx.root = fixture("container");
    nb_probe_browsers(&ctx, &b);
    assert_false(b.chrome.found);
    assert_false(b.edge.found);
    assert_true(b.firefox.found);

    /* an absurdly long XDG_DATA_DIRS does not overflow anything */
    char *long_dirs = malloc(10020);
    if (!long_dirs)
        fail();
    strcpy(long_dirs, "XDG_DATA_DIRS=");
    for (int i = 0; i < 1000; i++)
        strcat(long_dirs, "/aaaaaaaa:");
    const char *env2[] = {long_dirs, "HOME=/home/clerk", NULL};
    nb_probe_ctx ctx2 = {fixture("laptop"), env2, NULL};
    nb_probe_browsers(&ctx2, &b);
    assert_true(b.edge.found); /* flatpak folder is still searched */
    free(long_dirs);
}

static uint64_t fake_avail;
static int fake_statvfs(const char *path, nb_fs_space *out)
{
    if (strstr(path, "missing")) {
        errno = ENOENT;
        return -1;
    }
    out->avail = fake_avail;
    out->total = fake_avail * 2;
    out->fsid = strstr(path, "ダウンロード") ? 3 : strstr(path, "/home") ? 1 : 2;
    return 0;
}

static void disk_hook(void **state)
{
    (void)state;
    nb_disk_facts d;
    const char *env[] = {"HOME=/home/clerk", NULL};
    nb_probe_ctx ctx = {"/fixture-root", env, fake_statvfs};
    fake_avail = 40ULL << 30;
    nb_probe_disk(&ctx, &d);
    assert_int_equal(d.n, 2); /* home and system on different filesystems */
    assert_string_equal(d.v[0].path, "/home/clerk");
    assert_true(d.v[0].ok);
    assert_int_equal(d.v[0].space.avail, 40ULL << 30);
    assert_string_equal(d.v[1].path, "/");

    const char *env2[] = {"HOME=/missing", NULL};
    ctx.env = env2;
    nb_probe_disk(&ctx, &d);
    assert_false(d.v[0].ok);
    assert_string_equal(d.v[0].err, "フォルダーがありません");

    /* a Downloads folder on yet another filesystem (user-dirs.dirs) */
    nb_probe_ctx dl = {fixture("laptop"), env, fake_statvfs};
    nb_probe_disk(&dl, &d);
    assert_int_equal(d.n, 3);
    assert_string_equal(d.v[2].label, "ダウンロード");
    assert_string_equal(d.v[2].path, "/home/clerk/ダウンロード");

    /* the real statvfs on a real folder gives the kernel's figure */
    nb_probe_ctx real = {"", env, NULL};
    nb_probe_disk(&real, &d);
    assert_true(d.n >= 1);
}

static void proxy_env(void **state)
{
    (void)state;
    nb_proxy_facts p;
    const char *env[] = {"https_proxy=http://clerk:s3cret@proxy.example:8080",
                         "HTTP_PROXY=http://upper.example:3128", "no_proxy=localhost,.lan", NULL};
    nb_probe_ctx ctx = {NULL, env, NULL};
    nb_probe_proxy(&ctx, &p);
    assert_string_equal(p.https, "http://***@proxy.example:8080");
    assert_null(strstr(p.https, "s3cret"));
    assert_true(p.upper_http_only);
    assert_string_equal(p.http, "");
    assert_string_equal(p.no, "localhost,.lan");
    char out[64];
    nb_proxy_redact("proxy.example:8080", out, sizeof out);
    assert_string_equal(out, "proxy.example:8080");
    nb_proxy_redact("http://a\r\nb@x:1", out, sizeof out);
    assert_null(strchr(out, '\r'));
    assert_null(strchr(out, '\n'));
}

static void url_host(void **state)
{
    (void)state;
    char h[256];
    assert_true(nb_url_host("https://www.pref.yamaguchi.lg.jp/soshiki/47/19243.html", h, sizeof h));
    assert_string_equal(h, "www.pref.yamaguchi.lg.jp");
    assert_true(nb_url_host("https://127.0.0.1:8443/", h, sizeof h));
    assert_string_equal(h, "127.0.0.1");
    assert_true(nb_url_host("https://[::1]:8443/x", h, sizeof h));
    assert_string_equal(h, "::1");
    assert_true(nb_url_host("https://user:pw@localhost:1/", h, sizeof h));
    assert_string_equal(h, "localhost");
    assert_false(nb_url_host("no-scheme", h, sizeof h));
    assert_false(nb_url_host("https:///path", h, sizeof h));
    assert_false(nb_url_host("https://bad host/", h, sizeof h));
    assert_false(nb_url_host("https://\xe5\xb1\xb1\xe5\x8f\xa3.jp/", h, sizeof h));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(session_flags),
        cmocka_unit_test(platform_names_the_pc),
        cmocka_unit_test(memory_udev_installed),
        cmocka_unit_test(memory_blocks_installed),
        cmocka_unit_test(memory_broken_values_ignored),
        cmocka_unit_test(display_drm_lists_connected),
        cmocka_unit_test(display_unknown_reasons),
        cmocka_unit_test(display_xrandr),
        cmocka_unit_test(xrandr_parser_hostile),
        cmocka_unit_test(apps_found_in_xdg_and_flatpak),
        cmocka_unit_test(disk_hook),
        cmocka_unit_test(proxy_env),
        cmocka_unit_test(url_host),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
