"""The reader monitor through real pcscd: card events, and surviving a pcscd restart."""

from __future__ import annotations

import pytest

from card_reader.monitor import ReaderMonitor
from card_reader.pcsc import reader_states
from card_reader.virtual.card import VirtualCard
from card_reader.virtual.profile import load_preset, preset_names
from card_reader.virtual.vpcd import VpcdClient
from tests.integration.card.conftest import VPCD_READER, wait_until


@pytest.fixture
def card_client(pcscd, tmp_path_factory):
    profile = load_preset(preset_names()[0], tmp_path_factory.mktemp("keys"))
    client = VpcdClient(VirtualCard(profile))
    yield client
    client.stop()


def _kinds(events, reader=VPCD_READER):
    return [e.kind for e in events if e.reader in (reader, None)]


def test_insert_and_remove_events(card_client):
    events = []
    monitor = ReaderMonitor(events.append)
    monitor.start()
    try:
        assert wait_until(lambda: "reader_added" in _kinds(events))
        card_client.start()
        assert wait_until(lambda: "card_inserted" in _kinds(events))
        inserted = next(e for e in events if e.kind == "card_inserted")
        assert inserted.atr == card_client.card.atr()
        assert (VPCD_READER, True) in reader_states()
        card_client.remove()
        assert wait_until(lambda: "card_removed" in _kinds(events))
        assert (VPCD_READER, False) in reader_states()
        card_client.insert()
        assert wait_until(lambda: _kinds(events).count("card_inserted") == 2)
    finally:
        monitor.stop()


def test_monitor_survives_pcscd_restart(pcscd, card_client):
    if not pcscd.owned:
        pytest.fail("a pcscd not started by the tests is running: stop it to run this test")
    events = []
    monitor = ReaderMonitor(events.append)
    monitor.start()
    try:
        card_client.start()
        assert wait_until(lambda: "card_inserted" in _kinds(events))
        pcscd.restart()
        assert wait_until(lambda: "service_down" in _kinds(events))
        # The monitor re-establishes its context, finds the reader and the card again.
        assert wait_until(lambda: _kinds(events).count("card_inserted") == 2, timeout=20)
        assert _kinds(events).count("service_up") == 2
        assert monitor.service_up and monitor.readers[VPCD_READER] is not None
    finally:
        monitor.stop()
