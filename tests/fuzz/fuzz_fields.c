/* Fuzz target: the typed-field validators (保険医療機関コード, phone/FAX,
 * postal code, e-mail). Accepted values must come out in the documented
 * normal form: 10 digits with a correct check digit, NNN-NNNN, ASCII, and
 * no accepted e-mail address may carry a control character. */
#include <ctype.h>
#include "fuzz_util.h"
#include "nanbyo/fields.h"

/* True when the first n bytes of s are ASCII digits. */
static int digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fz_cstr(data, size);
    char code[11] = "";
    if (nb_check_inst_code(s, 35, 1, code) == NULL) {
        FZ_ASSERT(strlen(code) == 10 && digits(code, 10), "institution code not 10 digits: %s", code);
        char nine[10];
        memcpy(nine, code, 9);
        nine[9] = '\0';
        FZ_ASSERT(nb_luhn_check_digit(nine) == code[9] - '0', "check digit of %s", code);
    }
    char phone[64];
    if (nb_check_phone(s, phone, sizeof phone) == NULL) {
        size_t digits = 0;
        for (const char *p = phone; *p; p++) {
            FZ_ASSERT((unsigned char)*p < 0x80 && *p >= 0x20, "phone not ASCII: %s", phone);
            digits += isdigit((unsigned char)*p) != 0;
        }
        FZ_ASSERT(digits == 10 || digits == 11, "phone has %zu digits: %s", digits, phone);
    }
    /* A tiny buffer must never be overrun. */
    char tiny[4];
    (void)nb_check_phone(s, tiny, sizeof tiny);
    char postal[16];
    if (nb_check_postal(s, postal, sizeof postal) == NULL)
        FZ_ASSERT(strlen(postal) == 8 && digits(postal, 3) && postal[3] == '-' &&
                      digits(postal + 4, 4),
                  "postal not NNN-NNNN: %s", postal);
    (void)nb_check_postal(s, tiny, sizeof tiny);
    /* An accepted address goes into a mail header: no control character
     * (CR/LF above all) may get through. */
    if (nb_check_email(s) == NULL)
        for (const char *p = s; *p; p++)
            FZ_ASSERT((unsigned char)*p >= 0x20 && (unsigned char)*p != 0x7f,
                      "e-mail with a control character accepted");
    free(s);
    return 0;
}
