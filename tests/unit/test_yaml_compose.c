/* The one-pass composer (src/survey/yaml_compose.c) builds a tree holding
 * what libyaml's own yaml_parser_load's document holds, node for node (tags, styles,
 * marks, aliases pointing at their anchored node), and refuses what it
 * refuses with the same words and line; nesting past the limit is refused
 * at the first level too deep, anywhere in the text. The definition loader
 * keeps its messages. yaml_parser_load is the oracle throughout. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nanbyo/atomic_file.h"
#include "nanbyo/definition.h"
#include "../../src/survey/yaml_compose.h"

static bool loader(const char *text, yaml_document_t *doc, yc_problem *pb)
{
    yaml_parser_t p;
    assert_true(yaml_parser_initialize(&p));
    yaml_parser_set_input_string(&p, (const unsigned char *)text, strlen(text));
    bool ok = yaml_parser_load(&p, doc) != 0;
    if (!ok) {
        pb->line = p.problem_mark.line + 1;
        pb->problem = p.problem;
    }
    yaml_parser_delete(&p);
    return ok;
}

static yc_status compose(const char *text, size_t len, yc_doc *doc, int depth, yc_problem *pb)
{
    yaml_parser_t p;
    assert_true(yaml_parser_initialize(&p));
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    yc_status st = yc_compose(&p, doc, depth, pb);
    yaml_parser_delete(&p);
    return st;
}

static void assert_mark(yaml_mark_t a, yaml_mark_t b)
{
    assert_int_equal(a.index, b.index);
    assert_int_equal(a.line, b.line);
    assert_int_equal(a.column, b.column);
}

static void assert_same_document(yaml_document_t *a, yc_doc *b)
{
    assert_int_equal(a->nodes.top - a->nodes.start, b->n_nodes);
    assert_int_equal(a->start_implicit, b->start_implicit);
    assert_int_equal(a->end_implicit, b->end_implicit);
    if (a->nodes.top != a->nodes.start) {
        assert_mark(a->start_mark, b->start_mark);
        assert_mark(a->end_mark, b->end_mark);
    }
    assert_int_equal(!a->version_directive, !b->has_version_directive);
    assert_int_equal(a->tag_directives.end - a->tag_directives.start, b->n_tag_directives);
    const yc_node *y = b->nodes;
    for (yaml_node_t *x = a->nodes.start; x < a->nodes.top; x++, y++) {
        assert_int_equal(x->type, y->type);
        assert_string_equal(x->tag, yc_tag(b, y));
        assert_mark(x->start_mark, y->start_mark);
        assert_mark(x->end_mark, y->end_mark);
        if (x->type == YAML_SCALAR_NODE) {
            assert_int_equal(x->data.scalar.length, y->len);
            assert_memory_equal(x->data.scalar.value, yc_value(b, y), x->data.scalar.length);
            assert_int_equal(yc_value(b, y)[y->len], '\0');
            assert_int_equal(x->data.scalar.style, y->style);
        } else if (x->type == YAML_SEQUENCE_NODE) {
            size_t n = x->data.sequence.items.top - x->data.sequence.items.start;
            assert_int_equal(n, y->len);
            assert_memory_equal(x->data.sequence.items.start, yc_kids(b, y), n * sizeof(int));
            assert_int_equal(x->data.sequence.style, y->style);
        } else {
            size_t n = x->data.mapping.pairs.top - x->data.mapping.pairs.start;
            assert_int_equal(n, y->len);
            for (size_t i = 0; i < n; i++) {
                assert_int_equal(x->data.mapping.pairs.start[i].key, yc_kids(b, y)[2 * i]);
                assert_int_equal(x->data.mapping.pairs.start[i].value, yc_kids(b, y)[2 * i + 1]);
            }
            assert_int_equal(x->data.mapping.style, y->style);
        }
    }
}

static void same_document_as_libyaml(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "a: &x 1\nb: *x\n",
        "a: &x [1, 2]\nb: *x\nc: &y {k: *x}\nd: *y\n",
        "&r [*r, &s {*s : *r}]\n", /* an alias inside its own anchored node */
        "%YAML 1.1\n%TAG !e! tag:example.com,2000:\n--- !e!m\na: !!str 1\nb: ! x\nc: !e!z \"q\"\n...\n",
        "a: \"x\\0y\\u00e9\"\nb: |\n  lit\n  text\nc: >\n  fold\n  ed\n? [complex, key]\n: v\n'q': 'single'\n",
        "- a\n- - b\n  - c\n- {d: e, f: [g, h]}\n-\n",
        "",
        "# only a comment\n",
        "---\n",
        "a: 1\n---\nb: 2\n",
        "a: 1\n---\nb: [[[\n", /* the loader never reads a second document */
        "[]\n", /* no child anywhere: nothing to point into */
        "{}\n",
        "a: []\nb: {}\n",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        yaml_document_t want;
        yc_doc got;
        yc_problem pb;
        assert_true(loader(texts[i], &want, &pb));
        assert_int_equal(compose(texts[i], strlen(texts[i]), &got, 64, &pb), YC_OK);
        assert_same_document(&want, &got);
        yaml_document_delete(&want);
        yc_doc_free(&got);
    }
    /* the alias is the anchored node itself: b's value is a's */
    yc_doc d;
    yc_problem pb;
    assert_int_equal(compose(texts[1], strlen(texts[1]), &d, 64, &pb), YC_OK);
    const int *pairs = yc_kids(&d, yc_node_at(&d, 1));
    assert_int_equal(pairs[1], pairs[3]);
    assert_int_equal(yc_node_at(&d, pairs[3])->type, YAML_SEQUENCE_NODE);
    yc_doc_free(&d);
}

