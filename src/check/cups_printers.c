/* Printer probe through libcups (Linux and macOS): every queue the CUPS
 * scheduler knows (CUPS_SERVER and client.conf are honoured by libcups),
 * whether it is the default, whether it can print on the definition's
 * paper, and whether it only makes files (cups-pdf). It only tells what a
 * queue supports: whether paper is loaded is the clerk's to confirm. */
#define _GNU_SOURCE
#include "nanbyo/probe.h"
#include <cups/cups.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char *pwg_media(const char *paper)
{
    if (!paper || !*paper || strcasecmp(paper, "A4") == 0)
        return CUPS_MEDIA_A4;
    if (strcasecmp(paper, "A3") == 0)
        return CUPS_MEDIA_A3;
    if (strcasecmp(paper, "B5") == 0)
        return "jis_b5_182x257mm";
    if (strcasecmp(paper, "Letter") == 0)
        return CUPS_MEDIA_LETTER;
    return paper;
}

void nb_probe_printers(const char *paper, nb_printer_facts *out)
{
    memset(out, 0, sizeof *out);
    const char *server = cupsServer();
    snprintf(out->server, sizeof out->server, "%s", server ? server : "");
    cups_dest_t *dests = NULL;
    int n = cupsGetDests2(CUPS_HTTP_DEFAULT, &dests);
    ipp_status_t st = cupsLastError();
    if (n <= 0 && st > IPP_STATUS_OK_EVENTS_COMPLETE && st != IPP_STATUS_ERROR_NOT_FOUND) {
        out->reachable = false;
        snprintf(out->err, sizeof out->err,
                 "印刷の仕組み (CUPS, %.180s) に接続できませんでした", out->server);
        cupsFreeDests(n, dests);
        return;
    }
    out->reachable = true;
    const char *media = pwg_media(paper);
    for (int i = 0; i < n && out->n < NB_MAX_PRINTERS; i++) {
        cups_dest_t *d = &dests[i];
        if (d->instance)
            continue;
        nb_printer *p = &out->p[out->n++];
        snprintf(p->name, sizeof p->name, "%s", d->name);
        for (char *c = p->name; *c; c++)
            if ((unsigned char)*c < 0x20)
                *c = '?';
        p->is_default = d->is_default != 0;
        const char *uri = cupsGetOption("device-uri", d->num_options, d->options);
        const char *model = cupsGetOption("printer-make-and-model", d->num_options, d->options);
        p->is_virtual = (uri && strncmp(uri, "cups-pdf:", 9) == 0) ||
                        (model && strcasestr(model, "cups-pdf"));
        cups_dinfo_t *info = cupsCopyDestInfo(CUPS_HTTP_DEFAULT, d);
        if (info) {
            cups_size_t size;
            p->has_paper = cupsGetDestMediaByName(CUPS_HTTP_DEFAULT, d, info, media,
                                                  CUPS_MEDIA_FLAGS_DEFAULT, &size) != 0;
            cupsFreeDestInfo(info);
        }
    }
    cupsFreeDests(n, dests);
}
