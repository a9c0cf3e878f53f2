/* .ovpn reader (see ovpn.h). Reads line by line, keeps only remote, proto,
 * port and flags, and steps over inline blocks without copying a byte of
 * them: a key must never reach a result, a log or the answers file. */
#include "ovpn.h"
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nanbyo/quote.h"

void nb_ovpn_error(nb_error *err, const char *name, size_t line, const char *what)
{
    if (!err)
        return;
    if (line)
        nb_error_set(err, "VPN 設定ファイル %s の %zu 行目: %s", NB_QUOTED(name, 120), line, what);
    else
        nb_error_set(err, "VPN 設定ファイル %s: %s", NB_QUOTED(name, 120), what);
}

static bool valid_host(const char *h)
{
    size_t n = strlen(h);
    if (n == 0 || n > 253)
        return false;
    for (const char *c = h; *c; c++)
        if (!isalnum((unsigned char)*c) && *c != '.' && *c != '-' && *c != '_' && *c != ':')
            return false;
    return true;
}

static int parse_port(const char *s)
{
    if (!*s || strlen(s) > 5)
        return -1;
    for (const char *c = s; *c; c++)
        if (!isdigit((unsigned char)*c))
            return -1;
    int v = atoi(s);
    return v >= 1 && v <= 65535 ? v : -1;
}

/* "tcp-client", "udp6", ... -> "tcp" / "udp"; NULL if unknown. */
static const char *norm_proto(const char *s)
{
    if (strncmp(s, "tcp", 3) == 0)
        return "tcp";
    if (strncmp(s, "udp", 3) == 0)
        return "udp";
    return NULL;
}

/* Split into at most max whitespace-separated tokens (each bounded). */
static int tokens(const char *line, size_t len, char tok[][256], int max)
{
    int n = 0;
    size_t i = 0;
    while (i < len && n < max) {
        while (i < len && (line[i] == ' ' || line[i] == '\t'))
            i++;
        if (i >= len)
            break;
        size_t s = i;
        while (i < len && line[i] != ' ' && line[i] != '\t')
            i++;
        size_t l = i - s;
        if (l > 255)
            l = 255;
        memcpy(tok[n], line + s, l);
        tok[n][l] = '\0';
        n++;
    }
    return n;
}

int nb_ovpn_parse(const char *text, size_t len, const char *name, nb_ovpn *out, nb_error *err)
{
    memset(out, 0, sizeof *out);
    char block[64] = ""; /* inside <block> we skip until </block> */
    size_t lineno = 0;
    for (size_t pos = 0; pos < len;) {
        const char *line = text + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t l = nl ? (size_t)(nl - line) : len - pos;
        pos += l + (nl ? 1 : 0);
        lineno++;
        while (l > 0 && (line[l - 1] == '\r' || line[l - 1] == ' ' || line[l - 1] == '\t'))
            l--;
        while (l > 0 && (*line == ' ' || *line == '\t')) {
            line++;
            l--;
        }
        if (block[0]) {
            char close[80];
            int cl = snprintf(close, sizeof close, "</%s>", block);
            if ((size_t)cl == l && memcmp(line, close, l) == 0)
                block[0] = '\0';
            continue;
        }
        if (l == 0 || line[0] == '#' || line[0] == ';')
            continue;
        if (memchr(line, '\0', l)) {
            nb_ovpn_error(err, name, lineno, "文字ではないデータ (NUL) が含まれています。AWS のコンソールから書き出したファイルを指定してください。");
            return -1;
        }
        if (line[0] == '<' && line[l - 1] == '>' && l > 2 && line[1] != '/') {
            size_t tl = l - 2;
            if (tl >= sizeof block)
                tl = sizeof block - 1;
            memcpy(block, line + 1, tl);
            block[tl] = '\0';
            if (strcmp(block, "connection") == 0) {
                block[0] = '\0'; /* remote lines inside are plain settings */
                continue;
            }
            if (strncmp(block, "tls-auth", 8) == 0 || strncmp(block, "tls-crypt", 9) == 0)
                out->tls_auth = true;
            out->blocks_skipped++;
            continue;
        }
        if (l == 13 && memcmp(line, "</connection>", 13) == 0)
            continue;
        char tok[4][256];
        int nt = tokens(line, l, tok, 4);
        if (nt == 0)
            continue;
        if (strcmp(tok[0], "remote") == 0) {
            if (nt < 2 || !valid_host(tok[1])) {
                nb_ovpn_error(err, name, lineno, "remote の接続先の名前が正しくありません。");
                return -1;
            }
            if (out->n_remote >= NB_OVPN_MAX_REMOTES)
                continue;
            nb_ovpn_remote *r = &out->remote[out->n_remote];
            memset(r, 0, sizeof *r);
            snprintf(r->host, sizeof r->host, "%s", tok[1]);
            if (nt >= 3) {
                r->port = parse_port(tok[2]);
                if (r->port < 0) {
                    nb_ovpn_error(err, name, lineno, "remote のポート番号が正しくありません (1 から 65535)。");
                    return -1;
                }
            }
            if (nt >= 4) {
                const char *p = norm_proto(tok[3]);
                if (!p) {
                    nb_ovpn_error(err, name, lineno, "remote のプロトコルは tcp か udp にしてください。");
                    return -1;
                }
                snprintf(r->proto, sizeof r->proto, "%s", p);
            }
            out->n_remote++;
        } else if (strcmp(tok[0], "proto") == 0 && nt >= 2) {
            const char *p = norm_proto(tok[1]);
            if (!p) {
                nb_ovpn_error(err, name, lineno, "proto は tcp か udp にしてください。");
                return -1;
            }
            snprintf(out->proto, sizeof out->proto, "%s", p);
        } else if ((strcmp(tok[0], "port") == 0 || strcmp(tok[0], "rport") == 0) && nt >= 2) {
            out->port = parse_port(tok[1]);
            if (out->port < 0) {
                nb_ovpn_error(err, name, lineno, "port の番号が正しくありません (1 から 65535)。");
                return -1;
            }
        } else if (strcmp(tok[0], "remote-random-hostname") == 0) {
            out->random_hostname = true;
        } else if (strcmp(tok[0], "tls-auth") == 0 || strcmp(tok[0], "tls-crypt") == 0 ||
                   strcmp(tok[0], "tls-crypt-v2") == 0) {
            out->tls_auth = true;
        }
    }
    if (out->n_remote == 0) {
        nb_ovpn_error(err, name, 0, "接続先 (remote の行) がありません。AWS のコンソールから書き出した .ovpn ファイルを指定してください。");
        return -1;
    }
    return 0;
}

const char *nb_ovpn_proto(const nb_ovpn *o, size_t i)
{
    if (i < o->n_remote && o->remote[i].proto[0])
        return o->remote[i].proto;
    return o->proto[0] ? o->proto : "udp";
}

int nb_ovpn_port(const nb_ovpn *o, size_t i, int default_port)
{
    if (i < o->n_remote && o->remote[i].port > 0)
        return o->remote[i].port;
    return o->port > 0 ? o->port : default_port;
}
