"""export --xlsx read back with openpyxl (Debian's, via /usr/bin/python3):
every answer in its cell, the amount rows as formulas whose cached values
equal `summary --json`, page setup (A4, one page for the normal survey,
print area, margins, the program line in the page footer), short fields
two to a row, 備考 across the sheet, document properties, the PC check (a
full 14-check result still on one page with five items, even when their
descriptions wrap: every check's title and status word in the two-per-row
grid), draft/late marks and hostile names. A long
item table gets several pages at a fixed scale, with breaks between
sections and the table header written again after a break inside the
table. LibreOffice (installed by scripts/packages/check-export.txt) prints
the normal survey, and five items with 14 checks, on exactly one A4 page
with legible text and recalculates every formula."""
import datetime, json, os, re, shutil, subprocess, sys, zipfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "export"))
import helpers as h  # noqa: E402
import nbtest  # noqa: E402
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


# Where an answer is: a whole row (label A, value D), the right half of a
# row shared by two short fields (label F, value H), or, for a section of
# one text whose label is its heading (9 備考), the row under "9 備考".
def cell_of(ws, label):
    for lc, vc in (("A", "D"), ("F", "H")):
        r = row_of(ws, label, lc)
        if r:
            return vc, r
    for r in range(1, ws.max_row + 1):
        v = ws["A%d" % r].value
        if isinstance(v, str) and re.fullmatch(r"\d+ " + re.escape(label), v):
            return "A", r + 1
    return None, None


def value_of(ws, label):
    c, r = cell_of(ws, label)
    return ws["%s%d" % (c, r)].value if r else "<no row %s>" % label


STATUS = {"pass": "合格", "warn": "注意", "fail": "不合格", "unknown": "不明", "na": "対象外"}
STATUS_WORDS = set(STATUS.values()) | {"未実施"}


def word(c):
    """A check's status word; a check not run (実行しませんでした), or a
    required one that does not apply, reads 未実施 (export_model.c)."""
    if c["status"] == "na" and (c.get("required_check", True) or c.get("measured") == "実行しませんでした"):
        return "未実施"
    return STATUS[c["status"]]


def verdict(checks):
    """The overall result, worded as in every output (issue 14)."""
    fails = sum(c["status"] == "fail" for c in checks)
    unconfirmed = sum(c["status"] in ("unknown", "na") and c.get("required_check", True) for c in checks)
    warns = sum(c["status"] == "warn" for c in checks)
    if fails:
        return "不合格 (%d件)" % fails
    if unconfirmed:
        return "未確認あり (%d件)" % unconfirmed
    return "合格 (注意 %d件)" % warns if warns else "合格"


def grid_of(ws):
    """(title, status word) of every check in the PC-check grid, in order:
    two checks a row, title in A or E, its status word in D or H."""
    first = row_of(ws, "確認日時")
    out = []
    for r in range(first + 1, ws.max_row + 1):
        a = ws["A%d" % r].value
        if isinstance(a, str) and re.match(r"^\d+ ", a):  # the next section
            break
        for t, st in (("A", "D"), ("E", "H")):
            title, word = ws["%s%d" % (t, r)].value, ws["%s%d" % (st, r)].value
            if title and title != "確認項目" and word in STATUS_WORDS:
                out.append((title, word))
    return out


def attention_of(ws):
    """The one box that lists the checks needing attention ("" if none)."""
    for r in range(1, ws.max_row + 1):
        v = ws["A%d" % r].value
        if isinstance(v, str) and v.startswith("確認が必要な項目: "):
            return v
    return ""


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
eq(value_of(ws, "登録方法"), "ブラウザーで直接入力", "registration method shown as its label")
eq(value_of(ws, "着手予定日"), datetime.datetime(2026, 6, 1), "planned start is a date cell")
eq(value_of(ws, "完了予定日"), datetime.datetime(2026, 7, 31), "planned completion is a date cell")
ok(all("ggge" in ws["%s%d" % cell_of(ws, lab)].number_format for lab in ("着手予定日", "完了予定日")),
   "dates formatted as 和暦")

# Two short fields share a row (label A-C, value D-E | label F-G, value
# H-I) so that the form fits one page: two of a kind where there is a
# choice, never a declaration or free text; 備考 takes the whole width
# under its heading instead of repeating it as a label.
def same_row(a, b):
    return row_of(ws, a, "A") is not None and row_of(ws, a, "A") == row_of(ws, b, "F")
for a, b in (("担当部署", "担当者氏名"), ("電話番号", "FAX番号"), ("着手予定日", "完了予定日"),
             ("保険医療機関コード", "種別"), ("登録する書類", "登録方法")):
    ok(same_row(a, b), "%s and %s share a row" % (a, b), (row_of(ws, a, "A"), row_of(ws, b, "F")))
for lab in ("医療機関名", "所在地", "メールアドレス", "小児慢性特定疾病指定医の人数"):
    r_ = row_of(ws, lab)
    ok(r_ and ws["F%d" % r_].value is None, "%s keeps a whole row" % lab)
