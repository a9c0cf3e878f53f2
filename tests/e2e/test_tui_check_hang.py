"""The PC check page never blocks: with network checks agreed to and the
definition's HTTPS target a loopback server that accepts and never
answers, the page shows live progress, F1 still opens help while the
checks run, and the run ends at the definition's timeout (15 s here, so
F1 is surely tried while the checks still hang on a loaded machine), with
the result stored in words. No duration is asserted: the end is awaited
with a 60 s bound and its time goes to a TAP comment."""
import json, os, re, socket, sys, threading, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tuiterm  # noqa: E402
import nbtest  # noqa: E402
from nbtest import ok, done  # noqa: E402

srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen(16)
port = srv.getsockname()[1]
held = []


def accept_forever():
    while True:
        try:
            c, _ = srv.accept()
        except OSError:
            return
        held.append(c)          # accept and never answer


threading.Thread(target=accept_forever, daemon=True).start()

with open(os.path.join(nbtest.ROOT, "forms", "yamaguchi-r8.yaml"), encoding="utf-8") as f:
    y = f.read()
y = y.replace("id: yamaguchi-r8", "id: hang-test", 1)
y = re.sub(r"(pc_requirements:(?:\n  .*)*?\n  https_url: ).*", lambda m: m.group(1) + f"https://127.0.0.1:{port}/", y, 1)
y = re.sub(r"(\n  timeout_seconds: )\d+", r"\g<1>15", y, 1)
assert f"https://127.0.0.1:{port}/" in y and "timeout_seconds: 15" in y
path = os.path.join(nbtest.TMP, "hang-test.yaml")
with open(path, "w", encoding="utf-8") as f:
    f.write(y)

ans = tuiterm.answers_path("hang")
with open(ans, "w") as f:
    json.dump({"format": "nanbyo-survey-answers/1", "survey": "hang-test", "fields": {},
               "ui": {"page": "pc_check"}}, f)
# No proxy from the environment may carry the request off the machine.
noproxy = {k: None for k in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")}
t = tuiterm.Term("hang", ["--form", path, "--answers", ans], env=noproxy)
try:
    t.wait("所要額調査票")
    t.keys("Enter")
    ok(t.wait("7/9 PCの要件確認"), "check page", t.screen())
    t.keys("Tab", "Enter")                # 「ネットワークも確認する」 (the second choice)
    t0 = time.time()
    ok(t.wait("確認中"), "live progress in words while checks run", t.screen())
    t.keys("F1")
    ok(t.wait("「閉じる」") and "確認が終わりました" not in t.screen(),
       "F1 answers while the network checks still hang", t.screen())
    t.keys("Escape")
    finished = t.wait("確認が終わりました", 60)
    took = time.time() - t0
    ok(finished, "the run ends (at the definition's timeout; 60 s bound)", t.screen())
    print(f"# check page run with a hanging HTTPS endpoint, timeout 15 s: {took:.1f} s")
    with open(ans) as f:
        pc = json.load(f).get("pc_check", {})
    https = [c for c in pc.get("checks", []) if c.get("id") == "https"]
    ok(https and https[0]["status"] in ("fail", "unknown") and https[0].get("advice"),
       "the hanging HTTPS endpoint is reported with advice", https)
    t.keys("C-x")
    t.exit_code()
finally:
    t.close()
    srv.close()
    for c in held:
        c.close()
done()
