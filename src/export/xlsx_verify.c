/* libxlsxwriter 1.1.4 stages each part of the workbook in a temp file and
 * does not check its writes there: when that file system is full, a part
 * comes out empty and workbook_close() still reports success (seen: a full
 * /tmp gave a 1,278-byte "調査票" that no program could open, announced as
 * written). So the finished bytes are read back here with libzip, every
 * part decompressed and its CRC checked, before the file replaces the
 * clerk's old one. */
#include "xlsx_verify.h"
#include "../zipmem/zip_memory.h"

bool nb_xlsx_whole(const void *data, size_t len)
{
    zip_t *z = nb_zip_open_memory(data, len);
    if (!z)
        return false;
    zip_int64_t n = zip_get_num_entries(z, 0);
    bool whole = n > 0;
    char buf[16384];
    for (zip_int64_t i = 0; whole && i < n; i++) {
        zip_stat_t st;
        zip_file_t *f = NULL;
        whole = zip_stat_index(z, (zip_uint64_t)i, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) && st.size > 0 &&
                (f = zip_fopen_index(z, (zip_uint64_t)i, 0)) != NULL;
        /* reading to the end makes libzip compare the CRC */
        zip_int64_t got = 0;
        while (whole && (got = zip_fread(f, buf, sizeof buf)) > 0)
            ;
        if (got < 0)
            whole = false;
        if (f && zip_fclose(f) != 0)
            whole = false;
    }
    zip_discard(z);
    return whole;
}
