/* Monitors on Windows: every monitor of the desktop with its size in real
 * pixels. The process declares itself DPI-aware first; otherwise Windows
 * reports a 1920x1080 screen at 150 % scaling as 1280x720. Under wine the
 * second monitor shows only through GetMonitorInfoW (EnumDisplaySettings
 * gave 0x0 there), which is what is used. */
#include "../check_table.h"
#include "wutil.h"
#include <stdio.h>
#include <string.h>

typedef BOOL(WINAPI *set_awareness_context_fn)(HANDLE);

static void become_dpi_aware(void)
{
    HMODULE user32 = GetModuleHandleW(L"user32.dll");
    set_awareness_context_fn ctx = user32 ? (set_awareness_context_fn)(void (*)(void))
                                                GetProcAddress(user32, "SetProcessDpiAwarenessContext")
                                          : NULL;
    /* DPI_AWARENESS_CONTEXT_PER_MONITOR_AWARE_V2 (Windows 10 1703+) */
    if (!(ctx && ctx((HANDLE)(intptr_t)-4)))
        SetProcessDPIAware();
}

static BOOL CALLBACK one_monitor(HMONITOR mon, HDC dc, LPRECT rect, LPARAM arg)
{
    (void)dc, (void)rect;
    nb_display_facts *out = (nb_display_facts *)arg;
    MONITORINFOEXW mi;
    memset(&mi, 0, sizeof mi);
    mi.cbSize = sizeof mi;
    if (out->n >= NB_MAX_MONITORS || !GetMonitorInfoW(mon, (MONITORINFO *)&mi))
        return TRUE;
    nb_monitor *m = &out->m[out->n++];
    char dev[64];
    nb_w2u(mi.szDevice, dev, sizeof dev);
    /* \\.\DISPLAY1 -> DISPLAY1 */
    const char *name = strncmp(dev, "\\\\.\\", 4) == 0 ? dev + 4 : dev;
    snprintf(m->name, sizeof m->name, "%.40s%s", name[0] ? name : "画面",
             (mi.dwFlags & MONITORINFOF_PRIMARY) ? "(主)" : "");
    m->w = (int)(mi.rcMonitor.right - mi.rcMonitor.left);
    m->h = (int)(mi.rcMonitor.bottom - mi.rcMonitor.top);
    return TRUE;
}

void nb_gather_display(const nb_probe_env *env, nb_pc_facts *f)
{
    nb_display_facts *out = &f->display;
    if (env->manual_w > 0 && env->manual_h > 0) {
        nb_display_manual(env->manual_w, env->manual_h, out);
        return;
    }
    memset(out, 0, sizeof *out);
    become_dpi_aware();
    snprintf(out->source, sizeof out->source, "GetMonitorInfoW");
    if (!EnumDisplayMonitors(NULL, NULL, one_monitor, (LPARAM)out) || out->n == 0)
        snprintf(out->why_none, sizeof out->why_none,
                 "画面の一覧を受け取れませんでした (画面のないセッションで実行している可能性があります)。");
}