static void same_refusals_as_libyaml(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        size_t line;
        const char *problem;
    } bad[] = {
        {"a: 1\nb: *nope\n", 2, "found undefined alias"},
        {"a: &x 1\nb: &x 2\n", 2, "second occurrence"},
        {"a: [1, 2\nb: 3\n", 0, NULL},
        {"k: x\n\tbad: 1\n", 0, NULL},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        yaml_document_t d;
        yc_doc y;
        yc_problem want = {0, NULL}, got = {0, NULL};
        assert_false(loader(bad[i].text, &d, &want));
        assert_int_equal(compose(bad[i].text, strlen(bad[i].text), &y, 64, &got), YC_SYNTAX);
        assert_int_equal(got.line, want.line);
        assert_string_equal(got.problem, want.problem);
        if (bad[i].problem) {
            assert_int_equal(got.line, bad[i].line);
            assert_string_equal(got.problem, bad[i].problem);
        }
    }
}

/* "k: " and n brackets opened and closed, then tail. */
static char *nested(const char *head, int n, const char *tail)
{
    size_t len = strlen(head) + 2 * (size_t)n + strlen(tail) + 1;
    char *s = malloc(len);
    assert_non_null(s);
    strcpy(s, head);
    memset(s + strlen(head), '[', n);
    memset(s + strlen(head) + n, ']', n);
    strcpy(s + strlen(head) + 2 * n, tail);
    return s;
}

static void nesting_refused_at_its_level(void **state)
{
    (void)state;
    yaml_document_t d;
    yc_doc y;
    yc_problem pb = {0, NULL};
    /* the root mapping is level 1: 63 brackets inside it are allowed */
    char *s = nested("a: 1\nk: ", 63, "\n");
    assert_int_equal(compose(s, strlen(s), &y, 64, &pb), YC_OK);
    yc_doc_free(&y);
    free(s);
    s = nested("a: 1\nk: ", 64, "\n");
    assert_int_equal(compose(s, strlen(s), &y, 64, &pb), YC_TOO_DEEP);
    assert_int_equal(pb.line, 2);
    free(s);
    /* block nesting: level n opens on line n */
    char block[70 * 160] = "";
    for (int i = 0; i < 70; i++)
        snprintf(block + strlen(block), sizeof block - strlen(block), "%*sk%d:\n", 2 * i, "", i);
    assert_int_equal(compose(block, strlen(block), &y, 64, &pb), YC_TOO_DEEP);
    assert_int_equal(pb.line, 65);
    /* deep but legal, then a syntax error: libyaml's line and words */
    s = nested("k: ", 63, "\nb: [1, 2\nc: d\n");
    yc_problem want = {0, NULL};
    assert_false(loader(s, &d, &want));
    assert_int_equal(compose(s, strlen(s), &y, 64, &pb), YC_SYNTAX);
    assert_true(pb.line > 2);
    assert_int_equal(pb.line, want.line);
    assert_string_equal(pb.problem, want.problem);
    free(s);
    /* too deep in a later document, even after the first was refused */
    s = nested("a: *undefined\n---\n- ", 64, "\n");
    assert_int_equal(compose(s, strlen(s), &y, 64, &pb), YC_TOO_DEEP);
    assert_int_equal(pb.line, 3);
    free(s);
    /* 100,000 levels: refused at the first one too deep, on line 1 */
    s = nested("k: ", 100000, "\n");
    assert_int_equal(compose(s, strlen(s), &y, 64, &pb), YC_TOO_DEEP);
    assert_int_equal(pb.line, 1);
    free(s);
}

