/* The check runner: the slots and their order, --no-network, the JSON kept
 * in the answers file, and the one deadline: with an endpoint on loopback
 * that accepts connections and never answers, the run still finishes
 * within the timeout plus a fraction of a second, and poll never blocks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <arpa/inet.h>
#include <cjson/cJSON.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "nanbyo/check.h"
#include "nanbyo/probe.h"

static char *BROWSERS[] = {"edge", "chrome", "safari"};
static char *SOFTWARE[] = {"acrobat_reader", "excel", "aws_vpn_client"};
static char root[1024];

static nb_definition *definition(void)
{
    nb_definition *d = calloc(1, sizeof *d);
    d->title = "test";
    d->pc.ram_gb = 8;
    d->pc.ram_tolerance_percent = 10;
    d->pc.disk_free_gb = 40;
    d->pc.display_min_w = 1280;
    d->pc.display_min_h = 1024;
    d->pc.display_rec_w = 1920;
    d->pc.display_rec_h = 1080;
    d->pc.browsers = BROWSERS;
    d->pc.n_browsers = 3;
    d->pc.software = SOFTWARE;
    d->pc.n_software = 3;
    d->pc.printer_paper = "A4";
    d->pc.tcp_port = 443;
    d->pc.https_url = "https://127.0.0.1:1/";
    d->pc.clock_skew_warn_s = 300;
    d->pc.clock_skew_fail_s = 900;
    d->pc.timeout_s = 10;
    const char *r = getenv("NB_ROOT");
    snprintf(root, sizeof root, "%s/tests/fixtures/check/laptop", r ? r : ".");
    return d;
}

static void no_network_run(void **state)
{
    (void)state;
    nb_definition *def = definition();
    nb_check_options opt = {0};
    opt.root = root;
    opt.manual_display_w = 1366;
    opt.manual_display_h = 768;
    nb_check_run *run = nb_check_start(def, &opt);
    free(def); /* the run keeps its own copies */
    assert_non_null(run);
    nb_check_wait(run); /* a hang here is caught by the runner's bound */
    assert_true(nb_check_poll(run));
    static const char *ids[] = {"os", "ram", "disk", "display", "browser", "acrobat_reader",
                                "excel", "aws_vpn_client", "printer", "proxy", "dns", "https",
                                "clock", "vpn"};
    assert_int_equal(nb_check_count(run), sizeof ids / sizeof ids[0]);
    for (size_t i = 0; i < nb_check_count(run); i++) {
        nb_check_result r = nb_check_result_at(run, i);
        assert_string_equal(r.id, ids[i]);
        assert_true(r.status != NB_CHECK_PENDING);
        if (r.network) {
            assert_int_equal(r.status, NB_CHECK_NA);
            assert_string_equal(r.measured, "実行しませんでした");
        }
    }
    nb_check_result ram = nb_check_result_at(run, 1);
    assert_int_equal(ram.status, NB_CHECK_PASS); /* 8 GiB installed in the fixture */
    nb_check_result disp = nb_check_result_at(run, 3);
    assert_int_equal(disp.status, NB_CHECK_FAIL); /* manual 1366x768 */
    assert_true(nb_check_required_failed(run));
    nb_check_result b = nb_check_result_at(run, 4);
    assert_int_equal(b.status, NB_CHECK_PASS);
    nb_check_result out = nb_check_result_at(run, 99);
    assert_string_equal(out.id, "");

    char *json = nb_check_to_json(run);
    cJSON *j = cJSON_Parse(json);
    assert_non_null(j);
    const char *at = cJSON_GetStringValue(cJSON_GetObjectItem(j, "checked_at"));
    assert_non_null(at);
    assert_int_equal(strlen(at), 25);
    assert_string_equal(at + 19, "+09:00");
    cJSON *checks = cJSON_GetObjectItem(j, "checks");
    assert_int_equal(cJSON_GetArraySize(checks), 14);
    cJSON *c;
    cJSON_ArrayForEach(c, checks) {
        const char *st = cJSON_GetStringValue(cJSON_GetObjectItem(c, "status"));
        assert_non_null(st);
        assert_non_null(strstr(" pass warn fail unknown na ", st));
        assert_non_null(cJSON_GetObjectItem(c, "measured"));
        assert_non_null(cJSON_GetObjectItem(c, "required"));
        assert_non_null(cJSON_GetObjectItem(c, "detail"));
        assert_non_null(cJSON_GetObjectItem(c, "advice"));
    }
    cJSON_Delete(j);
    free(json);
    nb_check_free(run);
}

