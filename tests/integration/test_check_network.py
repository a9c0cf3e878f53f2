"""`check` against loopback servers this test starts itself: a TLS server
with a test CA made here with openssl, one whose CA is named like a
TLS-inspecting product, a closed port, a server that accepts and never
answers, servers with a skewed Date header, a TCP listener and a UDP
OpenVPN responder for the .ovpn remote. Only 127.0.0.1 / localhost is
ever contacted."""
import json, os, socket, ssl, subprocess, sys, threading, time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from nbtest import ok, eq, run, done, TMP

# No proxy from the caller's environment may divert loopback traffic.
for k in ("http_proxy", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY", "HTTP_PROXY"):
    os.environ.pop(k, None)


def openssl(*args):
    subprocess.run(["openssl", *args], check=True, capture_output=True, cwd=TMP)


def make_ca(name, subject):
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", f"{name}-ca.key", "-out", f"{name}-ca.pem", "-days", "2", "-subj", subject,
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", f"{name}-srv.key", "-out", f"{name}-srv.csr", "-subj", "/CN=127.0.0.1")
    with open(os.path.join(TMP, "ext.cnf"), "w") as f:
        f.write("subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n")
    openssl("x509", "-req", "-in", f"{name}-srv.csr", "-CA", f"{name}-ca.pem", "-CAkey", f"{name}-ca.key",
            "-CAcreateserial", "-out", f"{name}-srv.pem", "-days", "2", "-extfile", "ext.cnf")
    return os.path.join(TMP, f"{name}-ca.pem")


def https_server(name, skew=0, delay=0.0):
    class H(BaseHTTPRequestHandler):
        def date_time_string(self, timestamp=None):
            return formatdate(time.time() + skew, usegmt=True)

        def do_GET(self):
            time.sleep(delay)
            body = b"ok\n"
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *a):
            pass

    srv = ThreadingHTTPServer(("127.0.0.1", 0), H)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(os.path.join(TMP, f"{name}-srv.pem"), os.path.join(TMP, f"{name}-srv.key"))
    srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv.server_address[1]


HELD = []


