"""`check` results name the PC (platform), and `check --import RESULT
--answers ANSWERS` stores a result made on another PC (issue 12, points 5
and 6): a Windows result (shaped as nanbyo-check.exe writes it) and this
machine's own `check --json` are stored as pc_check; hostile files (FIFO,
symlinks, huge, invalid UTF-8, truncated, wrong types, another survey, too
old, from the future) are each refused with one Japanese sentence and the
answers file stays byte for byte as it was; exit 0 / 1 refused / 2
unreadable."""
import json, os, re, shutil, socket, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from nbtest import ok, eq, run, done, FIX, TMP, ROOT

WINDOWS = os.path.join(FIX, "check", "results", "windows-reception.json")
LAPTOP = os.path.join(FIX, "check", "laptop")
TODAY = {"NANBYO_TODAY": "2026-03-20"}      # the fixture was checked on 2026-03-18
with open(WINDOWS, encoding="utf-8") as f:
    WIN = json.load(f)
with open(WINDOWS, "rb") as f:
    WIN_BYTES = f.read()


def fresh_answers(name, src=os.path.join(FIX, "valid.json")):
    p = os.path.join(TMP, name + ".answers.json")
    shutil.copyfile(src, p)
    return p


def write(name, data):
    p = os.path.join(TMP, name)
    with open(p, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
    return p


def variant(name, change):
    d = json.loads(WIN_BYTES)
    change(d)
    return write(name, json.dumps(d, ensure_ascii=False))


def read_bytes(p):
    with open(p, "rb") as f:
        return f.read()


def pc_check(p):
    with open(p, encoding="utf-8") as f:
        return json.load(f).get("pc_check")


# ---- point 5: results name the PC they measured -----------------------------
r = run("check", "--json", "--no-network")
j = json.loads(r.stdout)
plat = j.get("platform", {})
with open("/proc/sys/kernel/hostname") as f:
    host = f.read().strip()
pretty = ""
for line in open("/etc/os-release", encoding="utf-8", errors="replace"):
    if line.startswith("PRETTY_NAME="):
        pretty = line.split("=", 1)[1].strip().strip('"')
eq(plat.get("os"), "linux", "check --json: platform.os is linux")
eq(plat.get("computer"), host, "platform.computer is this machine's host name")
eq(plat.get("version"), pretty, "platform.version is the os-release PRETTY_NAME")
ok(set(j) == {"checked_at", "platform", "checks"}, "no other top-level member was added", sorted(j))
ok(all(set(c) == {"id", "title", "status", "required_check", "measured", "required", "detail", "advice"}
       for c in j["checks"]), "each check keeps exactly the contract's members")
r = run("check", "--json", "--no-network", "--root", LAPTOP)
eq(json.loads(r.stdout).get("platform"), {"os": "linux", "version": "Ubuntu 22.04.4 LTS",
                                          "computer": "uketsuke-laptop"}, "--root: the fixture's PC")
r = run("check", "--no-network", "--root", LAPTOP)
ok("確認したPC: uketsuke-laptop (Ubuntu 22.04.4 LTS)" in r.stdout, "the table names the PC checked", r.stdout[:300])

# ---- point 6: a Windows result is stored -------------------------------------
ans = fresh_answers("win")
r = run("check", "--import", WINDOWS, "--answers", ans, env=TODAY)
eq(r.returncode, 0, "import of the Windows result: exit 0")
ok("確認したPC: RECEPTION-PC (Windows 11 23H2)" in r.stdout and "令和8年3月18日" in r.stdout,
   "says which PC and when", r.stdout)
ok("合格 9、注意 1、不合格 0、不明 0、対象外 4" in r.stdout, "and the counts", r.stdout)
eq(r.stderr, "", "nothing on stderr")
eq(pc_check(ans), WIN, "pc_check is the result file, every member kept")
with open(ans, encoding="utf-8") as f:
    stored = json.load(f)
with open(os.path.join(FIX, "valid.json"), encoding="utf-8") as f:
    orig = json.load(f)
ok(stored["fields"] == orig["fields"] and stored["items"] == orig["items"], "fields and items untouched")
ok(not [n for n in os.listdir(TMP) if n.startswith(os.path.basename(ans)) and n != os.path.basename(ans)],
   "no temp file left beside the answers", os.listdir(TMP))

ans = fresh_answers("winjson")
r = run("check", "--import", WINDOWS, "--answers", ans, "--json", env=TODAY)
j = json.loads(r.stdout) if r.returncode == 0 else {}
ok(j.get("imported") is True and j.get("platform") == WIN["platform"] and j.get("counts", {}).get("pass") == 9
   and j.get("checked_at") == WIN["checked_at"], "--json: imported, platform, counts", r.stdout)

# A BOM (Notepad) and a symlink to a result are accepted.
ans = fresh_answers("bom")
r = run("check", "--import", write("bom.json", b"\xef\xbb\xbf" + WIN_BYTES), "--answers", ans, env=TODAY)
eq(r.returncode, 0, "a result with a UTF-8 BOM is accepted")
link = os.path.join(TMP, "link.json")
os.symlink(WINDOWS, link)
ans = fresh_answers("link")
r = run("check", "--import", link, "--answers", ans, env=TODAY)
ok(r.returncode == 0 and pc_check(ans) == WIN, "a symlink to a result is followed (reading is harmless)", r.stderr)

# This machine's own check --json imports too: the reader and the runner
# agree on the checks.
mine = write("mine.json", run("check", "--json", "--no-network").stdout)
ans = fresh_answers("mine")
r = run("check", "--import", mine, "--answers", ans)
ok(r.returncode == 0 and f"確認したPC: {host} ({pretty})" in r.stdout, "this machine's check --json imports",
   r.stdout + r.stderr)

# ---- refused: one sentence, exit 1 or 2, answers untouched -------------------
fifo = os.path.join(TMP, "fifo.json")
os.mkfifo(fifo)
fifo_link = os.path.join(TMP, "fifo-link.json")
os.symlink(fifo, fifo_link)
dangling = os.path.join(TMP, "dangling.json")
os.symlink(os.path.join(TMP, "nowhere.json"), dangling)
loop = os.path.join(TMP, "loop.json")
os.symlink(loop, loop)
sock_path = os.path.join(TMP, "result.sock")
sock = socket.socket(socket.AF_UNIX)
sock.bind(sock_path)
os.makedirs(os.path.join(TMP, "a-folder.json"))
huge = write("huge.json", WIN_BYTES[:-2] + b" " * (300 * 1024) + b"}\n")

mutations = [
    # (name, file, exit, words in the sentence)
    ("FIFO", fifo, 2, "普通のファイルではありません"),
    ("symlink to a FIFO", fifo_link, 2, "普通のファイルではありません"),
    ("socket", sock_path, 2, "result.sock"),
    ("dangling symlink", dangling, 2, "ありません"),
    ("symlink loop", loop, 2, "loop.json"),
    ("folder", os.path.join(TMP, "a-folder.json"), 2, "普通のファイルではありません"),
    ("missing", os.path.join(TMP, "missing.json"), 2, "ありません"),
    ("huge", huge, 2, "大きすぎます"),
    ("empty", write("empty.json", b""), 1, "JSON として読めません"),
    ("truncated", write("truncated.json", WIN_BYTES[: len(WIN_BYTES) * 2 // 3]), 1, "途中で切れている"),
    ("invalid UTF-8", write("latin1.json", WIN_BYTES.replace("合格".encode(), b"\x8d\x87\x8a\x69")
                            .replace("RECEPTION".encode(), b"RECEPTI\xd3N")), 1, "UTF-8"),
    ("Shift_JIS", write("sjis.json", WIN_BYTES.decode("utf-8").encode("cp932", "replace")), 1, "UTF-8"),
    ("NUL byte", write("nul.json", WIN_BYTES.replace(b"RECEPTION", b"RECEP\x00TION")), 1, "UTF-8"),
    ("not an object", write("array.json", "[1, 2]"), 1, "オブジェクトではありません"),
    ("an answers file", os.path.join(FIX, "valid.json"), 1, "checks"),
    ("checks a string", variant("checks-str.json", lambda d: d.__setitem__("checks", "all ok")), 1, "checks"),
    ("status a number", variant("st-num.json", lambda d: d["checks"][1].__setitem__("status", 1)), 1,
     "「ram」の status"),
    ("unknown status", variant("st-ok.json", lambda d: d["checks"][1].__setitem__("status", "ok")), 1,
     "pass・warn・fail・unknown・na"),
    ("required_check a string", variant("req-str.json", lambda d: d["checks"][2].__setitem__("required_check", "yes")),
     1, "required_check"),
    ("no platform", variant("no-plat.json", lambda d: d.pop("platform")), 1, "platform"),
    ("platform os unknown", variant("os-x.json", lambda d: d["platform"].__setitem__("os", "android")), 1,
     "windows・linux・macos"),
    ("computer empty", variant("pc-empty.json", lambda d: d["platform"].__setitem__("computer", "")), 1,
     "platform.computer"),
    ("computer with a line break", variant("pc-lf.json", lambda d: d["platform"].__setitem__("computer", "A\r\nB")), 1,
     "制御文字"),
    ("computer reversed by bidi", variant("pc-bidi.json", lambda d: d["platform"].__setitem__("computer", "\u202eCP")),
     1, "文字の向き"),
    ("checked_at a number", variant("at-num.json", lambda d: d.__setitem__("checked_at", 20260318)), 1, "checked_at"),
    ("checked_at malformed", variant("at-bad.json", lambda d: d.__setitem__("checked_at", "2026/03/18 09:30")), 1,
     "checked_at"),
    ("31 days old", variant("old.json", lambda d: d.__setitem__("checked_at", "2026-02-17T09:00:00+09:00")), 1,
     "31 日前"),
    ("from the future", variant("future.json", lambda d: d.__setitem__("checked_at", "2026-03-21T08:00:00+09:00")), 1,
     "より後の日付"),
    ("future by time zone", variant("future-z.json", lambda d: d.__setitem__("checked_at", "2026-03-20T15:30:00Z")), 1,
     "より後の日付"),
    ("unknown check", variant("webcam.json", lambda d: d["checks"][6].__setitem__("id", "webcam")), 1,
     "確認にない項目「webcam」"),
    ("missing check", variant("no-excel.json", lambda d: d["checks"].pop(6)), 1, "必要な確認「excel」"),
    ("repeated check", variant("twice.json", lambda d: d["checks"].append(dict(d["checks"][1]))), 1, "「ram」が 2 つ"),
]
base = fresh_answers("untouched")
before = read_bytes(base)
mtime = os.stat(base).st_mtime_ns
for name, path, code, words in mutations:
    r = run("check", "--import", path, "--answers", base, env=TODAY, timeout=30)
    lines = r.stderr.splitlines()
    ok(r.returncode == code and len(lines) == 1 and words in r.stderr and r.stdout == "",
       f"{name}: exit {code}, one sentence", f"rc={r.returncode} stderr={r.stderr!r} stdout={r.stdout[:200]!r}")
eq(read_bytes(base), before, "after every refusal the answers file is byte for byte the same")
eq(os.stat(base).st_mtime_ns, mtime, "and was not rewritten")
sock.close()

r = run("check", "--import", variant("old2.json", lambda d: d.__setitem__("checked_at", "2026-02-01T09:00:00+09:00")),
        "--answers", base, "--json", env=TODAY)
j = json.loads(r.stdout) if r.stdout else {}
ok(r.returncode == 1 and j.get("imported") is False and "47 日前" in j.get("reason", ""),
   "--json: a refusal says imported false with the reason", r.stdout)

# Exactly 30 days old is still accepted.
ans = fresh_answers("thirty")
r = run("check", "--import", variant("thirty.json", lambda d: d.__setitem__("checked_at", "2026-02-18T00:00:00+09:00")),
        "--answers", ans, env=TODAY)
eq(r.returncode, 0, "a result exactly 30 days old is accepted")

# Another survey: a definition whose software list lacks the AWS VPN Client.
form_src = os.path.join(FIX, "forms", "testpref-r9.yaml")
with open(form_src, encoding="utf-8") as f:
    text = f.read()
other = os.path.join(TMP, "testpref-novpn.yaml")
with open(other, "w", encoding="utf-8") as f:
    f.write(text.replace("software: [acrobat_reader, excel, aws_vpn_client]", "software: [acrobat_reader, excel]"))
ans = fresh_answers("other", os.path.join(FIX, "testpref-valid.json"))
before = read_bytes(ans)
r = run("check", "--import", WINDOWS, "--answers", ans, "--form", other, env=TODAY)
ok(r.returncode == 1 and "確認にない項目「aws_vpn_client」" in r.stderr and "testpref-r9" in r.stderr,
   "a result for another survey's checks is refused, naming the survey", r.stderr)
eq(read_bytes(ans), before, "and the answers are untouched")

# ---- usage and the answers file ------------------------------------------------
for args, words in [(["--import", WINDOWS], "--answers"),
                    (["--answers", base], "--import"),
                    (["--import", WINDOWS, "--answers", base, "--no-network"], "--no-network"),
                    (["--import", WINDOWS, "--answers", base, "--ovpn", WINDOWS], "--ovpn"),
                    (["--import"], "--import")]:
    r = run("check", *args, env=TODAY)
    ok(r.returncode == 2 and words in r.stderr and len(r.stderr.splitlines()) == 1,
       f"usage {' '.join(a for a in args if a.startswith('--'))}: exit 2, one sentence", r.stderr)
r = run("check", "--import", WINDOWS, "--answers", os.path.join(TMP, "no-answers.json"), env=TODAY)
ok(r.returncode == 2 and "no-answers.json" in r.stderr and not os.path.exists(os.path.join(TMP, "no-answers.json")),
   "a missing answers file: exit 2, not created", r.stderr)
r = run("check", "--import", WINDOWS, "--answers", fifo, env=TODAY, timeout=30)
ok(r.returncode == 2 and len(r.stderr.splitlines()) == 1, "answers that are a FIFO: refused, no hang", r.stderr)
r = run("check", "--help")
ok("--import" in r.stdout and "--answers" in r.stdout, "--help shows --import")
done()
