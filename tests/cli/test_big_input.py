"""Size never means time: 100,000 purchase items (an answers file of about
8 MB, under the 16 MB cap) validate in one linear walk, and a definition
nested deeper than 64 levels is refused before libyaml spends half a
minute on it, and 150,000 anchors with as many aliases are matched
through a search tree (a list search took minutes). Nothing asserts a duration: each run has a 60 s hang bound
(the old code needed minutes) and the measured time goes to a TAP comment;
speed belongs to make bench."""
import json, os, subprocess, sys, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from nbtest import ok, eq, run, done, FIX, TMP  # noqa: E402

os.environ["NANBYO_TODAY"] = "2026-03-20"


def bounded(*args):
    t0 = time.monotonic()
    try:
        r = run(*args, timeout=60)
    except subprocess.TimeoutExpired:
        r = None
    return r, time.monotonic() - t0


with open(os.path.join(FIX, "valid.json"), encoding="utf-8") as f:
    d = json.load(f)
N = 100000
d["items"] = [{"category": "pc", "description": f"ノートPC {i:06d}", "quantity": 1, "unit_price": 1000 + i % 7}
              for i in range(N)]
d["items"][N - 1]["category"] = "no-such-category"
big = os.path.join(TMP, "items-100k.json")
with open(big, "w", encoding="utf-8") as f:
    json.dump(d, f, ensure_ascii=False)
size = os.path.getsize(big)
ok(6 << 20 < size < 16 << 20, f"the answers file is {size / 1e6:.1f} MB, under the 16 MB cap")

r, took = bounded("validate", "--json", big)
ok(r is not None, "validate of 100,000 items ends (60 s bound)")
print(f"# validate --json, 100,000 items ({size / 1e6:.1f} MB): {took:.2f} s")
j = json.loads(r.stdout) if r and r.stdout else {}
eq([p["field"] for p in j.get("problems", [])], [f"items[{N - 1}].category"],
   "every item was read: only the last one's unknown category is a problem")
r, took = bounded("summary", big)
ok(r is not None and r.returncode == 0, "summary of 100,000 items ends (60 s bound)", r.stderr if r else "")
print(f"# summary, 100,000 items: {took:.2f} s")

# YAML nested far past any definition's needs: flow and block nesting
for name, text in (("flow", "format: x\nid: t\nk: " + "[" * 100000 + "]" * 100000 + "\n"),
                   ("block", "format: x\nid: t\n" + "".join("  " * i + f"k{i}:\n" for i in range(200)) + "  " * 200 + "v\n")):
    p = os.path.join(TMP, f"deep-{name}.yaml")
    with open(p, "w") as f:
        f.write(text)
    r, took = bounded("validate", "--form", p, os.path.join(FIX, "valid.json"))
    ok(r is not None and r.returncode == 2 and "64 段を超えています" in r.stderr,
       f"{name} nesting deeper than 64 levels is refused with a sentence", r.stderr if r else "hung")
    print(f"# {name} nesting refused in {took:.2f} s")

# 150,000 anchors and 150,000 aliases (2.8 MB, under the 4 MB cap): each
# alias is found in a tree; a list search per alias needed about 110 s.
N_ANCHORS = 150000
names = [f"a{i:x}" for i in range(N_ANCHORS)]
text = "format: not-a-format\nx:\n" + "".join(f"- &{a} v\n" for a in names) + "y:\n" + \
    "".join(f"- *{a}\n" for a in reversed(names))
p = os.path.join(TMP, "anchors.yaml")
with open(p, "w", encoding="utf-8") as f:
    f.write(text)
r, took = bounded("validate", "--form", p, os.path.join(FIX, "valid.json"))
ok(r is not None and r.returncode == 2 and "format は" in r.stderr,
   f"a definition with {N_ANCHORS:,} anchors and aliases is read to its first problem (60 s bound)",
   r.stderr if r else "hung")
print(f"# {N_ANCHORS:,} anchors and aliases: {took:.2f} s")
done()
