"""nanbyo-check.exe under wine64, with facts the test controls: a private
WINEPREFIX set to Windows 10, registry keys added and removed with
`wine reg`, private Xvfb screens, a private cupsd with an A4 and a
Letter-only queue, a loopback TLS server whose test CA is made trusted in
the prefix, and an OpenVPN-speaking TCP listener for the .ovpn remote.
Also: the shared rules give byte-identical verdicts built for Linux and
for Windows, the .exe links only system DLLs, and a second definition's
thresholds (given with --requirements) change the .exe's verdicts."""
import hashlib, json, os, re, shutil, socket, ssl, struct, subprocess, sys, threading, time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from nbtest import ROOT, TMP, FIX, ok, eq, run, done  # noqa: E402
import winlib  # noqa: E402

BUILD = os.environ.get("NB_BUILD") or os.path.join(ROOT, "build")
EXE = os.path.join(BUILD, "windows", "nanbyo-check.exe")
VERDICTS_EXE = os.path.join(BUILD, "windows", "verdicts.exe")
VERDICTS = os.path.join(BUILD, "tests", "verdicts")
NOMEM_EXE = os.path.join(BUILD, "windows", "nomem.exe")
STRICT = os.path.join(FIX, "forms", "testpref-strict.yaml")

if not winlib.available() or not os.path.exists(EXE):
    print("1..0 # SKIP wine64, mingw-w64 or build/windows/nanbyo-check.exe missing (make windows)")
    sys.exit(0)

# ---- the build ------------------------------------------------------------
dump = subprocess.run(["x86_64-w64-mingw32-objdump", "-p", EXE], capture_output=True, text=True).stdout
dlls = sorted(set(m.upper() for m in re.findall(r"DLL Name: (\S+)", dump)))
SYSTEM = {"ADVAPI32.DLL", "CRYPT32.DLL", "KERNEL32.DLL", "MSVCRT.DLL", "USER32.DLL", "WINHTTP.DLL",
          "WINSPOOL.DRV", "WS2_32.DLL"}
ok(dlls and set(dlls) <= SYSTEM, "the .exe links only system DLLs", "imports: %s" % dlls)

r = run("requirements")
with open(os.path.join(BUILD, "windows", "requirements.txt"), encoding="utf-8") as f:
    embedded = f.read()
eq(r.stdout, embedded, "the .exe's defaults are `nanbyo-survey requirements` of the definition")
ok("display_min.width=1280\n" in r.stdout and "browsers=edge,chrome,safari\n" in r.stdout,
   "requirements: the definition's keys, nested ones joined with a dot", r.stdout)
strict_req = os.path.join(TMP, "strict.txt")
r2 = run("requirements", "--form", STRICT)
with open(strict_req, "w", encoding="utf-8") as f:
    f.write(r2.stdout)
ok(r2.returncode == 0 and "display_min.width=2560\n" in r2.stdout and "disk_free_gb=100000\n" in r2.stdout,
   "requirements --form: the second definition's own thresholds", r2.stdout + r2.stderr)

wine = winlib.Wine(TMP)
created, why = wine.create()
ok(created, "a private Windows 10 prefix", why)
if not created:
    done()
rc, out, _ = wine.run("reg", "query", r"HKLM\Software\Microsoft\Windows NT\CurrentVersion", "/v", "CurrentBuild")
ok(b"19" in out or b"18" in out, "the prefix says Windows 10", out)

XSERVERS = []
TO_CLOSE = []