paired = {ws["F%d" % r_].value for r_ in range(1, ws.max_row + 1)} - {None}
ok(not paired & {"整備する機器はオンライン登録の用途に使用します", "備考"}, "no declaration or 備考 in a half row",
   paired)
rn = row_of(ws, "9 備考")
ok(rn and ws["A%d" % (rn + 1)].value == F["notes"] and not row_of(ws, "備考"),
   "備考 across the sheet under its heading, no label repeating it", rn and ws["A%d" % (rn + 1)].value)

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
    f = ws["D%d" % r].value
    if prefix:
        ok(isinstance(f, str) and f.startswith(prefix), "%s is a formula %s..." % (label, prefix), f)
    eq(wv["D%d" % r].value, S[key], "%s cached value equals summary (%s)" % (label, S[key]))
sub = ws["D%d" % row_of(ws, "補助所要額 (G)")].value
ok(",-3)" in sub and ",50000)" in sub, "subsidy rounds down to 1,000 and caps at 50,000", sub)

# PC check absent.
eq(value_of(ws, "確認日時"), "未実施", "no PC check: 未実施")

# Which program and definition made the file: in the document properties,
# not on the form; the page footer has the page number.
foot = ws.oddFooter.left.text or ""
ok("nanbyo-survey" not in foot and "yamaguchi-r8" not in foot, "no program or definition line in the footer", foot)
with zipfile.ZipFile(xlsx) as z:
    core = z.read("docProps/core.xml").decode()
ok("nanbyo-survey" in core and "yamaguchi-r8" in core and "版 1" in core,
   "document properties name program version and definition id/version", core[:300])
eq(ws.oddFooter.right.text, "&P / &N", "page number on the right of the footer")
cells = [str(c.value) for row in ws.iter_rows() for c in row if c.value]
ok(not any("で作成" in c for c in cells), "no row spent on the footer line")

# Page setup: the normal survey fits one A4 page, 1 wide by 1 tall.
def page_setup_xml(path):
    with zipfile.ZipFile(path) as z:
        x = z.read("xl/worksheets/sheet1.xml").decode()
    m = re.search(r"<pageSetup [^>]*>", x)
    return m.group(0) if m else ""


eq(ws.page_setup.paperSize, 9, "paper A4")
eq(ws.page_setup.orientation, "portrait", "portrait")
ok(ws.sheet_properties.pageSetUpPr.fitToPage, "fit to page on")
# fitToWidth/fitToHeight are left out of the file when 1 (the default).
eq(ws.page_setup.fitToWidth or 1, 1, "one page wide")
eq(ws.page_setup.fitToHeight or 1, 1, "one page tall")
ok("fitToHeight=\"0\"" not in page_setup_xml(xlsx), "not 'any number of pages tall'", page_setup_xml(xlsx))
pa = ws.print_area if isinstance(ws.print_area, str) else ",".join(ws.print_area)
ok(pa.startswith("'調査票'!$A$1:$I$") or "$A$1:$I$" in pa, "print area A1:I..", pa)
m = ws.page_margins
ok(min(m.left, m.right, m.top, m.bottom) >= 0.4, "margins at least 0.4 in (10 mm)",
   (m.left, m.right, m.top, m.bottom))
ok(ws.print_options.horizontalCentered, "centred horizontally")
eq([b.id for b in ws.row_breaks.brk], [], "no page break on a one-page form")
# Rows are set tight (a 15 pt row is the default and is left out of the
# file): one line of 10.5 pt text takes 14.25 pt.
heights = [ws.row_dimensions[r].height or 15 for r in range(1, ws.max_row + 1)]
one_line = [ws.row_dimensions[cell_of(ws, label)[1]].height or 15 for label in text_fields]
ok(max(one_line) <= 15, "one-line answer rows at most 15 pt", sorted(set(one_line)))
ok(sum(heights) <= (11.69 - 0.9) * 72 / 0.85, "rows add up to one page at 85 %% or more: %.1f pt" % sum(heights))
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
eq(value_of(ws2, "結果"), "不合格 (1件)", "overall result beside the check time: a check failed")
eq(row_of(ws2, "結果", "F"), row_of(ws2, "確認日時"), "check time and result share a row")
r = row_of(ws2, "画面の解像度")
ok(r is not None and ws2["D%d" % r].value == "不合格", "each check with its status", r and ws2["D%d" % r].value)
att = attention_of(ws2)
ok("画面の解像度 不合格 (1366x768)、" in att and att.endswith("(HTTPS) 不明"),
   "what needs attention, with the measured value, in one row", att)
ok("メモリ" not in att, "a passed check is not listed as needing attention", att)
# Two checks per row: every check's title and status word is in the grid.
with open(h.PCCHECK) as f:
    n_checks = len(json.load(f)["pc_check"]["checks"])
cells = grid_of(ws2)
ok(len(cells) == n_checks and all(st in STATUS_WORDS for _, st in cells),
   f"all {n_checks} checks in the two-per-row grid with their status words", cells)
ok(row_of(ws2, "確認項目") is not None, "the grid has its header row when the form fits one page with it")
ok(any("測定値は PDF 版" in str(c.value) for c in ws2[row_of(ws2, "8 PCの要件確認")]),
   "where the measured values are: said beside the section heading")

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

