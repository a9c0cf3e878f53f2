"""The documents say which PC was checked (issue 12, point 6): after the
Windows result (shaped as nanbyo-check.exe writes it) is imported with
`check --import`, the xlsx (openpyxl), the PDF (pdftotext), the CSV (CP932)
and the e-mail body (.eml, Python's email parser) each name
「確認したPC: RECEPTION-PC (Windows 11 23H2)」; a result made by `check
--json` on Linux names that PC; a stored result without platform shows no
such line; a hand-edited name with a bidi override shows it as <U+202E>."""
import csv, email, io, json, os, shutil, sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "fixtures", "export"))
sys.path.insert(0, os.path.join(HERE, ".."))
import helpers  # noqa: E402
from nbtest import ok, eq, run, done, FIX, TMP  # noqa: E402

import openpyxl  # noqa: E402

WINDOWS = os.path.join(FIX, "check", "results", "windows-reception.json")
LAPTOP = os.path.join(FIX, "check", "laptop")
WIN_PC = "RECEPTION-PC (Windows 11 23H2)"


def imported(name, result, env=helpers.BEFORE):
    ans = os.path.join(TMP, name + ".json")
    shutil.copyfile(helpers.PCCHECK, ans)
    r = run("check", "--import", result, "--answers", ans, env=env)
    ok(r.returncode == 0, f"{name}: check --import stored the result", r.stderr)
    return ans


def documents(ans, tag):
    paths = {k: helpers.out(f"{tag}.{k}") for k in ("xlsx", "pdf", "csv", "eml")}
    r = helpers.export(ans, "--xlsx", paths["xlsx"], "--pdf", paths["pdf"], "--csv", paths["csv"],
                       "--eml", paths["eml"])
    ok(r.returncode == 0, f"{tag}: export wrote the four documents", r.stderr)
    return paths


def xlsx_pc(path):
    """The value beside the 確認したPC label, or None when there is no label."""
    ws = openpyxl.load_workbook(path).active
    for row in ws.iter_rows():
        cells = [c.value for c in row]
        if "確認したPC" in cells:
            rest = [v for v in cells[cells.index("確認したPC") + 1:] if v not in (None, "")]
            return rest[0] if rest else ""
    return None


def csv_row(path):
    with open(path, "rb") as f:
        rows = list(csv.DictReader(io.StringIO(f.read().decode("cp932"))))
    return rows[0]


def mail_text(path):
    with open(path, "rb") as f:
        m = email.message_from_bytes(f.read())
    for part in m.walk():
        if part.get_content_type() == "text/plain":
            return part.get_payload(decode=True).decode("utf-8")
    return ""


# ---- the Windows result -------------------------------------------------------
docs = documents(imported("win", WINDOWS), "win")
eq(xlsx_pc(docs["xlsx"]), WIN_PC, "xlsx: 確認したPC beside its label")
pdf = helpers.pdftotext(docs["pdf"], "-layout")
line = next((l for l in pdf.splitlines() if "確認したPC" in l), "")
ok(WIN_PC in line, "PDF: 確認したPC on one line with the PC and OS", line or pdf[-800:])
row = csv_row(docs["csv"])
eq(row.get("PC要件確認_確認したPC"), WIN_PC, "CSV: PC要件確認_確認したPC column")
eq(row.get("PC要件確認_日時"), "2026-03-18T09:30:00+09:00", "CSV: the date is the Windows PC's")
body = mail_text(docs["eml"])
ok(f"確認したPC: {WIN_PC}" in body, "e-mail body: 確認したPC line", body)
ok("【PC の要件確認】" in body and "確認日時: 令和8年3月18日 09:30" in body, "e-mail body: the check's date", body)

# ---- a Linux result from check --json (another PC, fixture tree) ---------------
r = run("check", "--json", "--no-network", "--root", LAPTOP)
linux = os.path.join(TMP, "linux-result.json")
with open(linux, "w", encoding="utf-8") as f:
    f.write(r.stdout)
docs = documents(imported("linux", linux, env={}), "linux")
want = "uketsuke-laptop (Ubuntu 22.04.4 LTS)"
eq(xlsx_pc(docs["xlsx"]), want, "xlsx names the Linux PC")
ok(want in helpers.pdftotext(docs["pdf"]), "PDF names the Linux PC")
eq(csv_row(docs["csv"]).get("PC要件確認_確認したPC"), want, "CSV names the Linux PC")
ok(f"確認したPC: {want}" in mail_text(docs["eml"]), "e-mail names the Linux PC")

# ---- a stored result without platform (made before it existed) ----------------
docs = documents(helpers.PCCHECK, "old")
eq(xlsx_pc(docs["xlsx"]), None, "xlsx: no 確認したPC row when the result does not say")
ok("確認したPC" not in helpers.pdftotext(docs["pdf"]), "PDF: no 確認したPC row")
eq(csv_row(docs["csv"]).get("PC要件確認_確認したPC"), "", "CSV: the column is there, empty")
ok("確認したPC" not in mail_text(docs["eml"]), "e-mail: no 確認したPC line")

# ---- a hand-edited name with a bidi override: shown, never obeyed --------------
def evil(d):
    d["pc_check"]["platform"] = {"os": "windows", "version": "Windows 11", "computer": "\u202eCP-NOITPECER"}


docs = documents(helpers.variant("bidi", evil, base=helpers.PCCHECK), "bidi")
v = xlsx_pc(docs["xlsx"]) or ""
ok("\u202e" not in v and "<U+202E>CP-NOITPECER" in v, "xlsx: the override is shown as <U+202E>", v)
ok("<U+202E>" in mail_text(docs["eml"]) and "\u202e" not in mail_text(docs["eml"]), "e-mail: the same")
done()
