/* The program's parts that are loaded on first use, by what they need
 * (docs/core.md, "部品"). Public only because an output format names the
 * part its writer lives in (export.h): the command can make sure that
 * part loads before it writes anything. */
#ifndef NANBYO_PLUGINS_H
#define NANBYO_PLUGINS_H

typedef enum {
    NB_PLUGIN_NONE,    /* light code: linked into the program and every part that calls it */
    NB_PLUGIN_IO,      /* nanbyo-survey-io.so: export, send, print, check; the PC check, CSV, e-mail */
    NB_PLUGIN_DOCS,    /* nanbyo-survey-docs.so: xlsx and PDF (libxlsxwriter, cairo, pango, libqrencode) */
    NB_PLUGIN_NET,     /* nanbyo-survey-net.so: SMTP and the HTTPS check (libcurl) */
    NB_PLUGIN_PRINT,   /* nanbyo-survey-print.so: printing and the printer check (libcups) */
    NB_PLUGIN_COLLECT, /* nanbyo-survey-collect.so: collect (libzbar, libtiff, sqlite3, GMime, poppler) */
    NB_PLUGIN_COUNT
} nb_plugin_id;

/* Load the part now: a command calls it before it starts writing, so a
 * missing or mismatched part stops it (one Japanese sentence, exit 2)
 * with nothing half done; NB_PLUGIN_NONE loads nothing. Defined by the
 * loader (src/ioload), which the program and the io part carry. */
void nb_plugin_need(nb_plugin_id id);

#endif