# A realistic survey with five items and a 備考 of two lines: still one page.
def five_items(d):
    d["items"] = [
        {"category": "pc", "description": "ノートパソコン (Core i5, メモリ16GB, SSD 512GB)", "quantity": 2, "unit_price": 128000},
        {"category": "printer", "description": "A4 モノクロレーザープリンター", "quantity": 1, "unit_price": 24800},
        {"category": "peripheral", "description": "USB 接続 ICカードリーダー", "quantity": 2, "unit_price": 3980},
        {"category": "network", "description": "VPN 対応ルーター 設定作業込み", "quantity": 1, "unit_price": 45000},
        {"category": "software", "description": "Microsoft Office Home & Business 2024", "quantity": 1, "unit_price": 43980}]
    d["fields"]["notes"] = "ノートPC2台とA4プリンター1台を購入し、受付の既存PCは引き続き会計用に使います。\n工事は診療時間外に行う予定です。"
fx = h.out("five.xlsx")
r = h.export(h.variant("five-items", five_items), "--xlsx", fx)
ok(r.returncode == 0, "five items: export exits 0", r.stderr)
_, ws5, _ = open_both(fx)
ok(ws5.sheet_properties.pageSetUpPr.fitToPage and (ws5.page_setup.fitToHeight or 1) == 1
   and not ws5.row_breaks.brk, "five items: fit to one page, no breaks")

# A full PC check result (the 14 checks the questionnaire stores after its
# check page) with long measured values, and five one-line items: the
# 調査票 still prints on one page, with every check's title and status
# word in the two-per-row grid and the checks that need attention named
# once with a short reason.
def pc(id_, title, status, measured):
    return {"id": id_, "title": title, "status": status, "required_check": True, "measured": measured,
            "required": "", "detail": "", "advice": ""}
PC14 = {"checked_at": "2026-03-18T14:05:09+09:00", "checks": [
    pc("os", "OS と利用環境", "warn", "Windows 10 Pro 22H2 (x86_64)、サポート終了 (2025年10月14日)、リモートデスクトップ接続"),
    pc("ram", "メモリ (RAM)", "pass", "搭載 16.0 GB (SMBIOS 2 枚 x 8 GB)、使用可能 15.8 GB (GlobalMemoryStatusEx)"),
    pc("disk", "ディスクの空き容量", "pass", "C:\\ 空き 182.4 GB / 全体 475.8 GB (GetDiskFreeSpaceEx)"),
    pc("display", "画面の解像度", "fail", "1366x768 (内蔵ディスプレイ、拡大率 125 %)、外部ディスプレイなし"),
    pc("browser", "ブラウザー", "pass", "Microsoft Edge 131.0.2903.86 (C:\\Program Files (x86)\\Microsoft\\Edge)、Google Chrome 131.0"),
    pc("acrobat_reader", "Acrobat Reader", "pass", "Adobe Acrobat Reader 2024.005.20320 (64-bit)"),
    pc("excel", "Microsoft Excel", "pass", "Microsoft 365 Excel 16.0.18129 (クイック実行)"),
    pc("aws_vpn_client", "AWS VPN Client", "unknown", "見つかりません (C:\\Program Files\\Amazon\\AWS VPN Client)"),
    pc("printer", "プリンター", "pass", "Brother HL-L2375DW (既定、A4 対応、USB001)、Microsoft Print to PDF"),
    pc("proxy", "プロキシ設定", "pass", "なし (WinHTTP、インターネット オプション)"),
    pc("dns", "名前解決 (DNS)", "pass", "vpn.nanbyo.example 203.0.113.10 (12 ms)、api.nanbyo.example 203.0.113.11"),
    pc("https", "HTTPS 接続", "pass", "TLS 1.3 で接続 (証明書の検証 OK、TCP 443、183 ms)"),
    pc("clock", "時計のずれ", "warn", "3.2 秒進んでいます (HTTP Date ヘッダーとの差)"),
    pc("vpn", "VPN 接続先", "na", "ネットワークの確認をしない指定のため実行しませんでした"),
]}
def five_short(d):
    d["items"] = [
        {"category": "pc", "description": "ノートパソコン 15.6型", "quantity": 2, "unit_price": 128000},
        {"category": "printer", "description": "A4 レーザープリンター", "quantity": 1, "unit_price": 24800},
        {"category": "peripheral", "description": "ICカードリーダー", "quantity": 2, "unit_price": 3980},
        {"category": "network", "description": "VPN ルーター (設定込み)", "quantity": 1, "unit_price": 45000},
        {"category": "software", "description": "Microsoft Excel 2024", "quantity": 1, "unit_price": 36000}]
    d["fields"]["notes"] = "ノートPC2台とA4プリンター1台を購入します。"
    d["pc_check"] = PC14
