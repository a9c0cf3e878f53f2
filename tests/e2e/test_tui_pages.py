"""End to end: the PC check page and the submit page in tmux. Network
checks are never chosen here (they would contact the definition's real
hosts); e-mail goes only to loopback servers started by this test."""
import json, os, socket, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tuiterm  # noqa: E402
import nbtest  # noqa: E402
from nbtest import ok, eq, done  # noqa: E402

_skip_n = [0]


def skip(name, why):
    nbtest._n += 1
    print(f"ok {nbtest._n} - {name} # SKIP {why}")


prepared = tuiterm.prepared_answers


def load(path):
    with open(path) as f:
        return json.load(f)


# ---- PC check page ----
ans = prepared("check", "pc_check")
t = tuiterm.Term("check", ["--answers", ans])
try:
    t.wait("所要額調査票")
    t.keys("Enter")
    ok(t.wait("7/9 PCの要件確認"), "resume opens the check page", t.screen())
    ok("ネットワークの確認も行いますか" in t.screen(), "asks before any network check", t.screen())
    t.keys("Enter")                   # one Enter: 「PCの中だけ確認する」
    scr = t.wait_any(["確認が終わりました"], 20)
    ok("確認が終わりました" in scr, "local checks finish and say so", scr)
    ok("メモリ" in scr and ("合格" in scr or "注意" in scr or "不合格" in scr), "results shown in words", scr)
    data = load(ans)
    pc = data.get("pc_check") or {}
    ok(pc.get("checked_at") and len(pc.get("checks", [])) >= 5, "result and date stored as pc_check", pc)
    net = [c for c in pc.get("checks", []) if c.get("id") in ("dns", "https", "clock")]
    ok(all(c.get("status") == "na" for c in net), "network checks not run without consent", net)
    if "画面の大きさを入力" in scr:
        t.keys("BTab", "BTab", "BTab")
        t.keys("Enter")
        ok(t.wait("画面の横の画素数"), "manual display size entry offered", t.screen())
        t.text("1920")
        t.keys("Enter")
        t.text("1080")
        t.keys("Enter", "Enter")
        ok(t.wait("確認が終わりました", 20), "re-run with the manual size", t.screen())
        disp = [c for c in load(ans)["pc_check"]["checks"] if c["id"] == "display"]
        ok(disp and "1920" in disp[0].get("measured", ""), "manual size reaches the display check", disp)
    else:
        skip("manual display size entry", "display measured on this machine")
    t.keys("C-x")
    t.exit_code()
finally:
    t.close()

# ---- submit: refuses with problems ----
empty = tuiterm.answers_path("empty")
with open(empty, "w") as f:
    json.dump({"format": "nanbyo-survey-answers/1", "survey": "yamaguchi-r8", "fields": {},
               "ui": {"page": "submit"}}, f)
t = tuiterm.Term("refuse", ["--answers", empty])
try:
    t.wait("所要額調査票")
    t.keys("Enter")
    ok(t.wait("9/9 提出"), "submit page", t.screen())
    ok("seisin-nanbyou@pref.yamaguchi.lg.jp" in t.screen(), "shows the destination address", t.screen())
    t.keys("Up", "Enter")             # 「送信する」
    ok(t.wait("まだ提出できません"), "problems block sending, said in words", t.screen())
    t.keys("Enter")
    t.keys("C-x")
    t.exit_code()
finally:
    t.close()

# ---- submit: files for post/fax ----
outdir = os.path.join(nbtest.TMP, "out")
os.makedirs(outdir)
ans = prepared("files", "submit")
t = tuiterm.Term("files", ["--answers", ans])
try:
    t.wait("所要額調査票")
    t.keys("Enter")
    t.wait("9/9 提出")
    t.keys("3")
    ok(t.wait("FAX: 083-933-2969") and "753-8501" in t.screen(), "post/fax shows FAX number and address", t.screen())
    t.keys("Tab", "C-u")
    t.text(outdir)
    t.keys("Enter", "Enter")
    ok(t.wait("実行の確認"), "asks before saving", t.screen())
    t.keys("y")
    scr = t.wait_any(["保存しました", "保存できませんでした"], 20)
    ok("保存しました" in scr, "result in words", scr)
    names = sorted(os.listdir(outdir))
    ok(any(n.endswith(".xlsx") for n in names) and any(n.endswith(".pdf") for n in names)
       and any(n.endswith(".csv") for n in names), "xlsx, pdf and csv written", names)
    t.keys("C-x")
    t.exit_code()
