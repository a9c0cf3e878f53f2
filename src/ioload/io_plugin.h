/* The part of the program that needs the heavy libraries (libxlsxwriter,
 * cairo/pango, libcurl, libcups) is a shared object loaded on first use,
 * so the questionnaire and the quick commands start small (issue 3: under
 * 10 MB). Only the program binary carries this loader and its thunks;
 * unit tests and fuzzers link the real functions directly. */
#ifndef NANBYO_IO_PLUGIN_H
#define NANBYO_IO_PLUGIN_H

#define NB_IO_PLUGIN_NAME "nanbyo-survey-io.so"

/* The address of a function in the plugin, loading the plugin the first
 * time. When the plugin or the symbol is missing, prints one Japanese
 * sentence that names the file and exits with status 2: a broken install
 * must not look like a failed export or send. */
void *nb_io_symbol(const char *name);

/* Where the plugin was (or would be) found; NULL when it is nowhere. */
const char *nb_io_plugin_path(void);

#endif
