"""Files keep their owner's choices (issue 16.3): exports are created with
the process umask and a re-export keeps an existing file's mode; a
symlinked export target is written through and stays a symlink; FIFOs
named as inputs (answers, definition, password file, smtp.conf, CA file)
are refused at once, never waited on; temp files left by a killed export
are removed by the next export in that folder, and only those that are
provably ours and stale."""
import os, socket, stat, subprocess, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from nbtest import ok, eq, run, done, FIX, TMP, BIN  # noqa: E402

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
done()
