"""Drive the questionnaire in a real terminal: a private tmux server per
test (own socket, no config), fixed size, polling waits for screen content.
Used by tests/e2e/test_tui_*.py."""
import atexit, json, os, shlex, signal, subprocess, sys, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import nbtest  # noqa: E402


_live = []


def _cleanup():
    for t in list(_live):
        t.close()


atexit.register(_cleanup)
# A test stopped by `timeout` still takes its tmux servers down with it.
signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))


class Term:
    def __init__(self, name, args=(), env=None, size=(80, 24), term="screen-256color"):
        self.sock = f"nbe2e-{os.getpid()}-{name}"
        self.tmux = ["tmux", "-L", self.sock, "-f", "/dev/null"]
        self.rcfile = os.path.join(nbtest.TMP, f"{name}.rc")
        self.errfile = os.path.join(nbtest.TMP, f"{name}.err")
        e = {
            "LC_ALL": "C.UTF-8",
            "NCURSES_NO_UTF8_ACS": "1",
            "TERM": term,
            "XDG_DATA_HOME": os.environ["XDG_DATA_HOME"],
            "XDG_CONFIG_HOME": os.environ["XDG_CONFIG_HOME"],
            "NANBYO_TODAY": "2026-03-20",
        }
        if env:
            e.update(env)
        envs = " ".join(f"{k}={shlex.quote(v)}" for k, v in e.items() if v is not None)
        unset = " ".join(f"-u {k}" for k, v in (env or {}).items() if v is None)
        cmd = (f"env {unset} {envs} {shlex.quote(nbtest.BIN)} "
               + " ".join(shlex.quote(a) for a in args)
               + f" 2>{shlex.quote(self.errfile)}; echo $? > {shlex.quote(self.rcfile)}; sleep 600")
        subprocess.run(self.tmux + ["kill-server"], capture_output=True)
        subprocess.run(self.tmux + ["new-session", "-d", "-s", "t", "-x", str(size[0]), "-y", str(size[1]),
                                    cmd], check=True)
        _live.append(self)

    def t(self, *args):
        return subprocess.run(self.tmux + list(args), capture_output=True, text=True).stdout

    def screen(self):
        return self.t("capture-pane", "-p", "-t", "t")

    def cursor(self):
        x, y = self.t("display", "-p", "-t", "t", "#{cursor_x} #{cursor_y}").split()
        return int(x), int(y)

    def keys(self, *k):
        self.t("send-keys", "-t", "t", *k)

    def text(self, s):
        # "--" so text starting with "-" (a minus sign) is not an option.
        self.t("send-keys", "-t", "t", "-l", "--", s)

    def flat(self):
        """The screen without any white space: a sentence wrapped over rows
        reads as one string."""
        return "".join(self.screen().split())

    def wait_flat(self, needle, timeout=60.0):
        """Wait until needle (white space ignored) is on the screen."""
        needle = "".join(needle.split())
        end = time.time() + timeout
        while time.time() < end:
            if needle in self.flat():
                return True
            time.sleep(0.03)
        return False

    def wait(self, needle, timeout=60.0):
        """Wait until needle is on the screen; returns True/False."""
        end = time.time() + timeout
        while time.time() < end:
            if needle in self.screen():
                return True
            time.sleep(0.03)
        return False

    def wait_any(self, needles, timeout=60.0):
        """Wait until one of needles is on the screen (an outcome that can
        go either way); returns the screen then, or at the timeout."""
        end = time.time() + timeout
        while time.time() < end:
            scr = self.screen()
            if any(n in scr for n in needles):
                return scr
            time.sleep(0.03)
        return self.screen()

    def wait_gone(self, needle, timeout=60.0):
        end = time.time() + timeout
        while time.time() < end:
            if needle not in self.screen():
                return True
            time.sleep(0.03)
        return False

    def wait_cursor(self, pos, timeout=60.0):
        end = time.time() + timeout
        while time.time() < end:
            if self.cursor() == pos:
                return True
            time.sleep(0.03)
        return False

    def wait_line(self, needle, *parts, timeout=60.0):
        """Wait until the line holding needle also holds every one of parts
        (a page's title can be on screen before its rows are); returns
        that line, or the last one seen at the timeout ("" if none)."""
        end = time.time() + timeout
        ln = ""
        while time.time() < end:
            ln = self.line(needle)
            if ln and all(p in ln for p in parts):
                return ln
            time.sleep(0.03)
        return ln

    def line(self, needle):
        for ln in self.screen().splitlines():
            if needle in ln:
                return ln
        return ""

    def resize(self, w, h):
        self.t("resize-window", "-t", "t", "-x", str(w), "-y", str(h))

    def program_pid(self):
        pane = self.t("display", "-p", "-t", "t", "#{pane_pid}").strip()
        end = time.time() + 60
        while time.time() < end:
            out = subprocess.run(["pgrep", "-P", pane], capture_output=True, text=True).stdout.split()
            for pid in out:
                try:
                    with open(f"/proc/{pid}/comm") as f:
                        if "nanbyo" in f.read():
                            return int(pid)
                except OSError:
                    pass
            time.sleep(0.03)
        return None

    def exit_code(self, timeout=60.0):
        end = time.time() + timeout
        while time.time() < end:
            try:
                with open(self.rcfile) as f:
                    s = f.read().strip()
                    if s:
                        return int(s)
            except OSError:
                pass
            time.sleep(0.03)
        return None

    def stderr(self):
        try:
            with open(self.errfile) as f:
                return f.read()
        except OSError:
            return ""

    def close(self):
        if self in _live:
            _live.remove(self)
        subprocess.run(self.tmux + ["kill-server"], capture_output=True)
        sock = os.path.join(os.environ.get("TMUX_TMPDIR", "/tmp"), f"tmux-{os.getuid()}", self.sock)
        try:
            os.unlink(sock)
        except OSError:
            pass


