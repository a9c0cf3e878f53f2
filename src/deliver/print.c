/* Printing the survey PDF on A4 through libcups (honours CUPS_SERVER).
 * The destination is checked for A4 before anything is submitted: a
 * government form shrunk onto Letter paper is not what the prefecture
 * expects. The job is sent with the destination API (cupsCreateDestJob,
 * cupsStartDestDocument) so the job id and IPP status come back as
 * values, never parsed from text; each failure becomes one Japanese
 * sentence. */
#include "nanbyo/deliver.h"

#include <cups/cups.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "nanbyo/mime.h"
#include "nanbyo/atomic_file.h"

#define A4_NAME "iso_a4_210x297mm"

/* Whether the scheduler answers at all (to tell "no CUPS" from "no such
 * printer" after a failed lookup). */
static bool scheduler_up(void)
{
    http_t *h = httpConnect2(cupsServer(), ippPort(), NULL, AF_UNSPEC, cupsEncryption(), 1, 5000, NULL);
    if (!h)
        return false;
    httpClose(h);
    return true;
}

static void no_dest(const char *printer, nb_error *err)
{
    if (!scheduler_up())
        nb_error_set(err, "印刷サービス (CUPS, %s) に接続できませんでした。印刷の仕組みが動いているかを、PC の管理者に確かめてください。",
                     cupsServer());
    else if (printer)
        nb_error_set(err, "プリンター「%s」が見つかりません。PC のプリンターの設定に出ている名前を、そのとおりに指定してください。",
                     printer);
    else
        nb_error_set(err, "既定のプリンターが設定されていません。プリンター名を指定するか、PC のプリンターの設定で通常使うプリンターを決めてください。");
}

/* job-name: sanitised and at most about 200 bytes, cut on a character. */
static char *job_title(const char *title)
{
    char *t = nb_mime_sanitize(title && *title ? title : "nanbyo-survey");
    size_t n = strlen(t);
    if (n > 200) {
        n = 200;
        while (n > 0 && ((unsigned char)t[n] & 0xc0) == 0x80)
            n--;
        t[n] = '\0';
    }
    return t;
}

static void rejected(const char *name, nb_error *err)
{
    ipp_status_t st = cupsLastError();
    switch (st) {
    case IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS:
        nb_error_set(err, "プリンター「%s」は現在ジョブを受け付けていません。プリンターの管理者に受け付けを再開してもらうか (cupsaccept %s)、別のプリンターを --printer で指定してください。",
                     name, name);
        break;
    case IPP_STATUS_ERROR_DOCUMENT_FORMAT_NOT_SUPPORTED:
        nb_error_set(err, "プリンター「%s」は PDF を印刷できない設定です。PDF を扱えるプリンターを --printer で指定してください。", name);
        break;
    case IPP_STATUS_ERROR_FORBIDDEN:
    case IPP_STATUS_ERROR_NOT_AUTHORIZED:
    case IPP_STATUS_ERROR_NOT_AUTHENTICATED:
        nb_error_set(err, "プリンター「%s」で印刷する権限がありません。プリンターの管理者に確認してください。", name);
        break;
    case IPP_STATUS_ERROR_SERVICE_UNAVAILABLE:
    case IPP_STATUS_ERROR_INTERNAL:
        nb_error_set(err, "印刷サービス (CUPS) に接続できなくなったため、プリンター「%s」へ送れませんでした。CUPS の状態を確かめてもう一度印刷してください。",
                     name);
        break;
    default:
        nb_error_set(err, "プリンター「%s」が印刷ジョブを受け付けませんでした (IPP 状態 0x%04x)。プリンターの状態を確かめて、もう一度印刷してください。",
                     name, (unsigned)st);
        break;
    }
}

