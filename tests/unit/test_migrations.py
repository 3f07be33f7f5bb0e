"""Forward-only migrations: fixture databases of every schema version upgrade cleanly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import inspect
from sqlmodel import SQLModel

import core.models  # noqa: F401 - registers the tables
from core.db import Database
from core.errors import DatabaseTooNew
from core.keyslots import new_database_key
from core.migrations import LATEST_VERSION, STEPS, Step, _split_statements, migrate
from core.services import persons
from core.store import Store
from tests.conftest import FAST_KDF

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def fixture_dirs() -> list[Path]:
    return sorted(FIXTURES.glob("schema_v*"))


def test_a_fixture_exists_for_the_latest_schema():
    assert FIXTURES / f"schema_v{LATEST_VERSION}" in fixture_dirs()


@pytest.mark.parametrize("fixture", fixture_dirs(), ids=lambda p: p.name)
def test_fixture_upgrades_to_latest_and_keeps_data(fixture, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(fixture, data)
    ws = Store(data, kdf=FAST_KDF).unlock("admin", "fixture-password")
    try:
        assert ws.db.user_version() == LATEST_VERSION
        names = {h.full_name for h in persons.search(ws, "duc")}
        assert "Đặng Văn Đức" in names
        assert ws.db.integrity_check() == "ok"
    finally:
        ws.close()


def test_schema_matches_models(tmp_path):
    """The frozen SQL and the SQLModel classes must describe the same columns."""
    db = Database(tmp_path / "x.db", new_database_key())
    conn = db.raw_connection()
    migrate(conn)
    conn.close()
    inspector = inspect(db.engine)
    for table in SQLModel.metadata.sorted_tables:
        sql_columns = {c["name"] for c in inspector.get_columns(table.name)}
        assert sql_columns == {c.name for c in table.columns}, table.name
    db.close()


def test_newer_database_is_refused_untouched(tmp_path):
    db = Database(tmp_path / "x.db", new_database_key())
    conn = db.raw_connection()
    migrate(conn)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 5}")
    with pytest.raises(DatabaseTooNew, match="mới hơn"):
        migrate(conn)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION + 5
    conn.close()
    db.close()


def test_failing_step_rolls_back_and_backup_is_taken_first(tmp_path):
    db = Database(tmp_path / "x.db", new_database_key())
    conn = db.raw_connection()
    migrate(conn)
    conn.execute("INSERT INTO app_meta(key, value) VALUES ('k', 'v')")
    bad = Step(LATEST_VERSION + 1, "bad", "CREATE TABLE new_thing (x INTEGER);\nSELECT * FROM missing;")
    backups = []
    with pytest.raises(Exception, match="missing"):
        migrate(conn, [*STEPS, bad], backup=backups.append)
    assert backups == [LATEST_VERSION]
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "new_thing" not in tables
    assert conn.execute("SELECT value FROM app_meta WHERE key='k'").fetchone()[0] == "v"
    conn.close()
    db.close()


def test_store_takes_backup_before_upgrading(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(fixture_dirs()[-1], data)
    extra = Step(LATEST_VERSION + 1, "extra", "CREATE TABLE extra_thing (x INTEGER);")
    monkeypatch.setattr("core.migrations.STEPS", [*STEPS, extra])
    monkeypatch.setattr("core.store.migrate", lambda conn, backup=None: migrate(
        conn, [*STEPS, extra], backup=backup))
    ws = Store(data, kdf=FAST_KDF).unlock("admin", "fixture-password")
    assert ws.db.user_version() == LATEST_VERSION + 1
    ws.close()
    assert list((data / "backups" / "pre-migration").glob(f"xaso-v{LATEST_VERSION}.db"))


def test_split_statements_keeps_trigger_bodies():
    sql = ("CREATE TABLE a (x);\n-- comment\nCREATE TRIGGER t AFTER INSERT ON a BEGIN\n"
           "    SELECT 1;\n    SELECT 2;\nEND;\nCREATE INDEX i ON a (x);")
    parts = _split_statements(sql)
    assert len(parts) == 3
    assert "SELECT 2;" in parts[1]

