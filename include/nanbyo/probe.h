/* PC probes: each one measures one thing and names where the figure came
 * from; none of them judges. Every access to the operating system goes
 * through an nb_probe_ctx so that tests can point the probes at a fixture
 * tree (fake /proc, /sys, /run, /etc) and an invented environment. The
 * rules that turn these facts into pass/warn/fail live in probe_rules.h. */
#ifndef NANBYO_PROBE_H
#define NANBYO_PROBE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "nanbyo/check.h"

typedef struct {
    uint64_t avail;   /* bytes available to this (unprivileged) user */
    uint64_t total;
    uint64_t fsid;    /* tells two paths on one filesystem apart */
} nb_fs_space;

typedef struct {
    const char *root;             /* NULL or "" = the real "/" */
    const char *const *env;       /* NULL = process environment; else "NAME=value", NULL-ended */
    /* Free-space hook for tests; NULL = statvfs(2). Returns 0 or -1 (errno set). */
    int (*statvfs_fn)(const char *path, nb_fs_space *out);
} nb_probe_ctx;

/* Path of abs (which starts with '/') under the context's root. */
const char *nb_probe_path(const nb_probe_ctx *ctx, const char *abs, char *buf, size_t n);
/* Environment variable through the context ("" counts as unset: NULL). */
const char *nb_probe_getenv(const nb_probe_ctx *ctx, const char *name);
/* Read at most n-1 bytes of a file under the root, NUL-terminated.
 * Returns the length or -1. */
long nb_probe_read(const nb_probe_ctx *ctx, const char *abs, char *buf, size_t n);
bool nb_probe_exists(const nb_probe_ctx *ctx, const char *abs);

/* ---- OS and session ------------------------------------------------ */
typedef struct {
    char os_name[128];     /* PRETTY_NAME of /etc/os-release, or "Linux" */
    char os_id[32];        /* debian, ubuntu, ... */
    char os_version[32];   /* VERSION_ID */
    char kernel[128];      /* /proc/sys/kernel/osrelease */
    char arch[32];
    bool ssh, wsl, container, vm;
    char container_kind[32]; /* docker, podman, lxc, ... */
    char vm_kind[64];        /* QEMU, VMware, hypervisor (CPU flag), ... */
    bool x11, wayland;       /* DISPLAY / WAYLAND_DISPLAY set */
    bool macos;              /* built for macOS (Safari applies) */
    bool windows;            /* nanbyo-check.exe */
    bool rdp;                /* Windows: a Remote Desktop session */
    int win_major, win_build;/* Windows: 10 and the build (22000+ is Windows 11) */
} nb_session_facts;
void nb_probe_session(const nb_probe_ctx *ctx, nb_session_facts *out);

/* ---- the PC as a whole (the result's "platform") ----------------- */
/* os "linux" ("macos" when built for macOS), version the os-release
 * PRETTY_NAME, computer the host name (/proc/sys/kernel/hostname under the
 * root, else gethostname). Both made valid UTF-8 without control
 * characters, since they are shown in the documents. */
void nb_probe_platform(const nb_probe_ctx *ctx, nb_check_platform *out);

/* ---- memory -------------------------------------------------------- */
typedef struct {
    uint64_t installed;        /* bytes; 0 = no installed figure readable */
    char installed_src[160];
    uint64_t usable;           /* bytes the OS can use (MemTotal); 0 = unknown */
    char usable_src[160];
} nb_mem_facts;
void nb_probe_memory(const nb_probe_ctx *ctx, nb_mem_facts *out);

/* ---- free disk ----------------------------------------------------- */
typedef struct {
    char label[32];    /* "ホーム" / "システム" / "ダウンロード" */
    char path[256];    /* as seen by the user (without the root prefix) */
    bool ok;
    char err[128];
    nb_fs_space space;
} nb_volume;
typedef struct {
    nb_volume v[3];   /* home, system (if another filesystem), downloads (if another) */
    size_t n;
} nb_disk_facts;
void nb_probe_disk(const nb_probe_ctx *ctx, nb_disk_facts *out);

/* ---- displays ------------------------------------------------------ */
#define NB_MAX_MONITORS 8
typedef struct {
    char name[48];   /* connector or output: eDP-1, HDMI-A-1 */
    int w, h;        /* native (DRM preferred) or current (X11) pixels */
} nb_monitor;
typedef struct {
    nb_monitor m[NB_MAX_MONITORS];
    size_t n;
    char source[96];     /* "/sys/class/drm", "xrandr", "手入力" */
    char why_none[256];  /* why nothing was measured (Japanese) */
    bool manual;
} nb_display_facts;
void nb_probe_display(const nb_probe_ctx *ctx, const nb_session_facts *s, nb_display_facts *out);
/* Pure: parse `xrandr --query` output; connected outputs with a mode. */
size_t nb_xrandr_parse(const char *text, nb_monitor *out, size_t max);

/* ---- applications -------------------------------------------------- */
typedef struct {
    bool found;
    char where[256];  /* desktop file, program path or registry key */
    char version[64]; /* "" = not recorded where it was found */
} nb_app_hit;
typedef struct {
    nb_app_hit edge, chrome, safari, firefox, chromium;
} nb_browser_facts;
void nb_probe_browsers(const nb_probe_ctx *ctx, nb_browser_facts *out);
typedef struct {
    nb_app_hit acrobat, excel, awsvpn;
} nb_software_facts;
void nb_probe_software(const nb_probe_ctx *ctx, nb_software_facts *out);

/* ---- printers (CUPS) ----------------------------------------------- */
#define NB_MAX_PRINTERS 16
typedef struct {
    char name[128];
    bool is_default, has_paper, is_virtual;
} nb_printer;
typedef struct {
    bool reachable;        /* false: scheduler not reachable (err says why) */
    char server[256];      /* CUPS server used */
    char err[256];
    nb_printer p[NB_MAX_PRINTERS];
    size_t n;
} nb_printer_facts;
/* paper: the definition's name ("A4"). May block on the scheduler: run it
 * off the UI thread. */