def hanging_server():
    """Accepts every connection and never sends a byte."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen(16)

    def loop():
        while True:
            c, _ = s.accept()
            HELD.append(c)

    threading.Thread(target=loop, daemon=True).start()
    HELD.append(s)
    return s.getsockname()[1]


def server_reset(client_packet):
    """P_CONTROL_HARD_RESET_SERVER_V2 as an OpenVPN server sends it: opcode 8,
    its own session id, one ack (the client's packet id 0) followed by the
    client's session id, then its own message packet id 0."""
    return (bytes([8 << 3]) + os.urandom(8) + b"\x01" + b"\x00\x00\x00\x00"
            + client_packet[1:9] + b"\x00\x00\x00\x00")


def tcp_openvpn(answer="reset"):
    """OpenVPN over TCP: answers a framed client hard reset (2-byte length,
    opcode 7) with a framed server reset; answer="http" sends an HTTP error
    instead, as a web server on that port would."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen(16)

    def serve(c):
        data = b""
        while len(data) < 16:
            chunk = c.recv(64)
            if not chunk:
                return
            data += chunk
        if answer == "http":
            c.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
        elif (data[2] >> 3) == 7 and data[:2] == b"\x00\x0e":
            pkt = server_reset(data[2:16])
            c.sendall(len(pkt).to_bytes(2, "big") + pkt)
        HELD.append(c)

    def loop():
        while True:
            c, _ = s.accept()
            threading.Thread(target=serve, args=(c,), daemon=True).start()

    threading.Thread(target=loop, daemon=True).start()
    HELD.append(s)
    return s.getsockname()[1]


def closed_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def udp_openvpn(reply=True, delay=0.0):
    """Answers a client hard reset (opcode 7) with a server hard reset (8)."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))

    def loop():
        while True:
            data, peer = s.recvfrom(2048)
            if reply and len(data) >= 14 and (data[0] >> 3) == 7:
                time.sleep(delay)
                s.sendto(server_reset(data), peer)

    threading.Thread(target=loop, daemon=True).start()
    HELD.append(s)
    return s.getsockname()[1]


def ovpn(name, text):
    p = os.path.join(TMP, name)
    with open(p, "w") as f:
        f.write(text)
    return p


def bounded(*args, env=None):
    """Run the program with a generous hang bound (60 s, far beyond any
    --timeout used here): returns (CompletedProcess or None, seconds). The
    seconds go to TAP comments only; speed is for make bench."""
    t0 = time.monotonic()
    try:
        r = run(*args, env=env, timeout=60)
    except subprocess.TimeoutExpired:
        r = None
    return r, time.monotonic() - t0


def check(*args):
    r, took = bounded("check", "--json", *args)
    if r is None:
        ok(False, f"check {' '.join(args)} hung past the 60 s bound")
        return subprocess.CompletedProcess(args, -1, "", ""), {}, took
    try:
        j = json.loads(r.stdout)
        by = {c["id"]: c for c in j["checks"]}
    except Exception:
        by = {}
    return r, by, took


def main():
    test_ca = make_ca("test", "/O=nanbyo tests/CN=nanbyo Test Root CA")
    zs_ca = make_ca("zs", "/O=Zscaler Inc. (test)/CN=Zscaler Root CA (test)")
    port = https_server("test")
    zs_port = https_server("zs")
    skew_warn_port = https_server("test", skew=400)
    skew_fail_port = https_server("test", skew=-1200)
    hang = hanging_server()
    closed = closed_port()
    udp_ok = udp_openvpn(True)
    udp_silent = udp_openvpn(False)
    SECRET = "QkVHSU5QUklWQVRFS0VZU0VDUkVUTUFURVJJQUwxMjM0NTY3ODkw"
    tcp_ovpn = ovpn("tcp.ovpn", f"client\ndev tun\nproto tcp\nremote 127.0.0.1 {hang}\nremote-random-hostname\n"
                                f"<key>\n-----BEGIN PRIVATE KEY-----\n{SECRET}\n-----END PRIVATE KEY-----\n</key>\n")
    url = f"https://127.0.0.1:{port}/"

    # 1. everything reachable and verified
    r, c, took = check("--https-url", url, "--cacert", test_ca, "--ovpn", tcp_ovpn, "--timeout", "5")
    eq(r.returncode, 0, "all network checks pass: exit 0")
    eq(c.get("https", {}).get("status"), "pass", "https verified with the test CA passes")
    ok("nanbyo Test Root CA" in c.get("https", {}).get("measured", ""), "https names the certificate issuer", c.get("https"))
    eq(c.get("clock", {}).get("status"), "pass", "clock from the Date header passes")
    eq(c.get("dns", {}).get("status"), "na", "dns is na for an IP-address URL")
    eq(c.get("vpn", {}).get("status"), "warn", "vpn: a TCP port that accepts and never answers OpenVPN is warn, not pass")
    ok(SECRET not in r.stdout and SECRET not in r.stderr and "PRIVATE" not in r.stdout,
       "the .ovpn key block is never shown")
    ok(f"127.0.0.1:{hang}" in c.get("vpn", {}).get("measured", ""), "vpn names remote and port", c.get("vpn"))
    ok("秒待っても何も返りませんでした" in c.get("vpn", {}).get("detail", ""),
       "a TCP listener that never answers: the fact is said", c.get("vpn"))
    eq(r.returncode, 0, "a VPN warning alone does not fail the run")

    # 1b. OpenVPN over TCP answering the hard reset; and tls-auth (connect only)
    ovpn_port = tcp_openvpn()
    good = ovpn("good.ovpn", f"client\nremote 127.0.0.1 {ovpn_port} tcp\n")
    r, c, took = check("--https-url", url, "--cacert", test_ca, "--ovpn", good, "--timeout", "5")
    eq(c.get("vpn", {}).get("status"), "pass", "OpenVPN TCP endpoint passes")
    ok("OpenVPN サーバーが応答しました" in c.get("vpn", {}).get("measured", ""), "the OpenVPN answer is reported",
       c.get("vpn"))
    print(f"# check with an answering OpenVPN TCP endpoint: {took:.3f} s")
    web = ovpn("web.ovpn", f"client\nremote 127.0.0.1 {tcp_openvpn('http')} tcp\n")
    r, c, took = check("--https-url", url, "--cacert", test_ca, "--ovpn", web, "--timeout", "5")
    eq(c.get("vpn", {}).get("status"), "warn", "a TCP port answering something other than OpenVPN is warn")
    ok("OpenVPN サーバーの応答が返りませんでした" in c.get("vpn", {}).get("detail", ""),
       "the non-OpenVPN answer is said", c.get("vpn"))
    ta = ovpn("ta.ovpn", f"client\nremote 127.0.0.1 {hang} tcp\n<tls-crypt>\n{SECRET}\n</tls-crypt>\n")
    r, c, took = check("--https-url", url, "--cacert", test_ca, "--ovpn", ta, "--timeout", "5")
    eq(c.get("vpn", {}).get("status"), "warn", "tls-crypt endpoint: connect only, so warn (no OpenVPN answer to see)")
    ok("tls-auth/tls-crypt" in c.get("vpn", {}).get("detail", "") and SECRET not in r.stdout,
       "tls-crypt: no handshake tried, said so, key not shown", c.get("vpn"))

    # 1c. an http:// URL is refused with a sentence, never a pass
    plain = ThreadingHTTPServer(("127.0.0.1", 0), type("P", (BaseHTTPRequestHandler,), {
        "do_GET": lambda self: (self.send_response(200), self.send_header("Content-Length", "0"),
                                self.end_headers()),
        "log_message": lambda self, *a: None}))
    threading.Thread(target=plain.serve_forever, daemon=True).start()
    r, c, took = check("--https-url", f"http://127.0.0.1:{plain.server_address[1]}/", "--timeout", "5")
    eq(c.get("https", {}).get("status"), "fail", "an http:// URL is not an HTTPS pass")
    ok("https:// で始まっていない" in c.get("https", {}).get("measured", "")
       and "https://" in c.get("https", {}).get("advice", ""), "the http:// refusal is a sentence with advice",
       c.get("https"))

    # 2. a name that resolves through /etc/hosts
    r, c, _ = check("--https-url", f"https://localhost:{port}/", "--cacert", test_ca, "--timeout", "5")
    eq(c.get("dns", {}).get("status"), "pass", "dns resolves localhost")
    eq(c.get("https", {}).get("status"), "pass", "https to localhost passes")
    eq(c.get("vpn", {}).get("status"), "na", "vpn without --ovpn is na")

    # 3. certificate not trusted (no --cacert)
    r, c, _ = check("--https-url", url, "--timeout", "5")
    eq(c.get("https", {}).get("status"), "fail", "untrusted certificate fails")
    ok("nanbyo Test Root CA" in c.get("https", {}).get("measured", ""), "the untrusted issuer is named", c.get("https"))
    ok(c.get("https", {}).get("advice"), "untrusted certificate comes with advice")
    eq(r.returncode, 1, "a required check failed: exit 1")

    # 4. a trusted CA that looks like TLS inspection
    r, c, _ = check("--https-url", f"https://127.0.0.1:{zs_port}/", "--cacert", zs_ca, "--timeout", "5")
    eq(c.get("https", {}).get("status"), "warn", "TLS inspection by an unexpected issuer is a warning")
    ok("Zscaler" in c.get("https", {}).get("detail", ""), "the inspecting product is named", c.get("https"))

    # 5. closed port
    r, c, _ = check("--https-url", f"https://127.0.0.1:{closed}/", "--cacert", test_ca, "--timeout", "5")
    eq(c.get("https", {}).get("status"), "fail", "closed port fails")
    eq(c.get("clock", {}).get("status"), "unknown", "no answer: clock unknown")
    eq(r.returncode, 1, "closed port: exit 1")

    # 6. an endpoint that accepts and never answers cannot stall the run
    r, c, took = check("--https-url", f"https://127.0.0.1:{hang}/", "--cacert", test_ca, "--ovpn", tcp_ovpn, "--timeout", "2")
    eq(c.get("https", {}).get("status"), "fail", "hanging endpoint fails")
    ok("時間内に応答がありませんでした" in c.get("https", {}).get("measured", ""),
       "hanging endpoint: given up at the deadline (no hang), said so", c.get("https"))
    print(f"# full check with a hanging endpoint, --timeout 2: {took:.3f} s")

    # 7. clock skew
    r, c, _ = check("--https-url", f"https://127.0.0.1:{skew_warn_port}/", "--cacert", test_ca, "--timeout", "5")
    eq(c.get("clock", {}).get("status"), "warn", "400 s skew warns")
    r, c, _ = check("--https-url", f"https://127.0.0.1:{skew_fail_port}/", "--cacert", test_ca, "--timeout", "5")
    eq(c.get("clock", {}).get("status"), "fail", "1200 s skew fails")
    ok("進んでいます" in c.get("clock", {}).get("measured", ""), "clock says the PC is ahead", c.get("clock"))

    # 8. VPN endpoints
    closed_ovpn = ovpn("closed.ovpn", f"remote 127.0.0.1 {closed} tcp\n")
    r, c, _ = check("--https-url", url, "--cacert", test_ca, "--ovpn", closed_ovpn, "--timeout", "5")
    eq(c.get("vpn", {}).get("status"), "fail", "vpn remote refusing TCP fails")
    eq(r.returncode, 1, "vpn given and failing: exit 1")
    udp_ovpn = ovpn("udp.ovpn", f"client\nproto udp\nremote 127.0.0.1 {udp_ok}\n")
    r, c, _ = check("--https-url", url, "--cacert", test_ca, "--ovpn", udp_ovpn, "--timeout", "5")
    eq(c.get("vpn", {}).get("status"), "pass", "UDP OpenVPN reset answered passes")
    silent_ovpn = ovpn("silent.ovpn", f"client\nproto udp\nremote 127.0.0.1 {udp_silent}\n")
    r, c, took = check("--https-url", url, "--cacert", test_ca, "--ovpn", silent_ovpn, "--timeout", "2")
    eq(c.get("vpn", {}).get("status"), "warn", "UDP without an answer is a warning")
    print(f"# check with a silent UDP endpoint, --timeout 2: {took:.3f} s")
    bad_ovpn = ovpn("bad.ovpn", "client\n<key>\n" + SECRET + "\n</key>\nremote bad\x01host 443\n")
    r, c, _ = check("--https-url", url, "--cacert", test_ca, "--ovpn", bad_ovpn, "--timeout", "5")
    eq(c.get("vpn", {}).get("status"), "unknown", "a broken .ovpn is reported, not guessed")
    ok("5 行目" in c.get("vpn", {}).get("detail", "") and SECRET not in r.stdout, "the broken line is named, the key is not shown",
       c.get("vpn"))

    # 9. proxy from the environment (a loopback proxy that is closed); password never shown
    r = run("check", "--json", "--https-url", url, "--cacert", test_ca, "--timeout", "5",
            env={"https_proxy": f"http://clerk:pa55word@127.0.0.1:{closed}"})
    c = {x["id"]: x for x in json.loads(r.stdout)["checks"]}
    eq(c["proxy"]["status"], "warn", "a proxy in the environment is a warning (VPN cannot use it)")
    eq(c["https"]["status"], "fail", "an unreachable proxy makes https fail")
    ok("プロキシ" in c["https"]["measured"], "https says the proxy was the problem", c["https"])
    ok("pa55word" not in r.stdout, "the proxy password is never shown")

    # 10. a CUPS server that accepts and never answers: the printer probe is
    # given up at the deadline, the output is complete, the run ends (the
    # 60 s bound catches a hang; the time goes to a comment)
    r, took = bounded("check", "--json", "--no-network", "--timeout", "1", env={"CUPS_SERVER": f"127.0.0.1:{hang}"})
    ok(r is not None, "hanging CUPS server: the check ends")
    c = {x["id"]: x for x in json.loads(r.stdout)["checks"]} if r and r.stdout else {}
    eq(c.get("printer", {}).get("status"), "unknown", "hanging CUPS server: printer unknown at the deadline")
    ok(r is not None and r.returncode in (0, 1) and not r.stderr, "hanging CUPS server: clean exit, no crash",
       r.stderr if r else "")
    print(f"# check --no-network with a hanging CUPS server, --timeout 1: {took:.3f} s")

    # 11. human output explains each non-pass
    r = run("check", "--https-url", f"https://127.0.0.1:{closed}/", "--cacert", test_ca, "--timeout", "3")
    ok("HTTPS 接続" in r.stdout and "合格でない項目の説明" in r.stdout and "対処:" in r.stdout
       and "要件:" in r.stdout, "human output is a Japanese table with explanations", r.stdout[-800:])
    ok("必須の項目に不合格があります" in r.stdout, "human output names the failed required checks")
    done()


if __name__ == "__main__":
    main()
