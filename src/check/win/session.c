/* OS and session on Windows: the real version from RtlGetVersion (which,
 * unlike GetVersionEx, does not lie to programs without a manifest), the
 * product name from the registry (which says "Windows 10" on Windows 11
 * too, so build 22000 and later are named Windows 11), Remote Desktop,
 * and a virtual machine from the BIOS strings. Running under wine is
 * noted in the measured value, so a result from wine is never mistaken
 * for one from a real PC. */
#include "../check_table.h"
#include "wutil.h"
#include <stdio.h>
#include <string.h>

typedef LONG(WINAPI *rtl_get_version_fn)(OSVERSIONINFOW *);
typedef const char *(*wine_version_fn)(void);

static const wchar_t CURRENT_VERSION[] = L"SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion";

static void detect_vm(nb_session_facts *out)
{
    static const struct { const char *needle, *name; } vms[] = {
        {"VMware", "VMware"}, {"VirtualBox", "VirtualBox"}, {"QEMU", "QEMU"},
        {"KVM", "KVM"}, {"Virtual Machine", "Hyper-V"}, {"Parallels", "Parallels"},
        {"Xen", "Xen"}, {"Amazon EC2", "Amazon EC2"},
    };
    char maker[128] = "", product[128] = "";
    const wchar_t *bios = L"HARDWARE\\DESCRIPTION\\System\\BIOS";
    nb_reg_str(HKEY_LOCAL_MACHINE, bios, L"SystemManufacturer", 0, maker, sizeof maker);
    nb_reg_str(HKEY_LOCAL_MACHINE, bios, L"SystemProductName", 0, product, sizeof product);
    for (size_t i = 0; i < sizeof vms / sizeof vms[0]; i++)
        if (strstr(maker, vms[i].needle) || strstr(product, vms[i].needle)) {
            out->vm = true;
            snprintf(out->vm_kind, sizeof out->vm_kind, "%s", vms[i].name);
            return;
        }
}

void nb_gather_session(const nb_probe_env *env, nb_pc_facts *f)
{
    (void)env;
    nb_session_facts *out = &f->session;
    memset(out, 0, sizeof *out);
    out->windows = true;
    snprintf(out->os_id, sizeof out->os_id, "windows");
    OSVERSIONINFOW v = {.dwOSVersionInfoSize = sizeof v};
    HMODULE ntdll = GetModuleHandleW(L"ntdll.dll");
    rtl_get_version_fn rtl = ntdll ? (rtl_get_version_fn)(void (*)(void))GetProcAddress(ntdll, "RtlGetVersion") : NULL;
    if (rtl && rtl(&v) == 0) {
        out->win_major = (int)v.dwMajorVersion;
        out->win_build = (int)v.dwBuildNumber;
    }
    char product[128] = "", display[32] = "";
    nb_reg_str(HKEY_LOCAL_MACHINE, CURRENT_VERSION, L"ProductName", 0, product, sizeof product);
    if (!nb_reg_str(HKEY_LOCAL_MACHINE, CURRENT_VERSION, L"DisplayVersion", 0, display, sizeof display))
        nb_reg_str(HKEY_LOCAL_MACHINE, CURRENT_VERSION, L"ReleaseId", 0, display, sizeof display);
    /* ProductName says "Windows 10 Pro" on Windows 11 as well */
    char name[128];
    if (out->win_major == 10 && out->win_build >= 22000 && strncmp(product, "Windows 10", 10) == 0)
        snprintf(name, sizeof name, "Windows 11%s", product + 10);
    else
        snprintf(name, sizeof name, "%s", product[0] ? product : "Windows");
    snprintf(out->os_version, sizeof out->os_version, "%d.%d.%d", (int)v.dwMajorVersion,
             (int)v.dwMinorVersion, (int)v.dwBuildNumber);
    snprintf(out->os_name, sizeof out->os_name, "%.80s%s%s (%s)", name, display[0] ? " " : "", display,
             out->os_version);
    wine_version_fn wine = ntdll ? (wine_version_fn)(void (*)(void))GetProcAddress(ntdll, "wine_get_version") : NULL;
    if (wine) {
        size_t l = strlen(out->os_name);
        snprintf(out->os_name + l, sizeof out->os_name - l, "、wine %.16s の上", wine());
    }
    SYSTEM_INFO si;
    GetNativeSystemInfo(&si);
    snprintf(out->arch, sizeof out->arch, "%s",
             si.wProcessorArchitecture == PROCESSOR_ARCHITECTURE_AMD64 ? "x64"
             : si.wProcessorArchitecture == PROCESSOR_ARCHITECTURE_ARM64 ? "ARM64"
             : si.wProcessorArchitecture == PROCESSOR_ARCHITECTURE_INTEL ? "x86" : "不明");
    out->rdp = GetSystemMetrics(SM_REMOTESESSION) != 0;
    detect_vm(out);
}
