/* Which reader a received file goes to: by its extension, as the clerk
 * names the files (a fax server saves .tif, a mail client .eml, and a
 * clerk who saved an attachment by hand has the 調査票 .xlsx itself). */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "collect.h"

static bool has_ext(const char *path, const char *ext)
{
    size_t n = strlen(path), k = strlen(ext);
    return n > k && strcasecmp(path + n - k, ext) == 0;
}

void nb_collect_read(const nb_definition *def, const char *path, const char *data, size_t len,
                     nb_found_fn fn, void *ctx)
{
    if (has_ext(path, ".json")) {
        nb_error err = {{0}};
        nb_found f = {path, NB_CH_JSON, nb_answers_parse(data, len, path, &err), NULL};
        if (!f.answers)
            f.reason = err.msg;
        fn(ctx, &f);
    } else if (has_ext(path, ".eml")) {
        nb_collect_read_eml(def, path, data, len, fn, ctx);
    } else if (has_ext(path, ".xlsx")) {
        nb_error err = {{0}};
        nb_found f = {path, NB_CH_XLSX, nb_collect_xlsx_answers(def, path, data, len, &err), NULL};
        if (!f.answers)
            f.reason = err.msg;
        fn(ctx, &f);
    } else if (has_ext(path, ".tif") || has_ext(path, ".tiff")) {
        nb_collect_read_tiff(def, path, data, len, fn, ctx);
    } else if (has_ext(path, ".png")) {
        nb_collect_read_png(def, path, data, len, fn, ctx);
    } else if (has_ext(path, ".pdf")) {
        nb_collect_read_pdf(def, path, data, len, fn, ctx);
    } else {
        nb_found f = {path, NB_CH_JSON, NULL,
                      "読めない種類のファイルです (.eml .json .xlsx .tif .tiff .png .pdf を読みます)。"};
        fn(ctx, &f);
    }
}
