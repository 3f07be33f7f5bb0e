"""Pull side: two PCs of one commune exchange changes through the hub's ledger."""

from __future__ import annotations

import json

from sqlalchemy import text
from sqlmodel import func, select

from core.models import (
    SYNCED_ENTITIES,
    AuditEvent,
    Household,
    OutboxEntry,
    Person,
    Record,
    RecordAction,
    SyncParked,
    row_of,
)
from core.outbox import row_hash
from core.services import hamlets, households, persons, records, sync_pull
from tests.sync.conftest import enroll_with, pull_all, push_all

BIRTH = {"child_name": "Phan Gia Bảo", "child_dob": "01/10/2026", "child_sex": "Nam",
         "registered_on": "10/10/2026", "mother_name": "Đào Thị Hạnh", "book": "01/2026",
         "page": "12", "entry": "34"}


def _rows(ws) -> dict[tuple[str, str], str]:
    """Every synced row of a PC, as its hash (equal hashes = identical DB values)."""
    out = {}
    with ws.db.read() as session:
        for table, model in SYNCED_ENTITIES.items():
            for obj in session.exec(select(model)):
                out[table, obj.id] = row_hash(row_of(obj))
    return out


def _count(ws, sql: str) -> int:
    with ws.db.read() as session:
        return session.execute(text(sql)).scalar_one()


def _dangling(ws) -> list:
    conn = ws.db.raw_connection()
    try:
        return conn.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        conn.close()


def _village(ws):
    hamlet = hamlets.add_hamlet(ws, "Thôn Đông Hòa")
    head = persons.create_person(ws, {"full_name": "Đặng Văn Đức", "dob": "02/09/1975",
                                      "sex": "Nam", "personal_number": "038075000123"}).person
    wife = persons.create_person(ws, {"full_name": "Lê Thị Thuý Hoà", "dob": "1978"}).person
    home = households.create_household(ws, head.id, hamlet.id, "Số 12")
    households.add_member(ws, home.id, wife.id, "vợ")
    return hamlet, head, wife, home


