"""export --xlsx read back with openpyxl (Debian's, via /usr/bin/python3):
every answer in its cell, the amount rows as formulas whose cached values
equal `summary --json`, page setup (A4, fit to one page wide, print area,
margins), document properties, the PC check, draft/late marks and hostile
names. When LibreOffice is installed, it converts the file to PDF too."""
import datetime, os, re, shutil, subprocess, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "export"))
import helpers as h  # noqa: E402
from nbtest import ok, eq, done  # noqa: E402
import openpyxl  # noqa: E402

A = h.load()
F = A["fields"]
S = h.summary(h.VALID)


def open_both(path):
    wb = openpyxl.load_workbook(path)
    wv = openpyxl.load_workbook(path, data_only=True)
    return wb, wb.worksheets[0], wv.worksheets[0]


def row_of(ws, label, col="A"):
    for r in range(1, ws.max_row + 1):
        if ws["%s%d" % (col, r)].value == label:
            return r
    return None


def value_of(ws, label):
    r = row_of(ws, label)
    return ws["D%d" % r].value if r else "<no row %s>" % label


xlsx = h.out("form.xlsx")
r = h.export(h.VALID, "--xlsx", xlsx)
eq(r.returncode, 0, "export --xlsx exits 0")
wb, ws, wv = open_both(xlsx)
eq(wb.sheetnames, ["調査票"], "one sheet named 調査票")
ok("所要額調査票" in (ws["A1"].value or ""), "title in A1", ws["A1"].value)
ok("山口県健康福祉部健康増進課精神・難病班" in (ws["A2"].value or ""), "recipient block")

# Every answer in the row of its label.
text_fields = {"医療機関名": "institution_name", "保険医療機関コード": "institution_code",
               "郵便番号": "postal_code", "所在地": "address", "開設者": "founder",
               "代表者 職・氏名": "representative", "担当部署": "contact_department",
               "担当者氏名": "contact_name", "電話番号": "phone", "FAX番号": "fax",
               "メールアドレス": "email", "備考": "notes"}
for label, fid in text_fields.items():
    eq(value_of(ws, label), F[fid], "cell for %s equals the answer" % label)
for label, fid in (("難病指定医の人数", "doctors_nanbyo"), ("協力難病指定医の人数", "doctors_kyoryoku"),
                   ("小児慢性特定疾病指定医の人数", "doctors_shoman")):
    eq(value_of(ws, label), F[fid], "%s is the number %s" % (label, F[fid]))
eq(value_of(ws, "種別"), "診療所", "institution kind shown as its label")
eq(value_of(ws, "登録する書類"), "両方", "target shown as its label")
eq(value_of(ws, "登録方法"), "ブラウザから直接入力", "registration method shown as its label")
eq(value_of(ws, "着手予定日"), datetime.datetime(2026, 6, 1), "planned start is a date cell")
eq(value_of(ws, "完了予定日"), datetime.datetime(2026, 7, 31), "planned completion is a date cell")
ok("ggge" in ws["D%d" % row_of(ws, "着手予定日")].number_format, "dates formatted as 和暦")
for label in ("整備する機器はオンライン登録の用途に使用します", "がん登録オンラインシステム用のPC端末は使用しません",
              "補助金の内示日より前には着手しません"):
    eq(ws["H%d" % row_of(ws, label)].value, "はい", "declaration %s answered はい" % label[:10])

# Items: quantity, unit price, amount formula with cached value, eligibility.
hr = row_of(ws, "No.")
ok(hr is not None, "item table header present")
for i, it in enumerate(A["items"]):
    r = hr + 1 + i
    eq(ws["F%d" % r].value, it["quantity"], "item %d quantity" % (i + 1))
    eq(ws["G%d" % r].value, it["unit_price"], "item %d unit price" % (i + 1))
    eq(ws["H%d" % r].value, "=F%d*G%d" % (r, r), "item %d amount is a formula" % (i + 1))
    eq(wv["H%d" % r].value, it["quantity"] * it["unit_price"], "item %d amount cached value" % (i + 1))
    eq(ws["I%d" % r].value, "対象外" if it["category"] == "running_cost" else "対象",
       "item %d eligibility" % (i + 1))
ok(any("対象外です" in str(ws["A%d" % r].value) for r in range(hr, hr + 8)), "reason for 対象外 written")

# The amount rows: formulas that carry their values.
expect = [("総事業費 (A)", "total", "=H"), ("寄付金その他の収入額 (B)", "other_income", None),
          ("差引額 (C)", "net", "=MAX(0,"), ("対象経費の実支出予定額 (D)", "eligible", "=SUMIF("),
          ("基準額 (E)", "base", None), ("選定額 (F)", "selected", "=MAX(0,MIN("),
          ("補助所要額 (G)", "subsidy", "=MIN(ROUNDDOWN(")]
