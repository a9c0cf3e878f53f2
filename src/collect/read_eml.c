/* A received e-mail (.eml) through GMime 3: the answers JSON attachment
 * (what `send` attaches) is the response. Without one, the 調査票 xlsx
 * attached (a clinic that sent only the workbook, or wrote the mail
 * itself) is read back through its workbook names (read_xlsx.c) and the
 * response is marked as from the xlsx. A message that GMime cannot
 * parse, or that carries neither, is listed with the reason. */
#include <gmime/gmime.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "collect.h"

typedef struct {
    GByteArray *json; /* the first answers attachment */
    GByteArray *xlsx; /* the first xlsx attachment */
    int parts;
} scan;

/* The part's content with its transfer encoding undone (base64,
 * quoted-printable). */
static GByteArray *content(GMimeObject *part)
{
    GMimeDataWrapper *w = g_mime_part_get_content(GMIME_PART(part));
    if (!w)
        return NULL;
    GMimeStream *out = g_mime_stream_mem_new();
    g_mime_data_wrapper_write_to_stream(w, out);
    GByteArray *arr = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out));
    GByteArray *copy = g_byte_array_new();
    g_byte_array_append(copy, arr->data, arr->len);
    g_object_unref(out);
    return copy;
}

static bool ends_with(const char *s, const char *tail)
{
    size_t n = s ? strlen(s) : 0, k = strlen(tail);
    return n >= k && g_ascii_strcasecmp(s + n - k, tail) == 0;
}

static void each_part(GMimeObject *parent, GMimeObject *part, gpointer data)
{
    (void)parent;
    scan *s = data;
    if (++s->parts > 1000 || !GMIME_IS_PART(part) || s->json)
        return;
    const char *name = g_mime_part_get_filename(GMIME_PART(part));
    GMimeContentType *ct = g_mime_object_get_content_type(part);
    if (!s->xlsx && (ends_with(name, ".xlsx") ||
                     g_mime_content_type_is_type(ct, "application",
                                                 "vnd.openxmlformats-officedocument.spreadsheetml.sheet")))
        s->xlsx = content(part);
    if (g_mime_content_type_is_type(ct, "application", "json") || ends_with(name, ".json"))
        s->json = content(part);
}

void nb_collect_read_eml(const nb_definition *def, const char *path, const char *data, size_t len,
                         nb_found_fn fn, void *ctx)
{
    static bool ready;
    if (!ready) {
        g_mime_init();
        ready = true;
    }
    nb_found f = {path, NB_CH_MAIL, NULL, NULL};
    GMimeStream *st = g_mime_stream_mem_new_with_buffer(data, len);
    GMimeParser *p = g_mime_parser_new_with_stream(st);
    GMimeMessage *msg = g_mime_parser_construct_message(p, NULL);
    g_object_unref(p);
    g_object_unref(st);
    if (!msg || !g_mime_message_get_mime_part(msg)) {
        if (msg)
            g_object_unref(msg);
        f.reason = "メールとして読めません (.eml の形式ではないか、壊れています)。";
        fn(ctx, &f);
        return;
    }
    scan s = {0};
    g_mime_message_foreach(msg, each_part, &s);
    g_object_unref(msg);
    char name[4200];
    if (!s.json && s.xlsx) {
        nb_error err = {{0}};
        char source[4200];
        snprintf(name, sizeof name, "%.4000s の添付の xlsx", path);
        snprintf(source, sizeof source, "%.4000s#xlsx", path);
        f.source = source;
        f.channel = NB_CH_MAIL_XLSX;
        f.answers = nb_collect_xlsx_answers(def, name, s.xlsx->data, s.xlsx->len, &err);
        g_byte_array_unref(s.xlsx);
        if (!f.answers)
            f.reason = err.msg;
        fn(ctx, &f);
        return;
    }
    if (s.xlsx)
        g_byte_array_unref(s.xlsx);
    if (!s.json) {
        f.reason = "回答の添付ファイル (JSON か調査票の xlsx) がありません。";
        fn(ctx, &f);
        return;
    }
    nb_error err = {{0}};
    snprintf(name, sizeof name, "%.4000s の添付", path);
    f.answers = nb_answers_parse((const char *)s.json->data, s.json->len, name, &err);
    g_byte_array_unref(s.json);
    if (!f.answers)
        f.reason = err.msg;
    fn(ctx, &f);
}
