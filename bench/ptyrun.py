"""Run a terminal program in a fresh pseudo-terminal of a given size and
time it: milliseconds until a marker text has been drawn (or until exit
when no marker is given), and until the process is gone. Used by
bench/run.sh for the start-up-to-first-frame benchmark, where both our TUI
and the `dialog` anchor need a real terminal.
Library use: ptyrun.run(argv, cols, rows, env, marker, keys, timeout)."""
import os, pty, select, signal, struct, sys, fcntl, termios, time


def run(argv, cols=100, rows=30, env=None, marker=None, keys=b"", timeout=20.0):
    """Returns (ms_to_marker_or_exit, ms_to_exit, exit_status, output_bytes)."""
    t0 = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        try:
            os.execvpe(argv[0], argv, env or os.environ)
        finally:
            os._exit(127)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    os.kill(pid, signal.SIGWINCH)
    out = bytearray()
    t_mark = None
    sent = False
    deadline = t0 + timeout
    status = None
    while True:
        now = time.perf_counter()
        if now > deadline:
            os.kill(pid, signal.SIGKILL)
            break
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                chunk = b""
            if not chunk:
                break
            out += chunk
            if marker and t_mark is None and marker in out:
                t_mark = time.perf_counter()
                if keys and not sent:
                    os.write(fd, keys)
                    sent = True
        else:
            done, st = os.waitpid(pid, os.WNOHANG)
            if done:
                status = st
                break
    if status is None:
        _, status = os.waitpid(pid, 0)
    t_end = time.perf_counter()
    os.close(fd)
    if marker is None:
        t_mark = t_end
    ms_mark = (t_mark - t0) * 1000 if t_mark else float("nan")
    return ms_mark, (t_end - t0) * 1000, os.waitstatus_to_exitcode(status), bytes(out)


if __name__ == "__main__":
    m, e, rc, out = run(sys.argv[1:], marker=os.environ.get("MARKER", "").encode() or None,
                        keys=b"\x1b")
    print(f"marker {m:.1f} ms, exit {e:.1f} ms, status {rc}, {len(out)} bytes")