p14 = h.out("pc14.xlsx")
r = h.export(h.variant("pc14", five_short), "--xlsx", p14)
ok(r.returncode == 0, "five items and 14 checks: export exits 0", r.stderr)
_, ws14, _ = open_both(p14)
h14 = [ws14.row_dimensions[r_].height or 15 for r_ in range(1, ws14.max_row + 1)]
ok(ws14.sheet_properties.pageSetUpPr.fitToPage and (ws14.page_setup.fitToWidth or 1) == 1
   and (ws14.page_setup.fitToHeight or 1) == 1 and not ws14.row_breaks.brk,
   "five items and 14 checks: fit to one page, 1 wide by 1 tall, no breaks: rows %.1f pt" % sum(h14))
eq(grid_of(ws14), [(c["title"], word(c)) for c in PC14["checks"]],
   "five items and 14 checks: every check's title and status word in the grid, in order")
att14 = attention_of(ws14)
eq(att14, "確認が必要な項目: OS と利用環境 注意 (サポート終了)、画面の解像度 不合格 (1366x768)、"
   "AWS VPN Client 不明 (見つかりません)、時計のずれ 注意 (3.2 秒進んでいます)",
   "five items and 14 checks: warn/fail/unknown named once, each with the first clause of its value "
   "(for the OS, the clause after its name)")
att_row = [ws14.row_dimensions[r_].height for r_ in range(1, ws14.max_row + 1)
           if str(ws14["A%d" % r_].value).startswith("確認が必要な項目")]
ok(att_row and att_row[0] <= 33, "five items and 14 checks: the attention box takes two lines at most", att_row)
cells14 = [str(c.value) for row in ws14.iter_rows() for c in row if c.value]
ok(not any("GlobalMemoryStatusEx" in c or "Brother HL-L2375DW" in c for c in cells14),
   "five items and 14 checks: the long measured values are left to the PDF and the answers")
eq(value_of(ws14, "確認日時"), "令和8年3月18日 14:05", "five items and 14 checks: check time in 和暦")

# The same 14 checks with five items that wrap and a 備考 of three lines:
# still one page, because short fields share rows, the check time and
# the result share one, 備考 takes the whole width and the footer line is
# in the page footer; the grid's header row is the one row left out, and
# only because that is what fits the page.
def five_long_pc(d):
    five_items(d)
    d["pc_check"] = PC14
    # one line more since 開設者 and 代表者 share a row (the F column grew
    # for 「12か月」): the form is again one row too tall with the header
    d["fields"]["notes"] += "\n見積書は後日お送りします。"
p14l = h.out("pc14-long.xlsx")
r = h.export(h.variant("pc14-long", five_long_pc), "--xlsx", p14l)
_, ws14l, _ = open_both(p14l)
h14l = [ws14l.row_dimensions[r_].height or 15 for r_ in range(1, ws14l.max_row + 1)]
ok(r.returncode == 0 and ws14l.sheet_properties.pageSetUpPr.fitToPage and not ws14l.row_breaks.brk,
   "wrapped items and 14 checks: fit to one page, no breaks: rows %.1f pt" % sum(h14l))
ok(sum(h14l) <= (11.69 - 0.9) * 72 / 0.85 / 1.015, "wrapped items and 14 checks: rows fit one page at 85 %%",
   sum(h14l))
eq(len(grid_of(ws14l)), 14, "wrapped items and 14 checks: every check in the grid")
ok(row_of(ws14l, "確認項目") is None, "wrapped items and 14 checks: the grid header is the row left out")
ok(row_of(ws14, "確認項目") is not None, "five one-line items and 14 checks: the grid keeps its header")

# A check time that is not a date (an old or hand-edited file) and a
# result with warnings only: each gets a whole row when it does not fit
# half of one, and the short result reads 合格 with what needs a look.
def odd_time(d):
    five_short(d)
    d["pc_check"] = json.loads(json.dumps(PC14))
    d["pc_check"]["checked_at"] = "受付のパソコンで先週の金曜日の夕方に確認しました (手入力)"
    d["pc_check"]["checks"][3]["status"] = "warn"
pt_ = h.out("pc-oddtime.xlsx")
r = h.export(h.variant("pc-oddtime", odd_time), "--xlsx", pt_)
_, wso, _ = open_both(pt_)
eq(value_of(wso, "確認日時"), "受付のパソコンで先週の金曜日の夕方に確認しました (手入力)",
   "a check time that does not fit half a row: kept whole")
ok(row_of(wso, "結果") and row_of(wso, "結果") != row_of(wso, "確認日時"), "then the result has a row of its own")
eq(value_of(wso, "結果"), verdict(json.load(open(h.variant("pc-oddtime", odd_time), encoding="utf-8"))["pc_check"]["checks"]),
   "a whole-row result: the same words as every output")
def warn_only(d):
    odd_time(d)
    d["pc_check"]["checked_at"] = "2026-03-18T14:05:09+09:00"
pw_ = h.out("pc-warn.xlsx")
r = h.export(h.variant("pc-warn", warn_only), "--xlsx", pw_)
_, wsw, _ = open_both(pw_)
eq(value_of(wsw, "結果"), verdict(json.load(open(h.variant("pc-warn", warn_only), encoding="utf-8"))["pc_check"]["checks"]),
   "the result as in every output; 未確認あり when a required check was not run, never 合格")

