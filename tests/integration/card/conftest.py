"""Real pcscd + vsmartcard-vpcd + our virtual CCCD.

pcscd is started here only when none is running (and then stopped by its PID); a running daemon
is used as it is. The virtual card connects to vpcd's first slot on 127.0.0.1:35963.
"""

from __future__ import annotations

import os
import shutil
import time

import pytest

from card_reader.virtual.pcscd import Pcscd

VPCD_READER = "Virtual PCD 00 00"


@pytest.fixture(scope="session")
def pcscd():
    if shutil.which("pcscd") is None and not os.path.exists("/usr/sbin/pcscd"):
        pytest.fail("pcscd is not installed: run scripts/bootstrap.sh (apt pcscd vsmartcard-vpcd)")
    daemon = Pcscd().ensure()
    yield daemon
    daemon.stop()


def wait_until(predicate, timeout: float = 10.0, interval: float = 0.02) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


@pytest.fixture(scope="session")
def key_dir(tmp_path_factory):
    """Test PKI and chip keys, generated once per run."""
    return tmp_path_factory.mktemp("virtual-card-keys")


@pytest.fixture
def virtual_card(pcscd, key_dir, tmp_path):
    """Factory: put a virtual CCCD (a preset, with option/fault changes) on the vpcd reader.

    Returns (client, profile, trust): `trust` is a TrustStore holding the card's test CSCA."""
    from card_reader.pcsc import reader_states
    from card_reader.trust import TrustStore
    from card_reader.virtual.card import VirtualCard
    from card_reader.virtual.profile import load_preset
    from card_reader.virtual.vpcd import VpcdClient

    clients = []

    def make(preset: str = "nguyen-thi-mai", **changes):
        profile = load_preset(preset, key_dir, **changes)
        trust_dir = tmp_path / f"trust-{len(clients)}"
        trust_dir.mkdir()
        (trust_dir / "test-csca.der").write_bytes(profile.csca_cert_der)
        # A person needs about a second to put a card back; pcscd polls presence every 400 ms
        # and misses a card that is out for less than that.
        client = VpcdClient(VirtualCard(profile), reinsert_delay=1.0)
        clients.append(client)
        client.start()
        assert wait_until(lambda: (VPCD_READER, True) in reader_states()), "card not seen"
        return client, profile, TrustStore(trust_dir)

    yield make
    for client in clients:
        client.stop()
    from card_reader.pcsc import reader_states as states

    # The next test must not find this card still in the reader.
    assert wait_until(lambda: (VPCD_READER, False) in states(), timeout=10)
