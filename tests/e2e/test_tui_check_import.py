"""The PC-check page reads a result made on another PC (issue 12, point 6):
「別のPCで確認した結果を読み込む」 opens a path field; a FIFO, an old result
and a damaged file are refused in words on the screen, the path stays as
typed and the answers keep no pc_check; the Windows result is stored as
pc_check, the page names the PC it came from, and the same button is there
after a check of this PC has run."""
import json, os, re, sys, unicodedata
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tuiterm  # noqa: E402
import nbtest  # noqa: E402
from nbtest import ok, eq, done  # noqa: E402

WINDOWS = os.path.join(nbtest.FIX, "check", "results", "windows-reception.json")
IMPORT = "別のPCで確認した結果を読み込む"


def cells(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def focus_on(t, label, tries=40):
    """Tab until the cursor sits on the button labelled label (buttons put
    the cursor two cells after their 「): independent of which button has
    the focus first."""
    for y, line in enumerate(t.screen().splitlines()):
        i = line.find("「" + label + "」")
        if i >= 0:
            want = (cells(line[:i]) + 2, y)
            break
    else:
        return False
    for _ in range(tries):
        if t.wait_cursor(want, 0.3):
            return True
        t.keys("Tab")
    return False


def stored(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f).get("pc_check")


def write_variant(name, change):
    with open(WINDOWS, encoding="utf-8") as f:
        d = json.load(f)
    change(d)
    p = os.path.join(nbtest.TMP, name)
    with open(p, "w", encoding="utf-8") as f:
        json.dump(d, f, ensure_ascii=False)
    return p


def joined(t):
    """The screen with wrapped rows joined (messages wrap over two rows)."""
    return re.sub(r"\s*\n\s*", "", t.screen())


def type_path(t, path):
    t.keys("C-u")
    t.text(path)
    t.keys("Enter")                           # the field's Enter moves to 「読み込む」
    t.keys("Enter")


fifo = os.path.join(nbtest.TMP, "result-fifo.json")
os.mkfifo(fifo)
old = write_variant("old.json", lambda d: d.__setitem__("checked_at", "2026-02-10T09:00:00+09:00"))
broken = os.path.join(nbtest.TMP, "broken.json")
with open(WINDOWS, "rb") as f:
    data = f.read()
with open(broken, "wb") as f:
    f.write(data[: len(data) // 2])

ans = tuiterm.prepared_answers("import", "pc_check")
t = tuiterm.Term("import", ["--answers", ans])
try:
    t.wait("所要額調査票")
    t.keys("Enter")
    # The welcome page says 「前回の続き (PCの要件確認)」 too: wait for the
    # check page's own button, not for its title.
    ok(t.wait("「" + IMPORT + "」"), "check page: it offers 「別のPCで確認した結果を読み込む」", t.screen())
    ok("前回の続き" not in t.screen(), "the welcome page is gone", t.screen())
    ok(focus_on(t, IMPORT), "the button takes the focus", t.screen())
    t.keys("Enter")
    ok(t.wait("結果ファイル"), "a path field opens", t.screen())

    type_path(t, fifo)
    ok(t.wait("普通のファイルではありません", 5), "a FIFO is refused at once, in words", t.screen())
    ok(fifo[-20:] in joined(t), "the path stays as typed", t.screen())

    type_path(t, old)
    ok(t.wait("日前", 5) and "38 日前" in joined(t) and "30 日より前の結果は使えない" in joined(t),
       "a result from 38 days ago is refused, saying why", t.screen())

    type_path(t, broken)
    ok(t.wait("JSON として読めません", 5), "a truncated file is refused, saying so", t.screen())
    eq(stored(ans), None, "after the refusals the answers hold no pc_check")

    type_path(t, WINDOWS)
    ok(t.wait("読み込みました", 5), "the Windows result is read in", t.screen())
    ok("RECEPTION-PC (Windows 11 23H2)" in joined(t), "the page names the PC and OS it came from", t.screen())
    ok(t.wait("前回の確認 (2026-03-18", 3), "the stored result is summarised on the page", t.screen())
    pc = stored(ans)
    with open(WINDOWS, encoding="utf-8") as f:
        want = json.load(f)
    ok(pc is not None and pc.get("platform") == want["platform"], "pc_check carries the platform",
       pc and pc.get("platform"))
    ok(pc is not None and pc.get("checks") == want["checks"], "pc_check holds every check of the file as it was")

    # After a check of this PC the button is still there (below the list).
    ok(focus_on(t, "PCの中だけ確認する"), "focus on 「PCの中だけ確認する」", t.screen())
    t.keys("Enter")
    ok(t.wait("確認が終わりました", 15), "this PC's check ran", t.screen())
    ok(IMPORT in t.screen(), "after the run the page still offers the import", t.screen())
    ok(focus_on(t, IMPORT), "and its button takes the focus", t.screen())
    t.keys("Enter")
    ok(t.wait("結果ファイル"), "the path field opens from the results", t.screen())
    t.keys("Escape")
    ok(t.wait("もう一度確認", 3), "Esc goes back to the results", t.screen())
    t.keys("C-x")
    t.exit_code()
finally:
    t.close()
done()