for label, key, prefix in expect:
    r = row_of(ws, label)
    ok(r is not None, "amount row %s present" % label)
    if r is None:
        continue
    f = ws["E%d" % r].value
    if prefix:
        ok(isinstance(f, str) and f.startswith(prefix), "%s is a formula %s..." % (label, prefix), f)
    eq(wv["E%d" % r].value, S[key], "%s cached value equals summary (%s)" % (label, S[key]))
sub = ws["E%d" % row_of(ws, "補助所要額 (G)")].value
ok(",-3)" in sub and ",50000)" in sub, "subsidy rounds down to 1,000 and caps at 50,000", sub)

# PC check absent.
eq(value_of(ws, "確認日時"), "未実施", "no PC check: 未実施")

# Footer with version and definition.
cells = [str(c.value) for row in ws.iter_rows() for c in row if c.value]
ok(any("nanbyo-survey" in c and "yamaguchi-r8" in c and "版 1" in c for c in cells),
   "footer names program version and definition id/version")

# Page setup.
eq(ws.page_setup.paperSize, 9, "paper A4")
eq(ws.page_setup.orientation, "portrait", "portrait")
ok(ws.sheet_properties.pageSetUpPr.fitToPage, "fit to page on")
ok(ws.page_setup.fitToWidth in (None, 1), "one page wide", ws.page_setup.fitToWidth)
eq(ws.page_setup.fitToHeight, 0, "any number of pages tall")
pa = ws.print_area if isinstance(ws.print_area, str) else ",".join(ws.print_area)
ok(pa.startswith("'調査票'!$A$1:$I$") or "$A$1:$I$" in pa, "print area A1:I..", pa)
ok(ws.page_margins.left >= 0.59 and ws.page_margins.right >= 0.59, "left/right margins >= 15 mm")
ok(ws.print_options.horizontalCentered, "centred horizontally")
brks = [b.id for b in ws.row_breaks.brk]
ok(len(brks) >= 1, "a page break is placed between sections", brks)
ok(all(re.match(r"^\d+ ", str(ws["A%d" % (b + 2)].value)) for b in brks),
   "every page starts at a section heading", [ws["A%d" % (b + 2)].value for b in brks])
eq(wb.properties.creator, F["institution_name"], "author is the institution")
ok("所要額調査票" in (wb.properties.title or ""), "document title")
fonts = {c.font.name for row in ws.iter_rows() for c in row if c.value is not None}
eq(fonts, {"游ゴシック"}, "every written cell uses the Japanese font")
ok(not ws.data_validations.dataValidation, "no inline drop-down lists (1.1.4 crash)")

# PC check present.
px = h.out("pc.xlsx")
r = h.export(h.PCCHECK, "--xlsx", px)
eq(r.returncode, 0, "export with a PC check")
_, ws2, _ = open_both(px)
ok("令和8年3月20日" in str(value_of(ws2, "確認日時")), "PC check date in 和暦", value_of(ws2, "確認日時"))
ok("不合格" in str(value_of(ws2, "結果")), "overall result says a check failed", value_of(ws2, "結果"))
r = row_of(ws2, "画面の解像度")
ok(r is not None and ws2["D%d" % r].value == "不合格" and ws2["E%d" % r].value == "1366x768",
   "each check with its status and measurement")

# Draft and late.
def broken(d):
    d["fields"]["email"] = "not-an-address"
bad = h.variant("bad", broken)
nx = h.out("refused.xlsx")
r = h.export(bad, "--xlsx", nx)
eq(r.returncode, 1, "invalid answers refused with exit 1")
ok("email: " in r.stderr, "problem listed as field: message", r.stderr)
ok(not os.path.exists(nx), "nothing written when refused")
dx = h.out("draft.xlsx")
r = h.export(bad, "--xlsx", dx, "--force", env=h.AFTER)
eq(r.returncode, 0, "--force writes")
wbd, wsd, _ = open_both(dx)
top = " ".join(str(wsd["A%d" % i].value) for i in range(1, 6))
ok("下書き" in top and "期限後" in top, "draft and late marked at the top", top)
ok("下書き" in (wbd.properties.contentStatus or "") or "下書き" in str(wsd.oddHeader.right.text),
   "draft also in the status property or page header")

# A draft with a malformed quantity shows what was typed, and no formula
# multiplies text.
def badqty(d):
    d["items"][0]["quantity"] = "いっこ"
