"""collect on e-mails that carry the 調査票 xlsx but no answers JSON (an
older program, or a clinic that attached only the workbook). The
xlsx files are the program's own `export --xlsx`; the e-mails are real
GMime messages: the program's `export --eml` with the JSON (and PDF)
parts removed through GMime, or new messages a clinic's mail program
would write, built with GMime from the xlsx. The answers come back from
the workbook's names equal to the originals (fields, every item, saved_at,
the PC check's ids and statuses), marked as from the xlsx (source
"…#xlsx", 受付経路 「メール (xlsx)」). Then hostile and damaged workbooks:
a zip bomb, invalid UTF-8, no names, not a ZIP, a DTD with nested
entities, a CRC error, an edited amount, items without names (an older
layout), another survey's workbook; one Japanese sentence each naming the file, nothing else
broken, a good file beside them still read."""
import copy, io, json, os, re, sys, zipfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "collect"))
import gen  # noqa: E402
from nbtest import ok, eq, done, run, TMP, FIX  # noqa: E402

try:
    import gi
    gi.require_version("GMime", "3.0")
    from gi.repository import GMime
except (ImportError, ValueError):
    print("1..0 # SKIP python3-gi with gir1.2-gmime-3.0 missing (scripts/install-deps.sh check installs them)")
    sys.exit(0)
GMime.init()

XLSX_TYPE = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
BEFORE = gen.BEFORE


def export(d, tag, *opts):
    src = gen.write_json(d, os.path.join(TMP, tag + ".json"))
    r = run("export", src, *opts, env=BEFORE)
    assert r.returncode == 0, r.stderr
    return src


def xlsx_of(d, tag, *extra):
    path = os.path.join(TMP, tag + ".xlsx")
    export(d, tag, "--xlsx", path, *extra)
    with open(path, "rb") as f:
        return f.read()


def write_message(m, path):
    st = GMime.StreamFile.open(path, "w")
    m.write_to_stream(None, st)
    st.flush()
    st.close()


def strip_mail(d, tag, path, keep_pdf=False):
    """The program's own e-mail (export --eml) with the answers JSON (and
    the PDF unless keep_pdf) removed through GMime."""
    eml = os.path.join(TMP, tag + ".eml")
    export(d, tag, "--eml", eml)
    m = GMime.Parser.new_with_stream(GMime.StreamFile.open(eml, "r")).construct_message(None)
    mp = m.get_mime_part()
    removed = []
    for i in reversed(range(mp.get_count())):
        part = mp.get_part(i)
        mime = part.get_content_type().get_mime_type()
        if mime == "application/json" or (mime == "application/pdf" and not keep_pdf):
            removed.append(mime)
            mp.remove_at(i)
    assert "application/json" in removed
    write_message(m, path)


def new_mail(attachments, path):
    """What a clinic's mail program writes: a text body and the xlsx."""
    m = GMime.Message.new(True)
    m.add_mailbox(GMime.AddressType.FROM, "テスト医院 事務", "jimu@clinic.example.jp")
    m.add_mailbox(GMime.AddressType.TO, "", "kenko@pref.example.jp")
    m.set_subject("所要額調査票の提出", "utf-8")
    mp = GMime.Multipart.new_with_subtype("mixed")
    body = GMime.TextPart.new_with_subtype("plain")
    body.set_text("いつもお世話になっております。調査票を添付します。")
    mp.add(body)
    for name, data in attachments:
        part = GMime.Part.new_with_type(*XLSX_TYPE)
        part.set_filename(name)
        part.set_content(GMime.DataWrapper.new_with_stream(GMime.StreamMem.new_with_buffer(data),
                                                           GMime.ContentEncoding.DEFAULT))
        part.set_content_encoding(GMime.ContentEncoding.BASE64)
        mp.add(part)
    m.set_mime_part(mp)
    write_message(m, path)


