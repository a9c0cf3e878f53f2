"""Benchmark of `check` (not a test: run by hand or from `make bench`).
Prints wall times of: check --no-network; a full check against loopback
servers with one endpoint that accepts and never answers; and the same
probes run concurrently versus one after another (--sequential) against
endpoints that each take a moment to answer. Loopback only.
Usage: /usr/bin/python3 tests/integration/bench_check.py"""
import json, os, statistics, subprocess, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import test_check_network as net
from nbtest import BIN

for k in ("http_proxy", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", "HTTP_PROXY"):
    os.environ.pop(k, None)


LAST = {}


def wall(args, n):
    out = []
    for _ in range(n):
        t0 = time.monotonic()
        r = subprocess.run([BIN, "check", "--json", *args], capture_output=True, text=True)
        out.append(time.monotonic() - t0)
    try:
        LAST.update({c["id"]: c["status"] for c in json.loads(r.stdout)["checks"]})
    except ValueError:
        LAST.clear()
    return out


def show(name, ts):
    net = " ".join(f"{k}={LAST.get(k, '?')}" for k in ("https", "clock", "vpn"))
    print(f"{name:56s} median {statistics.median(ts) * 1000:7.1f} ms  min {min(ts) * 1000:7.1f} ms"
          f"  (n={len(ts)}; {net})")


ca = net.make_ca("bench", "/CN=nanbyo Bench Root CA")
fast = net.https_server("bench")
slow = net.https_server("bench", delay=0.5)
hang = net.hanging_server()
udp_slow = net.udp_openvpn(True, delay=0.5)
tcp_ovpn = net.ovpn("bench-tcp.ovpn", f"remote 127.0.0.1 {net.tcp_openvpn()} tcp\n")
udp_ovpn = net.ovpn("bench-udp.ovpn", f"remote 127.0.0.1 {udp_slow} udp\n")

show("check --no-network", wall(["--no-network"], 20))
show("full, all answer at once (concurrent)",
     wall(["--https-url", f"https://127.0.0.1:{fast}/", "--cacert", ca, "--ovpn", tcp_ovpn], 10))
for mode, extra in (("concurrent", []), ("sequential", ["--sequential"])):
    show(f"full, HTTPS and VPN each answer after 0.5 s ({mode})",
         wall(["--https-url", f"https://localhost:{slow}/", "--cacert", ca, "--ovpn", udp_ovpn, *extra], 5))
for mode, extra in (("concurrent", []), ("sequential", ["--sequential"])):
    show(f"full, HTTPS endpoint hangs, --timeout 3 ({mode})",
         wall(["--https-url", f"https://127.0.0.1:{hang}/", "--cacert", ca, "--ovpn", udp_ovpn,
               "--timeout", "3", *extra], 3))
