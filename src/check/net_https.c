/* HTTPS probe with libcurl: one GET to the definition's URL with the
 * certificate verified, bounded by the run's deadline. Any HTTP status
 * from the server proves the path works; the body is not wanted, so the
 * transfer stops at the first byte of it. The server's Date header gives
 * the clock skew, and the certificate chain's issuer tells whether a
 * TLS-inspecting product sits in between. */
#define _GNU_SOURCE
#include "nanbyo/probe.h"
#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "nanbyo/quote.h"

typedef struct {
    nb_https_facts *out;
    size_t body;
} xfer;

static size_t on_body(char *p, size_t sz, size_t nm, void *ud)
{
    (void)p;
    xfer *x = ud;
    x->body += sz * nm;
    return 0; /* the status line and headers are all we need */
}

static size_t on_header(char *p, size_t sz, size_t nm, void *ud)
{
    xfer *x = ud;
    size_t len = sz * nm;
    if (len > 5 && strncasecmp(p, "Date:", 5) == 0 && len < 200) {
        char v[200];
        memcpy(v, p + 5, len - 5);
        v[len - 5] = '\0';
        time_t t = curl_getdate(v, NULL);
        if (t > 0) {
            x->out->have_date = true;
            x->out->skew_s = (int64_t)t - (int64_t)time(NULL);
        }
    }
    return len;
}

/* "Issuer:..." of chain entry i, quoted (controls and bidi escaped). */
static void cert_issuer(struct curl_certinfo *ci, int i, char *out, size_t n)
{
    out[0] = '\0';
    if (!ci || i < 0 || i >= ci->num_of_certs)
        return;
    for (struct curl_slist *s = ci->certinfo[i]; s; s = s->next)
        if (strncmp(s->data, "Issuer:", 7) == 0) {
            nb_quote(out, n, s->data + 7, n);
            return;
        }
}

static CURL *easy(const char *url, const char *cacert, int64_t deadline_ms)
{
    CURL *h = curl_easy_init();
    if (!h)
        return NULL;
    long left = (long)(deadline_ms - nb_now_ms());
    if (left < 1)
        left = 1;
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, left);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, left);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "https");
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(h, CURLOPT_CERTINFO, 1L);
    curl_easy_setopt(h, CURLOPT_USERAGENT, "nanbyo-survey-check");
    if (cacert && *cacert)
        curl_easy_setopt(h, CURLOPT_CAINFO, cacert);
    return h;
}

/* After a failed verification, look at the chain anyway (no data is
 * trusted or sent: the handshake only) to name the issuer. */
static void issuer_unverified(const char *url, int64_t deadline_ms, nb_https_facts *out)
{
    CURL *h = easy(url, NULL, deadline_ms);
    if (!h)
        return;
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 0L);
    curl_easy_setopt(h, CURLOPT_CONNECT_ONLY, 1L);
    if (curl_easy_perform(h) == CURLE_OK) {
        struct curl_certinfo *ci = NULL;
        curl_easy_getinfo(h, CURLINFO_CERTINFO, &ci);
        cert_issuer(ci, 0, out->issuer, sizeof out->issuer);
        if (ci && ci->num_of_certs > 0)
            cert_issuer(ci, ci->num_of_certs - 1, out->root_issuer, sizeof out->root_issuer);
    }
    curl_easy_cleanup(h);
}

static bool no_proxy_matches(const char *list, const char *host)
{
    if (!list || !*list)
        return false;
    if (strcmp(list, "*") == 0)
        return true;
    size_t hl = strlen(host);
    for (const char *p = list; *p;) {
        while (*p == ',' || *p == ' ')
            p++;
        size_t l = strcspn(p, ", ");
        const char *e = p;
        size_t el = l;
        if (el && *e == '.') {
            e++;
            el--;
        }
        if (el && hl >= el && strncasecmp(host + hl - el, e, el) == 0 &&
            (hl == el || host[hl - el - 1] == '.'))
            return true;
        p += l;
    }
    return false;
}

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static void curl_init(void) { curl_global_init(CURL_GLOBAL_DEFAULT); }

void nb_https_init(void)
{
    pthread_once(&curl_once, curl_init);
}

