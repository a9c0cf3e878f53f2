/* Fuzz target: the .ovpn reader (src/check/ovpn.h). A clerk passes
 * whatever file the VPN console gave them; the reader must survive any
 * bytes and keep its fixed-size fields terminated and in range. (That key
 * material is never kept is the check module's unit tests' job: a host
 * name may itself contain any text.) */
#include "fuzz_util.h"
#include "../../src/check/ovpn.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nb_ovpn o;
    nb_error err;
    err.msg[0] = '\0';
    memset(&o, 0x41, sizeof o); /* garbage the parser must overwrite */
    if (nb_ovpn_parse((const char *)data, size, "fuzz.ovpn", &o, &err) != 0) {
        FZ_ASSERT(err.msg[0] != '\0', "parse failed without a message");
        return 0;
    }
    FZ_ASSERT(o.n_remote <= NB_OVPN_MAX_REMOTES, "%zu remotes", o.n_remote);
    FZ_ASSERT(memchr(o.proto, '\0', sizeof o.proto), "proto not terminated");
    FZ_ASSERT(o.port >= 0 && o.port <= 65535, "port %d", o.port);
    for (size_t i = 0; i < o.n_remote; i++) {
        const nb_ovpn_remote *r = &o.remote[i];
        FZ_ASSERT(memchr(r->host, '\0', sizeof r->host), "host %zu not terminated", i);
        FZ_ASSERT(memchr(r->proto, '\0', sizeof r->proto), "remote proto not terminated");
        FZ_ASSERT(r->port >= 0 && r->port <= 65535, "remote port %d", r->port);
        for (const char *h = r->host; *h; h++)
            FZ_ASSERT(*h != ' ' && *h != '\t' && *h != '\r' && *h != '\n',
                      "white space inside host %zu", i);
        const char *proto = nb_ovpn_proto(&o, i);
        FZ_ASSERT(proto && (!strcmp(proto, "tcp") || !strcmp(proto, "udp")), "proto %s",
                  proto ? proto : "(null)");
        int port = nb_ovpn_port(&o, i, 443);
        FZ_ASSERT(port > 0 && port <= 65535, "effective port %d", port);
    }
    return 0;
}
