/* One page of a fax image: find our code, check it, make it answers.
 * A page with no code is listed, never guessed; a code that fails its
 * checksum or belongs to another survey is reported as such. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "collect.h"
#include "nanbyo/qrpayload.h"

bool nb_qr_page(const nb_definition *def, const char *path, int page, int pages, const nb_gray *g,
                nb_found_fn fn, void *ctx)
{
    char source[4200];
    if (pages > 1)
        snprintf(source, sizeof source, "%.4000s#p%d", path, page);
    else
        snprintf(source, sizeof source, "%.4000s", path);
    nb_found f = {source, NB_CH_FAX, NULL, NULL};
    bool other, timed_out;
    char *text = nb_qr_scan(g, &other, &timed_out);
    char reason[1200];
    if (!text) {
        if (timed_out)
            snprintf(reason, sizeof reason, "%d ページ目: %d 秒以内に QR コードを読み取れませんでした。印刷された回答を確認してください。",
                     page, NB_COLLECT_PAGE_SECONDS);
        else if (other)
            snprintf(reason, sizeof reason, "%d ページ目: QR コードはありますが、この調査の回答ではありません。", page);
        else
            return false;
        f.reason = reason;
        fn(ctx, &f);
        return true;
    }
    nb_error err = {{0}};
    f.answers = nb_qrpay_decode(def, text, strlen(text), &err);
    free(text);
    if (!f.answers) {
        snprintf(reason, sizeof reason, "%d ページ目: %s", page, err.msg);
        f.reason = reason;
    }
    fn(ctx, &f);
    return true;
}

void nb_qr_none(const char *path, int pages, nb_found_fn fn, void *ctx)
{
    char reason[200];
    if (pages > 1)
        snprintf(reason, sizeof reason, "%d ページのどれにも回答の QR コードが見つかりません。印刷された回答を確認してください。", pages);
    else
        snprintf(reason, sizeof reason, "回答の QR コードが見つかりません。印刷された回答を確認してください。");
    nb_found f = {path, NB_CH_FAX, NULL, reason};
    fn(ctx, &f);
}
