/* The parts of the program that need the heavy libraries are shared
 * objects loaded on first use, so the questionnaire and the quick
 * commands start small (issue 3: under 10 MB):
 *   nanbyo-survey-io.so       export, send, print, the PC check
 *                             (libxlsxwriter, cairo/pango, libcurl, libcups,
 *                             libqrencode)
 *   nanbyo-survey-collect.so  collect, the prefecture's side (libzbar,
 *                             libtiff, sqlite3, GMime, poppler)
 * Only the program binary carries this loader and its thunks; unit tests
 * and fuzzers link the real functions directly. */
#ifndef NANBYO_IO_PLUGIN_H
#define NANBYO_IO_PLUGIN_H

#define NB_IO_PLUGIN_NAME "nanbyo-survey-io.so"
#define NB_COLLECT_PLUGIN_NAME "nanbyo-survey-collect.so"

typedef struct nb_plugin nb_plugin;
extern nb_plugin nb_io_plugin;      /* $NANBYO_IO_PLUGIN overrides */
extern nb_plugin nb_collect_plugin; /* $NANBYO_COLLECT_PLUGIN overrides */

/* The address of a function in the plugin, loading the plugin the first
 * time. When the plugin or the symbol is missing, prints one Japanese
 * sentence that names the file and exits with status 2: a broken install
 * must not look like a failed export or send. */
void *nb_plugin_symbol(nb_plugin *pl, const char *name);
/* Where the plugin was (or would be) found; NULL when it is nowhere. */
const char *nb_plugin_path(nb_plugin *pl);

/* The io plugin's, kept for the callers that know only that one. */
void *nb_io_symbol(const char *name);
const char *nb_io_plugin_path(void);

#endif
