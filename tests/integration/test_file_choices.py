"""Files keep their owner's choices (issue 16.3): exports are created with
the process umask and a re-export keeps an existing file's mode; a
symlinked export target is written through and stays a symlink; FIFOs
named as inputs (answers, definition, password file, smtp.conf, CA file)
are refused at once, never waited on; temp files left by a killed export
are removed by the next export in that folder, and only those that are
provably ours and stale. export --xlsx --eml makes the workbook once, in
the xlsx's folder: a read-only xlsx folder, a full disk there or an
unwritable TMPDIR each get one Japanese sentence naming the file that was
not written, and every other output is still written."""
import contextlib, email, email.policy, os, re, socket, stat, subprocess, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from nbtest import ok, eq, run, done, fill_up, FIX, TMP, BIN  # noqa: E402

ENV = {"NANBYO_TODAY": "2026-03-20"}
VALID = os.path.join(FIX, "valid.json")
out = os.path.join(TMP, "out")
os.makedirs(out)


def mode(p):
    return stat.S_IMODE(os.stat(p).st_mode)


def export_with_umask(mask, *args):
    return subprocess.run(["sh", "-c", f'umask {mask:03o}; exec "$0" "$@"', BIN, "export", VALID, *args],
                          capture_output=True, text=True, env={**os.environ, **ENV}, timeout=120)


# --- the umask, not a fixed 0644 -------------------------------------------
names = {k: os.path.join(out, f"private.{k}") for k in ("xlsx", "pdf", "csv", "eml")}
r = export_with_umask(0o077, *[x for k in names for x in (f"--{k}", names[k])])
eq(r.returncode, 0, "export under umask 077")
for k, p in names.items():
    eq(oct(mode(p)), oct(0o600), f"new {k} gets 0644 less the umask 077 (0600), not widened")
r = export_with_umask(0o022, "--csv", os.path.join(out, "shared.csv"))
eq(oct(mode(os.path.join(out, "shared.csv"))), oct(0o644), "umask 022: a new csv is 0644")

# --- re-export keeps the existing mode -------------------------------------
os.chmod(names["csv"], 0o640)
os.chmod(names["eml"], 0o400 | 0o200)
r = export_with_umask(0o022, "--csv", names["csv"], "--eml", names["eml"])
eq(r.returncode, 0, "re-export")
eq(oct(mode(names["csv"])), oct(0o640), "re-export keeps the csv's 0640")
eq(oct(mode(names["eml"])), oct(0o600), "re-export keeps the eml's 0600")

# --- symlinked target: written through, stays a link -------------------------
real = os.path.join(out, "real-target.csv")
with open(real, "w") as f:
    f.write("old\n")
os.chmod(real, 0o640)
link = os.path.join(out, "link.csv")
os.symlink("real-target.csv", link)
r = run("export", VALID, "--csv", link, env=ENV)
eq(r.returncode, 0, "export to a symlink")
ok(os.path.islink(link), "the symlink is still a symlink", os.lstat(link))
ok(open(real, "rb").read() != b"old\n", "the target got the export")
eq(oct(mode(real)), oct(0o640), "the target keeps its mode")
dangling = os.path.join(out, "dangling.eml")
os.symlink("made-through-link.eml", dangling)
r = run("export", VALID, "--eml", dangling, env=ENV)
ok(r.returncode == 0 and os.path.islink(dangling) and os.path.getsize(os.path.join(out, "made-through-link.eml")) > 0,
   "a dangling symlink: its target is created, the link stays", r.stderr)

# --- FIFOs as inputs: refused at once ---------------------------------------
fifo = os.path.join(TMP, "fifo")
os.mkfifo(fifo)


def refused_fast(name, args, env=None, needle="名前付きパイプ", what="a FIFO"):
    try:
        r = run(*args, env={**ENV, **(env or {})}, timeout=20)
    except subprocess.TimeoutExpired:
        ok(False, f"{name}: refused at once", "still waiting on the FIFO after 20 s")
        return
    ok(r.returncode != 0 and needle in r.stderr, f"{name}: refused at once, saying it is {what}", r.stderr)


