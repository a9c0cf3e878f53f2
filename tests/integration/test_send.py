"""send against real SMTP servers on loopback (aiosmtpd, plus misbehaving
ones): what the server received (envelope, subject decoded with Python's
email package, attachments byte for byte equal to what export writes,
exactly one message), the outbox/sent state after success and failure,
--retry, STARTTLS, AUTH, the settings file, hostile names, and one Japanese
sentence for every failure. Loopback only."""
import email, email.policy, fcntl, glob, json, os, re, shutil, stat, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)
from nbtest import ok, eq, run, done, FIX, TMP  # noqa: E402
from smtp_server import Sink, Raw, make_cert, free_port  # noqa: E402

VALID = os.path.join(FIX, "valid.json")
SUBJECT = "オンライン登録所要額調査(やまぐち内科クリニック)"
TO = "seisin-nanbyou@pref.yamaguchi.lg.jp"
FROM = "jimu@yamaguchi-naika.example.jp"
# Same creation time for every workbook so export and send can be compared.
os.environ["SOURCE_DATE_EPOCH"] = "1774000000"
DATA = os.environ["XDG_DATA_HOME"]
OUTBOX = os.path.join(DATA, "nanbyo-survey", "outbox")
SENT = os.path.join(DATA, "nanbyo-survey", "sent")
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def eqd(actual, expected, name, detail):
    return ok(actual == expected, name, "expected %r\ngot      %r\n%s" % (expected, actual, detail))


def outbox():
    return sorted(glob.glob(os.path.join(OUTBOX, "*.eml")))


def sent():
    return sorted(glob.glob(os.path.join(SENT, "*.eml")))


def clear():
    shutil.rmtree(os.path.join(DATA, "nanbyo-survey"), ignore_errors=True)


def parse(raw):
    return email.message_from_bytes(raw, policy=email.policy.default)


def attachments(msg):
    return {p.get_filename(): p.get_payload(decode=True) for p in msg.iter_attachments()}


def headers_clean(raw, name):
    """No byte >= 0x80 or control in the header block, lines <= 76."""
    head = raw.split(b"\r\n\r\n", 1)[0]
    # A Message-ID cannot be folded; everything else stays within 76.
    bad = [l for l in head.split(b"\r\n") if len(l) > (998 if l.startswith(b"Message-ID:") else 76) or any(b >= 0x80 or (b < 0x20 and b != 9) for b in l)]
    return ok(not bad, name + ": headers are 7-bit, no controls, lines <= 76", repr(bad[:3]))


def one_sentence_japanese(err, name):
    lines = [l for l in err.strip().splitlines() if l]
    first = lines[0] if lines else ""
    ok(bool(JAPANESE.search(first)) and "curl" not in first.lower().replace("libcurl のエラー", ""),
       name + ": the error is Japanese", err)
    return first


def write_answers(name, fields):
    with open(VALID, encoding="utf-8") as f:
        doc = json.load(f)
    doc["fields"].update(fields)
    path = os.path.join(TMP, name)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False)
    return path


def without_date_and_id(raw):
    return b"\r\n".join(l for l in raw.split(b"\r\n") if not l.startswith((b"Date:", b"Message-ID:")))


# --- plain SMTP: the prefecture's mailbox gets exactly one right message ---
clear()
eml = os.path.join(TMP, "export.eml")
xlsx = os.path.join(TMP, "export.xlsx")
r = run("export", VALID, "--eml", eml, "--xlsx", xlsx)
eq(r.returncode, 0, "export --eml and --xlsx succeed")
with Sink() as s:
    r = run("send", VALID, "--smtp", s.url)
    eq(r.returncode, 0, "plain: send exits 0")
    ok("送信しました" in r.stdout, "plain: says it was sent", r.stdout + r.stderr)
    eq(len(s.messages), 1, "plain: exactly one message received")
    m = s.messages[0] if s.messages else None
