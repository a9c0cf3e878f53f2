/* Proxy settings as libcurl sees them: the environment variables. The
 * uppercase HTTP_PROXY is ignored by libcurl on purpose (the "httpoxy"
 * defence), so it is reported separately. Passwords in proxy URLs are
 * never copied into a result. */
#include "nanbyo/probe.h"
#include <stdio.h>
#include <string.h>

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