# A long department name does not fit half a row: it keeps a whole row
# and 担当者氏名 goes on with the next short field.
def long_dept(d):
    d["fields"]["contact_department"] = "地域医療連携室 医事課 外来受付係 (本館1階)"
pd_ = h.out("long-dept.xlsx")
r = h.export(h.variant("long-dept", long_dept), "--xlsx", pd_)
_, wsd_, _ = open_both(pd_)
rd = row_of(wsd_, "担当部署")
ok(rd and wsd_["F%d" % rd].value is None and value_of(wsd_, "担当部署") == "地域医療連携室 医事課 外来受付係 (本館1階)",
   "a long department keeps a whole row", rd and wsd_["F%d" % rd].value)
eq(value_of(wsd_, "担当者氏名"), F["contact_name"], "担当者氏名 still beside its label")
eq(value_of(wsd_, "FAX番号"), F["fax"], "FAX番号 still beside its label")

# What the questionnaire stores: the whole `check --no-network --json`
# object of this machine. Every check is in the grid with its word.
live = nbtest.run("check", "--no-network", "--json")
try:
    LIVE = json.loads(live.stdout)
except ValueError:
    LIVE = {"checks": []}
ok(len(LIVE["checks"]) >= 14, "check --no-network --json gives the full result", len(LIVE["checks"]))
plive = h.out("pc-live.xlsx")
r = h.export(h.variant("pc-live", lambda d: (five_short(d), d.__setitem__("pc_check", LIVE))), "--xlsx", plive)
_, wsl_, _ = open_both(plive)
eq(grid_of(wsl_), [(c["title"], word(c)) for c in LIVE["checks"]],
   "this machine's check result: every check's title and status word in the grid")
need = [c["title"] for c in LIVE["checks"] if c["status"] in ("warn", "fail", "unknown")]
att_l = attention_of(wsl_)
ok(all("%s %s" % (t, w) in att_l for t, w in ((c["title"], STATUS[c["status"]]) for c in LIVE["checks"]
                                               if c["title"] in need)) and len(att_l) < 400,
   "this machine's check result: every check needing attention named once, briefly", att_l)
os_live = next((c for c in LIVE["checks"] if c["id"] == "os"), None)
if os_live and os_live["status"] == "warn" and "、コンテナ" in os_live["measured"]:
    ok("OS と利用環境 注意 (コンテナ)" in att_l, "in a container: the OS warning says コンテナ, not the OS's name", att_l)

# A long item table (36 items) and a 備考 of several lines: several pages
# at one fixed scale (fit-to-page would make Excel ignore the breaks),
# breaks between sections, the title rows repeated on every page and the
# table header written again where the table continues on a new page.
CATS = ["pc", "printer", "peripheral", "network", "software", "running_cost"]
def many_items(d):
    d["items"] = [{"category": CATS[i % len(CATS)], "description": "物品 %d の品名と型番 (説明が2行になる長さ)" % (i + 1),
                   "quantity": 1 + i % 3, "unit_price": 1000 * (i + 1)} for i in range(36)]
    d["fields"]["notes"] = "\n".join("備考の%d行目: 整備の予定と院内の事情を書いています。" % i for i in range(1, 7))
LONG = h.variant("long-items", many_items)
lx = h.out("long.xlsx")
r = h.export(LONG, "--xlsx", lx)
ok(r.returncode == 0, "long item table: export exits 0", r.stderr)
wbl, wsl, wvl = open_both(lx)
SL = h.summary(LONG)
ok(not wsl.sheet_properties.pageSetUpPr or not wsl.sheet_properties.pageSetUpPr.fitToPage,
   "long form: no fit-to-page (Excel would ignore the breaks)")
ok(wsl.page_setup.scale and 85 <= wsl.page_setup.scale <= 100, "long form: printed at a legible fixed scale",
   wsl.page_setup.scale)
ok(str(wsl.print_title_rows).replace("$", "") == "1:2", "long form: title and addressee repeated on every page",
   wsl.print_title_rows)
lbrks = [b.id for b in wsl.row_breaks.brk]
ok(len(lbrks) >= 2, "long form: several pages", lbrks)
# openpyxl's break id is the last row of a page (1-based): id + 1 starts the next.
starts = [str(wsl["A%d" % (b + 1)].value) for b in lbrks]
ok(all(re.match(r"^\d+ ", v) or v == "No." or v.startswith("※ No.") for v in starts),
   "long form: every page starts at a section heading, the repeated table header or the table's notes",
   starts)
ok("No." in starts, "long form: the item table header is repeated where the table crosses a page", starts)
headers = [r_ for r_ in range(1, wsl.max_row + 1) if wsl["A%d" % r_].value == "No."]
item_rows = [r_ for r_ in range(1, wsl.max_row + 1) if isinstance(wsl["A%d" % r_].value, int)]
eq([wsl["A%d" % r_].value for r_ in item_rows], list(range(1, 37)), "long form: items 1-36 in order")
eq(len(headers), 1 + starts.count("No."), "long form: one header plus one per page the table continues on")
LA = h.load(LONG)
for i, r_ in enumerate(item_rows):
    it = LA["items"][i]
    if not (wsl["F%d" % r_].value == it["quantity"] and wsl["G%d" % r_].value == it["unit_price"]
            and wsl["H%d" % r_].value == "=F%d*G%d" % (r_, r_)
            and wvl["H%d" % r_].value == it["quantity"] * it["unit_price"]):
        ok(False, "long form: item %d read back" % (i + 1), [wsl["%s%d" % (c, r_)].value for c in "ABCDEFGHI"])
        break
