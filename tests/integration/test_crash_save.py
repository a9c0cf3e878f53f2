"""Crash safety of saving the answers file (DESIGN.md section 4: written
atomically, never half-written). A small driver (tests/san/crash_saver.c)
saves through the real nb_answers_save in a loop and is killed with SIGKILL
at random moments; after every kill the file must be one complete version,
old or new. Then a full disk (a 64 KiB tmpfs when root, and an injected
ENOSPC through an LD_PRELOAD shim) and a read-only folder must give a clear
Japanese error that names the file, and keep the old file byte for byte.
The same for the 調査票 xlsx when only libxlsxwriter's staging files (temp
files it unlinks at once) cannot be written: it used to say 書き出しました
over a workbook with empty parts.
Env: NB_CRASH_KILLS (default 200), NB_CRASH_SEED."""
import json, os, random, re, signal, subprocess, sys, time
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from nbtest import ROOT, TMP, ok, done, run, fill_up

BUILD = os.environ.get("NB_BUILD") or os.path.join(ROOT, "build")
DRIVER = os.path.join(BUILD, "san", "crash_saver")
SHIM = os.path.join(BUILD, "san", "failwrite.so")
KILLS = int(os.environ.get("NB_CRASH_KILLS", "200"))
SEED = int(os.environ.get("NB_CRASH_SEED", str(int(time.time()))))
JAPANESE = re.compile("[\u3040-\u30ff\u4e00-\u9fff]")
ENGLISH_ERRNO = re.compile(r"No space left|Read-only file system|Permission denied|"
                           r"Input/output error|No such file", re.I)

env = dict(os.environ)
env.pop("MAKEFLAGS", None); env.pop("MFLAGS", None); env.pop("MAKELEVEL", None)
b = subprocess.run(["make", "--no-print-directory", "-C", ROOT, "BUILD=" + os.path.relpath(BUILD, ROOT),
                    "san-aux"], capture_output=True, text=True, env=env)
if not ok(b.returncode == 0, "build the crash-test driver and write-failure shim",
          (b.stdout + b.stderr)[-3000:]):
    done()


def expected_notes(n, extra=0):
    return f"version {n}: " + "記録" * ((n * 37) % 3000 + extra)


def check_version(path, extra=0):
    """Returns (seq, None) for a complete version or (None, reason)."""
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except FileNotFoundError:
        return None, "file is gone"
    except (ValueError, UnicodeDecodeError) as e:
        return None, f"not complete JSON: {e}"
    try:
        n = int(doc["fields"]["harden_seq"])
        if doc["format"] != "nanbyo-survey-answers/1":
            return None, "format changed"
        if doc["fields"]["notes"] != expected_notes(n, extra):
            return None, f"notes do not belong to version {n}"
        items = doc["items"]
        if len(items) != n % 9 + 1:
            return None, f"version {n} has {len(items)} items"
        for i, it in enumerate(items):
            if int(it["unit_price"]) != n * 10 + i or it["description"] != f"品目 {n}-{i}":
                return None, f"item {i} does not belong to version {n}"
    except (KeyError, TypeError, ValueError) as e:
        return None, f"missing or wrong member: {e!r}"
    return n, None


def driver(*args, preload=None):
    e = dict(os.environ)
    if preload:
        e["LD_PRELOAD"] = preload
    return subprocess.run([DRIVER, *args], capture_output=True, text=True, env=e, timeout=60)


