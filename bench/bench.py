"""`make bench`: how fast nanbyo-survey is next to a familiar anchor, each
measured in the same run on the same machine. For every benchmark: the
median wall time of several runs, the ratio to its anchor, and the max RSS
(/usr/bin/time -f %M, one extra run each). Results are printed and written
to bench/results.md with the machine described.
Usage: bench.py BUILD_DIR   (NB_BENCH_RUNS: runs of the quick ones, default 9)"""
import json, os, platform, shutil, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import ptyrun, servers  # noqa: E402

BUILD = sys.argv[1] if len(sys.argv) > 1 else "build"
BIN = os.path.join(ROOT, BUILD, "nanbyo-survey")
RUNS = int(os.environ.get("NB_BENCH_RUNS", "9"))
TMP = tempfile.mkdtemp(prefix="nb-bench-")
ANS = os.path.join(ROOT, "tests", "san", "answers-valid.json")
PLACEHOLDER = "まだ実装されていません"
ENV = dict(os.environ, LC_ALL="C.UTF-8", NANBYO_TODAY="2026-03-20",
           XDG_DATA_HOME=os.path.join(TMP, "data"), XDG_CONFIG_HOME=os.path.join(TMP, "config"),
           TERM="xterm-256color")
ENV.pop("NO_COLOR", None)
rows = []
# The anchor for the questionnaire: a two-field form like our first page.
DIALOG_FORM = ["dialog", "--form", "医療機関の情報", "15", "60", "4",
               "医療機関名", "1", "1", "やまぐち内科クリニック", "1", "16", "30", "60",
               "電話番号", "2", "1", "", "2", "16", "20", "20"]
LOAD = os.getloadavg()  # other work on the machine skews the figures: say how much


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def run_once(argv, env=None, ok=(0,)):
    t0 = time.perf_counter()
    p = subprocess.run(argv, env=env or ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       stdin=subprocess.DEVNULL, timeout=120)
    ms = (time.perf_counter() - t0) * 1000
    if p.returncode not in ok:
        raise RuntimeError(f"{' '.join(argv[:3])}... exit {p.returncode}: "
                           f"{p.stderr.decode('utf-8', 'replace').strip()[:300]}")
    return ms, p


def max_rss_kb(argv, env=None, pty=False, marker=None, keys=b""):
    out = os.path.join(TMP, "rss")
    if os.path.exists(out):
        os.unlink(out)
    wrapped = ["/usr/bin/time", "-f", "%M", "-o", out, *argv]
    if pty:
        ptyrun.run(wrapped, env=env or ENV, marker=marker, keys=keys, timeout=60)
    else:
        subprocess.run(wrapped, env=env or ENV, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, timeout=120)
    try:
        with open(out) as f:
            return int(f.read().split()[-1])
    except (OSError, ValueError, IndexError):
        return None


def timed(argv, runs, env=None, ok=(0,), warmup=1):
    """Median ms over runs (after warmup runs) and max RSS in KiB."""
    for _ in range(warmup):
        run_once(argv, env, ok)
    times = [run_once(argv, env, ok)[0] for _ in range(runs)]
    return median(times), max_rss_kb(argv, env), times


def placeholder(argv):
    p = subprocess.run(argv, env=ENV, capture_output=True, stdin=subprocess.DEVNULL, timeout=60)
    return PLACEHOLDER in p.stderr.decode("utf-8", "replace")


def add(name, ours, anchor_name, anchor, note=""):
    """ours/anchor: (median_ms, rss_kb) or None when not measured."""
    rows.append((name, ours, anchor_name, anchor, note))
    o = f"{ours[0]:9.1f} ms {ours[1] or 0:7d} KiB" if ours else "   not measured    "
    a = f"{anchor[0]:9.1f} ms {anchor[1] or 0:7d} KiB" if anchor else "   not measured    "
    r = f"{ours[0] / anchor[0]:6.2f}x" if ours and anchor and anchor[0] == anchor[0] else "     -"
    print(f"{name:34s} {o}  | {anchor_name:30s} {a} | {r}  {note}", flush=True)


