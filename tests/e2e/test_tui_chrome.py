"""No East Asian ambiguous-width characters (○ × ※ ① → … box lines) on any
screen: terminals disagree on their width (Tera Term draws them 2 cells
wide), which would break the layout. Walks every page, the help and a
dialog with a filled survey, and also scans the TUI's string literals."""
import glob, json, os, re, sys, time, unicodedata
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tuiterm  # noqa: E402
import nbtest  # noqa: E402
from nbtest import ok, done  # noqa: E402


def ambiguous(text):
    return sorted({c for c in text if ord(c) > 0x7f and unicodedata.east_asian_width(c) == "A"})


bad = []
for path in sorted(glob.glob(os.path.join(nbtest.ROOT, "src", "tui", "*.c"))):
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            for m in re.finditer(r'"((?:[^"\\]|\\.)*)"', line):
                if ambiguous(m.group(1)):
                    bad.append(f"{os.path.basename(path)}:{n}: {ambiguous(m.group(1))}")
ok(not bad, "no ambiguous-width characters in TUI string literals", "\n".join(bad))

ans = tuiterm.answers_path("chrome")
with open(ans, "w") as f:
    json.dump({"format": "nanbyo-survey-answers/1", "survey": "yamaguchi-r8",
               "fields": {"institution_name": "やまぐち内科", "doctors_nanbyo": 1, "other_income": 1000},
               "items": [{"category": "running_cost", "description": "保守料", "quantity": 12, "unit_price": 3000}]},
              f, ensure_ascii=False)
t = tuiterm.Term("chrome", ["--answers", ans], env={"NANBYO_TODAY": "2026-04-10"})
try:
    t.wait("所要額調査票")
    screens = [t.screen()]
    t.keys("F1")
    t.wait("「閉じる」")
    screens.append(t.screen())
    t.keys("Escape")
    t.keys("Enter")
    t.wait("1/9")
    for p in range(1, 10):
        t.wait(f"{p}/9")
        time.sleep(0.1)
        screens.append(t.screen())
        if p == 4:
            t.keys("Delete")
            t.wait("削除の確認")
            screens.append(t.screen())
            t.keys("Escape")
        t.keys("F1")
        time.sleep(0.1)
        screens.append(t.screen())
        t.keys("Escape")
        t.keys("PageDown")
    t.resize(60, 20)
    t.wait("端末が小さすぎます")
    screens.append(t.screen())
    found = {c for s in screens for c in ambiguous(s)}
    ok(not found, "no ambiguous-width characters on any screen", sorted(found))
    ok(len(screens) >= 20, "walked every page, help and dialog", len(screens))
finally:
    t.close()
done()
