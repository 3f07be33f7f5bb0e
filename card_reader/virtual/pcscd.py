"""Start a pcscd for tests, benchmarks and demos on Linux — only when none is running.

Only one pcscd can run per machine (it owns /run/pcscd/pcscd.comm), so a running daemon is used
as it is and never stopped; a daemon we start is tracked and stopped by its PID alone.
With `vsmartcard-vpcd` installed, pcscd listens for virtual cards on TCP 35963/35964.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

SOCKET = Path("/run/pcscd/pcscd.comm")
PID_FILE = Path("/run/pcscd/pcscd.pid")
VPCD_PORT = 35963


def running_pid() -> int | None:
    """PID of a live pcscd, from its PID file, or None."""
    try:
        pid = int(PID_FILE.read_text().strip())
        os.kill(pid, 0)
        return pid
    except (OSError, ValueError):
        return None


def _port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


class Pcscd:
    def __init__(self, log_path: Path | None = None) -> None:
        self.process: subprocess.Popen | None = None
        self.log_path = log_path

    @property
    def owned(self) -> bool:
        return self.process is not None

    def ensure(self, timeout: float = 10.0) -> Pcscd:
        if running_pid() is None:
            self.start(timeout)
        return self

    def start(self, timeout: float = 10.0) -> None:
        exe = shutil.which("pcscd") or "/usr/sbin/pcscd"
        if not Path(exe).exists():
            raise RuntimeError("pcscd is not installed (apt install pcscd vsmartcard-vpcd)")
        out = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL  # noqa: SIM115
        args = [exe, "--foreground"] + (["--debug", "--apdu"] if self.log_path else [])
        self.process = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"pcscd exited with {self.process.returncode}")
            if SOCKET.exists() and _port_open(VPCD_PORT):
                return
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("pcscd did not come up")

    def stop(self) -> None:
        """Stop the daemon we started (by PID); a foreign daemon is left alone."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def restart(self, down_for: float = 0.5) -> None:
        if not self.owned:
            raise RuntimeError("cannot restart a pcscd this process did not start")
        self.stop()
        time.sleep(down_for)
        self.start()
