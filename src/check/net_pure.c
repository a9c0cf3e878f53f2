/* Pure helpers of the network checks that both platforms share: the
 * host of a URL, and whether a certificate issuer names a TLS-inspecting
 * product. No sockets here, so nanbyo-check.exe builds it too. */
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
