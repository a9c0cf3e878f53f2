"""export --csv decoded the way the prefecture's Excel reads it: CP932 by
default, UTF-8 with BOM on request; one header row of Japanese labels and
one row of answers plus the derived amounts, CRLF, RFC 4180 quoting; a
character CP932 lacks is reported by field and nothing is written."""
import csv, io, os, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "export"))
import helpers as h  # noqa: E402
from nbtest import ok, eq, done  # noqa: E402

A = h.load()
F = A["fields"]
S = h.summary(h.VALID)


def rows(raw, enc):
    text = raw.decode(enc)
    return list(csv.reader(io.StringIO(text, newline="")))


p = h.out("form.csv")
r = h.export(h.VALID, "--csv", p)
eq(r.returncode, 0, "export --csv exits 0")
raw = open(p, "rb").read()
ok(not raw.startswith(b"\xef\xbb\xbf"), "CP932 file has no BOM")
try:
    rs = rows(raw, "cp932")
    ok(True, "decodes as CP932")
except UnicodeDecodeError as e:
    rs = [[], []]
    ok(False, "decodes as CP932", e)
eq(len(rs), 2, "exactly a header row and one data row")
ok(raw.endswith(b"\r\n") and raw.count(b"\r\n") == 2 and b"\n" not in raw.replace(b"\r\n", b""),
   "CRLF line ends only")
hdr, val = rs[0], rs[1]
eq(len(hdr), len(val), "as many values as labels")
row = dict(zip(hdr, val))
eq(row.get("医療機関名"), F["institution_name"], "institution name")
eq(row.get("保険医療機関コード"), F["institution_code"], "institution code as text")
eq(row.get("種別"), "clinic", "choice as its code")
eq(row.get("難病指定医の人数"), str(F["doctors_nanbyo"]), "count as a plain number")
eq(row.get("着手予定日"), "2026-06-01", "date as YYYY-MM-DD")
eq(row.get("整備する機器はオンライン登録の用途に使用します"), "true", "declaration as true")
for label, key in (("総事業費", "total"), ("寄付金その他の収入額", "other_income"), ("差引額", "net"),
                   ("対象経費の実支出予定額", "eligible"), ("基準額", "base"), ("選定額", "selected"),
                   ("補助所要額", "subsidy")):
    eq(row.get(label), str(S[key]), "%s equals summary %s" % (label, S[key]))
eq(row.get("物品・経費の件数"), str(len(A["items"])), "item count")
eq(hdr[:2] + hdr[2:9], ["保険医療機関コード", "医療機関名", "総事業費", "寄付金その他の収入額", "差引額",
                        "対象経費の実支出予定額", "基準額", "選定額", "補助所要額"], "identity and amounts first")
ok(not any(c.startswith("物品1") for c in hdr), "no column per item (they go to --items-csv)", hdr)
eq(row.get("補助所要額を決めた額"), "base", "binding as its code")
eq(row.get("PC要件確認_結果"), "not_run", "no PC check: not_run")
eq(row.get("状態"), "final", "status of a valid, timely form: final")
eq(row.get("提出日"), "2026-03-20", "提出日 as YYYY-MM-DD")
eq(row.get("調査定義"), "yamaguchi-r8", "definition id")

# UTF-8 with BOM.
pu = h.out("form-utf8.csv")
r = h.export(h.VALID, "--csv", pu, "--csv-encoding", "utf-8")
eq(r.returncode, 0, "--csv-encoding utf-8 exits 0")
rawu = open(pu, "rb").read()
ok(rawu.startswith(b"\xef\xbb\xbf"), "UTF-8 file starts with a BOM")
eq(rows(rawu[3:], "utf-8"), rs, "UTF-8 and CP932 files hold the same cells")

# Quoting: commas, quotes and newlines in the notes.
def notes(d):
    d["fields"]["notes"] = 'ノートPC,1台\n"至急" と書いてください'