else:
    ok(True, "long form: every item's quantity, price and amount formula read back")
for label, key in (("総事業費 (A)", "total"), ("対象経費の実支出予定額 (D)", "eligible"), ("補助所要額 (G)", "subsidy")):
    eq(wvl["D%d" % row_of(wsl, label)].value, SL[key], "long form: %s equals summary" % label)
eq(value_of(wsl, "備考"), LA["fields"]["notes"], "long form: 備考 with its line breaks")

# Paged anyway (36 items) with a full PC check: the grid keeps its header.
lpx = h.out("long-pc.xlsx")
r = h.export(h.variant("long-pc", lambda d: (many_items(d), d.__setitem__("pc_check", PC14))), "--xlsx", lpx)
_, wslp, _ = open_both(lpx)
ok(r.returncode == 0 and wslp.row_breaks.brk and row_of(wslp, "確認項目") is not None
   and len(grid_of(wslp)) == 14, "long form with 14 checks: paged, and the grid keeps its header")

# What makes Excel offer to "repair" a file, which openpyxl and LibreOffice
# accept silently: merged ranges that overlap, a value hidden under a
# merge, a row taller than 409 pt, a cell over 32,767 characters, a
# header or footer over 255 characters, more than 1,023 page breaks.
# Checked on every workbook this test wrote (paired rows, hostile names,
# long forms, drafts).
import glob  # noqa: E402
def col_num(letters):
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def cell_rc(ref):
    m = re.fullmatch(r"([A-Z]+)(\d+)", ref)
    return int(m.group(2)), col_num(m.group(1))


def excel_problems(path):
    """Read from the sheet's XML: openpyxl drops what lies under a merge."""
    with zipfile.ZipFile(path) as z:
        x = z.read("xl/worksheets/sheet1.xml").decode()
    out = []
    boxes = []
    for ref in re.findall(r'<mergeCell ref="([A-Z]+\d+:[A-Z]+\d+)"', x):
        (r1, c1), (r2, c2) = (cell_rc(p_) for p_ in ref.split(":"))
        boxes.append((r1, c1, r2, c2))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]:
                out.append("merges overlap: %s %s" % (a, b))
    valued = [cell_rc(ref) for ref, body in re.findall(r'<c r="([A-Z]+\d+)"[^>]*?(?:/>|>(.*?)</c>)', x)
              if "<v>" in body or "<f>" in body or "<is>" in body]
    for rr, cc in valued:
        for b in boxes:
            if b[0] <= rr <= b[2] and b[1] <= cc <= b[3] and (rr, cc) != (b[0], b[1]):
                out.append("value under a merge at row %d col %d" % (rr, cc))
    out += ["row %s is %s pt" % m for m in re.findall(r'<row r="(\d+)"[^>]*? ht="([\d.]+)"', x)
            if float(m[1]) > 409]
    out += ["a string of %d characters" % len(t) for t in re.findall(r"<t[^>]*>([^<]*)</t>", x) if len(t) > 32767]
    for hf in re.findall(r"<(?:oddHeader|oddFooter)>([^<]*)</", x):
        if len(hf) > 255:
            out.append("header/footer of %d characters" % len(hf))
    if x.count("<brk ") > 1023:
        out.append("%d page breaks" % x.count("<brk "))
    return out
written = sorted(glob.glob(os.path.join(nbtest.TMP, "*.xlsx")))
ok(len(written) >= 15, "every workbook of this test is checked (%d)" % len(written))
bad_files = {os.path.basename(p_): excel_problems(p_) for p_ in written}
bad_files = {k: v for k, v in bad_files.items() if v}
ok(not bad_files, "nothing Excel would offer to repair: no overlapping merges, nothing under a merge, rows, "
   "cells, header and footer inside Excel's limits", bad_files)
# ...and the check itself finds a broken file: one more merge over the
# first paired row, a value written under it.
def tampered(src, dst):
    with zipfile.ZipFile(src) as zi, zipfile.ZipFile(dst, "w") as zo:
        for item in zi.infolist():
            data = zi.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                t_ = data.decode()
                rp = row_of(ws, "電話番号")
                t_ = t_.replace("</mergeCells>", '<mergeCell ref="E%d:G%d"/></mergeCells>' % (rp, rp))
                data = t_.encode()
            zo.writestr(item, data)
tx = os.path.join(nbtest.TMP, "tampered.xlsx.bad")
tampered(xlsx, tx)
probs = excel_problems(tx)
ok(any("overlap" in p_ for p_ in probs) and any("under a merge" in p_ for p_ in probs),
   "the repair check finds an overlapping merge over a paired row and the value under it", probs)

