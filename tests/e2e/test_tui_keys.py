"""End to end (issue 13, point 5): keys are never lost. A key typed while
a button has the focus goes back to the field the clerk was on, and
Shift-Tab from the button Tab reached returns to the last field."""
import json, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tuiterm  # noqa: E402
from nbtest import ok, eq, done  # noqa: E402

ans = tuiterm.prepared_answers("keys", "contact")
t = tuiterm.Term("keys", ["--answers", ans])
try:
    t.wait("所要額調査票")
    t.keys("Enter")
    ok(t.wait("2/9 担当者"), "resume opens the contact page", t.screen())
    for _ in range(4):
        t.keys("Tab")
    ok(t.wait("> 必須 メールアドレス") or t.wait(">      メールアドレス"), "focus on the e-mail field", t.screen())
    t.keys("C-u")
    t.text("info@example.j")
    t.keys("Tab")
    ok(t.wait_gone("> 必須 メールアドレス") and t.wait_gone(">      メールアドレス"),
       "Tab from the last field reaches the buttons", t.screen())
    t.text("p")
    ok(t.wait("[info@example.jp "), "a letter typed on the button goes back to the field, not lost", t.screen())
    t.keys("Tab")
    t.keys("BTab")
    ok(t.wait("> 必須 メールアドレス") or t.wait(">      メールアドレス"),
       "Shift-Tab from the button returns to the last field, not to 「戻る」", t.screen())
    t.keys("Tab")
    t.keys("BSpace")
    ok(t.wait("[info@example.j "), "Backspace on a button edits the field it came from", t.screen())
    t.text("p")
    t.keys("Tab", "Enter")
    ok(t.wait("3/9 指定医と登録方法"), "Enter on 「次へ」 still moves on", t.screen())
    with open(ans) as f:
        eq(json.load(f)["fields"].get("email"), "info@example.jp", "every typed key reached the answers")
    t.keys("C-x")
    t.exit_code()
finally:
    t.close()
done()