def collect(folder, tag, *opts):
    r = run("collect", "--db", os.path.join(TMP, tag + ".sqlite"), "--json", *opts, folder, timeout=600)
    ok("Traceback" not in r.stderr and r.stdout.strip().startswith("{"), "%s: the JSON report is printed" % tag,
       r.stderr[-600:])
    out = json.loads(r.stdout) if r.stdout.strip().startswith("{") else {"responses": [], "unreadable": []}
    return r, out


# --- answers of every shape, by mail as xlsx only ---------------------------------
good = os.path.join(TMP, "good")
os.makedirs(good)
originals = {}  # e-mail file -> answers
for n in range(400, 412):  # 1-4 items, names with 髙/﨑, notes with a line break
    d = gen.answers(n)
    strip_mail(d, "g%d" % n, os.path.join(good, "g%d.eml" % n))
    originals["g%d.eml" % n] = d
with open(os.path.join(FIX, "export", "pccheck.json"), encoding="utf-8") as f:
    pcd = json.load(f)  # the fixture with a PC check (ram, disk, display, browser, https)
strip_mail(pcd, "pc", os.path.join(good, "pc.eml"), keep_pdf=True)
originals["pc.eml"] = pcd
every = gen.answers(420, saved_at="2026-03-21T08:00:05+09:00")
every["fields"].update({"institution_kind": "hospital", "target": "nanbyo", "registration_method": "both",
                        "vendor_name": "株式会社 山口システム", "other_income": 30000,
                        "planned_start": "2026-05-01", "planned_completion": "2027-01-15",
                        "doctors_kyoryoku": 3, "doctors_shoman": 0,
                        "notes": "1 行目\n2 行目 =SUM(A1) はそのまま\n3 行目 😀"})
every["items"] = [{"category": c, "description": "=HYPERLINK(\"x\") 品目 %d" % k if k == 0 else "品目 %d %s" % (k, c),
                   "quantity": 1 + k % 3, "unit_price": 1000 * (k + 1)}
                  for k, c in enumerate(["pc", "printer", "peripheral", "network", "software",
                                         "system_modification", "running_cost", "other"] * 5)]
new_mail([("所要額調査票_テスト病院.xlsx", xlsx_of(every, "every"))], os.path.join(good, "every.eml"))
originals["every.eml"] = every
empty = gen.answers(421)
empty["items"] = []
empty["fields"]["notes"] = ""
new_mail([("empty.xlsx", xlsx_of(empty, "empty", "--force"))], os.path.join(good, "empty.eml"))
originals["empty.eml"] = empty

r, out = collect(good, "good", "--xlsx", os.path.join(TMP, "good-report.xlsx"))
resp = {x["source"].rsplit("/", 1)[1]: x for x in out["responses"]}
eq(sorted(resp), sorted(k + "#xlsx" for k in originals), "every e-mail read from its xlsx, source marked #xlsx")
eq(out["unreadable"], [], "nothing unreadable")
for name, d in sorted(originals.items()):
    got = resp.get(name + "#xlsx", {}).get("answers", {})
    eq(got.get("fields"), d["fields"], "%s: the fields equal the original's" % name)
    eq(got.get("items"), d["items"], "%s: every item equals the original's (%d)" % (name, len(d["items"])))
    eq(got.get("saved_at"), d["saved_at"], "%s: saved_at" % name)
    eq(got.get("survey"), "yamaguchi-r8", "%s: the survey" % name)
pc = resp.get("pc.eml#xlsx", {}).get("answers", {}).get("pc_check", {})
eq([(c["id"], c["status"]) for c in pc.get("checks", [])], [(c["id"], c["status"]) for c in pcd["pc_check"]["checks"]],
   "the PC check's ids and statuses, in order")
eq(pc.get("checked_at"), pcd["pc_check"]["checked_at"], "the PC check's time")
ok(all("pc_check" not in x["answers"] for k, x in resp.items() if k != "pc.eml#xlsx"),
   "no PC check where none was stored")
empty_r = resp.get("empty.eml#xlsx", {})
ok(not empty_r.get("valid") and any(p["field"] == "items" for p in empty_r.get("problems", [])),
   "a draft with no items is read and judged invalid, with its problem", empty_r.get("problems"))
