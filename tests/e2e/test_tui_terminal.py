"""End to end: terminal behaviour of the questionnaire in tmux. Resize to
60x20 and back keeps everything; a hang-up or SIGTERM saves what is being
typed; a restart resumes where the clerk was; vt100 and NO_COLOR work;
a non-UTF-8 locale is refused in words; review jumps to a field and back."""
import json, os, signal, subprocess, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tuiterm  # noqa: E402
import nbtest  # noqa: E402
from nbtest import ok, eq, done  # noqa: E402


def load(path):
    with open(path) as f:
        return json.load(f)


# 1. Resize below 80x24 and back, in a burst, while typing.
ans = tuiterm.answers_path("resize")
t = tuiterm.Term("resize", ["--answers", ans])
try:
    t.wait("所要額調査票")
    t.keys("Enter")
    t.wait("1/9 医療機関")
    t.text("山口ｸﾘﾆｯ")
    t.resize(60, 20)
    ok(t.wait("端末が小さすぎます"), "60x20 shows the too-small screen", t.screen())
    ok("80 x 縦 24" in t.screen(), "it says the size needed", t.screen())
    t.text("ｸ")                       # typed while too small: kept, not dropped
    t.keys("Tab")                     # a move is not done blind
    for w, h in ((70, 22), (100, 30), (61, 19), (80, 24)):
        t.resize(w, h)
    ok(t.wait("1/9 医療機関") and t.wait_gone("端末が小さすぎます"), "back at 80x24 the page returns", t.screen())
    ok("[山口ｸﾘﾆｯｸ" in t.screen(), "text being typed survived the resizes", t.screen())
    ok(t.wait_cursor((28 + 4 + 5, 3)), "cursor still at the insertion point", t.cursor())
    t.resize(120, 40)
    end = time.time() + 60
    while time.time() < end and "補助所要額 0円" not in (t.screen().splitlines() + [""] * 40)[38]:
        time.sleep(0.03)
    ok("補助所要額 0円" in (t.screen().splitlines() + [""] * 40)[38], "a bigger terminal relays out: status line at the new bottom", t.screen())
    t.resize(80, 24)
    end = time.time() + 60
    while time.time() < end and "補助所要額 0円" not in (t.screen().splitlines() + [""] * 40)[22]:
        time.sleep(0.03)
    ok("補助所要額 0円" in (t.screen().splitlines() + [""] * 40)[22], "and back at 80x24 again", t.screen())
    # half-width kana is a warning, never a block
    t.keys("Tab")
    ok(t.wait("注意:"), "half-width kana shows a warning next to the field", t.screen())
    t.keys("F6", "F7", "F8", "F9", "F10")
    time.sleep(0.2)
    ok("1/9 医療機関" in t.screen(), "F6-F10 do nothing (left to the IME)", t.screen())
    # type into the code field (not yet left) and hang up
    t.text("35112")
    time.sleep(0.1)
    pid = t.program_pid()
    ok(pid is not None, "program pid found")
    if pid:
        os.kill(pid, signal.SIGHUP)
    code = t.exit_code()
    ok(code is not None and code != 0, "SIGHUP ends the program", code)
    data = load(ans)
    eq(data["fields"].get("institution_name"), "山口ｸﾘﾆｯｸ", "answers hold the left field")
    eq(data["fields"].get("institution_code"), "35112", "answers hold the field being typed at SIGHUP")
    eq(data.get("ui", {}).get("field"), "institution_code", "where the clerk was is saved")
finally:
    t.close()

# 2. Resume: the welcome says so, Enter goes back to that field.
t = tuiterm.Term("resume", ["tui", "--answers", ans])
try:
    ok(t.wait("前回の続き (医療機関) から再開します"), "welcome offers to resume", t.screen())
    t.keys("Enter")
    ok(t.wait("[35112"), "typed value is back", t.screen())
    # row 8: the half-width kana warning under the name takes three rows
    ok(t.wait_cursor((28 + 5, 8)), "focus is on institution_code, cursor after the text", t.cursor())
    # kill the whole tmux server mid-field: the pane's hang-up must save
    t.text("34")
    time.sleep(0.1)
    t.close()
    end = time.time() + 60
    while time.time() < end and load(ans)["fields"].get("institution_code") != "3511234":
        time.sleep(0.05)
    eq(load(ans)["fields"].get("institution_code"), "3511234", "killing the terminal saves the field being typed")
