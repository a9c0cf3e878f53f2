"""`make bench`: how fast nanbyo-survey is next to an anchor doing the same
work, measured so that a busy machine skews both alike, and how its costs
grow with the number of items. Written to bench/results.md with the machine
described.

- Program and anchor run alternately (A B A B ...), one warm-up each first;
  the ratio is the median of the per-pair ratios, so load that comes and
  goes hits both sides of a pair.
- Each side reports the median wall time and the median CPU time (user +
  system of the process and the children it waited for, from
  getrusage(RUSAGE_CHILDREN)), and, when valgrind is installed, the
  instructions executed (callgrind, one run, every process of the command
  counted), which do not depend on load at all.
- The scaling table runs validate, summary, each export format, the TUI's
  first frame and its items page on 10, 100, 1,000 and 10,000 items and
  gives the growth factor of CPU time per decade (10x the items).
Usage: bench.py BUILD_DIR
  NB_BENCH_RUNS   pairs per quick benchmark (default 9; slow ones use fewer)
  NB_BENCH_ONLY   comma-separated words: only the entries whose name holds one
  NB_BENCH_SCALE  comma-separated item counts (default 10,100,1000,10000; 0 = none)
  NB_BENCH_NO_VALGRIND=1  skip the instruction counts"""
import json, os, platform, re, resource, shutil, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import ptyrun, servers  # noqa: E402

BUILD = sys.argv[1] if len(sys.argv) > 1 else "build"
BIN = os.path.join(ROOT, BUILD, "nanbyo-survey")
RUNS = int(os.environ.get("NB_BENCH_RUNS", "9"))
SCALE = [int(x) for x in os.environ.get("NB_BENCH_SCALE", "10,100,1000,10000").split(",") if int(x) > 0]
VALGRIND = None if os.environ.get("NB_BENCH_NO_VALGRIND") else shutil.which("valgrind")
TMP = tempfile.mkdtemp(prefix="nb-bench-")
ANS = os.path.join(ROOT, "tests", "san", "answers-valid.json")
PLACEHOLDER = "まだ実装されていません"
ENV = dict(os.environ, LC_ALL="C.UTF-8", NANBYO_TODAY="2026-03-20",
           XDG_DATA_HOME=os.path.join(TMP, "data"), XDG_CONFIG_HOME=os.path.join(TMP, "config"),
           TERM="xterm-256color")
ENV.pop("NO_COLOR", None)
rows = []
scale_rows = []
# The anchor for the questionnaire: a two-field form like our first page.
DIALOG_FORM = ["dialog", "--form", "医療機関の情報", "15", "60", "4",
               "医療機関名", "1", "1", "やまぐち内科クリニック", "1", "16", "30", "60",
               "電話番号", "2", "1", "", "2", "16", "20", "20"]
LOAD = os.getloadavg()  # other work on the machine skews wall times: say how much


def median(xs):
    xs = [x for x in xs if x == x]
    return statistics.median(xs) if xs else float("nan")


def cpu_children():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_once(argv, env=None, ok=(0,)):
    """(wall ms, CPU ms, CompletedProcess)."""
    c0 = cpu_children()
    t0 = time.perf_counter()
    p = subprocess.run(argv, env=env or ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       stdin=subprocess.DEVNULL, timeout=600)
    ms = (time.perf_counter() - t0) * 1000
    cpu = (cpu_children() - c0) * 1000
    if p.returncode not in ok:
        raise RuntimeError(f"{' '.join(argv[:3])}... exit {p.returncode}: "
                           f"{p.stderr.decode('utf-8', 'replace').strip()[:300]}")
    return ms, cpu, p


def cmd(argv, env=None, ok=(0,)):
    """A measurable side: a function returning (wall ms, CPU ms)."""
    return lambda: run_once(argv, env, ok)[:2]


def pty_cmd(argv, env=None, marker=None, keys=b"", use_mark=False):
    """A side run in a pseudo-terminal; wall time to exit, or to the marker
    when use_mark (the program is then told to quit with keys)."""
    def side():
        c0 = cpu_children()
        ms_mark, ms_exit, rc, out = ptyrun.run(argv, env=env or ENV, marker=marker, keys=keys)
        cpu = (cpu_children() - c0) * 1000
        if (rc != 0 and not use_mark) or (use_mark and ms_mark != ms_mark):
            raise RuntimeError(f"{argv[0]} exit {rc}: {out[-300:]!r}")
        return (ms_mark if use_mark else ms_exit), cpu
    return side