eq(r.returncode, 1, "exit 1: the draft is listed as invalid")
eq(out["totals"]["count"], len(originals) - 1, "the valid ones are counted")
import openpyxl  # noqa: E402
ws = openpyxl.load_workbook(os.path.join(TMP, "good-report.xlsx"))["回答一覧"]
head = [c.value for c in ws[1]]
rows = [dict(zip(head, [c.value for c in row])) for row in ws.iter_rows(min_row=2) if row[0].value]
ok(rows and all(x["受付経路"] == "メール (xlsx)" and x["ファイル"].endswith("#xlsx") for x in rows[:-1]),
   "the report's 受付経路 says メール (xlsx)", [(x.get("受付経路"), x.get("ファイル")) for x in rows][:3])
r2 = run("collect", "--db", os.path.join(TMP, "good.sqlite"), good, timeout=600)
ok("新しく読んだファイル 0 件" in r2.stdout, "the same e-mails again add nothing", r2.stdout)

# --- a mail with both: the JSON wins, the xlsx is not read -----------------------------
both = os.path.join(TMP, "both")
os.makedirs(both)
d = gen.answers(430)
export(d, "both", "--eml", os.path.join(both, "both.eml"))
r, out = collect(both, "both")
eq([x["source"].rsplit("/", 1)[1] for x in out["responses"]], ["both.eml"], "with a JSON attached, the JSON is read")

# --- the 調査票 xlsx saved on its own (an attachment saved by hand) -------------------
alone = os.path.join(TMP, "alone")
os.makedirs(alone)
lone = gen.answers(450)
with open(os.path.join(alone, "所要額調査票_単独.xlsx"), "wb") as f:
    f.write(xlsx_of(lone, "lone"))
with open(os.path.join(alone, "壊れた.xlsx"), "wb") as f:
    f.write(b"PK\x03\x04" + b"\x00" * 200)
r, out = collect(alone, "alone", "--xlsx", os.path.join(TMP, "alone-report.xlsx"))
got = {x["source"].rsplit("/", 1)[1]: x for x in out["responses"]}
one = got.get("所要額調査票_単独.xlsx", {})
eq(one.get("answers", {}).get("fields"), lone["fields"], "a standalone xlsx: read, its fields equal the original's")
eq(one.get("answers", {}).get("items"), lone["items"], "a standalone xlsx: every item equals the original's")
import openpyxl  # noqa: E402
ws = openpyxl.load_workbook(os.path.join(TMP, "alone-report.xlsx"))["回答一覧"]
head = [c.value for c in ws[1]]
rows = [dict(zip(head, [c.value for c in row])) for row in ws.iter_rows(min_row=2) if row[0].value]
eq([(x.get("受付経路"), (x.get("ファイル") or "").rsplit("/", 1)[-1]) for x in rows[:1]],
   [("調査票 (xlsx)", "所要額調査票_単独.xlsx")], "a standalone xlsx: 受付経路 調査票 (xlsx) in the report")
why = {u["source"].rsplit("/", 1)[1]: u["reason"] for u in out["unreadable"]}.get("壊れた.xlsx", "")
ok("壊れた.xlsx" in why and "xlsx (ZIP) ではない" in why and why.count("。") == 1,
   "a broken standalone xlsx: listed with one sentence naming it", why or out["unreadable"])

# --- hostile and damaged workbooks ----------------------------------------------------------
base = gen.answers(440)
base_xlsx = xlsx_of(base, "base")


def members(data):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(i, z.read(i.filename)) for i in z.infolist()]


