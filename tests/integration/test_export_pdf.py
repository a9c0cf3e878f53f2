"""export --pdf read back with real tools: pdfinfo (A4, pages), pdffonts
(every font embedded), pdftotext (name and amounts), the page rendered to
check margins and black-only, and the fax test: 1-bit rasters at 204x196
and 204x98 (rows doubled) read by tesseract jpn."""
import os, re, shutil, subprocess, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "export"))
import helpers as h  # noqa: E402
from nbtest import ok, eq, done  # noqa: E402

NAME = h.load()["fields"]["institution_name"]
S = h.summary(h.VALID)


def yen(v):
    return "{:,}円".format(v)


# --- the plain form ---------------------------------------------------------
pdf = h.out("form.pdf")
r = h.export(h.VALID, "--pdf", pdf)
eq(r.returncode, 0, "export --pdf exits 0")
ok(os.path.exists(pdf), "PDF written", r.stderr)
info = h.pdfinfo(pdf)
ok("595.28 x 841.89" in info.get("Page size", "") or "(A4)" in info.get("Page size", ""),
   "page size is A4", info.get("Page size"))
pages = int(info.get("Pages", "0"))
ok("所要額調査票" in info.get("Title", ""), "PDF title set", info.get("Title"))
eq(info.get("Author"), NAME, "PDF author is the institution")
if shutil.which("qpdf"):
    q = subprocess.run(["qpdf", "--check", pdf], capture_output=True, text=True)
    eq(q.returncode, 0, "qpdf --check finds no damage")
ok(1 <= pages <= 3, "form fits on 1-3 pages", pages)

fonts = subprocess.run(["pdffonts", pdf], capture_output=True, text=True).stdout.splitlines()[2:]
ok(len(fonts) > 0, "pdffonts lists fonts")
ok(all(re.search(r"\byes\s+yes\s+yes\b", l) for l in fonts), "every font embedded, subset, with ToUnicode",
   "\n".join(fonts))
ok(any("IPAexGothic" in l for l in fonts), "body face is IPAexGothic", "\n".join(fonts))

text = h.pdftotext(pdf)
n = h.norm(text)
TITLE = h.norm("所要額調査票")
eq(h.norm(h.pdftotext(pdf, "-f", "1", "-l", "1")).count(TITLE), 1,
   "page 1 names the form once (the large title, no running title above it)")
ok(TITLE in h.norm(h.pdftotext(pdf, "-f", "2", "-l", "2")), "page 2 carries the running title")
ok(h.norm(NAME) in n, "pdftotext finds the institution name")
ok("補助所要額" in n and h.norm(yen(S["subsidy"])) in n, "pdftotext finds 補助所要額 and its amount")
for k in ("total", "eligible", "net", "selected"):
    ok(h.norm(yen(S[k])) in n, "pdftotext finds the %s amount %s" % (k, yen(S[k])))
for label in ("総事業費", "寄付金その他の収入額", "差引額", "対象経費の実支出予定額", "基準額", "選定額"):
    ok(label in n, "amount row %s present" % label)
ok("令和8年6月1日" in n, "planned start written in 和暦")
ok("対象外" in n and "ランニングコスト" in n, "running cost shown as 対象外")
ok("未実施" in n, "absent PC check says 未実施")
ok(re.search(r"1/%d" % pages, text) is not None, "page number n/N on the page")
ok("nanbyo-survey" not in n and "yamaguchi-r8" not in n, "no program or definition jargon on the form")
ok("nanbyo-survey" in info.get("Creator", "") and "yamaguchi-r8" in info.get("Keywords", ""),
   "the PDF metadata names the program and the definition", info)
ok("下書き" not in n and "期限後" not in n, "a valid, timely form has no draft or late mark")

# --- line widths: every "w" operator in the page content streams -------------
def line_widths(path):
    import zlib
    data = open(path, "rb").read()
    widths = []
    for m in re.finditer(rb"<<([^<>]*)>>\s*stream\r?\n", data):
        d = m.group(1)
        if b"/FlateDecode" not in d or b"/Length1" in d or b"/Subtype" in d:
            continue
        try:
            body = zlib.decompressobj().decompress(data[m.end():])
        except zlib.error:
            continue
        if b"BT" not in body and b" re" not in body and b" l\n" not in body:
            continue
        # a width and the path it strokes; a path of curves is a bold
        # glyph's outline (pdf_layout.c), not a rule
        for m2 in re.finditer(rb"(?:^|\s)(\d*\.?\d+) w(?=\s)(.*?)(?:\sS\s|$)", body, re.S):
            widths.append((float(m2.group(1)), b" c" in m2.group(2)))
    return widths


lw = line_widths(pdf)
rules = [w for w, outline in lw if not outline]
ok(len(rules) > 0 and min(rules) >= 1.0, "every rule at least 1 pt (survives a 204x98 fax)", sorted(set(rules)))

