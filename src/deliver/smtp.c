/* Sending one finished message over SMTP with libcurl. The message bytes
 * are uploaded as they are (curl dot-stuffs them); the envelope comes from
 * the options or the message's own From/To. Success means curl finished
 * without error *and* the last reply was 250, the answer to the data.
 * Every failure becomes one Japanese sentence naming the cause: curl's
 * English text is used only to tell stages apart, never shown. */
#include "nanbyo/buf.h"
#include "nanbyo/deliver.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include "nanbyo/message.h"
#include "nanbyo/atomic_file.h"
#include "nanbyo/quote.h"

typedef struct {
    const char *data;
    size_t len, off;
} upload;

static size_t read_cb(char *buf, size_t size, size_t nitems, void *userp)
{
    upload *u = userp;
    size_t room = size * nitems, left = u->len - u->off;
    size_t n = left < room ? left : room;
    memcpy(buf, u->data + u->off, n);
    u->off += n;
    return n;
}

/* NANBYO_SMTP_TRACE=1 shows the SMTP dialogue on stderr for whoever
 * helps the clerk. Credentials never appear: the AUTH command and every
 * line the client sends until the server answers it are blanked. */
typedef struct {
    bool in_auth;
} trace_state;

static int trace_cb(CURL *c, curl_infotype type, char *data, size_t size, void *userp)
{
    (void)c;
    trace_state *t = userp;
    if (type != CURLINFO_HEADER_IN && type != CURLINFO_HEADER_OUT)
        return 0;
    /* one line at a time, without its CRLF */
    size_t n = size;
    while (n > 0 && (data[n - 1] == '\n' || data[n - 1] == '\r'))
        n--;
    if (type == CURLINFO_HEADER_OUT) {
        if (n >= 5 && strncasecmp(data, "AUTH ", 5) == 0) {
            const char *sp = memchr(data + 5, ' ', n - 5);
            int mech = sp ? (int)(sp - data - 5) : (int)(n - 5);
            fprintf(stderr, "> AUTH %.*s (認証情報は表示しません)\n", mech, data + 5);
            t->in_auth = true;
        } else if (t->in_auth) {
            fprintf(stderr, "> (認証情報は表示しません)\n");
        } else {
            fprintf(stderr, "> %.*s\n", (int)n, data);
        }
    } else {
        if (t->in_auth && n >= 3 && data[0] != '3')
            t->in_auth = false; /* 235 or an error ends the exchange */
        fprintf(stderr, "< %.*s\n", (int)n, data);
    }
    return 0;
}

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_result;
static void init_curl(void)
{
    curl_init_result = curl_global_init(CURL_GLOBAL_DEFAULT);
}

/* "host:port" of the URL for messages (the URL itself when it does not
 * parse), written into buf. */
static void server_name(const char *url, char *buf, size_t n)
{
    snprintf(buf, n, "%s", url);
    CURLU *u = curl_url();
    if (!u)
        return;
    char *host = NULL, *port = NULL;
    if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK)
        snprintf(buf, n, "%s:%s", host, port);
    curl_free(host);
    curl_free(port);
    curl_url_cleanup(u);
}

/* Scheme check before anything is sent: only smtp:// and smtps://. */
static int check_url(const char *url, bool *implicit_tls, nb_error *err)
{
    if (!url || !*url) {
        nb_error_set(err, "送信に使うメールサーバーが指定されていません。--smtp smtp://サーバー名:587 のように指定するか、設定ファイル smtp.conf に smtp = ... と書いてください。");
        return -1;
    }
    if (strncmp(url, "smtps://", 8) == 0)
        *implicit_tls = true;
    else if (strncmp(url, "smtp://", 7) == 0)
        *implicit_tls = false;
    else {
        nb_error_set(err, "メールサーバーの指定「%s」が正しくありません。smtp://サーバー名:587 か smtps://サーバー名:465 の形で指定してください。",
                     NB_QUOTED(url, 200));
        return -1;
    }
    for (const unsigned char *p = (const unsigned char *)url; *p; p++)
        if (*p <= 0x20 || *p == 0x7f) {
            nb_error_set(err, "メールサーバーの指定に空白や制御文字が入っています。smtp://サーバー名:587 の形で指定し直してください。");
            return -1;
        }
    return 0;
}

