"""End to end: text is never cut without a sign, and
what is cut can be read whole. A message longer than the two rows of the
message line ends in "..." and names F2, which shows it whole in a dialog;
dialogs keep to 70 columns at 80 and hold their text inside the box."""
import os, re, sys, unicodedata
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tuiterm  # noqa: E402
import nbtest  # noqa: E402
from nbtest import ok, eq, done  # noqa: E402


def cells(line):
    """The line as terminal cells: a wide character is followed by a NUL
    standing for its second cell, so string positions are columns."""
    return "".join(c + "\0" if unicodedata.east_asian_width(c) in "WF" else c for c in line)


def box(screen):
    """The dialog on the screen: (width, inner text joined, rows of text).
    The box is drawn with + - | (no ambiguous-width characters)."""
    rows = [cells(r) for r in screen.splitlines()]
    top = [i for i, r in enumerate(rows) if re.search(r"\+-.*-{5,}\+", r)]
    if len(top) < 2:
        return 0, "", []
    a, b = top[0], top[-1]
    x0, x1 = rows[b].index("+"), rows[b].rindex("+")
    inner = []
    for r in rows[a + 1:b]:
        inner.append(r[x0 + 1:x1].replace("\0", "") if len(r) > x0 else "")
    width = x1 - x0 + 1
    return width, "".join("".join(s.split()) for s in inner), inner


# A folder whose name makes the 「保存しました」 message longer than two rows.
deep = os.path.join(nbtest.TMP, "提出書類の控え_令和8年度_オンライン登録環境整備費_所要額調査",
                    "やまぐち内科クリニック_医事課_周防花子_送付分")
os.makedirs(deep)
ans = tuiterm.prepared_answers("message", "submit")
t = tuiterm.Term("message", ["--answers", ans])
try:
    t.wait("所要額調査票")
    t.keys("Enter")
    ok(t.wait("9/9 提出"), "the submit page", t.screen())
    t.keys("3")
    ok(t.wait("FAX: 083-933-2969"), "post/fax chosen", t.screen())
    t.keys("Tab", "C-u")
    t.text(deep)
    t.keys("Enter", "Enter")
    ok(t.wait("実行の確認"), "asks before saving", t.screen())
    t.keys("y")
    scr = t.wait_any(["保存しました", "保存できませんでした"], 30)
    ok("保存しました" in scr, "saved", scr)
    rows = scr.splitlines()
    msg_rows = rows[-4:-2]
    ok(msg_rows[1].rstrip().endswith("F2:全文") and "..." in msg_rows[1],
       "a message longer than two rows ends in ... and names F2", "\n".join(msg_rows))
    ok("後援" not in scr, "sanity", scr)
    t.keys("F2")
    ok(t.wait("メッセージの全文"), "F2 opens the whole message", t.screen())
    w, text, inner = box(t.screen())
    ok(0 < w <= 70, "the dialog keeps to 70 columns at 80", w)
    ok(".csv" in text and "".join(deep.split()) in text,
       "the dialog holds the whole message: every file and the whole folder", text)
    ok(all(r.rstrip() == r.rstrip().rstrip("|") for r in inner) and len(inner) >= 3,
       "the text sits inside the box", inner)
    t.keys("Enter")
    ok(t.wait_gone("メッセージの全文"), "Enter closes it", t.screen())
    ok(t.wait("F2:全文"), "the message line is still there, cut with its sign", t.screen())
    t.keys("C-x")
    t.exit_code()
finally:
    t.close()

# A short message has no F2 sign; F1 help at 80 columns keeps to 70 and
# wraps inside the box (every word of the help is there).
ans = tuiterm.prepared_answers("message-help", "contact")
t = tuiterm.Term("message-help", ["--answers", ans])
try:
    t.wait("所要額調査票")
    t.keys("Enter")
    ok(t.wait("2/9 担当者"), "the contact page", t.screen())
    t.keys("F1")
    ok(t.wait("+-"), "F1 opens the help dialog", t.screen())
    w, text, inner = box(t.screen())
    ok(0 < w <= 70, "the help dialog keeps to 70 columns at 80", w)
    rows = [cells(r) for r in t.screen().splitlines()]
    ok(all(len(r) < 2 or r.count("|") in (0, 2) for r in rows if "|" in r),
       "help text stays inside the box (one | on each side)", t.screen())
    ok("..." not in text, "the help is wrapped, not cut", text)
    t.keys("Enter")
    t.keys("F2")
    ok(not t.wait("メッセージの全文", 2), "F2 with no message opens nothing", t.screen())
    ok("F2:全文" not in t.screen(), "no F2 sign without a long message", t.screen())
    t.keys("C-x")
    t.exit_code()
finally:
    t.close()
done()
