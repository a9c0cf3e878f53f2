"""Helpers for the tests of nanbyo-check.exe under wine: a private
WINEPREFIX set to Windows 10 (made by the test, about 30-60 s), its own
wineserver started and stopped by the test, a private Xvfb, and every
wine output redirected to files (wineserver inherits pipes and would hang
a pipeline). Nothing here touches the user's own wine or X server."""
import os, shutil, signal, subprocess, time

WINE = "/usr/lib/wine/wine64"
WINESERVER = "/usr/lib/wine/wineserver"


def available():
    return os.path.exists(WINE) and os.path.exists(WINESERVER) and shutil.which("x86_64-w64-mingw32-objdump")


class Wine:
    def __init__(self, tmp):
        self.tmp = tmp
        self.home = os.path.join(tmp, "home")
        os.makedirs(os.path.join(self.home, "Documents"), exist_ok=True)
        self.prefix = os.path.join(tmp, "prefix")
        self.logs = os.path.join(tmp, "wine-logs")
        os.makedirs(self.logs, exist_ok=True)
        self.n = 0
        self.env = dict(os.environ)
        self.env.update({"WINEPREFIX": self.prefix, "HOME": self.home, "WINEDEBUG": "-all",
                         "WINEARCH": "win64", "WINEDLLOVERRIDES": "mscoree,mshtml=",
                         "XDG_CONFIG_HOME": os.path.join(self.home, ".config"),
                         "XDG_DATA_HOME": os.path.join(self.home, ".local", "share")})
        self.env.pop("DISPLAY", None)
        self.env.pop("WAYLAND_DISPLAY", None)

    def _files(self, tag):
        self.n += 1
        base = os.path.join(self.logs, "%03d-%s" % (self.n, tag))
        return base + ".out", base + ".err"

    def run(self, *args, stdin=None, tag="run", timeout=120, env=None):
        """Run under wine64; returns (rc, stdout bytes, stderr text). Output
        goes through files, never pipes."""
        out, err = self._files(tag)
        e = dict(self.env)
        if env:
            e.update(env)
        with open(out, "wb") as fo, open(err, "wb") as fe:
            fin = subprocess.DEVNULL
            if stdin is not None:
                inp = out + ".in"
                with open(inp, "wb") as f:
                    f.write(stdin)
                fin = open(inp, "rb")
            try:
                rc = subprocess.run([WINE, *args], stdout=fo, stderr=fe, stdin=fin, env=e,
                                    timeout=timeout).returncode
            finally:
                if fin is not subprocess.DEVNULL:
                    fin.close()
        with open(out, "rb") as f:
            o = f.read()
        with open(err, "rb") as f:
            r = f.read().decode("utf-8", "replace")
        return rc, o, r

    def create(self):
        """A new prefix set to Windows 10, with a persistent wineserver."""
        self.start_server()
        rc, _, err = self.run("wineboot", "-i", tag="wineboot", timeout=600)
        if rc != 0:
            return False, "wineboot: " + err[-500:]
        rc, _, err = self.run("winecfg", "/v", "win10", tag="winecfg", timeout=300)
        if rc != 0:
            return False, "winecfg: " + err[-500:]
        self.wait_server()
        self.start_server()
        return True, ""

    def start_server(self):
        out, err = self._files("wineserver")
        with open(out, "wb") as fo, open(err, "wb") as fe:
            subprocess.run([WINESERVER, "-p"], stdout=fo, stderr=fe, stdin=subprocess.DEVNULL,
                           env=self.env, timeout=60)

    def wait_server(self):
        """Let the wineserver write the registry and end (bounded)."""
        out, err = self._files("wineserver-k")
        with open(out, "wb") as fo, open(err, "wb") as fe:
            subprocess.run([WINESERVER, "-k"], stdout=fo, stderr=fe, stdin=subprocess.DEVNULL,
                           env=self.env, timeout=60)
            try:
                subprocess.run([WINESERVER, "-w"], stdout=fo, stderr=fe, stdin=subprocess.DEVNULL,
                               env=self.env, timeout=60)
            except subprocess.TimeoutExpired:
                pass

    def restart(self, display=None):
        """A fresh wineserver (and so a fresh view of the X screens)."""
        self.wait_server()
        if display:
            self.env["DISPLAY"] = display
        else:
            self.env.pop("DISPLAY", None)
        self.start_server()

    def reg_add(self, key, name, value, view=None, kind="REG_SZ"):
        args = ["reg", "add", key, "/f", "/t", kind, "/d", value]
        args[3:3] = ["/ve"] if name is None else ["/v", name]
        if view:
            args.append("/reg:%d" % view)
        return self.run(*args, tag="reg")[0]

    def reg_delete(self, key, view=None):
        args = ["reg", "delete", key, "/f"]
        if view:
            args.append("/reg:%d" % view)
        return self.run(*args, tag="reg")[0]

    def close(self):
        self.wait_server()


class Xvfb:
    """A private X server; screens are "WxH" strings (two make a Xinerama
    desktop of two monitors)."""

    def __init__(self, tmp, *screens):
        self.proc = None
        self.display = None
        for num in range(91, 140):
            if os.path.exists("/tmp/.X11-unix/X%d" % num) or os.path.exists("/tmp/.X%d-lock" % num):
                continue
            args = ["Xvfb", ":%d" % num, "-nolisten", "tcp", "-noreset"]
            for i, s in enumerate(screens):
                args += ["-screen", str(i), s + "x24"]
            if len(screens) > 1:
                args.append("+xinerama")
            log = open(os.path.join(tmp, "xvfb-%d.log" % num), "wb")
            self.proc = subprocess.Popen(args, stdout=log, stderr=log, stdin=subprocess.DEVNULL)
            for _ in range(600):
                if os.path.exists("/tmp/.X11-unix/X%d" % num) or self.proc.poll() is not None:
                    break
                time.sleep(0.1)
            if self.proc.poll() is None:
                self.display = ":%d" % num
                return
        raise RuntimeError("no free X display for Xvfb")

    def close(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