def max_rss_kb(argv, env=None, pty=False, marker=None, keys=b""):
    out = os.path.join(TMP, "rss")
    if os.path.exists(out):
        os.unlink(out)
    wrapped = ["/usr/bin/time", "-f", "%M", "-o", out, *argv]
    if pty:
        ptyrun.run(wrapped, env=env or ENV, marker=marker, keys=keys, timeout=60)
    else:
        subprocess.run(wrapped, env=env or ENV, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, timeout=600)
    try:
        with open(out) as f:
            return int(f.read().split()[-1])
    except (OSError, ValueError, IndexError):
        return None


def instructions(argv, env=None, pty=False, marker=None, keys=b""):
    """Instructions executed by the command and every process it starts
    (callgrind --trace-children=yes, summed), or None without valgrind."""
    if not VALGRIND:
        return None
    d = tempfile.mkdtemp(dir=TMP, prefix="cg-")
    vg = [VALGRIND, "--tool=callgrind", "--trace-children=yes", f"--callgrind-out-file={d}/out.%p",
          f"--log-file={d}/log.%p", *argv]
    try:
        if pty:
            ptyrun.run(vg, env=env or ENV, marker=marker, keys=keys, timeout=180)
        else:
            subprocess.run(vg, env=env or ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           stdin=subprocess.DEVNULL, timeout=900)
        total = 0
        for name in os.listdir(d):
            if name.startswith("log."):
                with open(os.path.join(d, name), errors="replace") as f:
                    m = re.search(r"Collected : (\d+)", f.read())
                    total += int(m.group(1)) if m else 0
        return total or None
    finally:
        shutil.rmtree(d, ignore_errors=True)


def pairs(ours, anchor, runs, warmup=1):
    """Alternate ours and anchor (A B A B ...) after warm-up runs of each.
    Returns (ours (wall, cpu), anchor (wall, cpu), ratio of wall, ratio of CPU),
    each a median; the ratios are medians of the per-pair ratios."""
    for _ in range(warmup):
        ours()
        anchor()
    a, b = [], []
    for _ in range(runs):
        a.append(ours())
        b.append(anchor())
    rw = median([x[0] / y[0] for x, y in zip(a, b) if y[0] > 0])
    rc = median([x[1] / y[1] for x, y in zip(a, b) if y[1] > 0])
    return ((median([x[0] for x in a]), median([x[1] for x in a])),
            (median([y[0] for y in b]), median([y[1] for y in b])), rw, rc)


def alone(side, runs, warmup=1):
    for _ in range(warmup):
        side()
    got = [side() for _ in range(runs)]
    return median([x[0] for x in got]), median([x[1] for x in got])


def placeholder(argv):
    p = subprocess.run(argv, env=ENV, capture_output=True, stdin=subprocess.DEVNULL, timeout=60)
    return PLACEHOLDER in p.stderr.decode("utf-8", "replace")


def fmt_ir(n):
    return f"{n / 1e6:.1f} M" if n else "-"


def add(name, ours, anchor_name, anchor, ratio=(float("nan"), float("nan")), note=""):
    """ours/anchor: dict(wall, cpu, rss, ir) or None when not measured."""
    rows.append((name, ours, anchor_name, anchor, ratio, note))

    def side(s):
        if not s:
            return "   not measured" + " " * 30
        return f"{s['wall']:8.1f} ms {s['cpu']:8.1f} ms cpu {fmt_ir(s.get('ir')):>9s}"
    r = f"{ratio[0]:5.2f}x wall {ratio[1]:5.2f}x cpu" if ratio[0] == ratio[0] else ""
    print(f"{name:34s} {side(ours)} | {anchor_name:28s} {side(anchor)} | {r}  {note}", flush=True)


def guarded(name, fn):
    try:
        fn()
    except Exception as e:  # report and go on: one broken benchmark must not hide the rest
        rows.append((name, None, "", None, (float("nan"), float("nan")), f"failed: {e}"))
        print(f"{name:34s} FAILED: {e}", flush=True)


def compare(name, argv, anchor_name, anchor_argv, runs, note="", ok=(0,), anchor_ok=(0,), env=None,
            anchor_env=None, ir=True, anchor_ir=True, warmup=1):
    """The usual row: argv against anchor_argv, alternating."""
    o, a, rw, rc = pairs(cmd(argv, env, ok), cmd(anchor_argv, anchor_env, anchor_ok), runs, warmup)
    ours = dict(wall=o[0], cpu=o[1], rss=max_rss_kb(argv, env),
                ir=instructions(argv, env) if ir else None)
    anc = dict(wall=a[0], cpu=a[1], rss=max_rss_kb(anchor_argv, anchor_env),
               ir=instructions(anchor_argv, anchor_env) if anchor_ir else None)
    add(name, ours, anchor_name, anc, (rw, rc), note)


