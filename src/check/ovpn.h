/* Reader for an OpenVPN client file (.ovpn) as the AWS Client VPN console
 * exports it. Only what a reachability check needs is kept: remote host,
 * port and protocol, remote-random-hostname, and whether tls-auth or
 * tls-crypt is present. Inline key and certificate blocks (<key>...</key>,
 * <cert>, <ca>, <tls-auth>, <tls-crypt>, ...) are skipped unread and never
 * copied anywhere: this module must never hold key material. */
#ifndef NANBYO_OVPN_H
#define NANBYO_OVPN_H
#include <stdbool.h>
#include <stddef.h>
#include "nanbyo/error.h"

#define NB_OVPN_MAX_REMOTES 8

typedef struct {
    char host[256];
    int port;        /* 0 = not given on the line */
    char proto[8];   /* "" = not given on the line */
} nb_ovpn_remote;

typedef struct {
    nb_ovpn_remote remote[NB_OVPN_MAX_REMOTES];
    size_t n_remote;
    char proto[8];        /* from "proto"; "" = not given (OpenVPN default udp) */
    int port;             /* from "port"; 0 = not given */
    bool random_hostname; /* remote-random-hostname */
    bool tls_auth;        /* tls-auth / tls-crypt / tls-crypt-v2 present */
    size_t blocks_skipped;/* inline blocks skipped (count only) */
} nb_ovpn;

/* Parse text. name is the file name used in messages. Returns 0, or -1
 * with err set in Japanese (file and line named). */
int nb_ovpn_parse(const char *text, size_t len, const char *name, nb_ovpn *out, nb_error *err);
/* Read and parse a file (at most 1 MiB). One definition per platform
 * (src/check/posix/ovpn_read.c, src/check/win/ovpn_read.c). */
int nb_ovpn_read(const char *path, nb_ovpn *out, nb_error *err);
/* The message for a problem in file name (line 0: the whole file), with
 * control characters of the name replaced. */
void nb_ovpn_error(nb_error *err, const char *name, size_t line, const char *what);
/* Effective protocol of remote i: "tcp" or "udp". */
const char *nb_ovpn_proto(const nb_ovpn *o, size_t i);
/* Effective port of remote i (default_port when none is given). */
int nb_ovpn_port(const nb_ovpn *o, size_t i, int default_port);

#endif
