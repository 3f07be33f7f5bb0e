"""A deterministic synthetic commune for demos, training and benchmarks.

Same seed and size → the same hamlets, households, names, dates, ID numbers and VNeID journeys
(ids and timestamps differ). Everything is invented: names are drawn from common-name lists and ID
numbers are built to be consistent with date of birth, sex and a birth-registration province.
Writes go through the bulk service in one transaction with one audit event; a demo store has no
outbox, since synthetic people must never reach a hub.

The commune is made in chunks of about CHUNK_PERSONS persons; each chunk has its own random
stream (seeded from the seed and the chunk number) and its own range of ID-number serials, so the
chunks can be generated in any order, by any number of processes, and still give the same data.

The generator process imports this module too, and only needs the generating half: the storage
stack (SQLAlchemy/SQLModel, half a second to import) loads in the app process on first use, so
the generator starts within a few tens of milliseconds.
"""

from __future__ import annotations

import logging
import marshal
import multiprocessing
import queue
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from itertools import chain, pairwise
from typing import TYPE_CHECKING

from uuid_utils import uuid7

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
from core.i18n import QT_TR_NOOP, Msg
from core.text import name_key, person_sort_key, search_key

if TYPE_CHECKING:
    from core.store import Workspace

log = logging.getLogger(__name__)
BATCH = 10_000  # persons per bulk_create call when the generator feeds a real import (benchmarks)
CHUNK_PERSONS = 5_000  # persons per generated chunk (a household never straddles two chunks)
# ID-number serials: chunk c uses c * SERIALS_PER_CHUNK + 1 … (a chunk overshoots its target by
# at most one household, i.e. 6 persons); serials have 6 digits.
SERIALS_PER_CHUNK = CHUNK_PERSONS + 10
MAX_PERSONS = (999_999 // SERIALS_PER_CHUNK) * CHUNK_PERSONS
AHEAD = 2  # chunks this process may make ahead of the one it is waiting for
PICK_BLOCK = 256  # weighted picks drawn at a time
DEFERRED_INDEX_TABLES = ("person", "household_member", "digital_citizen_status", "follow_up")
HOME_PROVINCE = "38"  # Thanh Hóa (2004 code): most births registered at home
OTHER_PROVINCES = ("01", "40", "37", "79", "36", "42", "26", "31")
# VNeID journey of residents aged 14+, with weights (per cent).
ADULT_STATES = (("activated", 55), ("issued", 9), ("submitted", 7), ("prepared", 5),
                ("level1", 8), ("no_account", 16))
VNEID_LEVEL = {"level1": 1, "prepared": 1, "submitted": 1, "issued": 2, "activated": 2}
FAILURES = ("sim_not_own_name", "otp_not_received", "not_activated", "no_smartphone",
            "data_mismatch", "forgot_password")
CHILDREN = ((0, 18), (1, 22), (2, 38), (3, 16), (4, 6))  # children per household, weights
CRITERIA = ('{"vneid_level2": false}', '{"vneid_level2": true}')

# What the generator fills, per table, in insert order (parents before what points at them).
# Every other column holds the same value in every demo row (see `_constants`): those go into
# the INSERT statement as literals instead of being carried and bound row by row.
COLUMNS: dict[str, tuple[str, ...]] = {
    "address": ("id", "hamlet_id", "free_text"),
    "person": ("id", "full_name", "name_folded", "name_key", "sort_key", "personal_number",
               "old_id_number", "dob", "dob_precision", "birth_year", "sex", "ethnicity",
               "religion", "residence_address_id"),
    "household": ("id", "code", "address_id", "head_person_id"),
    "household_member": ("id", "household_id", "person_id", "relationship"),
    "digital_citizen_status": ("id", "person_id", "vneid_level", "vneid_state", "state_dates",
                               "failure_reason", "criteria"),
    "follow_up": ("id", "person_id", "task", "due_date"),
}


def _constants(table: str, now: str, user_id: str | None, commune_code: str | None) -> dict:
    """The columns of `table` that are the same in every generated row."""
    base = {"version": 1, "created_at": now, "updated_at": now, "updated_by": user_id,
            "deleted_at": None, "deleted_reason": None}
    extra = {
        "address": {"unit_code": commune_code, "code_system": "2025"},
        "person": {"nationality": "Việt Nam", "place_of_origin": None, "place_of_birth": None,
                   "phone": None, "provenance": '{"*": {"source": "demo"}}'},
        "household_member": {"joined_on": None, "left_on": None},
        "digital_citizen_status": {"helper_user_id": None, "notes": None},
        "follow_up": {"assigned_to": None, "done_at": None, "notes": None},
    }
    return base | extra.get(table, {})


def _new_id() -> str:
    return str(uuid7())  # what core.models.new_id makes (time-ordered UUIDv7)


def _now() -> str:
    from core.models import db_value, utcnow

    return db_value(utcnow())


# The bulk-write helpers, imported on first use (names kept here: benchmarks/profile_demo.py
# times generate_demo by wrapping them).
def insert_values(*args, **kwargs):
    from core.services import bulk

    return bulk.insert_values(*args, **kwargs)


def deferred_indexes(*args, **kwargs):
    from core.services import bulk

    return bulk.deferred_indexes(*args, **kwargs)


def search_index_deferred(*args, **kwargs):
    from core.services import bulk

    return bulk.search_index_deferred(*args, **kwargs)


def _expand(values, weights) -> tuple:
    """Each value repeated by its weight: indexing it with a uniform draw is a weighted pick."""
    return tuple(v for v, n in zip(values, weights, strict=True) for _ in range(n))


def _picker(table: Weighted, rng: random.Random) -> Callable[[], str]:
    """A fast weighted pick: the next of a stream of uniform draws from a pre-expanded tuple,
    drawn PICK_BLOCK at a time (random.choices with weights costs ~5x more per pick)."""
    counts = [b - a for a, b in pairwise((0, *table.cum_weights))]
    return _stream(_expand(table.values, counts), rng)


def _stream(expanded: tuple, rng: random.Random) -> Callable[[], str]:
    blocks = iter(partial(rng.choices, expanded, k=PICK_BLOCK), None)
    return chain.from_iterable(blocks).__next__


def _chunk_rng(seed: int, chunk: int) -> random.Random:
    return random.Random(f"xaso-demo/{seed}/{chunk}")  # str seeds hash with SHA-512: stable


# Pure functions of their key, shared by every chunk a process makes: a commune has a few
# tens of thousands of distinct names and days.
_NAMES: dict[tuple[str, str, str], tuple[str, str, str, str]] = {}
_DAYS: dict[int, tuple[str, int]] = {}
_YEAR_START: dict[int, int] = {}


def _day(ordinal: int) -> tuple[str, int]:
    """(ISO date, year) of a day number, remembered."""
    d = date.fromordinal(ordinal)
    day = _DAYS[ordinal] = (d.isoformat(), d.year)
    return day


class _Gen:
    """Households of one chunk, as value tuples per table (columns: COLUMNS[table]).

    `batch` shows the same rows as complete dicts per model (every column, DB values), the shape
    `core.services.bulk.bulk_create` takes; assign `{}` to it to start a new batch.
    """

    def __init__(self, user_id: str | None, seed: int, today: date, chunk: int = 0,
                 now: str | None = None):
        self.rng = rng = _chunk_rng(seed, chunk)
        self.surname, self.ethnicity, self.religion = (
            _picker(SURNAMES, rng), _picker(ETHNICITIES, rng), _picker(RELIGIONS, rng))
        self.given = ((_picker(MALE_MIDDLE, rng), _picker(MALE_GIVEN, rng)),
                      (_picker(FEMALE_MIDDLE, rng), _picker(FEMALE_GIVEN, rng)))
        self.adult_state = _stream(_expand(*zip(*ADULT_STATES, strict=True)), rng)
        self.children = _stream(_expand(*zip(*CHILDREN, strict=True)), rng)
        self.user_id, self.today, self.now = user_id, today, now or _now()
        self.today_ordinal, self.this_year = today.toordinal(), today.year
        self.serial = chunk * SERIALS_PER_CHUNK
        self.commune_code: str | None = None
        self._dicts: dict[type, list[dict]] = {}
        self.take()

    def take(self) -> dict[str, list[tuple]]:
        """The rows generated since the last call, per table in insert order."""
        rows = getattr(self, "rows", {})
        self.rows = {table: [] for table in COLUMNS}
        (self.addresses, self.persons, self.households, self.members, self.statuses,
         self.follow_ups) = self.rows.values()
        return rows

    @property
    def batch(self) -> dict[type, list[dict]]:
        from core.models import SYNCED_ENTITIES

        for table, rows in self.take().items():
            if rows:
                const = _constants(table, self.now, self.user_id, self.commune_code)
                columns = COLUMNS[table]
                self._dicts.setdefault(SYNCED_ENTITIES[table], []).extend(
                    dict(zip(columns, row, strict=True)) | const for row in rows)
        return self._dicts

    @batch.setter
    def batch(self, value: dict[type, list[dict]]) -> None:
        self.take()
        self._dicts = value

    def base(self) -> dict:
        return {"id": _new_id(), "version": 1, "created_at": self.now, "updated_at": self.now,
                "updated_by": self.user_id, "deleted_at": None, "deleted_reason": None}

    def person(self, female: bool, birth_year: int, address_id: str,
               surname: str | None = None) -> tuple[str, str]:
        """Add a person (and their VNeID status); returns (id, surname)."""
        rand = self.rng.random
        middle, given = self.given[female]
        surname = surname or self.surname()
        key = (surname, middle(), given())
        names = _NAMES.get(key)
        if names is None:
            name = full_name(*key)
            names = _NAMES[key] = (name, search_key(name), name_key(name), person_sort_key(name))
        this_year = self.this_year
        if birth_year > this_year:
            birth_year = this_year
        start = _YEAR_START.get(birth_year)
        if start is None:
            start = _YEAR_START[birth_year] = date(birth_year, 1, 1).toordinal()
        born = start + int(rand() * 365)
        if born > self.today_ordinal:
            born = self.today_ordinal - 1 - int(rand() * 199)
        iso, year = _DAYS.get(born) or _day(born)
        year_only = birth_year < 1950 and rand() < 0.1
        self.serial = serial = self.serial + 1
        if serial > 999_999:
            raise ValueError(f"serial out of range: {serial}")
        province = HOME_PROVINCE if rand() < 0.9 else OTHER_PROVINCES[int(rand() * 8)]
        # The 12-digit number as core.personal_id.make_personal_id builds it (PPP G YY RRRRRR).
        number = f"0{province}{(year // 100 - 19) * 2 + female}{year % 100:02d}{serial:06d}"
        if rand() < 0.02 and year < 1960:
            number = None  # some elders still only have an old CMND
        old_cmnd = None
        if year <= 2000 and rand() < 0.6:
            old_cmnd = f"17{int(rand() * 10_000_000):07d}"
        person_id = _new_id()
        self.persons.append((
            person_id, *names, number, old_cmnd,
            str(year) if year_only else iso, "year" if year_only else "day", year,
            "F" if female else "M", self.ethnicity(), self.religion(), address_id))
        # VNeID journey: from 6 years old; accounts of level 2 from 14.
        age = this_year - year
        if age < 6:
            return person_id, surname
        if age < 14:
            state = "level1" if rand() < 0.5 else "no_account"
        else:
            state = self.adult_state()
        level = VNEID_LEVEL.get(state, 0)
        failure = None
        if (state == "no_account" or state == "issued") and rand() < 0.4:
            failure = FAILURES[int(rand() * 6)]
        day = self.today_ordinal - 1 - int(rand() * 699)
        when = (_DAYS.get(day) or _day(day))[0]
        self.statuses.append((_new_id(), person_id, level, state, f'{{"{state}": "{when}"}}',
                              failure, CRITERIA[level == 2]))
        if state != "activated" and age >= 14 and rand() < 0.12:
            day = self.today_ordinal - 7 + int(rand() * 28)
            task = "Hướng dẫn kích hoạt VNeID" if state == "issued" else "Mời đi làm định danh mức 2"
            self.follow_ups.append((_new_id(), person_id, task, (_DAYS.get(day) or _day(day))[0]))
        return person_id, surname

    def household(self, hamlet_ids: list[str], commune_code: str | None = None) -> int:
        """One household: head, maybe a spouse, children, maybe an elderly parent."""
        if commune_code is not None:
            self.commune_code = commune_code
        rand = self.rng.random
        this_year = self.this_year
        address_id = _new_id()
        self.addresses.append((address_id, hamlet_ids[int(rand() * len(hamlet_ids))],
                               f"Số {1 + int(rand() * 299)}"))
        code = f"HK{self.serial + 1:06d}"
        head_female = rand() >= 0.78
        head_year = this_year - 22 - int(rand() * 64)
        head_id, head_surname = self.person(head_female, head_year, address_id)
        members = [(head_id, RELATIONSHIP_HEAD)]
        if rand() < 0.8:
            spouse_id, _ = self.person(not head_female, head_year - 4 + int(rand() * 11),
                                       address_id)
            members.append((spouse_id, "chồng" if head_female else "vợ"))
        family_name = None if head_female else head_surname
        for _ in range(self.children()):
            child_year = head_year + 20 + int(rand() * 23)
            if child_year > this_year:
                break
            child_id, _ = self.person(rand() < 0.5, child_year, address_id, family_name)
            members.append((child_id, "con"))
        if rand() < 0.15 and head_year - 26 >= this_year - 100:
            parent_female = rand() < 0.5
            parent_id, _ = self.person(parent_female, head_year - 22 - int(rand() * 11),
                                       address_id)
            members.append((parent_id, "mẹ" if parent_female else "bố"))
        household_id = _new_id()
        self.households.append((household_id, code, address_id, head_id))
        self.members += [(_new_id(), household_id, person_id, relationship)
                         for person_id, relationship in members]
        return len(members)


def _chunk_targets(persons: int) -> list[int]:
    full, rest = divmod(persons, CHUNK_PERSONS)
    return [CHUNK_PERSONS] * full + ([rest] if rest else [])


@dataclass(frozen=True)
class _Plan:
    """Everything a process needs to make any chunk of one commune."""

    targets: list[int]  # persons per chunk
    user_id: str | None
    seed: int
    today: date
    now: str
    hamlet_ids: list[str]


def _make_chunk(plan: _Plan, chunk: int) -> tuple[int, list[tuple[str, tuple, list[tuple]]]]:
    """(persons made, [(table, columns, rows)]) of one chunk: the same wherever it is made."""
    gen = _Gen(plan.user_id, plan.seed, plan.today, chunk=chunk, now=plan.now)
    done = 0
    while done < plan.targets[chunk]:
        done += gen.household(plan.hamlet_ids)
    return done, [(table, COLUMNS[table], rows) for table, rows in gen.take().items() if rows]


def _claim(counter, total: int, orphaned: Callable[[], bool] = lambda: False) -> int | None:
    """The next chunk nobody has taken yet (shared between the processes), None when done.

    A process killed while holding the counter's lock never releases it: the generator waits
    for it in short slices and gives up once the writing process is gone."""
    lock = counter.get_lock()
    while not lock.acquire(timeout=1):
        if orphaned():
            return None
    try:
        chunk = counter.value
        if chunk >= total:
            return None
        counter.value = chunk + 1
        return chunk
    finally:
        lock.release()


def _generate_chunks(out, counter, plan: _Plan) -> None:
    """Generator process: claim chunks until none is left, send each as (chunk, marshalled).

    marshal (plain tuples of str/int/None, same interpreter on both ends) loads ~25% faster
    than pickle, and loading is on the writing process's side.
    """
    parent = multiprocessing.parent_process()

    def orphaned() -> bool:  # the writing process was killed: nobody will read any more
        if parent is None or parent.is_alive():
            return False
        out.cancel_join_thread()  # exit now, whatever is left in the pipe
        return True

    while (chunk := _claim(counter, len(plan.targets), orphaned)) is not None \
            and not orphaned():
        item = (chunk, marshal.dumps(_make_chunk(plan, chunk)))
        while True:
            try:
                out.put(item, timeout=1)
                break
            except queue.Full:
                if orphaned():
                    return
    # Every chunk is made, but the last ones may still be in the pipe: exiting now would wait
    # for them to be read (the queue's feeder thread), forever if the writer has been killed.
    # Stay until the writer marks the end (see generate_demo) or is gone.
    while counter.get_obj().value <= len(plan.targets) and not orphaned():
        time.sleep(0.2)


def _chunks_in_order(plan: _Plan, counter, batches, worker):
    """Every chunk, in chunk order (rowids are then the same in every run).

    Chunks come from the generator process; whenever none is waiting (while that process
    starts, or when it falls behind) this process makes the next unclaimed chunk itself, so
    neither side idles and the work splits by itself between the two cores.
    """
    ready: dict[int, tuple] = {}
    for want in range(len(plan.targets)):
        while want not in ready:
            try:
                chunk, rows = batches.get_nowait()
            except queue.Empty:
                chunk = None
                if len(ready) < AHEAD:
                    chunk = _claim(counter, len(plan.targets))
                if chunk is None:  # all claimed, or far enough ahead: wait for the generator
                    chunk, rows = _next_batch(batches, worker)
                else:
                    rows = _make_chunk(plan, chunk)
            ready[chunk] = marshal.loads(rows) if isinstance(rows, bytes) else rows
        yield ready.pop(want)


def generate_demo(ws: Workspace, persons: int = 2000, seed: int = 6, today: date | None = None,
                  progress: Callable[[int, int], None] | None = None) -> dict:
    """Fill an empty demo store with a synthetic commune of about `persons` residents.

    A second process generates rows (chunk by chunk, as value tuples) while this one writes
    them, and generates too whenever it would otherwise wait. One transaction for the whole
    commune, so either all of it exists or none of it (a killed generation leaves the empty
    store it started from: see Database.write, rollback_journal). Inside it: secondary indexes
    are built once at the end (a sorted build is several times cheaper than random-position
    inserts), then the search ranks and FTS rows set-wise; no foreign-key lookups (every row is
    generated together with the rows it points at; the tests check the result); a page cache
    large enough to hold the new commune (a page the cache lets go is encrypted and written
    early, then read back and decrypted by the index builds); and a rollback journal instead
    of WAL, so that commit writes each page once.
    """
    from sqlalchemy import func
    from sqlmodel import select

    from core import audit
    from core.models import Person

    ws.actor.require(Perm.SETTINGS_MANAGE)
    commune_code = ws.meta("commune_code")
    if not ws.is_demo:
        raise XasoError(QT_TR_NOOP(
            "Thư mục này chứa dữ liệu thật; hãy tạo xã mẫu ở một thư mục riêng."))
    if persons > MAX_PERSONS:
        raise XasoError(Msg(QT_TR_NOOP("Xã mẫu có tối đa {n} người."),
                            n=f"{MAX_PERSONS:,}".replace(",", ".")))
    with ws.db.read() as session:
        existing = session.exec(select(func.count()).select_from(Person)).one()
    if existing:
        raise XasoError(QT_TR_NOOP("Xã mẫu đã có dữ liệu; hãy dùng một thư mục mới để tạo lại."))
    now, user_id = _now(), ws.actor.user_id
    hamlets = [(_new_id(), name, commune_code, i, 1) for i, name in enumerate(HAMLETS.values)]
    plan = _Plan(_chunk_targets(persons), user_id, seed, today or date.today(), now,
                 [h[0] for h in hamlets])
    context = multiprocessing.get_context("spawn")  # the same on Windows and Linux
    counter = context.Value("i", 0)
    batches = context.Queue(maxsize=2)  # back-pressure: at most two chunks in the pipe
    worker = context.Process(target=_generate_chunks, args=(batches, counter, plan),
                             daemon=True, name="xaso-demo-generator")
    worker.start()
    totals: dict[str, int] = {"hamlet": len(hamlets)}
    constants = {table: _constants(table, now, user_id, commune_code)
                 for table in ("hamlet", *COLUMNS)}
    done = 0
    try:
        # Exits run inner first: the indexes are rebuilt before the search ranks, whose
        # ORDER BY sort_key then walks the narrow ix_person_sort instead of sorting persons.
        with (ws.db.write(trusted_references=True, cache_kib=_cache_kib(persons),
                          rollback_journal=True) as session,
              search_index_deferred(session),
              deferred_indexes(session, DEFERRED_INDEX_TABLES)):
            insert_values(session, "hamlet", ("id", "name", "commune_code", "position", "active"),
                          hamlets, constants=constants["hamlet"])
            for made, tables in _chunks_in_order(plan, counter, batches, worker):
                for table, columns, values in tables:
                    insert_values(session, table, columns, values, constants=constants[table])
                    totals[table] = totals.get(table, 0) + len(values)
                done += made
                if progress:
                    progress(done, persons)
            audit.append_event(session, user_id, "demo.generate",
                               details={"seed": seed, "counts": totals})
    finally:
        with counter.get_lock():
            counter.value = len(plan.targets) + 1  # nothing to claim, all read: generator ends
        worker.join(timeout=5)
        if worker.is_alive():
            worker.terminate()
    log.info("demo commune generated: %s", totals)
    return {"commune_code": commune_code, "seed": seed, "persons": totals.get("person", 0),
            "counts": totals}


def _cache_kib(persons: int) -> int:
    """Page cache for the demo transaction: the commune takes ~1.5 KiB of pages per person."""
    from core.db import WRITER_CACHE_KIB

    return max(WRITER_CACHE_KIB, 2 * persons)


def _next_batch(batches, worker):
    while True:
        try:
            return batches.get(timeout=1)
        except queue.Empty:
            if not worker.is_alive():
                raise XasoError(QT_TR_NOOP("Tiến trình tạo dữ liệu mẫu dừng bất thường; "
                                           "chưa có gì được ghi, hãy thử lại.")) from None


def _ordered(batch: dict[type, list[dict]]) -> list[tuple[type, list[dict]]]:
    # Parents before children: hamlets, addresses and persons before what points at them.
    from core.models import (
        Address,
        DigitalCitizenStatus,
        FollowUp,
        Hamlet,
        Household,
        HouseholdMember,
        Person,
    )

    order = (Hamlet, Address, Person, Household, HouseholdMember, DigitalCitizenStatus, FollowUp)
    return [(model, batch.get(model, [])) for model in order]
