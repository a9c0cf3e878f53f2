/* Unit tests for src/core/fields.c: 保険医療機関コード, phone/FAX, postal
 * code and e-mail validators, with full-width input and hostile strings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "nanbyo/fields.h"

static void test_luhn(void **state)
{
    (void)state;
    assert_int_equal(nb_luhn_check_digit("011011371"), 9);
    assert_int_equal(nb_luhn_check_digit("351012345"), 2);
    assert_int_equal(nb_luhn_check_digit("351999999"), 3);
    assert_int_equal(nb_luhn_check_digit("353012345"), 8);
    assert_int_equal(nb_luhn_check_digit("350000000"), 9);
    assert_int_equal(nb_luhn_check_digit("000000000"), 0);
    assert_int_equal(nb_luhn_check_digit("999999999"), 9);
    /* Only the first nine digits count. */
    assert_int_equal(nb_luhn_check_digit("0110113719"), 9);
    assert_int_equal(nb_luhn_check_digit("01101137"), -1);
    assert_int_equal(nb_luhn_check_digit("01101137x"), -1);
    assert_int_equal(nb_luhn_check_digit(""), -1);
    assert_int_equal(nb_luhn_check_digit(NULL), -1);
    /* Every single-digit typo changes the check digit. */
    char nine[10] = "351012345";
    int good = nb_luhn_check_digit(nine);
    for (int pos = 0; pos < 9; pos++) {
        char keep = nine[pos];
        for (char c = '0'; c <= '9'; c++) {
            if (c == keep)
                continue;
            nine[pos] = c;
            assert_int_not_equal(nb_luhn_check_digit(nine), good);
        }
        nine[pos] = keep;
    }
}

static const struct {
    const char *in;
    int pref, tensu;
    const char *out;      /* NULL: expect an error */
    const char *needle;   /* substring the error must hold */
} inst_cases[] = {
    { "0110113719", 1, 1, "0110113719", NULL },
    { "3510123452", 35, 1, "3510123452", NULL },
    { "35-1-01-2345-2", 35, 1, "3510123452", NULL },
    { "３５１０１２３４５２", 35, 1, "3510123452", NULL },
    { "３５－１０１２－３４５２", 35, 1, "3510123452", NULL },
    { "35 1 0123452", 35, 1, "3510123452", NULL },
    { "35ー1012ー3452", 35, 1, "3510123452", NULL },
    { "3530123458", 35, 1, "3530123458", NULL },   /* 歯科 */
    { "0123452", 35, 1, "3510123452", NULL },      /* 7-digit form */
    { "01-2345-2", 35, 1, "3510123452", NULL },
    { "0123458", 35, 3, "3530123458", NULL },
    { "3510123453", 35, 1, NULL, "検証番号" },
    { "0123453", 35, 1, NULL, "検証番号" },
    { "0110113719", 35, 1, NULL, "山口県の都道府県番号35" },
    { "3520123450", 35, 1, NULL, "点数表" },
    { "351012345", 35, 1, NULL, "9桁" },
    { "35101234521", 35, 1, NULL, "11桁" },
    { "", 35, 1, NULL, "入力されていません" },
    { "   ", 35, 1, NULL, "入力されていません" },
    { "35101234５a", 35, 1, NULL, "10桁" },
    { "3510123452\n", 35, 1, NULL, "10桁" },
    { "351012345\xFF", 35, 1, NULL, "読み取れない" },
    { "1234567890123456789012345", 35, 1, NULL, "10桁" },
    { "0123452", 0, 1, NULL, "10桁" },             /* no prefecture to complete with */
    { "0123452", 35, 2, NULL, "10桁" },
};

static void test_inst_code(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof inst_cases / sizeof inst_cases[0]; i++) {
        char out[11] = "untouched";
        const char *err = nb_check_inst_code(inst_cases[i].in, inst_cases[i].pref,
                                             inst_cases[i].tensu, out);
        if (inst_cases[i].out) {
            if (err != NULL)
                fail_msg("inst \"%s\": unexpected error %s", inst_cases[i].in, err);
            assert_string_equal(out, inst_cases[i].out);
        } else {
            if (err == NULL)
                fail_msg("inst \"%s\": accepted, expected error", inst_cases[i].in);
            if (strstr(err, inst_cases[i].needle) == NULL)
                fail_msg("inst \"%s\": message \"%s\" lacks \"%s\"", inst_cases[i].in, err,
                         inst_cases[i].needle);
            assert_non_null(strstr(err, "保険医療機関コード"));
        }
    }
    assert_non_null(nb_check_inst_code(NULL, 35, 1, NULL));
    assert_null(nb_check_inst_code("3510123452", 35, 1, NULL));
}