def rezip(data, change, stored=()):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info, body in members(data):
            body = change(info.filename, body)
            if body is None:
                continue
            z.writestr(info.filename, body, zipfile.ZIP_STORED if info.filename in stored else zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def named_cell(data, name):
    """The cell (e.g. G23) a workbook name points at."""
    wb = dict(members(data))
    wbx = [v for k, v in wb.items() if k.filename == "xl/workbook.xml"][0].decode()
    m = re.search(r'<definedName name="%s">[^!]*!\$([A-Z]+)\$(\d+)<' % name, wbx)
    return m.group(1) + m.group(2)


hz = os.path.join(TMP, "hostile")
os.makedirs(hz)
gen.write_json(gen.answers(7000), os.path.join(hz, "good.json"))
SHEET = "xl/worksheets/sheet1.xml"
big = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + \
      b" " * (100 << 20) + b"</worksheet>"
cases = {
    "bomb": (rezip(base_xlsx, lambda n, b: big if n == SHEET else b), "大きすぎる"),
    "badutf8": (rezip(base_xlsx, lambda n, b: b.replace("テスト医院".encode(), b"\xff\xfe\x80") if n == "xl/sharedStrings.xml"
                      else b), "XML として読めません"),
    "nonames": (rezip(base_xlsx, lambda n, b: re.sub(rb"<definedNames>.*</definedNames>", b"", b, flags=re.S)
                      if n == "xl/workbook.xml" else b), "名前がない"),
    "notzip": (b"PK\x03\x04" + os.urandom(4000), "xlsx (ZIP) ではない"),
    "dtd": (rezip(base_xlsx, lambda n, b: b.replace(b"?>", b'?><!DOCTYPE workbook [<!ENTITY a "aaaaaaaaaa">'
                                                   b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
                                                   b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>', 1)
                  if n == "xl/workbook.xml" else b), "DTD"),
    "crc": (None, "壊れていて展開できません"),
    "edited": (None, "合わない"),
    "olditems": (rezip(base_xlsx, lambda n, b: re.sub(rb'<definedName name="item_[^"]*">[^<]*</definedName>', b"", b)
                       if n == "xl/workbook.xml" else b), "合わない"),
}
# a CRC error: the sheet stored uncompressed, one byte of it changed in the archive
stored = rezip(base_xlsx, lambda n, b: b, stored=(SHEET,))
at = stored.find(b"<sheetData>") + 3
cases["crc"] = (stored[:at] + bytes([stored[at] ^ 0x20]) + stored[at + 1:], cases["crc"][1])
# an edited unit price whose amounts were not recalculated
cell = named_cell(base_xlsx, "item_1_unit_price")
price = str(base["items"][0]["unit_price"]).encode()
cases["edited"] = (rezip(base_xlsx, lambda n, b: re.sub(rb'(<c r="%s"[^>]*><v>)%s(</v>)' % (cell.encode(), price),
                                                        rb"\g<1>99000\g<2>", b) if n == SHEET else b),
                   cases["edited"][1])
ok(cases["edited"][0] != base_xlsx, "the edited workbook differs in its unit price cell")
# the 調査票 of another survey (a second definition)
cases["other"] = (xlsx_of(gen.answers(442), "other", "--force", "--form",
                          os.path.join(FIX, "forms", "testpref-r9.yaml")), "別の調査 (testpref-r9)")
for name, (data, _) in cases.items():
    new_mail([("所要額調査票.xlsx", data)], os.path.join(hz, name + ".eml"))
new_mail([], os.path.join(hz, "noattach.eml"))  # a letter with nothing attached
draft = gen.answers(441)
draft["items"][0]["quantity"] = "二"
new_mail([("draft.xlsx", xlsx_of(draft, "draft", "--force"))], os.path.join(hz, "draft.eml"))

r, h = collect(hz, "hostile")
eq(r.returncode, 1, "hostile folder: exit 1")
reasons = {u["source"].rsplit("/", 1)[1]: u["reason"] for u in h["unreadable"]}
for name, (_, words) in cases.items():
    why = reasons.get(name + ".eml#xlsx", "")
    print("# %s: %s" % (name, why))
    ok(words in why, "%s: %s" % (name, words), why or reasons)
    ok(why.endswith("。") and why.count("。") == 1 and "\n" not in why and (name + ".eml の添付の xlsx") in why,
       "%s: one sentence naming the file" % name, why)
ok("JSON か調査票の xlsx" in reasons.get("noattach.eml", ""), "an e-mail with neither: listed with the reason",
   reasons.get("noattach.eml"))
got = {x["source"].rsplit("/", 1)[1]: x for x in h["responses"]}
ok("good.json" in got and got["good.json"]["valid"], "the good file beside them is still read")
dr = got.get("draft.eml#xlsx", {})
eq(dr.get("answers", {}).get("items", [{}])[0].get("quantity"), "二", "a draft's text quantity is read as typed")
ok(dr and not dr["valid"] and any("items[0].quantity" in p["field"] for p in dr["problems"]),
   "and judged invalid with the problem named", dr.get("problems"))
eq(len(h["responses"]), 2, "nothing else became a response")

# --- an xlsx that does not record saved_at: the workbook's creation time -----------------
old = os.path.join(TMP, "old")
os.makedirs(old)
nos = gen.answers(443, saved_at="2026-03-22T09:00:00+09:00")
src = gen.write_json(nos, os.path.join(TMP, "nosaved.json"))
made = os.path.join(TMP, "nosaved.xlsx")
r = run("export", src, "--xlsx", made, env=dict(BEFORE, SOURCE_DATE_EPOCH="1774170000"))  # 2026-03-22T09:00:00Z
ok(r.returncode == 0, "export with a fixed creation time", r.stderr)
with open(made, "rb") as f:
    data = rezip(f.read(), lambda n, b: re.sub(rb'<property [^>]*name="nanbyo-survey-saved-at">.*?</property>', b"", b)
                 if n == "docProps/custom.xml" else b)
ok(b"nanbyo-survey-saved-at" not in dict((i.filename, b) for i, b in members(data))["docProps/custom.xml"],
   "the saved_at property removed")
new_mail([("old.xlsx", data)], os.path.join(old, "old.eml"))
r, o = collect(old, "old")
got = o["responses"][0]["answers"] if o["responses"] else {}
eq(got.get("saved_at"), "2026-03-22T18:00:00+09:00", "without saved_at: the workbook's creation time in Japan time")
eq(got.get("fields"), nos["fields"], "and the answers themselves as sent")

# --- names of unreadable files reach the terminal quoted ---------------------------
odd = os.path.join(TMP, "odd-names")
os.makedirs(odd)
for name in ("bad\nforged.xlsx", "esc\x1b[2Jname.pdf", "rtl\u202egpj.eml"):
    with open(os.path.join(odd, name), "wb") as f:  # each its own content: equal files are one input
        f.write(b"not what the name says: " + name.encode())
r = run("collect", "--db", os.path.join(TMP, "odd.sqlite"), odd, timeout=600)
lines = r.stderr.splitlines()
ok(len(lines) == 3 and all(l.startswith("読めなかったファイル: ") for l in lines),
   "three unreadable files: three lines, each its own (a line break in a name forges none)", r.stderr)
ok("bad<U+000A>forged.xlsx" in r.stderr and "esc<U+001B>[2Jname.pdf" in r.stderr and "rtl<U+202E>gpj.eml" in r.stderr,
   "the line break, ESC and the bidi override are shown as <U+XXXX>", r.stderr)
ok("\x1b" not in r.stderr and "\u202e" not in r.stderr, "no raw ESC or bidi character reaches the terminal", r.stderr)

# a folder nested past the walk's 32 levels is reported, not passed over in silence
deep = os.path.join(TMP, "deep")
leaf = os.path.join(deep, *(["d"] * 34))
os.makedirs(leaf)
with open(os.path.join(leaf, "x.json"), "w") as f:
    f.write("{}")
r = run("collect", "--db", os.path.join(TMP, "deep.sqlite"), deep, timeout=600)
ok(r.stderr.startswith("読めなかったファイル: ") and "/d/d/" in r.stderr,
   "a folder 34 levels deep: named among the unreadable files", r.stderr[-400:])
done()