# LibreOffice (bench/look package; optional here): converts to an A4 PDF,
# and, as an independent spreadsheet engine, recalculates every formula:
# the CSV it prints with forced recalculation must equal the one printed
# from our cached values, for amounts that hit each rule.
soffice = shutil.which("soffice") or shutil.which("libreoffice")
if soffice:
    def lo(profile, *args):
        return subprocess.run([soffice, "-env:UserInstallation=file://" + profile, "--headless", *args],
                              capture_output=True, text=True, timeout=180)
    def lo_pdf(path, outdir):
        rr = lo(h.out("lo-profile"), "--convert-to", "pdf", "--outdir", h.out(outdir), path)
        pdf = os.path.join(h.out(outdir), os.path.basename(path)[:-5] + ".pdf")
        ok(rr.returncode == 0 and os.path.exists(pdf), "LibreOffice opens and converts %s" % os.path.basename(path),
           rr.stderr)
        return pdf if os.path.exists(pdf) else None

    def printed_pt(pdf, word):
        """Size on paper of a label of full-width characters (one em each)."""
        t = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True).stdout
        m = re.search(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">%s<' % word, t)
        return (float(m.group(2)) - float(m.group(1))) / len(word) if m else 0.0

    lo_pdf_1 = lo_pdf(xlsx, "lo")
    if lo_pdf_1:
        info = h.pdfinfo(lo_pdf_1)
        ok("A4" in info.get("Page size", ""), "LibreOffice prints it on A4", info.get("Page size"))
        eq(info.get("Pages"), "1", "LibreOffice prints the normal survey on exactly one page")
        t = h.norm(h.pdftotext(lo_pdf_1))
        ok("50,000円" in t and h.norm(F["institution_name"]) in t, "LibreOffice shows the cached subsidy and name")
        ok("###" not in t, "no number too wide for its column (####)")
        ok(h.norm(F["notes"]) in t and "1/1" in t, "nothing cut off: 備考 and the footer (page number) are printed")
        size = printed_pt(lo_pdf_1, "医療機関名")
        ok(size >= 9.0, "10.5 pt body text is at least 9 pt on paper (scale >= 86 %%): %.2f pt" % size,
           "LibreOffice lays out columns like Excel only with Carlito (fonts-crosextra-carlito) standing in for Calibri")
    lo_pdf_5 = lo_pdf(fx, "lo-five")
    if lo_pdf_5:
        eq(h.pdfinfo(lo_pdf_5).get("Pages"), "1", "five items: LibreOffice prints exactly one page")
        t5 = h.norm(h.pdftotext(lo_pdf_5))
        ok("###" not in t5 and "工事は診療時間外" in t5 and "1/1" in t5, "five items: nothing cut off")
        size = printed_pt(lo_pdf_5, "医療機関名")
        ok(size >= 8.9, "five items: body text about 9 pt on paper or more: %.2f pt" % size)
    lo_pdf_14 = lo_pdf(p14, "lo-pc14")
    if lo_pdf_14:
        eq(h.pdfinfo(lo_pdf_14).get("Pages"), "1", "five items and 14 checks: LibreOffice prints exactly one page")
        t14 = h.norm(h.pdftotext(lo_pdf_14))
        ok("###" not in t14 and "1/1" in t14 and h.norm("ノートPC2台とA4プリンター1台") in t14
           and all(h.norm(c["title"]) in t14 for c in PC14["checks"]),
           "five items and 14 checks: nothing cut off (every check, 備考, footer)")
        size = printed_pt(lo_pdf_14, "医療機関名")
        ok(size >= 8.9, "five items and 14 checks: body text about 9 pt on paper or more: %.2f pt" % size)
    lo_pdf_14l = lo_pdf(p14l, "lo-pc14-long")
    if lo_pdf_14l:
        eq(h.pdfinfo(lo_pdf_14l).get("Pages"), "1", "wrapped items and 14 checks: LibreOffice prints exactly one page")
        t14l = h.norm(h.pdftotext(lo_pdf_14l))
        ok("###" not in t14l and "1/1" in t14l and "工事は診療時間外" in t14l
           and all(h.norm(c["title"]) in t14l for c in PC14["checks"]),
           "wrapped items and 14 checks: nothing cut off (every check, 備考, footer)")
        size = printed_pt(lo_pdf_14l, "医療機関名")
        ok(size >= 8.9, "wrapped items and 14 checks: body text about 9 pt on paper or more: %.2f pt" % size)
    lo_pdf_l = lo_pdf(lx, "lo-long")
    if lo_pdf_l:
        pages = int(h.pdfinfo(lo_pdf_l).get("Pages", "0"))
        eq(pages, len(lbrks) + 1, "long form: LibreOffice breaks exactly where the file says (no extra page)")
        for n in range(2, pages + 1):
            tp = h.norm(h.pdftotext(lo_pdf_l, "-f", str(n), "-l", str(n)))
            ok("所要額調査票" in tp, "long form page %d: title repeated" % n)
        t2 = h.norm(h.pdftotext(lo_pdf_l, "-f", "2", "-l", "2"))
        ok("No." in t2 and "補助対象" in t2, "long form page 2: the item table continues under its header")
        tl = h.norm(h.pdftotext(lo_pdf_l))
        ok("###" not in tl and "物品36の" in tl and "50,000円" in tl, "long form: every item and the subsidy printed")
        size = printed_pt(lo_pdf_l, "医療機関名")
        ok(size >= 8.9, "long form: body text at least about 9 pt on paper: %.2f pt" % size)

    # Ten-digit amounts (only with --force: past the definition's limits)
    # must print whole: shrunk to the column, never "###".
    big = h.out("big-amount.xlsx")
    h.export(h.variant("big-amount", lambda d: d.__setitem__(
        "items", [{"category": "pc", "description": "PC", "quantity": 9999, "unit_price": 128000}])),
        "--xlsx", big, "--force")
    lo_pdf_big = lo_pdf(big, "lo-big")
    if lo_pdf_big:
        tb = h.pdftotext(lo_pdf_big)
        ok("###" not in tb and tb.count("1,279,872,000") >= 2,
           "a ten-digit amount (--force) is printed whole in the item row and the totals, never ###", tb[:3000])

    cases = {
        "small": lambda d: d.__setitem__("items", [{"category": "pc", "description": "PC", "quantity": 1,
                                                    "unit_price": 31999}]),
        "income": lambda d: d["fields"].__setitem__("other_income", 300000),
        "net": lambda d: d["fields"].__setitem__("other_income", 160000),
        "none": lambda d: d.__setitem__("items", [{"category": "running_cost", "description": "回線",
                                                   "quantity": 12, "unit_price": 5000}]),
    }
    files = [xlsx, lx]
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
    print("# LibreOffice (soffice) not found: the one-page print, long-form print and recalculation "
          "checks are skipped; scripts/install-deps.sh check installs libreoffice-calc")

# Workbook names: every answer field and derived amount by its id, so the
# prefecture links a hundred files by name whatever the item count.
def names_of(path):
    wbn = openpyxl.load_workbook(path, data_only=True)
    out = {}
    for d in wbn.defined_names.definedName:
        for title, coord in d.destinations:
            out[d.name] = wbn[title][coord.replace("$", "")].value
    return out


FIELD_IDS = ["institution_name", "institution_code", "institution_kind", "postal_code", "address", "founder",
             "representative", "contact_department", "contact_name", "phone", "fax", "email", "doctors_nanbyo",
             "doctors_kyoryoku", "doctors_shoman", "target", "registration_method", "vendor_name", "other_income",
             "planned_start", "planned_completion", "decl_dedicated_use", "decl_not_cancer_registry_pc",
             "decl_not_before_naiji", "notes"]
AMOUNT_IDS = ["total", "other_income", "net", "eligible", "base", "selected", "subsidy"]


def many_items(d):
    d["items"] = [{"category": "peripheral", "description": "USBメモリ %d" % i, "quantity": 1,
                   "unit_price": 1000 + i} for i in range(60)]


for tag, answers in (("fixture", h.VALID), ("60 items", h.variant("names60", many_items))):
    pn = h.out("names-%s.xlsx" % tag.replace(" ", ""))
    r = h.export(answers, "--xlsx", pn)
    ok(r.returncode == 0, "%s: xlsx written" % tag, r.stderr)
    names = names_of(pn)
    missing = [i for i in FIELD_IDS + AMOUNT_IDS if i not in names]
    eq(missing, [], "%s: a workbook name for every answer field and derived amount" % tag)
    Sn = h.summary(answers)
    eq({k: names.get(k) for k in AMOUNT_IDS}, {k: Sn[k] for k in AMOUNT_IDS},
       "%s: the named amounts equal summary --json" % tag)
    eq(names.get("institution_code"), F["institution_code"], "%s: institution_code by name" % tag)


# One workbook per run: export --xlsx F --eml M attaches F's very bytes.
# No SOURCE_DATE_EPOCH, so a workbook made twice would carry two creation
# times; and the run must not need TMPDIR, where the mail's copy used to be
# made (test_file_choices.py has the unwritable TMPDIR).
import email, email.policy  # noqa: E402

fx, mx = h.out("once.xlsx"), h.out("once.eml")
env1 = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
env1.update(h.BEFORE)
r = subprocess.run([nbtest.BIN, "export", h.VALID, "--xlsx", fx, "--eml", mx], capture_output=True, text=True,
                   env=env1, timeout=120)
ok(r.returncode == 0, "export --xlsx F --eml M", r.stderr)
with open(mx, "rb") as f:
    msg = email.message_from_binary_file(f, policy=email.policy.default)
att = [p.get_content() for p in msg.iter_attachments() if (p.get_filename() or "").endswith(".xlsx")]
eq(len(att), 1, "the mail has one xlsx attachment")
with open(fx, "rb") as f:
    written = f.read()
ok(att and att[0] == written, "the attached xlsx is byte for byte the file written",
   "sizes: %s attached, %d written" % ([len(a) for a in att], len(written)))

done()
