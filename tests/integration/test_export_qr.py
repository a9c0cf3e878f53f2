"""The answers' QR code on the printed form (issue 15), read back with
real tools: zbarimg finds exactly one NBQ1 code on the first form page
(after a fax cover too), pdftotext finds the sentence beside it, the
modules measure 1.0 mm, answers too long for version 18 get a larger
version on a page of their own (modules still 1.0 mm), and --no-qr
leaves every page without a code."""
import os, re, subprocess, sys, zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "export"))
import helpers as h  # noqa: E402
from nbtest import ok, eq, done  # noqa: E402

SENTENCE = "このQRコードには上記の回答がそのまま入っています(県の集計用)"
DPI = 254  # 10 pixels per millimetre


def finders(pgm):
    """Module size and symbol width (mm) from the finder patterns: rows whose
    runs go dark-light-dark-light-dark as 1:1:3:1:1 (7 modules). zbarimg
    does not report where a symbol is, so the page is measured here."""
    with open(pgm, "rb") as f:
        data = f.read()
    m = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", data)
    w, hgt = int(m.group(1)), int(m.group(2))
    px = data[m.end():]
    hits = []
    for y in range(0, hgt, 2):
        row = px[y * w:(y + 1) * w]
        runs, x = [], 0
        while x < w:
            dark = row[x] < 128
            s = x
            while x < w and (row[x] < 128) == dark:
                x += 1
            runs.append((dark, s, x - s))
        for i in range(len(runs) - 4):
            r5 = runs[i:i + 5]
            if not r5[0][0]:
                continue
            u = sum(r[2] for r in r5) / 7
            if u >= 4 and all(abs(r[2] - k * u) <= 0.5 * u + 1 for r, k in zip(r5, (1, 1, 3, 1, 1))):
                hits.append((y, r5[0][1], u, r5[4][1] + r5[4][2]))
    # a finder's 3-module core gives the pattern on 3 modules of rows at
    # the same x; a glyph or a rule that happens to match does not
    groups = []
    for y, x0, u, x1 in hits:
        for g in groups:
            if abs(g[-1][1] - x0) <= 2 and 0 < y - g[-1][0] <= 4:
                g.append((y, x0, u, x1))
                break
        else:
            groups.append([(y, x0, u, x1)])
    real = [g for g in groups if g[-1][0] - g[0][0] >= 2.5 * g[0][2]]
    if not real:
        return None, None
    us = sorted(x[2] for g in real for x in g)
    u = us[len(us) // 2]
    width = max(x[3] for g in real for x in g) - min(x[1] for g in real for x in g)
    return u * 25.4 / DPI, width * 25.4 / DPI


def codes(pdf, first, last=None):
    """Every QR text zbarimg reads on pages first..last, with the module
    size and symbol width measured on that page."""
    base = h.out("page")
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-f", str(first), "-l", str(last or first),
                    pdf, base], check=True)
    found = []
    for name in sorted(os.listdir(os.path.dirname(base))):
        if not name.startswith("page-"):
            continue
        path = os.path.join(os.path.dirname(base), name)
        r = subprocess.run(["zbarimg", "-q", "--raw", path], capture_output=True, text=True)
        for line in r.stdout.splitlines():
            if line:
                found.append((line, finders(path)))
        os.unlink(path)
    return found


def pages(pdf):
    return int(h.pdfinfo(pdf).get("Pages", "0"))


def checksum_ok(text):
    m = re.fullmatch(r"NBQ1\.([0-9A-F]{8})\.([0-9A-Z $%*+\-./:]+)", text)
    return bool(m) and (zlib.crc32(m.group(2).encode()) == int(m.group(1), 16))


def side_mm(size):
    return size[1] or 0


# --- the fixture: one version-18 code on page 1 --------------------------------
pdf = h.out("qr.pdf")
r = h.export(h.VALID, "--pdf", pdf)
eq(r.returncode, 0, "export --pdf exits 0")
got = codes(pdf, 1)
eq(len(got), 1, "exactly one QR code on the first page")
if got:
    text, pts = got[0]
    ok(text.startswith("NBQ1."), "it carries an NBQ1 payload", text[:40])
    ok(checksum_ok(text), "its checksum matches its body", text[:40])
    # version 18 = 89 modules of 1.0 mm
    ok(pts[0] and abs(pts[0] - 1.0) < 0.1, "modules are 1.0 mm", pts)
    ok(abs(side_mm(pts) - 89) < 2, "the symbol is 89 mm wide (version 18)", pts)
eq(codes(pdf, 2, pages(pdf)), [], "no code on the other pages")
eq(SENTENCE in h.norm(h.pdftotext(pdf, "-f", "1", "-l", "1")), True, "the sentence is printed beside it")

# --- after a fax cover, still on the first *form* page ---------------------------
cover = h.out("cover.pdf")
r = h.export(h.VALID, "--pdf", cover, "--fax-cover")
eq(r.returncode, 0, "export --pdf --fax-cover exits 0")
eq(codes(cover, 1), [], "no code on the fax cover")
eq(len(codes(cover, 2)), 1, "the code is on the first form page (page 2)")

# --- --no-qr ---------------------------------------------------------------------
plain = h.out("noqr.pdf")
r = h.export(h.VALID, "--pdf", plain, "--no-qr")
eq(r.returncode, 0, "export --pdf --no-qr exits 0")
eq(codes(plain, 1, pages(plain)), [], "--no-qr: no code on any page")
ok(SENTENCE not in h.norm(h.pdftotext(plain)), "--no-qr: no sentence either")
ok(pages(plain) <= pages(pdf), "--no-qr takes no more pages", (pages(plain), pages(pdf)))


# --- many items: a larger version on its own page, modules not shrunk ---------------
def many(d):
    d["items"] = [{"category": "peripheral", "description": f"外付けディスプレイ 第{i}号 型番 ABC-{i:04d}-XYZ",
                   "quantity": 1, "unit_price": 1000 + i} for i in range(40)]


big = h.variant("many-items", many)
bigpdf = h.out("big.pdf")
r = h.export(big, "--pdf", bigpdf)
eq(r.returncode, 0, "export --pdf of 40 items exits 0")
n = pages(bigpdf)
eq(codes(bigpdf, 1), [], "40 items: no code squeezed onto page 1")
ok("最後のページにあります" in h.norm(h.pdftotext(bigpdf, "-f", "1", "-l", "1")),
   "page 1 says the code is on the last page")
last = codes(bigpdf, n)
eq(len(last), 1, "the last page carries one code")
if last:
    ok(checksum_ok(last[0][0]), "its checksum matches", last[0][0][:40])
    ok(last[0][1][0] and abs(last[0][1][0] - 1.0) < 0.1, "modules are still 1.0 mm", last[0][1])
    ok(side_mm(last[0][1]) > 92, "a larger version than 18 (wider than 89 mm)", last[0][1])
    vtext = h.norm(h.pdftotext(bigpdf, "-f", str(n), "-l", str(n)))
    m = re.search(r"QRバージョン(\d+)-M", vtext)
    ok(m and abs(side_mm(last[0][1]) - (17 + 4 * int(m.group(1)))) < 2,
       "its width is 17 + 4 x version mm: modules stay 1.0 mm", (m and m.group(1), side_mm(last[0][1])))
done()
