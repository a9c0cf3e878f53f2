/* The e-mail message as a file (export --eml): the same bytes send would
 * hand to the server, written the way every export is written. */
#include <stdlib.h>
#include "nanbyo/export.h"
#include "nanbyo/message.h"

int nb_export_eml(const nb_definition *def, const nb_answers *a, const nb_export_opts *o,
                  const char *path, nb_error *err)
{
    nb_message_opts mo = {o->mail_from, NULL};
    size_t len = 0;
    /* the reason alone (no sender, no temp folder for the workbook) would
     * not say which of the run's outputs it stopped */
    nb_error inner = {{0}};
    char *msg = nb_message_build(def, a, o, &mo, &len, &inner);
    if (!msg) {
        nb_error_set(err, "「%s」を書き出せませんでした。%s", path, inner.msg);
        return -1;
    }
    int rc = nb_export_write(path, msg, len, err);
    free(msg);
    return rc;
}
