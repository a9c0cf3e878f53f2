/* Name resolution and HTTPS on Windows. HTTPS goes through WinHTTP, so
 * the certificate is checked against the Windows certificate store (the
 * one the browsers use, with any CA a TLS-inspecting product installed)
 * and the clerk's proxy setting is used as the browsers use it. Any HTTP
 * status proves the path; the Date header gives the clock skew; the
 * issuer of the server certificate and of the chain's top tell whether a
 * TLS-inspecting product sits in between. */
#include "../check_table.h"
#include "wutil.h"
#include "../net_addr.h"
#include <winsock2.h>
#include <ws2tcpip.h>
#include <winhttp.h>
#include <wincrypt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static INIT_ONCE wsa_once = INIT_ONCE_STATIC_INIT;
static BOOL CALLBACK wsa_start(INIT_ONCE *o, void *p, void **c)
{
    (void)o, (void)p, (void)c;
    WSADATA d;
    return WSAStartup(MAKEWORD(2, 2), &d) == 0;
}
void nb_win_wsa(void) { InitOnceExecuteOnce(&wsa_once, wsa_start, NULL, NULL); }

static bool is_literal(const char *h)
{
    unsigned char tmp[16];
    return inet_pton(AF_INET, h, tmp) == 1 || inet_pton(AF_INET6, h, tmp) == 1;
}

void nb_gather_dns(const nb_probe_env *env, nb_pc_facts *f)
{
    nb_dns_facts *out = &f->dns;
    memset(out, 0, sizeof *out);
    nb_win_wsa();
    if (!nb_url_host(env->url, out->host, sizeof out->host)) {
        out->outcome = NB_NET_OTHER;
        snprintf(out->err, sizeof out->err, "確認先の URL が正しくありません");
        return;
    }
    if (is_literal(out->host)) {
        out->literal = true;
        out->outcome = NB_NET_OK;
        snprintf(out->addrs, sizeof out->addrs, "%s", out->host);
        return;
    }
    int64_t t0 = nb_now_ms();
    struct addrinfo hints = {0}, *res = NULL;
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    int rc = getaddrinfo(out->host, NULL, &hints, &res);
    out->elapsed_ms = (long)(nb_now_ms() - t0);
    if (rc != 0) {
        out->outcome = NB_NET_DNS_FAIL;
        snprintf(out->err, sizeof out->err, "%s",
                 rc == WSAHOST_NOT_FOUND ? "その名前は登録されていません (NXDOMAIN)"
                 : rc == WSATRY_AGAIN ? "DNS サーバーが応答しないか、一時的に失敗しました"
                                      : "名前解決に失敗しました");
        return;
    }
    out->outcome = NB_NET_OK;
    nb_net_addr_list(res, out->addrs, sizeof out->addrs);
    freeaddrinfo(res);
}

/* Issuer of the server certificate, and of the top of the chain Windows
 * built for it. */
static void issuers(HINTERNET req, nb_https_facts *out)
{
    PCCERT_CONTEXT cert = NULL;
    DWORD len = sizeof cert;
    if (!WinHttpQueryOption(req, WINHTTP_OPTION_SERVER_CERT_CONTEXT, &cert, &len) || !cert)
        return;
    wchar_t name[256];
    if (CertGetNameStringW(cert, CERT_NAME_SIMPLE_DISPLAY_TYPE, CERT_NAME_ISSUER_FLAG, NULL, name, 256) > 1)
        nb_w2u(name, out->issuer, sizeof out->issuer);
    CERT_CHAIN_PARA para;
    memset(&para, 0, sizeof para);
    para.cbSize = sizeof para;
    PCCERT_CHAIN_CONTEXT chain = NULL;
    if (CertGetCertificateChain(NULL, cert, NULL, cert->hCertStore, &para, 0, NULL, &chain) && chain &&
        chain->cChain > 0 && chain->rgpChain[0]->cElement > 0) {
        const CERT_SIMPLE_CHAIN *sc = chain->rgpChain[0];
        PCCERT_CONTEXT top = sc->rgpElement[sc->cElement - 1]->pCertContext;
        if (CertGetNameStringW(top, CERT_NAME_SIMPLE_DISPLAY_TYPE, CERT_NAME_ISSUER_FLAG, NULL, name, 256) > 1)
            nb_w2u(name, out->root_issuer, sizeof out->root_issuer);
    }
    if (chain)
        CertFreeCertificateChain(chain);
    CertFreeCertificateContext(cert);
}

