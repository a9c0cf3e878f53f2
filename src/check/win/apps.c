/* Applications on Windows, from the registry only (nothing is started):
 * App Paths (HKLM and HKCU, both registry views) for the browsers and
 * Excel, Office Click-to-Run for Excel's version, and the Uninstall keys
 * (HKLM in both views and HKCU) for Acrobat Reader, the AWS VPN Client
 * and the browsers' versions. */
#include "../check_table.h"
#include "wutil.h"
#include <stdio.h>
#include <string.h>

static const HKEY ROOTS[] = {HKEY_LOCAL_MACHINE, HKEY_CURRENT_USER};
static const REGSAM VIEWS[] = {KEY_WOW64_64KEY, KEY_WOW64_32KEY};
static const wchar_t UNINSTALL[] = L"SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall";

/* App Paths\<exe>: the program's full path in the default value. */
static bool app_path(const wchar_t *exe, nb_app_hit *hit)
{
    wchar_t key[160];
    _snwprintf(key, 160, L"SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\App Paths\\%ls", exe);
    key[159] = L'\0';
    for (size_t r = 0; r < 2; r++)
        for (size_t v = 0; v < 2; v++) {
            char path[200];
            if (nb_reg_str(ROOTS[r], key, L"", VIEWS[v], path, sizeof path) && path[0]) {
                hit->found = true;
                snprintf(hit->where, sizeof hit->where, "%s", path);
                return true;
            }
        }
    return false;
}

/* The first Uninstall entry whose DisplayName contains needle (ASCII,
 * case as written by the vendors). Fills where (when not yet set) and the
 * DisplayVersion. Enumeration is linear in the number of entries. */
static bool uninstall_entry(const char *needle, nb_app_hit *hit)
{
    for (size_t r = 0; r < 2; r++)
        for (size_t v = 0; v < 2; v++) {
            HKEY k;
            if (RegOpenKeyExW(ROOTS[r], UNINSTALL, 0, KEY_READ | VIEWS[v], &k) != ERROR_SUCCESS)
                continue;
            wchar_t sub[256];
            for (DWORD i = 0;; i++) {
                DWORD len = 256;
                if (RegEnumKeyExW(k, i, sub, &len, NULL, NULL, NULL, NULL) != ERROR_SUCCESS)
                    break;
                wchar_t path[400];
                _snwprintf(path, 400, L"%ls\\%ls", UNINSTALL, sub);
                path[399] = L'\0';
                char name[200];
                if (!nb_reg_str(ROOTS[r], path, L"DisplayName", VIEWS[v], name, sizeof name) ||
                    !strstr(name, needle))
                    continue;
                hit->found = true;
                nb_reg_str(ROOTS[r], path, L"DisplayVersion", VIEWS[v], hit->version, sizeof hit->version);
                if (!hit->where[0])
                    snprintf(hit->where, sizeof hit->where, "%s: %.180s", nb_reg_root_name(ROOTS[r]), name);
                RegCloseKey(k);
                return true;
            }
            RegCloseKey(k);
        }
    return false;
}

/* Chrome and Edge keep their version under BLBeacon as well. */
static void beacon_version(const wchar_t *key, nb_app_hit *hit)
{
    for (size_t r = 0; r < 2 && !hit->version[0]; r++)
        nb_reg_str(ROOTS[r], key, L"version", 0, hit->version, sizeof hit->version);
}

void nb_gather_browsers(const nb_probe_env *env, nb_pc_facts *f)
{
    (void)env;
    nb_browser_facts *out = &f->browsers;
    memset(out, 0, sizeof *out);
    nb_app_hit ver = {0};
    if (app_path(L"msedge.exe", &out->edge) || uninstall_entry("Microsoft Edge", &ver)) {
        if (!out->edge.found)
            out->edge = ver;
        if (!out->edge.version[0] && uninstall_entry("Microsoft Edge", &ver))
            snprintf(out->edge.version, sizeof out->edge.version, "%s", ver.version);
        beacon_version(L"SOFTWARE\\Microsoft\\Edge\\BLBeacon", &out->edge);
    }
    memset(&ver, 0, sizeof ver);
    if (app_path(L"chrome.exe", &out->chrome) || uninstall_entry("Google Chrome", &ver)) {
        if (!out->chrome.found)
            out->chrome = ver;
        if (!out->chrome.version[0] && uninstall_entry("Google Chrome", &ver))
            snprintf(out->chrome.version, sizeof out->chrome.version, "%s", ver.version);
        beacon_version(L"SOFTWARE\\Google\\Chrome\\BLBeacon", &out->chrome);
    }
    app_path(L"firefox.exe", &out->firefox);
}

void nb_gather_software(const nb_probe_env *env, nb_pc_facts *f)
{
    (void)env;
    nb_software_facts *out = &f->software;
    memset(out, 0, sizeof *out);
    if (!uninstall_entry("Acrobat Reader", &out->acrobat) &&
        !uninstall_entry("Adobe Acrobat", &out->acrobat))
        app_path(L"AcroRd32.exe", &out->acrobat);
    if (app_path(L"excel.exe", &out->excel) || uninstall_entry("Microsoft Excel", &out->excel)) {
        for (size_t v = 0; v < 2 && !out->excel.version[0]; v++)
            nb_reg_str(HKEY_LOCAL_MACHINE, L"SOFTWARE\\Microsoft\\Office\\ClickToRun\\Configuration",
                       L"VersionToReport", VIEWS[v], out->excel.version, sizeof out->excel.version);
    }
    uninstall_entry("AWS VPN Client", &out->awsvpn);
}
