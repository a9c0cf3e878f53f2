/* Name resolution probe and URL host extraction. getaddrinfo has no
 * timeout of its own: the check runner calls this on a worker thread and
 * stops waiting at the deadline. */
#include "nanbyo/probe.h"
#include "net_addr.h"
#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

void nb_probe_dns(const char *host, nb_dns_facts *out)
{
    memset(out, 0, sizeof *out);
    snprintf(out->host, sizeof out->host, "%s", host);
    unsigned char tmp[16];
    if (inet_pton(AF_INET, host, tmp) == 1 || inet_pton(AF_INET6, host, tmp) == 1) {
        out->literal = true;
        out->outcome = NB_NET_OK;
        snprintf(out->addrs, sizeof out->addrs, "%s", host);
        return;
    }
    int64_t t0 = nb_now_ms();
    struct addrinfo hints = {0}, *res = NULL;
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    int rc = getaddrinfo(host, NULL, &hints, &res);
    out->elapsed_ms = (long)(nb_now_ms() - t0);
    if (rc != 0) {
        out->outcome = NB_NET_DNS_FAIL;
        snprintf(out->err, sizeof out->err, "%s",
                 rc == EAI_NONAME ? "その名前は登録されていません (NXDOMAIN)" :
                 rc == EAI_AGAIN ? "DNS サーバーが応答しないか、一時的に失敗しました" :
                 "名前解決に失敗しました");
        return;
    }
    out->outcome = NB_NET_OK;
    nb_net_addr_list(res, out->addrs, sizeof out->addrs);
    freeaddrinfo(res);
}
