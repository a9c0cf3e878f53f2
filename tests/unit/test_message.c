/* Reading the envelope back from a message in the outbox (what send
 * --retry relies on): folded From with an encoded display name, bare
 * addresses, headers only (a "To:" in the body never counts), and refusal
 * of anything that is not a plain address. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "nanbyo/message.h"
#include "nanbyo/mime.h"

static void envelope_of(const char *msg, const char *from, const char *to)
{
    char *f = NULL, *t = NULL;
    int rc = nb_message_envelope(msg, strlen(msg), &f, &t);
    if (!from) {
        assert_int_equal(rc, -1);
        assert_null(f);
        assert_null(t);
        return;
    }
    assert_int_equal(rc, 0);
    assert_string_equal(f, from);
    assert_string_equal(t, to);
    free(f);
    free(t);
}

static void test_built_message(void **state)
{
    (void)state;
    nb_mime_part part = {"text/plain; charset=UTF-8", NULL, NULL, "To: evil@example.com\r\n", 22};
    nb_mime_message m = {
        .from_name = "医療法人社団 髙﨑会 ①クリニック 事務長 山口 花子 (長い名前なので折り返される)",
        .from_addr = "clinic@example.jp", .to_addr = "seisin-nanbyou@pref.yamaguchi.lg.jp",
        .subject = "件名", .date = "Wed, 01 Apr 2026 00:00:00 +0900", .message_id = "<a@b>",
        .parts = &part, .n_parts = 1,
    };
    size_t len;
    char *msg = nb_mime_assemble(&m, &len);
    assert_non_null(msg);
    assert_non_null(strstr(msg, "\r\n <clinic@example.jp>") ? msg : strstr(msg, " <clinic@example.jp>"));
    envelope_of(msg, "clinic@example.jp", "seisin-nanbyou@pref.yamaguchi.lg.jp");
    free(msg);
    m.from_name = NULL;
    msg = nb_mime_assemble(&m, &len);
    assert_non_null(strstr(msg, "From: clinic@example.jp\r\n"));
    envelope_of(msg, "clinic@example.jp", "seisin-nanbyou@pref.yamaguchi.lg.jp");
    free(msg);
}

static void test_hand_written(void **state)
{
    (void)state;
    envelope_of("from: A <a@example.jp>\nTO:  b@example.jp \n\nbody", "a@example.jp", "b@example.jp");
    envelope_of("From: a@example.jp\r\nTo: <b@example.jp>\r\n\r\n", "a@example.jp", "b@example.jp");
    /* To only in the body: not a header */
    envelope_of("From: a@example.jp\r\n\r\nTo: b@example.jp\r\n", NULL, NULL);
    envelope_of("From: a@example.jp\r\nTo: b@example.jp, c@example.jp\r\n\r\n", NULL, NULL);
    envelope_of("From: <a@example.jp\r\nBcc: x@example.jp>\r\nTo: b@example.jp\r\n\r\n", NULL, NULL);
    envelope_of("", NULL, NULL);
    envelope_of("From: a@example.jp\r\nTo:\r\n\r\n", NULL, NULL);
    /* Fromage: is not From */
    envelope_of("Fromage: a@example.jp\r\nTo: b@example.jp\r\n\r\n", NULL, NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_built_message),
        cmocka_unit_test(test_hand_written),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
