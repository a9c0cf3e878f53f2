/* A ZIP archive held in memory, opened with libzip (zip_memory.c). Shared
 * by the docs part (the workbook read back before it is kept) and the
 * collect part (a received xlsx); the Makefile lists this folder in both. */
#ifndef NB_ZIP_MEMORY_H
#define NB_ZIP_MEMORY_H
#include <stddef.h>
#include <zip.h>

/* Read-only, with libzip's consistency check (ZIP_CHECKCONS); NULL when
 * the bytes are not such an archive. data must outlive the archive;
 * zip_discard() closes it. */
zip_t *nb_zip_open_memory(const void *data, size_t len);

#endif