/* A loopback listener whose backlog completes the TCP handshake while
 * nobody ever accepts or answers. */
static int silent_listener(int *port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    assert_int_equal(listen(fd, 16), 0);
    socklen_t l = sizeof a;
    getsockname(fd, (struct sockaddr *)&a, &l);
    *port = ntohs(a.sin_port);
    return fd;
}

static void hanging_endpoint_bounded(void **state)
{
    (void)state;
    int port;
    int fd = silent_listener(&port);
    char url[64], ovpn[] = "/tmp/nbrunXXXXXX";
    snprintf(url, sizeof url, "https://127.0.0.1:%d/", port);
    int ofd = mkstemp(ovpn);
    FILE *f = fdopen(ofd, "w");
    fprintf(f, "client\nproto udp\nremote 127.0.0.1 %d\n", port); /* UDP: nobody answers */
    fclose(f);
    nb_definition *def = definition();
    nb_check_options opt = {0};
    opt.network = true;
    opt.https_url = url;
    opt.ovpn = ovpn;
    /* Long enough that the hanging probes are surely still pending while
     * the local checks finish on a loaded machine; no duration is asserted
     * (speed is for make bench), only the order of events. */
    opt.timeout_s = 8.0;
    opt.root = root;
    int64_t t0 = nb_now_ms();
    nb_check_run *run = nb_check_start(def, &opt);
    /* start never waits for a probe: it returns while https still hangs */
    assert_false(nb_check_poll(run));
    assert_int_equal(nb_check_result_at(run, 11).status, NB_CHECK_PENDING);
    /* live progress: local checks finish while the hanging one is pending
     * (polled with a generous deadline; poll never blocks for the probe) */
    while (nb_check_result_at(run, 1).status == NB_CHECK_PENDING && nb_now_ms() - t0 < 60000)
        usleep(20 * 1000);
    assert_false(nb_check_poll(run));
    nb_check_result pend = nb_check_result_at(run, 11);
    assert_string_equal(pend.id, "https");
    assert_string_equal(pend.title, "HTTPS 接続");
    assert_int_equal(pend.status, NB_CHECK_PENDING);
    nb_check_result ram = nb_check_result_at(run, 1);
    assert_true(ram.status != NB_CHECK_PENDING);
    char *partial = nb_check_to_json(run);
    assert_non_null(strstr(partial, "\"pending\""));
    free(partial);
    nb_check_wait(run); /* ends at the deadline; a hang is caught by the runner */
    printf("# check run with hanging endpoints, timeout 8 s: %.3f s\n",
           (double)(nb_now_ms() - t0) / 1000.0);
    nb_check_result h = nb_check_result_at(run, 11);
    assert_string_equal(h.id, "https");
    assert_int_equal(h.status, NB_CHECK_FAIL);
    nb_check_result v = nb_check_result_at(run, 13);
    assert_string_equal(v.id, "vpn");
    assert_true(v.status == NB_CHECK_WARN || v.status == NB_CHECK_FAIL);
    nb_check_result clock = nb_check_result_at(run, 12);
    assert_int_equal(clock.status, NB_CHECK_UNKNOWN);
    nb_check_free(run);
    free(def);
    close(fd);
    remove(ovpn);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(no_network_run),
        cmocka_unit_test(hanging_endpoint_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
