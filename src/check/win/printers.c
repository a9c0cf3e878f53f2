/* Printers on Windows: the local and connected queues (EnumPrintersW),
 * the default one (GetDefaultPrinterW), and whether the driver offers the
 * definition's paper (DeviceCapabilitiesW DC_PAPERS). Printers that make
 * files instead of paper are told by their well-known names and ports. */
#include "../check_table.h"
#include "wutil.h"
#include "nanbyo/xalloc.h"
#include <winspool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* DMPAPER_* of a paper name of the definition; 0 = not known. */
static WORD paper_code(const char *paper)
{
    static const struct { const char *name; WORD code; } papers[] = {
        {"A4", DMPAPER_A4}, {"A3", DMPAPER_A3}, {"A5", DMPAPER_A5}, {"B4", DMPAPER_B4},
        {"B5", DMPAPER_B5}, {"Letter", DMPAPER_LETTER}, {"Legal", DMPAPER_LEGAL},
    };
    for (size_t i = 0; i < sizeof papers / sizeof papers[0]; i++)
        if (_stricmp(paper, papers[i].name) == 0)
            return papers[i].code;
    return 0;
}

static bool is_virtual(const wchar_t *name, const wchar_t *port)
{
    static const wchar_t *const names[] = {L"Microsoft Print to PDF", L"Microsoft XPS Document Writer",
                                           L"OneNote", L"Fax", L"PDF", NULL};
    for (size_t i = 0; names[i]; i++)
        if (wcsstr(name, names[i]))
            return true;
    return port && (wcscmp(port, L"PORTPROMPT:") == 0 || wcscmp(port, L"nul:") == 0 ||
                    wcscmp(port, L"SHRFAX:") == 0);
}

static bool offers(const wchar_t *name, const wchar_t *port, WORD code)
{
    int n = DeviceCapabilitiesW(name, port, DC_PAPERS, NULL, NULL);
    if (n <= 0 || n > 4096)
        return false;
    WORD *list = xcalloc((size_t)n, sizeof *list);
    bool found = false;
    if (DeviceCapabilitiesW(name, port, DC_PAPERS, (LPWSTR)list, NULL) == n)
        for (int i = 0; i < n && !found; i++)
            found = list[i] == code;
    free(list);
    return found;
}

void nb_gather_printers(const nb_probe_env *env, nb_pc_facts *f)
{
    nb_printer_facts *out = &f->printers;
    memset(out, 0, sizeof *out);
    const char *paper = env->pc->printer_paper && *env->pc->printer_paper ? env->pc->printer_paper : "A4";
    WORD code = paper_code(paper);
    DWORD need = 0, count = 0;
    DWORD flags = PRINTER_ENUM_LOCAL | PRINTER_ENUM_CONNECTIONS;
    EnumPrintersW(flags, NULL, 2, NULL, 0, &need, &count);
    BYTE *buf = need ? xmalloc(need) : NULL;
    if (need && !EnumPrintersW(flags, NULL, 2, buf, need, &need, &count)) {
        snprintf(out->err, sizeof out->err, "プリンターの一覧を読めませんでした (エラー %lu)",
                 (unsigned long)GetLastError());
        free(buf);
        return;
    }
    out->reachable = true;
    wchar_t def[512];
    DWORD dl = 512;
    if (!GetDefaultPrinterW(def, &dl))
        def[0] = L'\0';
    const PRINTER_INFO_2W *p = (const PRINTER_INFO_2W *)buf;
    for (DWORD i = 0; i < count && out->n < NB_MAX_PRINTERS; i++) {
        nb_printer *q = &out->p[out->n++];
        nb_w2u(p[i].pPrinterName, q->name, sizeof q->name);
        q->is_default = def[0] && wcscmp(def, p[i].pPrinterName) == 0;
        q->is_virtual = is_virtual(p[i].pPrinterName, p[i].pPortName);
        q->has_paper = code && offers(p[i].pPrinterName, p[i].pPortName, code);
    }
    free(buf);
}
