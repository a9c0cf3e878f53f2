"""print against a private CUPS scheduler on loopback: cupsd runs as a
child of this test (root, foreground) with its own configuration folder,
listening on 127.0.0.1:<free port>; CUPS_SERVER points the program at it.
Queues: an A4 PDF queue writing to a file (FileDevice Yes), a Letter-only
queue (refused before anything is sent), and a queue that does not accept
jobs. The job really arrives: the file the queue wrote is an A4 PDF with
the institution's name. Also: no scheduler, unknown printer, no default."""
import glob, os, shutil, signal, socket, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from nbtest import ok, eq, run, done, FIX  # noqa: E402

VALID = os.path.join(FIX, "valid.json")

if os.geteuid() != 0 or not os.path.exists("/usr/sbin/cupsd"):
    print("ok 1 # SKIP a private cupsd needs root and cups-daemon")
    done()


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


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

root = tempfile.mkdtemp(prefix="nbcups-")
os.chmod(root, 0o755)
for d in ("etc", "spool", "cache", "state", "tmp", "log", "out", "home"):
    os.makedirs(os.path.join(root, d))
for d in ("spool", "cache", "state", "tmp", "log", "out"):
    shutil.chown(os.path.join(root, d), "lp", "lp")
os.chmod(os.path.join(root, "out"), 0o777)
port = free_port()
server = "127.0.0.1:%d" % port
with open(os.path.join(root, "etc", "cupsd.conf"), "w") as f:
    f.write("""LogLevel warn
Listen %s
WebInterface No
Browsing No
DefaultAuthType None
<Location />
  Order allow,deny
  Allow 127.0.0.1
</Location>
<Location /admin>
  Order allow,deny
  Allow 127.0.0.1
</Location>
<Policy default>
  JobPrivateAccess default
  JobPrivateValues default
  SubscriptionPrivateAccess default
  SubscriptionPrivateValues default
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
""" % server)
with open(os.path.join(root, "etc", "cups-files.conf"), "w") as f:
    f.write("""FileDevice Yes
ServerRoot {r}/etc
RequestRoot {r}/spool
CacheDir {r}/cache
StateDir {r}/state
TempDir {r}/tmp
AccessLog {r}/log/access_log
ErrorLog {r}/log/error_log
PageLog {r}/log/page_log
ServerBin /usr/lib/cups
DataDir /usr/share/cups
User lp
Group lp
""".format(r=root))
letter_ppd = os.path.join(root, "letter.ppd")
with open(letter_ppd, "w") as f:
    f.write(LETTER_PPD)

env = {"CUPS_SERVER": server, "HOME": os.path.join(root, "home"), "CUPS_SERVERROOT": os.path.join(root, "etc")}
for k in ("LPDEST", "PRINTER"):
    os.environ.pop(k, None)
os.environ.update(env)

# Before the scheduler exists: told there is no CUPS to talk to.
r = run("print", VALID, "--printer", "a4")
ok(r.returncode != 0 and "CUPS" in r.stderr and "接続できません" in r.stderr,
   "no scheduler: says CUPS cannot be reached", r.stderr)