static void test_inst_code_long(void **state)
{
    (void)state;
    char *s = malloc(10001);
    assert_non_null(s);
    memset(s, '-', 10000);
    s[10000] = '\0';
    assert_non_null(nb_check_inst_code(s, 35, 1, NULL));
    memset(s, '3', 10000);
    assert_non_null(nb_check_inst_code(s, 35, 1, NULL));
    free(s);
}

static const struct {
    const char *in;
    const char *out;
    const char *needle;
} phone_cases[] = {
    { "083-933-2969", "083-933-2969", NULL },
    { "0839332969", "0839332969", NULL },
    { "０８３－９３３－２９６９", "083-933-2969", NULL },
    { "083ー933ー2969", "083-933-2969", NULL },
    { "083‐933‐2969", "083-933-2969", NULL },
    { "(083)933-2969", "083-933-2969", NULL },
    { "（０８３）９３３－２９６９", "083-933-2969", NULL },
    { "083 933 2969", "083-933-2969", NULL },
    { " 083-933-2969 ", "083-933-2969", NULL },
    { "083--933-2969", "083-933-2969", NULL },
    { "090-1234-5678", "090-1234-5678", NULL },
    { "09012345678", "09012345678", NULL },
    { "0120-123-456", "0120-123-456", NULL },
    { "933-2969", NULL, "市外局番" },
    { "0933-2969", NULL, "8桁" },
    { "083-933-29690000", NULL, "14桁" },
    { "83-933-2969", NULL, "0で始まる" },
    { "", NULL, "入力されていません" },
    { "--", NULL, "入力されていません" },
    { "083-933-296X", NULL, "数字とハイフン" },
    { "083-933-2969\n", NULL, "数字とハイフン" },
    { "083.933.2969", NULL, "数字とハイフン" },
    { "+81-83-933-2969", NULL, "数字とハイフン" },
    { "083-933-\xFF", NULL, "読み取れない" },
    { "1234567890123456789012345", NULL, "桁" },
};

static void test_phone(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof phone_cases / sizeof phone_cases[0]; i++) {
        char out[32];
        const char *err = nb_check_phone(phone_cases[i].in, out, sizeof out);
        if (phone_cases[i].out) {
            if (err != NULL)
                fail_msg("phone \"%s\": unexpected error %s", phone_cases[i].in, err);
            assert_string_equal(out, phone_cases[i].out);
        } else {
            if (err == NULL)
                fail_msg("phone \"%s\": accepted", phone_cases[i].in);
            if (strstr(err, phone_cases[i].needle) == NULL)
                fail_msg("phone \"%s\": message \"%s\" lacks \"%s\"", phone_cases[i].in, err,
                         phone_cases[i].needle);
            assert_string_equal(out, "");
        }
    }
    /* Too small an output buffer: valid, but nothing half-written. */
    char tiny[5] = "xxxx";
    assert_null(nb_check_phone("083-933-2969", tiny, sizeof tiny));
    assert_string_equal(tiny, "");
    assert_null(nb_check_phone("083-933-2969", NULL, 0));
    assert_non_null(nb_check_phone(NULL, NULL, 0));
    char *s = malloc(10001);
    assert_non_null(s);
    memset(s, '0', 10000);
    s[10000] = '\0';
    assert_non_null(nb_check_phone(s, tiny, sizeof tiny));
    free(s);
}

static const struct {
    const char *in;
    const char *out;
    const char *needle;
} postal_cases[] = {
    { "753-8501", "753-8501", NULL },
    { "7538501", "753-8501", NULL },
    { "７５３－８５０１", "753-8501", NULL },
    { "〒753-8501", "753-8501", NULL },
    { "〒 753-8501", "753-8501", NULL },
    { "〒７５３８５０１", "753-8501", NULL },
    { " 753-8501 ", "753-8501", NULL },
    { "753ー8501", "753-8501", NULL },
    { "75-38501", NULL, "3桁目" },
    { "753-85-01", NULL, "3桁目" },
    { "753-850", NULL, "7桁" },
    { "753-85011", NULL, "7桁" },
    { "", NULL, "入力されていません" },
    { "〒", NULL, "入力されていません" },
    { "753-850a", NULL, "7桁" },
    { "753-8501\r", NULL, "7桁" },
    { "753\xFF" "8501", NULL, "読み取れない" },
    { "1234567890123456789012345", NULL, "7桁" },
};

