/* The parts of the program that need the big libraries are shared
 * objects loaded on first use, by need, so that each command maps only
 * what it uses (docs/core.md, "部品"; the list: include/nanbyo/plugins.h).
 * The program carries this loader with stand-ins for the functions it
 * calls in the parts; the io part carries it too, with stand-ins for the
 * documents, mail and printing parts (plugin_fns.h is the one list).
 * Unit tests and fuzzers link the real functions directly. */
#ifndef NANBYO_IO_PLUGIN_H
#define NANBYO_IO_PLUGIN_H
#include "nanbyo/plugins.h"

/* The address of a function in a part, loading the part the first time.
 * When the part is missing, is not a shared object, carries another
 * build's stamp (abi_stamp.c) or lacks the symbol, prints one Japanese
 * sentence that names the file and what to do and exits with status 2: a
 * broken install must not look like a failed export or send. */
void *nb_plugin_symbol(nb_plugin_id id, const char *name);
/* Where the part was (or would be) found; NULL when it is nowhere. */
const char *nb_plugin_path(nb_plugin_id id);

/* This build's stamp; every part exports its own under this name. */
extern const char nb_plugin_abi_stamp[];

#endif
