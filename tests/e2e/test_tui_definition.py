"""Pages, titles, labels, help and notices come from the definition file,
not from code: a changed copy of the Yamaguchi definition (different page
titles, a new text field, a long help text) drives the TUI accordingly;
a long help scrolls in its dialog instead of being cut."""
import os, re, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tuiterm  # noqa: E402
import nbtest  # noqa: E402
from nbtest import ok, done  # noqa: E402

src = os.path.join(nbtest.ROOT, "forms", "yamaguchi-r8.yaml")
with open(src, encoding="utf-8") as f:
    y = f.read()
y = y.replace("id: yamaguchi-r8", "id: test-variant", 1)
y = y.replace("title: 医療機関\n", "title: 病院・診療所の情報\n", 1)
long_help = "。".join(f"説明の{i}行目です、これは長い説明文の一部です" for i in range(1, 41)) + "。最後の行です。"
y = y.replace("      - id: institution_name\n", "      - id: branch_name\n        label: 分院名 (テスト用)\n"
              "        type: text\n        required: false\n        max_length: 10\n"
              f"        help: {long_help}\n      - id: institution_name\n", 1)
path = os.path.join(nbtest.TMP, "test-variant.yaml")
with open(path, "w", encoding="utf-8") as f:
    f.write(y)

t = tuiterm.Term("def", ["tui", "--form", path, "--answers", tuiterm.answers_path("def")])
try:
    ok(t.wait("所要額調査票"), "variant definition opens", t.screen() + t.stderr())
    t.keys("Enter")
    ok(t.wait("病院・診療所の情報"), "page title comes from the definition", t.screen())
    ok("分院名 (テスト用)" in t.screen(), "a field added to the definition appears", t.screen())
    t.text("あいうえおかきくけこさしすせそ")
    ok(t.wait("15/10") and "10文字までです (いま15文字)" in t.screen(),
       "max_length from the definition is the limit shown (15/10, said in words, nothing cut)", t.screen())
    t.keys("F1")
    ok(t.wait("説明の1行目です"), "F1 shows the field's help from the definition", t.screen())
    ok("説明の40行目" not in t.screen() and "上下で続きを表示" in t.screen(), "a long help says it continues",
       t.screen())
    for _ in range(40):
        t.keys("Down")
    ok(t.wait("説明の40行目"), "Down scrolls the help to its end", t.screen())
    t.keys("Enter")
    ok(t.wait_gone("説明の40行目"), "Enter closes it", t.screen())
    t.keys("C-x")
    t.exit_code()
finally:
    t.close()
done()