# --- text sizes: word boxes from pdftotext -bbox (height = font size) ----------
words = re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<', h.pdftotext(pdf, "-bbox"))
heights = [(float(b) - float(a), w) for a, b, w in words]
ok(min(x for x, _ in heights) >= 10.4, "no text under 10.5 pt (header, footer and notes too)", min(heights))
for word in ("医療機関名", NAME, "総事業費", "令和8年6月1日"):
    hs = [x for x, w in heights if w == word]
    ok(hs and max(hs) >= 10.4, "body text %s at least 10.5 pt" % word, hs)

# --- margins and colour: rasterise at 72 dpi (1 px = 1 pt) -------------------
def ppm_pixels(path):
    data = open(path, "rb").read()
    m = re.match(rb"P6\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    w, hh = int(m.group(1)), int(m.group(2))
    return w, hh, data[m.end():]


prefix = h.out("ras")
subprocess.run(["pdftoppm", "-r", "72", "-f", "1", "-l", "1", pdf, prefix], check=True)
ppm = [p for p in os.listdir(h.nbtest.TMP) if p.startswith("ras") and p.endswith(".ppm")][0]
w, hh, px = ppm_pixels(os.path.join(h.nbtest.TMP, ppm))
colour = any(px[i] != px[i + 1] or px[i] != px[i + 2] for i in range(0, len(px), 3))
ok(not colour, "black only: every pixel is grey/black/white")
m15 = int(15 * 72 / 25.4)
ink = [(i // 3) for i in range(0, len(px), 3) if px[i] < 128]
xs = [p % w for p in ink]
ys = [p // w for p in ink]
ok(min(xs) >= m15 and max(xs) < w - m15, "left/right margins at least 15 mm", (min(xs), max(xs), w))
ok(min(ys) >= m15 and max(ys) < hh - m15, "top/bottom margins at least 15 mm", (min(ys), max(ys), hh))

# --- fax: 1-bit at both resolutions, OCR --------------------------------------
for ry, th in ((196, 0.95), (98, 0.9)):
    o = h.fax_ocr(pdf, ry)
    ok(h.fuzzy_contains(o, NAME, th) >= th, "fax %dx%d: institution name recognised" % (204, ry),
       h.fuzzy_contains(o, NAME, th))
    ok(h.fuzzy_contains(o, "補助所要額", th) >= th, "fax 204x%d: 補助所要額 recognised" % ry)
    # every amount of section 5, read zone by zone: test_export_fax.py

# --- fax cover sheet ------------------------------------------------------------
cov = h.out("cover.pdf")
r = h.export(h.VALID, "--pdf", cov, "--fax-cover")
eq(r.returncode, 0, "export --pdf --fax-cover exits 0")
cpages = int(h.pdfinfo(cov)["Pages"])
eq(cpages, pages + 1, "the cover adds exactly one page")
first = h.norm(h.pdftotext(cov, "-f", "1", "-l", "1"))
ok("送付状" in first, "page 1 is the 送付状")
ok("山口県健康福祉部健康増進課精神・難病班御中" in first, "addressed to the definition's recipient 御中")
ok("083-933-2969" in first, "the definition's FAX number")
ok(h.norm(NAME) in first and "083-900-1234" in first, "sender institution and phone")
ok("令和8年3月20日" in first, "today's date")
ok(("%d枚(本紙を含む)" % cpages) in first, "page count including the cover", first)
ok(h.norm("オンライン登録所要額調査(%s)" % NAME) in first, "subject from the template")
o = h.fax_ocr(cov, 98, 1, 1)
ok(h.fuzzy_contains(o, "083-933-2969", 0.9) >= 0.9, "cover FAX number readable at standard fax resolution")

# --- a long item table breaks across pages with numbers -----------------------
def many(d):
    d["items"] = [{"category": "peripheral", "description": "USBメモリ %d 本目" % i, "quantity": 1,
                   "unit_price": 1000} for i in range(60)]
long_pdf = h.out("long.pdf")
r = h.export(h.variant("many", many), "--pdf", long_pdf)
eq(r.returncode, 0, "60 items export")
lp = int(h.pdfinfo(long_pdf)["Pages"])
ok(lp >= 3, "60 items take several pages", lp)
t = h.pdftotext(long_pdf)
ok(all(("%d/%d" % (i, lp)) in t for i in range(1, lp + 1)), "every page numbered n/N")
ok(t.count("内容 (品名・型番など)") >= 2, "item table header repeated on the next page")
ok("USBメモリ 59 本目" in t, "the last item is printed")


# every items page's ruled boxes are there (pdf_grid.c strokes a page's row
# boxes when the page ends): at 72 dpi (1 px = 1 pt) each has horizontal
# rules across most of the table and vertical ones down several rows
def pgm_pixels(path):
    data = open(path, "rb").read()
    m = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    return int(m.group(1)), int(m.group(2)), data[m.end():]


def longest_runs(w, hh, px):
    """Per row and per column, the longest run of dark pixels."""
    dark = [[px[y * w + x] < 128 for x in range(w)] for y in range(hh)]
    def run(cells):
        best = cur = 0
        for c in cells:
            cur = cur + 1 if c else 0
            best = max(best, cur)
        return best
    return [run(r) for r in dark], [run([dark[y][x] for y in range(hh)]) for x in range(w)]


item_pages = [i for i in range(1, lp + 1) if "USBメモリ" in h.pdftotext(long_pdf, "-f", str(i), "-l", str(i))]
ok(len(item_pages) >= 2, "the items run over several pages", item_pages)
for i in item_pages:
    pre = h.out("rules-%d" % i)
    subprocess.run(["pdftoppm", "-r", "72", "-gray", "-f", str(i), "-l", str(i), long_pdf, pre], check=True)
    pgm = [f for f in os.listdir(h.nbtest.TMP) if f.startswith("rules-%d" % i) and f.endswith(".pgm")][0]
    rows, cols = longest_runs(*pgm_pixels(os.path.join(h.nbtest.TMP, pgm)))
    across = sum(1 for r in rows if r >= 400)
    down = sum(1 for c in cols if c >= 100)
    ok(across >= 5 and down >= 3, "page %d of %d: its boxes are ruled (%d long rules across, %d down)"
       % (i, lp, across, down))

# --- draft and late marks on every page ----------------------------------------
def broken(d):
    d["fields"]["phone"] = "abc"
bad = h.variant("bad", broken)
dpdf = h.out("draft.pdf")
r = h.export(bad, "--pdf", dpdf, "--force", env=h.AFTER)
eq(r.returncode, 0, "--force writes a draft")
dp = int(h.pdfinfo(dpdf)["Pages"])
for i in range(1, dp + 1):
    t = h.norm(h.pdftotext(dpdf, "-f", str(i), "-l", str(i)))
    ok("下書き" in t and "期限後" in t, "page %d says 下書き and 期限後" % i)

# --- hostile names ------------------------------------------------------------------
hostile = {
    "crlf": "やまぐち\r\n内科\rクリニック\n",
    "long": "長" * 10000,
    "emoji": "やまぐち😀内科クリニック",
    "variant": "髙﨑内科クリニック",
}
for tag, name in hostile.items():
    p = h.out("h-%s.pdf" % tag)
    r = h.export(h.with_name(name, "h-" + tag), "--pdf", p, "--fax-cover", "--force")
    eq(r.returncode, 0, "hostile %s: export succeeds" % tag)
    info = h.pdfinfo(p)
    ok(int(info["Pages"]) <= pages + 2, "hostile %s: layout holds (%s pages)" % (tag, info["Pages"]))
    rr = subprocess.run(["pdftoppm", "-r", "30", "-png", p, h.out("hr-" + tag)], capture_output=True)
    eq(rr.returncode, 0, "hostile %s: renders" % tag)
    if tag == "variant":
        ok("髙﨑内科クリニック" in h.pdftotext(p), "髙/﨑 kept in the PDF text")
    if tag == "crlf":
        ok("やまぐち 内科 クリニック" in h.pdftotext(p).replace("\n", " ").replace("  ", " "),
           "CR/LF in the name become spaces")
    if tag == "long":
        t = h.pdftotext(p)
        ok("…" in t, "10,000-character name is ellipsised")

# --- never hide data: rows grow, the footer drops whole parts --------------------
DESC = "24型ワイド液晶モニター (1920x1200, ノングレア, 高さ調整・回転スタンド付き, HDMI/DisplayPort ケーブル同梱)"
LONG = "地方独立行政法人" + "山口県立総合医療センター附属" * 3 + "周南記念病院"
def hidden(d):
    d["fields"]["institution_name"] = LONG[:60]
    d["fields"]["fax"] = "0834-21-5678"
    d["items"][0]["description"] = DESC
hp = h.out("hidden.pdf")
r = h.export(h.variant("hidden", hidden), "--pdf", hp, "--force")
eq(r.returncode, 0, "60-character name and a long description: export")
ok(h.norm(DESC) in h.norm(h.pdftotext(hp)), "a four-line item description appears whole in pdftotext")
hpages = int(h.pdfinfo(hp)["Pages"])
for i in range(1, hpages + 1):
    foot = [w for w in h.word_boxes(hp, i) if w[2] > 780]
    words = [w[0] for w in foot]
    ok("0834-21-5678" in words and "3510100013" in words,
       "page %d footer: the code and the whole FAX number" % i, words)
# --- a character none of the forms' faces has: drawn with the system's ------
# fonts (pdf_fonts.c: the form is drawn again with every installed font);
# U+1D400 is in DejaVu Serif (fonts-dejavu-core), not in IPAexGothic,
# Noto Sans CJK JP or DejaVu Sans Condensed
def rare(d):
    d["fields"]["institution_name"] = "\U0001D400やまぐち内科クリニック"
rp = h.out("rare.pdf")
r = h.export(h.variant("rare", rare), "--pdf", rp, "--force")
eq(r.returncode, 0, "a name with U+1D400: export")
ok("\U0001D400やまぐち内科クリニック" in h.pdftotext(rp), "U+1D400 is drawn (pdftotext reads it)")
rf = subprocess.run(["pdffonts", rp], capture_output=True, text=True).stdout
ok(re.search(r"DejaVu(Serif|MathTeXGyre)", rf) is not None, "it is drawn in a system face beyond the forms' own", rf)
ok("IPAexGothic" in rf, "the rest is still IPAexGothic", rf)
done()
