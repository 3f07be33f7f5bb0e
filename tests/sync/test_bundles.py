"""USB hand-carry: sealed bundle → hub import → signed ack → recorded like an online push;
replayed bundles and replayed acks change nothing."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import text
from sqlmodel import select

from cli import run_cli
from core.models import OutboxEntry
from core.services import attachments, persons, records, sync_state
from core.services import sync_guard as guards
from sync.client import bundles, service
from sync.hub.bundles import import_bundle
from sync.protocol import BadSeal, BadSignature, generate_hub_sealing_key, open_sealed
from sync.protocol.ack import encode_ack
from tests.conftest import ADMIN_PASSWORD
from tests.sync.conftest import COMMUNE
from tests.sync.test_pull import BIRTH, _village

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3 giay khai sinh ban chup " * 20000  # ~0.7 MB


@pytest.fixture
def usb_pc(admin_ws, live_hub, tmp_path):
    """An enrolled PC with three new residents, and its hub (the hub's own import code)."""
    service.enroll(admin_ws, live_hub.url, live_hub.code(COMMUNE), "Máy xã vùng cao")
    for name in ("Sùng A Páo", "Giàng Thị Mỷ", "Vàng A Dơ"):
        persons.create_person(admin_ws, {"full_name": name})
    (tmp_path / "usb").mkdir()
    return admin_ws, live_hub.state, tmp_path / "usb"


def _import(hub, path, ack_dir):
    return import_bundle(hub.db, hub.keys, path, attachments=hub.attachments, ack_dir=ack_dir,
                         max_body=hub.config.max_body)


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


def test_usb_bundle_carries_attachment_files_to_the_hub_and_other_pcs(usb_pc, second_ws,
                                                                      live_hub, tmp_path):
    ws, hub, usb = usb_pc
    _village(ws)
    rec = records.create_record(ws, "birth", BIRTH)
    sha = records.attach_file(ws, rec.id, PDF, "application/pdf", "giay-khai-sinh.pdf").sha256
    path = service.export_bundle(ws, usb)
    sealed = usb / f"{path.name[:-4]}.{sha}.xsa"
    assert bundles.attachment_files(path) == [sealed]
    assert b"giay khai sinh" not in sealed.read_bytes()  # sealed like the bundle
    assert open_sealed(sealed.read_bytes(), hub.keys.sealing) == PDF

    # a copy of the stick with one byte of the file flipped: the file is refused, not stored;
    # the records still arrive (the file may follow online or on the next trip)
    bad = tmp_path / "bad"
    shutil.copytree(usb, bad)
    damaged = bytearray((bad / sealed.name).read_bytes())
    damaged[len(damaged) // 2] ^= 0x01
    (bad / sealed.name).write_bytes(bytes(damaged))
    refused = _import(hub, bad / path.name, tmp_path / "ack0")
    assert refused.counts()["applied"] > 0
    assert [name for name, _ in refused.files.refused] == [sealed.name]
    assert "bị hỏng" in refused.files.refused[0][1]
    assert not refused.files.stored and hub.attachments.content_path(COMMUNE, sha) is None
    assert not hub.attachments.object_path(sha).exists()
    assert not list((hub.config.attachments_dir).rglob(f"{sha}*"))

    # the genuine stick: the rows are duplicates now, the file is stored as an upload would be
    first = _import(hub, path, tmp_path / "ack1")
    assert set(first.counts()) == {"duplicate"}
    assert (first.files.stored, first.files.refused, first.files.missing) == ([sha], [], [])
    assert hub.attachments.content_path(COMMUNE, sha).read_bytes() == PDF
    assert hub.attachments.state(COMMUNE, sha)["complete"]
    replay = _import(hub, path, tmp_path / "ack2")  # idempotent
    assert (replay.files.stored, replay.files.already) == ([], [sha])
    assert len(list((hub.config.attachments_dir / "objects").rglob(sha))) == 1
    assert service.import_ack(ws, first.ack_path).results == {"duplicate": len(
        first.result.results)}

    # a second PC of the commune, online: pulls the rows and downloads the file
    service.enroll(second_ws, live_hub.url, live_hub.code(COMMUNE), "Máy công an xã")
    report = service.run_cycle(second_ws)
    assert report.ok and report.pulled["parked"] == 0
    assert attachments.read_attachment(second_ws, sha) == PDF
    assert [a.sha256 for a, _ in records.get_record(second_ws, rec.id).attachments] == [sha]


def test_missing_attachment_file_does_not_stop_the_import(usb_pc, tmp_path, monkeypatch,
                                                          capsys):
    ws, hub, usb = usb_pc
    _village(ws)
    rec = records.create_record(ws, "birth", BIRTH)
    sha = records.attach_file(ws, rec.id, PDF, "application/pdf", "giay-khai-sinh.pdf").sha256
    monkeypatch.setenv("XASO_USER", "admin")
    monkeypatch.setenv("XASO_PASSWORD", ADMIN_PASSWORD)
    assert run_cli(["bundle", "export", "--data-dir", str(ws.data_dir), "--out", str(usb)]) == 0
    assert "Kèm 1 tệp đính kèm" in capsys.readouterr().out
    (path,) = usb.glob("*.xsb")
    for sealed in bundles.attachment_files(path):
        sealed.unlink()  # lost on the way
    outcome = _import(hub, path, tmp_path / "ack")
    assert set(outcome.counts()) == {"applied"}
    assert outcome.files.missing == [sha] and not outcome.files.refused
    assert hub.attachments.content_path(COMMUNE, sha) is None
