/* The VPN endpoint on Windows, as on Linux (src/check/net_vpn.c): the
 * .ovpn remote resolved the way the AWS client does it (a random label in
 * front with remote-random-hostname), reached directly with Winsock,
 * never through a proxy. TCP: connect within the deadline, then the
 * OpenVPN client hard reset; only the server's hard reset acking our
 * session makes it pass. UDP: the same reset, and its answer awaited. */
#include "../check_table.h"
#include "../ovpn.h"
#include "wutil.h"
#include "../vpn_remotes.h"
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <string.h>

typedef BOOLEAN(WINAPI *gen_random_fn)(void *, ULONG);

static void random_bytes(unsigned char *b, ULONG n)
{
    HMODULE adv = LoadLibraryW(L"advapi32.dll");
    gen_random_fn gen = adv ? (gen_random_fn)(void (*)(void))GetProcAddress(adv, "SystemFunction036") : NULL;
    if (!(gen && gen(b, n)))
        memset(b, 0x5a, n);
}

static int ms_left(int64_t deadline_ms)
{
    int64_t left = deadline_ms - nb_now_ms();
    return left > 0 ? (int)(left > 600000 ? 600000 : left) : 0;
}

/* Wait until s is readable (read) or writable; false on timeout. */
static bool wait_sock(SOCKET s, bool read, int64_t deadline_ms, bool *failed)
{
    fd_set rs, ws, es;
    FD_ZERO(&rs);
    FD_ZERO(&ws);
    FD_ZERO(&es);
    FD_SET(s, read ? &rs : &ws);
    FD_SET(s, &es);
    int ms = ms_left(deadline_ms);
    struct timeval tv = {ms / 1000, (ms % 1000) * 1000};
    int r = select(0, &rs, &ws, &es, &tv);
    *failed = r > 0 && FD_ISSET(s, &es);
    return r > 0;
}

static bool recv_all(SOCKET s, unsigned char *buf, int n, int64_t deadline_ms, bool *closed)
{
    int got = 0;
    while (got < n) {
        bool failed;
        if (!wait_sock(s, true, deadline_ms, &failed))
            return false;
        int r = recv(s, (char *)buf + got, n - got, 0);
        if (r <= 0) {
            *closed = true;
            return false;
        }
        got += r;
    }
    return true;
}

static int tcp_handshake(SOCKET s, int64_t deadline_ms)
{
    unsigned char pkt[16], sid[8];
    random_bytes(sid, 8);
    pkt[0] = 0;
    pkt[1] = 14;
    nb_ovpn_client_reset(pkt + 2, sid);
    if (send(s, (const char *)pkt, sizeof pkt, 0) != (int)sizeof pkt)
        return NB_VPN_HS_OTHER;
    unsigned char len[2], body[1024];
    bool closed = false;
    if (!recv_all(s, len, 2, deadline_ms, &closed))
        return closed ? NB_VPN_HS_OTHER : NB_VPN_HS_SILENT;
    int n = len[0] << 8 | len[1];
    if (n < 14 || n > (int)sizeof body || !recv_all(s, body, n, deadline_ms, &closed))
        return NB_VPN_HS_OTHER;
    return nb_ovpn_is_server_reset(body, (size_t)n, sid) ? NB_VPN_HS_ANSWERED : NB_VPN_HS_OTHER;
}

/* 0 connected, else a WSA error (WSAETIMEDOUT for the deadline). */
static int tcp_connect(const struct addrinfo *ai, int64_t deadline_ms, int *answered, long *waited_ms)
{
    SOCKET s = socket(ai->ai_family, SOCK_STREAM, IPPROTO_TCP);
    if (s == INVALID_SOCKET)
        return WSAGetLastError();
    u_long nb = 1;
    ioctlsocket(s, FIONBIO, &nb);
    int e = 0;
    if (connect(s, ai->ai_addr, (int)ai->ai_addrlen) != 0) {
        e = WSAGetLastError();
        if (e == WSAEWOULDBLOCK) {
            bool failed;
            if (!wait_sock(s, false, deadline_ms, &failed)) {
                e = WSAETIMEDOUT;
            } else if (failed) {
                int soerr = 0, sl = sizeof soerr;
                getsockopt(s, SOL_SOCKET, SO_ERROR, (char *)&soerr, &sl);
                e = soerr ? soerr : WSAECONNREFUSED;
            } else {
                e = 0;
            }
        }
    }
    if (!e && answered) {
        int64_t t0 = nb_now_ms(), hs = t0 + NB_VPN_HANDSHAKE_MS;
        *answered = tcp_handshake(s, hs < deadline_ms ? hs : deadline_ms);
        *waited_ms = (long)(nb_now_ms() - t0);
    }
    closesocket(s);
    return e;
}

static int udp_reset(const struct addrinfo *ai, int64_t deadline_ms)
{
    SOCKET s = socket(ai->ai_family, SOCK_DGRAM, IPPROTO_UDP);
    if (s == INVALID_SOCKET)
        return WSAGetLastError();
    unsigned char pkt[14], sid[8];
    random_bytes(sid, 8);
    nb_ovpn_client_reset(pkt, sid);
    int e = WSAETIMEDOUT;
    if (connect(s, ai->ai_addr, (int)ai->ai_addrlen) != 0 || send(s, (const char *)pkt, sizeof pkt, 0) != (int)sizeof pkt) {
        e = WSAGetLastError();
    } else {
        for (;;) {
            bool failed;
            if (!wait_sock(s, true, deadline_ms, &failed))
                break;
            unsigned char buf[1500];
            int r = recv(s, (char *)buf, sizeof buf, 0);
            if (r < 0) {
                /* an ICMP port unreachable shows as a reset on Windows */
                int w = WSAGetLastError();
                e = w == WSAECONNRESET ? WSAECONNREFUSED : w;
                break;
            }
            if (nb_ovpn_is_server_reset(buf, (size_t)r, sid)) {
                e = 0;
                break;
            }
        }
    }
    closesocket(s);
    return e;
}

static void random_label(unsigned char *p, size_t n)
{
    random_bytes(p, (ULONG)n);
}

static const nb_vpn_transport transport = {
    .tcp_connect = tcp_connect, .udp_reset = udp_reset, .random_bytes = random_label,
    .timed_out = WSAETIMEDOUT, .refused = WSAECONNREFUSED, .net_unreach = WSAENETUNREACH, .host_unreach = WSAEHOSTUNREACH};

void nb_gather_vpn(const nb_probe_env *env, nb_pc_facts *f)
{
    nb_win_wsa();
    nb_vpn_probe_remotes(&transport, env->ovpn, 1194, env->deadline_ms, &f->vpn);
}