if m:
    eq(m.mail_from, FROM, "plain: MAIL FROM is the answers' email")
    eq(m.rcpt_tos, [TO], "plain: RCPT TO is the definition's address, only")
    msg = parse(m.raw)
    eq(msg.defects, [], "plain: no parser defects")
    eq(str(msg["subject"]), SUBJECT, "plain: subject decodes to the exact template expansion")
    eq(msg["to"].addresses[0].addr_spec, TO, "plain: To header")
    eq(msg["from"].addresses[0].addr_spec, FROM, "plain: From header")
    ok(msg["date"] is not None and msg["date"].datetime.utcoffset().total_seconds() == 9 * 3600,
       "plain: Date parses, +0900", str(msg["date"]))
    ok(re.fullmatch(r"<[0-9a-f]{32}@yamaguchi-naika\.example\.jp>", str(msg["message-id"])),
       "plain: Message-ID", str(msg["message-id"]))
    eq(msg["mime-version"], "1.0", "plain: MIME-Version")
    eq(msg.get_content_type(), "multipart/mixed", "plain: multipart/mixed")
    body = msg.get_body(("plain",))
    eq((body.get_content_type(), body.get_content_charset(), body["content-transfer-encoding"]),
       ("text/plain", "utf-8", "base64"), "plain: text part is UTF-8 base64")
    text = body.get_content()
    for needle in ["やまぐち内科クリニック", "周防 花子", "総事業費 (A): 218,800円", "対象経費の実支出予定額 (D): 152,800円",
                   "補助所要額 (G): 50,000円", "083-900-1234", FROM]:
        ok(needle in text, "plain: body has " + needle, text[:400])
    att = attachments(msg)
    eq(sorted(att), ["所要額調査票_やまぐち内科クリニック.json", "所要額調査票_やまぐち内科クリニック.pdf",
                     "所要額調査票_やまぐち内科クリニック.xlsx"],
       "plain: attachment names (RFC 2231) decode: the xlsx, the answers JSON and the PDF")
    ok(att.get("所要額調査票_やまぐち内科クリニック.pdf", b"").startswith(b"%PDF-"), "plain: the PDF attachment is a PDF")
    xpart = [p for p in msg.iter_attachments() if p.get_content_type().endswith("sheet")][0]
    eq(xpart.get_param("name"), "shoyogaku-chosa-3510100013.xlsx",
       "plain: ASCII name of the workbook carries the institution code")
    with open(xlsx, "rb") as f:
        eq(att.get("所要額調査票_やまぐち内科クリニック.xlsx"), f.read(),
           "plain: xlsx attachment is byte for byte what export --xlsx writes")
    jdoc = json.loads(att.get("所要額調査票_やまぐち内科クリニック.json", b"{}"))
    with open(VALID, encoding="utf-8") as f:
        orig = json.load(f)
    eq((jdoc.get("fields"), jdoc.get("items"), jdoc.get("saved_at")),
       (orig["fields"], orig["items"], orig["saved_at"]), "plain: JSON attachment holds the answers")
    headers_clean(m.raw, "plain")
    with open(eml, "rb") as f:
        exported = f.read()
    eq(without_date_and_id(m.raw), without_date_and_id(exported),
       "plain: sent message equals export --eml byte for byte apart from Date/Message-ID")
    eq(outbox(), [], "plain: outbox empty after success")
    eq(stat.S_IMODE(os.stat(OUTBOX).st_mode), 0o700, "plain: outbox folder is private (0700)")
    eq(len(sent()), 1, "plain: one file in sent/")
    if sent():
        with open(sent()[0], "rb") as f:
            eq(f.read(), m.raw, "plain: sent/ holds what the server received")
        eq(stat.S_IMODE(os.stat(sent()[0]).st_mode), 0o600, "plain: message file is 0600")

# --- dry run: shows, sends nothing ---
clear()
with Sink() as s:
    r = run("send", VALID, "--smtp", s.url, "--dry-run")
    eq(r.returncode, 0, "dry-run exits 0")
    for needle in [SUBJECT, TO, FROM, "所要額調査票_やまぐち内科クリニック.xlsx", "shoyogaku-chosa-3510100013.xlsx",
                   "shoyogaku-chosa-3510100013.pdf", "バイト"]:
        ok(needle in r.stdout, "dry-run shows " + needle, r.stdout)
    eq(len(s.messages), 0, "dry-run: nothing received")
eq(outbox(), [], "dry-run: nothing queued")

# --- STARTTLS + AUTH with a certificate made now ---
clear()
cert = make_cert(TMP)
pw = os.path.join(TMP, "pw")
with open(pw, "w") as f:
    f.write("s3cret-パス\n")