cupsd = subprocess.Popen(["/usr/sbin/cupsd", "-f", "-c", os.path.join(root, "etc", "cupsd.conf"),
                          "-s", os.path.join(root, "etc", "cups-files.conf")],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def cups(*args):
    return subprocess.run(list(args), capture_output=True, text=True, env=dict(os.environ))


try:
    for _ in range(600):
        if cups("lpstat", "-r").stdout.startswith("scheduler is running"):
            break
        time.sleep(0.1)
    a4_out = os.path.join(root, "out", "a4.prn")
    # cups-daemon 2.4.2-3+deb12u10 opens a file: queue's output with
    # O_WRONLY|O_EXCL and no O_CREAT, so the file must exist first, owned by
    # the scheduler's user.
    for name in ("a4.prn", "letter.prn", "closed.prn"):
        out = os.path.join(root, "out", name)
        open(out, "wb").close()
        shutil.chown(out, "lp", "lp")
    rc1 = cups("lpadmin", "-p", "a4", "-E", "-v", "file://" + a4_out, "-P",
               "/usr/share/ppd/cupsfilters/Generic-PDF_Printer-PDF.ppd", "-o", "media-default=A4")
    rc2 = cups("lpadmin", "-p", "letter", "-E", "-v", "file://" + os.path.join(root, "out", "letter.prn"),
               "-P", letter_ppd)
    rc3 = cups("lpadmin", "-p", "closed", "-E", "-v", "file://" + os.path.join(root, "out", "closed.prn"),
               "-P", "/usr/share/ppd/cupsfilters/Generic-PDF_Printer-PDF.ppd")
    cups("cupsreject", "closed")
    ok(rc1.returncode == 0 and rc2.returncode == 0 and rc3.returncode == 0, "private cupsd with three queues",
       rc1.stderr + rc2.stderr + rc3.stderr)

    # A real job on the A4 queue.
    r = run("print", VALID, "--printer", "a4")
    eq(r.returncode, 0, "a4 queue: print exits 0")
    import re
    m = re.search(r"印刷ジョブ (\d+)", r.stdout)
    ok(m is not None and "a4" in r.stdout, "a4 queue: the job id is reported", r.stdout + r.stderr)
    data = b""
    # Polls up to 60 s: a busy machine may take long to run the filters.
    for _ in range(600):
        st = cups("lpstat", "-W", "completed", "-o", "a4").stdout
        if m and ("a4-%s" % m.group(1)) in st and os.path.exists(a4_out) and os.path.getsize(a4_out) > 0:
            with open(a4_out, "rb") as f:
                data = f.read()
            break
        time.sleep(0.1)
    ok(b"%PDF" in data, "a4 queue: the job completed and the queue wrote a PDF", "%d bytes" % len(data))
    if b"%PDF" in data:
        pdf = data[data.index(b"%PDF"):]
        end = pdf.rfind(b"%%EOF")
        pdf = pdf[:end + 5] if end >= 0 else pdf
        path = os.path.join(root, "got.pdf")
        with open(path, "wb") as f:
            f.write(pdf)
        info = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
        ok("(A4)" in info or "595" in info and "842" in info, "a4 queue: the printed PDF is A4", info)
        text = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True).stdout
        ok("やまぐち内科クリニック" in text, "a4 queue: the printed PDF has the institution's name")
    log = cups("lpstat", "-l", "-o", "a4").stdout

    # Letter-only queue: refused before anything is sent.
    before = cups("lpstat", "-W", "all", "-o", "letter").stdout
    r = run("print", VALID, "--printer", "letter")
    ok(r.returncode != 0 and "A4" in r.stderr and "letter" in r.stderr,
       "letter-only queue: refused in Japanese naming A4 and the printer", r.stderr)
    eq(cups("lpstat", "-W", "all", "-o", "letter").stdout, before, "letter-only queue: no job created")

    r = run("print", VALID, "--printer", "closed")
    ok(r.returncode != 0 and "受け付けていません" in r.stderr, "queue not accepting jobs: the rejection is explained",
       r.stderr)

    r = run("print", VALID, "--printer", "nosuchprinter")
    ok(r.returncode != 0 and "nosuchprinter" in r.stderr and "見つかりません" in r.stderr,
       "unknown printer: named, with how to list printers", r.stderr)

    r = run("print", VALID)
    ok(r.returncode != 0 and "既定のプリンター" in r.stderr, "no default printer: says so and how to choose", r.stderr)

    cups("lpadmin", "-d", "a4")
    r = run("print", VALID, "--fax-cover")
    ok(r.returncode == 0 and "既定のプリンター" in r.stdout, "default printer with --fax-cover: printed",
       r.stdout + r.stderr)

    r = run("print", VALID, "--printer", "a4", "--wait")
    ok(r.returncode == 0 and "印刷が終わりました" in r.stdout, "--wait: reports that the job completed",
       r.stdout + r.stderr)
    cups("cupsdisable", "a4")
    r = run("print", VALID, "--printer", "a4", "--wait")
    ok(r.returncode == 0 and "まだ終わっていません" in r.stdout, "--wait on a stopped queue: says the job waits",
       r.stdout + r.stderr)
    m2 = re.search(r"印刷ジョブ (\d+)", r.stdout)
    if m2:
        cups("cancel", m2.group(1))
    cups("cupsenable", "a4")

    # A hostile name (CR/LF, 10,000 characters, emoji, 髙/﨑) still prints;
    # the job title is cleaned and cut short.
    import json
    with open(VALID, encoding="utf-8") as f:
        doc = json.load(f)
    doc["fields"]["institution_name"] = "A\r\nB" + "髙﨑😀" * 3333
    evil = os.path.join(root, "evil.json")
    with open(evil, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False)
    r = run("print", evil, "--printer", "a4", "--force")
    ok(r.returncode == 0 and "印刷ジョブ" in r.stdout, "hostile name: printed as a draft", r.stderr[:300])
    jobs = cups("lpstat", "-W", "all", "-o", "a4").stdout
    ok("\r" not in jobs, "hostile name: queue listing intact")

    bad = os.path.join(root, "bad.json")
    with open(bad, "w") as f:
        f.write('{"format": "nanbyo-survey-answers/1", "survey": "yamaguchi-r8", "fields": {}}')
    r = run("print", bad, "--printer", "a4")
    eq(r.returncode, 1, "invalid answers: not printed without --force")
finally:
    cupsd.send_signal(signal.SIGTERM)
    try:
        cupsd.wait(10)
    except subprocess.TimeoutExpired:
        cupsd.kill()
        cupsd.wait()
    shutil.rmtree(root, ignore_errors=True)
done()
