/* Fuzz target: collect's reading of a 調査票 xlsx attached without its
 * answers JSON (src/collect/read_xlsx.c, xlsx_book.c, xlsx_parts.c). An
 * attachment is outside input, so whatever the bytes, the reader returns
 * answers that serialise, or NULL with one line of message.
 * Input starting with "PK" is the attachment itself (libzip's side: the
 * archive, its sizes and CRCs). Anything else is the workbook's XML
 * parts separated by NUL bytes, in this order: xl/workbook.xml,
 * xl/_rels/workbook.xml.rels, xl/sharedStrings.xml,
 * xl/worksheets/sheet1.xml, docProps/custom.xml, docProps/core.xml;
 * they are zipped here with libzip (so mutations reach the XML reading,
 * which a CRC would otherwise stop) before the reader sees them. */
#include <zip.h>
#include "nanbyo/answers.h"
#include "nanbyo/definition.h"
#include "nanbyo/utf8.h"
#include "fuzz_util.h"
#include "../../src/collect/collect.h"

static nb_definition *def;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    def = fz_yamaguchi("fuzz_collect_xlsx");
    return 0;
}

/* The parts zipped in memory; malloc'd archive in *out. */
static size_t zip_parts(const uint8_t *data, size_t size, uint8_t **out)
{
    static const char *const names[] = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml",
                                        "xl/worksheets/sheet1.xml", "docProps/custom.xml", "docProps/core.xml"};
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    FZ_ASSERT(src, "zip_source_buffer_create");
    zip_source_keep(src);
    zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    FZ_ASSERT(z, "zip_open_from_source");
    size_t at = 0;
    for (size_t k = 0; k < sizeof names / sizeof names[0] && at <= size; k++) {
        const uint8_t *end = memchr(data + at, 0, size - at);
        size_t n = end ? (size_t)(end - (data + at)) : size - at;
        zip_source_t *part = zip_source_buffer(z, data + at, n, 0);
        FZ_ASSERT(part && zip_file_add(z, names[k], part, ZIP_FL_OVERWRITE) >= 0, "zip_file_add");
        at += n + 1;
    }
    FZ_ASSERT(zip_close(z) == 0, "zip_close");
    zip_stat_t st;
    FZ_ASSERT(zip_source_open(src) == 0 && zip_source_stat(src, &st) == 0, "zip_source_open");
    *out = malloc(st.size ? st.size : 1);
    FZ_ASSERT(*out, "malloc");
    zip_int64_t got = zip_source_read(src, *out, st.size);
    FZ_ASSERT(got == (zip_int64_t)st.size, "zip_source_read");
    zip_source_close(src);
    zip_source_free(src);
    zip_error_fini(&ze);
    return st.size;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *xlsx = NULL;
    size_t len = size;
    if (size >= 2 && data[0] == 'P' && data[1] == 'K')
        xlsx = (uint8_t *)data;
    else
        len = zip_parts(data, size, &xlsx);
    nb_error err;
    err.msg[0] = '\0';
    nb_answers *a = nb_collect_xlsx_answers(def, "fuzz.eml の添付の xlsx", xlsx, len, &err);
    if (a) {
        char *json = nb_answers_dump(a);
        FZ_ASSERT(json && nb_utf8_valid(json, strlen(json)), "answers that do not serialise");
        free(json);
        nb_answers_free(a);
    } else {
        size_t n = strlen(err.msg);
        FZ_ASSERT(n > 0, "refused without a message");
        FZ_ASSERT(nb_utf8_valid(err.msg, n) && !strchr(err.msg, '\n'), "a message that is not one line: %s", err.msg);
        FZ_ASSERT(strstr(err.msg, "fuzz.eml の添付の xlsx"), "a message that does not name the file: %s", err.msg);
    }
    if (xlsx != data)
        free(xlsx);
    return 0;
}
