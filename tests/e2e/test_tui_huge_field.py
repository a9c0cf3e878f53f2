"""Size never means time in the questionnaire: an answers file whose
institution name holds 1,000,000 characters opens on its page, the page is
drawn, a key still moves the cursor, and SIGTERM saves and ends the program
with the million characters kept. Before, the line editor's view summed the
text once per scrolled character (quadratic) and spun at 100 % CPU, deaf
to SIGTERM. No duration is asserted: waits are bounded at 60 s and the
measured times go to TAP comments."""
import json, os, signal, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tuiterm  # noqa: E402
from nbtest import ok, eq, done  # noqa: E402

N = 1000000
path = tuiterm.answers_path("huge")
d = dict(tuiterm.FILLED)
d["fields"] = dict(d["fields"], institution_name="あ" * (N - 1) + "終")
d["ui"] = {"page": "institution"}
with open(path, "w", encoding="utf-8") as f:
    json.dump(d, f, ensure_ascii=False)

t = tuiterm.Term("huge", ["--answers", path])
try:
    ok(t.wait("所要額調査票"), "the title page opens", t.screen())
    t.keys("Enter")
    t0 = time.monotonic()
    drawn = t.wait("1/9 医療機関")
    took = time.monotonic() - t0
    ok(drawn and "あああ" in t.screen(), "the page with the 1,000,000-character field is drawn", t.screen())
    print(f"# 1,000,000-character field: page drawn {took:.2f} s after Enter (tmux polling included)")
    t.keys("End")
    ok(t.wait("終"), "End shows the last character: the editor still answers keys", t.screen())
    pid = t.program_pid()
    ok(pid is not None, "program pid found")
    if pid:
        os.kill(pid, signal.SIGTERM)
    t1 = time.monotonic()
    code = t.exit_code()
    ok(code is not None, "SIGTERM ends the program (60 s bound)", t.screen())
    print(f"# SIGTERM to exit with the 1,000,000-character field: {time.monotonic() - t1:.2f} s")
    with open(path, encoding="utf-8") as f:
        saved = json.load(f)
    name = saved.get("fields", {}).get("institution_name", "")
    eq(len(name), N, "the saved file keeps all 1,000,000 characters")
    ok(name.endswith("終"), "and the text as it was")
finally:
    t.close()
done()
