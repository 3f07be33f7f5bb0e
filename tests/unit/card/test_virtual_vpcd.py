"""VpcdClient against a loopback server that plays pcscd's vpcd side (no pcscd needed)."""

from __future__ import annotations

import socket
import threading

import pytest

from card_reader.virtual.card import VirtualCardRemoved
from card_reader.virtual.vpcd import VpcdClient, wait_for

ATR = bytes.fromhex("3B8C800180739401C0665841534F5643DD")


class StubCard:
    """Records control codes; echoes APDUs; pulls itself on the APDU 'DROP'."""

    def __init__(self) -> None:
        self.events: list[str] = []
        self.lock = threading.Lock()

    def atr(self) -> bytes:
        return ATR

    def _log(self, event: str) -> None:
        with self.lock:
            self.events.append(event)

    def power_on(self) -> None:
        self._log("on")

    def power_off(self) -> None:
        self._log("off")

    def reset(self) -> None:
        self._log("reset")

    def process(self, apdu: bytes) -> bytes:
        self._log("apdu:" + apdu.hex())
        if apdu == b"DROP":
            raise VirtualCardRemoved(detail="test")
        return apdu[::-1] + b"\x90\x00"


class FakeVpcd:
    """The server half of the vpcd protocol, one connection at a time."""

    def __init__(self, port: int = 0) -> None:
        self.server = socket.socket()
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.server.bind(("127.0.0.1", port))
        self.server.listen(1)
        self.server.settimeout(5)
        self.port = self.server.getsockname()[1]
        self.conn: socket.socket | None = None

    def accept(self, timeout: float = 5) -> socket.socket:
        self.server.settimeout(timeout)
        self.conn, _ = self.server.accept()
        self.conn.settimeout(5)
        return self.conn

    def send(self, payload: bytes) -> None:
        assert self.conn is not None
        self.conn.sendall(len(payload).to_bytes(2, "big") + payload)

    def recv(self) -> bytes:
        assert self.conn is not None
        head = self._exact(2)
        return self._exact(int.from_bytes(head, "big"))

    def _exact(self, n: int) -> bytes:
        buf = b""
        while len(buf) < n:
            chunk = self.conn.recv(n - len(buf))
            if not chunk:
                raise EOFError
            buf += chunk
        return buf

    def transmit(self, apdu: bytes) -> bytes:
        self.send(apdu)
        return self.recv()

    def atr(self) -> bytes:
        self.send(b"\x04")
        return self.recv()

    def peer_closed(self, timeout: float = 3) -> bool:
        assert self.conn is not None
        self.conn.settimeout(timeout)
        try:
            return self.conn.recv(1) == b""
        except (TimeoutError, ConnectionResetError):
            return False

    def drop(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def close(self) -> None:
        self.drop()
        self.server.close()


@pytest.fixture
def vpcd():
    server = FakeVpcd()
    yield server
    server.close()


@pytest.fixture
def client_for():
    clients: list[VpcdClient] = []

    def make(card, port):
        client = VpcdClient(card, port=port, reinsert_delay=0.2, backoff=(0.05,))
        clients.append(client)
        client.start()
        return client

    yield make
    for client in clients:
        client.stop()


def test_control_codes_atr_and_apdus(vpcd, client_for):
    card = StubCard()
    client = client_for(card, vpcd.port)
    vpcd.accept()
    vpcd.send(b"\x01")  # power on: no answer expected
    assert vpcd.atr() == ATR
    assert vpcd.transmit(b"\x00\xa4\x04\x0c") == b"\x0c\x04\xa4\x00\x90\x00"
    vpcd.send(b"\x02")
    vpcd.send(b"\x00")
    assert vpcd.atr() == ATR  # still answering after power off: the card is in the field
    assert wait_for(lambda: "off" in card.events and "reset" in card.events, 2)
    assert client.connected.is_set()


def test_large_apdu_and_response_framing(vpcd, client_for):
    client_for(StubCard(), vpcd.port)
    vpcd.accept()
    big = bytes(range(256)) * 200  # 51200 bytes, split across many TCP segments
    reply = vpcd.transmit(big)
    assert reply == big[::-1] + b"\x90\x00"


def test_reconnects_after_server_closes(vpcd, client_for):
    card = StubCard()
    client = client_for(card, vpcd.port)
    vpcd.accept()
    assert vpcd.atr() == ATR
    vpcd.drop()  # pcscd restarted
    vpcd.accept()
    assert vpcd.atr() == ATR
    assert client.connections == 2


def test_waits_for_pcscd_to_appear(client_for):
    probe = FakeVpcd()
    port = probe.port
    probe.close()  # nothing listens: the client retries with backoff
    client = client_for(StubCard(), port)
    assert not wait_for(client.connected.is_set, 0.3)
    server = FakeVpcd(port)
    try:
        server.accept()
        assert server.atr() == ATR
    finally:
        server.close()


def test_remove_and_insert(vpcd, client_for):
    client = client_for(StubCard(), vpcd.port)
    vpcd.accept()
    client.remove()
    assert vpcd.peer_closed()
    vpcd.server.settimeout(0.4)
    with pytest.raises(TimeoutError):
        vpcd.server.accept()  # stays out of the reader until insert()
    client.insert()
    vpcd.accept()
    assert vpcd.atr() == ATR


def test_drop_fault_closes_without_answer_then_reinserts(vpcd, client_for):
    card = StubCard()
    client = client_for(card, vpcd.port)
    vpcd.accept()
    vpcd.send(b"DROP")
    assert vpcd.peer_closed()  # no response: the card left mid-command
    vpcd.accept()  # back after reinsert_delay
    assert vpcd.atr() == ATR
    assert client.connections == 2


def test_unknown_control_code_is_ignored(vpcd, client_for):
    card = StubCard()
    client = client_for(card, vpcd.port)
    vpcd.accept()
    vpcd.send(b"\x07")  # unknown control code: ignored, no answer
    assert vpcd.atr() == ATR
    assert client.connected.is_set()


def test_stop_joins_the_thread(vpcd):
    client = VpcdClient(StubCard(), port=vpcd.port, backoff=(0.05,))
    client.start()
    vpcd.accept()
    client.stop()
    assert client._thread is None
    assert vpcd.peer_closed()
    assert not any(t.name == "virtual-card-vpcd" and t.is_alive() for t in threading.enumerate())


def test_serve_runs_a_preset_until_stopped(vpcd, tmp_path):
    from card_reader.virtual.vpcd import serve

    stop = threading.Event()
    lines: list[str] = []
    thread = threading.Thread(
        target=serve,
        args=("le-van-hung", "127.0.0.1", vpcd.port),
        kwargs={"key_dir": str(tmp_path), "stop_event": stop, "out": lines.append},
    )
    thread.start()
    try:
        vpcd.accept(timeout=30)
        vpcd.send(b"\x01")
        atr = vpcd.atr()
        assert atr[0] == 0x3B and b"XASOVC" in atr
        assert vpcd.transmit(bytes.fromhex("00A4020C02011C")) == b"\x90\x00"
        reply = vpcd.transmit(bytes.fromhex("00B0000000"))
        assert reply[-2:] == b"\x90\x00" and reply[0] == 0x31  # EF.CardAccess: SET
        assert vpcd.transmit(bytes.fromhex("00A4000C023F00")) == b"\x6d\x00"
    finally:
        stop.set()
        thread.join(10)
    assert not thread.is_alive()
    assert any("Lê Văn Hùng" in line for line in lines)
