"""No lost update (issue 16.1): two questionnaires in tmux on one answers
file. The second is refused with who holds it (user, PC, since, pid), so
the first one's edit survives; the lock goes when the first one closes.
A lock left by a dead process on this host is taken over (also when its
pid now belongs to another process); a live holder on another PC is
named with its lock file. A file rewritten underneath an open
questionnaire is not overwritten: the save goes beside it, and the clerk
is told in one sentence naming both files. An export never writes over
an answers file that is open, and neither does check --import."""
import json, os, pwd, socket, subprocess, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tuiterm  # noqa: E402
from nbtest import ok, eq, run, done  # noqa: E402

HOST = socket.gethostname()
USER = pwd.getpwuid(os.getuid()).pw_name


def lock_of(path):
    d, b = os.path.split(path)
    return os.path.join(d, f".{b}.lock")


def read_lock(path):
    try:
        with open(lock_of(path)) as f:
            return dict(line.split("=", 1) for line in f.read().splitlines() if "=" in line)
    except OSError:
        return None


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


# --- 1. two questionnaires on one file -----------------------------------
ans = tuiterm.prepared_answers("two", "institution")
a = tuiterm.Term("lockA", ["--answers", ans])
b = None
try:
    ok(a.wait("所要額調査票", 10), "A: the questionnaire opens", a.screen())
    apid = a.program_pid()
    held = read_lock(ans)
    ok(held is not None and held.get("pid") == str(apid) and held.get("host") == HOST
       and held.get("user") == USER and held.get("since", "").endswith("+09:00"),
       "A holds the lock file beside the answers: pid, user, host, since", held)
    t0 = time.time()
    b = tuiterm.Term("lockB", ["--answers", ans])
    rc = b.exit_code(20)
    refused_in = time.time() - t0
    eq(rc, 2, "B on the same file: refused before its screen opens (exit 2)")
    err = b.stderr()
    ok("ほかの画面" in err or "開いています" in err, "B says the file is open elsewhere", err)
    ok(f"プロセス番号 {apid}" in err and USER in err and "この PC" in err,
       "B names who holds it: user, this PC, process number", err)
    ok("Ctrl-X" in err and ans in err, "B names the file and says what to do (close that window)", err)
    print(f"# lock case: the second questionnaire was refused in {refused_in:.2f} s (not asserted)")
    b.close()
    # A edits and saves; nobody overwrote it
    a.keys("Enter")
    ok(a.wait("1/9"), "A: first page", a.screen())
    a.keys("C-a", "C-k")
    a.text("ロック確認クリニック")
    a.keys("Enter")
    a.keys("C-x")
    eq(a.exit_code(15), 0, "A: Ctrl-X saves and exits")
    eq(load(ans)["fields"]["institution_name"], "ロック確認クリニック", "A's edit is in the file (no lost update)")
    ok(read_lock(ans) is None, "A's lock file is gone after it closed", os.listdir(os.path.dirname(ans)))
    b = tuiterm.Term("lockB2", ["--answers", ans])
    ok(b.wait("所要額調査票", 10), "B opens once A has closed", b.screen() + b.stderr())
    b.keys("C-x")
    eq(b.exit_code(15), 0, "B: exits")
finally:
    a.close()
    if b:
        b.close()

# --- 2. a lock from a dead process on this host is taken over --------------
def stale_lock(path, pid, host=HOST, start="1"):
    with open(lock_of(path), "w") as f:
        f.write(f"pid={pid}\nuser=someone\nhost={host}\nsince=2026-03-19T09:00:00+09:00\nproc_start={start}\n")


dead = subprocess.Popen(["true"])
dead.wait()
ans2 = tuiterm.prepared_answers("stale", "institution")
stale_lock(ans2, dead.pid)
t = tuiterm.Term("stale", ["--answers", ans2])
try:
    ok(t.wait("所要額調査票", 10), "a lock from a dead pid on this host: the questionnaire opens", t.screen() + t.stderr())
    held = read_lock(ans2)
    ok(held and held.get("pid") == str(t.program_pid()), "the lock now names the new questionnaire", held)
    t.keys("C-x")
    eq(t.exit_code(15), 0, "exits")
finally:
    t.close()

# a live pid that started at another time than the lock says (pid reused)
stale_lock(ans2, os.getpid(), start="1")
t = tuiterm.Term("reused", ["--answers", ans2])
try:
    ok(t.wait("所要額調査票", 10), "a lock whose pid was reused by another process is taken over", t.screen() + t.stderr())
    t.keys("C-x")
    t.exit_code(15)