/* One Japanese sentence for a failed transfer. */
static void explain(CURLcode rc, long smtp_code, const char *detail, const nb_smtp_options *o,
                    const char *server, const char *to, long timeout, nb_error *err)
{
    bool rcpt_stage = strstr(detail, "RCPT") != NULL;
    bool mail_stage = strstr(detail, "MAIL") != NULL;
    switch (rc) {
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
        nb_error_set(err, "メールサーバーの指定「%s」が正しくありません。smtp://サーバー名:587 か smtps://サーバー名:465 の形で指定してください。",
                     NB_QUOTED(o->url, 200));
        return;
    case CURLE_COULDNT_RESOLVE_HOST:
        nb_error_set(err, "メールサーバー %s が見つかりませんでした。サーバー名とネットワークの接続を確認してください。", server);
        return;
    case CURLE_COULDNT_CONNECT:
        nb_error_set(err, "メールサーバー %s に接続できませんでした (接続を拒否されたか、届きません)。サーバー名とポート番号、ネットワークを確認してください。",
                     server);
        return;
    case CURLE_OPERATION_TIMEDOUT:
        nb_error_set(err, "メールサーバー %s から %ld 秒以内に応答がなかったため、送信を打ち切りました。サーバーの状態を確かめてから、もう一度送ってください。",
                     server, timeout);
        return;
    case CURLE_USE_SSL_FAILED:
        nb_error_set(err, "メールサーバー %s が STARTTLS による暗号化に対応していないため、暗号化なしでは送らずに止めました。サーバーの設定を確認するか、smtps:// を使ってください。",
                     server);
        return;
    case CURLE_PEER_FAILED_VERIFICATION:
        nb_error_set(err, "メールサーバー %s の証明書を確認できなかったため、送信しませんでした。サーバー名が正しいか確認し、社内の証明書なら --cacert で CA 証明書を指定してください。",
                     server);
        return;
    case CURLE_SSL_CACERT_BADFILE:
        nb_error_set(err, "CA 証明書ファイル %s を読めませんでした。--cacert に PEM 形式の証明書ファイルを指定してください。",
                     o->cacert ? o->cacert : "(既定)");
        return;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
        nb_error_set(err, "メールサーバー %s との暗号化 (TLS) 接続を確立できませんでした。smtps:// と --starttls のどちらをサーバーが使うか、ポート番号と合わせて確認してください。",
                     server);
        return;
    case CURLE_LOGIN_DENIED:
    case CURLE_AUTH_ERROR:
        nb_error_set(err, "メールサーバー %s にログインできませんでした (応答 %ld)。ユーザー名とパスワードを確認してください。", server,
                     smtp_code);
        return;
    default:
        break;
    }
    /* The server answered, but not with what was needed. */
    if (smtp_code == 530 || (smtp_code == 535 && mail_stage)) {
        /* 530 means either "STARTTLS first" or "authenticate first". */
        nb_error_set(err, "メールサーバー %s が暗号化 (STARTTLS) かログインを求めているため受け付けませんでした (応答 %ld)。--starttls と、必要なら --user と --password-file を指定してください。",
                     server, smtp_code);
        return;
    }
    if (rcpt_stage && smtp_code >= 400) {
        nb_error_set(err, "メールサーバー %s が宛先 %s を受け付けませんでした (応答 %ld)。%s", server, to, smtp_code,
                     smtp_code < 500 ? "一時的な理由のようです。しばらくしてから send --retry で再送してください。"
                                     : "宛先のアドレスと、このサーバーから外部へ送れるかを確認してください。");
        return;
    }
    if (mail_stage && smtp_code >= 400) {
        nb_error_set(err, "メールサーバー %s が差出人のアドレスを受け付けませんでした (応答 %ld)。--from のアドレスが、このサーバーで使えるものか確認してください。",
                     server, smtp_code);
        return;
    }
    if (rc == CURLE_SEND_ERROR || rc == CURLE_RECV_ERROR || rc == CURLE_GOT_NOTHING ||
        rc == CURLE_PARTIAL_FILE || rc == CURLE_READ_ERROR || (rc == CURLE_WEIRD_SERVER_REPLY && smtp_code < 400)) {
        nb_error_set(err, "送信の途中でメールサーバー %s との接続が切れたため、送信は完了していません。ネットワークを確かめてから send --retry で再送してください。",
                     server);
        return;
    }
    if (smtp_code >= 400) {
        nb_error_set(err, "メールサーバー %s がメールを受け付けませんでした (応答 %ld)。%s", server, smtp_code,
                     smtp_code < 500 ? "一時的な理由のようです。しばらくしてから send --retry で再送してください。"
                                     : "添付ファイルの大きさの制限などをサーバーの管理者に確認してください。");
        return;
    }
    nb_error_set(err, "メールを送信できませんでした (libcurl のエラー番号 %d)。サーバーの指定とネットワークを確認して、send --retry で再送してください。",
                 (int)rc);
}

