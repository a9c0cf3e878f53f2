"""`make dist-windows`: the zip the prefecture hands to
clinics, read back with Python's zipfile. It holds exactly the .exe (the
build's own bytes, a PE file) and はじめにお読みください.txt, both names
stored as UTF-8 (the zip flag Explorer reads); the text is UTF-8 with a
BOM and CRLF line ends (Notepad on every Windows version), is the
repository's dist/ file and nothing else, and says what to do with the
program, what it checks (every local check of `check --json`, by name),
where the result goes and how it comes back into the questionnaire (the
page and button as the TUI names them)."""
import json, os, subprocess, sys, zipfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from nbtest import ROOT, ok, eq, run, done  # noqa: E402

BUILD = os.environ.get("NB_BUILD") or os.path.join(ROOT, "build")
EXE = os.path.join(BUILD, "windows", "nanbyo-check.exe")
ZIP = os.path.join(BUILD, "dist", "nanbyo-check-windows.zip")
README = "はじめにお読みください.txt"

if not os.path.exists(EXE):
    print("1..0 # SKIP build/windows/nanbyo-check.exe missing (make windows)")
    sys.exit(0)

# The make target itself, for this build folder (relative, as the
# Makefile's own rules name their files).
build_rel = os.path.relpath(BUILD, ROOT)
if os.path.exists(ZIP):
    os.unlink(ZIP)
r = subprocess.run(["make", "--no-print-directory", "-C", ROOT, "BUILD=" + build_rel, "dist-windows"],
                   capture_output=True, text=True, timeout=600)
ok(r.returncode == 0 and os.path.exists(ZIP), "make dist-windows writes build/dist/nanbyo-check-windows.zip",
   r.stdout[-500:] + r.stderr[-500:])
if not os.path.exists(ZIP):
    done()
ok(not os.path.exists(ZIP + ".tmp"), "no temporary file left beside the zip")

with zipfile.ZipFile(ZIP) as z:
    infos = z.infolist()
    eq(sorted(i.filename for i in infos), sorted(["nanbyo-check.exe", README]),
       "the zip holds the .exe and the read-me, nothing else (no folder, no stray file)")
    eq(z.testzip(), None, "every member's CRC is right")
    info = {i.filename: i for i in infos}
    exe = z.read("nanbyo-check.exe") if "nanbyo-check.exe" in info else b""
    raw = z.read(README) if README in info else b""
    ok(README in info and info[README].flag_bits & 0x800,
       "the Japanese file name is stored as UTF-8 (general purpose flag bit 11)")
    ok(all(i.compress_type == zipfile.ZIP_DEFLATED for i in infos), "members are deflated")

with open(EXE, "rb") as f:
    built = f.read()
ok(exe == built, "the .exe in the zip is the build's nanbyo-check.exe, byte for byte", "%d vs %d bytes" % (len(exe), len(built)))
ok(exe[:2] == b"MZ" and b"PE\0\0" in exe[:1024], "it is a PE executable")

ok(raw.startswith(b"\xef\xbb\xbf"), "the read-me starts with the UTF-8 BOM", raw[:8])
body = raw[3:]
lines = body.split(b"\r\n")
ok(body.endswith(b"\r\n") and all(b"\n" not in l and b"\r" not in l for l in lines),
   "every line ends with CRLF: no bare LF, no stray CR",
   [l for l in lines if b"\n" in l or b"\r" in l][:3])
try:
    text = body.decode("utf-8")
    ok(True, "the read-me is valid UTF-8")
except UnicodeDecodeError as e:
    text = body.decode("utf-8", "replace")
    ok(False, "the read-me is valid UTF-8", e)
with open(os.path.join(ROOT, "dist", README), encoding="utf-8") as f:
    source = f.read()
eq(text, source.replace("\n", "\r\n"), "the read-me is dist/はじめにお読みください.txt, only BOM and line ends added")
ok(not any(0x80 <= ord(c) <= 0x9f or (ord(c) < 0x20 and c not in "\r\n") for c in text),
   "no control characters (no tabs either: Notepad's tab width differs)")

# What to do with it.
for want, why in (("nanbyo-check.exe", "names the program"), ("ダブルクリック", "says to double-click it"),
                  ("インストールは要りません", "says nothing is installed"),
                  ("ネットワークの確認をしますか", "quotes the program's question before any network check"),
                  ("PCチェック結果_<コンピューター名>_<日付>.json", "names the result file as the program writes it"),
                  ("ドキュメント", "says where the result file goes"),
                  ("「PCの要件確認」", "names the questionnaire's page as the TUI titles it"),
                  ("「別のPCで確認した結果を読み込む」", "names the TUI's button that reads the result"),
                  ("30 日", "says results older than 30 days are refused")):
    ok(want in text, "the read-me %s (%s)" % (why, want))

# What it checks: every local check of the program, by its name.
checks = json.loads(run("check", "--json", "--no-network").stdout)["checks"]
words = {"os": "Windows", "ram": "メモリ", "disk": "ディスクの空き", "display": "画面", "browser": "ブラウザー",
         "acrobat_reader": "Acrobat Reader", "excel": "Excel", "aws_vpn_client": "AWS VPN Client",
         "printer": "プリンター", "proxy": "プロキシ", "dns": "県の案内のページ", "https": "県の案内のページ",
         "clock": "県の案内のページ", "vpn": "VPN の接続先"}
ids = [c["id"] for c in checks]
eq(sorted(set(ids) - set(words)), [], "every check of check --json has its word in this test")
missing = [i for i in ids if words.get(i, "\0") not in text]
eq(missing, [], "the read-me mentions what every check looks at")
done()
