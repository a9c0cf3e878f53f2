/* A received e-mail (.eml) through GMime 3: the answers JSON attachment
 * (what `send` attaches) is the response. A message that GMime cannot
 * parse, or that carries no answers, is listed with the reason. */
#include <gmime/gmime.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "collect.h"

typedef struct {
    GByteArray *json; /* the first answers attachment */
    bool xlsx;        /* an xlsx was attached */
    int parts;
} scan;

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
    if (ends_with(name, ".xlsx"))
        s->xlsx = true;
    if (!g_mime_content_type_is_type(ct, "application", "json") && !ends_with(name, ".json"))
        return;
    GMimeDataWrapper *w = g_mime_part_get_content(GMIME_PART(part));
    if (!w)
        return;
    GMimeStream *out = g_mime_stream_mem_new();
    g_mime_data_wrapper_write_to_stream(w, out); /* undoes base64 / quoted-printable */
    GByteArray *arr = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out));
    s->json = g_byte_array_new();
    g_byte_array_append(s->json, arr->data, arr->len);
    g_object_unref(out);
}

void nb_collect_read_eml(const nb_definition *def, const char *path, const char *data, size_t len,
                         nb_found_fn fn, void *ctx)
{
    (void)def;
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
    if (!s.json) {
        f.reason = s.xlsx ? "回答の JSON が添付されていません (xlsx だけのメールはまだ読み取れません)。xlsx を開いて確認してください。"
                          : "回答の添付ファイル (JSON) がありません。";
        fn(ctx, &f);
        return;
    }
    nb_error err = {{0}};
    char name[4200];
    snprintf(name, sizeof name, "%.4000s の添付", path);
    f.answers = nb_answers_parse((const char *)s.json->data, s.json->len, name, &err);
    g_byte_array_unref(s.json);
    if (!f.answers)
        f.reason = err.msg;
    fn(ctx, &f);
}
