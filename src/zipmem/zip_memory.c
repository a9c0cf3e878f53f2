/* Opening a ZIP from memory (zip_memory.h). The one subtle step: a source
 * that zip_open_from_source refused is still the caller's to free; once
 * the archive is open, zip_discard frees it with the archive. */
#include "zip_memory.h"

zip_t *nb_zip_open_memory(const void *data, size_t len)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze) : NULL;
    zip_error_fini(&ze);
    if (src && !z)
        zip_source_free(src);
    return z;
}
