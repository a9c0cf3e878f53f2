/* Every part and the program carry the same stamp, made by the Makefile
 * from the public headers and the list of functions (plugin_fns.h): a
 * part from another build, whose types or functions may differ, is
 * refused before any of its code runs (io_plugin.c). */
#include "io_plugin.h"

#ifndef NB_ABI_STAMP
#error "NB_ABI_STAMP is set by the Makefile"
#endif

const char nb_plugin_abi_stamp[] = "nanbyo-survey-abi:" NB_ABI_STAMP;