static void test_postal(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof postal_cases / sizeof postal_cases[0]; i++) {
        char out[9];
        const char *err = nb_check_postal(postal_cases[i].in, out, sizeof out);
        if (postal_cases[i].out) {
            if (err != NULL)
                fail_msg("postal \"%s\": unexpected error %s", postal_cases[i].in, err);
            assert_string_equal(out, postal_cases[i].out);
        } else {
            if (err == NULL)
                fail_msg("postal \"%s\": accepted", postal_cases[i].in);
            if (strstr(err, postal_cases[i].needle) == NULL)
                fail_msg("postal \"%s\": message \"%s\" lacks \"%s\"", postal_cases[i].in, err,
                         postal_cases[i].needle);
            assert_non_null(strstr(err, "郵便番号"));
        }
    }
    assert_non_null(nb_check_postal(NULL, NULL, 0));
}

static const struct {
    const char *in;
    bool ok;
} email_cases[] = {
    { "info@example.jp", true },
    { "kenko.zoshin@pref.yamaguchi.lg.jp", true },
    { "a+b_c-d@sub-domain.example.co.jp", true },
    { "taro..x.@docomo.ne.jp", true },   /* old carrier addresses exist */
    { "x@a.b", true },
    { "", false },
    { "info", false },
    { "info@", false },
    { "@example.jp", false },
    { "info@example", false },
    { "info@@example.jp", false },
    { "a@b@example.jp", false },
    { "info@.example.jp", false },
    { "info@example.jp.", false },
    { "info@example..jp", false },
    { "info@-example.jp", false },
    { "info@example-.jp", false },
    { "info@exa_mple.jp", false },
    { "in fo@example.jp", false },
    { "info@example.jp ", true },
    { "  info@example.jp  ", true },
    { "   ", false },
    { "info@example.jp　", false },
    { "info@example.jp\r\nBcc: x@y.z", false },
    { "info\t@example.jp", false },
    { "ｉｎｆｏ＠ｅｘａｍｐｌｅ．ｊｐ", false },
    { "情報@example.jp", false },
    { "info@例え.jp", false },
    { "\"info\"@example.jp", false },
    { "info<x>@example.jp", false },
    { "info@example.jp\x7F", false },
    { "info@exam\xFFple.jp", false },
};

static void test_email(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof email_cases / sizeof email_cases[0]; i++) {
        const char *err = nb_check_email(email_cases[i].in);
        if (email_cases[i].ok && err != NULL)
            fail_msg("email \"%s\": unexpected error %s", email_cases[i].in, err);
        if (!email_cases[i].ok && err == NULL)
            fail_msg("email \"%s\": accepted", email_cases[i].in);
        if (err)
            assert_non_null(strstr(err, "メールアドレス"));
    }
    assert_non_null(nb_check_email(NULL));
    assert_non_null(strstr(nb_check_email("ｉｎｆｏ@example.jp"), "半角"));

    /* Length limits: 254 in total, 64 before the @, 63 per label. */
    char buf[400];
    memset(buf, 'a', 64);
    strcpy(buf + 64, "@example.jp");
    assert_null(nb_check_email(buf));
    memset(buf, 'a', 65);
    strcpy(buf + 65, "@example.jp");
    assert_non_null(nb_check_email(buf));
    strcpy(buf, "a@");
    memset(buf + 2, 'b', 63);
    strcpy(buf + 65, ".jp");
    assert_null(nb_check_email(buf));
    strcpy(buf, "a@");
    memset(buf + 2, 'b', 64);
    strcpy(buf + 66, ".jp");
    assert_non_null(nb_check_email(buf));
    /* a@ + labels to reach exactly 254 and 255 characters. */
    /* "a@" + 3 x (63 letters + ".") + 57 letters + ".jp" = 254. */
    memset(buf, 0, sizeof buf);
    memcpy(buf, "a@", 2);
    for (int k = 0; k < 3; k++) {
        memset(buf + 2 + k * 64, 'b', 63);
        buf[2 + k * 64 + 63] = '.';
    }
    memset(buf + 194, 'c', 57);
    memcpy(buf + 251, ".jp", 4);
    assert_int_equal(strlen(buf), 254);
    assert_null(nb_check_email(buf));
    memcpy(buf + 251, ".jpx", 5);
    assert_non_null(nb_check_email(buf));
    char *big = malloc(10001);
    assert_non_null(big);
    memset(big, 'a', 10000);
    big[10000] = '\0';
    big[5000] = '@';
    big[7000] = '.';
    assert_non_null(nb_check_email(big));
    free(big);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_luhn),
        cmocka_unit_test(test_inst_code),
        cmocka_unit_test(test_inst_code_long),
        cmocka_unit_test(test_phone),
        cmocka_unit_test(test_postal),
        cmocka_unit_test(test_email),
    };
    return cmocka_run_group_tests_name("core_fields", tests, NULL, NULL);
}