int nb_print_pdf(const char *pdf_path, const char *printer, const char *title, int *job_id, nb_error *err)
{
    *job_id = 0;
    FILE *f = fopen(pdf_path, "rb");
    if (!f) {
        nb_error_set(err, "印刷する PDF %s を開けませんでした。%s", pdf_path, nb_errno_read_text(errno));
        return -1;
    }
    cups_dest_t *dest = cupsGetNamedDest(CUPS_HTTP_DEFAULT, printer, NULL);
    if (!dest) {
        no_dest(printer, err);
        fclose(f);
        return -1;
    }
    const char *name = dest->name;
    /* The queue lives on the scheduler named by CUPS_SERVER / client.conf:
     * talk to it directly rather than through the printer's advertised
     * URI, which may name a host this machine cannot resolve. */
    http_t *http = httpConnect2(cupsServer(), ippPort(), NULL, AF_UNSPEC, cupsEncryption(), 1, 30000, NULL);
    cups_dinfo_t *info = http ? cupsCopyDestInfo(http, dest) : NULL;
    int rc = -1;
    char *t = NULL;
    cups_option_t *opts = NULL;
    int n_opts = 0;
    if (!http || !info) {
        nb_error_set(err, "プリンター「%s」の情報を印刷サービス (CUPS) から取得できませんでした。プリンターの電源と接続、PC のプリンターの設定での状態を確かめてください。",
                     name);
        goto out;
    }
    cups_size_t size;
    if (!cupsGetDestMediaByName(http, dest, info, A4_NAME, CUPS_MEDIA_FLAGS_DEFAULT, &size) ||
        strcmp(size.media, A4_NAME) != 0) {
        nb_error_set(err, "プリンター「%s」は A4 用紙に対応していないため、印刷しませんでした。A4 で印刷できるプリンターを --printer で指定してください。",
                     name);
        goto out;
    }
    n_opts = cupsAddOption(CUPS_MEDIA, A4_NAME, n_opts, &opts);
    /* An A4 PDF on A4 paper must not be rescaled (when the printer lets
     * us say so). */
    if (cupsCheckDestSupported(http, dest, info, "print-scaling", "none"))
        n_opts = cupsAddOption("print-scaling", "none", n_opts, &opts);
    n_opts = cupsAddOption(CUPS_SIDES, CUPS_SIDES_ONE_SIDED, n_opts, &opts);
    t = job_title(title);
    int id = 0;
    if (cupsCreateDestJob(http, dest, info, &id, t, n_opts, opts) > IPP_STATUS_OK_CONFLICTING || id <= 0) {
        rejected(name, err);
        goto out;
    }
    if (cupsStartDestDocument(http, dest, info, id, t, CUPS_FORMAT_PDF, 0, NULL, 1) != HTTP_STATUS_CONTINUE) {
        rejected(name, err);
        cupsCancelDestJob(http, dest, id);
        goto out;
    }
    char buf[65536];
    size_t n;
    bool write_ok = true;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        if (cupsWriteRequestData(http, buf, n) != HTTP_STATUS_CONTINUE) {
            write_ok = false;
            break;
        }
    if (ferror(f))
        write_ok = false;
    if (cupsFinishDestDocument(http, dest, info) > IPP_STATUS_OK_CONFLICTING || !write_ok) {
        rejected(name, err);
        cupsCancelDestJob(http, dest, id);
        goto out;
    }
    *job_id = id;
    rc = 0;
out:
    free(t);
    cupsFreeOptions(n_opts, opts);
    if (info)
        cupsFreeDestInfo(info);
    if (http)
        httpClose(http);
    cupsFreeDests(1, dest);
    fclose(f);
    return rc;
}

/* Whether the queue is stopped (disabled): its jobs wait until someone
 * starts it again. */
static bool printer_stopped(const char *printer)
{
    cups_dest_t *d = cupsGetNamedDest(CUPS_HTTP_DEFAULT, printer, NULL);
    if (!d)
        return false;
    const char *st = cupsGetOption("printer-state", d->num_options, d->options);
    bool stopped = st && atoi(st) == IPP_PSTATE_STOPPED;
    cupsFreeDests(1, d);
    return stopped;
}

int nb_print_wait(const char *printer, int job_id, long timeout_s, nb_error *err)
{
    time_t end = time(NULL) + (timeout_s > 0 ? timeout_s : 0);
    for (;;) {
        cups_job_t *jobs = NULL;
        int n = cupsGetJobs2(CUPS_HTTP_DEFAULT, &jobs, printer, 0, CUPS_WHICHJOBS_ALL);
        ipp_jstate_t state = IPP_JSTATE_PENDING;
        bool found = false;
        for (int i = 0; i < n; i++)
            if (jobs[i].id == job_id) {
                state = jobs[i].state;
                found = true;
            }
        cupsFreeJobs(n, jobs);
        if (found && state == IPP_JSTATE_COMPLETED)
            return 1;
        if (found && (state == IPP_JSTATE_CANCELED || state == IPP_JSTATE_ABORTED)) {
            nb_error_set(err, "印刷ジョブ %d は%sされました。プリンターの状態を確かめて、もう一度印刷してください。", job_id,
                         state == IPP_JSTATE_CANCELED ? "取り消" : "中止");
            return -1;
        }
        if (found && state == IPP_JSTATE_STOPPED) {
            nb_error_set(err, "印刷ジョブ %d はプリンターが停止しているため止まっています。プリンターの状態を確かめてください。", job_id);
            return -1;
        }
        if (time(NULL) >= end || printer_stopped(printer))
            return 0; /* a stopped queue will not finish while we wait */
        usleep(200000);
    }
}
