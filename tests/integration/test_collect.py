"""collect on a folder of mixed responses (issue 15): 300 inputs — 200
answers files, 80 e-mails written by export --eml, 18 fax TIFFs through
the simulated fax line, two invalid answers, one fax page with no code —
plus a copy of one file (adds nothing), the same answers by mail and as a
file (one response), and a newer save of one institution (the older is
kept as superseded). Checks the counts and Σ補助所要額 in --json, the
xlsx read by openpyxl and recalculated by LibreOffice to the cached
values, the CP932 CSV, that a second run adds nothing, and the exit codes.
Then hostile inputs, one sentence each, nothing else broken. (300 inputs
take about a minute to make on 2 shared cores, most of it the faxes.)"""
import csv, io, json, os, shutil, subprocess, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "collect"))
import gen  # noqa: E402
from nbtest import ok, eq, done, run, TMP  # noqa: E402

inbox = os.path.join(TMP, "inbox")
expected = gen.build_inbox(inbox, TMP)

inputs = sum(len(fs) for _, _, fs in os.walk(inbox))
ok(inputs >= 300, "the folder holds %d inputs" % inputs)

db = os.path.join(TMP, "collect.sqlite")
xlsx, csvp = os.path.join(TMP, "collect.xlsx"), os.path.join(TMP, "collect.csv")
r = run("collect", "--db", db, "--xlsx", xlsx, "--csv", csvp, "--json", inbox, timeout=600)
eq(r.returncode, 1, "exit 1: two invalid answers and one page without a code are listed")
out = json.loads(r.stdout)
eq(sorted(out.keys()), ["responses", "totals", "unreadable"], "--json has exactly responses, totals, unreadable")
resp = out["responses"]
eq(sorted(resp[0].keys()), sorted(["institution_code", "institution_name", "subsidy", "valid", "problems", "source",
                                   "superseded", "answers"]), "each response has exactly the contract's keys")
current = [x for x in resp if not x["superseded"]]
eq(len(current), 300, "300 institutions (298 valid, 2 invalid)")
eq(len([x for x in resp if x["superseded"]]), 1, "one superseded response (the older save of institution 10)")
old = [x for x in resp if x["superseded"]][0]
eq(old["institution_code"], gen.luhn_code(10), "the superseded one is institution 10's older save")
eq(old["answers"]["saved_at"], "2026-03-20T10:15:00+09:00", "and it is the older saved_at")
eq(out["totals"]["count"], 298, "totals.count counts the valid, current responses")
eq(out["totals"]["subsidy"], sum(expected.values()), "totals.subsidy is their Σ補助所要額")
got = {x["institution_code"]: x["subsidy"] for x in current if x["valid"]}
eq(got, expected, "every institution's subsidy")
invalid = sorted(x["source"].rsplit("/", 1)[1] for x in current if not x["valid"])
eq(invalid, ["bad-negative.json", "bad-noname.json"], "the two invalid answers, with problems")
ok(all(x["problems"] for x in current if not x["valid"]), "invalid responses list their problems")
eq([u["source"].rsplit("/", 1)[1] for u in out["unreadable"]], ["page2.tif"], "the page without a code is unreadable")
ok("QR コードが見つかりません" in out["unreadable"][0]["reason"], "with the reason in Japanese", out["unreadable"])
faxed = [x for x in current if "/fax/" in x["source"]]
eq(len(faxed), 18, "all 18 faxes read (medium damage)")
f0 = [x for x in faxed if x["source"].endswith("f280.tif")][0]["answers"]
d0 = gen.answers(280)
ok(f0["fields"] == d0["fields"] and f0["items"] == d0["items"], "a fax's answers equal the original's fields and items")
mail = [x for x in current if "/mail/" in x["source"]]
eq(len(mail), 80, "all 80 e-mails read from their JSON attachment")
r5 = [x for x in resp if x["institution_code"] == gen.luhn_code(5)]
eq(len(r5), 1, "the same answers by file and by mail are one response")

# --- the same folder again adds nothing ----------------------------------------
r2 = run("collect", "--db", db, inbox, timeout=600)
ok("新しく読んだファイル 0 件" in r2.stdout, "a second run reads no file again", r2.stdout)
r3 = run("collect", "--db", db, "--json", inbox, timeout=600)
eq(json.loads(r3.stdout), out, "and reports the same collection")

# --- the xlsx --------------------------------------------------------------------
try:
    import openpyxl
    wb = openpyxl.load_workbook(xlsx)
    eq(wb.sheetnames, ["回答一覧", "置き換えられた回答", "読めなかったファイル"], "three sheets")
    ws = wb["回答一覧"]
    head = [c.value for c in ws[1]]
    for col in ("保険医療機関コード", "医療機関名", "種別", "担当者", "電話番号", "総事業費 (A)", "補助所要額 (G)",
                "PC要件確認", "判定", "受付経路", "ファイル", "受付日時", "問題"):
        ok(col in head, "column %s" % col)
    eq(ws.max_row, 302, "a header, 300 institutions and the totals row")
    last = [c.value for c in ws[302]]
    ok(any(isinstance(v, str) and v.startswith("=COUNTIF(") for v in last), "the count is a formula", last)
    ok(any(isinstance(v, str) and v.startswith("=SUMIF(") for v in last), "Σ補助所要額 is a formula", last)
    cached = [c.value for c in openpyxl.load_workbook(xlsx, data_only=True)["回答一覧"][302]]
    ok(298 in cached and sum(expected.values()) in cached, "their cached values are the totals", cached)
    eq(wb["置き換えられた回答"].max_row, 2, "the superseded sheet lists one response")
    bad = wb["読めなかったファイル"]
    ok(bad.max_row == 2 and "QR コード" in bad.cell(2, 2).value, "the unreadable sheet gives the reason")
