"""SMTP servers on loopback for the send tests, started and stopped by the
tests themselves. Only 127.0.0.1, ever.

- Sink: Debian's aiosmtpd, recording every message (envelope, raw bytes,
  TLS and AUTH state); optionally STARTTLS with a certificate made by
  openssl at test time, AUTH PLAIN/LOGIN, a 550 for every recipient or a
  554 for the data.
- Raw: a tiny hand-driven socket server for what aiosmtpd will not do:
  drop the connection in the middle of DATA, or accept TCP and never say
  a word (so the client's timeout has to fire).
"""
import os, socket, ssl, subprocess, threading, time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

HOST = "127.0.0.1"


def free_port():
    s = socket.socket()
    s.bind((HOST, 0))
    port = s.getsockname()[1]
    s.close()
    return port


def make_cert(folder):
    """Self-signed certificate for localhost/127.0.0.1; returns (cert, key)."""
    cert, key = os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                    "-out", cert, "-days", "1", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
                   check=True, capture_output=True)
    return cert, key


class Received:
    def __init__(self, envelope, session, implicit_tls=False):
        self.mail_from = envelope.mail_from
        self.rcpt_tos = list(envelope.rcpt_tos)
        self.raw = envelope.original_content
        # aiosmtpd records session.ssl only after STARTTLS; an implicit-TLS
        # listener accepts nothing but TLS.
        self.tls = session.ssl is not None or implicit_tls
        self.authenticated = bool(getattr(session, "authenticated", False))


class _Handler:
    def __init__(self, sink):
        self.sink = sink

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.sink.reject_rcpt:
            return "550 5.1.1 <%s>: Recipient address rejected" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.sink.reject_data:
            return "554 5.6.0 Message rejected"
        self.sink.messages.append(Received(envelope, session, self.sink.implicit_tls))
        return "250 Message accepted for delivery"


class Sink:
    """aiosmtpd on 127.0.0.1:<free port>. Use as a context manager."""

    def __init__(self, tls_cert=None, user=None, password=None, reject_rcpt=False, reject_data=False,
                 implicit_tls=False, only_mechanism=None):
        self.messages = []
        self.auth_attempts = []
        self.reject_rcpt, self.reject_data = reject_rcpt, reject_data
        self.port = free_port()
        kw = {}
        self.implicit_tls = implicit_tls
        if tls_cert:
            ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            ctx.load_cert_chain(*tls_cert)
            if implicit_tls:
                kw.update(ssl_context=ctx)  # smtps: TLS from the first byte
            else:
                kw.update(tls_context=ctx, require_starttls=True)
        if only_mechanism:
            kw.update(auth_exclude_mechanism=[m for m in ("PLAIN", "LOGIN") if m != only_mechanism])
        if user is not None:
            def authenticator(server, session, envelope, mechanism, auth_data):
                ok = (isinstance(auth_data, LoginPassword) and auth_data.login == user.encode()
                      and auth_data.password == password.encode())
                self.auth_attempts.append((mechanism, ok))
                # handled=False: aiosmtpd then answers 535 itself on failure
                return AuthResult(success=ok, handled=False)
            # aiosmtpd only counts STARTTLS as TLS for auth_require_tls; an
            # implicit-TLS port is encrypted from the start anyway.
            kw.update(authenticator=authenticator, auth_required=True, auth_require_tls=not implicit_tls)
        self.controller = Controller(_Handler(self), hostname=HOST, port=self.port, **kw)

    @property
    def url(self):
        return "%s://%s:%d" % ("smtps" if self.implicit_tls else "smtp", HOST, self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()


class Raw:
    """A misbehaving SMTP server: mode "drop" closes the connection after
    the first bytes of DATA; mode "silent" accepts and never answers;
    mode "after354" answers DATA with 354, then reads the whole message
    and never says another word (nor answers QUIT)."""

    def __init__(self, mode):
        self.mode = mode
        self.port = free_port()
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((HOST, self.port))
        self.sock.listen(5)
        self.stop = threading.Event()
        self.got_data_bytes = 0
        self.conns = []
        self.thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def url(self):
        return "smtp://%s:%d" % (HOST, self.port)

    def _serve(self):
        self.sock.settimeout(0.2)
        while not self.stop.is_set():
            try:
                c, _ = self.sock.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            self.conns.append(c)
            if self.mode == "silent":
                continue  # keep it open, say nothing
            threading.Thread(target=self._talk, args=(c,), daemon=True).start()

    def _talk(self, c):
        f = c.makefile("rb")
        def say(s):
            c.sendall(s.encode() + b"\r\n")
        try:
            say("220 localhost ESMTP test")
            while True:
                line = f.readline()
                if not line:
                    return
                cmd = line.strip().upper()
                if cmd.startswith(b"EHLO") or cmd.startswith(b"HELO"):
                    say("250 localhost")
                elif cmd.startswith(b"MAIL") or cmd.startswith(b"RCPT"):
                    say("250 OK")
                elif cmd == b"DATA":
                    say("354 End data with <CR><LF>.<CR><LF>")
                    if self.mode == "after354":
                        while not self.stop.is_set():
                            chunk = f.read1(65536)
                            if not chunk:
                                return
                            self.got_data_bytes += len(chunk)
                        return
                    chunk = f.read1(1024) if hasattr(f, "read1") else f.read(1024)
                    self.got_data_bytes += len(chunk)
                    c.shutdown(socket.SHUT_RDWR)
                    c.close()
                    return
                elif cmd == b"QUIT":
                    say("221 bye")
                    return
                else:
                    say("250 OK")
        except OSError:
            return

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for c in self.conns:
            try:
                c.close()
            except OSError:
                pass
        self.sock.close()
        self.thread.join(2)
