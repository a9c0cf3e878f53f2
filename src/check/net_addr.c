/* Resolved addresses as text (net_addr.h). The one piece of socket code
 * both platforms share: inet_ntop is the same call in Winsock. */
#include "net_addr.h"

#ifdef _WIN32
#include <winsock2.h>
#include <ws2tcpip.h>
#else
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#endif
#include <stdio.h>
#include <string.h>

void nb_net_addr_text(const struct addrinfo *ai, char *out, size_t n)
{
    const void *src = ai->ai_family == AF_INET ? (const void *)&((struct sockaddr_in *)ai->ai_addr)->sin_addr
                                               : (const void *)&((struct sockaddr_in6 *)ai->ai_addr)->sin6_addr;
    if (n == 0)
        return;
    if (!inet_ntop(ai->ai_family, src, out, (socklen_t)n))
        out[0] = '\0';
}

void nb_net_addr_list(const struct addrinfo *res, char *out, size_t n)
{
    size_t used = 0;
    if (n == 0)
        return;
    out[0] = '\0';
    for (const struct addrinfo *ai = res; ai; ai = ai->ai_next) {
        char a[INET6_ADDRSTRLEN];
        nb_net_addr_text(ai, a, sizeof a);
        if (!*a || strstr(out, a))
            continue;
        int w = snprintf(out + used, n - used, "%s%s", used ? ", " : "", a);
        if (w < 0 || (size_t)w >= n - used) {
            out[used] = '\0'; /* only whole addresses */
            break;
        }
        used += (size_t)w;
    }
}
