"""Issue 13, point 6: examples must pass their own checks. Every
placeholder of every field in every definition (forms/ and
tests/fixtures/forms/) is typed, without its leading 「例 」, as that
field's answer, and `validate` must find no problem with that field."""
import glob, json, os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import yaml  # noqa: E402
from nbtest import ok, run, done, ROOT, TMP  # noqa: E402

PREFIX = "例 "
paths = sorted(glob.glob(os.path.join(ROOT, "forms", "*.yaml")) +
               glob.glob(os.path.join(ROOT, "tests", "fixtures", "forms", "*.yaml")))
ok(len(paths) >= 2, "definitions found in forms/ and tests/fixtures/forms/", paths)
for path in paths:
    with open(path) as f:
        d = yaml.safe_load(f)
    examples = {}
    for page in d.get("pages", []):
        for fld in page.get("fields", []) or []:
            ph = fld.get("placeholder")
            if ph:
                examples[fld["id"]] = ph[len(PREFIX):] if ph.startswith(PREFIX) else ph
    name = os.path.relpath(path, ROOT)
    ok(examples, f"{name}: has placeholders to check", d.get("id"))
    answers = {"format": "nanbyo-survey-answers/1", "survey": d["id"], "fields": examples, "items": []}
    apath = os.path.join(TMP, os.path.basename(path) + ".json")
    with open(apath, "w") as f:
        json.dump(answers, f, ensure_ascii=False)
    r = run("validate", "--form", path, "--json", apath)
    try:
        problems = json.loads(r.stdout)["problems"]
    except (ValueError, KeyError):
        ok(False, f"{name}: validate answered in JSON", r.stdout + r.stderr)
        continue
    for fid, value in sorted(examples.items()):
        mine = [p["message"] for p in problems if p["field"] == fid]
        ok(not mine, f"{name}: the placeholder of {fid} ({value}) is valid input for it", mine)
done()
