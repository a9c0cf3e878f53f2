"""Helpers for Python tests: TAP output, paths, running the program.
Run with /usr/bin/python3 so Debian's modules (openpyxl, aiosmtpd) load."""
import os, subprocess, sys, tempfile, atexit, shutil

ROOT = os.environ.get("NB_ROOT") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("NB_BIN") or os.path.join(ROOT, "build", "nanbyo-survey")
FIX = os.path.join(ROOT, "tests", "fixtures")
TMP = tempfile.mkdtemp(prefix="nbtest-")
atexit.register(shutil.rmtree, TMP, True)
os.environ.setdefault("XDG_DATA_HOME", os.path.join(TMP, "data"))
os.environ.setdefault("XDG_CONFIG_HOME", os.path.join(TMP, "config"))
os.environ["LC_ALL"] = "C.UTF-8"

_n = 0
_failed = False

def ok(cond, name, detail=""):
    """Report one test; returns cond so callers can chain."""
    global _n, _failed
    _n += 1
    if cond:
        print(f"ok {_n} - {name}")
    else:
        _failed = True
        print(f"not ok {_n} - {name}")
        for line in str(detail).splitlines() or [""]:
            print(f"# {line}")
    sys.stdout.flush()
    return cond

def eq(actual, expected, name):
    return ok(actual == expected, name, f"expected {expected!r}\ngot      {actual!r}")

def run(*args, env=None, input=None, timeout=60):
    """Run the program; returns CompletedProcess with text output."""
    e = dict(os.environ)
    if env:
        e.update(env)
    return subprocess.run([BIN, *args], capture_output=True, text=True, env=e,
                          input=input, timeout=timeout)

def fill_up(folder, name="filler"):
    """Fill the file system holding folder (a small tmpfs): zeros into
    folder/name until a write fails (ENOSPC)."""
    try:
        with open(os.path.join(folder, name), "wb") as fh:
            while True:
                fh.write(b"\0" * 4096)
                fh.flush()
    except OSError:
        pass

def done():
    print(f"1..{_n}")
    sys.exit(1 if _failed else 0)