finally:
    t.close()

# a live holder on another PC (a shared folder): refused, lock file named
stale_lock(ans2, os.getpid(), host="reception-pc", start="0")
t = tuiterm.Term("otherpc", ["--answers", ans2])
try:
    eq(t.exit_code(15), 2, "a lock from another PC: refused")
    err = t.stderr()
    ok("reception-pc" in err and lock_of(ans2) in err, "names the other PC and the lock file to remove if it is not open there", err)
finally:
    t.close()
os.unlink(lock_of(ans2))

# --- 3. a file rewritten underneath is not overwritten ----------------------
ans3 = tuiterm.prepared_answers("under", "institution")
t = tuiterm.Term("under", ["--answers", ans3])
try:
    ok(t.wait("所要額調査票", 10), "opens", t.screen())
    t.keys("Enter")
    ok(t.wait("1/9"), "first page", t.screen())
    time.sleep(0.05)
    other = load(ans3)
    other["fields"]["institution_name"] = "別の人が保存した名前"
    other["fields"]["notes"] = "書き換え" * 10
    with open(ans3, "w", encoding="utf-8") as f:   # a writer that ignores the lock
        json.dump(other, f, ensure_ascii=False)
    t.keys("C-a", "C-k")
    t.text("画面で直した名前")
    t.keys("Enter")                                 # autosave
    scr = t.wait_any(["上書きせずに"], 10)
    ok("上書きせずに" in scr, "the clerk is told the file changed underneath and was not overwritten", scr)
    eq(load(ans3)["fields"]["institution_name"], "別の人が保存した名前", "the other writer's version is untouched")
    beside = [n for n in os.listdir(os.path.dirname(ans3)) if n.startswith("under-別保存-") and n.endswith(".json")]
    eq(len(beside), 1, "one file saved beside it")
    if beside:
        bpath = os.path.join(os.path.dirname(ans3), beside[0])
        eq(load(bpath)["fields"]["institution_name"], "画面で直した名前", "the clerk's edit is in the file beside")
        t.keys("Tab")
        t.text("x")
        t.keys("Enter")
        t.keys("C-x")
        eq(t.exit_code(15), 0, "exits")
        err = t.stderr()
        ok(ans3 in err and bpath in err and "上書きせずに" in err, "at exit the one sentence names both files", err)
        eq(len([n for n in os.listdir(os.path.dirname(ans3)) if "別保存" in n]), 1,
           "later saves went to the same file beside, not a new one each time")
        eq(load(ans3)["fields"]["institution_name"], "別の人が保存した名前", "still untouched at exit")
finally:
    t.close()

# --- 4. export never writes over an open answers file ----------------------
ans4 = tuiterm.prepared_answers("exp", "institution")
t = tuiterm.Term("exp", ["--answers", ans4])
try:
    ok(t.wait("所要額調査票", 10), "opens", t.screen())
    before = open(ans4, "rb").read()
    out = os.path.join(os.path.dirname(ans4), "exp-out.csv")
    r = run("export", ans4, "--csv", ans4, "--eml", out + ".eml", env={"NANBYO_TODAY": "2026-03-20"})
    ok(r.returncode == 1 and "開かれている回答ファイル" in r.stderr, "export onto the open answers file is refused", r.stderr)
    ok(open(ans4, "rb").read() == before, "the answers file is unchanged")
    ok(os.path.exists(out + ".eml"), "the other output was written (reading an open file is fine)")
    # check --import (a PC check from another PC) respects it too
    result = os.path.join(tuiterm.nbtest.FIX, "check", "results", "windows-reception.json")
    r = run("check", "--import", result, "--answers", ans4, env={"NANBYO_TODAY": "2026-03-20"})
    ok(r.returncode == 1 and "保存しませんでした" in r.stderr and "開いています" in r.stderr,
       "check --import into the open answers file is refused, naming who has it open", r.stderr)
    ok(open(ans4, "rb").read() == before, "the answers file is unchanged by the refused import")
    t.keys("C-x")
    t.exit_code(15)
finally:
    t.close()
r = run("check", "--import", result, "--answers", ans4, env={"NANBYO_TODAY": "2026-03-20"})
ok(r.returncode == 0 and "pc_check" in load(ans4), "once it is closed, the import is stored", r.stderr)
ok(read_lock(ans4) is None, "the import left no lock behind")
done()