def test_two_pcs_exchange_creates_and_updates(admin_ws, second_ws, hub):
    enroll_with(admin_ws, hub)
    enroll_with(second_ws, hub)
    _, head, wife, _ = _village(admin_ws)
    assert push_all(admin_ws, hub)["applied"] > 0
    audits_before = _count(second_ws, "SELECT count(*) FROM audit_event WHERE action='sync.pull'")
    counts = pull_all(second_ws, hub, page=3)
    theirs = _rows(admin_ws)
    assert counts.written == len(theirs) and counts.parked == 0
    assert _rows(second_ws).items() >= theirs.items()  # identical DB values
    # pulled rows are the hub's: no outbox entries for them; one audit event per page
    assert _count(second_ws, "SELECT count(*) FROM outbox") == 0
    pages = _count(second_ws, "SELECT count(*) FROM audit_event WHERE action='sync.pull'")
    assert pages - audits_before == -(-len(theirs) // 3)
    details = [json.loads(e.details) for e in _audit(second_ws, "sync.pull")]
    assert all(set(d) == {"cursor", "changes", "counts"} for d in details)  # counts only
    # search ranks and FTS were made by the triggers for pulled persons
    names = {h.full_name for h in persons.search(second_ws, "duc")}
    assert "Đặng Văn Đức" in names
    assert _dangling(second_ws) == []

    # an update on the second PC comes back to the first
    with second_ws.db.read() as session:
        before = session.get(Person, wife.id).version
    persons.update_person(second_ws, wife.id, {"full_name": "Lê Thị Thúy Hòa"})
    assert push_all(second_ws, hub) == {"applied": 1}
    assert pull_all(admin_ws, hub).written == 1
    with admin_ws.db.read() as session:
        again = session.get(Person, wife.id)
    assert (again.full_name, again.version) == ("Lê Thị Thúy Hòa", before + 1)
    assert {h.full_name for h in persons.search(admin_ws, "thuy hoa")} >= {"Lê Thị Thúy Hòa"}
    # its own change coming back is not newer: nothing written
    assert pull_all(second_ws, hub).written == 0
    assert _rows(admin_ws) == _rows(second_ws)
    _ = head


def _audit(ws, action):
    with ws.db.read() as session:
        return list(session.exec(select(AuditEvent).where(AuditEvent.action == action)))


def test_pull_never_overwrites_unsynced_local_rows(admin_ws, second_ws, hub):
    enroll_with(admin_ws, hub)
    enroll_with(second_ws, hub)
    p = persons.create_person(admin_ws, {"full_name": "Hà Văn Sơn"}).person
    push_all(admin_ws, hub)
    pull_all(second_ws, hub)
    persons.update_person(second_ws, p.id, {"full_name": "Hà Văn Sơn (PC2)"})
    persons.update_person(admin_ws, p.id, {"full_name": "Hà Văn Sơn (PC1)"})
    push_all(admin_ws, hub)
    counts = pull_all(second_ws, hub)
    assert (counts.written, counts.kept_local) == (0, 1)
    with second_ws.db.read() as session:
        assert session.get(Person, p.id).full_name == "Hà Văn Sơn (PC2)"


def test_rows_arriving_before_what_they_reference_are_parked_then_written(
        admin_ws, second_ws, hub):
    enroll_with(admin_ws, hub)
    enroll_with(second_ws, hub)
    _, head, _, home = _village(admin_ws)
    push_all(admin_ws, hub)
    # the head is edited after the household was made: the hub sends the household first
    persons.update_person(admin_ws, head.id, {"full_name": "Đặng Văn Đức Anh"})
    push_all(admin_ws, hub)
    changes = hub.pull(0, 100)["changes"]
    order = [c["entity_id"] for c in changes]
    assert order.index(home.id) < order.index(head.id)
    first = hub.pull(0, order.index(home.id) + 1)
    counts = sync_pull.apply_page(second_ws, first["changes"], first["next_cursor"],
                                  after_cursor=0)
    assert counts.parked >= 1
    with second_ws.db.read() as session:
        assert session.get(Household, home.id) is None
        assert session.get(SyncParked, ("household", home.id)) is not None
    rest = pull_all(second_ws, hub, page=2)
    assert rest.parked == 0 and sync_pull.parked_count(second_ws) == 0
    assert _rows(second_ws) == _rows(admin_ws)
    assert _dangling(second_ws) == []


def test_legal_record_correction_syncs_with_its_history(admin_ws, second_ws, hub):
    enroll_with(admin_ws, hub)
    enroll_with(second_ws, hub)
    rec = records.create_record(admin_ws, "birth", BIRTH)
    records.correct_record(admin_ws, rec.id, {"child_name": "Phan Gia Báu"},
                           "Quyết định cải chính số 12/QĐ-UBND ngày 01/11/2026")
    entries = [(e.entity, e.version) for e in _outbox(admin_ws)]
    # the action is queued before the record's own change it explains
    assert entries.index(("record_action", 1), 2) < entries.index(("record", 2))
    push_all(admin_ws, hub)
    assert pull_all(second_ws, hub).refused == 0
    theirs = records.get_record(second_ws, rec.id)
    assert theirs.payload["child_name"] == "Phan Gia Báu" and theirs.record.version == 2
    assert [a.action for a in theirs.history] == ["create", "correct"]
    assert theirs.history[-1].payload == theirs.record.payload

    # a correction made on the second PC reaches the first, whose trigger accepts it
    records.correct_record(second_ws, rec.id, {"child_name": "Phan Gia Bảo"},
                           "Quyết định cải chính số 15/QĐ-UBND")
    assert push_all(second_ws, hub) == {"applied": 2}
    counts = pull_all(admin_ws, hub)
    assert (counts.written, counts.refused) == (2, 0)
    mine = records.get_record(admin_ws, rec.id)
    assert mine.payload["child_name"] == "Phan Gia Bảo" and mine.record.version == 3
    assert [a.action for a in mine.history] == ["create", "correct", "correct"]
    with admin_ws.db.read() as session:
        n = session.exec(select(func.count()).select_from(RecordAction)).one()
        assert n == 3 and session.get(Record, rec.id).legal


def _outbox(ws):
    with ws.db.read() as session:
        return list(session.exec(select(OutboxEntry).order_by(OutboxEntry.seq)))


def test_malformed_and_unknown_changes_are_refused_not_written(admin_ws, hub):
    enroll_with(admin_ws, hub)
    bad = [{"cursor": 1, "entity": "app_user", "entity_id": "x", "version": 1,
            "row": {"id": "x", "version": 1, "username": "hacker", "role": "admin"}},
           {"cursor": 2, "entity": "person", "entity_id": "y", "version": 2,
            "row": {"id": "z", "version": 2}}]
    counts = sync_pull.apply_page(admin_ws, bad, 2, after_cursor=0)
    assert counts.refused == 2 and counts.written == 0
    assert _count(admin_ws, "SELECT count(*) FROM app_user") == 1
    # a replayed page (cursor already moved) is not applied twice
    assert sync_pull.apply_page(admin_ws, bad, 2, after_cursor=0) is None


def test_deletions_travel_as_tombstones_and_leave_search(admin_ws, second_ws, hub):
    enroll_with(admin_ws, hub)
    enroll_with(second_ws, hub)
    gone = persons.create_person(admin_ws, {"full_name": "Bùi Văn Khuyết"}).person
    push_all(admin_ws, hub)
    pull_all(second_ws, hub)
    assert [h.id for h in persons.search(second_ws, "khuyet")] == [gone.id]
    persons.delete_person(admin_ws, gone.id, "Chuyển đi nơi khác")
    push_all(admin_ws, hub)
    assert pull_all(second_ws, hub).written == 1
    with second_ws.db.read() as session:
        row = session.get(Person, gone.id)
    assert row.deleted_at is not None and row.deleted_reason == "Chuyển đi nơi khác"
    assert persons.search(second_ws, "khuyet") == []
