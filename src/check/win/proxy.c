/* Proxy settings on Windows: what the clerk set under Settings > Network >
 * Proxy, as WinHTTP reads it for the current user (under wine it reads the
 * binary DefaultConnectionSettings value). */
#include "../check_table.h"
#include "wutil.h"
#include <winhttp.h>
#include <stdio.h>
#include <string.h>

void nb_gather_proxy(const nb_probe_env *env, nb_pc_facts *f)
{
    (void)env;
    nb_proxy_facts *out = &f->proxy;
    memset(out, 0, sizeof *out);
    WINHTTP_CURRENT_USER_IE_PROXY_CONFIG c;
    memset(&c, 0, sizeof c);
    if (!WinHttpGetIEProxyConfigForCurrentUser(&c))
        return;
    char tmp[256];
    if (c.lpszProxy) {
        nb_w2u(c.lpszProxy, tmp, sizeof tmp);
        nb_proxy_redact(tmp, out->https, sizeof out->https);
    }
    if (c.lpszProxyBypass) {
        nb_w2u(c.lpszProxyBypass, tmp, sizeof tmp);
        nb_proxy_redact(tmp, out->no, sizeof out->no);
    }
    if (c.lpszAutoConfigUrl) {
        nb_w2u(c.lpszAutoConfigUrl, tmp, sizeof tmp);
        nb_proxy_redact(tmp, out->pac, sizeof out->pac);
    }
    out->autodetect = c.fAutoDetect;
    GlobalFree(c.lpszProxy);
    GlobalFree(c.lpszProxyBypass);
    GlobalFree(c.lpszAutoConfigUrl);
}
