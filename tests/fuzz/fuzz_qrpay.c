/* Fuzz target: the QR payload decoder (src/qrpay). A code read from a fax
 * is outside input: anything zbar returns must be refused with a message
 * or become answers that serialise, and those answers must encode to a
 * text that decodes again. */
#include "nanbyo/qrpayload.h"
#include "fuzz_util.h"

static nb_definition *def;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    def = fz_yamaguchi("fuzz_qrpay");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nb_error err;
    err.msg[0] = '\0';
    char *survey = nb_qrpay_survey((const char *)data, size, &err);
    free(survey);
    err.msg[0] = '\0';
    nb_answers *a = nb_qrpay_decode(def, (const char *)data, size, &err);
    if (!a) {
        FZ_ASSERT(err.msg[0] != '\0', "decode failed without a message");
        return 0;
    }
    char *text = nb_qrpay_encode(def, a, &err);
    if (text) {
        nb_answers *b = nb_qrpay_decode(def, text, strlen(text), &err);
        FZ_ASSERT(b != NULL, "an encoded text does not decode");
        nb_answers_free(b);
        free(text);
    }
    nb_answers_free(a);
    return 0;
}