def guarded(name, fn):
    try:
        fn()
    except Exception as e:  # report and go on: one broken benchmark must not hide the rest
        rows.append((name, None, "", None, f"failed: {e}"))
        print(f"{name:34s} FAILED: {e}", flush=True)


# ---------------------------------------------------------------------------
def bench_tui():
    name = "start-up to first TUI frame"
    if placeholder([BIN, "tui", "--help"]) or placeholder([BIN, "--answers", "/nonexistent/x.json"]):
        rows.append((name, None, "dialog --form", None, "TUI is still a placeholder"))
        return
    ans = os.path.join(TMP, "tui.json")
    shutil.copy(ANS, ans)
    env = dict(ENV, NANBYO_EXIT_AFTER_FIRST_FRAME="1")
    argv = [BIN, "--answers", ans]
    ours = []
    for i in range(RUNS + 1):
        ms_mark, ms_exit, rc, out = ptyrun.run(argv, env=env)
        if rc != 0:
            raise RuntimeError(f"TUI exit {rc}: {out[-300:]!r}")
        if i:
            ours.append(ms_exit)
    # dialog: a two-field form like our first page; time until its last
    # piece (the Cancel button) is on screen, then Enter closes it.
    dlg = DIALOG_FORM
    anchor = []
    for i in range(RUNS + 1):
        ms_mark, ms_exit, rc, out = ptyrun.run(dlg, env=ENV, marker=b"ancel", keys=b"\r")
        if i:
            anchor.append(ms_mark)
    add(name, (median(ours), max_rss_kb(argv, env, pty=True)),
        "dialog --form (2 fields)",
        (median(anchor), max_rss_kb(dlg, ENV, pty=True, marker=b"ancel", keys=b"\r")),
        "ours: spawn to exit after the first frame; dialog: spawn to frame drawn")


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
    dlg = DIALOG_FORM
    add(name, (ms, peak), "dialog --form (2 fields)",
        (float("nan"), max_rss_kb(dlg, ENV, pty=True, marker=b"ancel", keys=b"\r")),
        "peak RSS of the questionnaire process (VmHWM) over a full fill incl. the local PC check; "
        "time is the scripted session (mostly waits for the screen), not comparable")


def bench_startup():
    # Loading and initialising the shared libraries, nothing else: the floor
    # under every command.
    ours = timed([BIN, "--version"], RUNS)
    anchor = timed(["dialog", "--version"], RUNS)
    libs = subprocess.run(["ldd", BIN], capture_output=True, text=True).stdout.count("=>")
    add("program start-up (--version)", ours[:2], "dialog --version", anchor[:2],
        f"{libs} shared libraries loaded")


def bench_calc():
    ours = timed([BIN, "calc", "120000"], RUNS)
    anchor = timed(["/usr/bin/python3", "-c",
                    "e=120000; s=min(100000, e)*1//2//1000*1000; print(min(s, 50000))"], RUNS)
    add("calc 120000", ours[:2], "python3 -c (same formula)", anchor[:2])


def bench_validate():
    ours = timed([BIN, "validate", ANS], RUNS)
    anchor = timed(["/usr/bin/python3", "-m", "json.tool", ANS], RUNS)
    add("validate (valid answers)", ours[:2], "python3 -m json.tool (parse only)", anchor[:2])


