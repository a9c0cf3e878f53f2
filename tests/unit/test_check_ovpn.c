/* The .ovpn reader: what an AWS Client VPN export holds, the settings
 * that matter, and above all that key and certificate blocks are never
 * copied anywhere. Hostile files are refused with the line named. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../src/check/ovpn.h"

#define SECRET "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7SECRETKEYMATERIAL"

static const char AWS[] =
    "client\n"
    "dev tun\n"
    "proto udp\n"
    "remote cvpn-endpoint-0123456789abcdef0.prod.clientvpn.ap-northeast-1.amazonaws.com 443\n"
    "remote-random-hostname\n"
    "resolv-retry infinite\n"
    "nobind\n"
    "remote-cert-tls server\n"
    "cipher AES-256-GCM\n"
    "verb 3\n"
    "<ca>\n-----BEGIN CERTIFICATE-----\nMIIDQTCCAimgAwIBAgITBmyfz5m\n-----END CERTIFICATE-----\n</ca>\n"
    "<cert>\n-----BEGIN CERTIFICATE-----\nMIIDZjCCAk6gAwIBAgIQ\n-----END CERTIFICATE-----\n</cert>\n"
    "<key>\n-----BEGIN PRIVATE KEY-----\n" SECRET "\n-----END PRIVATE KEY-----\n</key>\n"
    "reneg-sec 0\n";

static bool struct_contains(const nb_ovpn *o, const char *needle)
{
    const char *p = (const char *)o;
    size_t n = sizeof *o, l = strlen(needle);
    for (size_t i = 0; i + l <= n; i++)
        if (memcmp(p + i, needle, l) == 0)
            return true;
    return false;
}

static void aws_export(void **state)
{
    (void)state;
    nb_ovpn o;
    nb_error err = {{0}};
    assert_int_equal(nb_ovpn_parse(AWS, sizeof AWS - 1, "aws.ovpn", &o, &err), 0);
    assert_int_equal(o.n_remote, 1);
    assert_string_equal(o.remote[0].host,
                        "cvpn-endpoint-0123456789abcdef0.prod.clientvpn.ap-northeast-1.amazonaws.com");
    assert_int_equal(nb_ovpn_port(&o, 0, 1194), 443);
    assert_string_equal(nb_ovpn_proto(&o, 0), "udp");
    assert_true(o.random_hostname);
    assert_false(o.tls_auth);
    assert_int_equal(o.blocks_skipped, 3);
    assert_false(struct_contains(&o, "SECRETKEYMATERIAL"));
    assert_false(struct_contains(&o, "BEGIN"));
}

static void remote_line_settings_and_defaults(void **state)
{
    (void)state;
    nb_ovpn o;
    nb_error err = {{0}};
    const char *t = "remote 127.0.0.1 8443 tcp-client\r\nremote vpn.example 1194\r\nport 993\r\n"
                    "<tls-crypt>\r\nabcdef\r\n</tls-crypt>\r\n";
    assert_int_equal(nb_ovpn_parse(t, strlen(t), "x.ovpn", &o, &err), 0);
    assert_int_equal(o.n_remote, 2);
    assert_string_equal(nb_ovpn_proto(&o, 0), "tcp");
    assert_int_equal(nb_ovpn_port(&o, 0, 1194), 8443);
    assert_string_equal(nb_ovpn_proto(&o, 1), "udp"); /* OpenVPN's default */
    assert_int_equal(nb_ovpn_port(&o, 1, 1194), 1194);
    assert_true(o.tls_auth);
    assert_false(struct_contains(&o, "abcdef"));
    const char *t2 = "remote host.example\nport 993\n";
    assert_int_equal(nb_ovpn_parse(t2, strlen(t2), "x.ovpn", &o, &err), 0);
    assert_int_equal(nb_ovpn_port(&o, 0, 1194), 993);
    const char *t3 = "<connection>\nremote 127.0.0.1 443 tcp\n</connection>\n";
    assert_int_equal(nb_ovpn_parse(t3, strlen(t3), "x.ovpn", &o, &err), 0);
    assert_int_equal(o.n_remote, 1);
}

static void refused_with_line(void **state)
{
    (void)state;
    nb_ovpn o;
    nb_error err = {{0}};
    const char *none = "client\ndev tun\n";
    assert_int_equal(nb_ovpn_parse(none, strlen(none), "none.ovpn", &o, &err), -1);
    assert_non_null(strstr(err.msg, "none.ovpn"));
    assert_non_null(strstr(err.msg, "remote"));
    const char *port = "client\nremote vpn.example 70000\n";
    assert_int_equal(nb_ovpn_parse(port, strlen(port), "p.ovpn", &o, &err), -1);
    assert_non_null(strstr(err.msg, "2 行目"));
    const char *proto = "remote vpn.example 443 sctp\n";
    assert_int_equal(nb_ovpn_parse(proto, strlen(proto), "p.ovpn", &o, &err), -1);
    const char *host = "remote vpn.exa\x01mple 443\n";
    assert_int_equal(nb_ovpn_parse(host, strlen(host), "h.ovpn", &o, &err), -1);
    const char *utf = "remote \xff\xfe.example 443\n";
    assert_int_equal(nb_ovpn_parse(utf, strlen(utf), "u.ovpn", &o, &err), -1);
    const char nul[] = "remote a.example 443\nfoo\0bar\n";
    assert_int_equal(nb_ovpn_parse(nul, sizeof nul - 1, "n.ovpn", &o, &err), -1);
    assert_non_null(strstr(err.msg, "NUL"));
    /* control characters in the file name never reach the message */
    assert_int_equal(nb_ovpn_parse(none, strlen(none), "bad\nname\x1b.ovpn", &o, &err), -1);
    assert_null(strchr(err.msg, '\n'));
    assert_null(strchr(err.msg, '\x1b'));
}

