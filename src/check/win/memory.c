/* RAM on Windows: installed memory from the firmware tables
 * (GetPhysicallyInstalledSystemMemory, in KiB) and what Windows can use
 * (GlobalMemoryStatusEx). The rule compares them as on Linux. */
#include "../check_table.h"
#include "wutil.h"
#include <stdio.h>
#include <string.h>

void nb_gather_memory(const nb_probe_env *env, nb_pc_facts *f)
{
    (void)env;
    nb_mem_facts *out = &f->mem;
    memset(out, 0, sizeof *out);
    ULONGLONG kib = 0;
    if (GetPhysicallyInstalledSystemMemory(&kib) && kib > 0) {
        out->installed = (uint64_t)kib * 1024u;
        snprintf(out->installed_src, sizeof out->installed_src, "GetPhysicallyInstalledSystemMemory");
    }
    MEMORYSTATUSEX ms = {.dwLength = sizeof ms};
    if (GlobalMemoryStatusEx(&ms) && ms.ullTotalPhys > 0) {
        out->usable = ms.ullTotalPhys;
        snprintf(out->usable_src, sizeof out->usable_src, "GlobalMemoryStatusEx");
    }
}
