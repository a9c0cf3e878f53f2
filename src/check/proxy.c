/* Proxy settings as libcurl sees them: the environment variables. The
 * uppercase HTTP_PROXY is ignored by libcurl on purpose (the "httpoxy"
 * defence), so it is reported separately. Passwords in proxy URLs are
 * never copied into a result. */
#include "nanbyo/probe.h"
#include <stdio.h>
#include <string.h>

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

static void pick(const nb_probe_ctx *ctx, const char *a, const char *b, char *out, size_t n)
{
    const char *v = nb_probe_getenv(ctx, a);
    if (!v && b)
        v = nb_probe_getenv(ctx, b);
    nb_proxy_redact(v, out, n);
}

void nb_probe_proxy(const nb_probe_ctx *ctx, nb_proxy_facts *out)
{
    memset(out, 0, sizeof *out);
    pick(ctx, "https_proxy", "HTTPS_PROXY", out->https, sizeof out->https);
    pick(ctx, "http_proxy", NULL, out->http, sizeof out->http);
    pick(ctx, "all_proxy", "ALL_PROXY", out->all, sizeof out->all);
    pick(ctx, "no_proxy", "NO_PROXY", out->no, sizeof out->no);
    out->upper_http_only = !out->http[0] && nb_probe_getenv(ctx, "HTTP_PROXY");
}
