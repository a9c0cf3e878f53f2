"""End to end (issue 13, point 9): the submit page remembers. The chosen
method, the server and the folder are kept in the answers file (never the
password) and come back on restart; the folder starts as the clerk's
Documents (XDG_DOCUMENTS_DIR); an smtps:// server never comes with STARTTLS
preselected; F1 explains each control. Nothing is sent here."""
import json, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tuiterm  # noqa: E402
import nbtest  # noqa: E402
from nbtest import ok, eq, done  # noqa: E402

docs = os.path.join(nbtest.TMP, "書類")
os.makedirs(docs)
env = {"XDG_DOCUMENTS_DIR": docs}
ans = tuiterm.prepared_answers("submitmem", "submit")


def load():
    with open(ans) as f:
        return json.load(f)


t = tuiterm.Term("submitmem", ["--answers", ans], env=env)
try:
    t.wait("所要額調査票")
    t.keys("Enter")
    ok(t.wait("9/9 提出"), "resume opens the submit page", t.screen())
    ok("(*) いいえ" in t.wait_line("STARTTLS", "(*) いいえ"), "with no server STARTTLS is not preselected", t.screen())
    t.keys("Tab")
    t.text("smtps://127.0.0.1:2525")
    t.keys("Tab")
    ok(t.wait("smtps://127.0.0.1:2525") and "(*) いいえ" in t.wait_line("STARTTLS", "(*) いいえ"),
       "an smtps:// server leaves STARTTLS at いいえ", t.screen())
    t.text("clerk@example.jp")
    t.keys("Tab")
    t.text("secretpw")
    t.keys("Tab")
    ok("STARTTLS" in t.wait_line(">", "STARTTLS"), "focus on STARTTLS", t.screen())
    t.keys("F1")
    ok(t.wait("送る前に暗号化に切り替えるかどうかです"), "F1 explains STARTTLS",
       t.screen())
    t.keys("Escape")
    t.wait_gone("「閉じる」")
    # Back to the method: files; the folder is the clerk's Documents.
    for _ in range(4):
        t.keys("BTab")
    t.keys("3")
    ok(t.wait("保存先フォルダー"), "files method shows the folder", t.screen())
    ok(docs in t.flat(), "the folder starts as XDG_DOCUMENTS_DIR", t.screen())
    t.keys("Tab")
    t.keys("F1")
    ok(t.wait("保存するフォルダーです"), "F1 explains the folder", t.screen())
    t.keys("Escape")
    t.keys("C-x")
    eq(t.exit_code(), 0, "Ctrl-X saves and exits")
finally:
    t.close()
sub = load().get("submit") or {}
eq(sub.get("method"), "files", "the method is kept in the answers file")
eq(sub.get("smtp_url"), "smtps://127.0.0.1:2525", "the server is kept")
eq(sub.get("folder"), docs, "the folder is kept")
ok("secretpw" not in open(ans).read(), "the password is never written to the answers file", sub)

t = tuiterm.Term("submitmem2", ["--answers", ans], env={"XDG_DOCUMENTS_DIR": None})
try:
    t.wait("所要額調査票")
    t.keys("Enter")
    ok(t.wait("9/9 提出"), "restart opens the submit page", t.screen())
    ok("(*)ファイルに保存" in t.flat(),
       "the method comes back", t.screen())
    ok(docs in t.flat(), "the folder comes back", t.screen())
    t.keys("1")
    ok(t.wait("smtps://127.0.0.1:2525"), "the server comes back", t.screen())
    ok(t.screen().count("*" * 8) == 0, "no password came back", t.screen())
    t.keys("C-x")
    t.exit_code()
finally:
    t.close()
done()