def answers_path(name):
    return os.path.join(nbtest.TMP, f"{name}.json")


# A survey answered in full (valid), for tests that start on a later page.
FILLED = {
    "format": "nanbyo-survey-answers/1", "survey": "yamaguchi-r8",
    "fields": {"institution_name": "やまぐち内科クリニック", "institution_code": "3511234563",
               "institution_kind": "clinic", "postal_code": "753-0001", "address": "山口県山口市滝町1番1号",
               "founder": "医療法人やまぐち会", "representative": "院長 山口 太郎", "contact_name": "周南 花子",
               "phone": "083-933-2958", "email": "info@example.jp", "doctors_nanbyo": 2,
               "doctors_kyoryoku": 0, "doctors_shoman": 1, "target": "both", "registration_method": "browser",
               "planned_start": "2026-06-01", "planned_completion": "2026-07-31",
               "decl_dedicated_use": True, "decl_not_cancer_registry_pc": True, "decl_not_before_naiji": True},
    "items": [{"category": "pc", "description": "ノートパソコン", "quantity": 1, "unit_price": 128000}],
}


def prepared_answers(name, ui_page):
    """The full answers, opening on ui_page; returns the file's path."""
    path = answers_path(name)
    d = dict(FILLED)
    d["ui"] = {"page": ui_page}
    with open(path, "w") as f:
        json.dump(d, f, ensure_ascii=False)
    return path


def loopback_smtp(delay=0.0):
    """An aiosmtpd server on 127.0.0.1 that answers 250 to the data after
    `delay` seconds. Returns (controller, port, received envelopes); the
    caller stops the controller. ImportError when aiosmtpd is missing."""
    import asyncio, socket
    from aiosmtpd.controller import Controller
    got = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            if delay:
                await asyncio.sleep(delay)
            got.append(envelope)
            return "250 OK"
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    c = Controller(Handler(), hostname="127.0.0.1", port=port)
    c.start()
    return c, port, got