os.chmod(pw, 0o600)
with Sink(tls_cert=cert, user="clinic", password="s3cret-パス") as s:
    r = run("send", VALID, "--smtp", s.url, "--starttls", "--cacert", cert[0], "--user", "clinic",
            "--password-file", pw)
    eqd(r.returncode, 0, "starttls+auth: send exits 0", r.stderr)
    eq(len(s.messages), 1, "starttls+auth: one message")
    if s.messages:
        ok(s.messages[0].tls and s.messages[0].authenticated, "starttls+auth: received over TLS, authenticated")
        eq(str(parse(s.messages[0].raw)["subject"]), SUBJECT, "starttls+auth: subject")
    ok(all("s3cret" not in open(p, encoding="utf-8", errors="replace").read() for p in sent()),
       "starttls+auth: password not in the stored message")
    ok("s3cret" not in r.stdout + r.stderr, "starttls+auth: password not printed")
    # The dialogue trace for support staff never shows credentials.
    import base64
    r = run("send", VALID, "--smtp", s.url, "--starttls", "--cacert", cert[0], "--user", "clinic",
            "--password-file", pw, env={"NANBYO_SMTP_TRACE": "1"})
    secrets = ["s3cret", base64.b64encode(b"\0clinic\0s3cret-\xe3\x83\x91\xe3\x82\xb9").decode(),
               base64.b64encode("s3cret-パス".encode()).decode()]
    ok(r.returncode == 0 and "> STARTTLS" in r.stderr and "AUTH" in r.stderr and "250" in r.stderr,
       "trace: shows the SMTP dialogue", r.stderr[:800])
    ok(not any(x in r.stderr for x in secrets), "trace: no password, plain or base64", r.stderr[:800])

    # wrong password: refused, kept, told why
    clear()
    bad = os.path.join(TMP, "badpw")
    with open(bad, "w") as f:
        f.write("wrong\n")
    os.chmod(bad, 0o600)
    r = run("send", VALID, "--smtp", s.url, "--starttls", "--cacert", cert[0], "--user", "clinic",
            "--password-file", bad)
    ok(r.returncode != 0, "auth failure: non-zero exit")
    first = one_sentence_japanese(r.stderr, "auth failure")
    ok("ログイン" in first and "パスワード" in first, "auth failure: names login/password", first)
    eq(len(outbox()), 1, "auth failure: message kept in the outbox")
    eq(len(s.messages), 2, "auth failure: nothing more received")

    # STARTTLS with a certificate nobody vouches for
    r = run("send", VALID, "--smtp", s.url, "--starttls", "--user", "clinic", "--password-file", pw)
    ok(r.returncode != 0 and "証明書" in r.stderr, "untrusted certificate: refused, names the certificate", r.stderr)
    one_sentence_japanese(r.stderr, "untrusted certificate")

    # plain connection to a server that requires STARTTLS, without a password
    r = run("send", VALID, "--smtp", s.url)
    ok(r.returncode != 0, "no TLS to a TLS-only server: non-zero exit", r.stderr)
    first = one_sentence_japanese(r.stderr, "no TLS to a TLS-only server")
    ok("STARTTLS" in first and "530" in first, "no TLS to a TLS-only server: says STARTTLS is wanted", first)
    eq(len(s.messages), 2, "failures: server still has only the two good messages")

# AUTH LOGIN when that is all the server offers; implicit TLS (smtps://)
clear()
with Sink(tls_cert=cert, user="clinic", password="s3cret-パス", only_mechanism="LOGIN") as s:
    r = run("send", VALID, "--smtp", s.url, "--starttls", "--cacert", cert[0], "--user", "clinic",
            "--password-file", pw)
    ok(r.returncode == 0 and len(s.messages) == 1 and s.messages[0].authenticated
       and s.auth_attempts == [("LOGIN", True)], "AUTH LOGIN: delivered", r.stderr + repr(s.auth_attempts))
with Sink(tls_cert=cert, user="clinic", password="s3cret-パス", implicit_tls=True) as s:
    r = run("send", VALID, "--smtp", s.url, "--cacert", cert[0], "--user", "clinic", "--password-file", pw)
    ok(r.returncode == 0 and len(s.messages) == 1 and s.messages[0].tls and s.messages[0].authenticated,
       "smtps:// (implicit TLS) with AUTH: delivered", r.stderr)
    r = run("send", VALID, "--smtp", s.url.replace("smtps:", "smtp:"), "--timeout", "3")
    ok(r.returncode != 0, "plain client to an implicit-TLS port: fails", r.stderr)
    one_sentence_japanese(r.stderr, "plain client to an implicit-TLS port")
