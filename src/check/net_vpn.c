/* VPN endpoint probe: the .ovpn remote, resolved the way the AWS client
 * does it (a random label in front when remote-random-hostname is set,
 * since the endpoint only has wildcard DNS), then reached directly, never
 * through a proxy (the AWS client cannot use one). TCP: a connect on the
 * port, then the OpenVPN client hard reset, framed; only the server's
 * hard reset makes it pass (a port that accepts proves a listener, not an
 * OpenVPN server). UDP: a bare "connect" proves nothing, so the same reset
 * is sent and the server's hard reset is awaited. */
#include "ovpn.h"
#include "nanbyo/probe.h"
#include "vpn_remotes.h"
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <unistd.h>

static int ms_left(int64_t deadline_ms)
{
    int64_t left = deadline_ms - nb_now_ms();
    return left > 0 ? (int)(left > 600000 ? 600000 : left) : 0;
}

/* Our reset with a fresh random session id (packet: net_pure.c). */
static void hard_reset(unsigned char pkt[14])
{
    unsigned char sid[8];
    if (getrandom(sid, 8, 0) != 8)
        memset(sid, 0x5a, 8);
    nb_ovpn_client_reset(pkt, sid);
}

/* Read exactly n bytes before the deadline; false on silence, close or error. */
static bool recv_all(int fd, unsigned char *buf, size_t n, int64_t deadline_ms, bool *closed)
{
    size_t got = 0;
    while (got < n) {
        struct pollfd p = {fd, POLLIN, 0};
        if (poll(&p, 1, ms_left(deadline_ms)) <= 0)
            return false;
        ssize_t r = recv(fd, buf + got, n - got, 0);
        if (r <= 0) {
            *closed = r == 0 || errno != EINTR;
            return false;
        }
        got += (size_t)r;
    }
    return true;
}

/* Over an open TCP connection: send the framed hard reset and wait (at most
 * until deadline) for the server's hard reset. On TCP every OpenVPN packet
 * has a 2-byte big-endian length in front. */
static int tcp_handshake(int fd, int64_t deadline_ms)
{
    unsigned char pkt[16];
    pkt[0] = 0;
    pkt[1] = 14;
    hard_reset(pkt + 2);
    if (send(fd, pkt, sizeof pkt, MSG_NOSIGNAL) != (ssize_t)sizeof pkt)
        return NB_VPN_HS_OTHER;
    unsigned char len[2], body[1024];
    bool closed = false;
    if (!recv_all(fd, len, 2, deadline_ms, &closed))
        return closed ? NB_VPN_HS_OTHER : NB_VPN_HS_SILENT;
    size_t n = (size_t)len[0] << 8 | len[1];
    if (n < 14 || n > sizeof body || !recv_all(fd, body, n, deadline_ms, &closed))
        return NB_VPN_HS_OTHER;
    return nb_ovpn_is_server_reset(body, n, pkt + 3) ? NB_VPN_HS_ANSWERED : NB_VPN_HS_OTHER;
}

/* 0 connected, ECONNREFUSED, ETIMEDOUT or another errno. When answered is
 * not NULL, also tries the OpenVPN hard reset for NB_VPN_HANDSHAKE_MS after
 * the connect (never past deadline_ms) and says how long it waited. */
static int tcp_connect(const struct addrinfo *ai, int64_t deadline_ms, int *answered,
                       long *waited_ms)
{
    int fd = socket(ai->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return errno;
    int rc = connect(fd, ai->ai_addr, ai->ai_addrlen);
    if (rc != 0 && errno != EINPROGRESS) {
        int e = errno;
        close(fd);
        return e;
    }
    if (rc != 0) {
        struct pollfd p = {fd, POLLOUT, 0};
        int pr = poll(&p, 1, ms_left(deadline_ms));
        if (pr <= 0) {
            close(fd);
            return ETIMEDOUT;
        }
        int soerr = 0;
        socklen_t sl = sizeof soerr;
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &sl);
        if (soerr) {
            close(fd);
            return soerr;
        }
    }
    if (answered) {
        int64_t t0 = nb_now_ms(), hs = t0 + NB_VPN_HANDSHAKE_MS;
        *answered = tcp_handshake(fd, hs < deadline_ms ? hs : deadline_ms);
        *waited_ms = (long)(nb_now_ms() - t0);
    }
    close(fd);
    return 0;
}

/* P_CONTROL_HARD_RESET_CLIENT_V2 over UDP; wait for the server's reset. */
static int udp_reset(const struct addrinfo *ai, int64_t deadline_ms)
{
    int fd = socket(ai->ai_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return errno;
    if (connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
        int e = errno;
        close(fd);
        return e;
    }
    unsigned char pkt[14];
    hard_reset(pkt);
    if (send(fd, pkt, sizeof pkt, 0) != (ssize_t)sizeof pkt) {
        int e = errno;
        close(fd);
        return e;
    }
    for (;;) {
        struct pollfd p = {fd, POLLIN, 0};
        int pr = poll(&p, 1, ms_left(deadline_ms));
        if (pr <= 0) {
            close(fd);
            return ETIMEDOUT;
        }
        unsigned char buf[1500];
        ssize_t r = recv(fd, buf, sizeof buf, 0);
        if (r < 0) {
            int e = errno;
            close(fd);
            return e;
        }
        if (r >= 1 && (buf[0] >> 3) == 8) {
            close(fd);
            return 0;
        }
    }
}

/* The label in front of a remote-random-hostname name. */
static void random_label(unsigned char *p, size_t n)
{
    if (getrandom(p, n, 0) != (ssize_t)n)
        memset(p, 0xa5, n);
}

static const nb_vpn_transport transport = {
    .tcp_connect = tcp_connect, .udp_reset = udp_reset, .random_bytes = random_label,
    .timed_out = ETIMEDOUT, .refused = ECONNREFUSED, .net_unreach = ENETUNREACH, .host_unreach = EHOSTUNREACH};

void nb_probe_vpn(const char *ovpn_path, int default_port, int64_t deadline_ms, nb_vpn_facts *out)
{
    nb_vpn_probe_remotes(&transport, ovpn_path, default_port, deadline_ms, out);
}
