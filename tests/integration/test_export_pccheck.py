"""The PC check as the prefecture reads it (issue 14, point 4): a required
check that is 不明 or was not run never sums up as 合格 in any output
(xlsx, PDF, CSV, e-mail body), the verdict is worded the same in all of
them, and the measured values appear in plain words, without the paths
and probe names they were read from (those stay in the answers JSON)."""
import email, email.policy, os, sys, zipfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "export"))
import helpers as h  # noqa: E402
from nbtest import ok, eq, done  # noqa: E402


def check(cid, title, status, measured, required=True):
    return {"id": cid, "title": title, "status": status, "required_check": required, "measured": measured,
            "required": "", "detail": "", "advice": ""}


def outputs(answers, tag):
    paths = {k: h.out("%s.%s" % (tag, k)) for k in ("xlsx", "pdf", "csv", "eml")}
    r = h.export(answers, "--xlsx", paths["xlsx"], "--pdf", paths["pdf"], "--csv", paths["csv"],
                 "--csv-encoding", "utf-8", "--eml", paths["eml"])
    ok(r.returncode == 0, "%s: all four outputs written" % tag, r.stderr)
    with zipfile.ZipFile(paths["xlsx"]) as z:
        xlsx = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/"))
    msg = email.message_from_bytes(open(paths["eml"], "rb").read(), policy=email.policy.default)
    return {"xlsx": xlsx, "pdf": h.pdftotext(paths["pdf"]),
            "csv": open(paths["csv"], encoding="utf-8-sig").read(),
            "e-mail": msg.get_body(("plain",)).get_content()}


# --- every required check unknown or not run ---------------------------------
def unknown(d):
    d["pc_check"] = {"checked_at": "2026-03-20T10:05:00+09:00", "checks": [
        check("disk", "ディスクの空き容量", "unknown", "読み取れませんでした"),
        check("display", "画面の解像度", "unknown", "測れませんでした"),
        check("browser", "ブラウザー", "unknown", "見つかりません (コンテナの中)"),
        check("printer", "プリンター", "unknown", "印刷の仕組みに接続できませんでした"),
        check("https", "HTTPS 接続", "na", "実行しませんでした"),
        check("dns", "名前解決 (DNS)", "na", "実行しませんでした"),
    ]}


outs = outputs(h.variant("pc-unknown", unknown), "unknown")
for kind, text in outs.items():
    ok("合格" not in text and "要件を満たしています" not in text,
       "required checks unknown: %s never says 合格" % kind, [l for l in text.splitlines() if "合格" in l][:3])
    if kind != "csv":  # the CSV gives codes, not words
        ok("未確認あり" in text, "required checks unknown: %s says 未確認あり" % kind)
ok("unconfirmed" in outs["csv"], "CSV gives the result as the code unconfirmed")
ok("未実施" in outs["pdf"], "a required check not run reads 未実施 in the PDF, not 対象外")

# --- a check not run reads 未実施 even when not required ------------------------
def not_run(d):
    d["pc_check"] = {"checked_at": "2026-03-20T10:05:00+09:00", "checks": [
        check("disk", "ディスクの空き容量", "pass", "ホーム: 空き 120.0 GB"),
        check("excel", "Microsoft Excel", "na", "Linux 版なし", False),
        check("vpn", "VPN 接続先", "na", "実行しませんでした", False),
        check("clock", "時計のずれ", "na", "実行しませんでした"),
    ]}


nr = h.variant("pc-not-run", not_run)
xp, pp = h.out("notrun.xlsx"), h.out("notrun.pdf")
ok(h.export(nr, "--xlsx", xp, "--pdf", pp).returncode == 0, "not run: xlsx and PDF written")
import openpyxl  # noqa: E402
status = {}
for row in openpyxl.load_workbook(xp).active.iter_rows(values_only=True):
    v = [x for x in row if x is not None]
    for i, x in enumerate(v[:-1]):
        if x in ("VPN 接続先", "時計のずれ", "Microsoft Excel"):
            status[x] = v[i + 1]
eq(status, {"VPN 接続先": "未実施", "時計のずれ": "未実施", "Microsoft Excel": "対象外"},
   "xlsx: checks not run read 未実施 (required or not), a check that does not apply 対象外")
lines = h.pdftotext(pp, "-layout").splitlines()
for title, word in (("VPN 接続先", "未実施"), ("時計のずれ", "未実施"), ("Microsoft Excel", "対象外")):
    row = [line for line in lines if line.split() and line.startswith(title.split()[0])]
    ok(row and row[0].split()[len(title.split())] == word, "PDF: %s reads %s" % (title, word), row)

# --- a full result with the probes' sources ----------------------------------
def full(d):
    d["pc_check"] = {"checked_at": "2026-03-20T10:05:00+09:00", "checks": [
        check("ram", "メモリ (RAM)", "pass",
              "搭載 16.0 GB (/sys/devices/system/memory (128 ブロック x 128 MiB))、"
              "使用可能 15.5 GB (/proc/meminfo MemTotal 16250000 kB)", False),
        check("disk", "ディスクの空き容量", "pass", "ホーム /home/yamasaki: 空き 120.0 GB / 全体 476.9 GB (statvfs)"),
        check("display", "画面の解像度", "fail", "eDP-1 1366x768 (/sys/class/drm)"),
        check("browser", "ブラウザー", "pass", "Google Chrome (/usr/bin/google-chrome)"),
    ]}


outs = outputs(h.variant("pc-full", full), "full")
for kind, text in outs.items():
    for bad in ("/proc", "/sys", "statvfs", "meminfo", "/home", "yamasaki"):
        ok(bad not in text, "full check: %s has no %s" % (kind, bad))
    if kind != "csv":
        ok("不合格" in text, "full check with a failure: %s says 不合格" % kind)
ok(",fail," in outs["csv"], "CSV gives the result as the code fail")
pdf = h.norm(outs["pdf"])
for plain in ("搭載16.0GB、使用可能15.5GB", "空き120.0GB", "1366x768", "GoogleChrome"):
    ok(plain in pdf, "PDF gives the measured value in plain words: %s" % plain)
done()
