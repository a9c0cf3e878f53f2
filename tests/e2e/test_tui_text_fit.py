"""End to end (issue 13, point 7): text is never cut without a sign, and
never split inside a character, a word or an e-mail address. Every page
(and its F1 help) of a filled survey is captured at 80x24: no line starts
with 、。）」・, no address or number runs over a line end, the dates keep
their closing parenthesis, the item table's numbers sit under their
headers, a long description is cut with "..." and shown whole below; at
120x40 the review page shows the declarations whole."""
import json, os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tuiterm  # noqa: E402
from nbtest import ok, eq, done  # noqa: E402

WORD = r"[A-Za-z0-9._%+@:/-]"


def body(line):
    return line.strip().strip("|").strip()


def problems(scr):
    """Lines that start with a closing mark, and words split over lines."""
    bad = []
    lines = scr.splitlines()
    for k, ln in enumerate(lines):
        b = body(ln)
        if b and b[0] in "、。）」』】・，．":
            bad.append(("starts with a closing mark", ln))
        if k + 1 < len(lines):
            a, c = ln.rstrip().rstrip("|").rstrip(), lines[k + 1].lstrip().lstrip("|").lstrip()
            ta = re.search(WORD + "+$", a)
            tc = re.match(WORD + "+", c)
            # The row below starts at the same column as the text above (a
            # wrapped sentence), and the two halves make one address.
            if ta and tc and "@" in ta.group(0) + tc.group(0) and not a.endswith(" ") and \
                    len(ln.rstrip()) >= 60:
                bad.append(("address split", ln + " / " + lines[k + 1]))
    return bad


ans = tuiterm.answers_path("fit")
d = json.loads(json.dumps(tuiterm.FILLED))
d["items"].append({"category": "network", "description": "院内LAN工事 (受付から診察室2部屋まで、ハブとケーブル、工事費込み一式)",
                   "quantity": 1, "unit_price": 64800})
d["fields"]["contact_department"] = "医事課"
d["ui"] = {"page": "institution"}
with open(ans, "w") as f:
    json.dump(d, f, ensure_ascii=False)

t = tuiterm.Term("fit", ["--answers", ans])
seen = []
try:
    t.wait("所要額調査票")
    seen.append(("welcome", t.screen()))
    t.keys("Enter")
    ok(t.wait("1/9"), "first page", t.screen())
    for page in range(1, 10):
        t.wait(f"{page}/9")
        seen.append((f"page {page}", t.screen()))
        if page == 5:
            ok("令和8年7月31日(金)" in t.screen(), "dates keep their closing parenthesis at 80 columns", t.screen())
        if page == 4:
            scr = t.screen()
            head = next((ln for ln in scr.splitlines() if "数量" in ln and "単価" in ln), "")
            row = next((ln for ln in scr.splitlines() if "ノートパソコン" in ln), "")
            def cells(s, i):
                return sum(2 if ord(ch) > 0x2E80 else 1 for ch in s[:i])
            qh = cells(head, head.find("数量")) + 4
            qv = cells(row, row.find("1    128,000") + 1)
            eq(qv, qh, "the quantity sits under the end of its header 数量")
            ph = cells(head, head.find("単価")) + 4
            pv = cells(row, row.find("128,000") + 7)
            eq(pv, ph, "the unit price ends under the end of its header 単価")
            ok("..." in t.line("院内LAN工事"), "a long description is cut with ... in the table", scr)
            t.keys("Down")
            ok(t.wait_flat("院内LAN工事 (受付から診察室2部屋まで、ハブとケーブル、工事費込み一式)"),
               "the selected row's description is shown whole below the table", t.screen())
            t.keys("Up")
        if page == 8:
            t.keys("End")
        t.keys("F1")
        t.wait("「閉じる」")
        seen.append((f"page {page} help", t.screen()))
        t.keys("Escape")
        t.wait_gone("「閉じる」")
        if page == 7:
            t.keys("Enter")
            t.wait("確認が終わりました", 30)
            seen.append(("page 7 results", t.screen()))
        t.keys("PageDown")
    for name, scr in seen:
        bad = problems(scr)
        ok(not bad, f"{name}: no closing mark starts a line, no address split", bad)
    t.keys("C-x")
    t.exit_code()
finally:
    t.close()

# 120x40: the review page uses the width.
d["ui"] = {"page": "review"}
with open(ans, "w") as f:
    json.dump(d, f, ensure_ascii=False)
t = tuiterm.Term("fitwide", ["--answers", ans], size=(120, 40))
try:
    t.wait("所要額調査票")
    t.keys("Enter")
    ok(t.wait("8/9 確認"), "review page at 120x40", t.screen())
    t.keys("Up", "Up", "Up")     # past the two buttons to the last line
    ok(t.wait("整備する機器はオンライン登録の用途に使用します  はい"),
       "a declaration and its answer are shown whole at 120 columns", t.screen())
    ok(t.wait_flat("院内LAN工事 (受付から診察室2部屋まで、ハブとケーブル、工事費込み一式)"),
       "a long item description is whole at 120 columns", t.screen())
    t.keys("C-x")
    t.exit_code()
finally:
    t.close()
done()