/* Server Date minus the local clock, in seconds. */
static void clock_skew(HINTERNET req, nb_https_facts *out)
{
    SYSTEMTIME server;
    DWORD len = sizeof server;
    if (!WinHttpQueryHeaders(req, WINHTTP_QUERY_DATE | WINHTTP_QUERY_FLAG_SYSTEMTIME, WINHTTP_HEADER_NAME_BY_INDEX,
                             &server, &len, WINHTTP_NO_HEADER_INDEX))
        return;
    FILETIME sf, lf;
    if (!SystemTimeToFileTime(&server, &sf))
        return;
    GetSystemTimeAsFileTime(&lf);
    ULARGE_INTEGER s = {.LowPart = sf.dwLowDateTime, .HighPart = sf.dwHighDateTime};
    ULARGE_INTEGER l = {.LowPart = lf.dwLowDateTime, .HighPart = lf.dwHighDateTime};
    out->have_date = true;
    out->skew_s = ((int64_t)s.QuadPart - (int64_t)l.QuadPart) / 10000000;
}

static bool tls_error(DWORD e)
{
    return e == ERROR_WINHTTP_SECURE_FAILURE || e == ERROR_WINHTTP_SECURE_CHANNEL_ERROR ||
           e == ERROR_WINHTTP_SECURE_INVALID_CA || e == ERROR_WINHTTP_SECURE_CERT_DATE_INVALID ||
           e == ERROR_WINHTTP_SECURE_CERT_CN_INVALID || e == ERROR_WINHTTP_SECURE_INVALID_CERT ||
           e == ERROR_WINHTTP_SECURE_CERT_REVOKED || e == ERROR_WINHTTP_SECURE_CERT_WRONG_USAGE;
}

static void classify(DWORD e, nb_https_facts *out)
{
    if (tls_error(e)) {
        out->outcome = NB_NET_TLS_FAIL;
        snprintf(out->err, sizeof out->err,
                 "サーバー証明書を確認できませんでした (信頼できる発行者ではないか、名前か期限が合いません。WinHTTP エラー %lu)",
                 (unsigned long)e);
    } else if (e == ERROR_WINHTTP_TIMEOUT) {
        out->outcome = NB_NET_TIMEOUT;
        snprintf(out->err, sizeof out->err, "時間内に応答がありませんでした");
    } else if (e == ERROR_WINHTTP_NAME_NOT_RESOLVED) {
        out->outcome = out->via_proxy ? NB_NET_PROXY_FAIL : NB_NET_DNS_FAIL;
        snprintf(out->err, sizeof out->err, "%s", out->via_proxy ? "プロキシの名前を解決できませんでした"
                                                                 : "確認先の名前を解決できませんでした");
    } else if (e == ERROR_WINHTTP_CANNOT_CONNECT) {
        out->outcome = out->via_proxy ? NB_NET_PROXY_FAIL : NB_NET_REFUSED;
        snprintf(out->err, sizeof out->err, "%s", out->via_proxy ? "プロキシに接続できませんでした"
                                                                 : "接続を拒否されたか、接続先に届きませんでした");
    } else if (e == ERROR_WINHTTP_CONNECTION_ERROR) {
        out->outcome = NB_NET_OTHER;
        snprintf(out->err, sizeof out->err, "接続は途中で切られました (途中の機器が通信を遮断している可能性があります)");
    } else {
        out->outcome = NB_NET_OTHER;
        snprintf(out->err, sizeof out->err, "接続できませんでした (WinHTTP エラー %lu)", (unsigned long)e);
    }
}

/* One GET. ignore_cert: only to read the issuer of a certificate that
 * failed (the result of that request proves nothing else). */
static DWORD request(HINTERNET session, const URL_COMPONENTS *u, const wchar_t *host, bool ignore_cert,
                     nb_https_facts *out, bool fill)
{
    DWORD err = 0;
    HINTERNET conn = WinHttpConnect(session, host, u->nPort, 0);
    HINTERNET req = conn ? WinHttpOpenRequest(conn, L"GET", u->dwUrlPathLength ? u->lpszUrlPath : L"/", NULL,
                                              WINHTTP_NO_REFERER, WINHTTP_DEFAULT_ACCEPT_TYPES, WINHTTP_FLAG_SECURE)
                         : NULL;
    if (!req) {
        err = GetLastError();
        goto done;
    }
    if (ignore_cert) {
        DWORD flags = SECURITY_FLAG_IGNORE_UNKNOWN_CA | SECURITY_FLAG_IGNORE_CERT_DATE_INVALID |
                      SECURITY_FLAG_IGNORE_CERT_CN_INVALID | SECURITY_FLAG_IGNORE_CERT_WRONG_USAGE;
        WinHttpSetOption(req, WINHTTP_OPTION_SECURITY_FLAGS, &flags, sizeof flags);
    }
    if (!WinHttpSendRequest(req, WINHTTP_NO_ADDITIONAL_HEADERS, 0, WINHTTP_NO_REQUEST_DATA, 0, 0, 0) ||
        !WinHttpReceiveResponse(req, NULL)) {
        err = GetLastError();
        goto done;
    }
    issuers(req, out);
    if (fill) {
        DWORD code = 0, len = sizeof code;
        WinHttpQueryHeaders(req, WINHTTP_QUERY_STATUS_CODE | WINHTTP_QUERY_FLAG_NUMBER, WINHTTP_HEADER_NAME_BY_INDEX,
                            &code, &len, WINHTTP_NO_HEADER_INDEX);
        out->http_code = (long)code;
        clock_skew(req, out);
    }
done:
    if (req)
        WinHttpCloseHandle(req);
    if (conn)
        WinHttpCloseHandle(conn);
    return err;
}

