/* Is a workbook libxlsxwriter wrote whole? (xlsx_verify.c) */
#ifndef NB_EXPORT_XLSX_VERIFY_H
#define NB_EXPORT_XLSX_VERIFY_H
#include <stdbool.h>
#include <stddef.h>

/* True when data is a ZIP whose every part reads back complete (CRC
 * checked) and none is empty. */
bool nb_xlsx_whole(const void *data, size_t len);

#endif
