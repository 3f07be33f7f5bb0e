"""End to end over real HTTP: the hub app under uvicorn on 127.0.0.1, two PCs of one commune."""

from __future__ import annotations

import json
import time

import pytest
from sqlmodel import select

from cli import run_cli
from core.models import SYNCED_ENTITIES, row_of
from core.outbox import row_hash
from core.services import attachments, persons, records, sync_state
from sync.client import service
from sync.client.transport import HubClient
from sync.hub import admin
from tests.conftest import ADMIN_PASSWORD
from tests.sync.conftest import COMMUNE, free_port
from tests.sync.test_pull import BIRTH, _village

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3 trang so ho tich " * 40000  # ~1.4 MB: several chunks


def _rows(ws):
    with ws.db.read() as session:
        return {(t, o.id): row_hash(row_of(o)) for t, m in SYNCED_ENTITIES.items()
                for o in session.exec(select(m))}


def test_two_pcs_sync_over_http_with_attachment_files(admin_ws, second_ws, live_hub,
                                                      monkeypatch):
    monkeypatch.setattr("sync.client.transport.CHUNK", 512 * 1024)
    service.enroll(admin_ws, live_hub.url, live_hub.code(COMMUNE), "Máy một cửa")
    service.enroll(second_ws, live_hub.url, live_hub.code(COMMUNE), "Máy công an xã")
    _village(admin_ws)
    rec = records.create_record(admin_ws, "birth", BIRTH)
    link = records.attach_file(admin_ws, rec.id, PDF, "application/pdf", "so-ho-tich.pdf")
    mine = _rows(admin_ws)

    report = service.run_cycle(admin_ws)
    assert report.ok and report.error is None
    assert report.results == {"applied": len(mine)} and report.files_uploaded == 1
    assert not report.skew_warning and abs(report.clock_skew) < 5
    assert service.status(admin_ws).pending == 0

    other = service.run_cycle(second_ws)
    assert other.ok and other.pulled["written"] == len(mine) and other.pulled["parked"] == 0
    assert _rows(second_ws) == mine
    assert attachments.read_attachment(second_ws, link.sha256) == PDF
    view = records.get_record(second_ws, rec.id)
    assert [a.sha256 for a, _ in view.attachments] == [link.sha256]

    # an edit on the second PC travels back
    head = persons.search(second_ws, "Đặng Văn Đức")[0]
    persons.update_person(second_ws, head.id, {"full_name": "Đặng Văn Đức Minh"})
    assert service.run_cycle(second_ws).results == {"applied": 1}
    assert service.run_cycle(admin_ws).pulled["written"] == 1
    assert _rows(admin_ws) == _rows(second_ws)
    state = service.status(admin_ws)
    assert state.enrolled and state.last_success_at and state.last_error is None
    assert (state.pending, state.open_problems, state.guard_level) == (0, 0, "ok")
    assert service.is_due(state) is False
    assert "Đồng bộ xong" in service.describe(report)


def test_unreachable_hub_is_retryable_with_growing_backoff(admin_ws, live_hub):
    service.enroll(admin_ws, live_hub.url, live_hub.code(COMMUNE))
    persons.create_person(admin_ws, {"full_name": "Mai Văn Tú"})
    dead = f"http://127.0.0.1:{free_port()}"
    delays = []
    for _ in range(3):
        report = service.run_cycle(admin_ws, hub_url=dead)
        assert not report.ok and report.retryable and report.error_code == "unreachable"
        assert "Không kết nối được" in report.error
        delays.append(report.next_attempt_in)
    assert 0 <= delays[0] <= 1 and 0 <= delays[1] <= 2 and 0 <= delays[2] <= 4
    state = service.status(admin_ws)
    assert state.last_error == report.error and sync_state.get_state(admin_ws).failures == 3
    assert state.next_attempt_at is not None
    assert service.is_due(state, state.next_attempt_at) is True
    # the change waits; the next good cycle sends it and clears the backoff
    assert service.status(admin_ws).pending == 1
    report = service.run_cycle(admin_ws)
    assert report.ok and report.results == {"applied": 1}
    current = sync_state.get_state(admin_ws)
    assert (current.failures, current.next_attempt_at, current.last_error) == (0, None, None)


def test_a_pc_with_a_wrong_clock_is_warned_and_still_syncs(admin_ws, live_hub):
    service.enroll(admin_ws, live_hub.url, live_hub.code(COMMUNE))
    persons.create_person(admin_ws, {"full_name": "Lò Văn Páo"})
    fast = {"clock": lambda: time.time() + 900}  # this PC's clock runs 15 minutes ahead
    report = service.run_cycle(admin_ws, client_options=fast)
    assert report.ok and report.results == {"applied": 1}  # signed pulls used the skew
    assert report.skew_warning and -905 < report.clock_skew < -895
    state = service.status(admin_ws)
    assert state.skew_warning and -905 < state.clock_skew < -895
    assert "lệch máy chủ" in service.describe(report)


def test_revoked_device_is_refused_and_its_batch_waits(admin_ws, live_hub):
    service.enroll(admin_ws, live_hub.url, live_hub.code(COMMUNE))
    persons.create_person(admin_ws, {"full_name": "Hà Thị Sáu"})
    admin.revoke_device(live_hub.db, sync_state.require_state(admin_ws).device_id)
    report = service.run_cycle(admin_ws)
    assert not report.ok and not report.retryable and report.error_code == "device_revoked"
    assert report.error.startswith("Máy chủ từ chối") and "thu hồi" in report.error
    assert report.next_attempt_in is None
    state = service.status(admin_ws)
    assert state.pending == 1 and state.in_flight_batch is not None


def test_enroll_with_a_bad_code_or_for_another_commune(admin_ws, live_hub):
    with pytest.raises(Exception, match="Mã đăng ký máy không đúng"):
        service.enroll(admin_ws, live_hub.url, "AAAA-BBBB-CCCC")
    live_hub.add_commune("00004")  # a second commune of the hub
    with pytest.raises(Exception, match="xã 00004"):
        service.enroll(admin_ws, live_hub.url, live_hub.code("00004"))
    assert sync_state.get_state(admin_ws) is None
    with HubClient(live_hub.url) as client:
        assert client.hello().hub_id == live_hub.state.keys.hub_id


def test_cli_enroll_sync_and_status(admin_ws, live_hub, monkeypatch, capsys):
    monkeypatch.setenv("XASO_USER", "admin")
    monkeypatch.setenv("XASO_PASSWORD", ADMIN_PASSWORD)
    data = ["--data-dir", str(admin_ws.data_dir)]
    persons.create_person(admin_ws, {"full_name": "Trịnh Thị Thu"})
    assert run_cli(["enroll", *data, "--hub", live_hub.url, "--code", live_hub.code(COMMUNE),
                    "--device-name", "Máy xã"]) == 0
    assert "Đã đăng ký máy “Máy xã”" in capsys.readouterr().out
    assert run_cli(["sync", *data, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] and report["results"] == {"applied": 1}
    assert run_cli(["sync", "status", *data, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["pending"] == 0
    dead = f"http://127.0.0.1:{free_port()}"
    assert run_cli(["sync", *data, "--hub", dead, "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["retryable"] is True