void nb_probe_https(const nb_probe_ctx *ctx, const char *url, const char *cacert,
                    int64_t deadline_ms, nb_https_facts *out)
{
    memset(out, 0, sizeof *out);
    snprintf(out->url, sizeof out->url, "%s", url);
    int64_t t0 = nb_now_ms();
    char host[256];
    if (!nb_url_host(url, host, sizeof host)) {
        out->outcome = NB_NET_OTHER;
        snprintf(out->err, sizeof out->err, "確認先の URL が正しくありません");
        return;
    }
    /* Plain http proves nothing about certificates: a pass would lie. */
    if (strncasecmp(url, "https://", 8) != 0) {
        out->outcome = NB_NET_OTHER;
        out->not_https = true;
        snprintf(out->err, sizeof out->err, "確認先の URL が https:// で始まっていないため、HTTPS の確認はしていません");
        return;
    }
    nb_proxy_facts px;
    nb_probe_proxy(ctx, &px);
    const char *proxy = px.https;
    if (!*proxy)
        proxy = px.all;
    if (*proxy && !no_proxy_matches(px.no, host)) {
        out->via_proxy = true;
        snprintf(out->proxy, sizeof out->proxy, "%s", proxy);
    }
    if (deadline_ms - nb_now_ms() <= 0) {
        out->outcome = NB_NET_TIMEOUT;
        snprintf(out->err, sizeof out->err, "時間内に応答がありませんでした");
        return;
    }
    CURL *h = easy(url, cacert, deadline_ms);
    if (!h) {
        out->outcome = NB_NET_OTHER;
        snprintf(out->err, sizeof out->err, "通信の準備ができませんでした (メモリ不足)");
        return;
    }
    xfer x = {out, 0};
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &x);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &x);
    CURLcode rc = curl_easy_perform(h);
    long code = 0, connect_code = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
    curl_easy_getinfo(h, CURLINFO_HTTP_CONNECTCODE, &connect_code);
    out->http_code = code;
    struct curl_certinfo *ci = NULL;
    if (curl_easy_getinfo(h, CURLINFO_CERTINFO, &ci) == CURLE_OK && ci && ci->num_of_certs > 0) {
        cert_issuer(ci, 0, out->issuer, sizeof out->issuer);
        cert_issuer(ci, ci->num_of_certs - 1, out->root_issuer, sizeof out->root_issuer);
    }
    curl_easy_cleanup(h);

    if ((rc == CURLE_OK || rc == CURLE_WRITE_ERROR) && code > 0) {
        out->outcome = code == 407 ? NB_NET_PROXY_FAIL : NB_NET_OK;
        if (code == 407)
            snprintf(out->err, sizeof out->err, "プロキシが認証 (ID とパスワード) を求めています (HTTP 407)");
    } else if (connect_code == 407 || connect_code == 403) {
        out->outcome = NB_NET_PROXY_FAIL;
        snprintf(out->err, sizeof out->err, "プロキシが接続を断りました (HTTP %ld)", connect_code);
    } else {
        switch (rc) {
        case CURLE_OPERATION_TIMEDOUT:
            out->outcome = NB_NET_TIMEOUT;
            snprintf(out->err, sizeof out->err, "時間内に応答がありませんでした");
            break;
        case CURLE_COULDNT_RESOLVE_HOST:
            out->outcome = NB_NET_DNS_FAIL;
            snprintf(out->err, sizeof out->err, "%.120s の名前を解決できませんでした", host);
            break;
        case CURLE_COULDNT_RESOLVE_PROXY:
            out->outcome = NB_NET_PROXY_FAIL;
            snprintf(out->err, sizeof out->err, "プロキシの名前を解決できませんでした");
            break;
        case CURLE_COULDNT_CONNECT:
            out->outcome = out->via_proxy ? NB_NET_PROXY_FAIL : NB_NET_REFUSED;
            snprintf(out->err, sizeof out->err, "%s", out->via_proxy
                     ? "プロキシに接続できませんでした" : "接続を拒否されたか、接続先に届きませんでした");
            break;
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_ISSUER_ERROR:
        case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            out->outcome = NB_NET_TLS_FAIL;
            snprintf(out->err, sizeof out->err, "%s", rc == CURLE_SSL_CACERT_BADFILE
                     ? "指定された CA 証明書ファイルを読めませんでした"
                     : "サーバー証明書を確認できませんでした (信頼できる発行者ではないか、名前が一致しません)");
            if (rc != CURLE_SSL_CACERT_BADFILE && !out->issuer[0])
                issuer_unverified(url, deadline_ms, out);
            break;
        case CURLE_SSL_CONNECT_ERROR:
            out->outcome = NB_NET_OTHER;
            snprintf(out->err, sizeof out->err, "暗号化通信 (TLS) を始められませんでした");
            break;
        case CURLE_GOT_NOTHING:
        case CURLE_RECV_ERROR:
        case CURLE_SEND_ERROR:
            out->outcome = NB_NET_OTHER;
            snprintf(out->err, sizeof out->err, "接続は途中で切られました (途中の機器が通信を遮断している可能性があります)");
            break;
        default:
            out->outcome = NB_NET_OTHER;
            snprintf(out->err, sizeof out->err, "接続できませんでした (libcurl コード %d)", (int)rc);
            break;
        }
    }
    if (out->issuer[0] &&
        (nb_issuer_is_inspector(out->issuer, out->intercept_why, sizeof out->intercept_why) ||
         nb_issuer_is_inspector(out->root_issuer, out->intercept_why, sizeof out->intercept_why)))
        out->intercept = true;
    out->elapsed_ms = (long)(nb_now_ms() - t0);
}