def check(*args, stdin=None, env=None):
    rc, out, err = wine.run(EXE, *args, stdin=stdin, env=env, tag="check")
    data = None
    if "--json" in args:
        try:
            data = json.loads(out.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as e:
            print("# not JSON: %s: %r" % (e, out[:300]))
    return rc, out, err, data


def result(data, cid):
    for c in (data or {}).get("checks", []):
        if c["id"] == cid:
            return c
    return {}


STATUS_WORD = {"pass": "合格", "warn": "注意", "fail": "不合格", "unknown": "不明", "na": "対象外"}


def status_word(c):
    """The word the documents give a check (export_model.c): a check that
    was not run (実行しませんでした), or a required one that does not
    apply, is 未実施, never 対象外."""
    if c["status"] == "na" and (c["required_check"] or c["measured"] == "実行しませんでした"):
        return "未実施"
    return STATUS_WORD[c["status"]]


def xlsx_checks(path):
    """確認したPC and the grid of section 8 (確認項目 | 結果, two a row),
    read back with openpyxl: (pc, {title: word})."""
    import openpyxl
    ws = openpyxl.load_workbook(path).active
    pc, grid, seen_pc = None, {}, False
    for row in ws.iter_rows(values_only=True):
        cells = list(row) + [None] * 9
        if cells[0] == "確認したPC":
            pc, seen_pc = cells[3], True
            continue
        if seen_pc:
            for t, s in ((cells[0], cells[3]), (cells[4], cells[7])):
                if t and s and t != "確認項目":
                    grid[t] = s
    return pc, grid


def import_into_documents(found):
    """End to end: the result file nanbyo-check.exe wrote to
    the clerk's Documents on the (wine) Windows PC, with Chrome and the
    AWS VPN Client in the registry and a 1920x1080 screen, is imported
    with `check --import` and shows in the xlsx and the PDF with the PC's
    name, its Windows version and every check's status. The console run
    is answered with Enter (いいえ): nothing is contacted."""
    for f in found:
        os.unlink(f)
    APP = r"HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\App Paths"
    UNI = r"HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall"
    rcs = [wine.reg_add(APP + r"\chrome.exe", None, r"C:\Program Files\Google\Chrome\Application\chrome.exe"),
           wine.reg_add(r"HKCU\Software\Google\Chrome\BLBeacon", "version", "120.0.6099.130"),
           wine.reg_add(UNI + r"\{AWS-VPN-CLIENT-TEST}", "DisplayName", "AWS VPN Client"),
           wine.reg_add(UNI + r"\{AWS-VPN-CLIENT-TEST}", "DisplayVersion", "3.9.0")]
    x = winlib.Xvfb(TMP, "1920x1080")
    XSERVERS.append(x)
    wine.restart(x.display)
    rc, out, err, _ = check(stdin=b"\n")
    wine.restart(None)
    x.close()
    rcs += [wine.reg_delete(APP + r"\chrome.exe"), wine.reg_delete(r"HKCU\Software\Google\Chrome\BLBeacon"),
            wine.reg_delete(UNI + r"\{AWS-VPN-CLIENT-TEST}")]
    ok(rcs == [0] * len(rcs), "import: Chrome and the AWS VPN Client faked in the registry, then removed", rcs)
    files = [os.path.join(d, f) for d, _, fs in os.walk(wine.home) for f in fs if f.startswith("PCチェック結果_")]
    files += [os.path.join(d, f) for d, _, fs in os.walk(wine.prefix) for f in fs if f.startswith("PCチェック結果_")]
    ok(len(files) == 1, "import: the console run wrote one result file in Documents", out.decode("utf-8", "replace")[-600:])
    if len(files) != 1:
        return
    with open(files[0], encoding="utf-8") as f:
        res = json.load(f)
    p = res["platform"]
    by_id = {c["id"]: c for c in res["checks"]}
    ok(all(by_id[i]["status"] == "na" and by_id[i]["measured"] == "実行しませんでした"
           for i in ("dns", "https", "clock", "vpn")), "import: Enter was いいえ, no network check was run")
    ok(by_id["browser"]["status"] == "pass" and by_id["aws_vpn_client"]["status"] == "pass"
       and by_id["display"]["status"] == "pass", "import: the result has browser, AWS VPN Client and display pass",
       [by_id[i] for i in ("browser", "aws_vpn_client", "display")])
    ok(p["os"] == "windows" and "Windows 10" in p["version"] and p["computer"], "import: the result names the PC", p)

    answers = os.path.join(TMP, "import-answers.json")
    shutil.copyfile(os.path.join(FIX, "valid.json"), answers)
    r = run("check", "--import", files[0], "--answers", answers, "--json", env={"NANBYO_TODAY": ""})
    info = json.loads(r.stdout) if r.stdout.startswith("{") else {}
    ok(r.returncode == 0 and info.get("imported") is True and info.get("platform") == p,
       "check --import stores the .exe's result file", r.stdout + r.stderr)
    with open(answers, encoding="utf-8") as f:
        stored = json.load(f).get("pc_check")
    eq(stored, res, "the answers' pc_check is the result file as written")
    pc = "%s (%s)" % (p["computer"], p["version"])
    xlsx, pdf = os.path.join(TMP, "import.xlsx"), os.path.join(TMP, "import.pdf")
    r = run("export", answers, "--xlsx", xlsx, "--pdf", pdf, env={"NANBYO_TODAY": "2026-03-20"})
    ok(r.returncode == 0, "export --xlsx --pdf of the imported answers", r.stderr)
    got_pc, grid = xlsx_checks(xlsx)
    eq(got_pc, pc, "xlsx: 確認したPC is the Windows PC's name and version")
    want = {c["title"]: status_word(c) for c in res["checks"]}
    eq(grid, want, "xlsx: every check of the .exe's result with its status word")
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True).stdout
    line = next((l for l in text.splitlines() if "確認したPC" in l), "")
    ok(pc in line, "PDF: 確認したPC with the Windows PC's name and version", line or text[-800:])
    lines = text.splitlines()
    missing = [t for t, w in want.items()
               if not any(re.search(re.escape(t) + r"\s+" + re.escape(w) + r"(\s|$)", l) for l in lines)]
    eq(missing, [], "PDF: every check's title followed by its status word")


