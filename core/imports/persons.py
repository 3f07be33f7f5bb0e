"""Importing residents: every row validated like a typed-in person, matched against the whole
commune (DOMAIN.md §8) and against the rows above it, then written in one transaction.

Matching uses an in-memory index of the stored persons (one query, ~0.5 s at 200k) so that
100k rows do not cost 300k queries; the rules are core.matching's own (`match_in`).

What each outcome does:
- by system ID (an exported file coming back), STRONG, VIA_CMND → update the fields that differ
  (a field read from the chip is kept: the chip outranks a spreadsheet) or unchanged;
- CANDIDATE (same folded name + full date of birth, no ID on one side) → fill in only the fields
  the stored person lacks; a real difference sends the row to review;
- CONFLICT, AMBIGUOUS, WEAK → review: nothing is written to the person, a review item is opened;
- UNMATCHED → new person.
"""

from __future__ import annotations

import json
import multiprocessing
import re
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlmodel import Session, select

from core import audit
from core.auth import Perm
from core.errors import ValidationError
from core.excel import cells, legacy_text
from core.i18n import QT_TR_NOOP, Label, Msg
from core.imports.fields import COMMON_IGNORED, ID_COLUMN, ImportField, Target
from core.imports.plan import Plan, RowPlan, Table, check_required
from core.matching import IDENTIFIED, Outcome, Probe, match_in
from core.models import Address, AppMeta, Hamlet, Person, ReviewItem, db_value, new_id, utcnow
from core.progress import NO_PROGRESS, Progress
from core.services import bulk, persons
from core.services._change import load_for_update, save_entity
from core.store import Workspace
from core.text import fold, search_key

DOMAIN = persons.DOMAIN
L = Label

TARGET = Target("person", L({"vi": "cư dân", "en": "residents"}), (
    ImportField("id", ID_COLUMN, "ref", aliases=("Mã hệ thống", "System ID")),
    ImportField("full_name", L({"vi": "Họ và tên", "en": "Full name"}), required=True, aliases=(
        "Họ tên", "Họ và tên công dân", "Họ tên công dân", "Tên", "Họ và tên người dân",
        "Name", "Họ, chữ đệm và tên", "Họ chữ đệm và tên")),
    ImportField("personal_number", L({"vi": "Số định danh cá nhân", "en": "Personal ID number"}),
                "id12", aliases=("Số định danh", "Số CCCD", "CCCD", "Số căn cước", "Căn cước",
                                 "Căn cước công dân", "Số căn cước công dân", "Mã định danh",
                                 "Số ĐDCN", "ĐDCN", "Số thẻ căn cước", "CCCD/ĐDCN", "ID number")),
    ImportField("old_id_number", L({"vi": "Số CMND cũ", "en": "Old ID card number"}), "id_old",
                aliases=("Số CMND", "CMND", "Chứng minh nhân dân", "CMND cũ", "Số chứng minh")),
    ImportField("dob", L({"vi": "Ngày sinh", "en": "Date of birth"}), "date", aliases=(
        "Ngày tháng năm sinh", "Ngày, tháng, năm sinh", "Sinh ngày", "NS", "Năm sinh",
        "Ngày sinh (dd/mm/yyyy)", "DOB")),
    ImportField("dob_male", L({"vi": "Ngày sinh Nam", "en": "Date of birth (male)"}), "date",
                aliases=("Năm sinh Nam", "Ngày tháng năm sinh Nam", "Sinh ngày Nam")),
    ImportField("dob_female", L({"vi": "Ngày sinh Nữ", "en": "Date of birth (female)"}), "date",
                aliases=("Năm sinh Nữ", "Ngày tháng năm sinh Nữ", "Sinh ngày Nữ")),
    ImportField("sex", L({"vi": "Giới tính", "en": "Sex"}), "sex",
                aliases=("GT", "Nam/Nữ", "Nam, Nữ", "Phái", "Gender")),
    ImportField("nationality", L({"vi": "Quốc tịch", "en": "Nationality"})),
    ImportField("ethnicity", L({"vi": "Dân tộc", "en": "Ethnicity"})),
    ImportField("religion", L({"vi": "Tôn giáo", "en": "Religion"})),
    ImportField("place_of_origin", L({"vi": "Quê quán", "en": "Place of origin"}),
                aliases=("Nguyên quán",)),
    ImportField("place_of_birth", L({"vi": "Nơi sinh", "en": "Place of birth"}),
                aliases=("Nơi đăng ký khai sinh",)),
    ImportField("hamlet", L({"vi": "Thôn/Tổ dân phố", "en": "Hamlet"}), "hamlet", aliases=(
        "Thôn", "Xóm", "Thôn, xóm", "Thôn/xóm", "Tổ dân phố", "Khu phố", "Bản", "Ấp", "TDP",
        "Thôn/TDP", "Thôn, tổ dân phố", "Thôn/Khu phố")),
    ImportField("address", L({"vi": "Địa chỉ", "en": "Address"}), aliases=(
        "Nơi thường trú", "Địa chỉ thường trú", "Nơi ở hiện nay", "Nơi ở hiện tại",
        "Chỗ ở hiện tại", "Chỗ ở hiện nay", "Số nhà")),
), COMMON_IGNORED + ("Số điện thoại", "Điện thoại", "SĐT"))