finally:
    t.close()

# 3. SIGTERM while on the items editor; kill -9 never leaves a half file.
ans3 = tuiterm.answers_path("term")
t = tuiterm.Term("term", ["--answers", ans3])
try:
    t.wait("所要額調査票")
    t.keys("Enter")
    t.wait("1/9")
    t.text("テスト病院")
    t.keys("Enter")
    time.sleep(0.2)
    pid = t.program_pid()
    os.kill(pid, signal.SIGKILL)
    t.exit_code()
    data = load(ans3)
    eq(data["fields"].get("institution_name"), "テスト病院", "kill -9 after leaving a field: it was autosaved")
    ok(not [f for f in os.listdir(os.path.dirname(ans3)) if f.startswith("term.json.") or f.endswith(".tmp")],
       "no temporary file left beside the answers", os.listdir(os.path.dirname(ans3)))
finally:
    t.close()
t = tuiterm.Term("term2", ["--answers", ans3])
try:
    t.wait("所要額調査票")
    t.keys("Enter")
    t.wait("[テスト病院")
    ok(t.line("保険医療機関コード").startswith(">"), "resume: focus on the field after the last one left",
       t.screen())
    t.text("3511234563")
    t.wait("[3511234563")
    os.kill(t.program_pid(), signal.SIGTERM)
    eq(t.exit_code(), 143, "SIGTERM ends the program (128+15)")
    eq(load(ans3)["fields"].get("institution_code"), "3511234563", "SIGTERM saved the field being typed")
finally:
    t.close()

# 4. vt100 and NO_COLOR: usable, required marked in text.
for name, env, term in (("vt100", {}, "vt100"), ("nocolor", {"NO_COLOR": "1"}, "screen-256color")):
    t = tuiterm.Term(name, ["--answers", tuiterm.answers_path(name)], env=env, term=term)
    try:
        ok(t.wait("所要額調査票"), f"{name}: welcome drawn", t.screen())
        t.keys("Enter")
        ok(t.wait("1/9 医療機関"), f"{name}: page 1", t.screen())
        ok("必須 医療機関名" in t.screen(), f"{name}: required marked in words", t.screen())
        t.text("あ")
        t.wait("[あ")
        focus_line = [ln for ln in t.t("capture-pane", "-p", "-e", "-t", "t").splitlines() if "医療機関名" in ln]
        ok(focus_line and "\x1b[7m" in focus_line[0], f"{name}: focused field in reverse video, not colour",
           focus_line)
        t.keys("BTab")
        ok(t.wait("「確認」"), f"{name}: Shift-Tab moves backwards to the buttons", t.screen())
        attrs = t.t("capture-pane", "-p", "-e", "-t", "t")
        if name == "nocolor":
            ok("\x1b[3" not in attrs.replace("\x1b[39m", "") and "38;5" not in attrs, "NO_COLOR: no foreground colours", attrs[:400])
        t.keys("C-x")
        eq(t.exit_code(), 0, f"{name}: Ctrl-X exits 0")
    finally:
        t.close()

# 5. Review: problems first, Enter jumps to the field, Enter returns.
ans5 = tuiterm.answers_path("review")
t = tuiterm.Term("review", ["--answers", ans5])
try:
    t.wait("所要額調査票")
    t.keys("Enter")
    t.wait("1/9")
    t.keys("Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Right", "Enter")   # 確認
    ok(t.wait("8/9 確認"), "「確認」 opens the review page", t.screen())
    ok(t.wait("直す必要がある問題"), "problems listed first", t.screen())
    first = [ln for ln in t.screen().splitlines() if ln.startswith(">")]
    ok(first and "医療機関名" in first[0], "focus on the first problem", t.screen())
    t.keys("Enter")
    ok(t.wait("1/9 医療機関") and t.wait("「確認へ戻る」"), "Enter jumps to the field", t.screen())
    ok(t.wait_cursor((28, 3)), "cursor on institution_name", t.cursor())
    t.text("戻り病院")
    t.keys("Enter")
    ok(t.wait("8/9 確認"), "Enter in the field returns to review", t.screen())
    ok(t.wait_gone("! 医療機関名"), "the fixed problem leaves the list", t.screen())
    # 次へ on a page with problems moves to the first problem, in words
    t.keys("PageUp")
    t.wait("7/9")
    for _ in range(6):
        t.keys("PageUp")
    ok(t.wait("1/9 医療機関"), "PageUp back to page 1", t.screen())
    t.keys("Up", "Up", "Enter")   # from first field: Up twice = 確認, 次へ
    ok(t.wait("このページに"), "次へ with problems says so", t.screen())
    ok(t.wait("! "), "the problem is shown next to the field", t.screen())
    t.keys("C-x")
    t.exit_code()
