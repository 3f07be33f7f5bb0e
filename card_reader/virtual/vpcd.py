"""Put a `VirtualCard` into pcscd's virtual reader ("Virtual PCD 00 00") over the vpcd protocol.

The card is a TCP *client* of pcscd's vpcd driver. Every message is a 2-byte big-endian length
plus payload; a 1-byte payload from vpcd is a control code (00 power off, 01 power on, 02 reset,
04 get ATR → answer with the ATR), anything longer is a command APDU answered with the response
APDU. An open connection is a card in the field; closing it is pulling the card.

The client keeps reconnecting with a short backoff, so a pcscd that starts later or restarts
finds the card again. `remove()` pulls the card until `insert()`. The `drop_after_bytes` fault
makes the card vanish mid-read (no answer, socket closed) and come back after `reinsert_delay`.
"""

from __future__ import annotations

import logging
import socket
import threading
import time

from card_reader.virtual.card import VirtualCard, VirtualCardRemoved

log = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 35963

CTRL_OFF = 0x00
CTRL_ON = 0x01
CTRL_RESET = 0x02
CTRL_ATR = 0x04

BACKOFF_S = (0.1, 0.2, 0.5, 1.0)
POLL_S = 0.2  # socket timeout: how quickly stop()/remove() are noticed


_QUICKACK = getattr(socket, "TCP_QUICKACK", None)


class _Closed(Exception):
    """The peer closed the connection (or we were told to stop)."""


class VpcdClient:
    def __init__(
        self,
        card: VirtualCard,
        host: str = DEFAULT_HOST,
        port: int = DEFAULT_PORT,
        *,
        reinsert_delay: float = 1.0,
        backoff: tuple[float, ...] = BACKOFF_S,
    ) -> None:
        self.card = card
        self.host = host
        self.port = port
        self.reinsert_delay = reinsert_delay
        self.backoff = backoff
        self._lock = threading.Lock()
        self._sock: socket.socket | None = None
        self._inserted = threading.Event()
        self._inserted.set()
        self._wake = threading.Event()  # interrupts backoff waits on insert()/stop()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.connected = threading.Event()  # set while pcscd holds our connection
        self.connections = 0  # successful connects so far (tests and diagnostics)

    # -- control from other threads ----------------------------------------------------------

    def start(self) -> None:
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                return
            self._stop.clear()
            self._thread = threading.Thread(
                target=self.run, args=(self._stop,), name="virtual-card-vpcd", daemon=True
            )
            self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        self._close_socket()
        with self._lock:
            thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    def insert(self) -> None:
        self._inserted.set()
        self._wake.set()

    def remove(self) -> None:
        """Pull the card: close the connection and stay away until `insert()`."""
        self._inserted.clear()
        self._close_socket()

    @property
    def inserted(self) -> bool:
        return self._inserted.is_set()

    def _close_socket(self) -> None:
        with self._lock:
            sock, self._sock = self._sock, None
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()

    # -- the loop ----------------------------------------------------------------------------

    def run(self, stop_event: threading.Event) -> None:
        """Serve until `stop_event` is set; survives pcscd being absent or restarting."""
        attempt = 0
        while not stop_event.is_set():
            if not self._inserted.is_set():
                self._wake.wait(POLL_S)
                self._wake.clear()
                continue
            try:
                sock = socket.create_connection((self.host, self.port), timeout=1.0)
            except OSError:
                delay = self.backoff[min(attempt, len(self.backoff) - 1)]
                attempt += 1
                self._wake.wait(delay)
                self._wake.clear()
                continue
            attempt = 0
            with self._lock:
                if stop_event.is_set() or not self._inserted.is_set():
                    sock.close()
                    continue
                self._sock = sock
            self.connections += 1
            self.connected.set()
            log.info("virtual card connected to vpcd %s:%d", self.host, self.port)
            self.card.power_on()  # a freshly inserted card starts from scratch
            dropped = False
            try:
                self._serve(sock, stop_event)
            except VirtualCardRemoved:
                dropped = True
            except (_Closed, OSError):
                pass
            finally:
                self.connected.clear()
                self._close_socket()
                sock.close()
            self.card.power_off()
            if dropped:
                log.info("virtual card pulled mid-read (fault); back in %.1fs", self.reinsert_delay)
                stop_event.wait(self.reinsert_delay)
            elif not stop_event.is_set() and self._inserted.is_set():
                stop_event.wait(self.backoff[0])  # pcscd went away: retry shortly

    def _serve(self, sock: socket.socket, stop_event: threading.Event) -> None:
        sock.settimeout(POLL_S)
        # vpcd writes each message as two segments (length, then payload): with Nagle on its
        # side and delayed ACKs on ours every APDU would wait ~40 ms for an ACK timer.
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        while not stop_event.is_set():
            header = self._recv_exact(sock, 2, stop_event)
            size = int.from_bytes(header, "big")
            payload = self._recv_exact(sock, size, stop_event) if size else b""
            if len(payload) == 1:
                reply = self._control(payload[0])
            elif payload:
                reply = self.card.process(payload)  # may raise VirtualCardRemoved
            else:
                reply = None
            if reply is not None:
                sock.sendall(len(reply).to_bytes(2, "big") + reply)

    def _control(self, code: int) -> bytes | None:
        if code == CTRL_ATR:
            return self.card.atr()
        if code == CTRL_ON:
            self.card.power_on()
        elif code == CTRL_RESET:
            self.card.reset()
        elif code == CTRL_OFF:
            self.card.power_off()
        else:
            log.debug("unknown vpcd control code %02X", code)
        return None

    def _recv_exact(self, sock: socket.socket, size: int, stop_event: threading.Event) -> bytes:
        buf = bytearray()
        while len(buf) < size:
            if stop_event.is_set():
                raise _Closed()
            try:
                chunk = sock.recv(size - len(buf))
            except TimeoutError:
                continue
            if not chunk:
                raise _Closed()
            if _QUICKACK is not None:  # Linux resets quick-ACK mode after each read
                sock.setsockopt(socket.IPPROTO_TCP, _QUICKACK, 1)
            buf += chunk
        return bytes(buf)


