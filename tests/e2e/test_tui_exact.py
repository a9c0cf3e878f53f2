"""Exact numbers stay exact (issue 16.8) through the questionnaire's
edit-and-save path: a clerk opens an answers file holding numbers a
double cannot carry (9007199254740993, 1e400, 2.50) and members this
version does not know, with odd keys and escapes, edits one field and
saves; everything not edited comes back byte for byte. The file is opened
through a symlink (16.3): it is written through to its target, stays a
symlink, and keeps its mode."""
import json, os, re, stat, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tuiterm  # noqa: E402
from nbtest import ok, eq, done, TMP  # noqa: E402

fields = dict(tuiterm.FILLED["fields"])
fields["doctors_nanbyo"] = "@@DOCTORS@@"
doc = dict(tuiterm.FILLED)
doc["fields"] = fields
doc["ui"] = {"page": "institution"}
text = json.dumps(doc, ensure_ascii=False, indent=1)
KEPT = [
    '"doctors_nanbyo": 2.0',
    '"x-big": 9007199254740993',
    '"x-huge": 1e400',
    '"x-odd \\"key\\" \\u00e9\\/": {"\\u0041": [9007199254740993, 1e400, -0.0e-0, "\\u0000"], "": {}}',
    '"x-list": [1.50, "\\ud83d\\ude00"]',
]
text = text.replace('"doctors_nanbyo": "@@DOCTORS@@"', ",\n ".join(
    [KEPT[0], KEPT[1], KEPT[2], '"x-nested": {' + KEPT[3] + '}']))
text = text[:text.rindex("}")] + ", " + KEPT[4] + ',\n "x-top \\u00e9": {"k": 1e-400}}\n'
KEPT.append('"x-top \\u00e9": {"k": 1e-400}')
def edit_and_save(name, path, value):
    t = tuiterm.Term(name, ["--answers", path])
    try:
        ok(t.wait("所要額調査票", 10), f"{name}: the questionnaire opens", t.screen() + t.stderr())
        t.keys("Enter")
        ok(t.wait("1/9"), f"{name}: first page", t.screen())
        t.keys("C-a", "C-k")
        t.text(value)
        t.keys("Enter")
        t.keys("C-x")
        eq(t.exit_code(15), 0, f"{name}: saved and closed")
    finally:
        t.close()


plain = os.path.join(TMP, "exact.json")
with open(plain, "w", encoding="utf-8") as f:
    f.write(text)
edit_and_save("exact", plain, "正確な数のクリニック")
saved = open(plain, encoding="utf-8").read()
eq(json.loads(saved)["fields"]["institution_name"], "正確な数のクリニック", "the edit was saved")
for k in KEPT:
    # the separator after a key is the printer's ("key":<tab>value); the texts on both sides are the file's
    key, _, value = k.partition(": ") if k.startswith('"') else ("", "", k)
    pattern = (re.escape(key) + r"\s*:\s*" if key else "") + re.escape(value)
    ok(re.search(pattern, saved), f"kept byte for byte: {k}", saved)

# through a symlink: written to the target, the link and the mode stay
real = os.path.join(TMP, "exact-real.json")
with open(real, "w", encoding="utf-8") as f:
    f.write(text)
os.chmod(real, 0o640)
link = os.path.join(TMP, "exact-link.json")
os.symlink("exact-real.json", link)
edit_and_save("exact-link", link, "リンク先のクリニック")
ok(os.path.islink(link), "the answers path is still a symlink")
eq(oct(stat.S_IMODE(os.stat(real).st_mode)), oct(0o640), "the target keeps its mode 0640")
eq(json.load(open(real, encoding="utf-8"))["fields"]["institution_name"], "リンク先のクリニック",
   "the edit reached the target")
done()