int nb_smtp_check_options(const nb_smtp_options *o, nb_error *err)
{
    bool implicit_tls = false;
    if (check_url(o->url, &implicit_tls, err) != 0)
        return -1;
    if (o->password && *o->password && !implicit_tls && !o->starttls) {
        nb_error_set(err, "パスワードを暗号化なしで送ることになるため、送信しませんでした。--starttls を付けるか smtps:// のサーバーを指定してください。");
        return -1;
    }
    if (o->password && *o->password && !(o->user && *o->user)) {
        nb_error_set(err, "パスワードが指定されていますが、ユーザー名がありません。--user でユーザー名を指定してください。");
        return -1;
    }
    return 0;
}

/* curl_easy_cleanup says QUIT and waits for the answer up to libcurl's own
 * response limit (120 s), whatever CURLOPT_TIMEOUT said: a server that
 * went silent after 354 kept a 5 s send busy for two minutes. After a
 * failure the session is in an unknown state (perhaps mid-DATA), so the
 * socket is shut first and QUIT fails at once; after a success QUIT is
 * polite but given one second at most. */
static void end_session(CURL *c, bool delivered)
{
    curl_easy_setopt(c, CURLOPT_SERVER_RESPONSE_TIMEOUT, 1L);
    curl_socket_t fd = CURL_SOCKET_BAD;
    if (!delivered && curl_easy_getinfo(c, CURLINFO_ACTIVESOCKET, &fd) == CURLE_OK &&
        fd != CURL_SOCKET_BAD)
        shutdown(fd, SHUT_RDWR);
    curl_easy_cleanup(c);
}

