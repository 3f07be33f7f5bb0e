"""A deterministic synthetic commune for demos, training and benchmarks.

Same seed and size → the same hamlets, households, names, dates, ID numbers and VNeID journeys
(ids and timestamps differ). Everything is invented: names are drawn from common-name lists and ID
numbers are built to be consistent with date of birth, sex and a birth-registration province.
Writes go through the bulk service in one transaction with one audit event; a demo store has no
outbox, since synthetic people must never reach a hub.
"""

from __future__ import annotations

import logging
import multiprocessing
import queue
import random
from collections.abc import Callable
from datetime import date, timedelta
from itertools import pairwise
from operator import itemgetter

from sqlalchemy import func
from sqlmodel import select

from core import audit
from core.auth import Perm
from core.demo_names import (
    ETHNICITIES,
    FEMALE_GIVEN,
    FEMALE_MIDDLE,
    HAMLETS,
    MALE_GIVEN,
    MALE_MIDDLE,
    RELATIONSHIP_HEAD,
    RELIGIONS,
    SURNAMES,
    Weighted,
    full_name,
)
from core.errors import XasoError
from core.models import (
    Address,
    DigitalCitizenStatus,
    FollowUp,
    Hamlet,
    Household,
    HouseholdMember,
    Person,
    db_value,
    new_id,
    utcnow,
)
from core.personal_id import make_personal_id
from core.services.bulk import deferred_indexes, insert_values, search_index_deferred
from core.store import Workspace
from core.text import name_key, person_sort_key, search_key

log = logging.getLogger(__name__)
BATCH = 10_000
DEFERRED_INDEX_TABLES = ("person", "household_member", "digital_citizen_status", "follow_up")
HOME_PROVINCE = "38"  # Thanh Hóa (2004 code): most births registered at home
OTHER_PROVINCES = ("01", "40", "37", "79", "36", "42", "26", "31")
# VNeID journey of residents aged 14+, with weights (per cent).
ADULT_STATES = (("activated", 55), ("issued", 9), ("submitted", 7), ("prepared", 5),
                ("level1", 8), ("no_account", 16))
FAILURES = ("sim_not_own_name", "otp_not_received", "not_activated", "no_smartphone",
            "data_mismatch", "forgot_password")


def _picker(table: Weighted, rng: random.Random) -> Callable[[], str]:
    """A fast weighted pick: index a pre-expanded tuple (random.choices costs ~5x more)."""
    counts = [b - a for a, b in pairwise((0, *table.cum_weights))]
    expanded = tuple(v for v, n in zip(table.values, counts, strict=True) for _ in range(n))
    size, rand = len(expanded), rng.random
    return lambda: expanded[int(rand() * size)]


