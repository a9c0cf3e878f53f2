"""Loopback endpoints for the full-check benchmark (127.0.0.1 only):
an HTTPS server with a throw-away self-signed certificate that answers
after a delay, and a UDP server that answers an OpenVPN client hard reset
with a server hard reset after a delay, or never ("hang")."""
import http.server, os, socket, ssl, subprocess, threading, time


def make_cert(folder):
    """Self-signed certificate for 127.0.0.1 and localhost; returns (cert, key)."""
    cert, key = os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                    "-keyout", key, "-out", cert], check=True, capture_output=True)
    return cert, key


class _Handler(http.server.BaseHTTPRequestHandler):
    delay = 0.0
    hang = False

    def do_GET(self):
        if self.hang:
            time.sleep(3600)
        time.sleep(self.delay)
        body = b"ok\n"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_HEAD = do_GET

    def log_message(self, *args):
        pass


def https_server(cert, key, delay=0.0, hang=False):
    """Start in a thread; returns the port."""
    handler = type("H", (_Handler,), {"delay": delay, "hang": hang})
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    srv.daemon_threads = True
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv.server_address[1]


def vpn_udp_server(delay=0.0, hang=False):
    """OpenVPN-like UDP endpoint; returns the port."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))

    def reply(data, addr):
        time.sleep(delay)
        # P_CONTROL_HARD_RESET_SERVER_V2 (opcode 8, key id 0), session id, no acks.
        s.sendto(bytes([8 << 3]) + os.urandom(8) + b"\0" * 5, addr)

    def loop():
        while True:
            data, addr = s.recvfrom(2048)
            if not hang and data and data[0] >> 3 == 7:
                threading.Thread(target=reply, args=(data, addr), daemon=True).start()

    threading.Thread(target=loop, daemon=True).start()
    return s.getsockname()[1]


def write_ovpn(path, port, proto="udp"):
    with open(path, "w") as f:
        f.write(f"client\ndev tun\nproto {proto}\nremote 127.0.0.1 {port}\n"
                "remote-cert-tls server\n<ca>\n-----BEGIN CERTIFICATE-----\n"
                "bm90IGEgcmVhbCBjZXJ0aWZpY2F0ZQ==\n-----END CERTIFICATE-----\n</ca>\n")