void nb_gather_https(const nb_probe_env *env, nb_pc_facts *f)
{
    nb_https_facts *out = &f->https;
    memset(out, 0, sizeof *out);
    snprintf(out->url, sizeof out->url, "%s", env->url);
    int64_t t0 = nb_now_ms();
    if (_strnicmp(env->url, "https://", 8) != 0) {
        out->outcome = NB_NET_OTHER;
        out->not_https = true;
        snprintf(out->err, sizeof out->err, "確認先の URL が https:// で始まっていないため、HTTPS の確認はしていません");
        return;
    }
    wchar_t *wurl = nb_u2w(env->url);
    wchar_t host[256];
    URL_COMPONENTS u;
    memset(&u, 0, sizeof u);
    u.dwStructSize = sizeof u;
    u.lpszHostName = host;
    u.dwHostNameLength = 256;
    u.dwUrlPathLength = (DWORD)-1;
    if (!wurl || !WinHttpCrackUrl(wurl, 0, 0, &u)) {
        free(wurl);
        out->outcome = NB_NET_OTHER;
        snprintf(out->err, sizeof out->err, "確認先の URL が正しくありません");
        return;
    }
    /* the clerk's proxy, as the browsers use it */
    WINHTTP_CURRENT_USER_IE_PROXY_CONFIG ie;
    memset(&ie, 0, sizeof ie);
    bool manual = WinHttpGetIEProxyConfigForCurrentUser(&ie) && ie.lpszProxy && ie.lpszProxy[0];
    if (manual) {
        out->via_proxy = true;
        char p[256];
        nb_w2u(ie.lpszProxy, p, sizeof p);
        nb_proxy_redact(p, out->proxy, sizeof out->proxy);
    }
    HINTERNET session = WinHttpOpen(L"nanbyo-check", manual ? WINHTTP_ACCESS_TYPE_NAMED_PROXY : WINHTTP_ACCESS_TYPE_DEFAULT_PROXY,
                                    manual ? ie.lpszProxy : WINHTTP_NO_PROXY_NAME,
                                    manual && ie.lpszProxyBypass ? ie.lpszProxyBypass : WINHTTP_NO_PROXY_BYPASS, 0);
    GlobalFree(ie.lpszProxy);
    GlobalFree(ie.lpszProxyBypass);
    GlobalFree(ie.lpszAutoConfigUrl);
    int64_t left = env->deadline_ms - nb_now_ms();
    if (!session || left <= 0) {
        out->outcome = left <= 0 ? NB_NET_TIMEOUT : NB_NET_OTHER;
        snprintf(out->err, sizeof out->err, "%s", left <= 0 ? "時間内に応答がありませんでした" : "通信の準備ができませんでした");
        if (session)
            WinHttpCloseHandle(session);
        free(wurl);
        return;
    }
    int ms = (int)(left > 600000 ? 600000 : left);
    WinHttpSetTimeouts(session, ms, ms, ms, ms);
    DWORD e = request(session, &u, host, false, out, true);
    if (!e) {
        out->outcome = out->http_code == 407 ? NB_NET_PROXY_FAIL : NB_NET_OK;
        if (out->http_code == 407)
            snprintf(out->err, sizeof out->err, "プロキシが認証 (ID とパスワード) を求めています (HTTP 407)");
    } else {
        classify(e, out);
        if (out->outcome == NB_NET_TLS_FAIL && nb_now_ms() < env->deadline_ms)
            request(session, &u, host, true, out, false);
    }
    WinHttpCloseHandle(session);
    free(wurl);
    if (out->issuer[0] &&
        (nb_issuer_is_inspector(out->issuer, out->intercept_why, sizeof out->intercept_why) ||
         nb_issuer_is_inspector(out->root_issuer, out->intercept_why, sizeof out->intercept_why)))
        out->intercept = true;
    out->elapsed_ms = (long)(nb_now_ms() - t0);
}
