"""The hash-chained audit log detects edits, deletions, reordering and truncation."""

from __future__ import annotations

import pytest
from sqlmodel import select

from core.audit import verify_chain
from core.models import AuditEvent
from core.services import maintenance, persons


@pytest.fixture
def chain_ws(admin_ws):
    for name in ("Trần Văn An", "Lê Thị Bình", "Phạm Đức Cường"):
        persons.create_person(admin_ws, {"full_name": name})
    return admin_ws


def _tamper(ws, *statements):
    conn = ws.db.raw_connection()
    conn.execute("DROP TRIGGER audit_event_no_update")  # an attacker holding the key can do this
    conn.execute("DROP TRIGGER audit_event_no_delete")
    for sql in statements:
        conn.execute(sql)
    conn.close()


def _report(ws):
    with ws.db.read() as session:
        return verify_chain(session)


def test_intact_chain_verifies(chain_ws):
    report = maintenance.verify_audit(chain_ws)
    assert report.ok and report.events >= 5  # set-up, admin, 3 residents
    assert report.problems == []


def test_app_cannot_update_or_delete_events(chain_ws):
    conn = chain_ws.db.raw_connection()
    with pytest.raises(Exception, match="append-only"):
        conn.execute("UPDATE audit_event SET action = 'x' WHERE seq = 2")
    with pytest.raises(Exception, match="append-only"):
        conn.execute("DELETE FROM audit_event WHERE seq = 2")
    conn.close()


def test_edited_event_is_named(chain_ws):
    _tamper(chain_ws, "UPDATE audit_event SET details = '{\"x\":1}' WHERE seq = 3")
    report = _report(chain_ws)
    assert not report.ok
    assert "Sự kiện số 3 đã bị sửa nội dung." in report.problems


def test_deleted_event_is_named(chain_ws):
    _tamper(chain_ws, "DELETE FROM audit_event WHERE seq = 4")
    report = _report(chain_ws)
    assert not report.ok
    assert any("Thiếu sự kiện số 4" in p for p in report.problems)


def test_reordered_events_are_detected(chain_ws):
    with chain_ws.db.read() as session:
        a, b = session.exec(select(AuditEvent).where(AuditEvent.seq.in_([3, 4]))).all()
    # Swap the content of events 3 and 4 but keep their sequence numbers.
    swap = []
    for target, source in ((a, b), (b, a)):
        swap.append(f"UPDATE audit_event SET id='{source.id}-', action='{source.action}', "
                    f"prev_hash='{source.prev_hash}', hash='{source.hash}' WHERE seq={target.seq}")
    _tamper(chain_ws, *swap)
    report = _report(chain_ws)
    assert not report.ok
    assert any("không nối với sự kiện trước" in p for p in report.problems)


def test_truncated_tail_is_detected(chain_ws):
    with chain_ws.db.read() as session:
        last = session.exec(select(AuditEvent).order_by(AuditEvent.seq.desc())).first()
    _tamper(chain_ws, f"DELETE FROM audit_event WHERE seq = {last.seq}")
    report = _report(chain_ws)
    assert not report.ok
    assert any("Cuối nhật ký bị cắt" in p for p in report.problems)


def test_reads_and_searches_are_audited(chain_ws):
    hit = persons.search(chain_ws, "binh")[0]
    persons.get_person(chain_ws, hit.id)
    actions = [e.action for e in maintenance.recent_events(chain_ws, limit=5)]
    assert actions[:2] == ["person.view", "person.search"]


def test_no_personal_data_in_audit_details(chain_ws):
    with chain_ws.db.read() as session:
        details = " ".join(e.details for e in session.exec(select(AuditEvent)))
    for fragment in ("Trần", "Bình", "Cường", "binh"):
        assert fragment not in details
