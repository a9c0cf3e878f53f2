"""End to end (issue 13, point 1): what the clerk types is never silently
changed. Every character typed goes into the field; on leaving, a value
that reads unambiguously is stored (1万2千円 -> 12000, なし -> 0, a
full-width e-mail address -> ASCII), anything else stays exactly as typed
with one sentence quoting it, and never reaches the answers file as a
different value."""
import json, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tuiterm  # noqa: E402
from nbtest import ok, eq, done  # noqa: E402


def load(path):
    with open(path) as f:
        return json.load(f)


def wait_value(path, fid, want, tries=100):
    """The autosaved value of fid once it equals want (or the last seen)."""
    import time
    v = None
    for _ in range(tries):
        v = load(path)["fields"].get(fid)
        if v == want:
            return v
        time.sleep(0.05)
    return v


ans = tuiterm.prepared_answers("typed", "money")
t = tuiterm.Term("typed", ["--answers", ans])
try:
    t.wait("所要額調査票")
    t.keys("Enter")
    ok(t.wait("5/9 収入と日程"), "resume opens the money page", t.screen())

    def retype(text, leave="Enter"):
        t.keys("C-u")
        t.text(text)
        t.keys(leave)

    # 1万2千円: every character stays while typing, then 12,000 is read.
    t.text("1万2千円")
    ok(t.wait("[1万2千円"), "万 and 千 are kept in the field while typing", t.screen())
    t.keys("Enter")
    eq(wait_value(ans, "other_income", 12000), 12000, "1万2千円 is stored as 12000, never 12")
    ok(t.wait("補助所要額 50,000円"), "the subsidy follows 12,000 (128,000 - 12,000 still above the base)",
       t.screen())
    t.keys("Up")
    # A minus sign: refused with a sentence quoting what was typed.
    retype("-5000")
    ok(t.wait("「-5000」は金額として読めません"), "-5000 is refused in words, quoted as typed", t.screen())
    eq(wait_value(ans, "other_income", "-5000"), "-5000", "-5000 is kept as typed, never stored as 5000")
    t.keys("Up")
    ok(t.wait("[-5000"), "the field still shows -5000", t.screen())
    retype("なし")
    eq(wait_value(ans, "other_income", 0), 0, "なし is read as 0")
    ok(t.wait_gone("読めません"), "the message goes once the value reads", t.screen())
    t.keys("Up")
    retype("12万八千円")
    ok(t.wait_flat("「12万八千円」は金額として読めません。12,000 のように数字で入力してください。"),
       "a kanji digit is refused with the sentence from the issue", t.screen())
    eq(wait_value(ans, "other_income", "12万八千円"), "12万八千円", "the unreadable amount stays as typed")
    t.keys("Up")
    retype("0")
    # A date typed with a stray letter stays as typed.
    retype("令和8年6月1日x")
    ok(t.wait("「令和8年6月1日x」は日付として読めません"), "a date with a stray letter is refused", t.screen())
    eq(wait_value(ans, "planned_start", "令和8年6月1日x"), "令和8年6月1日x", "the date stays as typed")
    t.keys("Up")
    retype("令和8年6月1日")
    eq(wait_value(ans, "planned_start", "2026-06-01"), "2026-06-01", "a good date is stored as ISO")

    # Page 3: counts keep their unit words and refuse kanji numbers.
    t.keys("PageUp", "PageUp")
    ok(t.wait("3/9 指定医と登録方法"), "back to the doctors page", t.screen())
    retype("2人")
    eq(wait_value(ans, "doctors_nanbyo", 2), 2, "2人 is read as 2")
    t.keys("Up")
    retype("二人")
    ok(t.wait("「二人」は数として読めません"), "a kanji count is refused in words", t.screen())
    eq(wait_value(ans, "doctors_nanbyo", "二人"), "二人", "the count stays as typed")
    t.keys("Up")
    retype("2")

    # Page 2: an e-mail address typed with the IME on reads as ASCII.
    t.keys("PageUp")
    ok(t.wait("2/9 担当者"), "contact page", t.screen())
    t.keys("Down", "Down", "Down", "Down")
    retype("ｉｎｆｏ＠ｅｘａｍｐｌｅ．ｊｐ")
    eq(wait_value(ans, "email", "info@example.jp"), "info@example.jp", "a full-width address is read as ASCII")
    t.keys("Up")
    retype("info@example")
    ok(t.wait("ドットがありません"), "an address without a dot is refused", t.screen())
    eq(wait_value(ans, "email", "info@example"), "info@example", "and stays as typed")
    t.keys("Up")
    retype("info@example.jp")

    # Page 1: postal code with the IME's ー, and with a misplaced one.
    t.keys("PageUp")
    ok(t.wait("1/9 医療機関"), "institution page", t.screen())
    t.keys("Down", "Down", "Down")
    retype("７５３ー８５０１")
    eq(wait_value(ans, "postal_code", "753-8501"), "753-8501", "753ー8501 typed with the IME reads as 753-8501")
    t.keys("Up")
    retype("75ー38501")
    scr = t.wait_any(["郵便番号として読めません"])
    ok("「75ー38501」は郵便番号として読めません" in scr, "a misplaced ー is refused quoting the input", scr)
    ok("ハイフンは3桁目" not in scr, "the message does not blame the hyphen's position", scr)
    eq(wait_value(ans, "postal_code", "75ー38501"), "75ー38501", "the postal code stays as typed")
    t.keys("Up")
    retype("753-8501")
    # The institution code: letters typed stay, with a sentence.
    t.keys("Up", "Up", "Up")
    retype("35112345６x")
    ok(t.wait("保険医療機関コード"), "code refused in words", t.screen())
    eq(wait_value(ans, "institution_code", "35112345６x"), "35112345６x", "the code stays as typed")
    t.keys("C-x")
    t.exit_code()
finally:
    t.close()
done()
