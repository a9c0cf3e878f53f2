"""End to end: keys are never lost. A key typed while
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
# ---- the items page: the table has no field, the editor has one ----
ans = tuiterm.prepared_answers("keys-items", "items")
t = tuiterm.Term("keys-items", ["--answers", ans])
try:
    t.wait("所要額調査票")
    t.keys("Enter")
    ok(t.wait("4/9 整備予定の物品"), "resume opens the items page", t.screen())
    # the table: a letter on a row or a button is refused in words, not dropped
    t.text("x")
    ok(t.wait_flat("「x」を打ちましたが、一覧には文字を入れる欄がありません"),
       "a letter typed on the items table is refused with a word", t.screen())
    t.keys("Tab")             # 「行を追加」
    t.text("z")
    ok(t.wait_flat("「z」を打ちましたが"), "a letter typed on a table button is refused with a word", t.screen())
    with open(ans) as f:
        eq(len(json.load(f)["items"]), 1, "the refused letter neither added nor removed an item")
    t.keys("BTab", "Enter")   # open item 1
    ok(t.wait("1 件目の物品・経費を入力します"), "Enter opens the item editor", t.screen())
    for _ in range(3):
        t.keys("Tab")
    ok(t.wait("> 必須 単価") or t.wait(">      単価"), "focus on the unit price", t.screen())
    t.keys("C-u")
    t.text("13000")
    t.keys("Tab")
    ok(t.wait_gone("> 必須 単価") and t.wait_gone(">      単価"), "Tab from the price reaches 「一覧に戻る」", t.screen())
    t.text("0")
    ok(t.wait("[130000 ") or t.wait("[130,000 "), "a digit typed on 「一覧に戻る」 goes back to the price", t.screen())
    t.keys("Tab", "Enter")
    ok(t.wait("Enter:編集"), "「一覧に戻る」 still returns to the table", t.screen())
    with open(ans) as f:
        eq(json.load(f)["items"][0].get("unit_price"), 130000, "the digit typed on the button reached the answers")
    t.keys("C-x")
    t.exit_code()
finally:
    t.close()

# ---- the review page: a list, no field ----
ans = tuiterm.prepared_answers("keys-review", "review")
t = tuiterm.Term("keys-review", ["--answers", ans])
try:
    t.wait("所要額調査票")
    t.keys("Enter")
    ok(t.wait("8/9 確認"), "resume opens the review page", t.screen())
    t.text("q")
    ok(t.wait_flat("「q」を打ちましたが、このページには文字を入れる欄がありません"),
       "a letter typed on the review list is refused with a word", t.screen())
    t.keys("BTab")            # 「次へ」
    t.text("w")
    ok(t.wait_flat("「w」を打ちましたが") and t.wait_flat("Enter でボタンを押すか"),
       "a letter typed on a review button is refused with a word", t.screen())
    ok("8/9 確認" in t.screen(), "the letter did not press the button", t.screen())
    t.keys("C-x")
    t.exit_code()
finally:
    t.close()
done()