# ---------------------------------------------------------------------------
def bench_tui():
    name = "start-up to first TUI frame"
    if placeholder([BIN, "tui", "--help"]) or placeholder([BIN, "--answers", "/nonexistent/x.json"]):
        rows.append((name, None, "dialog --form", None, (float("nan"),) * 2, "TUI is still a placeholder"))
        return
    ans = os.path.join(TMP, "tui.json")
    shutil.copy(ANS, ans)
    env = dict(ENV, NANBYO_EXIT_AFTER_FIRST_FRAME="1")
    argv = [BIN, "--answers", ans]
    # dialog: a two-field form like our first page; time until its last
    # piece (the Cancel button) is on screen, then Enter closes it.
    dlg = DIALOG_FORM
    o, a, rw, rc = pairs(pty_cmd(argv, env), pty_cmd(dlg, ENV, marker=b"ancel", keys=b"\r", use_mark=True),
                         RUNS)
    ours = dict(wall=o[0], cpu=o[1], rss=max_rss_kb(argv, env, pty=True), ir=instructions(argv, env, pty=True))
    anc = dict(wall=a[0], cpu=a[1], rss=max_rss_kb(dlg, ENV, pty=True, marker=b"ancel", keys=b"\r"),
               ir=instructions(dlg, ENV, pty=True, marker=b"ancel", keys=b"\r"))
    add(name, ours, "dialog --form (2 fields)", anc, (rw, rc),
        "ours: spawn to exit after the first frame; dialog: spawn to frame drawn (its CPU and "
        "instructions run to exit after Enter)")


def bench_tui_session():
    # A whole fill at 80x24 through tmux (tests/e2e/test_tui_fill.py: every
    # page typed, items added, the PC check run locally, the review page),
    # with the questionnaire's own peak RSS (VmHWM) read just before it
    # quits. The PC check and documents run in child processes, which are
    # not part of this figure (their size is the check/export rows').
    name = "TUI session filling the survey"
    peak_file = os.path.join(TMP, "tui-peak")
    env = dict(ENV, NB_ROOT=ROOT, NB_BUILD=os.path.join(ROOT, BUILD), NB_BIN=BIN, NB_PEAK_RSS_FILE=peak_file)
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "tests", "e2e", "test_tui_fill.py")], env=env,
                       capture_output=True, text=True, timeout=300)
    ms = (time.perf_counter() - t0) * 1000
    if "not ok" in p.stdout or p.returncode != 0:
        raise RuntimeError(f"fill session failed: {p.stdout[-400:]} {p.stderr[-300:]}")
    with open(peak_file) as f:
        peak = int(f.read().strip())
    add(name, dict(wall=ms, cpu=float("nan"), rss=peak, ir=None), "dialog --form (2 fields)",
        dict(wall=float("nan"), cpu=float("nan"),
             rss=max_rss_kb(DIALOG_FORM, ENV, pty=True, marker=b"ancel", keys=b"\r"), ir=None),
        note="peak RSS of the questionnaire process (VmHWM) over a full fill incl. the local PC check; "
             "time is the scripted session (mostly waits for the screen, tmux's CPU not counted), "
             "not comparable")


def bench_startup():
    # Loading and initialising the shared libraries, nothing else: the floor
    # under every command.
    libs = subprocess.run(["ldd", BIN], capture_output=True, text=True).stdout.count("=>")
    compare("program start-up (--version)", [BIN, "--version"], "dialog --version", ["dialog", "--version"],
            RUNS, f"{libs} shared libraries loaded")


def bench_calc():
    compare("calc 120000", [BIN, "calc", "120000"], "awk (same formula)",
            ["awk", "BEGIN { e = 120000; s = (e < 100000 ? e : 100000); s = int(int(s / 2) / 1000) * 1000;"
                    " print (s < 50000 ? s : 50000) }"], RUNS)


def bench_validate():
    # yajl's json_verify: a C parser with no start-up to speak of, reading the
    # same file; parsing only, so a floor for ours (definition, rules)
    compare("validate (valid answers)", [BIN, "validate", ANS], "json_verify (yajl, parse only)",
            ["sh", "-c", 'exec json_verify -q < "$1"', "sh", ANS], RUNS)