int nb_smtp_send(const nb_smtp_options *o, const char *msg, size_t len, nb_error *err)
{
    if (nb_smtp_check_options(o, err) != 0)
        return -1;
    bool implicit_tls = strncmp(o->url, "smtps://", 8) == 0;
    char *from = NULL, *to = NULL;
    if (nb_message_envelope(msg, len, &from, &to) != 0 && (!o->from || !o->to)) {
        nb_error_set(err, "メールの差出人と宛先が読み取れません。--from と --to を指定してください。");
        return -1;
    }
    const char *env_from = o->from ? o->from : from;
    const char *env_to = o->to ? o->to : to;
    pthread_once(&curl_once, init_curl);
    CURL *c = curl_init_result == CURLE_OK ? curl_easy_init() : NULL;
    if (!c) {
        nb_error_set(err, "メール送信の準備 (libcurl の初期化) に失敗しました。メモリ不足の可能性があります。ほかのプログラムを閉じてからもう一度送ってください。");
        free(from);
        free(to);
        return -1;
    }
    long timeout = o->timeout_s > 0 ? o->timeout_s : 60;
    char server[512];
    server_name(o->url, server, sizeof server);
    char mail_from[300], rcpt[300];
    snprintf(mail_from, sizeof mail_from, "<%s>", env_from);
    snprintf(rcpt, sizeof rcpt, "<%s>", env_to);
    struct curl_slist *rcpts = curl_slist_append(NULL, rcpt);
    upload up = {msg, len, 0};
    char detail[CURL_ERROR_SIZE] = "";

    curl_easy_setopt(c, CURLOPT_URL, o->url);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, mail_from);
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpts);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
    curl_easy_setopt(c, CURLOPT_READDATA, &up);
    curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, detail);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, timeout);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, timeout < 10 ? timeout : 10L);
    /* STARTTLS is required when asked for: CURLUSESSL_ALL fails rather
     * than falling back to plain text. */
    if (o->starttls && !implicit_tls)
        curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    if (o->cacert && *o->cacert)
        curl_easy_setopt(c, CURLOPT_CAINFO, o->cacert);
    if (o->user && *o->user)
        curl_easy_setopt(c, CURLOPT_USERNAME, o->user);
    if (o->password && *o->password)
        curl_easy_setopt(c, CURLOPT_PASSWORD, o->password);

    trace_state trace = {false};
    const char *tr = getenv("NANBYO_SMTP_TRACE");
    if (tr && *tr && strcmp(tr, "0") != 0) {
        curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, trace_cb);
        curl_easy_setopt(c, CURLOPT_DEBUGDATA, &trace);
        curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);
    }
    CURLcode rc = curl_easy_perform(c);
    long code = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
    int result = 0;
    if (rc != CURLE_OK) {
        explain(rc, code, detail, o, server, env_to, timeout, err);
        result = -1;
    } else if (code != 250) {
        /* Only a 250 to the data means the server took responsibility. */
        nb_error_set(err, "メールサーバー %s から受け付けの応答 (250) がなかったため (応答 %ld)、送信できたとは言えません。send --retry で再送してください。",
                     server, code);
        result = -1;
    }
    /* The password was only in curl's memory: wipe our copy of the error
     * text too, which never holds it but may hold the user name. */
    memset(detail, 0, sizeof detail);
    curl_slist_free_all(rcpts);
    end_session(c, result == 0);
    free(from);
    free(to);
    return result;
}

/* Whole file from an open descriptor (the locked one). */
static char *read_fd(int fd, size_t *len)
{
    nb_buf buf = NB_BUF_INIT;
    nb_buf_grow(&buf, 65536);
    for (;;) {
        if (buf.len >= ((size_t)64 << 20)) /* no message is that large */
            goto fail;
        nb_buf_grow(&buf, 1);
        ssize_t r = read(fd, buf.data + buf.len, buf.alloc - buf.len - 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            goto fail;
        if (r == 0)
            return nb_buf_detach(&buf, len);
        nb_buf_setlen(&buf, buf.len + (size_t)r);
    }
fail:
    nb_buf_release(&buf);
    return NULL;
}

int nb_smtp_send_file(const nb_smtp_options *o, const char *path, nb_error *err)
{
    /* The file stays locked from reading until it has moved to sent/, so
     * two senders (a send and a send --retry, or the TUI) never deliver the
     * same message twice. */
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT)
            nb_error_set(err, "送信待ちのメール %s は見つかりません (ほかの送信処理が送り終えた可能性があります)。送信済みフォルダーを確認してください。", path);
        else
            nb_error_set(err, "送信待ちのメール %s を開けませんでした。%s", path, nb_errno_read_text(errno));
        return -1;
    }
    struct stat a, b;
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        nb_error_set(err, "送信待ちのメール %s は、ほかの nanbyo-survey が送信している途中です。終わるのを待ってから、もう一度 send --retry を実行してください。", path);
        close(fd);
        return -1;
    }
    if (fstat(fd, &a) != 0 || stat(path, &b) != 0 || a.st_ino != b.st_ino || a.st_dev != b.st_dev) {
        nb_error_set(err, "送信待ちのメール %s は、ほかの送信処理が送り終えています。送信済みフォルダーを確認してください。", path);
        close(fd);
        return -1;
    }
    size_t len = 0;
    char *msg = read_fd(fd, &len);
    if (!msg) {
        nb_error_set(err, "送信待ちのメール %s を読めませんでした。ファイルが壊れていないか確認してください。", path);
        close(fd);
        return -1;
    }
    int rc = nb_smtp_send(o, msg, len, err);
    free(msg);
    if (rc == 0)
        rc = nb_outbox_mark_sent(path, NULL, err) == 0 ? 0 : 1;
    close(fd); /* releases the lock */
    return rc;
}