# A stored ethnicity/religion in a preview, for a user not allowed to read them.
HIDDEN = "•••"
PERSON_FIELDS = ("full_name", "personal_number", "old_id_number", "dob", "sex", "nationality",
                 "ethnicity", "religion", "place_of_origin", "place_of_birth")
_HAMLET_WORDS = re.compile(r"^(thon|xom|to dan pho|tdp|khu pho|ban|ap|to|khu|lang|doi)\s+")


def hamlet_key(name: str) -> str:
    """"Thôn Đông Hoà", "thon dong hoa" and "Đông Hòa" are the same hamlet."""
    return _HAMLET_WORDS.sub("", fold(name or "")).strip()


@dataclass(slots=True)
class Known:
    """A stored person as the importer sees it (what matching and diffs need)."""

    id: str
    full_name: str
    personal_number: str | None
    old_id_number: str | None
    dob: str | None
    sex: str | None
    nationality: str | None
    ethnicity: str | None
    religion: str | None
    place_of_origin: str | None
    place_of_birth: str | None
    residence_address_id: str | None
    hamlet_id: str | None
    address: str | None
    provenance: str
    version: int
    sheet_row: int = 0  # > 0: not stored, planned from this row of the file


class PersonIndex:
    """Stored persons by ID number, old CMND, folded name and system id (a PersonLookup)."""

    def __init__(self, people: list[Known]):
        self.by_id: dict[str, Known] = {}
        self._number: dict[str, list[Known]] = defaultdict(list)
        self._old: dict[str, list[Known]] = defaultdict(list)
        self._name: dict[str, list[Known]] = defaultdict(list)
        self._name_numberless: dict[str, list[Known]] = defaultdict(list)
        for person in people:
            self.add(person)

    @classmethod
    def load(cls, session: Session) -> PersonIndex:
        driver = session.connection().connection.driver_connection
        rows = driver.execute(
            "SELECT p.id, p.full_name, p.personal_number, p.old_id_number, p.dob, p.sex, "
            "p.nationality, p.ethnicity, p.religion, p.place_of_origin, p.place_of_birth, "
            "p.residence_address_id, a.hamlet_id, a.free_text, p.provenance, p.version "
            "FROM person p LEFT JOIN address a ON a.id = p.residence_address_id "
            "WHERE p.deleted_at IS NULL")
        return cls([Known(*row) for row in rows])

    def add(self, person: Known, folded: str | None = None) -> None:
        self.by_id[person.id] = person
        if person.personal_number:
            self._number[person.personal_number].append(person)
        if person.old_id_number:
            self._old[person.old_id_number].append(person)
        folded = folded or search_key(person.full_name)
        self._name[folded].append(person)
        if not person.personal_number:
            self._name_numberless[folded].append(person)

    def by_personal_number(self, number: str) -> list[Known]:
        return self._number.get(number, [])

    def by_old_id_number(self, number: str) -> list[Known]:
        return self._old.get(number, [])

    def by_name_folded(self, folded: str, numberless_only: bool = False) -> list[Known]:
        return (self._name_numberless if numberless_only else self._name).get(folded, [])


def _columns(mapping: dict[int, str]) -> list[tuple[int, str, str, Label]]:
    """(column, field, kind, label) for each mapped column, looked up once per import."""
    return [(i, name, TARGET.field(name).kind, TARGET.field(name).label)
            for i, name in sorted(mapping.items())]