qx = h.out("qty.xlsx")
r = h.export(h.variant("qty", badqty), "--xlsx", qx, "--force")
eq(r.returncode, 0, "malformed quantity: --force writes")
_, wsq, wvq = open_both(qx)
rq = row_of(wsq, "No.") + 1
eq(wsq["F%d" % rq].value, "いっこ", "malformed quantity shown as typed")
ok(not str(wsq["H%d" % rq].value).startswith("="), "no formula over a text quantity", wsq["H%d" % rq].value)

# Hostile names.
hostile = {"crlf": "やまぐち\r\n内科\rクリニック", "long": "長" * 10000, "emoji": "やまぐち😀内科",
           "variant": "髙﨑内科クリニック", "control": "やまぐち\x01\x1b内科"}
for tag, name in hostile.items():
    p = h.out("h-%s.xlsx" % tag)
    r = h.export(h.with_name(name, "hx-" + tag), "--xlsx", p, "--force")
    eq(r.returncode, 0, "hostile %s: export succeeds" % tag)
    try:
        wbh, wsh, _ = open_both(p)
        v = value_of(wsh, "医療機関名")
        ok(isinstance(v, str) and not any(ord(c) < 32 for c in v), "hostile %s: opens, no control characters" % tag)
        if tag == "long":
            eq(len(v), 10000, "10,000 characters kept in the cell")
        if tag in ("emoji", "variant"):
            eq(v, name, "hostile %s: kept exactly" % tag)
    except Exception as e:  # a broken file is the failure being tested
        ok(False, "hostile %s: openpyxl opens the file" % tag, repr(e))

# LibreOffice (bench/look package; optional here): converts to an A4 PDF,
# and, as an independent spreadsheet engine, recalculates every formula:
# the CSV it prints with forced recalculation must equal the one printed
# from our cached values, for amounts that hit each rule.
soffice = shutil.which("soffice") or shutil.which("libreoffice")
if soffice:
    def lo(profile, *args):
        return subprocess.run([soffice, "-env:UserInstallation=file://" + profile, "--headless", *args],
                              capture_output=True, text=True, timeout=180)
    rr = lo(h.out("lo-profile"), "--convert-to", "pdf", "--outdir", h.out("lo"), xlsx)
    lo_pdf = os.path.join(h.out("lo"), "form.pdf")
    ok(rr.returncode == 0 and os.path.exists(lo_pdf), "LibreOffice opens and converts the xlsx", rr.stderr)
    if os.path.exists(lo_pdf):
        info = h.pdfinfo(lo_pdf)
        ok("A4" in info.get("Page size", ""), "LibreOffice prints it on A4", info.get("Page size"))
        t = h.norm(h.pdftotext(lo_pdf))
        ok("50,000円" in t and h.norm(F["institution_name"]) in t, "LibreOffice shows the cached subsidy and name")

    cases = {
        "small": lambda d: d.__setitem__("items", [{"category": "pc", "description": "PC", "quantity": 1,
                                                    "unit_price": 31999}]),
        "income": lambda d: d["fields"].__setitem__("other_income", 300000),
        "net": lambda d: d["fields"].__setitem__("other_income", 160000),
        "none": lambda d: d.__setitem__("items", [{"category": "running_cost", "description": "回線",
                                                   "quantity": 12, "unit_price": 5000}]),
    }
    files = [xlsx]
    for tag, change in cases.items():
        p = h.out("calc-%s.xlsx" % tag)
        h.export(h.variant("calc-" + tag, change), "--xlsx", p, "--force")
        files.append(p)
    recalc = h.out("lo-recalc")
    os.makedirs(os.path.join(recalc, "user"), exist_ok=True)
    with open(os.path.join(recalc, "user", "registrymodifications.xcu"), "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
                'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
                'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
                '<item oor:path="/org.openoffice.Office.Calc/Formula/Load">'
                '<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>\n'
                '</oor:items>\n')
    csvf = "csv:Text - txt - csv (StarCalc):44,34,76,1"
    lo(h.out("lo-profile"), "--convert-to", csvf, "--outdir", h.out("lo-cached"), *files)
    lo(recalc, "--convert-to", csvf, "--outdir", h.out("lo-recalced"), *files)
    for p in files:
        name = os.path.basename(p)[:-5] + ".csv"
        a_, b_ = os.path.join(h.out("lo-cached"), name), os.path.join(h.out("lo-recalced"), name)
        if not (os.path.exists(a_) and os.path.exists(b_)):
            ok(False, "LibreOffice printed %s both ways" % name)
            continue
        ca, cb = open(a_, encoding="utf-8").read(), open(b_, encoding="utf-8").read()
        ok(ca == cb and "円" in ca, "%s: recalculated formulas equal the cached values" % name,
           "\n".join(l for l in __import__("difflib").unified_diff(ca.splitlines(), cb.splitlines(), lineterm="")))
else:
    print("# LibreOffice not installed: conversion and recalculation checks skipped")

done()