/* s (freed) with the first occurrence of from replaced by to. */
static char *replace(char *s, const char *from, const char *to)
{
    char *at = strstr(s, from);
    assert_non_null(at);
    size_t len = strlen(s) - strlen(from) + strlen(to) + 1;
    char *buf = malloc(len);
    assert_non_null(buf);
    snprintf(buf, len, "%.*s%s%s", (int)(at - s), s, to, at + strlen(from));
    free(s);
    return buf;
}

static char *form(void)
{
    nb_error err;
    char *src = nb_read_file("forms/yamaguchi-r8.yaml", 1 << 20, NULL, &err);
    assert_non_null(src);
    return src;
}

static int line_of(const char *text, const char *needle)
{
    const char *at = strstr(text, needle);
    assert_non_null(at);
    int line = 1;
    for (const char *p = text; p < at; p++)
        line += *p == '\n';
    return line;
}

static void definition_aliases_and_messages(void **state)
{
    (void)state;
    nb_error err = {{0}};
    /* a scalar alias and a mapping alias take the anchored values */
    char *a = replace(form(), "rounding_unit: 1000", "rounding_unit: &unit 1000");
    a = replace(a, "cap: 50000", "cap: *unit");
    a = replace(a, "display_min: {", "display_min: &dm {");
    a = replace(a, "display_recommended: { width: 1920, height: 1080 }", "display_recommended: *dm");
    nb_definition *d = nb_def_parse(a, strlen(a), "alias.yaml", &err);
    if (!d)
        fail_msg("%s", err.msg);
    assert_int_equal(d->money.cap, 1000);
    assert_int_equal(d->pc.display_rec_w, 1280);
    assert_int_equal(d->pc.display_rec_h, 1024);
    nb_def_free(d);
    free(a);

    /* a mapping without a single child anywhere is read like any other */
    assert_null(nb_def_parse("{}\n", 3, "empty.yaml", &err));
    assert_string_equal(err.msg, "調査定義ファイル empty.yaml の 1 行目: format がありません。追加してください。");

    /* an unknown alias: libyaml's words on its line */
    a = replace(form(), "cap: 50000", "cap: *nothing");
    char want[512];
    snprintf(want, sizeof want, "調査定義ファイル broken.yaml の %d 行目に書式の誤りがあります (YAML: found undefined alias)。",
             line_of(a, "cap: *nothing"));
    assert_null(nb_def_parse(a, strlen(a), "broken.yaml", &err));
    assert_non_null(strstr(err.msg, want));
    free(a);

    /* too deep: the sentence and the line of the first level too deep */
    char *s = nested("format: x\nid: t\nk: ", 64, "\n");
    assert_null(nb_def_parse(s, strlen(s), "deep.yaml", &err));
    assert_string_equal(err.msg, "調査定義ファイル deep.yaml の 3 行目で入れ子が 64 段を超えています。調査定義はそれほど深くなりません。ファイルが正しいか確かめてください。");
    free(s);
    /* deep but legal, then a syntax error: the syntax error's line */
    s = nested("format: x\nid: t\nk: ", 63, "\nb: [1, 2\nc: d\n");
    yaml_document_t doc;
    yc_problem pb = {0, NULL};
    assert_false(loader(s, &doc, &pb));
    snprintf(want, sizeof want, "調査定義ファイル deep.yaml の %zu 行目に書式の誤りがあります (YAML: %s)。", pb.line,
             pb.problem);
    assert_null(nb_def_parse(s, strlen(s), "deep.yaml", &err));
    assert_non_null(strstr(err.msg, want));
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_document_as_libyaml),
        cmocka_unit_test(same_refusals_as_libyaml),
        cmocka_unit_test(nesting_refused_at_its_level),
        cmocka_unit_test(definition_aliases_and_messages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