except ImportError:
    ok(True, "# SKIP openpyxl missing")

soffice = shutil.which("soffice") or shutil.which("libreoffice")
if soffice:
    prof = os.path.join(TMP, "lo-recalc")
    os.makedirs(os.path.join(prof, "user"), exist_ok=True)
    with open(os.path.join(prof, "user", "registrymodifications.xcu"), "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
                'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
                '<item oor:path="/org.openoffice.Office.Calc/Formula/Load">'
                '<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>\n</oor:items>\n')
    lo = subprocess.run([soffice, "-env:UserInstallation=file://" + prof, "--headless", "--convert-to",
                         "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", os.path.join(TMP, "lo"), xlsx],
                        capture_output=True, text=True, timeout=240)
    lcsv = os.path.join(TMP, "lo", "collect.csv")
    ok(os.path.exists(lcsv), "LibreOffice opens the xlsx", lo.stderr)
    if os.path.exists(lcsv):
        rows = list(csv.reader(open(lcsv, encoding="utf-8")))
        total = rows[-1]
        total = [v.replace(",", "") for v in total]
        ok("298" in total and str(sum(expected.values())) in total,
           "LibreOffice recalculates the totals to the cached values", total)
else:
    print("# LibreOffice not found: recalculation not checked (scripts/install-deps.sh check installs it)")

# --- the CSV: CP932, the same rows ---------------------------------------------------
raw = open(csvp, "rb").read()
text = raw.decode("cp932")
rows = list(csv.reader(io.StringIO(text)))
eq(len(rows), 301, "the CSV: a header and 300 rows, CP932")
ok("髙﨑" in text, "髙 and 﨑 survive in CP932")

# --- bad options ----------------------------------------------------------------------
eq(run("collect").returncode, 2, "no PATH: exit 2")
eq(run("collect", "--bogus", inbox).returncode, 2, "unknown option: exit 2")
eq(run("collect", "--db").returncode, 2, "--db without a value: exit 2")

# --- hostile inputs: one sentence each, the good file still read ----------------------------
hz = os.path.join(TMP, "hostile")
os.makedirs(hz)
gen.write_json(gen.answers(7000), os.path.join(hz, "good.json"))
with open(os.path.join(hz, "big.tif"), "wb") as f:
    f.truncate(100 << 20)  # 100 MB (sparse)
os.mkfifo(os.path.join(hz, "pipe.json"))
with open(os.path.join(hz, "broken.eml"), "wb") as f:
    f.write(b"\x00\xff garbage \r\n\r\n--not a message")
tif = open(os.path.join(inbox, "fax", "f280.tif"), "rb").read()
with open(os.path.join(hz, "truncated.tif"), "wb") as f:
    f.write(tif[:len(tif) // 3])
gen.qr_png(gen.payload(b" " * (2 << 20)), os.path.join(hz, "bomb.png"))
liar = json.dumps(["NBQ1", "yamaguchi-r8", None, 25, 10 ** 9, 0, "x"]).encode()
gen.qr_png(gen.payload(liar), os.path.join(hz, "liar.png"))
gen.qr_png(gen.payload(json.dumps(["NBQ1", "yamaguchi-r8", None, 0, 0, 0, None]).encode(), break_crc=True),
           os.path.join(hz, "badsum.png"))
gen.qr_png("https://example.jp/not-ours", os.path.join(hz, "other.png"))
os.symlink(hz, os.path.join(hz, "loop"))
odd = gen.answers(7001)
odd["fields"]["contact_name"] = "𠮷野 花子"  # not in CP932
with open(os.path.join(hz, "名前\u202e改行\nあり.json"), "w", encoding="utf-8") as f:
    json.dump(odd, f, ensure_ascii=False)
hdb = os.path.join(TMP, "hostile.sqlite")
hcsv = os.path.join(TMP, "hostile.csv")
r = run("collect", "--db", hdb, "--json", "--csv", hcsv, hz, timeout=600)
eq(r.returncode, 1, "hostile folder: exit 1")
ok("Traceback" not in r.stderr and r.stdout.strip().startswith("{"), "the JSON report is printed", r.stderr[-500:])
h = json.loads(r.stdout) if r.stdout.strip().startswith("{") else {"responses": [], "unreadable": []}
reasons = {u["source"].rsplit("/", 1)[1]: u["reason"] for u in h["unreadable"]}
for name, words in (("big.tif", "大きすぎます"), ("pipe.json", "ふつうのファイルではありません"),
                    ("broken.eml", "メールとして読めません"), ("truncated.tif", "読めません"), ("bomb.png", "大きすぎます"),
                    ("liar.png", "数が合いません"), ("badsum.png", "チェックサム"), ("other.png", "この調査の回答ではありません"),
                    ("loop", "ふつうのファイルではありません")):
    ok(name in reasons and words in reasons[name], "%s: %s" % (name, words), reasons.get(name))
    ok(name in reasons and "\n" not in reasons[name], "%s: one line" % name)
names = sorted(x["institution_name"] for x in h["responses"])
eq(len(names), 2, "the good file and the oddly named one are still read")
ok(not os.path.exists(hcsv) and "CP932 にない文字 (U+20BB7)" in r.stderr,
   "a name CP932 cannot hold: the CSV is refused with the character named, never replaced", r.stderr[-400:])
done()