eq(len(sent()), 2, "AUTH LOGIN and smtps: both in sent/")

# 期限後 only after the deadline (2026-03-31 in the definition)
with Sink() as s:
    run("send", VALID, "--smtp", s.url, env={"NANBYO_TODAY": "2026-03-20"})
    run("send", VALID, "--smtp", s.url, env={"NANBYO_TODAY": "2026-04-01"})
    bodies = [parse(m.raw).get_body(("plain",)).get_content() for m in s.messages]
    ok(len(bodies) == 2 and "期限後" not in bodies[0] and "【期限後】" in bodies[1],
       "期限後 marked only after the deadline", "\n---\n".join(b[:200] for b in bodies))
    ok(len(bodies) == 2 and "【下書き】" not in bodies[0], "valid answers are not marked 下書き")

# password never goes out in the clear
clear()
with Sink() as s:
    r = run("send", VALID, "--smtp", s.url, "--user", "clinic", "--password-file", pw)
    ok(r.returncode != 0 and "暗号化" in r.stderr, "password over plain smtp:// is refused", r.stderr)
    eq(len(s.messages), 0, "password over plain: nothing sent")

    # --starttls against a server without STARTTLS: never silently plain
    r = run("send", VALID, "--smtp", s.url, "--starttls")
    ok(r.returncode != 0 and "STARTTLS" in r.stderr, "--starttls to a plain server fails, names STARTTLS", r.stderr)
    eq(len(s.messages), 0, "--starttls to a plain server: nothing sent in the clear")
    one_sentence_japanese(r.stderr, "--starttls to a plain server")

# password file readable by others: refused with the fix
loose = os.path.join(TMP, "loosepw")
with open(loose, "w") as f:
    f.write("x\n")
os.chmod(loose, 0o644)
r = run("send", VALID, "--smtp", "smtp://127.0.0.1:1", "--starttls", "--user", "u", "--password-file", loose)
ok(r.returncode == 2 and "chmod 600" in r.stderr, "group/world-readable password file refused with chmod 600", r.stderr)

# --- settings file ---
clear()
conf_dir = os.path.join(os.environ["XDG_CONFIG_HOME"], "nanbyo-survey")
os.makedirs(conf_dir, exist_ok=True)
conf = os.path.join(conf_dir, "smtp.conf")
with Sink(tls_cert=cert, user="clinic", password="s3cret-パス") as s:
    with open(conf, "w") as f:
        f.write("# test\nsmtp = %s\nstarttls = yes\nuser = clinic\npassword = s3cret-パス\ncacert = %s\n"
                % (s.url, cert[0]))
    os.chmod(conf, 0o644)
    r = run("send", VALID)
    ok(r.returncode == 2 and "chmod 600" in r.stderr and "smtp.conf" in r.stderr,
       "smtp.conf with a password and mode 0644 is refused, says chmod 600", r.stderr)
    eq(len(s.messages), 0, "refused settings file: nothing sent")
    os.chmod(conf, 0o600)
    r = run("send", VALID)
    eqd(r.returncode, 0, "smtp.conf (0600) alone is enough to send", r.stderr)
    eq(len(s.messages), 1, "smtp.conf: one message over STARTTLS+AUTH")
os.remove(conf)

# --- misbehaving servers: nothing lost, told why, --retry delivers ---
clear()
dead = free_port()  # nothing listens there
r = run("send", VALID, "--smtp", "smtp://127.0.0.1:%d" % dead)
ok(r.returncode != 0, "refused connection: non-zero exit")
first = one_sentence_japanese(r.stderr, "refused connection")
ok("接続できませんでした" in first, "refused connection: says it could not connect", first)
eq(len(outbox()), 1, "refused connection: message waits in the outbox")
ok("--retry" in r.stderr, "refused connection: tells about send --retry", r.stderr)

with Sink(reject_rcpt=True) as s:
    r = run("send", VALID, "--smtp", s.url)
    first = one_sentence_japanese(r.stderr, "rejected recipient")
    ok(r.returncode != 0 and "宛先" in first and "550" in first, "rejected recipient: names recipient and 550", first)
eq(len(outbox()), 2, "rejected recipient: kept")

