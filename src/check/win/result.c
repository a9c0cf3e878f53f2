/* The result file of nanbyo-check.exe: exactly the keys of `check --json`
 * plus "platform", written through a temporary file so that an earlier
 * result is replaced whole or not at all. */
#include "winrun.h"
#include "../json_out.h"
#include "wutil.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *nb_win_result_json(const nb_win_run *run)
{
    nb_json_out j = {0};
    nb_json_begin_object(&j, NULL);
    nb_json_string(&j, "checked_at", run->checked_at);
    nb_json_begin_object(&j, "platform");
    nb_json_string(&j, "os", "windows");
    nb_json_string(&j, "version", run->os_version);
    nb_json_string(&j, "computer", run->computer);
    nb_json_end_object(&j);
    nb_json_begin_array(&j, "checks");
    for (size_t i = 0; i < run->n; i++) {
        const nb_check_result *r = &run->res[i];
        nb_json_begin_object(&j, NULL);
        nb_json_string(&j, "id", r->id);
        nb_json_string(&j, "title", r->title);
        nb_json_string(&j, "status", nb_check_status_id(run->done[i] ? r->status : NB_CHECK_PENDING));
        nb_json_bool(&j, "required_check", r->required);
        nb_json_string(&j, "measured", r->measured);
        nb_json_string(&j, "required", r->required_text);
        nb_json_string(&j, "detail", r->detail);
        nb_json_string(&j, "advice", r->advice);
        nb_json_end_object(&j);
    }
    nb_json_end_array(&j);
    nb_json_end_object(&j);
    return nb_json_finish(&j);
}

DWORD nb_win_write_file(const char *path, const char *text)
{
    char tmp[1100];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    wchar_t *wp = nb_u2w(path), *wt = nb_u2w(tmp);
    DWORD err = ERROR_NOT_ENOUGH_MEMORY;
    if (!wp || !wt)
        goto out;
    HANDLE h = CreateFileW(wt, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        err = GetLastError();
        goto out;
    }
    size_t len = strlen(text), off = 0;
    DWORD done;
    err = 0;
    while (off < len && !err) {
        DWORD chunk = len - off > 65536 ? 65536 : (DWORD)(len - off);
        if (!WriteFile(h, text + off, chunk, &done, NULL))
            err = GetLastError();
        else
            off += done;
    }
    if (!err && !FlushFileBuffers(h))
        err = GetLastError();
    CloseHandle(h);
    if (!err && !MoveFileExW(wt, wp, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH))
        err = GetLastError();
    if (err)
        DeleteFileW(wt);
out:
    free(wp);
    free(wt);
    return err;
}

void nb_win_documents(char *out, size_t n)
{
    out[0] = '\0';
    char raw[MAX_PATH * 3];
    if (nb_reg_str(HKEY_CURRENT_USER,
                   L"Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\User Shell Folders",
                   L"Personal", 0, raw, sizeof raw) && raw[0]) {
        wchar_t *w = nb_u2w(raw);
        wchar_t exp[MAX_PATH * 2];
        if (w && ExpandEnvironmentStringsW(w, exp, MAX_PATH * 2) > 0 &&
            GetFileAttributesW(exp) != INVALID_FILE_ATTRIBUTES) {
            nb_w2u(exp, out, n);
            free(w);
            return;
        }
        free(w);
    }
    wchar_t prof[MAX_PATH];
    DWORD l = GetEnvironmentVariableW(L"USERPROFILE", prof, MAX_PATH);
    if (l > 0 && l < MAX_PATH) {
        char u[MAX_PATH * 3];
        nb_w2u(prof, u, sizeof u);
        snprintf(out, n, "%s\\Documents", u);
    }
}
