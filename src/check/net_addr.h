/* Resolved addresses as text, for the DNS, HTTPS and VPN checks of both
 * platforms (net_addr.c is built into nanbyo-check.exe too). */
#ifndef NANBYO_CHECK_NET_ADDR_H
#define NANBYO_CHECK_NET_ADDR_H
#include <stddef.h>

struct addrinfo;

/* "192.0.2.1" or "2001:db8::1" for one resolved address; "" when it has
 * no text form. */
void nb_net_addr_text(const struct addrinfo *ai, char *out, size_t n);
/* Every distinct address of a resolution, ", " between them, as many as
 * fit whole in out (n bytes). */
void nb_net_addr_list(const struct addrinfo *res, char *out, size_t n);

#endif