try:
    # ---- the rules, built twice ---------------------------------------
    lin = subprocess.run([VERDICTS, strict_req], capture_output=True).stdout
    rc, win, _ = wine.run(VERDICTS_EXE, strict_req, tag="verdicts")
    ok(rc == 0 and len(lin) > 5000 and lin == win,
       "the shared rules' verdicts on Linux and on Windows are byte-identical (%d bytes)" % len(lin),
       "first difference at %s" % next((i for i, (a, b) in enumerate(zip(lin, win)) if a != b), min(len(lin), len(win))))

    # ---- out of memory: xalloc's sentence, written by the console code ----
    rc, out, err = wine.run(NOMEM_EXE, tag="nomem")
    eq((rc, out, err), (3, b"", "メモリーが足りなくなったので、ほかのアプリを閉じてからもう一度実行してください。\n"),
       "out of memory: exit 3 and xalloc's one sentence on stderr as the .exe writes text (UTF-8, no CR)")

    # ---- the contract ---------------------------------------------------
    rc, out, err, data = check("--json", "--no-network")
    linux = json.loads(run("check", "--json", "--no-network").stdout)
    ok(data is not None, "--json: the JSON on stdout, nothing else", out[:400])
    data = data or {}
    eq([c["id"] for c in data.get("checks", [])], [c["id"] for c in linux["checks"]],
       "the same check ids, in the same order, as check --json")
    eq(set(data) - {"platform"}, set(linux) - {"platform"}, "the same top-level keys as check --json, plus platform")
    eq([sorted(c) for c in data.get("checks", [])], [sorted(c) for c in linux["checks"]],
       "the same keys in every check")
    p = data.get("platform", {})
    ok(p.get("os") == "windows" and "Windows 10" in p.get("version", "") and p.get("computer"),
       "platform: windows, its version and the computer name", p)
    ok(all(c["status"] == "na" and c["measured"] == "実行しませんでした" for c in data.get("checks", []) if c["id"] in
           ("dns", "https", "clock", "vpn")), "--no-network: the network checks were not run")
    ok(re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+09:00$", data.get("checked_at", "")), "checked_at in Japan time",
       data.get("checked_at"))
    failed = any(c["required_check"] and c["status"] == "fail" for c in data.get("checks", []))
    eq(rc, 1 if failed else 0, "exit code as check: 1 when a required check failed")

    # ---- applications from the registry ---------------------------------
    browser, aws, acro = result(data, "browser"), result(data, "aws_vpn_client"), result(data, "acrobat_reader")
    ok(browser.get("status") == "fail" and "Edge" in browser.get("advice", ""), "no browser in the registry: fail with advice",
       browser)
    ok(aws.get("status") == "fail" and "インストール" in aws.get("advice", ""), "no AWS VPN Client: fail with advice", aws)
    ok(acro.get("status") == "fail", "no Acrobat Reader: fail", acro)
    APP = r"HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\App Paths"
    UNI = r"HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall"
    rcs = [wine.reg_add(APP + r"\chrome.exe", None, r"C:\Program Files\Google\Chrome\Application\chrome.exe"),
           wine.reg_add(r"HKCU\Software\Google\Chrome\BLBeacon", "version", "120.0.6099.130"),
           wine.reg_add(r"HKCU\SOFTWARE\Microsoft\Windows\CurrentVersion\App Paths\msedge.exe", None,
                        r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe"),
           wine.reg_add(UNI + r"\{AWS-VPN-CLIENT-TEST}", "DisplayName", "AWS VPN Client"),
           wine.reg_add(UNI + r"\{AWS-VPN-CLIENT-TEST}", "DisplayVersion", "3.9.0"),
           wine.reg_add(UNI + r"\{AC76BA86-7AD7-1041-7B44-AC0F074E4100}", "DisplayName",
                        "Adobe Acrobat Reader DC - Japanese", view=32),
           wine.reg_add(UNI + r"\{AC76BA86-7AD7-1041-7B44-AC0F074E4100}", "DisplayVersion", "23.008.20470", view=32)]
    ok(rcs == [0] * len(rcs), "registry keys added with wine reg add", rcs)
    rc, out, err, data = check("--json", "--no-network")
    browser, aws, acro = result(data, "browser"), result(data, "aws_vpn_client"), result(data, "acrobat_reader")
    ok(browser.get("status") == "pass" and "Google Chrome 120.0.6099.130" in browser.get("measured", "")
       and "Microsoft Edge" in browser.get("measured", ""), "Chrome (App Paths, with version) and Edge (HKCU): pass",
       browser)
    ok(aws.get("status") == "pass" and "3.9.0" in aws.get("measured", ""), "AWS VPN Client (Uninstall): pass with version",
       aws)
    ok(acro.get("status") == "pass" and "23.008.20470" in acro.get("measured", ""),
       "Acrobat Reader (Uninstall, 32-bit view): pass with version", acro)
    rcs = [wine.reg_delete(APP + r"\chrome.exe"), wine.reg_delete(r"HKCU\Software\Google\Chrome\BLBeacon"),
           wine.reg_delete(r"HKCU\SOFTWARE\Microsoft\Windows\CurrentVersion\App Paths\msedge.exe"),
           wine.reg_delete(UNI + r"\{AWS-VPN-CLIENT-TEST}")]
    rc, out, err, data = check("--json", "--no-network")
    ok(result(data, "browser").get("status") == "fail" and result(data, "aws_vpn_client").get("status") == "fail",
       "keys removed again: browser and AWS VPN Client fail", [result(data, "browser"), result(data, "aws_vpn_client")])

    # ---- screens ----------------------------------------------------------
    def on_screens(sizes, *args):
        """check --json --no-network ARGS with wine on a private X server of
        SIZES. If the display comes back unmeasured (wine did not reach the
        X server: seen once in CI, where the log was lost), the run is
        repeated once and the first result is written to the log."""
        for attempt in (1, 2):
            x = winlib.Xvfb(TMP, *sizes)
            XSERVERS.append(x)
            wine.restart(x.display)
            rc, out, err, data = check("--json", "--no-network", *args)
            wine.restart(None)
            x.close()
            d = result(data, "display")
            if all(s in d.get("measured", "") for s in sizes) or attempt == 2:
                return rc, data
            print("# display not measured on %s (attempt 1): %r; stderr: %r" % (sizes, d, err[-300:]))

    def screens(*sizes):
        rc, data = on_screens(sizes)
        return result(data, "display"), data

    d, _ = screens("1366x768")
    ok(d.get("status") == "fail" and "1366x768" in d.get("measured", "") and "高さ 768 が 1024 未満" in d.get("detail", "")
       and "幅" not in d.get("detail", "").split("は")[-1], "Xvfb 1366x768: fail on the height only", d)
    d, data1920 = screens("1920x1080")
    ok(d.get("status") == "pass" and "1920x1080" in d.get("measured", ""), "Xvfb 1920x1080: pass", d)
    # Xvfb's RandR shows one output for the whole desktop; wine's X11
    # driver then reads the monitors from Xinerama.
    wine.reg_add(r"HKCU\Software\Wine\X11 Driver", "UseXRandR", "N")
    d, _ = screens("1366x768", "1920x1080")
    wine.reg_delete(r"HKCU\Software\Wine\X11 Driver")
    ok(d.get("status") == "pass" and "1366x768" in d.get("measured", "") and "1920x1080" in d.get("measured", ""),
       "two monitors: both measured, the larger passes", d)

    # ---- thresholds from a second definition --------------------------------
    rc, strict = on_screens(("1920x1080",), "--requirements", strict_req)
    sd, sk = result(strict, "display"), result(strict, "disk")
    ok(sd.get("status") == "fail" and "2560x1440" in sd.get("required", "") and "1920x1080" in sd.get("measured", ""),
       "--requirements: the second definition's display_min fails the same 1920x1080 screen", sd)
    # The verdict must come from the threshold, not from this machine's free
    # space: the same disk is judged against 40 GB by default (pass or fail
    # as the machine has it) and against 100000 GB here (always fail).
    d40 = result(data1920, "disk")
    ok(sk.get("status") == "fail" and "空き 100000 GB 以上" in sk.get("required", "")
       and "空き 40 GB 以上" in d40.get("required", "") and sk.get("measured", "x")[:12] == d40.get("measured", "y")[:12],
       "--requirements: its disk_free_gb judges the same disk against 100000 GB", [sk, d40])
    eq(rc, 1, "--requirements: a required fail exits 1")
    bad = os.path.join(TMP, "bad.txt")
    with open(bad, "w", encoding="utf-8") as f:
        f.write(r2.stdout.replace("ram_gb=", "ram_gigabytes="))
    rc, out, err, _ = check("--json", "--requirements", bad)
    ok(rc == 2 and "「ram_gigabytes」という項目はありません" in err and "2 行目" in err and not out,
       "an unknown key is refused with a Japanese sentence naming the line", err)
    with open(bad, "w", encoding="utf-8") as f:
        f.write(r2.stdout.replace("ram_gb=4096", "ram_gb=８"))
    rc, out, err, _ = check("--json", "--requirements", bad)
    ok(rc == 2 and "ram_gb" in err and "半角の整数" in err, "a full-width number is refused, not read", err)
    rc, out, err, _ = check("--requirements", os.path.join(TMP, "missing.txt"))
    ok(rc == 2 and "ありません" in err, "a missing requirements file is refused", err)

    # ---- printers through a private cupsd ----------------------------------
    rc, out, err, data = check("--json", "--no-network")
    pr = result(data, "printer")
    ok(pr.get("status") == "fail" and "ありません" in pr.get("measured", ""), "no printer: fail", pr)
    cups_env, cupsd = None, None
    if os.geteuid() == 0 and os.path.exists("/usr/sbin/cupsd"):
        import cupslib
        cups_env, cupsd = cupslib.start(TMP)
        TO_CLOSE.append(cupsd)
    if cupsd:
        rcs = cupslib.add_queues(cups_env, TMP)
        ok(rcs == [0, 0], "private cupsd with an A4 and a Letter-only queue", rcs)
        wine.restart(None)
        rc, out, err, data = check("--json", "--no-network", env=cups_env)
        pr = result(data, "printer")
        ok(pr.get("status") == "pass" and "nbA4 (" in pr.get("measured", "") and "A4 可" in pr.get("measured", ""),
           "the A4 queue: printer pass, named", pr)
        ok("nbLetter (" in pr.get("measured", "") and "nbLetter (A4 不可)" in pr.get("measured", ""),
           "the Letter-only queue: A4 不可", pr)
        cupslib.remove_queue(cups_env, "nbA4")
        wine.restart(None)
        rc, out, err, data = check("--json", "--no-network", env=cups_env)
        pr = result(data, "printer")
        ok(pr.get("status") == "warn" and "A4 用紙を選べません" in pr.get("detail", ""),
           "only the Letter queue: warn, A4 cannot be chosen", pr)
    else:
        ok(True, "printers # SKIP a private cupsd needs root and cups-daemon")

    # ---- the console: asks, default いいえ, result in Documents --------------
    rc, out, err, _ = check(stdin=b"\n")
    text = out.decode("utf-8", "strict")
    ok("ネットワークの確認をしますか" in text and "実行しませんでした" in text,
       "asks before any network check; Enter alone is いいえ", text[-800:])
    ok(b"\r" not in out and "[不合格] 画面の解像度 (必須)" in text, "redirected output is clean UTF-8, in Japanese",
       out[:200])
    m = re.search(r"結果を保存しました: (.+)\n", text)
    ok(m and re.search(r"PCチェック結果_[^\\]+_\d{8}\.json$", m.group(1)), "says where the result file is", text[-400:])
    found = [os.path.join(d, f) for d, _, fs in os.walk(wine.home) for f in fs if f.startswith("PCチェック結果_")]
    found += [os.path.join(d, f) for d, _, fs in os.walk(wine.prefix) for f in fs if f.startswith("PCチェック結果_")]
    ok(found and json.load(open(found[0], encoding="utf-8"))["platform"]["os"] == "windows",
       "the result file is in Documents, with the contract", found)

    # ---- back into the survey: the clerk's result file, imported, in the documents ----
    import_into_documents(found)

    # ---- network: TLS with a CA trusted in the prefix, VPN over TCP ---------
    def openssl(*args):
        subprocess.run(["openssl", *args], check=True, capture_output=True, cwd=TMP)

    def make_ca(name, subject):
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", f"{name}-ca.key", "-out", f"{name}-ca.pem",
                "-days", "2", "-subj", subject, "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign")
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", f"{name}-srv.key", "-out", f"{name}-srv.csr",
                "-subj", "/CN=localhost")
        with open(os.path.join(TMP, "ext.cnf"), "w") as f:
            f.write("subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth\n")
        openssl("x509", "-req", "-in", f"{name}-srv.csr", "-CA", f"{name}-ca.pem", "-CAkey", f"{name}-ca.key",
                "-CAcreateserial", "-out", f"{name}-srv.pem", "-days", "2", "-extfile", "ext.cnf")
        openssl("x509", "-in", f"{name}-ca.pem", "-outform", "DER", "-out", f"{name}-ca.der")
        return os.path.join(TMP, f"{name}-ca.der")

    def https_server(name, skew=0):
        class H(BaseHTTPRequestHandler):
            def date_time_string(self, timestamp=None):
                return formatdate(time.time() + skew, usegmt=True)

            def do_GET(self):
                body = b"ok\n"
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *a):
                pass

        srv = ThreadingHTTPServer(("127.0.0.1", 0), H)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(os.path.join(TMP, f"{name}-srv.pem"), os.path.join(TMP, f"{name}-srv.key"))
        srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        TO_CLOSE.append(srv)
        return srv.server_address[1]

    def trust(der_path):
        """The CA into the prefix's Root store: the registry form of a
        certificate store entry (property 32 = the encoded certificate)."""
        der = open(der_path, "rb").read()
        blob = struct.pack("<III", 32, 1, len(der)) + der
        sha1 = hashlib.sha1(der).hexdigest().upper()
        key = r"HKLM\Software\Microsoft\SystemCertificates\Root\Certificates" + "\\" + sha1
        return wine.reg_add(key, "Blob", blob.hex(), kind="REG_BINARY")

    trusted = make_ca("trusted", "/CN=nanbyo Test Root CA")
    make_ca("other", "/CN=Unknown Test CA")
    eq(trust(trusted), 0, "the test CA is made trusted in the prefix")
    wine.restart(None)
    good = https_server("trusted")
    skewed = https_server("trusted", skew=1000)
    untrusted = https_server("other")

    def tcp_openvpn():
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        s.listen(16)

        def serve(c):
            data = b""
            while len(data) < 16:
                chunk = c.recv(64)
                if not chunk:
                    return
                data += chunk
            if data[:2] == b"\x00\x0e" and (data[2] >> 3) == 7:
                pkt = bytes([8 << 3]) + os.urandom(8) + b"\x01" + b"\0\0\0\0" + data[3:11] + b"\0\0\0\0"
                c.sendall(len(pkt).to_bytes(2, "big") + pkt)
            TO_CLOSE.append(c)

        def loop():
            while True:
                try:
                    c, _ = s.accept()
                except OSError:
                    return
                threading.Thread(target=serve, args=(c,), daemon=True).start()

        threading.Thread(target=loop, daemon=True).start()
        TO_CLOSE.append(s)
        return s.getsockname()[1]

    vpn_port = tcp_openvpn()
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    closed_port = closed.getsockname()[1]
    closed.close()
    ovpn_ok = os.path.join(TMP, "ok.ovpn")
    with open(ovpn_ok, "w") as f:
        f.write("client\ndev tun\nproto tcp\nremote 127.0.0.1 %d\n<key>\nSECRET\n</key>\n" % vpn_port)
    ovpn_closed = os.path.join(TMP, "closed.ovpn")
    with open(ovpn_closed, "w") as f:
        f.write("client\ndev tun\nproto tcp\nremote 127.0.0.1 %d\n" % closed_port)

    def winpath(p):
        return "Z:" + p.replace("/", "\\")

    rc, out, err, data = check("--json", "--network", "--https-url", "https://localhost:%d/" % good,
                               "--ovpn", winpath(ovpn_ok), "--timeout", "30")
    h, c, v = result(data, "https"), result(data, "clock"), result(data, "vpn")
    ok(h.get("status") == "pass" and "HTTP 200" in h.get("measured", "") and "nanbyo Test Root CA" in h.get("measured", ""),
       "HTTPS through WinHTTP, verified by the prefix's certificate store: pass, issuer named", h)
    ok(c.get("status") == "pass", "clock from the Date header: pass", c)
    ok(v.get("status") == "pass" and "OpenVPN サーバーが応答しました" in v.get("measured", ""),
       "VPN over TCP: the listener's OpenVPN reset answers: pass", v)
    ok("SECRET" not in out.decode("utf-8", "replace"), "nothing of the .ovpn key block in the result")
    rc, out, err, data = check("--json", "--network", "--https-url", "https://localhost:%d/" % untrusted,
                               "--ovpn", winpath(ovpn_closed), "--timeout", "30")
    h, v = result(data, "https"), result(data, "vpn")
    ok(h.get("status") == "fail" and "証明書" in h.get("measured", "") and "Unknown Test CA" in h.get("measured", ""),
       "a CA the prefix does not trust: https fail, the issuer named", h)
    ok(v.get("status") == "fail" and "拒否" in v.get("measured", ""), "a closed VPN port: fail, refused", v)
    eq(rc, 1, "a failed required network check exits 1")
    rc, out, err, data = check("--json", "--network", "--https-url", "https://localhost:%d/" % skewed, "--timeout", "30")
    c = result(data, "clock")
    ok(c.get("status") == "fail" and re.search(r"\b(999|1000|1001) 秒", c.get("measured", "")),
       "a server Date 1000 s ahead: clock fail", c)
    rc, out, err, _ = check("--https-url", "https://localhost:%d/" % good, stdin="はい\n".encode())
    text = out.decode("utf-8")
    ok("ネットワークを確かめています" in text, "「はい」 starts the network checks", text[-600:])
finally:
    for s in TO_CLOSE:
        try:
            if hasattr(s, "shutdown") and hasattr(s, "serve_forever"):
                s.shutdown()
            elif hasattr(s, "send_signal"):
                s.send_signal(15)
                s.wait(10)
            else:
                s.close()
        except Exception:
            pass
    for x in XSERVERS:
        x.close()
    wine.close()
done()