finally:
    t.close()

# ---- submit: settings come from smtp.conf (the file `send` reads) ----
conf_dir = os.path.join(os.environ["XDG_CONFIG_HOME"], "nanbyo-survey")
os.makedirs(conf_dir, exist_ok=True)
with open(os.path.join(conf_dir, "smtp.conf"), "w") as f:
    f.write("smtp = smtp://127.0.0.1:2525\nstarttls = no\nuser = clerk\n")
t = tuiterm.Term("conf", ["--answers", prepared("conf", "submit")])
try:
    t.wait("所要額調査票")
    t.keys("Enter")
    ok(t.wait("[smtp://127.0.0.1:2525"), "smtp.conf fills the server", t.screen())
    ok("[clerk" in t.screen() and "(*) いいえ" in t.line("STARTTLS"), "and the user and STARTTLS", t.screen())
    t.keys("C-x")
    t.exit_code()
finally:
    t.close()
    os.unlink(os.path.join(conf_dir, "smtp.conf"))

# ---- submit: e-mail to a closed loopback port, then to a loopback server ----
s = socket.socket()
s.bind(("127.0.0.1", 0))
closed_port = s.getsockname()[1]
s.close()
ans = prepared("mail", "submit")
t = tuiterm.Term("mail", ["--answers", ans])
try:
    t.wait("所要額調査票")
    t.keys("Enter")
    t.wait("9/9 提出")
    ok("件名: オンライン登録所要額調査(やまぐち内科クリニック)" in t.screen(), "shows the subject", t.screen())
    t.keys("Tab")
    t.text(f"smtp://127.0.0.1:{closed_port}")
    t.keys("Enter", "Enter", "Enter", "2", "Enter", "Enter")     # STARTTLS いいえ, then 「送信する」
    ok(t.wait("実行の確認"), "asks before sending", t.screen())
    t.keys("y")
    scr = t.wait_any(["ませんでした", "送信しました"], 30)
    outbox = os.path.join(os.environ["XDG_DATA_HOME"], "nanbyo-survey", "outbox")
    with open(ans, "rb") as f:
        ok(b"pw-never-saved" not in f.read(), "the password is not in the answers file")
    ok("送信できませんでした" in scr, "a refused connection is reported in words", scr)
    ok(os.path.isdir(outbox) and os.listdir(outbox), "message kept in the outbox", scr)
    # A password over plain SMTP is refused in words; it is never saved.
    t.keys("PageUp")
    t.wait("8/9")
    t.keys("PageDown")
    t.wait("9/9")
    t.keys("Tab", "Enter", "Enter")
    t.text("pw-never-saved")
    t.keys("Enter", "Enter", "Enter")
    ok(t.wait("もう一度送ります"), "retry offers to resend the kept message", t.screen())
    t.keys("y")
    ok(t.wait("暗号化なし", 10), "a password over plain SMTP is refused, said in words", t.screen())
    with open(ans, "rb") as f:
        ok(b"pw-never-saved" not in f.read(), "the password is not in the answers file")
    ok(len(os.listdir(outbox)) == 1, "still exactly one message in the outbox", os.listdir(outbox))
    try:
        c, port, got = tuiterm.loopback_smtp()
        try:
            t.keys("PageUp")
            t.wait("8/9")
            t.keys("PageDown")
            t.wait("9/9")
            t.keys("Tab", "C-u")              # the server field
            t.text(f"smtp://127.0.0.1:{port}")
            t.keys("Enter", "Enter", "C-u", "Enter", "Enter", "Enter")
            t.wait("もう一度送ります")
            t.keys("y")
            ok(t.wait("送信しました", 30), "sent on retry, said in words", t.screen())
            eq(len(got), 1, "the server received exactly one message")
            ok(got and b"=?UTF-8?" in got[0].content, "encoded Japanese subject arrived",
               got[0].content[:300] if got else "")
            ok(not os.listdir(outbox), "outbox empty after success", os.listdir(outbox))
            sent = os.path.join(os.path.dirname(outbox), "sent")
            ok(os.path.isdir(sent) and os.listdir(sent), "message moved to sent/")
        finally:
            c.stop()
    except ImportError:
        ok(False, "loopback SMTP server: python3-aiosmtpd is missing (scripts/packages/check-mail.txt lists it)")
    t.keys("C-x")
    t.exit_code()
finally:
    t.close()
done()
