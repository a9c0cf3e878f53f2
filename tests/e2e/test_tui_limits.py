"""End to end (issue 13, point 2): length limits are visible and never a
silent cut. 備考 (400 characters) shows its count while it has the focus;
762 pasted characters are all kept, the overflow is said in words, the
answers file holds what was pasted (marked as a problem, never 400 of
it), and F1 names the limit."""
import json, os, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tuiterm  # noqa: E402
import nbtest  # noqa: E402
from nbtest import ok, eq, run, done  # noqa: E402


def notes(path):
    with open(path) as f:
        return json.load(f)["fields"].get("notes")


ans = tuiterm.prepared_answers("limits", "declarations")
t = tuiterm.Term("limits", ["--answers", ans])
pasted = ("山口県の難病医療の連絡事項です。" * 60)[:762]
try:
    t.wait("所要額調査票")
    t.keys("Enter")
    ok(t.wait("6/9 確認事項"), "resume opens the declarations page", t.screen())
    t.keys("Tab", "Tab", "Tab")
    ok(t.wait("0/400"), "備考 shows its count and limit on focus (0/400)", t.screen())
    t.text("特記事項")
    ok(t.wait("4/400"), "the count follows typing (4/400)", t.screen())
    t.keys("C-u")
    path = os.path.join(nbtest.TMP, "long.txt")
    with open(path, "w") as f:
        f.write(pasted)
    t.t("load-buffer", "-b", "n", path)
    t.t("paste-buffer", "-p", "-b", "n", "-t", "t")
    ok(t.wait("762/400"), "after pasting 762 characters the count says 762/400", t.screen())
    ok(t.wait_flat("400文字までです (いま762文字)。362文字減らしてください。"),
       "the overflow is said in words while typing", t.screen())
    t.keys("F1")
    ok(t.wait_flat("400文字まで入力できます"), "F1 help names the limit", t.screen())
    t.keys("Escape")
    t.wait_gone("400文字まで入力できます")
    t.keys("Tab")
    end = time.time() + 60
    while time.time() < end and notes(ans) != pasted:
        time.sleep(0.05)
    eq(len(notes(ans) or ""), 762, "all 762 characters reach the answers file, never 400 of them")
    ok(t.wait_flat("400文字までです (いま762文字)"), "the sentence stays after leaving the field", t.screen())
    r = run("validate", ans)
    ok(r.returncode == 1 and "notes: 備考: 400文字までです" in r.stdout, "validate names the overflow", r.stdout)
    # Shortened by the clerk: accepted, message gone.
    t.keys("BTab")
    t.keys("C-u")
    t.text("短くしました")
    ok(t.wait("6/400"), "count after shortening", t.screen())
    t.keys("Tab")
    end = time.time() + 60
    while time.time() < end and notes(ans) != "短くしました":
        time.sleep(0.05)
    eq(notes(ans), "短くしました", "the shortened text is stored")
    ok(t.wait_gone("文字までです"), "no overflow message once shortened", t.screen())
    t.keys("C-x")
    t.exit_code()
finally:
    t.close()
done()
