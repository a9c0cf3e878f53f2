/* Pure helpers of the network checks that both platforms share: the
 * host of a URL, whether a certificate issuer names a TLS-inspecting
 * product, a proxy URL without its password, the two OpenVPN packets of
 * the VPN check and the sentence its tries end with. No sockets here, so nanbyo-check.exe builds it too. */
#include "nanbyo/probe.h"
#include <stdio.h>
#include <string.h>

/* ASCII case-insensitive substring test (strcasestr is not in mingw). */
static bool contains_nocase(const char *hay, const char *needle)
{
    size_t nl = strlen(needle);
    for (; *hay; hay++) {
        size_t i = 0;
        while (i < nl && hay[i]) {
            char a = hay[i], b = needle[i];
            if (a >= 'A' && a <= 'Z')
                a = (char)(a - 'A' + 'a');
            if (b >= 'A' && b <= 'Z')
                b = (char)(b - 'A' + 'a');
            if (a != b)
                break;
            i++;
        }
        if (i == nl)
            return true;
    }
    return false;
}

bool nb_url_host(const char *url, char *out, size_t n)
{
    out[0] = '\0';
    const char *p = strstr(url, "://");
    if (!p)
        return false;
    p += 3;
    size_t l = strcspn(p, "/?#");
    const char *at = memchr(p, '@', l);
    if (at) {
        l -= (size_t)(at + 1 - p);
        p = at + 1;
    }
    size_t hl;
    if (*p == '[') {
        const char *close = memchr(p, ']', l);
        if (!close)
            return false;
        p++;
        hl = (size_t)(close - p);
    } else {
        const char *colon = memchr(p, ':', l);
        hl = colon ? (size_t)(colon - p) : l;
    }
    if (hl == 0 || hl >= n || hl > 253)
        return false;
    for (size_t i = 0; i < hl; i++) {
        char c = p[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '-' || c == '_' || c == ':'))
            return false;
    }
    memcpy(out, p, hl);
    out[hl] = '\0';
    return true;
}

bool nb_issuer_is_inspector(const char *issuer, char *why, size_t n)
{
    /* Names that TLS-inspecting firewalls, proxies and security suites put
     * in the certificates they make up. */
    static const char *const products[] = {
        "Zscaler", "Fortinet", "FortiGate", "Palo Alto", "Sophos", "Blue Coat",
        "BlueCoat", "Symantec Web", "Netskope", "Cisco Umbrella", "Cisco Secure",
        "Forcepoint", "WatchGuard", "Check Point", "Barracuda", "McAfee Web Gateway",
        "Trend Micro", "InterScan", "Kaspersky", "ESET SSL Filter", "Avast",
        "AVG Web", "Bitdefender", "i-FILTER", "Menlo Security", "Squid", "mitmproxy",
        "Charles Proxy", "Fiddler", NULL};
    if (!issuer)
        return false;
    for (size_t i = 0; products[i]; i++)
        if (contains_nocase(issuer, products[i])) {
            if (why)
                snprintf(why, n, "発行者名に「%s」が含まれます", products[i]);
            return true;
        }
    return false;
}

void nb_proxy_redact(const char *in, char *out, size_t n)
{
    if (!in) {
        out[0] = '\0';
        return;
    }
    const char *scheme = strstr(in, "://");
    const char *hostpart = scheme ? scheme + 3 : in;
    const char *at = NULL;
    for (const char *p = hostpart; *p && *p != '/'; p++)
        if (*p == '@')
            at = p;
    size_t pre = (size_t)(hostpart - in);
    if (at)
        snprintf(out, n, "%.*s***@%s", (int)pre, in, at + 1);
    else
        snprintf(out, n, "%s", in);
    for (char *c = out; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7f)
            *c = '?';
}

/* The 14-byte P_CONTROL_HARD_RESET_CLIENT_V2 packet: opcode 7 and key id 0,
 * the 8-byte session id, an empty ack array and message packet id 0. */
void nb_ovpn_client_reset(unsigned char pkt[14], const unsigned char sid[8])
{
    memset(pkt, 0, 14);
    pkt[0] = 7 << 3; /* opcode 7, key id 0 */
    memcpy(pkt + 1, sid, 8);
    /* pkt[9] = 0 acks, pkt[10..13] = packet id 0 */
}

/* Is pkt (one OpenVPN packet, without the TCP length) the server's answer
 * to our reset? P_CONTROL_HARD_RESET_SERVER_V2 is opcode 8; when it acks
 * our packet it carries our session id back after the ack ids, and that
 * must be ours (a stray server reset for someone else proves nothing). */
bool nb_ovpn_is_server_reset(const unsigned char *pkt, size_t n, const unsigned char ours[8])
{
    if (n < 14 || (pkt[0] >> 3) != 8)
        return false;
    size_t acks = pkt[9];
    if (acks == 0)
        return true;
    size_t remote_sid = 10 + 4 * acks;
    return n >= remote_sid + 8 && memcmp(pkt + remote_sid, ours, 8) == 0;
}

void nb_vpn_set_end(nb_vpn_facts *out, nb_vpn_end end, long elapsed_ms)
{
    static const struct {
        nb_net_outcome outcome;
        const char *err;
    } ends[] = {
        [NB_VPN_END_OK] = {NB_NET_OK, ""},
        [NB_VPN_END_REFUSED] = {NB_NET_REFUSED, "接続を拒否されました"},
        [NB_VPN_END_TIMEOUT] = {NB_NET_TIMEOUT, "時間内に応答がありませんでした"},
        [NB_VPN_END_UNREACHABLE] = {NB_NET_OTHER, "接続先へのネットワーク経路がありません"},
        [NB_VPN_END_OTHER] = {NB_NET_OTHER, "接続できませんでした"},
    };
    out->elapsed_ms = elapsed_ms;
    out->outcome = ends[end].outcome;
    snprintf(out->err, sizeof out->err, "%s", ends[end].err);
}
