/* The program's stand-ins (build/nanbyo-survey): one for every function
 * of every part (plugin_fns.h), so whatever light code the program links
 * reaches a part only through them and never links a big library; the
 * questionnaire calls them only in its child processes. */
#define NB_FOR_IO 1
#define NB_FOR_DOCS 1
#define NB_FOR_NET 1
#define NB_FOR_PRINT 1
#define NB_FOR_COLLECT 1
#include "standin.h"
#include "plugin_fns.h"
