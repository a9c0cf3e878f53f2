"""The PDF after a standard-resolution fax, as the prefecture receives
most of them (issue 14): rasterised 1-bit at 204 dpi with every other row
dropped (204x98). tesseract jpn must read every amount of section 5, the
summary box's 補助所要額 and the institution code exactly, commas
included, and no two ruled rows may merge: every rule of the 204x204
raster is still a rule of its own after the rows are halved."""
import os, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "export"))
import helpers as h  # noqa: E402
from nbtest import ok, eq, done  # noqa: E402

AMOUNTS = [("総事業費", "total"), ("寄付金その他の収入額", "other_income"), ("差引額", "net"),
           ("対象経費の実支出予定額", "eligible"), ("基準額", "base"), ("選定額", "selected"),
           ("補助所要額", "subsidy")]


def yen(v):
    return "{:,}円".format(v)


def hospital(d):
    d["fields"]["institution_name"] = "地方独立行政法人 山口県立総合医療センター"
    d["fields"]["institution_kind"] = "hospital"
    d["items"] = [
        {"category": "pc", "description": "デスクトップPC (メモリ16GB)", "quantity": 2, "unit_price": 118000},
        {"category": "peripheral", "description": "24型ワイド液晶モニター (1920x1200, 高さ調整スタンド付き)",
         "quantity": 2, "unit_price": 27800},
        {"category": "printer", "description": "A4 モノクロレーザープリンタ", "quantity": 1, "unit_price": 36800},
        {"category": "network", "description": "VPN ルーター設定作業", "quantity": 1, "unit_price": 55000},
        {"category": "software", "description": "PDF 閲覧ソフト", "quantity": 2, "unit_price": 9800},
        {"category": "running_cost", "description": "保守料 (年額)", "quantity": 1, "unit_price": 12000},
    ]
    d["fields"]["other_income"] = 20000


def row_zone(words, label, value, below=None):
    """The row holding label and value: [(x0, y0, x1, y1)] in pt, or None.
    below: only a label under this y (section 5, not the summary box)."""
    for t, x0, y0, x1, y1 in words:
        if t != label or (below is not None and y0 < below):
            continue
        mid = (y0 + y1) / 2
        for t2, a0, b0, a1, b1 in words:
            if t2 == value and abs((b0 + b1) / 2 - mid) < 8 and a0 > x1:
                return (x0 - 4, min(y0, b0) - 4, a1 + 4, max(y1, b1) + 4)
    return None


cases = [("fixture", h.PCCHECK), ("6-item hospital", h.variant("hospital6", hospital, h.PCCHECK))]
for tag, answers in cases:
    S = h.summary(answers)
    code = h.load(answers)["fields"]["institution_code"]
    pdf = h.out("fax-%s.pdf" % tag.replace(" ", ""))
    r = h.export(answers, "--pdf", pdf)
    eq(r.returncode, 0, "%s: export --pdf" % tag)
    pages = h.fax_pages(pdf)
    boxes = [h.word_boxes(pdf, i + 1) for i in range(len(pages))]

    # the summary box on the first page
    words = boxes[0]
    z = row_zone(words, "補助所要額", yen(S["subsidy"]))
    ok(z is not None, "%s: page 1 has a summary row 補助所要額 %s" % (tag, yen(S["subsidy"])))
    if z:
        o = h.ocr_zone(pages[0], *z)
        ok(h.norm(yen(S["subsidy"])) in o, "%s: fax reads the summary's 補助所要額 exactly" % tag, o)
    z = row_zone(words, "保険医療機関コード", code)
    ok(z is not None, "%s: page 1 has the institution code in the summary" % tag)
    if z:
        o = h.ocr_zone(pages[0], *z)
        ok(code in o, "%s: fax reads the institution code %s" % (tag, code), o)

    # every amount of section 5
    for label, key in AMOUNTS:
        found = None
        for i, words in enumerate(boxes):
            heads = [y0 for t, x0, y0, x1, y1 in words if t == "所要額" and x0 < 80]
            below = heads[0] if heads else (None if i > 0 else 10 ** 6)
            if below is None and i == 0:
                continue
            z = row_zone(words, label, yen(S[key]), below)
            if z:
                found = (i, z)
                break
        ok(found is not None, "%s: section 5 row %s %s found" % (tag, label, yen(S[key])))
        if found:
            o = h.ocr_zone(pages[found[0]], *found[1])
            ok(h.norm(yen(S[key])) in o, "%s: fax reads %s %s exactly" % (tag, label, yen(S[key])), o)

    # ruled rows: no rule vanishes or merges with its neighbour
    for i, p in enumerate(pages):
        # a rule runs across a table (2 in at least); a QR code's modules
        # never line up that far
        full = h.rule_rows(p.full, p.w, 408)
        fax = h.rule_rows(p.fax, p.w, 408)
        eq(len(fax), len(full), "%s page %d: all %d rules survive the fax as separate lines" % (tag, i + 1, len(full)))
        gaps = [b[0] - a[1] - 1 for a, b in zip(fax, fax[1:])]
        ok(not gaps or min(gaps) >= 4, "%s page %d: at least 4 fax lines between rules (min %s)"
           % (tag, i + 1, min(gaps) if gaps else "-"))

done()