finally:
    t.close()

# 5b. Pasting (bracketed): newlines and tabs become spaces, never Enter;
# a 10,000-character paste is kept whole, marked as over the limit in words.
ans6 = tuiterm.answers_path("paste")
t = tuiterm.Term("paste", ["--answers", ans6])
try:
    t.wait("所要額調査票")
    t.keys("Enter")
    t.wait("1/9")
    t.t("set-buffer", "-b", "p", "やまぐち\n内科\tクリニック\x01")
    t.t("paste-buffer", "-p", "-b", "p", "-t", "t")
    ok(t.wait("[やまぐち 内科 クリニック"), "pasted newline and tab became spaces", t.screen())
    ok(t.cursor()[1] == 3, "focus stayed in the field (no Enter)", t.cursor())
    t.keys("C-u")
    big = os.path.join(nbtest.TMP, "big.txt")
    with open(big, "w") as f:
        f.write("髙" * 10000)
    t.t("load-buffer", "-b", "q", big)
    t.t("paste-buffer", "-p", "-b", "q", "-t", "t")
    time.sleep(0.5)
    t.keys("Tab")
    end = time.time() + 60
    while time.time() < end and "institution_name" not in load(ans6).get("fields", {}):
        time.sleep(0.05)
    eq(load(ans6)["fields"].get("institution_name"), "髙" * 10000,
       "10,000 pasted characters are all kept (never cut at the limit of 60 without a word)")
    ok(t.wait_flat("60文字までです (いま10000文字)。9940文字減らしてください。"), "the overflow is said in words",
       t.screen())
    t.keys("C-x")
    t.exit_code()
finally:
    t.close()

# 5c. No arguments: the default answers file; Ctrl-C asks, then saves and quits.
t = tuiterm.Term("default", ["tui", "--form", "yamaguchi-r8"])
try:
    ok(t.wait("所要額調査票"), "tui --form yamaguchi-r8 opens", t.screen())
    default = os.path.join(os.environ["XDG_DATA_HOME"], "nanbyo-survey", "yamaguchi-r8.json")
    ok(default in t.screen().replace("\n", ""), "welcome names the default answers file", t.screen())
    t.keys("Enter")
    t.wait("1/9")
    t.text("既定ファイル病院")
    t.wait("[既定ファイル病院")      # keys not yet read are flushed by the tty on SIGINT
    t.keys("C-c")
    ok(t.wait("保存して終了しますか"), "Ctrl-C asks before ending (issue 13)", t.screen())
    t.keys("n")
    ok(t.wait_gone("保存して終了しますか") and t.exit_code(0.5) is None, "「続ける」 keeps the program running",
       t.screen())
    t.text("二")
    ok(t.wait("[既定ファイル病院二"), "typing continues in the same field after 「続ける」", t.screen())
    t.keys("C-c")
    ok(t.wait("保存して終了しますか"), "Ctrl-C asks again", t.screen())
    t.keys("y")
    code = t.exit_code()
    eq(code, 0, "「保存して終了」 ends the program")
    eq(load(default)["fields"].get("institution_name"), "既定ファイル病院二", "Ctrl-C saved the field being typed")
finally:
    t.close()
r = subprocess.run([nbtest.BIN, "tui", "--form", "no-such-form"], capture_output=True, timeout=60,
                   env=dict(os.environ, TERM="vt100"))
