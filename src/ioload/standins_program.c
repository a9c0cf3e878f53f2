/* The program's stand-ins (build/nanbyo-survey): for every function it
 * calls in a part (plugin_fns.h). Its own code never links a big library;
 * the questionnaire calls these only in its child processes. */
#define NB_FOR_IO 1
#define NB_FOR_DOCS 1
#define NB_FOR_NET 1
#define NB_FOR_PRINT 1
#define NB_FOR_COLLECT 1
#include "standin.h"
#include "plugin_fns.h"