static void unterminated_key_never_leaks(void **state)
{
    (void)state;
    nb_ovpn o;
    nb_error err = {{0}};
    const char *t = "remote 127.0.0.1 443\n<key>\n" SECRET "\nremote evil.example 1\n";
    assert_int_equal(nb_ovpn_parse(t, strlen(t), "k.ovpn", &o, &err), 0);
    assert_int_equal(o.n_remote, 1); /* the line inside the open block is not read */
    assert_false(struct_contains(&o, "SECRETKEY"));
    assert_false(struct_contains(&o, "evil"));
    /* a key block before any remote: the error does not quote the file */
    const char *t2 = "<key>\n" SECRET "\n</key>\n";
    assert_int_equal(nb_ovpn_parse(t2, strlen(t2), "k.ovpn", &o, &err), -1);
    assert_null(strstr(err.msg, "SECRET"));
}

static void long_lines_and_many_remotes(void **state)
{
    (void)state;
    nb_ovpn o;
    nb_error err = {{0}};
    size_t n = 200000;
    static char t[200000 + 200];
    strcpy(t, "remote ok.example 443\n# ");
    size_t l = strlen(t);
    memset(t + l, 'x', n);
    strcpy(t + l + n, "\n");
    assert_int_equal(nb_ovpn_parse(t, strlen(t), "long.ovpn", &o, &err), 0);
    /* a 300-character host is refused */
    strcpy(t, "remote ");
    memset(t + 7, 'a', 300);
    strcpy(t + 307, " 443\n");
    assert_int_equal(nb_ovpn_parse(t, strlen(t), "long.ovpn", &o, &err), -1);
    t[0] = '\0';
    for (int i = 0; i < 20; i++)
        strcat(t, "remote r.example 443\n");
    assert_int_equal(nb_ovpn_parse(t, strlen(t), "many.ovpn", &o, &err), 0);
    assert_int_equal(o.n_remote, NB_OVPN_MAX_REMOTES);
}

static void read_file_errors(void **state)
{
    (void)state;
    nb_ovpn o;
    nb_error err = {{0}};
    assert_int_equal(nb_ovpn_read("/nonexistent/dir/x.ovpn", &o, &err), -1);
    assert_non_null(strstr(err.msg, "/nonexistent/dir/x.ovpn"));
    assert_non_null(strstr(err.msg, "ありません"));
    char path[] = "/tmp/nbovpnXXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    for (int i = 0; i < (1 << 20) / 16 + 10; i++)
        fputs("# padding line.\n", f);
    fclose(f);
    assert_int_equal(nb_ovpn_read(path, &o, &err), -1);
    assert_non_null(strstr(err.msg, "1 MB"));
    f = fopen(path, "w");
    fputs(AWS, f);
    fclose(f);
    assert_int_equal(nb_ovpn_read(path, &o, &err), 0);
    assert_true(o.random_hostname);
    remove(path);
}

/* Random bytes and random mixes of real directives: never a crash, never
 * a host with bytes outside the allowed set. */
static void random_inputs(void **state)
{
    (void)state;
    static const char *parts[] = {"remote ", "proto ", "port ", "<key>\n", "</key>\n", "<ca>\n",
                                  "remote-random-hostname\n", "127.0.0.1 ", "443 ", "tcp", "udp",
                                  "\n", "\r\n", "\xff", "\x01", " ", "# c\n", "a.example "};
    unsigned seed = 12345;
    char buf[600];
    for (int iter = 0; iter < 5000; iter++) {
        size_t len = 0;
        int nparts = (int)(rand_r(&seed) % 30);
        for (int k = 0; k < nparts; k++) {
            if (rand_r(&seed) % 4 == 0) {
                buf[len++] = (char)(rand_r(&seed) & 0xff);
            } else {
                const char *p = parts[rand_r(&seed) % (sizeof parts / sizeof parts[0])];
                size_t pl = strlen(p);
                if (len + pl >= sizeof buf)
                    break;
                memcpy(buf + len, p, pl);
                len += pl;
            }
            if (len >= sizeof buf - 1)
                break;
        }
        nb_ovpn o;
        nb_error err = {{0}};
        if (nb_ovpn_parse(buf, len, "r.ovpn", &o, &err) == 0) {
            assert_true(o.n_remote >= 1 && o.n_remote <= NB_OVPN_MAX_REMOTES);
            for (size_t i = 0; i < o.n_remote; i++)
                for (const char *c = o.remote[i].host; *c; c++)
                    assert_non_null(strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_:", *c));
        } else {
            assert_true(err.msg[0] != '\0');
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(aws_export),
        cmocka_unit_test(remote_line_settings_and_defaults),
        cmocka_unit_test(refused_with_line),
        cmocka_unit_test(unterminated_key_never_leaks),
        cmocka_unit_test(long_lines_and_many_remotes),
        cmocka_unit_test(read_file_errors),
        cmocka_unit_test(random_inputs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
