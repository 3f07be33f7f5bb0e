"""USB hand-carry: a sealed bundle imported by the hub CLI, a signed ack the device verifies."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pytest

from sync.hub import schema
from sync.hub.bundles import import_bundle
from sync.protocol import (
    BadSeal,
    BadSignature,
    generate_hub_sealing_key,
    public_key_from_text,
    seal_for_hub,
    sealing_key_from_text,
)
from sync.protocol.ack import decode_ack
from sync.protocol.wire import canonical_bytes
from tests.hub.helpers import ROOT, A


def _bundle(dev, batch, folder, sealing_key=None):
    key = sealing_key or sealing_key_from_text(dev.enrolled["sealing_key"])
    path = folder / f"xaso-{dev.commune}-{dev.device_id}-{batch.batch_id}.xsb"
    path.write_bytes(seal_for_hub(dev.encode(batch), key))
    return path


def _cli(hub, *args):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "hub", *args,
                           "--data", str(hub.config.data_dir), "--db", hub.config.database_url],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_bundle_round_trip_with_signed_ack_and_replay(hub, tmp_path):
    dev = hub.device(A)
    batch = dev.batch(*(dev.op(name=f"Người đi USB {i}") for i in range(5)))
    stick = tmp_path / "usb"
    stick.mkdir()
    bundle = _bundle(dev, batch, stick)
    done = _cli(hub, "import-bundle", str(bundle), "--ack-out", str(tmp_path / "acks"), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["counts"] == {"applied": 5} and report["device_id"] == dev.device_id
    ack_path = tmp_path / "acks" / (bundle.name[:-4] + ".ack")
    assert report["ack"] == str(ack_path)

    hub_key = public_key_from_text(dev.enrolled["signing_key"])  # pinned at enrollment
    hub_id, result = decode_ack(ack_path.read_bytes(), hub_key)
    assert hub_id == dev.enrolled["hub_id"]
    result.check_against(batch)
    assert [r.status for r in result.results] == ["applied"] * 5
    changes, _ = dev.pull_all()
    assert {c["entity_id"] for c in changes} == {op.entity_id for op in batch.ops}

    # the same bundle again (a second trip, or a copy): duplicates, nothing applied twice
    again = import_bundle(hub.db, hub.state.keys, bundle, attachments=hub.state.attachments,
                          ack_dir=tmp_path / "acks2", max_body=hub.config.max_body)
    assert again.counts() == {"duplicate": 5}
    _, replayed = decode_ack(again.ack_path.read_bytes(), hub_key)
    assert {r.original_status for r in replayed.results} == {"applied"}
    assert {r["status"] for r in dev.push(batch).json()["results"]} == {"duplicate"}  # online too
    assert hub.count(schema.entity_state) == hub.count(schema.op_ledger) == 5

    # an ack altered on the way is refused by the device
    renamed = json.loads(ack_path.read_bytes())
    renamed["hub_id"] = "hub-0000000000000000"
    with pytest.raises(BadSignature):
        decode_ack(canonical_bytes(renamed), hub_key)
    forged = json.loads(ack_path.read_bytes())
    forged["result"] = json.loads(again.ack_path.read_bytes())["result"]
    with pytest.raises(BadSignature):
        decode_ack(canonical_bytes(forged), hub_key)
    with pytest.raises(BadSignature):
        decode_ack(ack_path.read_bytes(), public_key_from_text(dev.enrolled["sealing_key"]))


def test_bundle_for_another_hub_or_damaged_is_refused(hub, tmp_path):
    dev = hub.device(A)
    batch = dev.batch(dev.op())
    foreign = _bundle(dev, batch, tmp_path, generate_hub_sealing_key().public_key())
    done = _cli(hub, "import-bundle", str(foreign))
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Lỗi: Không mở được gói USB")
    damaged = _bundle(dev, batch, tmp_path)
    data = bytearray(damaged.read_bytes())
    data[-20] ^= 0xFF
    damaged.write_bytes(bytes(data))
    with pytest.raises(BadSeal):
        import_bundle(hub.db, hub.state.keys, damaged, attachments=hub.state.attachments,
                      max_body=hub.config.max_body)
    assert hub.count(schema.op_ledger) == 0
    assert not list(tmp_path.glob("*.ack"))


def _attachment_op(dev, data: bytes):
    sha = hashlib.sha256(data).hexdigest()
    row = {"id": f"att-{sha[:8]}", "version": 1, "record_id": "rec-1", "sha256": sha,
           "caption": "Bản chụp sổ"}
    return sha, dev.op(row["id"], entity="record_attachment", payload=row)


def test_cli_import_stores_carried_files_and_reports_missing_or_forged_ones(hub, tmp_path):
    dev = hub.device(A)
    carried, forged, missing = (b"%%PDF-1.4 trang %d" % i * 500 for i in range(3))
    stray = b"khac"
    sha_carried, op1 = _attachment_op(dev, carried)
    sha_forged, op2 = _attachment_op(dev, forged)
    sha_missing, op3 = _attachment_op(dev, missing)
    batch = dev.batch(op1, op2, op3)
    key = sealing_key_from_text(dev.enrolled["sealing_key"])
    bundle = _bundle(dev, batch, tmp_path)
    stem = bundle.name[:-4]
    (tmp_path / f"{stem}.{sha_carried}.xsa").write_bytes(seal_for_hub(carried, key))
    # sealed to the hub's public key by anyone: bytes not matching their name, a file the
    # signed batch does not reference
    (tmp_path / f"{stem}.{sha_forged}.xsa").write_bytes(seal_for_hub(stray, key))
    sha_stray = hashlib.sha256(stray).hexdigest()
    (tmp_path / f"{stem}.{sha_stray}.xsa").write_bytes(seal_for_hub(stray, key))

    done = _cli(hub, "import-bundle", str(bundle), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["counts"] == {"applied": 3}
    files = report["attachments"]
    assert (files["stored"], files["already"], files["missing"]) == (1, 0, [sha_missing])
    assert {f["file"]: f["reason"] for f in files["refused"]} == {
        f"{stem}.{sha_forged}.xsa": "nội dung không khớp mã SHA-256 trong tên tệp",
        f"{stem}.{sha_stray}.xsa": "gói này không dẫn chiếu tới tệp này"}
    assert hub.state.attachments.content_path(A, sha_carried).read_bytes() == carried
    for sha in (sha_forged, sha_missing, sha_stray):
        assert not hub.state.attachments.object_path(sha).exists()
    assert hub.count(schema.attachment) == 1
    r = dev.signed("GET", f"/v1/attachments/{sha_carried}/content")
    assert r.status_code == 200 and r.content == carried

    done = _cli(hub, "import-bundle", str(bundle))  # replayed: nothing new, said in Vietnamese
    assert done.returncode == 0, done.stderr
    assert "duplicate: 3" in done.stdout and "0 tệp mới, 1 tệp đã có" in done.stdout
    assert "Thiếu 1 tệp đính kèm" in done.stdout
    assert done.stderr.count("bị từ chối") == 2
    assert hub.count(schema.attachment) == 1