class _Gen:
    def __init__(self, user_id: str | None, seed: int, today: date):
        self.rng = rng = random.Random(seed)
        self.surname, self.ethnicity, self.religion = (
            _picker(SURNAMES, rng), _picker(ETHNICITIES, rng), _picker(RELIGIONS, rng))
        self.given = {"M": (_picker(MALE_MIDDLE, rng), _picker(MALE_GIVEN, rng)),
                      "F": (_picker(FEMALE_MIDDLE, rng), _picker(FEMALE_GIVEN, rng))}
        self.user_id, self.today, self.now = user_id, today, db_value(utcnow())
        self.serial = 0
        self.batch: dict[type, list[dict]] = {}

    def base(self) -> dict:
        return {"id": new_id(), "version": 1, "created_at": self.now, "updated_at": self.now,
                "updated_by": self.user_id, "deleted_at": None, "deleted_reason": None}

    def add(self, model: type, row: dict) -> dict:
        self.batch.setdefault(model, []).append(row)
        return row

    def person(self, sex: str, birth_year: int, address_id: str, surname: str | None = None) -> dict:
        rng = self.rng
        middle, given = self.given[sex]
        name = full_name(surname or self.surname(), middle(), given())
        birth_year = min(birth_year, self.today.year)
        born = date(birth_year, 1, 1) + timedelta(days=rng.randrange(365))
        if born > self.today:
            born = self.today - timedelta(days=rng.randrange(1, 200))
        year_only = birth_year < 1950 and rng.random() < 0.1
        self.serial += 1
        province = HOME_PROVINCE if rng.random() < 0.9 else rng.choice(OTHER_PROVINCES)
        number = make_personal_id(province, born.year, sex, self.serial)
        if rng.random() < 0.02 and born.year < 1960:
            number = None  # some elders still only have an old CMND
        old_cmnd = None
        if born.year <= 2000 and rng.random() < 0.6:
            old_cmnd = "17" + f"{rng.randrange(10**7):07d}"
        row = self.base() | {
            "full_name": name, "name_folded": search_key(name), "name_key": name_key(name),
            "sort_key": person_sort_key(name), "personal_number": number,
            "old_id_number": old_cmnd,
            "dob": str(born.year) if year_only else born.isoformat(),
            "dob_precision": "year" if year_only else "day", "birth_year": born.year,
            "sex": sex, "nationality": "Việt Nam", "ethnicity": self.ethnicity(),
            "religion": self.religion(), "place_of_origin": None, "place_of_birth": None,
            "residence_address_id": address_id, "phone": None,
            "provenance": '{"*": {"source": "demo"}}',
        }
        self.add(Person, row)
        self.vneid(row, born)
        return row

    def vneid(self, person: dict, born: date) -> None:
        rng = self.rng
        age = self.today.year - born.year
        if age < 6:
            return
        if age < 14:
            state = "level1" if rng.random() < 0.5 else "no_account"
        else:
            state = rng.choices([s for s, _ in ADULT_STATES], [w for _, w in ADULT_STATES])[0]
        level = {"level1": 1, "prepared": 1, "submitted": 1, "issued": 2, "activated": 2}.get(state, 0)
        failure = rng.choice(FAILURES) if state in ("no_account", "issued") and rng.random() < 0.4 else None
        when = self.today - timedelta(days=rng.randrange(1, 700))
        self.add(DigitalCitizenStatus, self.base() | {
            "person_id": person["id"], "vneid_level": level, "vneid_state": state,
            "state_dates": f'{{"{state}": "{when.isoformat()}"}}', "failure_reason": failure,
            "helper_user_id": None,
            "criteria": '{"vneid_level2": true}' if level == 2 else '{"vneid_level2": false}',
            "notes": None,
        })
        if state != "activated" and age >= 14 and rng.random() < 0.12:
            due = self.today + timedelta(days=rng.randrange(-7, 21))
            task = "Hướng dẫn kích hoạt VNeID" if state == "issued" else "Mời đi làm định danh mức 2"
            self.add(FollowUp, self.base() | {
                "person_id": person["id"], "task": task, "due_date": due.isoformat(),
                "assigned_to": None, "done_at": None, "notes": None,
            })

    def household(self, hamlet_ids: list[str], commune_code: str) -> int:
        """One household: head, maybe a spouse, children, maybe an elderly parent."""
        rng = self.rng
        address = self.add(Address, self.base() | {
            "unit_code": commune_code, "code_system": "2025", "hamlet_id": rng.choice(hamlet_ids),
            "free_text": f"Số {rng.randrange(1, 300)}"})
        household = self.add(Household, self.base() | {
            "code": f"HK{self.serial + 1:06d}", "address_id": address["id"], "head_person_id": None})
        head_sex = "M" if rng.random() < 0.78 else "F"
        head_year = self.today.year - rng.randint(22, 85)
        head = self.person(head_sex, head_year, address["id"])
        household["head_person_id"] = head["id"]
        members = [(head, RELATIONSHIP_HEAD)]
        if rng.random() < 0.8:
            spouse_sex = "F" if head_sex == "M" else "M"
            spouse = self.person(spouse_sex, head_year + rng.randint(-4, 6), address["id"])
            members.append((spouse, "vợ" if spouse_sex == "F" else "chồng"))
        family_name = head["full_name"].split()[0] if head_sex == "M" else None
        for _ in range(rng.choices((0, 1, 2, 3, 4), (18, 22, 38, 16, 6))[0]):
            child_year = head_year + rng.randint(20, 42)
            if child_year > self.today.year:
                break
            child = self.person(rng.choice("MF"), child_year, address["id"], family_name)
            members.append((child, "con"))
        if rng.random() < 0.15 and head_year - 26 >= self.today.year - 100:
            parent_sex = rng.choice("MF")
            parent = self.person(parent_sex, head_year - rng.randint(22, 32), address["id"])
            members.append((parent, "bố" if parent_sex == "M" else "mẹ"))
        for person, relationship in members:
            self.add(HouseholdMember, self.base() | {
                "household_id": household["id"], "person_id": person["id"],
                "relationship": relationship, "joined_on": None, "left_on": None})
        return len(members)