with Sink(reject_data=True) as s:
    r = run("send", VALID, "--smtp", s.url)
    first = one_sentence_japanese(r.stderr, "data rejected")
    ok(r.returncode != 0 and "554" in first, "data answered 554: failure with the code", first)
    eq(len(s.messages), 0, "data rejected: not stored by the server")
eq(len(outbox()), 3, "data rejected: kept")

with Raw("drop") as s:
    r = run("send", VALID, "--smtp", s.url, "--timeout", "10")
    first = one_sentence_japanese(r.stderr, "dropped mid-DATA")
    ok(r.returncode != 0 and "切れ" in first, "connection dropped mid-DATA: says the connection was cut", first)
    ok(s.got_data_bytes > 0, "dropped mid-DATA: the server really got part of the data")
eq(len(outbox()), 4, "dropped mid-DATA: kept")

def bounded_send(*args):
    """send with a hang bound of 60 s, far past every --timeout used here
    (a duration is never asserted: the time goes to a TAP comment)."""
    t0 = time.monotonic()
    try:
        r = run("send", *args, timeout=60)
    except subprocess.TimeoutExpired:
        r = None
    return r, time.monotonic() - t0


with Raw("silent") as s:
    r, took = bounded_send(VALID, "--smtp", s.url, "--timeout", "2")
    ok(r is not None, "server that never answers: send ends (60 s bound)")
    first = one_sentence_japanese(r.stderr if r else "", "silent server")
    ok(r is not None and r.returncode != 0 and "応答がなかった" in first, "server that never answers: timeout named", first)
    print("# silent server, --timeout 2: send took %.2f s" % took)
eq(len(outbox()), 5, "silent server: kept")

# A server that answers DATA with 354, takes the message and then never
# answers (not even QUIT): libcurl's closing QUIT used to wait its own 120 s
# after the 5 s timeout had fired.
with Raw("after354") as s:
    r, took = bounded_send(VALID, "--smtp", s.url, "--timeout", "5")
    ok(r is not None, "silent after 354: send ends (60 s bound; it took 125 s before)")
    first = one_sentence_japanese(r.stderr if r else "", "silent after 354")
    ok(r is not None and r.returncode != 0 and "5 秒以内に応答がなかった" in first,
       "silent after 354: the timeout sentence names the 5 s", first)
    ok(s.got_data_bytes > 0, "silent after 354: the server really got the data")
    print("# silent after 354, --timeout 5: send took %.2f s (program start included)" % took)
eq(len(outbox()), 6, "silent after 354: kept in the outbox")
eq(sent(), [], "failures: nothing in sent/")

