/* The VPN check's walk over the .ovpn remotes, shared by both platforms
 * (vpn_remotes.c is built into nanbyo-check.exe too): each platform
 * brings its sockets and its error codes. */
#ifndef NANBYO_CHECK_VPN_REMOTES_H
#define NANBYO_CHECK_VPN_REMOTES_H
#include <stddef.h>
#include <stdint.h>

#include "nanbyo/probe.h"

struct addrinfo;

typedef struct {
    /* 0 when the server answered (see net_vpn.c), else an error code */
    int (*tcp_connect)(const struct addrinfo *ai, int64_t deadline_ms, int *answered, long *waited_ms);
    int (*udp_reset)(const struct addrinfo *ai, int64_t deadline_ms);
    void (*random_bytes)(unsigned char *p, size_t n);
    int timed_out, refused, net_unreach, host_unreach; /* the platform's codes */
} nb_vpn_transport;

/* Read the .ovpn and try its remotes in turn, each resolved the way the
 * AWS client does (a random label in front when remote-random-hostname
 * is set) and each address tried until one answers or the deadline
 * passes. Fills out as nb_probe_vpn promises. */
void nb_vpn_probe_remotes(const nb_vpn_transport *t, const char *ovpn_path, int default_port,
                          int64_t deadline_ms, nb_vpn_facts *out);

#endif