void nb_probe_printers(const char *paper, nb_printer_facts *out);

/* ---- proxy settings (environment) ---------------------------------- */
typedef struct {
    char https[256], http[256], all[256], no[256];
    bool upper_http_only;  /* HTTP_PROXY set but not http_proxy: libcurl ignores it */
    char pac[256];         /* Windows: automatic configuration script URL */
    bool autodetect;       /* Windows: "自動的に設定を検出する" */
} nb_proxy_facts;
void nb_probe_proxy(const nb_probe_ctx *ctx, nb_proxy_facts *out);
/* Copy of a proxy URL with any user:password@ removed. */
void nb_proxy_redact(const char *in, char *out, size_t n);

/* ---- network ------------------------------------------------------- */
typedef enum {
    NB_NET_NOT_RUN = 0,   /* --no-network, or nothing to test */
    NB_NET_OK,
    NB_NET_DNS_FAIL,
    NB_NET_REFUSED,
    NB_NET_TIMEOUT,
    NB_NET_TLS_FAIL,      /* certificate not verified */
    NB_NET_PROXY_FAIL,    /* proxy refused or needs authentication */
    NB_NET_OTHER
} nb_net_outcome;

typedef struct {
    nb_net_outcome outcome;
    char host[256];
    bool literal;          /* host was an IP address: nothing to resolve */
    char addrs[192];       /* resolved addresses, comma separated */
    char err[192];
    long elapsed_ms;
} nb_dns_facts;
/* Resolve host (blocking; the caller bounds it with a thread). */
void nb_probe_dns(const char *host, nb_dns_facts *out);
/* Host part of an http(s) URL into out; false if the URL is not usable. */
bool nb_url_host(const char *url, char *out, size_t n);

typedef struct {
    nb_net_outcome outcome;
    char url[256];
    bool not_https;         /* the URL was not https://: refused, nothing sent */
    long http_code;         /* 0 = no HTTP answer */
    bool via_proxy;
    char proxy[256];        /* redacted */
    char issuer[256];       /* issuer of the server certificate */
    char root_issuer[256];  /* issuer at the top of the chain sent */
    bool intercept;         /* issuer looks like a TLS-inspecting product or a locally added CA */
    char intercept_why[192];
    bool have_date;
    int64_t skew_s;         /* server Date - local clock, seconds */
    char err[192];          /* Japanese */
    long elapsed_ms;
} nb_https_facts;
/* libcurl's global set-up, once per process, before any probe thread
 * starts (it is not thread-safe); the run calls it only when the network
 * is checked. */
void nb_https_init(void);
/* GET url with the certificate verified. cacert: extra CA file or NULL.
 * deadline_ms: absolute CLOCK_MONOTONIC milliseconds. */
void nb_probe_https(const nb_probe_ctx *ctx, const char *url, const char *cacert,
                    int64_t deadline_ms, nb_https_facts *out);
/* Pure: does a certificate issuer look like a TLS-inspecting product? */
bool nb_issuer_is_inspector(const char *issuer, char *why, size_t n);

/* What the TCP endpoint did with our OpenVPN client hard reset. */
typedef enum {
    NB_VPN_HS_NOT_TRIED = -1, /* tls-auth/tls-crypt: an unsigned reset is dropped */
    NB_VPN_HS_SILENT = 0,     /* nothing came back within the wait */
    NB_VPN_HS_ANSWERED = 1,   /* the server's hard reset, acking our session */
    NB_VPN_HS_OTHER = 2       /* closed, or answered something else */
} nb_vpn_handshake;
/* How long the TCP probe waits for the server's reset after connecting. */
#define NB_VPN_HANDSHAKE_MS 2000

typedef struct {
    nb_net_outcome outcome;
    bool configured;        /* an .ovpn was given */
    char file_err[256];     /* the .ovpn could not be used (Japanese) */
    char host[256];
    char looked_up[300];    /* name actually resolved (with the random label) */
    int port;
    char proto[8];          /* tcp / udp */
    bool random_host;
    bool tls_auth;
    int handshake;          /* TCP: one of nb_vpn_handshake */
    long handshake_waited_ms; /* TCP: how long the answer was awaited */
    char addr[64];          /* address connected to */
    char err[192];
    long elapsed_ms;
} nb_vpn_facts;
/* Pure: the OpenVPN client hard reset (P_CONTROL_HARD_RESET_CLIENT_V2)
 * with session id sid, and whether pkt is the server's hard reset
 * answering session ours. */
void nb_ovpn_client_reset(unsigned char pkt[14], const unsigned char sid[8]);
bool nb_ovpn_is_server_reset(const unsigned char *pkt, size_t n, const unsigned char ours[8]);
/* How one remote's tries ended, the platform's error code sorted. */
typedef enum {
    NB_VPN_END_OK,
    NB_VPN_END_REFUSED,
    NB_VPN_END_TIMEOUT,
    NB_VPN_END_UNREACHABLE, /* no route to the network or host */
    NB_VPN_END_OTHER
} nb_vpn_end;
/* Pure: outcome, err and elapsed_ms of out for that ending. */
void nb_vpn_set_end(nb_vpn_facts *out, nb_vpn_end end, long elapsed_ms);
/* Direct (never proxied) reachability of the .ovpn remote. */
void nb_probe_vpn(const char *ovpn_path, int default_port, int64_t deadline_ms, nb_vpn_facts *out);

/* Milliseconds of CLOCK_MONOTONIC. */
int64_t nb_now_ms(void);

#endif
