/* Free space on Windows: the system drive (the one Windows is on, where
 * the browser's and the AWS client's files go), as this user may use it
 * (quotas included), via GetDiskFreeSpaceExW. */
#include "../check_table.h"
#include "wutil.h"
#include <stdio.h>
#include <string.h>

void nb_gather_disk(const nb_probe_env *env, nb_pc_facts *f)
{
    (void)env;
    nb_disk_facts *out = &f->disk;
    memset(out, 0, sizeof *out);
    nb_volume *v = &out->v[out->n++];
    snprintf(v->label, sizeof v->label, "システム");
    wchar_t win[MAX_PATH];
    UINT n = GetSystemWindowsDirectoryW(win, MAX_PATH);
    wchar_t root[4] = L"C:\\";
    if (n >= 2 && n < MAX_PATH && win[1] == L':')
        root[0] = win[0];
    nb_w2u(root, v->path, sizeof v->path);
    ULARGE_INTEGER avail, total, freeb;
    if (GetDiskFreeSpaceExW(root, &avail, &total, &freeb)) {
        v->ok = true;
        v->space.avail = avail.QuadPart;
        v->space.total = total.QuadPart;
    } else {
        snprintf(v->err, sizeof v->err, "空き容量を読めません (エラー %lu)", (unsigned long)GetLastError());
    }
}
