"""End to end (issue 13, point 3): problems show on the page when the
field is left. Rules between fields (completion before start, a date
outside the fiscal year, the vendor needed for XML) are marked with 「!」
next to the field on its own page, and the message line's count always
equals the markers drawn, however the focus moves."""
import os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tuiterm  # noqa: E402
from nbtest import ok, eq, done  # noqa: E402


def markers(scr):
    return sum(1 for ln in scr.splitlines() if ln.lstrip().startswith("! "))


def said(scr):
    m = re.search(r"このページに (\d+) 件の問題があります", scr.replace("\n", ""))
    return int(m.group(1)) if m else 0


ans = tuiterm.prepared_answers("markers", "money")
t = tuiterm.Term("markers", ["--answers", ans])
try:
    t.wait("所要額調査票")
    t.keys("Enter")
    ok(t.wait("5/9 収入と日程"), "resume opens the money page", t.screen())
    eq(markers(t.screen()), 0, "a valid page has no markers")
    t.keys("Down", "Down", "C-u")
    t.text("令和8年5月1日")
    t.keys("Enter")
    ok(t.wait_flat("完了予定日は着手予定日より後の日付にしてください"),
       "completion before start is marked on page 5 when the field is left", t.screen())
    scr = t.screen()
    eq((markers(scr), said(scr)), (1, 1), "one 「!」 and the message line says 1")
    for k in ("Up", "Up", "Down", "Tab", "BTab"):
        t.keys(k)
        scr = t.screen()
        ok(markers(scr) == 1 and said(scr) == 1, f"after {k} the marker stays and the count agrees", scr)
    # Start moved after completion: marker on completion, count still 1.
    t.keys("Up", "C-u")     # from 完了予定日 to 着手予定日
    t.text("2027-04-10")
    t.keys("Enter")
    ok(t.wait_flat("令和8年度 (2026年4月1日から2027年3月31日まで) の日付を入力してください"),
       "a date outside the fiscal year is marked next to it", t.screen())
    scr = t.screen()
    eq(markers(scr), said(scr), "count equals markers with the fiscal-year problem")
    ok(markers(scr) >= 1, "at least one marker", scr)
    t.keys("Up", "C-u")
    t.text("令和8年6月1日")
    t.keys("Enter", "C-u")
    t.text("R8.7.31")
    t.keys("Enter")
    ok(t.wait_gone("! "), "markers go once the dates are right", t.screen())
    ok(t.wait_gone("件の問題があります"), "and the count goes with them", t.screen())
    # Page 3: XML chosen without a vendor name.
    t.keys("PageUp", "PageUp")
    ok(t.wait("3/9 指定医と登録方法"), "doctors page", t.screen())
    for _ in range(4):
        t.keys("Tab")
    t.keys("2", "Tab")
    ok(t.wait_flat("院内システムの業者名を入力してください"),
       "the vendor needed for XML is marked on page 3 once the method is left", t.screen())
    scr = t.screen()
    eq(markers(scr), said(scr), "count equals markers on page 3")
    t.keys("C-x")
    t.exit_code()
finally:
    t.close()
done()
