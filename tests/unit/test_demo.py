"""The synthetic demo commune: deterministic, plausible, never queued for sync."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import func, select

from core.demo import generate_demo
from core.errors import XasoError
from core.models import DigitalCitizenStatus, Household, HouseholdMember, OutboxEntry, Person
from core.personal_id import check_personal_id
from core.services import persons
from core.store import Store
from tests.conftest import FAST_KDF

TODAY = date(2026, 11, 28)


def _demo(tmp_path, name, n=600):
    ws, _ = Store(tmp_path / name, kdf=FAST_KDF).initialise("16498", "demo", "xaso-demo", demo=True)
    stats = generate_demo(ws, persons=n, seed=6, today=TODAY)
    return ws, stats


def _people(ws):
    with ws.db.read() as session:
        return session.exec(select(Person).order_by(Person.personal_number, Person.full_name)).all()


def test_same_seed_same_people(tmp_path):
    a, stats = _demo(tmp_path, "a")
    b, _ = _demo(tmp_path, "b")
    key = lambda p: (p.full_name, p.dob, p.sex, p.personal_number, p.old_id_number)  # noqa: E731
    assert [key(p) for p in _people(a)] == [key(p) for p in _people(b)]
    assert stats["persons"] >= 600
    a.close()
    b.close()


def test_demo_data_is_plausible_and_consistent(tmp_path):
    ws, stats = _demo(tmp_path, "d", 2000)
    people = _people(ws)
    for p in people:
        if p.personal_number:
            dob = date.fromisoformat(p.dob) if p.dob_precision == "day" else None
            check = check_personal_id(p.personal_number, dob=dob, dob_year=p.birth_year, sex=p.sex)
            assert not check.errors and not check.warnings, (p.personal_number, check)
        assert 1900 < p.birth_year <= TODAY.year
    assert len({p.personal_number for p in people if p.personal_number}) == sum(
        1 for p in people if p.personal_number)  # unique numbers
    assert 0.4 < sum(p.sex == "M" for p in people) / len(people) < 0.6
    with ws.db.read() as session:
        households = session.exec(select(func.count()).select_from(Household)).one()
        members = session.exec(select(func.count()).select_from(HouseholdMember)).one()
        statuses = session.exec(select(func.count()).select_from(DigitalCitizenStatus)).one()
        outbox = session.exec(select(func.count()).select_from(OutboxEntry)).one()
    assert members == len(people) and 2.5 < len(people) / households < 5
    assert 0.5 * len(people) < statuses <= len(people)
    assert outbox == 0  # demo people must never reach a hub
    assert any("Đức" in p.full_name for p in people)
    assert persons.search(ws, "duc")
    ws.close()


def test_demo_refuses_real_or_filled_stores(admin_ws, tmp_path):
    with pytest.raises(XasoError, match="dữ liệu thật"):
        generate_demo(admin_ws, persons=10)
    ws, _ = _demo(tmp_path, "again", 50)
    with pytest.raises(XasoError, match="đã có dữ liệu"):
        generate_demo(ws, persons=10)
    ws.close()


# -- chunked generation, the fast write path and what it must keep ---------------------------

def _chunked(tmp_path, name, n=12_000):  # three chunks
    return _demo(tmp_path, name, n)


def _driver_rows(ws, sql):
    conn = ws.db.raw_connection()
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_chunks_are_the_same_whichever_process_makes_them_and_in_any_order():
    from core import demo

    plan = demo._Plan(demo._chunk_targets(3 * demo.CHUNK_PERSONS), "u", 6, TODAY,
                      "2026-11-28 00:00:00.000000", ["h1", "h2"])

    def content(chunk):  # everything but the random UUIDs
        made, tables = demo._make_chunk(plan, chunk)
        return made, [(table, [tuple(v for c, v in zip(columns, row, strict=True)
                                     if c != "id" and not c.endswith("_id")) for row in rows])
                      for table, columns, rows in tables]

    forward = [content(c) for c in range(3)]
    demo._NAMES.clear()
    demo._DAYS.clear()
    assert [content(c) for c in (2, 0, 1)] == [forward[2], forward[0], forward[1]]
    assert all(made >= demo.CHUNK_PERSONS for made, _ in forward)


def test_every_reference_points_into_its_own_chunk():
    """Why generate_demo may skip foreign-key lookups: a chunk only points at its own rows
    and at the hamlets."""
    from core import demo

    plan = demo._Plan(demo._chunk_targets(2 * demo.CHUNK_PERSONS), "u", 6, TODAY,
                      "2026-11-28 00:00:00.000000", ["h1", "h2"])
    parents = {"residence_address_id": "address", "address_id": "address",
               "head_person_id": "person", "household_id": "household", "person_id": "person",
               "hamlet_id": "hamlet"}
    for chunk in range(2):
        _, tables = demo._make_chunk(plan, chunk)
        ids = {table: {row[0] for row in rows} for table, _, rows in tables}
        ids["hamlet"] = set(plan.hamlet_ids)
        for table, columns, rows in tables:
            for i, column in enumerate(columns):
                if column in parents:
                    assert {row[i] for row in rows} <= ids[parents[column]], (table, column)


def test_demo_commune_is_sound_ranked_and_leaves_the_schema_as_it_was(tmp_path):
    fresh, _ = Store(tmp_path / "fresh", kdf=FAST_KDF).initialise("16498", "demo", "xaso-demo",
                                                                  demo=True)
    schema = set(_driver_rows(fresh, "SELECT type, name, sql FROM sqlite_master"))
    fresh.close()
    ws, stats = _chunked(tmp_path, "c")
    assert _driver_rows(ws, "PRAGMA foreign_key_check") == []
    assert ws.db.integrity_check() == "ok"
    assert set(_driver_rows(ws, "SELECT type, name, sql FROM sqlite_master")) == schema
    # Search ranks: row_number over (sort_key, rowid), RANK_SPACING apart; FTS rowid = rank.
    ranks = _driver_rows(ws, "SELECT r.rank, p.rowid, p.sort_key, p.name_folded "
                             "FROM person_rank r JOIN person p ON p.rowid = r.person_rowid "
                             "ORDER BY r.rank")
    assert len(ranks) == stats["persons"] > 2 * 5000
    assert [r[0] for r in ranks] == [i * 1099511627776 for i in range(1, len(ranks) + 1)]
    assert [(r[2], r[1]) for r in ranks] == sorted((r[2], r[1]) for r in ranks)
    fts = _driver_rows(ws, "SELECT rowid, name_folded FROM person_fts ORDER BY rowid")
    assert fts == [(r[0], r[3]) for r in ranks]
    # Unique ID numbers across chunks (each chunk has its own serial range).
    numbers = [n for (n,) in _driver_rows(ws, "SELECT personal_number FROM person "
                                              "WHERE personal_number IS NOT NULL")]
    assert len(numbers) == len(set(numbers))
    # The writer is back to its usual settings.
    writer = ws.db._write_engine.raw_connection()
    try:
        assert writer.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert writer.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert writer.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
        assert writer.execute("PRAGMA cache_size").fetchone()[0] == -65536
    finally:
        writer.close()
    # A person added afterwards is ranked by the (restored) trigger.
    created = persons.create_person(ws, {"full_name": "Đặng Thị Ánh"}).person
    assert created.id in {h.id for h in persons.search(ws, "dang thi anh")}
    ws.close()


def test_rollback_journal_stays_in_wal_while_another_connection_is_open(tmp_path):
    import sqlcipher3

    ws, _ = Store(tmp_path / "d", kdf=FAST_KDF).initialise("16498", "demo", "xaso-demo",
                                                           demo=True)

    def journal_inside_write():
        with ws.db.write(rollback_journal=True) as session:
            return session.connection().exec_driver_sql("PRAGMA journal_mode").scalar_one()

    reader = ws.db.raw_connection()  # a read session of this process, open right now
    reader.execute("SELECT count(*) FROM person").fetchone()
    assert journal_inside_write() == "wal"
    reader.close()
    outsider = sqlcipher3.connect(str(ws.store.db_path))  # e.g. another process
    outsider.execute(f"PRAGMA key = \"x'{ws.db.key.hex()}'\"")
    outsider.execute("SELECT count(*) FROM person").fetchone()
    assert journal_inside_write() == "wal"  # "database is locked": stays in WAL
    outsider.close()
    assert journal_inside_write() == "delete"  # alone on the file
    assert _driver_rows(ws, "PRAGMA journal_mode") == [("wal",)]
    ws.close()


def test_demo_refuses_more_persons_than_id_serials(tmp_path):
    from core.demo import MAX_PERSONS

    ws, _ = Store(tmp_path / "big", kdf=FAST_KDF).initialise("16498", "demo", "xaso-demo",
                                                             demo=True)
    with pytest.raises(XasoError, match="tối đa"):
        generate_demo(ws, persons=MAX_PERSONS + 1)
    ws.close()