# --- 1. kill -9 during saves ---------------------------------------------
rng = random.Random(SEED)
folder = os.path.join(TMP, "kill")
os.makedirs(folder)
path = os.path.join(folder, "yamaguchi-r8.json")
r = driver("init", path)
ok(r.returncode == 0 and check_version(path)[0] == 0, "driver writes version 0", r.stderr)
last, advanced, broken = 0, 0, []
for i in range(KILLS):
    p = subprocess.Popen([DRIVER, "loop", path], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # Process start-up takes a few ms; spread the kills over the first saves.
    time.sleep(rng.uniform(0.002, 0.06))
    p.send_signal(signal.SIGKILL)
    err = p.communicate()[1].decode("utf-8", "replace")
    n, why = check_version(path)
    if n is None:
        broken.append(f"kill {i}: {why}; driver said: {err.strip()}")
        break
    if n < last:
        broken.append(f"kill {i}: went back from version {last} to {n}")
        break
    advanced += n > last
    last = n
leftovers = [f for f in os.listdir(folder) if f != "yamaguchi-r8.json"]
ok(not broken and advanced > KILLS // 4,
   f"{KILLS} kill -9 during saves: always one complete version "
   f"(seed {SEED}; reached version {last}; {advanced} kills after a new version)",
   "\n".join(broken) or f"only {advanced} kills landed after a save: too few to mean anything")
print(f"# leftover temp files after {KILLS} kills: {len(leftovers)} {leftovers[:3]}")
ok(len(leftovers) <= 1, "each save removes temp files that killed saves left behind",
   f"{len(leftovers)} left: {leftovers[:5]}")
r = driver("init", path)
left_after = [f for f in os.listdir(folder) if f != "yamaguchi-r8.json"]
ok(r.returncode == 0 and not left_after, "one more save leaves no temp file at all", left_after)


def check_refusal(name, folder, path, r, before):
    """A failed save: non-zero, one clear Japanese sentence naming the file,
    old file unchanged, no temp file left behind."""
    ok(r.returncode != 0, f"{name}: save reports failure", f"exit {r.returncode}")
    msg = r.stderr.strip()
    ok(bool(JAPANESE.search(msg)) and os.path.basename(path) in msg and not ENGLISH_ERRNO.search(msg),
       f"{name}: clear Japanese error naming the file", f"stderr: {msg!r}")
    with open(path, "rb") as f:
        ok(f.read() == before, f"{name}: old file kept byte for byte")
    extra = [f for f in os.listdir(folder) if f not in (os.path.basename(path), "filler")]
    ok(not extra, f"{name}: no temp file left behind", f"left: {extra}")


# --- 2. full disk: a 64 KiB tmpfs -----------------------------------------
def mount(*args):
    return subprocess.run(["mount", *args], capture_output=True, text=True)


mnt = os.path.join(TMP, "full")
os.makedirs(mnt)
if os.geteuid() != 0:
    ok(True, "full disk (tmpfs) # SKIP not root, cannot mount; the LD_PRELOAD test covers it")
elif mount("-t", "tmpfs", "-o", "size=64k,mode=0755", "tmpfs", mnt).returncode != 0:
    ok(True, "full disk (tmpfs) # SKIP mount refused here; the LD_PRELOAD test covers it")
else:
    try:
        path = os.path.join(mnt, "yamaguchi-r8.json")
        r = driver("init", path)
        ok(r.returncode == 0, "tmpfs: version 0 written", r.stderr)
        fill_up(mnt)
        with open(path, "rb") as f:
            before = f.read()
        r = driver("once", path, "big")
        check_refusal("full disk (64 KiB tmpfs)", mnt, path, r, before)
    finally:
        subprocess.run(["umount", "-l", mnt])

# --- 3. injected write failure (LD_PRELOAD) -------------------------------
folder = os.path.join(TMP, "shim")
os.makedirs(folder)
path = os.path.join(folder, "yamaguchi-r8.json")
driver("init", path)
with open(path, "rb") as f:
    before = f.read()
r = driver("once", path, preload=SHIM)
check_refusal("injected ENOSPC on every write", folder, path, r, before)

# --- 4. read-only folder --------------------------------------------------
ro = os.path.join(TMP, "ro")
os.makedirs(ro)
path = os.path.join(ro, "yamaguchi-r8.json")
mounted = False
if os.geteuid() == 0:
    # root ignores permission bits: make the folder a read-only mount instead.
    if mount("-t", "tmpfs", "-o", "size=1m,mode=0755", "tmpfs", ro).returncode == 0:
        mounted = True
try:
    r = driver("init", path)
    with open(path, "rb") as f:
        before = f.read()
    if mounted:
        made_ro = mount("-o", "remount,ro", ro).returncode == 0
    else:
        os.chmod(ro, 0o555)
        made_ro = os.geteuid() != 0
    if not made_ro:
        ok(True, "read-only folder # SKIP could not make one here")
    else:
        r = driver("once", path)
        check_refusal("read-only folder", ro, path, r, before)
finally:
    if mounted:
        subprocess.run(["umount", "-l", ro])
    else:
        os.chmod(ro, 0o755)

# --- 5. the xlsx when only libxlsxwriter's staging fails -------------------
xf = os.path.join(TMP, "xlsx")
os.makedirs(xf)
target = os.path.join(xf, "調査票.xlsx")
ans = os.path.join(ROOT, "tests", "san", "answers-valid.json")
xenv = {"NANBYO_TODAY": "2026-03-20"}
r = run("export", ans, "--xlsx", target, env=xenv)
ok(r.returncode == 0 and os.path.exists(target), "an xlsx to keep", r.stderr)
with open(target, "rb") as f:
    old_xlsx = f.read()
r = run("export", ans, "--xlsx", target, env=dict(xenv, LD_PRELOAD=SHIM, NB_FAILWRITE_UNLINKED="1"))
with open(target, "rb") as f:
    kept = f.read() == old_xlsx
ok(r.returncode == 1 and "調査票.xlsx」を書き出せませんでした" in r.stderr and "書き出しました" not in r.stdout
   and "空き容量" in r.stderr and kept and sorted(os.listdir(xf)) == ["調査票.xlsx"],
   "xlsx staging that cannot be written: refused naming the file, the old xlsx kept, no temp left",
   [r.returncode, r.stdout, r.stderr, kept, os.listdir(xf)])
done()