def _read_cells(row: RowPlan, columns, convert: str | None) -> dict:
    """Cell values → text per field, with repair notes and the errors cells alone reveal."""
    data: dict = {}
    raw = row.raw
    width = len(raw)
    for index, name, kind, label in columns:
        value = raw[index] if index < width else None
        if kind == "date":
            text = cells.date_text(value)[0]
        elif kind == "id12" or kind == "id_old":
            text, note = cells.id_text(value, 12 if kind == "id12" else 9)
            if note == "leading_zero":
                row.notes.append(Msg(QT_TR_NOOP(
                    "{label}: đã thêm số 0 đầu mà Excel làm mất."), label=label))
            elif note == "scientific":
                row.fail(name, Msg(QT_TR_NOOP(
                    "{label} bị Excel đổi sang dạng số mũ ({value}) nên đã mất chữ số: hãy định "
                    "dạng cột là Văn bản (Text) và nhập lại số."), label=label, value=text))
                continue
        else:
            text = cells.text(value)
        if text and convert and isinstance(value, str):
            text = legacy_text.convert_cell(text, convert)
        data[name] = text
    return data


def _person_fields(row: RowPlan, data: dict) -> dict:
    """The two "born (male) / born (female)" columns of old forms → dob + sex."""
    male, female = data.pop("dob_male", None), data.pop("dob_female", None)
    if male and female:
        row.fail("dob", QT_TR_NOOP("Có cả ngày sinh ở cột Nam và cột Nữ: chỉ ghi ở một cột."))
    elif male or female:
        # Errors about the date then point at the column it came from.
        row.extra["columns_of"] = {"dob": "dob_male" if male else "dob_female"}
        data["dob"] = data.get("dob") or male or female
        sex = "Nam" if male else "Nữ"
        if data.get("sex") and fold(data["sex"]) != fold(sex):
            row.fail("sex", QT_TR_NOOP("Giới tính không khớp với cột ngày sinh Nam/Nữ."))
        data["sex"] = sex
    return {k: v for k, v in data.items() if k in PERSON_FIELDS}


# From this many rows, a second process checks the last rows while this one checks and matches
# the first (checking is ~70% of a preview; matching stays here, in file order).
PARALLEL_FROM = 20_000


def plan_rows(ws: Workspace, target_code: str, table: Table, mapping: dict[int, str],
              convert_legacy: bool | None = None, progress: Progress = NO_PROGRESS) -> Plan:
    """Validate and match every row; nothing is written."""
    assert target_code == TARGET.code
    ws.actor.require(Perm.PERSON_WRITE)  # a preview shows stored values: for those who import
    check_required(TARGET, mapping)
    convert = table.legacy if convert_legacy is None or convert_legacy else None
    columns = _columns(mapping)
    total = len(table.rows)
    # The helper only checks; this process also matches its share, then the helper's rows.
    split = total * 2 // 5 if total >= PARALLEL_FROM else total
    with ws.db.read() as session:
        hamlets = {hamlet_key(h.name): h.id for h in session.exec(
            select(Hamlet).where(Hamlet.deleted_at.is_(None)))}
    job = (table.rows[split:], table.sheet_row(split), columns, convert, hamlets, False)
    with _helper(split < total) as pool:
        second_half = pool.apply_async(_check_rows, job) if pool else None
        with ws.db.read() as session:
            index = PersonIndex.load(session)
        plan = Plan(TARGET.code, table, mapping, [], convert_legacy=bool(convert))
        hide = not ws.actor.can(Perm.SENSITIVE_READ)
        own = _check_rows(table.rows[:split], table.sheet_row(0), columns, convert, hamlets,
                          True, progress, total)
        _match_rows(own, index, plan, hide)  # while the helper still checks the second half
        if second_half is not None:
            theirs = second_half.get()
            for row in theirs:
                row.raw = table.rows[row.sheet_row - table.sheet_row(0)]
            progress.step(split, total)
            _match_rows(theirs, index, plan, hide)
    progress.step(total, total)
    with ws.db.write() as session:
        audit.append_event(session, ws.actor.user_id, "import.preview", details={
            "target": TARGET.code, "rows": len(plan.rows), "counts": plan.counts()})
    return plan


def _match_rows(rows: list[RowPlan], index: PersonIndex, plan: Plan, hide: bool) -> None:
    """Match checked rows in file order (a row is matched against the rows above it too)."""
    for row in rows:
        if row.status != "error":
            _match(row, row.extra.pop("system_id", None), row.values, index, hide)
        plan.rows.append(row)