refused_fast("validate FIFO", ["validate", fifo])
refused_fast("export FIFO", ["export", fifo, "--csv", os.path.join(out, "x.csv")])
refused_fast("--form FIFO", ["validate", "--form", fifo, VALID])
refused_fast("send --password-file FIFO", ["send", VALID, "--smtp", "smtp://127.0.0.1:9", "--user", "u",
                                           "--password-file", fifo])
refused_fast("send --cacert FIFO", ["send", VALID, "--smtp", "smtps://127.0.0.1:9", "--cacert", fifo])
cfg = os.path.join(TMP, "cfgfifo", "nanbyo-survey")
os.makedirs(cfg)
os.mkfifo(os.path.join(cfg, "smtp.conf"))
refused_fast("smtp.conf FIFO", ["send", VALID, "--smtp", "smtp://127.0.0.1:9"],
             env={"XDG_CONFIG_HOME": os.path.dirname(cfg)})
refused_fast("folder as answers", ["validate", TMP], needle="フォルダー", what="a folder")

# --- a killed export's temp files --------------------------------------------
host = socket.gethostname()
dead = subprocess.Popen(["true"])
dead.wait()
left = os.path.join(out, f".nanbyo-export-{host}-{dead.pid}-1.tmp")
live = os.path.join(out, f".nanbyo-export-{host}-{os.getpid()}-1.tmp")
other_host = os.path.join(out, f".nanbyo-export-another-pc-{dead.pid}-1.tmp")
not_ours = os.path.join(out, f".nanbyo-export-{host}-{dead.pid}-1.tmp.keep")
for p in (left, live, other_host, not_ours):
    with open(p, "w") as f:
        f.write("partial")
r = run("export", VALID, "--xlsx", os.path.join(out, "again.xlsx"), env=ENV)
eq(r.returncode, 0, "the next export in that folder")
ok(not os.path.exists(left), "a dead export's temp file of this host is removed", os.listdir(out))
ok(os.path.exists(live), "a running export's temp file is left alone")
ok(os.path.exists(other_host), "another PC's temp file is left alone (its pid means nothing here)")
ok(os.path.exists(not_ours), "a file that only looks similar is left alone")
ok(not [n for n in os.listdir(out) if n.startswith(".nanbyo-export-") and n.endswith(".tmp")
        and str(os.getpid()) not in n and "another-pc" not in n],
   "no temp file of this export remains", os.listdir(out))

# --- export --xlsx F --eml M: read-only folder, full disk, TMPDIR ----------------
JAPANESE = re.compile("[\u3040-\u30ff\u4e00-\u9fff]")
ENGLISH_ERRNO = re.compile(r"No space left|Read-only file system|Permission denied|No such file", re.I)


def mount(*args):
    return subprocess.run(["mount", *args], capture_output=True, text=True).returncode == 0


@contextlib.contextmanager
def small_folder(name, size="1m"):
    """A folder of its own: a tmpfs of size when root (so that it can be
    made read-only or filled for root too), else a plain folder (size is
    then not enforced: the caller skips). Yields (path, is_tmpfs)."""
    d = os.path.join(TMP, name)
    os.makedirs(d)
    mounted = os.geteuid() == 0 and mount("-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", d)
    try:
        yield d, mounted
    finally:
        if mounted:
            subprocess.run(["umount", "-l", d])
        else:
            os.chmod(d, 0o755)


def make_read_only(d, mounted):
    if mounted:
        return mount("-o", "remount,ro", d)
    os.chmod(d, 0o555)
    return os.geteuid() != 0


def attached_xlsx(eml):
    with open(eml, "rb") as f:
        m = email.message_from_binary_file(f, policy=email.policy.default)
    return [p.get_content() for p in m.iter_attachments() if (p.get_filename() or "").endswith(".xlsx")]


def names_only(r, name, path):
    """The failed output is named in one clear Japanese sentence. (Lines
    libxlsxwriter itself prints, "[ERROR]...", are left out: they are the
    library's, printed before ours.)"""
    msg = "\n".join(l for l in r.stderr.strip().splitlines() if not l.startswith("[ERROR]"))
    ok(path in msg and JAPANESE.search(msg) and not ENGLISH_ERRNO.search(msg),
       f"{name}: a Japanese sentence naming {os.path.basename(path)}", msg)


