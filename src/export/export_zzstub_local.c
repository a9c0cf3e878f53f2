/* LOCAL ONLY, never committed: link stubs until the mail helper lands. */
#include "nanbyo/message.h"
#include <stdlib.h>
char *nb_message_build(const nb_definition *def, const nb_answers *a, const nb_export_opts *eo,
                       const nb_message_opts *mo, size_t *len, nb_error *err)
{
    (void)def; (void)a; (void)eo; (void)mo; (void)len;
    nb_error_set(err, "メールの作成はまだ使えません (local stub)。");
    return NULL;
}
