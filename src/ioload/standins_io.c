/* The io part's stand-ins (nanbyo-survey-io.so): the commands and the PC
 * check live in it, and reach documents, mail and printing only through
 * these, so `check --no-network` and `export --csv` load no drawing,
 * workbook or network library. */
#define NB_FOR_IO 0
#define NB_FOR_DOCS 1
#define NB_FOR_NET 1
#define NB_FOR_PRINT 1
#define NB_FOR_COLLECT 0
#include "standin.h"
#include "plugin_fns.h"