ok(r.returncode == 2 and "no-such-form" in r.stderr.decode(), "unknown --form: exit 2 naming it", r.stderr)
r = subprocess.run([nbtest.BIN, "tui", "--bogus"], capture_output=True, timeout=60)
ok(r.returncode == 2 and "--bogus" in r.stderr.decode(), "unknown option: exit 2 naming it", r.stderr)

# 5d. After the deadline the welcome screen says so and what it means.
t = tuiterm.Term("late", ["--answers", tuiterm.answers_path("late")], env={"NANBYO_TODAY": "2026-04-10"})
try:
    ok(t.wait("期限を 10 日過ぎています"), "deadline passed: days over", t.screen())
    ok("「期限後」と記されます" in t.screen(), "deadline passed: outputs marked 期限後", t.screen())
    t.keys("F1")
    ok(t.wait("提出が不要な場合"), "F1 on the welcome shows every notice", t.screen())
    t.keys("Escape")
    t.keys("C-x")
    t.exit_code()
finally:
    t.close()

# 5e. A file that cannot be written (a folder under /proc cannot be made,
# even by root): said in words, quitting asks first.
t = tuiterm.Term("ro", ["--answers", "/proc/nanbyo-no-such/a.json"])
try:
    t.wait("所要額調査票")
    t.keys("Enter")
    t.wait("1/9")
    ok(t.wait("保存できませんでした"), "a failed save is reported in words", t.screen())
    ok("[未保存]" in t.screen(), "status line says 未保存", t.screen())
    t.text("消えない")
    t.keys("C-x")
    ok(t.wait("それでも終了しますか"), "quitting unsaved asks first", t.screen())
    t.keys("Enter")               # default: do not quit
    ok(t.wait_gone("それでも終了しますか") and t.exit_code(0.3) is None, "declining keeps the program running")
    ok("[消えない" in t.screen(), "and the text is still there", t.screen())
    t.keys("C-x")
    t.wait("それでも終了しますか")
    t.keys("y")
    eq(t.exit_code(), 1, "quitting without a saved file exits 1")
    ok("/proc/nanbyo-no-such" in t.stderr(), "stderr names the folder", t.stderr())
finally:
    t.close()

# 6. A non-UTF-8 locale is refused before curses starts.
r = subprocess.run([nbtest.BIN, "--answers", tuiterm.answers_path("c")], capture_output=True,
                   env=dict(os.environ, LC_ALL="C", LANG="C"), timeout=60)
eq(r.returncode, 2, "LC_ALL=C: exit 2")
ok("UTF-8" in r.stderr.decode("utf-8", "replace") and b"\x1b[" not in r.stdout,
   "LC_ALL=C: clear message, no terminal output", r.stderr)

# 6b. Not a terminal (a pipe, a cron job): refused in words, nothing written.
nt = tuiterm.answers_path("notty")
r = subprocess.run([nbtest.BIN, "--answers", nt], capture_output=True, timeout=60,
                   stdin=subprocess.DEVNULL, env=dict(os.environ, TERM="xterm"))
eq(r.returncode, 2, "stdin not a terminal: exit 2")
ok("端末" in r.stderr.decode() and not r.stdout and not os.path.exists(nt),
   "says so, draws nothing, writes no file", r.stderr)

# 7. An unreadable answers file is never overwritten.
bad = tuiterm.answers_path("bad")
with open(bad, "wb") as f:
    f.write(b'{"format": "nanbyo-survey-answers/1", "fields": {"x": ')
r = subprocess.run([nbtest.BIN, "--answers", bad], capture_output=True, timeout=60,
                   env=dict(os.environ, TERM="vt100"))
eq(r.returncode, 2, "truncated answers file: exit 2")
with open(bad, "rb") as f:
    ok(f.read().endswith(b'"x": '), "truncated answers file left untouched")

# 8. First-frame mode for the benchmark.
t = tuiterm.Term("first", ["--answers", tuiterm.answers_path("first")],
                 env={"NANBYO_EXIT_AFTER_FIRST_FRAME": "1"})
try:
    eq(t.exit_code(), 0, "NANBYO_EXIT_AFTER_FIRST_FRAME=1 draws and exits 0")
finally:
    t.close()
done()
