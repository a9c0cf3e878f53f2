/* The walk over the .ovpn remotes (vpn_remotes.h): resolving, the order
 * of tries, the deadline and the sentence they end with are the same on
 * both platforms; only the sockets differ. */
#include "vpn_remotes.h"

#ifdef _WIN32
#include <winsock2.h>
#include <ws2tcpip.h>
#else
#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>
#endif
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "ovpn.h"
#include "net_addr.h"

static bool deadline_passed(int64_t deadline_ms)
{
    return deadline_ms - nb_now_ms() <= 0;
}

static bool is_literal(const char *h)
{
    unsigned char tmp[16];
    return inet_pton(AF_INET, h, tmp) == 1 || inet_pton(AF_INET6, h, tmp) == 1;
}

/* One remote, already named in out: resolve and try each address. */
static bool try_remote(const nb_vpn_transport *t, bool tls_auth, int64_t t0, int64_t deadline_ms,
                       nb_vpn_facts *out)
{
    char port[8];
    snprintf(port, sizeof port, "%d", out->port);
    bool tcp = strcmp(out->proto, "tcp") == 0;
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = tcp ? SOCK_STREAM : SOCK_DGRAM;
    if (getaddrinfo(out->looked_up, port, &hints, &res) != 0) {
        out->outcome = NB_NET_DNS_FAIL;
        snprintf(out->err, sizeof out->err, "接続先の名前 %.140s を解決できません", out->looked_up);
        return false;
    }
    int last = t->timed_out;
    for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
        if (deadline_passed(deadline_ms)) {
            last = t->timed_out;
            break;
        }
        nb_net_addr_text(ai, out->addr, sizeof out->addr);
        if (tcp) {
            /* tls-auth/tls-crypt servers drop an unauthenticated reset:
             * then the connect alone is the evidence */
            int answered = NB_VPN_HS_NOT_TRIED;
            last = t->tcp_connect(ai, deadline_ms, tls_auth ? NULL : &answered, &out->handshake_waited_ms);
            out->handshake = answered;
        } else {
            last = t->udp_reset(ai, deadline_ms);
        }
        if (last == 0)
            break;
    }
    freeaddrinfo(res);
    nb_vpn_end end = last == 0 ? NB_VPN_END_OK
                     : last == t->refused ? NB_VPN_END_REFUSED
                     : last == t->timed_out ? NB_VPN_END_TIMEOUT
                     : last == t->net_unreach || last == t->host_unreach ? NB_VPN_END_UNREACHABLE
                                                                         : NB_VPN_END_OTHER;
    nb_vpn_set_end(out, end, (long)(nb_now_ms() - t0));
    return last == 0;
}

void nb_vpn_probe_remotes(const nb_vpn_transport *t, const char *ovpn_path, int default_port,
                          int64_t deadline_ms, nb_vpn_facts *out)
{
    memset(out, 0, sizeof *out);
    if (!ovpn_path || !*ovpn_path)
        return;
    out->configured = true;
    nb_ovpn o;
    nb_error err = {{0}};
    if (nb_ovpn_read(ovpn_path, &o, &err) != 0) {
        snprintf(out->file_err, sizeof out->file_err, "%.250s", err.msg);
        out->outcome = NB_NET_OTHER;
        return;
    }
    out->random_host = o.random_hostname;
    out->tls_auth = o.tls_auth;
    int64_t t0 = nb_now_ms();
    for (size_t i = 0; i < o.n_remote; i++) {
        const char *host = o.remote[i].host;
        out->port = nb_ovpn_port(&o, i, default_port);
        snprintf(out->proto, sizeof out->proto, "%s", nb_ovpn_proto(&o, i));
        snprintf(out->host, sizeof out->host, "%s", host);
        if (o.random_hostname && !is_literal(host)) {
            unsigned char r[6];
            t->random_bytes(r, sizeof r);
            snprintf(out->looked_up, sizeof out->looked_up, "%02x%02x%02x%02x%02x%02x.%s", r[0], r[1], r[2], r[3],
                     r[4], r[5], host);
        } else {
            snprintf(out->looked_up, sizeof out->looked_up, "%s", host);
        }
        if (try_remote(t, o.tls_auth, t0, deadline_ms, out))
            return;
        if (out->outcome != NB_NET_DNS_FAIL && deadline_passed(deadline_ms))
            break;
    }
    out->elapsed_ms = (long)(nb_now_ms() - t0);
}