def wait_for(predicate, timeout: float, interval: float = 0.02) -> bool:
    """Poll `predicate()` until true or `timeout` seconds pass (helper for callers and tests)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return bool(predicate())


def serve(
    profile_path: str | None = None,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    *,
    key_dir: str | None = None,
    trust_out: str | None = None,
    stop_event: threading.Event | None = None,
    out=print,
) -> int:
    """Run a virtual card in pcscd's reader until Ctrl+C (or `stop_event`); returns 0.

    `profile_path` is a profile JSON file or a preset name (default: the first preset)."""
    from pathlib import Path

    from card_reader.virtual.profile import load_preset, load_profile, preset_names

    if profile_path is None:
        profile = load_preset(preset_names()[0], key_dir)
    elif Path(profile_path).is_file():
        profile = load_profile(profile_path, key_dir)
    else:
        profile = load_preset(profile_path, key_dir)
    if trust_out:  # so `card read --trust DIR` can verify the chain to the test CSCA
        folder = Path(trust_out)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "xaso-virtual-test-csca.der").write_bytes(profile.csca_cert_der)
        out(f"Chứng thư CSCA thử nghiệm: {folder / 'xaso-virtual-test-csca.der'}")
    card = VirtualCard(profile)
    client = VpcdClient(card, host, port)
    stop = stop_event or threading.Event()
    out(f"Thẻ mô phỏng: {profile.label or profile.id_number}")
    out(f'Đang chờ pcscd tại {host}:{port} (đầu đọc "Virtual PCD"); nhấn Ctrl+C để dừng.')
    if threading.current_thread() is threading.main_thread():
        import signal  # `kill PID` stops the card as cleanly as Ctrl+C

        signal.signal(signal.SIGTERM, lambda *_: stop.set())
    client.start()
    try:
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        client.stop()
    return 0
