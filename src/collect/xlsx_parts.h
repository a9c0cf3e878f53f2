/* Bounded reading of an xlsx's parts (xlsx_parts.c): the ZIP through
 * libzip, each part's XML through libxml2. Private to collect. */
#ifndef NANBYO_COLLECT_XLSX_PARTS_H
#define NANBYO_COLLECT_XLSX_PARTS_H
#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>

/* A 調査票 sheet with 1,000 items is about 1 MB of XML. */
#define NB_XLSX_PART_MAX ((size_t)16 << 20)
#define NB_XLSX_TOTAL_MAX ((size_t)48 << 20)

typedef struct nb_xlsx_zip nb_xlsx_zip;

typedef enum { NB_XLSX_OK, NB_XLSX_MISSING, NB_XLSX_TOO_BIG, NB_XLSX_DAMAGED } nb_xlsx_status;

/* NULL when data is not a ZIP archive libzip accepts. data must outlive
 * the handle. */
nb_xlsx_zip *nb_xlsx_zip_open(const void *data, size_t len);
void nb_xlsx_zip_close(nb_xlsx_zip *x);
/* One member by name (case-insensitive, as OOXML part names are),
 * inflated and NUL-terminated (malloc'd). */
nb_xlsx_status nb_xlsx_part(nb_xlsx_zip *x, const char *name, char **out, size_t *out_len);

/* A well-formed XML document, or NULL (*has_dtd set when that was why). */
xmlDoc *nb_xlsx_xml(const char *buf, size_t len, bool *has_dtd);
/* Element n has this local name (any namespace). */
bool nb_xlsx_is(const xmlNode *n, const char *local);
const xmlNode *nb_xlsx_child(const xmlNode *n, const char *local);
/* The text of a shared or inline string: its t elements, phonetic guides
 * (rPh) left out. malloc'd. */
char *nb_xlsx_rich_text(const xmlNode *n);
/* The direct text of n. malloc'd. */
char *nb_xlsx_plain_text(const xmlNode *n);
/* Attribute by local name, malloc'd; NULL when absent. */
char *nb_xlsx_attr(const xmlNode *n, const char *name);

#endif