def generate_demo(ws: Workspace, persons: int = 2000, seed: int = 6, today: date | None = None,
                  progress: Callable[[int, int], None] | None = None) -> dict:
    """Fill an empty demo store with a synthetic commune of about `persons` residents.

    A second process generates the rows while this one writes them (the work splits about
    evenly, and there are two cores). One transaction for the whole commune: either all of it
    exists or none of it. Inside it, secondary indexes are built once at the end (a sorted build
    is several times cheaper than random-position inserts) and foreign keys are checked once
    over the whole database instead of row by row.
    """
    ws.actor.require(Perm.SETTINGS_MANAGE)
    commune_code = ws.meta("commune_code")
    if not ws.is_demo:
        raise XasoError("Thư mục này chứa dữ liệu thật; hãy tạo xã mẫu ở một thư mục riêng.")
    with ws.db.read() as session:
        existing = session.exec(select(func.count()).select_from(Person)).one()
    if existing:
        raise XasoError("Xã mẫu đã có dữ liệu; hãy dùng một thư mục mới để tạo lại.")
    gen = _Gen(ws.actor.user_id, seed, today or date.today())
    hamlets = [gen.base() | {"name": name, "commune_code": commune_code, "position": i,
                             "active": 1} for i, name in enumerate(HAMLETS.values)]
    context = multiprocessing.get_context("spawn")  # the same on Windows and Linux
    batches = context.Queue(maxsize=2)  # back-pressure: at most two batches in memory
    worker = context.Process(
        target=_generate_batches, daemon=True, name="xaso-demo-generator",
        args=(batches, ws.actor.user_id, seed, gen.today, persons, commune_code,
              [h["id"] for h in hamlets]))
    worker.start()
    totals: dict[str, int] = {"hamlet": len(hamlets)}
    try:
        with (ws.db.write(check_foreign_keys_at_end=True) as session,
              deferred_indexes(session, DEFERRED_INDEX_TABLES),
              search_index_deferred(session)):
            insert_values(session, "hamlet", list(hamlets[0]),
                          [tuple(h.values()) for h in hamlets])
            while (item := _next_batch(batches, worker)) is not None:
                done, tables = item
                for table, columns, values in tables:
                    insert_values(session, table, columns, values)
                    totals[table] = totals.get(table, 0) + len(values)
                if progress:
                    progress(done, persons)
            audit.append_event(session, ws.actor.user_id, "demo.generate",
                               details={"seed": seed, "counts": totals})
    finally:
        worker.join(timeout=5)
        if worker.is_alive():
            worker.terminate()
    log.info("demo commune generated: %s", totals)
    return {"commune_code": commune_code, "seed": seed, "persons": totals.get("person", 0),
            "counts": totals}


def _generate_batches(out, user_id: str | None, seed: int, today: date, persons: int,
                      commune_code: str, hamlet_ids: list[str]) -> None:
    """Worker process: households in batches of about BATCH persons, as value tuples."""
    gen = _Gen(user_id, seed, today)
    done = 0
    while done < persons:
        target = min(persons, done + BATCH)
        while done < target:
            done += gen.household(hamlet_ids, commune_code)
        batch, gen.batch = gen.batch, {}
        tables = []
        for model, rows in _ordered(batch):
            if rows:
                columns = list(rows[0])
                tables.append((model.__tablename__, columns,
                               list(map(itemgetter(*columns), rows))))
        out.put((done, tables))
    out.put(None)


def _next_batch(batches, worker):
    while True:
        try:
            return batches.get(timeout=1)
        except queue.Empty:
            if not worker.is_alive():
                raise XasoError("Tiến trình tạo dữ liệu mẫu dừng bất thường; "
                                "chưa có gì được ghi, hãy thử lại.") from None


def _ordered(batch: dict[type, list[dict]]) -> list[tuple[type, list[dict]]]:
    # Parents before children: hamlets, addresses and persons before what points at them.
    order = (Hamlet, Address, Person, Household, HouseholdMember, DigitalCitizenStatus, FollowUp)
    return [(model, batch.get(model, [])) for model in order]