@contextmanager
def _helper(wanted: bool) -> Iterator:
    """A one-process pool (spawned: the same on Windows and Linux), terminated on the way out,
    cancel or error included."""
    if not wanted:
        yield None
        return
    pool = multiprocessing.get_context("spawn").Pool(1)
    try:
        yield pool
    finally:
        pool.terminate()
        pool.join()


def _check_rows(raws: list[list], first_sheet_row: int, columns, convert, hamlets: dict,
                keep_raw: bool, progress: Progress = NO_PROGRESS,
                total: int = 0) -> list[RowPlan]:
    """Each row checked on its own (no matching). In the helper process `keep_raw` is False:
    the rows go back without their cells (the parent has them)."""
    rows = []
    for i, raw in enumerate(raws):
        if i % 2000 == 0 and total:
            progress.step(i, total)
        if not any(raw):
            continue
        row = RowPlan(first_sheet_row + i, raw)
        if _check_row(row, columns, convert, hamlets):
            if not keep_raw:
                row.raw = None
            rows.append(row)
    return rows


def _check_row(row: RowPlan, columns, convert, hamlets: dict) -> bool:
    """Check one row; False for a row with nothing in its mapped columns (pre-numbered empty
    rows of a template, cells holding only spaces)."""
    data = _read_cells(row, columns, convert)
    if not row.errors and not any(data.values()):
        return False
    row.extra["system_id"] = data.pop("id", None)
    hamlet_text, address = data.pop("hamlet", None), data.pop("address", None)
    fields = _person_fields(row, data)
    if not fields.get("full_name"):
        row.fail("full_name", QT_TR_NOOP("Cần nhập họ và tên."))
    hamlet_id = hamlets.get(hamlet_key(hamlet_text)) if hamlet_text else None
    if hamlet_text and hamlet_id is None:
        row.fail("hamlet", Msg(QT_TR_NOOP(
            "Thôn “{name}” chưa có trong danh sách thôn/tổ dân phố của xã (Cài đặt → Thôn)."),
            name=hamlet_text))
    try:
        values, warnings, reviews = persons.clean_fields(fields)
    except ValidationError as exc:
        columns_of = row.extra.get("columns_of", {})
        for name, message in exc.errors.items():
            row.fail(columns_of.get(name, name), message)
        return True
    row.notes.extend(warnings)
    row.extra["reviews"] = reviews
    if hamlet_id is not None:
        values["hamlet_id"] = hamlet_id
    if address:
        values["address"] = address
    row.values = values
    return True


def _match(row: RowPlan, system_id: str | None, values: dict, index: PersonIndex,
           hide: bool) -> None:
    if system_id:
        known = index.by_id.get(system_id)
        if known is None or known.sheet_row:
            row.fail("id", QT_TR_NOOP("Mã hệ thống không có trong dữ liệu của xã (dòng đã bị xóa "
                                      "hoặc tệp của xã khác?). Xóa ô mã để nhập như người mới."))
            return
        row.outcome = "system_id"
        _compare(row, known, values, False, hide)
        return
    probe = Probe(id_number=values.get("personal_number"), full_name=values.get("full_name"),
                  dob=values.get("dob"), sex=values.get("sex"),
                  old_id_number=values.get("old_id_number"))
    result = match_in(index, probe)
    row.outcome = result.outcome.value
    found = [index.by_id[c.person_id] for c in result.candidates]
    in_file = [k.sheet_row for k in found if k.sheet_row]
    if in_file:
        row.fail("", Msg(QT_TR_NOOP("Trùng với dòng {row} ở trên trong cùng tệp."), row=in_file[0]))
        return
    if result.outcome == Outcome.UNMATCHED:
        row.status = "new"
        row.target_id = new_id()
        index.add(_planned(row, values), values["name_folded"])
        return
    if result.outcome in IDENTIFIED:
        _compare(row, found[0], values, False, hide)
        return
    if result.outcome == Outcome.CANDIDATE:
        _compare(row, found[0], values, True, hide)
        return
    row.status = "review"  # conflict / ambiguous / weak: a person decides
    row.target_id = found[0].id if found else None
    row.extra["candidates"] = [c.person_id for c in result.candidates]
    row.extra["reasons"] = [r for c in result.candidates for r in c.reasons]