def bench_export():
    name = "export xlsx+pdf+csv+eml"
    out = os.path.join(TMP, "export")
    os.makedirs(out, exist_ok=True)
    argv = [BIN, "export", ANS, "--xlsx", f"{out}/a.xlsx", "--pdf", f"{out}/a.pdf",
            "--csv", f"{out}/a.csv", "--eml", f"{out}/a.eml"]
    if placeholder(argv):
        rows.append((name, None, "LibreOffice xlsx to PDF", None, "export is still a placeholder"))
        return
    ours = timed(argv, max(3, RUNS // 2))
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        add(name, ours[:2], "LibreOffice xlsx to PDF", None, "LibreOffice is not installed")
        return
    profile = "file://" + os.path.join(TMP, "lo-profile")
    lo_out = os.path.join(TMP, "lo")
    lo = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
          "--convert-to", "pdf", "--outdir", lo_out, f"{out}/a.xlsx"]
    anchor = timed(lo, 3, warmup=1)  # the warm-up run creates the profile
    add(name, ours[:2], "LibreOffice headless xlsx to PDF", anchor[:2],
        "same workbook; LibreOffice writes only the PDF")


def bench_export_qr():
    """The QR code's cost on export --pdf: the same PDF with and without it."""
    name = "export --pdf (with the QR code)"
    out = os.path.join(TMP, "qr")
    os.makedirs(out, exist_ok=True)
    ours = timed([BIN, "export", ANS, "--pdf", f"{out}/qr.pdf"], max(3, RUNS // 2))
    plain = timed([BIN, "export", ANS, "--pdf", f"{out}/plain.pdf", "--no-qr"], max(3, RUNS // 2))
    add(name, ours[:2], "export --pdf --no-qr", plain[:2], "difference = encoding and drawing the code")


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
    runs = 3
    times = []
    for i in range(runs):
        argv = [BIN, "collect", "--db", os.path.join(TMP, f"c{i}.sqlite"), "--json", inbox]
        times.append(run_once(argv, ok=(0, 1))[0])
    rss = max_rss_kb([BIN, "collect", "--db", os.path.join(TMP, "rss.sqlite"), "--json", inbox])
    faxes = sorted(os.path.join(inbox, "fax", f) for f in os.listdir(os.path.join(inbox, "fax")))
    anchor = timed(["zbarimg", "-q", *faxes], 3, ok=(0, 4), warmup=0) if shutil.which("zbarimg") else None
    add(name, (median(times), rss), "zbarimg on its 19 fax TIFFs", anchor[:2] if anchor else None,
        "new database each run; ours also cleans, decodes, validates, stores")


def bench_check_local():
    name = "check --no-network"
    argv = [BIN, "check", "--no-network", "--json"]
    if placeholder(argv):
        rows.append((name, None, "", None, "check is still a placeholder"))
        return
    ours = timed(argv, RUNS, ok=(0, 1))
    anchor = timed(["sh", "-c", "cat /proc/meminfo /proc/cpuinfo >/dev/null; df -P / >/dev/null; "
                    "uname -a >/dev/null; lpstat -a >/dev/null 2>&1; true"], RUNS)
    add(name, ours[:2], "sh: meminfo, df, uname, lpstat", anchor[:2])


def bench_check_exe_wine():
    """nanbyo-check.exe --json --no-network under wine64 in a private
    Windows 10 prefix with a warm wineserver, next to the Linux check."""
    name = "nanbyo-check.exe --no-network (wine)"
    exe = os.path.join(ROOT, BUILD, "windows", "nanbyo-check.exe")
    sys.path.insert(0, os.path.join(ROOT, "tests"))
    import winlib
    if not winlib.available() or not os.path.exists(exe):
        rows.append((name, None, "", None, "wine64 or the .exe missing (make windows)"))
        return
    wine = winlib.Wine(os.path.join(TMP, "wine"))
    try:
        made, why = wine.create()
        if not made:
            rows.append((name, None, "", None, "no wine prefix: " + why))
            return
        # output to /dev/null inside the shell: wine's helper processes must
        # not inherit the pipe that run_once reads (they outlive the run)
        argv = ["sh", "-c", 'exec "$0" "$@" >/dev/null 2>&1', winlib.WINE, exe, "--json", "--no-network"]
        ours = timed(argv, RUNS, env=wine.env, ok=(0, 1), warmup=2)
        anchor = timed([BIN, "check", "--no-network", "--json"], RUNS, ok=(0, 1))
        add(name, ours[:2], "Linux check --no-network", anchor[:2], "warm wineserver; RSS is wine's loader")
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
        rows.append(("full check, loopback", None, "", None, "check is still a placeholder"))
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
        runs = max(3, RUNS // 3)
        conc = timed(argv, runs, ok=(0, 1), warmup=0)
        seq = timed(argv + ["--sequential"], runs, ok=(0, 1), warmup=0)
        got_c = statuses(run_once(argv, ok=(0, 1))[1].stdout)
        got_s = statuses(run_once(argv + ["--sequential"], ok=(0, 1))[1].stdout)
        add(name, conc[:2], "same probes, --sequential", seq[:2],
            f"deadline {timeout} s; concurrent: {got_c}; sequential: {got_s}")


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
    return [("CPU", first("/proc/cpuinfo", "model name")), ("cores (nproc)", str(os.cpu_count())),
            ("memory", f"{int(mem_kb) / 1024 / 1024:.1f} GiB"), ("kernel", platform.release()),
            ("Debian", deb), ("compiler build", f"{BUILD}/ (-O2 -g)"), ("commit", commit),
            ("date (UTC)", time.strftime("%Y-%m-%d %H:%M", time.gmtime())),
            ("load average at start (1/5/15 min)", " ".join(f"{x:.2f}" for x in LOAD))]


def write_results(elapsed):
    lines = ["# nanbyo-survey benchmarks", "",
             "Written by `make bench` (bench/run.sh). Each figure is the median wall time of",
             f"several runs ({RUNS} for the quick commands, fewer for the slow ones) measured in",
             "the same run as its anchor; max RSS is from `/usr/bin/time -f %M` (one extra run).",
             "Ratio = nanbyo-survey / anchor (below 1 means faster than the anchor).", "",
             "## Machine", ""]
    lines += [f"- {k}: {v}" for k, v in machine()]
    lines += ["", "## Results", "",
              "| benchmark | nanbyo-survey | max RSS | anchor | anchor time | anchor max RSS | ratio | notes |",
              "|---|---:|---:|---|---:|---:|---:|---|"]
    for name, ours, aname, anchor, note in rows:
        o = f"{ours[0]:.1f} ms" if ours else "not measured"
        orss = f"{(ours[1] or 0) / 1024:.1f} MiB" if ours else ""
        a = f"{anchor[0]:.1f} ms" if anchor else "not measured"
        arss = f"{(anchor[1] or 0) / 1024:.1f} MiB" if anchor else ""
        r = f"{ours[0] / anchor[0]:.2f}" if ours and anchor and anchor[0] == anchor[0] else "-"
        a = a if not anchor or anchor[0] == anchor[0] else "-"
        lines.append(f"| {name} | {o} | {orss} | {aname} | {a} | {arss} | {r} | {note} |")
    lines += ["", f"`make bench` took {elapsed:.0f} s.", "",
              "## What the anchors are", "",
              "- start-up: `dialog --form` with two fields in the same pseudo-terminal size",
              "  (100x30, TERM=xterm-256color); ours is timed to process exit with",
              "  NANBYO_EXIT_AFTER_FIRST_FRAME=1 (frame drawn, terminal restored), dialog to the",
              "  moment its last button is on screen, so the comparison slightly favours dialog.",
              "- calc: the same formula in `python3 -c` (what a one-line script costs).",
              "- validate: `python3 -m json.tool` on the same file: JSON parsing only, no rules.",
              "- export: LibreOffice (headless, warm profile) converting the xlsx we wrote to PDF;",
              "  ours writes xlsx, PDF, CSV and e-mail in that time.",
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
    print(f"{'benchmark':34s} {'nanbyo-survey':>24s}  | {'anchor':30s} {'':>24s} | ratio")
    for name, fn in [("program start-up", bench_startup),
                     ("start-up to first TUI frame", bench_tui),
                     ("TUI session filling the survey", bench_tui_session), ("calc", bench_calc),
                     ("validate", bench_validate), ("export", bench_export),
                     ("export --pdf QR", bench_export_qr), ("collect", bench_collect),
                     ("check --no-network", bench_check_local), ("full check", bench_check_net),
                     ("nanbyo-check.exe", bench_check_exe_wine)]:
        # NB_BENCH_ONLY=collect,QR runs only the entries whose name holds one of the words
        only = [w for w in os.environ.get("NB_BENCH_ONLY", "").split(",") if w]
        if only and not any(w in name for w in only):
            continue
        guarded(name, fn)
    for name, ours, aname, anchor, note in rows:
        if not ours:
            print(f"{name:34s} not measured: {note}")
    elapsed = time.time() - t0
    write_results(elapsed)
    print(f"bench: {elapsed:.0f} s; results in bench/results.md")
    shutil.rmtree(TMP, ignore_errors=True)


if __name__ == "__main__":
    main()