mail_dir = os.path.join(TMP, "mail")
os.makedirs(mail_dir)

# the xlsx's folder is read-only: the xlsx is refused by name, the old file
# is kept, the mail is still written with a workbook attached
with small_folder("ro-out") as (d, mounted):
    f = os.path.join(d, "chosa.xlsx")
    with open(f, "wb") as fh:
        fh.write(b"old workbook")
    if not make_read_only(d, mounted):
        ok(True, "read-only xlsx folder # SKIP could not make one here")
    else:
        m = os.path.join(mail_dir, "ro.eml")
        r = run("export", VALID, "--xlsx", f, "--eml", m, env=ENV)
        eq(r.returncode, 1, "read-only xlsx folder: export reports the failure")
        names_only(r, "read-only xlsx folder", f)
        ok("書き込" in r.stderr or "読み取り専用" in r.stderr,
           "read-only xlsx folder: says the folder cannot be written", r.stderr)
        eq(open(f, "rb").read(), b"old workbook", "read-only xlsx folder: the old file is kept")
        att = attached_xlsx(m) if os.path.exists(m) else []
        ok(len(att) == 1 and att[0][:2] == b"PK", "read-only xlsx folder: the mail is written with the workbook",
           r.stderr)

# the xlsx's folder is full (root: a 64 KiB tmpfs): the xlsx is refused by
# name, no temp file is left there, the mail is still written
if os.geteuid() != 0:
    ok(True, "full xlsx folder # SKIP not root, cannot mount a small tmpfs")
else:
    with small_folder("full-out", "64k") as (d, mounted):
        if not mounted:
            ok(True, "full xlsx folder # SKIP mount refused here")
        else:
            fill_up(d)
            f = os.path.join(d, "chosa.xlsx")
            m = os.path.join(mail_dir, "full.eml")
            r = run("export", VALID, "--xlsx", f, "--eml", m, env=ENV)
            eq(r.returncode, 1, "full xlsx folder: export reports the failure")
            names_only(r, "full xlsx folder", f)
            ok("空き容量" in r.stderr, "full xlsx folder: says to check the free space", r.stderr)
            eq(sorted(os.listdir(d)), ["filler"], "full xlsx folder: no xlsx and no temp file left")
            ok(len(attached_xlsx(m)) == 1 if os.path.exists(m) else False,
               "full xlsx folder: the mail is still written with the workbook", r.stderr)

# TMPDIR unwritable: export --xlsx --eml needs no temp folder (the mail
# attaches the workbook made beside the xlsx); --eml alone makes the
# workbook in TMPDIR, and its refusal names the .eml and says what to do
with small_folder("ro-tmp") as (d, mounted):
    if not make_read_only(d, mounted):
        ok(True, "unwritable TMPDIR # SKIP could not make one here")
    else:
        env = {**ENV, "TMPDIR": d}
        f, m = os.path.join(out, "tmpdir.xlsx"), os.path.join(mail_dir, "tmpdir.eml")
        r = run("export", VALID, "--xlsx", f, "--eml", m, env=env)
        eq(r.returncode, 0, "unwritable TMPDIR: export --xlsx F --eml M succeeds")
        att = attached_xlsx(m) if os.path.exists(m) else []
        ok(len(att) == 1 and att[0] == open(f, "rb").read(),
           "unwritable TMPDIR: the mail attaches the xlsx written", r.stderr)
        m2 = os.path.join(mail_dir, "tmpdir-alone.eml")
        r = run("export", VALID, "--eml", m2, env=env)
        eq(r.returncode, 1, "unwritable TMPDIR: export --eml alone reports the failure")
        names_only(r, "unwritable TMPDIR, --eml alone", m2)
        ok(d in r.stderr and "TMPDIR" in r.stderr, "unwritable TMPDIR: names the folder and says to set TMPDIR",
           r.stderr)
        ok(not os.path.exists(m2), "unwritable TMPDIR: no half mail is written")

done()