def _stored(known: Known, name: str):
    if name == "address":
        return known.address
    return getattr(known, name)


def _compare(row: RowPlan, known: Known, values: dict, fill_only: bool, hide: bool) -> None:
    """Diff the file's values against the stored person. The chip outranks the file; a
    less precise date in the file ("1975") never overwrites a full one. `hide`: the stored
    ethnicity/religion are not shown to a user without SENSITIVE_READ."""
    row.target_id = known.id
    row.extra["version"] = known.version
    chip = _chip_fields(known)
    for name, new in values.items():
        if name in ("name_folded", "name_key", "sort_key", "dob_precision", "birth_year"):
            continue
        old = _stored(known, name)
        if new is None or new == old:
            continue
        if name == "dob" and old and old.startswith(new):
            continue
        if name in chip:
            row.notes.append(Msg(QT_TR_NOOP("{field}: giữ theo thẻ chip, không lấy theo tệp."),
                                 field=_label(name)))
            continue
        if fill_only and old not in (None, ""):
            row.status = "review"
            row.extra["reasons"] = [QT_TR_NOOP("Trùng họ tên và ngày sinh nhưng thông tin khác")]
            row.diff[name] = (old, new)
            continue
        row.diff[name] = (old, new)
    if row.status != "review":
        row.status = "update" if row.diff else "unchanged"
    if hide:
        for name in set(row.diff) & set(persons.SENSITIVE):
            row.diff[name] = (HIDDEN, row.diff[name][1])


def _label(name: str) -> Label:
    spec = TARGET.field(name) or TARGET.field({"hamlet_id": "hamlet"}.get(name, name))
    return spec.label if spec else Label({"vi": name})


def _chip_fields(known: Known) -> set[str]:
    if '"chip"' not in known.provenance:
        return set()
    return {k for k, v in json.loads(known.provenance).items() if v.get("source") == "chip"}


def _planned(row: RowPlan, values: dict) -> Known:
    return Known(row.target_id, values["full_name"], values.get("personal_number"),
                 values.get("old_id_number"), values.get("dob"), values.get("sex"), None, None,
                 None, None, None, None, values.get("hamlet_id"), values.get("address"), "{}", 0,
                 sheet_row=row.sheet_row)


# -- commit ------------------------------------------------------------------------------------

BIG_LOAD = 20_000  # new persons from which write_options() pays off
# Rebuilt once after a big load: the person indexes in random (name, number, date) order.
_DEFERRED = ("person",)
_APPENDED = ("ix_person_coverage",)  # led by the time-ordered id: new rows go at its end
_PERSON_COLUMNS = [c.name for c in Person.__table__.columns]
_ADDRESS_COLUMNS = [c.name for c in Address.__table__.columns]


def write_options(ws: Workspace, plan: Plan) -> dict:
    """A big load gets a page cache that holds what it writes, its indexes rebuilt once at the
    end, and (into a nearly empty commune) a rollback journal instead of WAL: see Database.write.
    """
    new = sum(1 for r in plan.rows if r.status == "new")
    if new < BIG_LOAD:
        return {}
    with ws.db.read() as session:
        stored = session.connection().exec_driver_sql(
            "SELECT count(*) FROM person WHERE deleted_at IS NULL").scalar()
    return {"cache_kib": 2 * new, "rollback_journal": new > stored, "defer_indexes": True}


def commit_rows(ws: Workspace, session: Session, plan: Plan, progress: Progress,
                defer_indexes: bool = False) -> dict:
    """Write the plan's new/update/review rows in the caller's transaction."""
    ws.actor.require(Perm.PERSON_WRITE)
    rows = [r for r in plan.rows if r.status in ("new", "update", "review")]
    new = [r for r in rows if r.status == "new"]
    if defer_indexes:
        with bulk.deferred_indexes(session, _DEFERRED, keep=_APPENDED):
            _insert_new(ws, session, new)
    else:
        _insert_new(ws, session, new)
    progress.step(len(new), len(rows))
    done = len(new)
    for row in rows:
        if row.status == "update":
            _apply_update(ws, session, row)
        elif row.status == "review":
            _open_review(ws, session, plan, row)
        else:
            continue
        done += 1
        if done % 200 == 0:
            progress.step(done, len(rows))
    return {"new": len(new)}


