"""USB hand-carry: sealed bundle → hub import → signed ack → recorded like an online push;
replayed bundles and replayed acks change nothing."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import text
from sqlmodel import select

from cli import run_cli
from core.models import OutboxEntry
from core.services import persons, sync_state
from core.services import sync_guard as guards
from sync.client import bundles, service
from sync.hub.bundles import import_bundle
from sync.protocol import BadSeal, BadSignature, generate_hub_sealing_key, open_sealed
from sync.protocol.ack import encode_ack
from tests.conftest import ADMIN_PASSWORD
from tests.sync.conftest import COMMUNE


@pytest.fixture
def usb_pc(admin_ws, live_hub, tmp_path):
    """An enrolled PC with three new residents, and its hub (the hub's own import code)."""
    service.enroll(admin_ws, live_hub.url, live_hub.code(COMMUNE), "Máy xã vùng cao")
    for name in ("Sùng A Páo", "Giàng Thị Mỷ", "Vàng A Dơ"):
        persons.create_person(admin_ws, {"full_name": name})
    (tmp_path / "usb").mkdir()
    return admin_ws, live_hub.state, tmp_path / "usb"


def _import(hub, path, ack_dir):
    return import_bundle(hub.db, hub.keys, path, ack_dir=ack_dir, max_body=hub.config.max_body)


def _pending(ws) -> int:
    with ws.db.read() as session:
        return len(session.exec(select(OutboxEntry).where(OutboxEntry.pushed_at.is_(None))).all())


def test_usb_round_trip_with_replayed_bundle_and_replayed_ack(usb_pc, tmp_path):
    ws, hub, usb = usb_pc
    path = service.export_bundle(ws, usb)
    state = sync_state.require_state(ws)
    batch_id = service.status(ws).in_flight_batch
    assert path.name == f"xaso-16498-{state.device_id}-{batch_id[:8]}.xsb"
    assert "Sùng".encode() not in path.read_bytes()  # sealed: nothing readable on the stick
    with pytest.raises(BadSeal):  # only the hub's key opens it
        open_sealed(path.read_bytes(), generate_hub_sealing_key())
    # exporting again before the ack gives the same batch (same ops, same op ids)
    assert service.export_bundle(ws, usb).name == path.name
    assert service.status(ws).in_flight_exported

    first = _import(hub, path, tmp_path / "ack1")
    assert first.counts() == {"applied": 3}
    replay = _import(hub, path, tmp_path / "ack2")  # the same stick brought twice
    assert replay.counts() == {"duplicate": 3}

    report = service.import_ack(ws, first.ack_path)
    assert (report.results, report.already_recorded) == ({"applied": 3}, False)
    assert _pending(ws) == 0 and service.status(ws).in_flight_batch is None
    again = service.import_ack(ws, first.ack_path)
    assert again.already_recorded and again.results == {}
    assert service.import_ack(ws, replay.ack_path).already_recorded
    assert "đã được ghi nhận trước đó" in service.describe(again)
    with pytest.raises(bundles.NothingToSend):
        service.export_bundle(ws, usb)


def test_forged_or_foreign_acks_are_refused(usb_pc, tmp_path):
    ws, hub, usb = usb_pc
    outcome = _import(hub, service.export_bundle(ws, usb), tmp_path / "ack")
    doc = json.loads(outcome.ack_path.read_bytes())
    doc["signature"] = doc["signature"][:-4] + ("AAA=" if doc["signature"][-4:] != "AAA=" else "BBB=")
    tampered = tmp_path / "tampered.ack"
    tampered.write_text(json.dumps(doc))
    with pytest.raises(BadSignature):
        service.import_ack(ws, tampered)
    stranger = tmp_path / "stranger.ack"  # a well-formed ack signed by another hub's key
    stranger.write_bytes(encode_ack(outcome.result, Ed25519PrivateKey.generate(), hub.keys.hub_id))
    with pytest.raises(BadSignature):
        service.import_ack(ws, stranger)
    assert _pending(ws) == 3  # nothing recorded
    assert service.import_ack(ws, outcome.ack_path).results == {"applied": 3}


def test_bundle_relieves_the_guard_and_online_answer_makes_the_ack_a_no_op(usb_pc, tmp_path):
    ws, hub, usb = usb_pc
    ten_days_ago = (datetime.now(UTC) - timedelta(days=10)).strftime("%Y-%m-%d %H:%M:%S.%f")
    with ws.db.write() as session:  # as if the changes were made ten days ago, offline
        session.execute(text("UPDATE outbox SET created_at = :t"), {"t": ten_days_ago})
    assert guards.evaluate(ws).level == guards.WARN
    path = service.export_bundle(ws, usb)
    assert guards.evaluate(ws).level == guards.OK  # on their way since the export
    assert guards.evaluate(ws, datetime.now(UTC) + timedelta(days=8)).level == guards.WARN
    outcome = _import(hub, path, tmp_path / "ack")
    # the PC came online before the stick came back: the same batch is re-sent, duplicates
    report = service.run_cycle(ws)
    assert report.ok and report.results == {"duplicate": 3}
    assert service.import_ack(ws, outcome.ack_path).already_recorded


def test_cli_bundle_export_and_import_ack(usb_pc, tmp_path, monkeypatch, capsys):
    ws, hub, usb = usb_pc
    monkeypatch.setenv("XASO_USER", "admin")
    monkeypatch.setenv("XASO_PASSWORD", ADMIN_PASSWORD)
    data = ["--data-dir", str(ws.data_dir)]
    assert run_cli(["bundle", "export", *data, "--out", str(usb)]) == 0
    (path,) = usb.glob("*.xsb")
    assert str(path) in capsys.readouterr().out
    outcome = _import(hub, path, tmp_path / "ack")
    assert run_cli(["bundle", "import-ack", *data, str(outcome.ack_path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["results"] == {"applied": 3}
    assert run_cli(["bundle", "import-ack", *data, str(outcome.ack_path)]) == 0
    assert "đã được ghi nhận trước đó" in capsys.readouterr().out
    assert run_cli(["bundle", "export", *data, "--out", str(tmp_path / "missing")]) == 1