def bench_export():
    name = "export xlsx+pdf+csv+eml"
    out = os.path.join(TMP, "export")
    os.makedirs(out, exist_ok=True)
    argv = [BIN, "export", ANS, "--xlsx", f"{out}/a.xlsx", "--pdf", f"{out}/a.pdf",
            "--csv", f"{out}/a.csv", "--eml", f"{out}/a.eml"]
    if placeholder(argv):
        rows.append((name, None, "LibreOffice xlsx to PDF", None, (float("nan"),) * 2,
                     "export is still a placeholder"))
        return
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        w, c = alone(cmd(argv), max(3, RUNS // 2))
        add(name, dict(wall=w, cpu=c, rss=max_rss_kb(argv), ir=instructions(argv)), "LibreOffice xlsx to PDF",
            None, note="LibreOffice is not installed")
        return
    run_once(argv)  # the xlsx LibreOffice converts
    profile = "file://" + os.path.join(TMP, "lo-profile")
    lo_out = os.path.join(TMP, "lo")
    lo = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
          "--convert-to", "pdf", "--outdir", lo_out, f"{out}/a.xlsx"]
    # the warm-up run creates LibreOffice's profile
    compare(name, argv, "LibreOffice headless xlsx to PDF", lo, 3, "same workbook; LibreOffice writes only the PDF",
            anchor_ir=False)


def bench_export_csv():
    out = os.path.join(TMP, "csv")
    os.makedirs(out, exist_ok=True)
    # the anchor parses the same answers and writes them out again as text
    # in CP932 into a file (yajl's json_reformat piped through iconv)
    conv = 'json_reformat < "$1" | iconv -f UTF-8 -t CP932 > "$2"'
    compare("export --csv", [BIN, "export", ANS, "--csv", f"{out}/a.csv"],
            "sh: json_reformat, then iconv to CP932", ["sh", "-c", conv, "sh", ANS, f"{out}/b.txt"], RUNS)


def bench_export_qr():
    """The QR code's cost on export --pdf: the same PDF with and without it."""
    out = os.path.join(TMP, "qr")
    os.makedirs(out, exist_ok=True)
    compare("export --pdf (with the QR code)", [BIN, "export", ANS, "--pdf", f"{out}/qr.pdf"],
            "export --pdf --no-qr", [BIN, "export", ANS, "--pdf", f"{out}/plain.pdf", "--no-qr"],
            max(3, RUNS // 2), "difference = encoding and drawing the code")


def bench_collect():
    """collect of the 304-input folder of tests/integration/test_collect.py
    (200 answers files, 81 e-mails, 19 fax TIFFs, duplicates) into a new
    database; the anchor is zbarimg reading the same fax TIFFs (plain
    zbar, no cleaning, no decoding, no database)."""
    name = "collect 304 mixed inputs"
    os.environ["NB_BIN"] = BIN
    sys.path.insert(0, os.path.join(ROOT, "tests", "fixtures", "collect"))
    import gen
    inbox = os.path.join(TMP, "inbox")
    gen.build_inbox(inbox, os.path.join(TMP))
    faxes = sorted(os.path.join(inbox, "fax", f) for f in os.listdir(os.path.join(inbox, "fax")))
    n = [0]

    def ours():
        n[0] += 1
        return run_once([BIN, "collect", "--db", os.path.join(TMP, f"c{n[0]}.sqlite"), "--json", inbox],
                        ok=(0, 1))[:2]
    rss = max_rss_kb([BIN, "collect", "--db", os.path.join(TMP, "rss.sqlite"), "--json", inbox])
    if not shutil.which("zbarimg"):
        w, c = alone(ours, 3, warmup=0)
        add(name, dict(wall=w, cpu=c, rss=rss, ir=None), "zbarimg", None, note="zbar-tools not installed")
        return
    zbar = ["zbarimg", "-q", *faxes]
    o, a, rw, rc = pairs(ours, cmd(zbar, ok=(0, 4)), 3, warmup=0)
    add(name, dict(wall=o[0], cpu=o[1], rss=rss, ir=None), "zbarimg on its 19 fax TIFFs",
        dict(wall=a[0], cpu=a[1], rss=max_rss_kb(zbar), ir=None), (rw, rc),
        "new database each run; ours also cleans, decodes, validates, stores; no instruction count "
        "(minutes under callgrind)")


def bench_check_local():
    argv = [BIN, "check", "--no-network", "--json"]
    if placeholder(argv):
        rows.append(("check --no-network", None, "", None, (float("nan"),) * 2, "check is still a placeholder"))
        return
    compare("check --no-network", argv, "sh: meminfo, df, uname, lpstat",
            ["sh", "-c", "cat /proc/meminfo /proc/cpuinfo >/dev/null; df -P / >/dev/null; "
                         "uname -a >/dev/null; lpstat -a >/dev/null 2>&1; true"], RUNS, ok=(0, 1))


def bench_check_exe_wine():
    """nanbyo-check.exe --json --no-network under wine64 in a private
    Windows 10 prefix with a warm wineserver, next to the Linux check."""
    name = "nanbyo-check.exe --no-network (wine)"
    exe = os.path.join(ROOT, BUILD, "windows", "nanbyo-check.exe")
    sys.path.insert(0, os.path.join(ROOT, "tests"))
    import winlib
    if not winlib.available() or not os.path.exists(exe):
        rows.append((name, None, "", None, (float("nan"),) * 2, "wine64 or the .exe missing (make windows)"))
        return
    wine = winlib.Wine(os.path.join(TMP, "wine"))
    try:
        made, why = wine.create()
        if not made:
            rows.append((name, None, "", None, (float("nan"),) * 2, "no wine prefix: " + why))
            return
        # output to /dev/null inside the shell: wine's helper processes must
        # not inherit the pipe that run_once reads (they outlive the run)
        argv = ["sh", "-c", 'exec "$0" "$@" >/dev/null 2>&1', winlib.WINE, exe, "--json", "--no-network"]
        compare(name, argv, "Linux check --no-network", [BIN, "check", "--no-network", "--json"], RUNS,
                "warm wineserver; RSS is wine's loader; CPU leaves out the wineserver",
                ok=(0, 1), anchor_ok=(0, 1), env=wine.env, ir=False, anchor_ir=False, warmup=2)
    finally:
        wine.close()


def statuses(stdout):
    """Status of each network check, e.g. "dns na, https pass, clock pass, vpn fail"."""
    try:
        doc = json.loads(stdout)
    except ValueError:
        return "?"
    net = [c for c in doc.get("checks", []) if c.get("id") in ("dns", "https", "clock", "vpn")]
    return ", ".join(f"{c['id']} {c.get('status')}" for c in net)


def bench_check_net():
    base = [BIN, "check", "--json"]
    if placeholder(base + ["--no-network"]):
        rows.append(("full check, loopback", None, "", None, (float("nan"),) * 2, "check is still a placeholder"))
        return
    cert, key = servers.make_cert(TMP)
    # HTTPS comes before the VPN probe in --sequential order, so a hanging
    # HTTPS server shows what running one after another costs.
    scen = [("full check, one hanging endpoint", dict(https_hang=True, vpn_delay=0.2), 2),
            ("full check, two slow endpoints", dict(https_delay=0.5, vpn_delay=0.5), 5)]
    for name, s, timeout in scen:
        hport = servers.https_server(cert, key, delay=s.get("https_delay", 0),
                                     hang=s.get("https_hang", False))
        vport = servers.vpn_udp_server(delay=s.get("vpn_delay", 0), hang=s.get("vpn_hang", False))
        ovpn = os.path.join(TMP, f"vpn-{vport}.ovpn")
        servers.write_ovpn(ovpn, vport)
        argv = base + ["--https-url", f"https://127.0.0.1:{hport}/", "--cacert", cert,
                       "--ovpn", ovpn, "--timeout", str(timeout)]
        got_c = statuses(run_once(argv, ok=(0, 1))[2].stdout)
        got_s = statuses(run_once(argv + ["--sequential"], ok=(0, 1))[2].stdout)
        compare(name, argv, "same probes, --sequential", argv + ["--sequential"], max(3, RUNS // 3),
                f"deadline {timeout} s; concurrent: {got_c}; sequential: {got_s}; instructions not counted "
                "(waits on the network)", ok=(0, 1), anchor_ok=(0, 1), ir=False, anchor_ir=False, warmup=0)


# --- scaling ----------------------------------------------------------------
def answers_with_items(n):
    """The valid fixture with n items (categories in turn, distinct
    descriptions), as an answers file; and the same opening on the items page."""
    with open(ANS, encoding="utf-8") as f:
        doc = json.load(f)
    cats = ["pc", "printer", "peripheral", "network", "software"]
    doc["items"] = [{"category": cats[i % len(cats)], "description": f"物品 {i + 1} (型番 X-{i + 1:05d})",
                     "quantity": 1 + i % 3, "unit_price": 1000 + (i % 7) * 100} for i in range(n)]
    plain = os.path.join(TMP, f"items-{n}.json")
    with open(plain, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False)
    doc["ui"] = {"page": "items"}
    paged = os.path.join(TMP, f"items-{n}-page.json")
    with open(paged, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False)
    return plain, paged


def scale_commands(n):
    plain, paged = answers_with_items(n)
    out = os.path.join(TMP, f"scale-{n}")
    os.makedirs(out, exist_ok=True)
    tui_env = dict(ENV, NANBYO_EXIT_AFTER_FIRST_FRAME="1")
    ex = [BIN, "export", plain]
    return [
        ("validate", cmd([BIN, "validate", plain])),
        ("summary", cmd([BIN, "summary", plain])),
        ("export --xlsx", cmd(ex + ["--xlsx", f"{out}/a.xlsx"])),
        ("export --pdf", cmd(ex + ["--pdf", f"{out}/a.pdf"])),
        ("export --csv", cmd(ex + ["--csv", f"{out}/a.csv"])),
        ("export --items-csv", cmd(ex + ["--items-csv", f"{out}/i.csv"])),
        ("export --eml", cmd(ex + ["--eml", f"{out}/a.eml"])),
        ("export xlsx+pdf+csv+eml", cmd(ex + ["--xlsx", f"{out}/b.xlsx", "--pdf", f"{out}/b.pdf",
                                             "--csv", f"{out}/b.csv", "--eml", f"{out}/b.eml"])),
        ("TUI first frame", pty_cmd([BIN, "--answers", plain], tui_env)),
        ("TUI items page", pty_cmd([BIN, "--answers", paged], tui_env)),
    ]


def bench_scaling():
    if not SCALE:
        return
    got = {}  # (what, n) -> (wall, cpu)
    for n in SCALE:
        # The small sizes take milliseconds, where one slow run (the machine
        # doing something else) moves a median of three enough to change a
        # growth factor by a fifth: seven runs there, three where one run
        # takes seconds.
        runs = 7 if n <= 1000 else 3
        for what, side in scale_commands(n):
            try:
                got[(what, n)] = alone(side, runs, warmup=1 if n <= 1000 else 0)
            except Exception as e:  # one failure must not hide the rest
                got[(what, n)] = (float("nan"), float("nan"))
                print(f"scaling {what} {n}: FAILED {e}", flush=True)
            w, c = got[(what, n)]
            print(f"scaling {what:26s} {n:6d} items {w:9.1f} ms wall {c:9.1f} ms cpu", flush=True)
    for what, _ in scale_commands(SCALE[0]):
        scale_rows.append((what, [got.get((what, n), (float("nan"),) * 2) for n in SCALE]))


# ---------------------------------------------------------------------------
def machine():
    def first(path, key):
        try:
            with open(path) as f:
                for line in f:
                    if line.startswith(key):
                        return line.split(":", 1)[1].strip()
        except OSError:
            pass
        return "?"
    mem_kb = first("/proc/meminfo", "MemTotal").split()[0]
    try:
        deb = open("/etc/debian_version").read().strip()
    except OSError:
        deb = "?"
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
    vg = subprocess.run([VALGRIND, "--version"], capture_output=True, text=True).stdout.strip() if VALGRIND else "not installed"
    return [("CPU", first("/proc/cpuinfo", "model name")), ("cores (nproc)", str(os.cpu_count())),
            ("memory", f"{int(mem_kb) / 1024 / 1024:.1f} GiB"), ("kernel", platform.release()),
            ("Debian", deb), ("compiler build", f"{BUILD}/ (-O2 -g)"), ("commit", commit),
            ("valgrind (instruction counts)", vg),
            ("date (UTC)", time.strftime("%Y-%m-%d %H:%M", time.gmtime())),
            ("load average at start (1/5/15 min)", " ".join(f"{x:.2f}" for x in LOAD)),
            ("load average at the end", " ".join(f"{x:.2f}" for x in os.getloadavg()))]


def ms(x):
    return f"{x:.1f} ms" if x == x else "-"


def row_of(name):
    for r in rows:
        if r[0] == name:
            return r
    return None


def targets():
    """Issue 17's targets next to what this run measured."""
    out = []

    def line(what, target, got, met):
        out.append(f"| {what} | {target} | {got} | {'yes' if met else ('no' if met is False else '-')} |")
    r = row_of("check --no-network")
    if r and r[1]:
        ir = r[1].get("ir")
        line("`check --no-network`, instructions", "under 8 M", fmt_ir(ir), ir < 8e6 if ir else None)
        line("`check --no-network` against the shell anchor", "faster (ratio < 1)",
             f"{r[4][0]:.2f} wall, {r[4][1]:.2f} CPU", r[4][0] < 1 if r[4][0] == r[4][0] else None)
    r = row_of("export xlsx+pdf+csv+eml")
    if r and r[1]:
        ir = r[1].get("ir")
        line("export xlsx+pdf+csv+eml, fixture, instructions", "under 150 M", fmt_ir(ir), ir < 150e6 if ir else None)
    r = row_of("export --csv")
    if r and r[1]:
        ir = r[1].get("ir")
        line("export --csv alone, instructions", "under 10 M", fmt_ir(ir), ir < 10e6 if ir else None)
    r = row_of("start-up to first TUI frame")
    if r and r[1]:
        ir = r[1].get("ir")
        line("TUI first frame, instructions", "not more than 6.2 M (dialog 8.5 M)",
             f"{fmt_ir(ir)} (dialog {fmt_ir(r[3].get('ir') if r[3] else None)})", ir <= 6.2e6 if ir else None)
    if scale_rows and 10000 in SCALE:
        k = SCALE.index(10000)
        four = dict(scale_rows).get("export xlsx+pdf+csv+eml")
        if four:
            c = four[k][1]
            line("10,000 items: export all four, CPU", "under 1.5 s", ms(c), c < 1500 if c == c else None)
        page = dict(scale_rows).get("TUI items page")
        if page:
            # judged on CPU: the wall time of a 30 ms run is mostly the
            # machine's load when other work shares it
            w, c = page[k]
            line("10,000 items: TUI items page (spawn to exit after the frame), CPU", "under 50 ms",
                 f"{ms(c)} ({ms(w)} wall)", c < 50 if c == c else None)
        if 1000 in SCALE:
            j = SCALE.index(1000)
            worst = max(((v[k][1] / v[j][1], what) for what, v in scale_rows if v[j][1] > 0 and v[k][1] == v[k][1]),
                        default=None)
            if worst:
                line("growth 1,000 → 10,000 items, any command (CPU)", "at most 12x",
                     f"{worst[0]:.1f}x ({worst[1]})", worst[0] <= 12)
    return out


def write_results(elapsed):
    lines = ["# nanbyo-survey benchmarks", "",
             "Written by `make bench` (bench/run.sh, bench/bench.py). Program and anchor run alternately",
             f"(A B A B ..., one warm-up each, {RUNS} pairs for the quick commands, fewer for the slow ones);",
             "times are medians, the ratios (nanbyo-survey / anchor, below 1 = faster than the anchor) are",
             "medians of the per-pair ratios. CPU is user + system time of the command and the processes",
             "it waited for. Instructions: one run under callgrind, every process of the command counted;",
             "unlike times they do not depend on what else the machine is doing. Max RSS is from",
             "`/usr/bin/time -f %M` (one extra run).", "",
             "## Machine", ""]
    lines += [f"- {k}: {v}" for k, v in machine()]
    lines += ["", "## Results", "",
              "| benchmark | wall | CPU | instructions | max RSS | anchor | anchor wall | anchor CPU "
              "| anchor instructions | anchor max RSS | ratio wall | ratio CPU | notes |",
              "|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---|"]
    for name, ours, aname, anchor, ratio, note in rows:
        def cells(s):
            if not s:
                return ["not measured", "", "", ""]
            rss = f"{(s['rss'] or 0) / 1024:.1f} MiB" if s.get("rss") else "-"
            return [ms(s["wall"]), ms(s["cpu"]), fmt_ir(s.get("ir")), rss]
        rw = f"{ratio[0]:.2f}" if ratio[0] == ratio[0] else "-"
        rc = f"{ratio[1]:.2f}" if ratio[1] == ratio[1] else "-"
        lines.append("| " + " | ".join([name, *cells(ours), aname, *cells(anchor), rw, rc, note]) + " |")
    if scale_rows:
        lines += ["", "## Scaling with the number of items", "",
                  "The valid fixture with N items (distinct descriptions, five categories in turn). CPU time",
                  "(median; 7 runs up to 1,000 items, 3 at 10,000), then the growth factor per decade: CPU at",
                  "10 N / CPU at N. A factor near 10 is linear; near 1, start-up still dominates. TUI rows:",
                  "spawn to exit after the first frame (NANBYO_EXIT_AFTER_FIRST_FRAME=1) in a 100x30",
                  "pseudo-terminal; the items page is opened by the answers' saved position (ui.page).", "",
                  "| command | " + " | ".join(f"{n:,} items" for n in SCALE) + " | "
                  + " | ".join(f"x {SCALE[i]:,}→{SCALE[i + 1]:,}" for i in range(len(SCALE) - 1)) + " |",
                  "|---|" + "---:|" * (2 * len(SCALE) - 1)]
        for what, vals in scale_rows:
            cells = [f"{ms(c)} ({ms(w)} wall)" if c == c else "failed" for w, c in vals]
            growth = []
            for i in range(len(vals) - 1):
                a, b = vals[i][1], vals[i + 1][1]
                growth.append(f"{b / a:.1f}" if a == a and b == b and a > 0 else "-")
            lines.append(f"| {what} | " + " | ".join(cells) + " | " + " | ".join(growth) + " |")
    t = targets()
    if t:
        lines += ["", "## Issue 17's targets in this run", "",
                  "| target | wanted | measured | met |", "|---|---|---|---|", *t]
    lines += ["", f"`make bench` took {elapsed:.0f} s.", "",
              "## What the anchors are", "",
              "- start-up: `dialog --version`, and `dialog --form` with two fields in the same",
              "  pseudo-terminal size (100x30, TERM=xterm-256color); ours is timed to process exit with",
              "  NANBYO_EXIT_AFTER_FIRST_FRAME=1 (frame drawn, terminal restored), dialog to the",
              "  moment its last button is on screen, so the wall comparison slightly favours dialog.",
              "- calc: the same formula in awk (a compiled interpreter with a tiny start-up, where the old",
              "  python3 anchor mostly measured the interpreter starting).",
              "- validate: yajl's json_verify parsing the same answers (C, no start-up to speak of):",
              "  parsing only, a floor; ours also loads the definition and applies its rules. (The old",
              "  python3 -m json.tool and a jq program both cost more in start-up than the work.)",
              "- export: LibreOffice (headless, warm profile) converting the xlsx we wrote to PDF;",
              "  ours writes xlsx, PDF, CSV and e-mail in that time.",
              "- export --csv: yajl's json_reformat parsing the same answers and writing them out again,",
              "  piped through iconv to CP932 into a file; ours also loads the definition and derives",
              "  the amounts.",
              "- export --pdf (with the QR code): the same command with --no-qr; the difference is",
              "  what the answers' QR code costs (libqrencode and drawing).",
              "- collect: zbarimg (zbar-tools) reading the folder's fax TIFFs once, plain; ours reads",
              "  all 304 inputs (answers files, e-mails, faxes with the cleaning cascade), validates",
              "  and stores them in a new SQLite database each run.",
              "- check --no-network: a shell reading the same kinds of facts (meminfo, df,",
              "  uname, lpstat); ours also judges them against the definition.",
              "- full check: loopback servers only (127.0.0.1): an HTTPS server with a",
              "  throw-away certificate (passed with --cacert) and an OpenVPN-like UDP endpoint",
              "  from a generated .ovpn. 'One hanging endpoint': the HTTPS server completes the",
              "  TLS handshake and never answers the request, the VPN endpoint answers after",
              "  0.2 s, deadline 2 s. 'Two slow endpoints': both answer",
              "  after 0.5 s. The anchor is the same program with --sequential (the check",
              "  helper's benchmark flag: the network probes one after another under the same",
              "  deadline).", ""]
    with open(os.path.join(HERE, "results.md"), "w") as f:
        f.write("\n".join(lines))


def main():
    t0 = time.time()
    print(f"{'benchmark':34s} {'nanbyo-survey':>44s} | {'anchor':28s} {'':>44s} | ratio")
    only = [w for w in os.environ.get("NB_BENCH_ONLY", "").split(",") if w]
    for name, fn in [("program start-up", bench_startup),
                     ("start-up to first TUI frame", bench_tui),
                     ("TUI session filling the survey", bench_tui_session), ("calc", bench_calc),
                     ("validate", bench_validate), ("export", bench_export), ("export --csv", bench_export_csv),
                     ("export --pdf QR", bench_export_qr), ("collect", bench_collect),
                     ("check --no-network", bench_check_local), ("full check", bench_check_net),
                     ("nanbyo-check.exe", bench_check_exe_wine), ("scaling", bench_scaling)]:
        # NB_BENCH_ONLY=collect,QR runs only the entries whose name holds one of the words
        if only and not any(w in name for w in only):
            continue
        guarded(name, fn)
    for name, ours, aname, anchor, ratio, note in rows:
        if not ours:
            print(f"{name:34s} not measured: {note}")
    elapsed = time.time() - t0
    write_results(elapsed)
    print(f"bench: {elapsed:.0f} s; results in bench/results.md")
    shutil.rmtree(TMP, ignore_errors=True)


if __name__ == "__main__":
    main()
