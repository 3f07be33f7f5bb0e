"""Backups: rotation, encryption, checking, restore (with its safety copy), USB export, permissions."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from core import backup
from core.audit import verify_chain
from core.auth import Role
from core.errors import PermissionDenied, XasoError
from core.migrations import LATEST_VERSION
from core.models import AuditEvent, Person
from core.services import maintenance, persons
from core.store import Store
from tests.conftest import ADMIN_PASSWORD, FAST_KDF

DAY = date(2025, 3, 3)  # a Monday


def add_person(ws, name: str) -> str:
    return persons.create_person(ws, {"full_name": name, "dob": "1980-05-17", "sex": "Nữ"}).person.id


def names_in(ws) -> set[str]:
    with ws.db.read() as session:
        return set(session.exec(select(Person.full_name)))


def rows_in_backup(path: Path, key: bytes, sql: str) -> list[tuple]:
    conn = backup._open_keyed(path, key)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_backup_now_writes_daily_and_weekly_copies(admin_ws):
    add_person(admin_ws, "Nguyễn Thị Hoa")
    written = maintenance.backup_now(admin_ws, today=DAY)
    backups_dir = admin_ws.store.backups_dir
    assert written == [backups_dir / "daily" / "xaso-2025-03-03.db",
                       backups_dir / "weekly" / "xaso-2025-W10.db"]
    assert all(p.is_file() for p in written)
    assert not list(backups_dir.rglob("*.partial"))
    # Same week, next day: a new daily copy, the weekly one is kept.
    assert maintenance.backup_now(admin_ws, today=DAY + timedelta(days=1)) == [
        backups_dir / "daily" / "xaso-2025-03-04.db"]
    assert set(backup.list_backups(backups_dir)) == {
        backups_dir / "daily" / "xaso-2025-03-03.db", backups_dir / "daily" / "xaso-2025-03-04.db",
        backups_dir / "weekly" / "xaso-2025-W10.db"}


def test_rotation_keeps_seven_daily_and_four_weekly(admin_ws):
    backups_dir = admin_ws.store.backups_dir
    days = [DAY + timedelta(days=i) for i in range(40)]
    for day in days:
        maintenance.backup_now(admin_ws, today=day)
        assert len(list((backups_dir / "daily").glob("xaso-*.db"))) <= backup.KEEP_DAILY
        assert len(list((backups_dir / "weekly").glob("xaso-*.db"))) <= backup.KEEP_WEEKLY
    daily = sorted(p.name for p in (backups_dir / "daily").iterdir())
    assert daily == [f"xaso-{d.isoformat()}.db" for d in days[-7:]]
    weeks = sorted({d.isocalendar()[:2] for d in days})[-4:]
    weekly = sorted(p.name for p in (backups_dir / "weekly").iterdir())
    assert weekly == [f"xaso-{y}-W{w:02d}.db" for y, w in weeks]


def test_backup_opens_with_the_same_key_and_holds_the_rows(admin_ws):
    person_id = add_person(admin_ws, "Trần Văn Hùng")
    daily = maintenance.backup_now(admin_ws, today=DAY)[0]
    assert backup.check_backup(daily, admin_ws.db.key) == LATEST_VERSION
    assert rows_in_backup(daily, admin_ws.db.key, "SELECT id, full_name FROM person") == [
        (person_id, "Trần Văn Hùng")]
    # The copy contains its own audit event and is a self-contained (non-WAL) file.
    actions = [r[0] for r in rows_in_backup(daily, admin_ws.db.key,
                                            "SELECT action FROM audit_event ORDER BY seq")]
    assert actions[-1] == "backup.create"
    assert rows_in_backup(daily, admin_ws.db.key, "PRAGMA journal_mode") == [("delete",)]
    assert not Path(str(daily) + "-wal").exists()


def test_backup_file_is_encrypted(admin_ws):
    add_person(admin_ws, "Lê Thị Thủy")
    for path in maintenance.backup_now(admin_ws, today=DAY):
        assert not path.read_bytes().startswith(b"SQLite format 3")
        assert "Lê Thị Thủy".encode() not in path.read_bytes()
        conn = sqlite3.connect(path)
        try:
            with pytest.raises(sqlite3.DatabaseError):
                conn.execute("select * from sqlite_master").fetchall()
        finally:
            conn.close()


def test_restore_brings_back_the_state_at_backup_time(admin_ws):
    add_person(admin_ws, "Phạm Văn A")
    daily = maintenance.backup_now(admin_ws, today=DAY)[0]
    add_person(admin_ws, "Hoàng Thị B")
    assert names_in(admin_ws) == {"Phạm Văn A", "Hoàng Thị B"}

    safety = maintenance.restore(admin_ws, daily)

    assert names_in(admin_ws) == {"Phạm Văn A"}
    # The safety copy holds the state just before the restore (B included).
    assert safety.parent == admin_ws.store.backups_dir / "pre-restore"
    assert backup.check_backup(safety, admin_ws.db.key) == LATEST_VERSION
    assert {r[0] for r in rows_in_backup(safety, admin_ws.db.key,
                                         "SELECT full_name FROM person")} == {"Phạm Văn A",
                                                                              "Hoàng Thị B"}
    # The workspace keeps working, the audit chain is whole and records the restore.
    add_person(admin_ws, "Vũ Văn C")
    assert names_in(admin_ws) == {"Phạm Văn A", "Vũ Văn C"}
    assert admin_ws.db.integrity_check() == "ok"
    with admin_ws.db.read() as session:
        assert verify_chain(session).ok
        actions = list(session.exec(select(AuditEvent.action).order_by(AuditEvent.seq)))
    assert "backup.restore" in actions
    # Reopening from disk shows the restored state too.
    admin_ws.close()
    ws = admin_ws.store.unlock("admin", ADMIN_PASSWORD)
    try:
        assert names_in(ws) == {"Phạm Văn A", "Vũ Văn C"}
    finally:
        ws.close()


def _assert_untouched(ws, expected_names: set[str]) -> None:
    assert names_in(ws) == expected_names
    assert ws.db.integrity_check() == "ok"
    assert not (ws.store.backups_dir / "pre-restore").exists()  # refused before any copy


def test_restore_refuses_a_garbage_file(admin_ws, tmp_path):
    add_person(admin_ws, "Đặng Văn Long")
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not a database at all\n" * 500)
    with pytest.raises(XasoError) as err:
        maintenance.restore(admin_ws, garbage)
    assert "sao lưu" in str(err.value)
    _assert_untouched(admin_ws, {"Đặng Văn Long"})


def test_restore_refuses_a_backup_of_another_store(admin_ws, tmp_path):
    add_person(admin_ws, "Bùi Thị Yến")
    other_ws, _ = Store(tmp_path / "other", kdf=FAST_KDF).initialise("16498", "admin2",
                                                                      ADMIN_PASSWORD)
    try:
        persons.create_person(other_ws, {"full_name": "Người Lạ"})
        foreign = maintenance.backup_now(other_ws, today=DAY)[0]
    finally:
        other_ws.close()
    with pytest.raises(XasoError) as err:
        maintenance.restore(admin_ws, foreign)
    assert "khóa khác" in str(err.value)
    _assert_untouched(admin_ws, {"Bùi Thị Yến"})


def test_backup_to_folder_opens_elsewhere_with_the_admin_password(admin_ws, tmp_path):
    person_id = add_person(admin_ws, "Ngô Quốc Việt")
    usb = tmp_path / "usb"
    target = maintenance.backup_to_folder(admin_ws, usb)
    assert target.parent == usb
    assert sorted(p.name for p in target.iterdir()) == ["keys.json", "xaso.db"]

    copy = Store(target, kdf=FAST_KDF)
    assert copy.is_initialised()
    ws = copy.unlock("admin", ADMIN_PASSWORD)
    try:
        assert ws.db.key == admin_ws.db.key
        assert names_in(ws) == {"Ngô Quốc Việt"}
        with ws.db.read() as session:
            assert session.get(Person, person_id) is not None
            assert verify_chain(session).ok
            assert "backup.export" in session.exec(select(AuditEvent.action)).all()
    finally:
        ws.close()


def test_backup_to_folder_carries_the_attachment_files(admin_ws, tmp_path):
    from core.services import attachments

    pdf = b"%PDF-1.4 giay khai sinh " + bytes(range(256)) * 40
    stored = attachments.store_attachment(admin_ws, pdf, "application/pdf", "khai-sinh.pdf")
    target = maintenance.backup_to_folder(admin_ws, tmp_path / "usb")
    assert sorted(p.name for p in target.iterdir()) == ["attachments", "keys.json", "xaso.db"]
    ws = Store(target, kdf=FAST_KDF).unlock("admin", ADMIN_PASSWORD)
    try:
        assert attachments.read_attachment(ws, stored.sha256) == pdf
    finally:
        ws.close()


def test_viewer_can_neither_back_up_nor_restore(admin_ws, login, tmp_path):
    daily = maintenance.backup_now(admin_ws, today=DAY)[0]
    viewer = login(Role.VIEWER)
    with pytest.raises(PermissionDenied):
        maintenance.backup_now(viewer, today=DAY + timedelta(days=1))
    with pytest.raises(PermissionDenied):
        maintenance.backup_to_folder(viewer, tmp_path / "usb")
    with pytest.raises(PermissionDenied):
        maintenance.restore(viewer, daily)
    assert not (tmp_path / "usb").exists()
    assert not (admin_ws.store.backups_dir / "daily" / "xaso-2025-03-04.db").exists()
    assert not (admin_ws.store.backups_dir / "pre-restore").exists()


def test_officer_can_back_up_but_not_restore(admin_ws, login):
    officer = login(Role.OFFICER)
    daily = maintenance.backup_now(officer, today=DAY)[0]
    assert daily.is_file()
    with pytest.raises(PermissionDenied):
        maintenance.restore(officer, daily)


@pytest.mark.parametrize("kind", ["missing", "empty"])
def test_restore_refuses_a_missing_or_empty_file(admin_ws, tmp_path, kind):
    add_person(admin_ws, "Dương Thị Ánh")
    path = tmp_path / "nothing.db"
    if kind == "empty":
        path.write_bytes(b"")
    with pytest.raises(XasoError):
        maintenance.restore(admin_ws, path)
    assert path.exists() == (kind == "empty")  # checking must not create the file
    _assert_untouched(admin_ws, {"Dương Thị Ánh"})


# -- progress and cancellation -------------------------------------------------------------

def test_backup_reports_progress_page_by_page(admin_ws, monkeypatch):
    from core.progress import Progress

    monkeypatch.setattr(backup, "BACKUP_STEP_PAGES", 4)
    reports = []
    written = maintenance.backup_now(admin_ws, today=DAY, progress=Progress(
        report=lambda done, total: reports.append((done, total))))
    assert len(reports) > 3 and reports[-1][0] == reports[-1][1]
    assert [done for done, _ in reports] == sorted(done for done, _ in reports)
    assert backup.check_backup(written[0], admin_ws.db.key) == LATEST_VERSION


def test_a_stopped_backup_leaves_no_file(admin_ws, tmp_path, monkeypatch):
    from core.errors import Cancelled
    from core.progress import Progress

    monkeypatch.setattr(backup, "BACKUP_STEP_PAGES", 4)
    steps = []

    def stop_at_third_step():
        steps.append(1)
        return len(steps) >= 3

    usb = tmp_path / "usb"
    usb.mkdir()
    with pytest.raises(Cancelled):
        maintenance.backup_to_folder(admin_ws, usb, Progress(is_cancelled=stop_at_third_step))
    assert len(steps) == 3 and list(usb.iterdir()) == []  # no half-written export folder
    with pytest.raises(Cancelled):
        maintenance.backup_now(admin_ws, today=DAY, progress=Progress(is_cancelled=lambda: True))
    assert list((admin_ws.store.backups_dir / "daily").glob("*")) == []


def test_a_restore_stopped_during_its_safety_copy_changes_nothing(admin_ws):
    from core.errors import Cancelled
    from core.progress import Progress

    add_person(admin_ws, "Phạm Văn A")
    daily = maintenance.backup_now(admin_ws, today=DAY)[0]
    add_person(admin_ws, "Hoàng Thị B")
    with pytest.raises(Cancelled):
        maintenance.restore(admin_ws, daily, Progress(is_cancelled=lambda: True))
    assert names_in(admin_ws) == {"Phạm Văn A", "Hoàng Thị B"}
    assert list((admin_ws.store.backups_dir / "pre-restore").glob("*")) == []


def test_the_daily_backup_is_taken_once_a_day_whoever_signs_in(admin_ws, login):
    member = login(Role.MEMBER)  # no right to back up by hand; the automatic copy still runs
    first = maintenance.daily_backup_if_due(member, today=DAY)
    assert [p.name for p in first][0] == f"xaso-{DAY.isoformat()}.db"
    assert backup.check_backup(first[0], admin_ws.db.key) == LATEST_VERSION
    assert maintenance.daily_backup_if_due(admin_ws, today=DAY) == []  # already done today
    with admin_ws.db.read() as session:
        events = session.exec(select(AuditEvent).where(AuditEvent.action == "backup.auto")).all()
    assert len(events) == 1 and events[0].user_id is None
