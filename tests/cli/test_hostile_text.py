"""Text from files never reaches the terminal raw, and names cannot mislead:
an unknown category with ESC/BEL/CR is echoed escaped by validate and
export, validate --json cuts quoted text at a character boundary, bidi and
invisible characters in any field are problems (not warnings), the e-mail
attachment name carries neither them nor '/', and a definition whose id
could name a path outside the data folder is refused."""
import copy, email, email.policy, json, os, re, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from nbtest import ok, eq, run, done, FIX, TMP  # noqa: E402

os.environ["NANBYO_TODAY"] = "2026-03-20"
with open(os.path.join(FIX, "valid.json"), encoding="utf-8") as f:
    VALID = json.load(f)
RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u0080-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def answers(name, change):
    d = copy.deepcopy(VALID)
    change(d)
    p = os.path.join(TMP, name)
    with open(p, "w", encoding="utf-8") as f:
        json.dump(d, f, ensure_ascii=False)
    return p


def run_bytes(*args):
    """The program's output as bytes: what the terminal would get."""
    import subprocess
    from nbtest import BIN
    return subprocess.run([BIN, *args], capture_output=True, timeout=60)


def shown(r, what):
    """stdout+stderr as text; reports whether it was valid UTF-8."""
    b = r.stdout + r.stderr
    try:
        return b.decode("utf-8", "strict")
    except UnicodeDecodeError as e:
        ok(False, f"{what}: output is valid UTF-8", e)
        return b.decode("utf-8", "replace")


# 1. an unknown category that sets the window title and forges a line
EVIL = "\x1b]0;pwned\x07\rOK: 問題はありません\u202e"
evil = answers("evil.json", lambda d: d["items"][0].update(category=EVIL))
r = run_bytes("validate", evil)
out = shown(r, "validate")
eq(r.returncode, 1, "unknown category: validate exits 1")
ok(not RAW.search(out.replace("\n", "")), "validate: no control or bidi character reaches the terminal", repr(out))
ok("<U+001B>]0;pwned<U+0007><U+000D>OK" in out and "<U+202E>" in out,
   "validate: the category is shown with its controls escaped as <U+XXXX>", out)
r = run_bytes("validate", "--json", evil)
j = json.loads(shown(r, "validate --json"))
msg = " ".join(p["message"] for p in j["problems"])
ok("<U+001B>" in msg and "\x1b" not in msg, "validate --json: the message quotes the category escaped", msg)
r = run_bytes("export", evil, "--csv", os.path.join(TMP, "evil.csv"))
out = shown(r, "export")
ok(not RAW.search(out.replace("\n", "")), "export: no control or bidi character reaches the terminal", repr(out))

# 2. validate --json quotes an ineligible item's description cut at a
# character, never inside a UTF-8 sequence (byte 60 falls inside 「か」)
LONG = "x" + "インターネット回線月額料金(12か月)" * 4
cut = answers("cut.json", lambda d: d["items"][2].update(description=LONG))
r = run_bytes("validate", "--json", cut)
try:
    text = r.stdout.decode("utf-8", "strict")
    j = json.loads(text)
    warn = [w["message"] for w in j["warnings"] if w["field"] == "items[2].category"]
except (UnicodeDecodeError, ValueError) as e:
    text, warn = repr(e), []
ok(len(warn) == 1, "validate --json: output is valid UTF-8 JSON with the ineligible-item warning", text[:300])
ok(warn and "…" in warn[0] and LONG[:40] in warn[0], "the quoted description is cut with …", warn)

# 3. bidi/invisible characters in any field are problems, not warnings
for field, value in (("institution_name", "やまぐち\u202eクリニック"), ("contact_name", "周防\u200b花子"),
                     ("email", "jimu\u2066@yamaguchi-naika.example.jp"), ("notes", "\ufeffメモ"),
                     ("phone", "083-900-1234\u061c")):
    p = answers(f"bidi-{field}.json", lambda d: d["fields"].update({field: value}))
    r = run("validate", "--json", p)
    j = json.loads(r.stdout)
    probs = [x for x in j["problems"] if x["field"] == field]
    ok(r.returncode == 1 and probs and "<U+" in probs[0]["message"],
       f"{field} with an invisible/bidi character is a problem naming it", r.stdout[-400:])
p = answers("bidi-item.json", lambda d: d["items"][0].update(description="ノート\u202ePC"))
j = json.loads(run("validate", "--json", p).stdout)
ok(any(x["field"] == "items[0].description" for x in j["problems"]),
   "an item description with U+202E is a problem", j["problems"])

# 4. the attachment name built from the answers carries no bidi character
# nor '/' (the institution name goes into the template)
def bad_name(d):
    d["fields"]["institution_name"] = "やまぐち/../\u202exslx.exe"
p = answers("bidi-name.json", bad_name)
eml = os.path.join(TMP, "bidi.eml")
r = run("export", p, "--eml", eml, "--force")  # a draft: the name is a problem
names = []
if os.path.exists(eml):
    with open(eml, "rb") as f:
        m = email.message_from_binary_file(f, policy=email.policy.default)
    names = [part.get_filename() for part in m.iter_attachments()]
ok(names and all(n and "/" not in n and not RAW.search(n) for n in names),
   "export --eml: attachment names carry neither '/' nor bidi characters", names)

# 5. a definition's id names a file: only [a-z0-9][a-z0-9-]* is accepted
with open(os.path.join(ROOT := os.path.dirname(FIX.rstrip("/")), "..", "forms", "yamaguchi-r8.yaml"),
          encoding="utf-8") as f:
    form = f.read()
for bad in ("../../../tmp/x", "Yamaguchi", "-x", "a.b", "x\u202e"):
    p = os.path.join(TMP, "badid.yaml")
    with open(p, "w", encoding="utf-8") as f:
        f.write(re.sub(r"(?m)^id: .*$", "id: " + json.dumps(bad, ensure_ascii=False), form, count=1))
    r = run("validate", "--form", p, os.path.join(FIX, "valid.json"))
    ok(r.returncode == 2 and "id「" in r.stderr and "\u202e" not in r.stderr,
       f"definition id {bad!r} is refused with a sentence", r.stderr)
done()