def _commune(session: Session) -> str | None:
    """This store's commune code, read in the write transaction (a rollback-journal load
    cannot open another connection)."""
    meta = session.get(AppMeta, "commune_code")
    return meta.value if meta else None


def _insert_new(ws: Workspace, session: Session, rows: list[RowPlan]) -> None:
    if not rows:
        return
    now = db_value(utcnow())
    commune = _commune(session)
    base = {"version": 1, "created_at": now, "updated_at": now, "updated_by": ws.actor.user_id,
            "deleted_at": None, "deleted_reason": None}
    stamp = {"source": "import", "by": ws.actor.user_id, "at": utcnow().isoformat()}
    people, addresses, reviews = [], [], []
    provenances: dict[tuple, str] = {}  # by the fields present: the same few layouts repeat
    places: dict[tuple, str] = {}  # (hamlet id, address text) -> address id
    for row in rows:
        values = row.values
        address_id = None
        place = (values.get("hamlet_id"), values.get("address"))
        if place != (None, None):
            # People of one house share its address row, as a household's members do.
            address_id = places.get(place)
            if address_id is None:
                address_id = places[place] = new_id()
                addresses.append({**base, "id": address_id, "unit_code": commune,
                                  "code_system": "2025", "hamlet_id": place[0],
                                  "free_text": place[1]})
        present = tuple(k for k in PERSON_FIELDS if values.get(k))
        provenance = provenances.get(present)
        if provenance is None:
            provenance = provenances[present] = json.dumps(
                dict.fromkeys(present, stamp), ensure_ascii=False, sort_keys=True)
        person = dict.fromkeys(_PERSON_COLUMNS)
        person.update(base)
        person.update({k: values.get(k) for k in PERSON_FIELDS})
        person.update(id=row.target_id, name_folded=values["name_folded"],
                      name_key=values["name_key"], sort_key=values["sort_key"],
                      dob_precision=values.get("dob_precision"),
                      birth_year=values.get("birth_year"), residence_address_id=address_id,
                      provenance=provenance)
        people.append(person)
        for reason in row.extra.get("reviews", ()):
            reviews.append(ReviewItem(kind="id_warning", entity="person", entity_id=row.target_id,
                                      details=json.dumps(reason, ensure_ascii=False)))
    address_rows = [{c: a.get(c) for c in _ADDRESS_COLUMNS} for a in addresses]
    bulk.insert_rows(session, ws, [(Address, address_rows), (Person, people)], DOMAIN)
    session.add_all(reviews)


def _apply_update(ws: Workspace, session: Session, row: RowPlan) -> None:
    """One new version of the person; a changed hamlet or address gets a new address row
    (the old one may be shared with the rest of the household)."""
    changes = {k: new for k, (_, new) in row.diff.items() if k in PERSON_FIELDS}
    place = {k: new for k, (_, new) in row.diff.items() if k in ("hamlet_id", "address")}
    if place:
        person = load_for_update(session, Person, row.target_id, QT_TR_NOOP("cư dân"))
        old = session.get(Address, person.residence_address_id) \
            if person.residence_address_id else None
        address = Address(unit_code=_commune(session), code_system="2025",
                          hamlet_id=place.get("hamlet_id", old.hamlet_id if old else None),
                          free_text=place.get("address", old.free_text if old else None))
        save_entity(session, ws, address, "address.create", DOMAIN, {"source": "import"})
        changes["residence_address_id"] = address.id
    persons.update_person(ws, row.target_id, changes, expected_version=row.extra["version"],
                          source="import", session=session)


def _open_review(ws: Workspace, session: Session, plan: Plan, row: RowPlan) -> None:
    details = {"code": "import_" + (row.outcome or "review"), "source": "import",
               "file": plan.table.file_name, "sheet_row": row.sheet_row,
               "values": {k: v for k, v in row.values.items() if k in PERSON_FIELDS},
               "candidates": row.extra.get("candidates", [row.target_id]),
               "message": str(Msg(QT_TR_NOOP("Nhập từ tệp {file}, dòng {row}: {reasons}"),
                                  file=plan.table.file_name, row=row.sheet_row,
                                  reasons="; ".join(str(r) for r in row.extra.get("reasons", ()))))}
    item = ReviewItem(kind="cleaning_mismatch", entity="person", entity_id=row.target_id or "",
                      details=json.dumps(details, ensure_ascii=False, default=str))
    save_entity(session, ws, item, "review.open", DOMAIN, {"code": details["code"]})
