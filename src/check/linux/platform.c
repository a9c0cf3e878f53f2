/* Which PC a Linux (or macOS) run measured: the "platform" member of the
 * result, so that documents can say 「確認したPC: host (OS)」 whether the
 * result was made here or imported from nanbyo-check.exe. */
#include "nanbyo/probe.h"
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "nanbyo/utf8.h"

/* Shown in documents: cut at the first line end, every byte of an invalid
 * UTF-8 text and every remaining control byte become '?'. */
static void printable(char *s)
{
    s[strcspn(s, "\r\n")] = '\0';
    bool valid = nb_utf8_valid(s, strlen(s));
    for (unsigned char *c = (unsigned char *)s; *c; c++)
        if (*c < 0x20 || *c == 0x7f || (!valid && *c >= 0x80))
            *c = '?';
}

void nb_probe_platform(const nb_probe_ctx *ctx, nb_check_platform *out)
{
    memset(out, 0, sizeof *out);
    nb_session_facts s;
    nb_probe_session(ctx, &s);
    snprintf(out->os, sizeof out->os, "%s", s.macos ? "macos" : "linux");
    snprintf(out->version, sizeof out->version, "%s", s.os_name);
    if (nb_probe_read(ctx, "/proc/sys/kernel/hostname", out->computer, sizeof out->computer) <= 0 ||
        out->computer[0] == '\n')
        if (gethostname(out->computer, sizeof out->computer - 1) != 0)
            out->computer[0] = '\0';
    printable(out->version);
    printable(out->computer);
}
