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