pq = h.out("quote.csv")
r = h.export(h.variant("quote", notes), "--csv", pq, "--force")
eq(r.returncode, 0, "notes with comma, quote and newline")
rq = rows(open(pq, "rb").read(), "cp932")
eq(len(rq), 2, "still one data row")
eq(dict(zip(rq[0], rq[1])).get("備考"), 'ノートPC,1台\r\n"至急" と書いてください', "notes round-trip through RFC 4180")

# 髙/﨑 are in CP932 (IBM extensions): kept.
pv = h.out("variant.csv")
r = h.export(h.with_name("髙﨑内科クリニック", "cv"), "--csv", pv)
eq(r.returncode, 0, "髙﨑 writes in CP932")
eq(dict(zip(*rows(open(pv, "rb").read(), "cp932"))).get("医療機関名"), "髙﨑内科クリニック", "髙﨑 kept exactly")

# Emoji: refused by field, file untouched.
pe = h.out("emoji.csv")
with open(pe, "wb") as f:
    f.write(b"old")
r = h.export(h.with_name("やまぐち😀内科", "ce"), "--csv", pe, "--force")
eq(r.returncode, 1, "emoji in CP932 CSV: exit 1")
ok("医療機関名" in r.stderr and "😀" in r.stderr and "CP932" in r.stderr, "message names the field and the character",
   r.stderr)
eq(open(pe, "rb").read(), b"old", "the old file is left as it was")
r = h.export(h.with_name("やまぐち😀内科", "ce"), "--csv", pe, "--force", "--csv-encoding", "utf-8")
eq(r.returncode, 0, "the same name writes as UTF-8")

# Hostile: CR/LF and 10,000 characters.
for tag, name in (("crlf", "やまぐち\r\n内科"), ("long", "長" * 10000)):
    ph = h.out("h-%s.csv" % tag)
    r = h.export(h.with_name(name, "ch-" + tag), "--csv", ph, "--force")
    eq(r.returncode, 0, "hostile %s: writes" % tag)
    rh = rows(open(ph, "rb").read(), "cp932")
    eq(len(rh), 2, "hostile %s: still two rows" % tag)
    v = dict(zip(rh[0], rh[1])).get("医療機関名", "")
    ok("\r" not in v and "\n" not in v, "hostile %s: no line break in the name cell" % tag)
    if tag == "long":
        eq(len(v), 10000, "10,000 characters kept")

# One fixed header per definition: 0, 3 and 60 items stack under it.
def n_items(n):
    def f(d):
        d["items"] = [{"category": "peripheral", "description": "USBメモリ %d" % i, "quantity": 1,
                       "unit_price": 1000} for i in range(n)]
    return f
heads = {}
for n in (0, 3, 60):
    pn, pi = h.out("n%d.csv" % n), h.out("n%d-items.csv" % n)
    r = h.export(h.variant("n%d" % n, n_items(n)), "--csv", pn, "--items-csv", pi, "--force")
    eq(r.returncode, 0, "%d items: --csv and --items-csv written" % n)
    raw = open(pn, "rb").read()
    heads[n] = raw.split(b"\r\n")[0]
    ri = rows(open(pi, "rb").read(), "cp932")
    eq(len(ri), n + 1, "%d items: the items CSV has a header and one row per item" % n)
    eq(ri[0], ["保険医療機関コード", "No.", "区分", "内容", "数量", "単価", "金額", "補助対象"], "%d items: items header" % n)
    ok(all(x[0] == F["institution_code"] for x in ri[1:]), "%d items: every item row led by the institution code" % n)
    if n == 60:
        eq(ri[60][1:4], ["60", "peripheral", "USBメモリ 59"], "item 60: number, category code, description")
eq(heads[3], heads[60], "3 and 60 items: byte-identical CSV headers")
eq(heads[0], heads[3], "0 and 3 items: byte-identical CSV headers")

bad = h.export(h.VALID, "--csv", pe, "--csv-encoding", "latin1")
eq(bad.returncode, 2, "unknown --csv-encoding is a usage error")
done()
