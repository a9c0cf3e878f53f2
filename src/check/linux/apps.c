/* Application probe for Linux: desktop entries in the XDG data folders,
 * Flatpak and Snap exports, then program names in PATH and the vendors'
 * fixed install folders. Finding the entry is the evidence; versions are
 * not read (that would mean running the program). */
#include "nanbyo/probe.h"
#include <stdio.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    const char *desktop[6]; /* desktop-file ids */
    const char *bins[4];    /* program names in PATH */
    const char *fixed[3];   /* absolute paths */
} app_spec;

static const app_spec EDGE = {
    {"microsoft-edge.desktop", "microsoft-edge-beta.desktop", "microsoft-edge-dev.desktop",
     "com.microsoft.Edge.desktop", NULL},
    {"microsoft-edge", "microsoft-edge-stable", NULL},
    {"/opt/microsoft/msedge/msedge", NULL}};
static const app_spec CHROME = {
    {"google-chrome.desktop", "google-chrome-beta.desktop", "google-chrome-unstable.desktop",
     "com.google.Chrome.desktop", NULL},
    {"google-chrome", "google-chrome-stable", NULL},
    {"/opt/google/chrome/chrome", NULL}};
static const app_spec FIREFOX = {
    {"firefox.desktop", "firefox-esr.desktop", "org.mozilla.firefox.desktop",
     "firefox_firefox.desktop", NULL},
    {"firefox", "firefox-esr", NULL},
    {NULL}};
static const app_spec CHROMIUM = {
    {"chromium.desktop", "chromium-browser.desktop", "org.chromium.Chromium.desktop",
     "chromium_chromium.desktop", NULL},
    {"chromium", "chromium-browser", NULL},
    {NULL}};
static const app_spec AWSVPN = {
    {"awsvpnclient.desktop", NULL},
    {"awsvpnclient", NULL},
    {"/opt/awsvpnclient/AWS VPN Client", "/opt/awsvpnclient", NULL}};
static const app_spec ACROBAT = {
    {"acroread.desktop", "AdobeReader.desktop", NULL},
    {"acroread", NULL},
    {"/opt/Adobe/Reader9/bin/acroread", NULL}};

/* The folders that hold desktop entries, in XDG order. */
static size_t desktop_dirs(const nb_probe_ctx *ctx, char dirs[][512], size_t max)
{
    size_t n = 0;
    const char *home = nb_probe_getenv(ctx, "HOME");
    const char *dh = nb_probe_getenv(ctx, "XDG_DATA_HOME");
    if (dh && dh[0] == '/')
        snprintf(dirs[n++], 512, "%s/applications", dh);
    else if (home)
        snprintf(dirs[n++], 512, "%s/.local/share/applications", home);
    const char *dd = nb_probe_getenv(ctx, "XDG_DATA_DIRS");
    if (!dd)
        dd = "/usr/local/share:/usr/share";
    while (*dd && n < max - 3) {
        size_t l = strcspn(dd, ":");
        if (l > 0 && dd[0] == '/' && l < 400)
            snprintf(dirs[n++], 512, "%.*s/applications", (int)l, dd);
        dd += l;
        if (*dd == ':')
            dd++;
    }
    snprintf(dirs[n++], 512, "/var/lib/flatpak/exports/share/applications");
    if (home)
        snprintf(dirs[n++], 512, "%s/.local/share/flatpak/exports/share/applications", home);
    snprintf(dirs[n++], 512, "/var/lib/snapd/desktop/applications");
    return n;
}

static void find_app(const nb_probe_ctx *ctx, const app_spec *spec, nb_app_hit *hit)
{
    memset(hit, 0, sizeof *hit);
    char dirs[24][512], abs[800], real[1100];
    size_t nd = desktop_dirs(ctx, dirs, 24);
    for (size_t d = 0; d < nd; d++)
        for (size_t i = 0; spec->desktop[i]; i++) {
            snprintf(abs, sizeof abs, "%.500s/%.200s", dirs[d], spec->desktop[i]);
            if (nb_probe_exists(ctx, abs)) {
                hit->found = true;
                snprintf(hit->where, sizeof hit->where, "%.255s", abs);
                return;
            }
        }
    const char *path = nb_probe_getenv(ctx, "PATH");
    if (!path)
        path = "/usr/local/bin:/usr/bin:/bin";
    for (const char *p = path; *p;) {
        size_t l = strcspn(p, ":");
        if (l > 0 && p[0] == '/' && l < 400)
            for (size_t i = 0; spec->bins[i]; i++) {
                snprintf(abs, sizeof abs, "%.*s/%s", (int)l, p, spec->bins[i]);
                if (access(nb_probe_path(ctx, abs, real, sizeof real), X_OK) == 0) {
                    hit->found = true;
                    snprintf(hit->where, sizeof hit->where, "%.255s", abs);
                    return;
                }
            }
        p += l;
        if (*p == ':')
            p++;
    }
    for (size_t i = 0; spec->fixed[i]; i++)
        if (nb_probe_exists(ctx, spec->fixed[i])) {
            hit->found = true;
            snprintf(hit->where, sizeof hit->where, "%s", spec->fixed[i]);
            return;
        }
}

void nb_probe_browsers(const nb_probe_ctx *ctx, nb_browser_facts *out)
{
    memset(out, 0, sizeof *out);
    find_app(ctx, &EDGE, &out->edge);
    find_app(ctx, &CHROME, &out->chrome);
    find_app(ctx, &FIREFOX, &out->firefox);
    find_app(ctx, &CHROMIUM, &out->chromium);
}

void nb_probe_software(const nb_probe_ctx *ctx, nb_software_facts *out)
{
    memset(out, 0, sizeof *out);
    find_app(ctx, &ACROBAT, &out->acrobat);
    find_app(ctx, &AWSVPN, &out->awsvpn);
}
