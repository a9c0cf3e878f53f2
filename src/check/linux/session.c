/* OS and session probe for Linux: distribution, kernel, and the ways a
 * session can make hardware figures describe something other than the
 * clerk's PC (SSH, WSL, a container, a virtual machine). */
#define _GNU_SOURCE
#include "nanbyo/probe.h"
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/utsname.h>

/* Value of KEY in an os-release text, quotes removed. */
static void os_release_value(const char *text, const char *key, char *out, size_t n)
{
    size_t kl = strlen(key);
    out[0] = '\0';
    for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
        if (strncmp(p, key, kl) != 0 || p[kl] != '=')
            continue;
        const char *v = p + kl + 1;
        size_t len = strcspn(v, "\n");
        if (len >= 2 && (v[0] == '"' || v[0] == '\'') && v[len - 1] == v[0]) {
            v++;
            len -= 2;
        }
        if (len >= n)
            len = n - 1;
        memcpy(out, v, len);
        out[len] = '\0';
        /* keep only printable ASCII and UTF-8 bytes */
        for (char *c = out; *c; c++)
            if ((unsigned char)*c < 0x20)
                *c = ' ';
        return;
    }
}

static void trim_nl(char *s)
{
    size_t l = strlen(s);
    while (l > 0 && (s[l - 1] == '\n' || s[l - 1] == ' ' || s[l - 1] == '\r'))
        s[--l] = '\0';
}

static void detect_vm(const nb_probe_ctx *ctx, nb_session_facts *out)
{
    static const struct { const char *needle, *name; } vendors[] = {
        {"QEMU", "QEMU"}, {"KVM", "KVM"}, {"VMware", "VMware"},
        {"VirtualBox", "VirtualBox"}, {"innotek", "VirtualBox"}, {"Xen", "Xen"},
        {"Parallels", "Parallels"}, {"Virtual Machine", "Hyper-V"},
        {"Amazon EC2", "Amazon EC2"}, {"Google Compute Engine", "Google Compute Engine"},
    };
    char buf[256];
    const char *files[] = {"/sys/class/dmi/id/sys_vendor", "/sys/class/dmi/id/product_name"};
    for (size_t f = 0; f < 2; f++) {
        if (nb_probe_read(ctx, files[f], buf, sizeof buf) <= 0)
            continue;
        for (size_t i = 0; i < sizeof vendors / sizeof vendors[0]; i++)
            if (strstr(buf, vendors[i].needle)) {
                out->vm = true;
                snprintf(out->vm_kind, sizeof out->vm_kind, "%.40s", vendors[i].name);
                return;
            }
    }
    /* The CPU's hypervisor flag is set inside any virtual machine; the
     * first "flags" line is enough. */
    char local[16384];
    if (nb_probe_read(ctx, "/proc/cpuinfo", local, sizeof local) > 0) {
        char *p = strstr(local, "\nflags");
        if (p) {
            p++;
            char *eol = strchr(p, '\n');
            if (eol)
                *eol = '\0';
            if (strstr(p, " hypervisor")) {
                out->vm = true;
                snprintf(out->vm_kind, sizeof out->vm_kind, "CPU の hypervisor フラグ");
            }
        }
    }
}

void nb_probe_session(const nb_probe_ctx *ctx, nb_session_facts *out)
{
    memset(out, 0, sizeof *out);
    char buf[4096];
    if (nb_probe_read(ctx, "/etc/os-release", buf, sizeof buf) > 0 ||
        nb_probe_read(ctx, "/usr/lib/os-release", buf, sizeof buf) > 0) {
        os_release_value(buf, "PRETTY_NAME", out->os_name, sizeof out->os_name);
        os_release_value(buf, "ID", out->os_id, sizeof out->os_id);
        os_release_value(buf, "VERSION_ID", out->os_version, sizeof out->os_version);
    }
    if (!out->os_name[0])
        snprintf(out->os_name, sizeof out->os_name, "Linux");
    if (nb_probe_read(ctx, "/proc/sys/kernel/osrelease", out->kernel, sizeof out->kernel) > 0)
        trim_nl(out->kernel);
    struct utsname u;
    if (uname(&u) == 0)
        snprintf(out->arch, sizeof out->arch, "%.31s", u.machine);

    out->wsl = strcasestr(out->kernel, "microsoft") || strcasestr(out->kernel, "wsl") ||
               nb_probe_getenv(ctx, "WSL_DISTRO_NAME");
    out->ssh = nb_probe_getenv(ctx, "SSH_CONNECTION") || nb_probe_getenv(ctx, "SSH_TTY") ||
               nb_probe_getenv(ctx, "SSH_CLIENT");
    out->x11 = nb_probe_getenv(ctx, "DISPLAY") != NULL;
    out->wayland = nb_probe_getenv(ctx, "WAYLAND_DISPLAY") != NULL;

    if (nb_probe_exists(ctx, "/.dockerenv")) {
        out->container = true;
        snprintf(out->container_kind, sizeof out->container_kind, "docker");
    } else if (nb_probe_exists(ctx, "/run/.containerenv")) {
        out->container = true;
        snprintf(out->container_kind, sizeof out->container_kind, "podman");
    } else if (nb_probe_read(ctx, "/run/systemd/container", buf, 64) > 0) {
        trim_nl(buf);
        out->container = true;
        snprintf(out->container_kind, sizeof out->container_kind, "%.31s", buf);
    }
    detect_vm(ctx, out);
#ifdef __APPLE__
    out->macos = true;
#endif
}