with Sink() as s:
    # Another sender holds the oldest message: --retry leaves it alone.
    held = outbox()[0]
    fd = os.open(held, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    r = run("send", "--retry", "--smtp", s.url)
    ok(r.returncode == 1 and "途中" in r.stderr, "--retry skips a message another sender holds", r.stderr)
    eq(len(s.messages), 5, "--retry with one held: the other five delivered once")
    eq(outbox(), [held], "--retry with one held: only the held one waits")
    os.close(fd)
    r = run("send", "--retry", "--smtp", s.url)
    eqd(r.returncode, 0, "--retry exits 0", r.stderr)
    eq(len(s.messages), 6, "--retry delivers each waiting message once")
    eq(outbox(), [], "--retry: outbox empty")
    eq(len(sent()), 6, "--retry: six in sent/")
    eq({str(parse(m.raw)["subject"]) for m in s.messages}, {SUBJECT}, "--retry: subjects intact")
    eq({tuple(m.rcpt_tos) for m in s.messages}, {(TO,)}, "--retry: envelope read back from the message")
    r = run("send", "--retry", "--smtp", s.url)
    ok(r.returncode == 0 and "ありません" in r.stdout and len(s.messages) == 6, "--retry with an empty outbox sends nothing")

# --- hostile answers ---
clear()
with Sink() as s:
    evil = write_answers("evil.json", {"institution_name": "A\r\nBcc: x@example.com",
                                       "contact_name": "B\r\nSubject: hi"})
    r = run("send", evil, "--smtp", s.url)
    eq(r.returncode, 1, "CR/LF in names: refused without --force (control characters are problems)")
    eq(len(s.messages), 0, "CR/LF without --force: nothing sent")
    r = run("send", evil, "--smtp", s.url, "--force")
    eqd(r.returncode, 0, "CR/LF with --force: sent as a draft", r.stderr)
    if s.messages:
        m = s.messages[-1]
        msg = parse(m.raw)
        eq(m.rcpt_tos, [TO], "CR/LF: no extra recipient")
        ok(msg["bcc"] is None and len(msg.get_all("subject")) == 1, "CR/LF: no Bcc header, one Subject")
        subj = str(msg["subject"])
        ok("\r" not in subj and "\n" not in subj and "Bcc: x@example.com" in subj,
           "CR/LF: subject keeps the text without the line break", subj)
        headers_clean(m.raw, "CR/LF")
        ok("【下書き】" in msg.get_body(("plain",)).get_content(), "--force marks the body 下書き")

    long_name = "髙﨑😀医療法人" * 1250  # 10,000 characters with emoji and 髙/﨑
    big = write_answers("long.json", {"institution_name": long_name})
    dry = run("send", big, "--smtp", s.url, "--force", "--dry-run")
    shown = re.search(r"件名: (.*)", dry.stdout)
    shown = shown.group(1) if shown else ""
    r = run("send", big, "--smtp", s.url, "--force")
    eqd(r.returncode, 0, "10,000-character name: sent", r.stderr[:300])
    m = s.messages[-1]
    msg = parse(m.raw)
    eq(msg.defects, [], "long name: no defects")
    subj = str(msg["subject"])
    # The template expansion (nb_survey_subject) decides the length; the
    # message must carry it unchanged: same as --dry-run shows, whole
    # characters only.
    ok(subj == shown and subj.startswith("オンライン登録所要額調査(髙﨑😀医療法人髙﨑😀") and subj.endswith(")")
       and "\ufffd" not in subj, "long name: subject decodes exactly to the expansion",
       "%d vs %d characters" % (len(subj), len(shown)))
    fname = [n for n in attachments(msg) if n.endswith(".xlsx")][0]
    ok(fname.startswith("所要額調査票_髙﨑😀医療法人") and fname.endswith(".xlsx") and "\ufffd" not in fname,
       "long name: RFC 2231 file name decodes to whole characters", fname[:60])
    headers_clean(m.raw, "long name")
    longest = max(len(l) for l in m.raw.split(b"\r\n") if not l.startswith(b"Message-ID:"))
    ok(longest <= 76, "long name: every line <= 76 octets", str(longest))

    inv = write_answers("badfrom.json", {"email": "a@b.example\r\nBcc: x@example.com"})
    r = run("send", inv, "--smtp", s.url, "--force")
    ok(r.returncode != 0 and "差出人" in r.stderr, "address with CR/LF refused, names the sender", r.stderr)
    r = run("send", VALID, "--smtp", s.url, "--from", "evil@example.jp>\r\nBcc: y@example.com")
    ok(r.returncode != 0 and "--from" in r.stderr, "--from with CR/LF refused", r.stderr)
    n = len(s.messages)
    r = run("send", VALID, "--smtp", s.url, "--to", "inbox@test.example", "--from", "clerk@test.example")
    ok(r.returncode == 0 and len(s.messages) == n + 1 and s.messages[-1].rcpt_tos == ["inbox@test.example"]
       and s.messages[-1].mail_from == "clerk@test.example", "--to/--from override envelope and headers")

clear()
r = run("send", VALID)
ok(r.returncode == 2 and "--smtp" in r.stderr, "no server configured: says how to give one", r.stderr)
r = run("send", VALID, "--smtp", "http://127.0.0.1:1")
ok(r.returncode == 2 and "smtp://" in r.stderr, "not an SMTP URL: refused, shows the form", r.stderr)
eq(outbox(), [], "bad settings: nothing queued")
r = run("send")
eq(r.returncode, 2, "no answers file: usage error")
# A password file that is not there: the reason in Japanese, never
# strerror's English, and nothing queued.
r = run("send", VALID, "--smtp", "smtp://127.0.0.1:9", "--user", "u", "--password-file",
        os.path.join(TMP, "no-such-password"))
ok(r.returncode == 2 and "ファイルがありません。名前と場所を確かめてください" in r.stderr,
   "missing password file: the reason in Japanese", r.stderr)
ok("No such file" not in r.stderr and "Permission denied" not in r.stderr, "and no English reason", r.stderr)
eq(outbox(), [], "missing password file: nothing queued")
done()
