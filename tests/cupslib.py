"""A private CUPS scheduler for tests: cupsd runs as a child of the test
(root, foreground) with its own configuration folder, listening on
127.0.0.1:<free port>; CUPS_SERVER in the returned environment points
programs at it. cups-daemon 2.4.2-3+deb12u10 opens a file: queue's output
without O_CREAT, so each output file is made first, owned by lp."""
import os, shutil, socket, subprocess, time

LETTER_PPD = """*PPD-Adobe: "4.3"
*FormatVersion: "4.3"
*FileVersion: "1.0"
*LanguageVersion: English
*LanguageEncoding: ISOLatin1
*PCFileName: "LETTER.PPD"
*Manufacturer: "Test"
*Product: "(Letter Only)"
*ModelName: "Letter Only Test"
*ShortNickName: "Letter Only Test"
*NickName: "Letter Only Test"
*PSVersion: "(3010.000) 0"
*LanguageLevel: "3"
*ColorDevice: False
*DefaultColorSpace: Gray
*FileSystem: False
*Throughput: "1"
*LandscapeOrientation: Plus90
*TTRasterizer: Type42
*OpenUI *PageSize: PickOne
*DefaultPageSize: Letter
*PageSize Letter: "<</PageSize[612 792]>>setpagedevice"
*CloseUI: *PageSize
*OpenUI *PageRegion: PickOne
*DefaultPageRegion: Letter
*PageRegion Letter: "<</PageSize[612 792]>>setpagedevice"
*CloseUI: *PageRegion
*DefaultImageableArea: Letter
*ImageableArea Letter: "18 36 594 756"
*DefaultPaperDimension: Letter
*PaperDimension Letter: "612 792"
"""
A4_PPD = (LETTER_PPD.replace("Letter Only", "A4 Only").replace("LETTER.PPD", "A4.PPD")
          .replace("Letter", "A4").replace("612 792", "595 842").replace("[612 792]", "[595 842]")
          .replace("18 36 594 756", "18 36 577 806"))


def _free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def start(tmp):
    """Returns (environment for clients, the cupsd process) once it answers
    (polls up to 60 s), or (env, None) when it did not start."""
    root = os.path.join(tmp, "cups")
    for d in ("etc", "spool", "cache", "state", "tmp", "log", "out", "home"):
        os.makedirs(os.path.join(root, d), exist_ok=True)
    os.chmod(root, 0o755)
    for d in ("spool", "cache", "state", "tmp", "log", "out"):
        shutil.chown(os.path.join(root, d), "lp", "lp")
    os.chmod(os.path.join(root, "out"), 0o777)
    server = "127.0.0.1:%d" % _free_port()
    with open(os.path.join(root, "etc", "cupsd.conf"), "w") as f:
        f.write("LogLevel warn\nListen %s\nWebInterface No\nBrowsing No\nDefaultAuthType None\n"
                "<Location />\n  Order allow,deny\n  Allow 127.0.0.1\n</Location>\n"
                "<Location /admin>\n  Order allow,deny\n  Allow 127.0.0.1\n</Location>\n"
                "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n" % server)
    with open(os.path.join(root, "etc", "cups-files.conf"), "w") as f:
        f.write("FileDevice Yes\nServerRoot {r}/etc\nRequestRoot {r}/spool\nCacheDir {r}/cache\n"
                "StateDir {r}/state\nTempDir {r}/tmp\nAccessLog {r}/log/access_log\n"
                "ErrorLog {r}/log/error_log\nPageLog {r}/log/page_log\nServerBin /usr/lib/cups\n"
                "DataDir /usr/share/cups\nUser lp\nGroup lp\n".format(r=root))
    env = dict(os.environ)
    env.update({"CUPS_SERVER": server, "CUPS_SERVERROOT": os.path.join(root, "etc")})
    env.pop("LPDEST", None)
    env.pop("PRINTER", None)
    proc = subprocess.Popen(["/usr/sbin/cupsd", "-f", "-c", os.path.join(root, "etc", "cupsd.conf"),
                             "-s", os.path.join(root, "etc", "cups-files.conf")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    for _ in range(600):
        r = subprocess.run(["lpstat", "-r"], capture_output=True, text=True, env=env)
        if r.stdout.startswith("scheduler is running"):
            return env, proc
        if proc.poll() is not None:
            break
        time.sleep(0.1)
    proc.kill()
    proc.wait()
    return env, None


def add_queues(env, tmp):
    """An A4-only queue nbA4 and a Letter-only queue nbLetter (file: outputs)."""
    root = os.path.join(tmp, "cups")
    rcs = []
    for name, ppd in (("nbA4", A4_PPD), ("nbLetter", LETTER_PPD)):
        path = os.path.join(root, name + ".ppd")
        with open(path, "w") as f:
            f.write(ppd)
        out = os.path.join(root, "out", name + ".prn")
        open(out, "wb").close()
        shutil.chown(out, "lp", "lp")
        rcs.append(subprocess.run(["lpadmin", "-p", name, "-E", "-v", "file://" + out, "-P", path],
                                  capture_output=True, env=env).returncode)
    return rcs


def remove_queue(env, name):
    return subprocess.run(["lpadmin", "-x", name], capture_output=True, env=env).returncode
