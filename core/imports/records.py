"""Importing and exporting sector records of any declared type (resources/record_types).

The fields, labels, header aliases, validation and duplicate rule all come from the type's
definition, so a new type imports with no code. Per row:
- a system ID (an exported file coming back) → that record: unchanged, or updated — for a legal
  (civil-status) record the update is a new "cải chính" action citing the file and row, never
  an edit in place;
- else the type's duplicate rule (roles compared by what the payload says of them), checked
  in memory against every stored record of the type: one → compare (unchanged / update); several →
  review; the same key twice in the file → error on the second;
- else new. Persons are linked by the personal ID number in each role's id_field when a
  resident with that number is stored (a note says so when not).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from sqlmodel import Session

from core import audit
from core.auth import Perm
from core.errors import ValidationError
from core.excel import cells, legacy_text
from core.excel.writer import ID, Sheet, Styled, write_xlsx
from core.i18n import QT_TR_NOOP, Label, Msg
from core.imports.fields import COMMON_IGNORED, ID_COLUMN, ImportField, Target
from core.imports.plan import Plan, RowPlan, Table, check_required
from core.models import Record, ReviewItem
from core.progress import NO_PROGRESS, Progress
from core.record_types import RecordType, check_payload, load_record_types, role_identity
from core.services import records
from core.services._change import save_entity
from core.store import Workspace
from core.text import fold

_KINDS = {"date": "date", "personal_id": "id12", "int": "number", "number": "number",
          "bool": "bool", "choice": "choice", "admin_unit": "admin_unit", "text": "text"}


def _type(code: str) -> RecordType:
    return load_record_types()[code]


def target_for(code: str) -> Target:
    record_type = _type(code)
    fields = [ImportField("id", ID_COLUMN, "ref", aliases=("Mã hệ thống", "System ID"))]
    fields += [ImportField(f.name, Label(f.label), _KINDS[f.type], f.required, f.aliases)
               for f in record_type.fields]
    return Target(code, Label(record_type.label), tuple(fields), COMMON_IGNORED)


def _cell(kind: str, value, convert: str | None):
    if kind == "date":
        return cells.date_text(value)[0]
    if kind == "id12":
        return cells.id_text(value)[0]
    if kind in ("number", "bool") and not isinstance(value, str):
        return None if cells.is_empty(value) else value
    text = cells.text(value)
    if text and convert and isinstance(value, str):
        text = legacy_text.convert_cell(text, convert)
    return text


def plan_rows(ws: Workspace, target_code: str, table: Table, mapping: dict[int, str],
              convert_legacy: bool | None = None, progress: Progress = NO_PROGRESS) -> Plan:
    """Validate, deduplicate and link every row; nothing is written."""
    ws.actor.require(Perm.RECORD_READ)
    record_type = _type(target_code)
    target = target_for(target_code)
    check_required(target, mapping)
    convert = table.legacy if convert_legacy is None or convert_legacy else None
    columns = [(i, name, target.field(name).kind) for i, name in sorted(mapping.items())]
    plan = Plan(target_code, table, mapping, [], convert_legacy=bool(convert))
    with ws.db.read() as session:
        driver = session.connection().connection.driver_connection
        people = dict(driver.execute("SELECT personal_number, id FROM person "
                                     "WHERE deleted_at IS NULL AND personal_number IS NOT NULL"))
        stored = {row[0]: (json.loads(row[1]), row[2]) for row in driver.execute(
            "SELECT id, payload, version FROM record WHERE type_code = ? AND deleted_at IS NULL",
            (target_code,))}
    # The duplicate rule over every stored record at once (a query per row costs ~0.4 s at
    # 300k records): stored keys, then the file's own rows as they are planned.
    known: dict[tuple, list[str]] = {}
    for record_id, (payload, _) in stored.items():
        key = _dedup_key(record_type, payload)
        if key is not None:
            known.setdefault(key, []).append(record_id)
    seen: dict[tuple, int] = {}
    total = len(table.rows)
    for i, raw in enumerate(table.rows):
        if i % 500 == 0:
            progress.step(i, total)
        if not any(raw):
            continue
        row = RowPlan(table.sheet_row(i), raw)
        data = {name: _cell(kind, raw[c] if c < len(raw) else None, convert)
                for c, name, kind in columns}
        if not any(v not in (None, "") for v in data.values()):
            continue
        plan.rows.append(row)
        system_id = data.pop("id", None)
        try:
            clean, warnings = check_payload(record_type, data)
        except ValidationError as exc:
            for name, message in exc.errors.items():
                row.fail(name, message)
            continue
        row.values = clean
        row.notes.extend(warnings.values())
        row.extra["links"] = _links(record_type, clean, people, row)
        if system_id:
            if system_id not in stored:
                row.fail("id", QT_TR_NOOP("Mã hệ thống không có trong dữ liệu của xã (hồ sơ đã "
                                          "bị xóa hoặc tệp của xã khác?). Xóa ô mã để nhập "
                                          "như hồ sơ mới."))
                continue
            row.outcome = "system_id"
            _compare(row, system_id, *stored[system_id])
            continue
        key = _dedup_key(record_type, clean)
        if key is not None and key in seen:
            row.fail("", Msg(QT_TR_NOOP("Trùng với dòng {row} ở trên trong cùng tệp."),
                             row=seen[key]))
            continue
        if key is not None:
            seen[key] = row.sheet_row
        duplicates = known.get(key, []) if key is not None else []
        if len(duplicates) == 1:
            row.outcome = "duplicate_rule"
            _compare(row, duplicates[0], *stored[duplicates[0]])
        elif duplicates:
            row.status, row.outcome = "review", "ambiguous"
            row.target_id = duplicates[0]
            row.extra["candidates"] = list(duplicates)
            row.extra["reasons"] = [Msg(QT_TR_NOOP("Giống {n} hồ sơ đã có"), n=len(duplicates))]
        else:
            row.status, row.outcome = "new", "unmatched"
    progress.step(total, total)
    with ws.db.write() as session:
        audit.append_event(session, ws.actor.user_id, "import.preview", details={
            "target": target_code, "rows": len(plan.rows), "counts": plan.counts()})
    return plan


def _links(record_type: RecordType, clean: dict, people: dict, row: RowPlan) -> list:
    links = []
    for role in record_type.roles:
        number = clean.get(role.id_field) if role.id_field else None
        if not number:
            continue
        if number in people:
            links.append((role.role, people[number]))
        else:
            row.notes.append(Msg(QT_TR_NOOP(
                "{role}: chưa có cư dân số định danh {number}; chỉ ghi trong hồ sơ."),
                role=Label(role.label), number=number))
    return links


def _dedup_key(record_type: RecordType, clean: dict) -> tuple | None:
    """The type's duplicate rule as a key, for rows of one file: the plain fields folded, and
    per role its ID number, else folded name and date of birth."""
    values = [clean.get(k) for k in record_type.dedup_fields]
    if not values or any(v in (None, "") for v in values):
        return None
    key = [fold(str(v)) for v in values]
    for role in record_type.dedup_roles:
        who = role_identity(record_type, role, clean)
        key.append(who["id"] or (fold(who["name"] or ""), who["dob"]))
    return tuple(key)


def _compare(row: RowPlan, record_id: str, payload: dict, version: int) -> None:
    row.target_id = record_id
    row.extra["version"] = version
    for name, new in row.values.items():
        if payload.get(name) != new:
            row.diff[name] = (payload.get(name), new)
    row.status = "update" if row.diff else "unchanged"


def write_options(ws: Workspace, plan: Plan) -> dict:
    return {}


def commit_rows(ws: Workspace, session: Session, plan: Plan, progress: Progress,
                defer_indexes: bool = False) -> dict:
    """Write through the records service (validation, history, outbox, audit) in the caller's
    transaction."""
    ws.actor.require(Perm.RECORD_WRITE)
    record_type = _type(plan.target)
    todo = [r for r in plan.rows if r.status in ("new", "update", "review")]
    for done, row in enumerate(todo, start=1):
        if row.status == "new":
            records.create_record(ws, plan.target, row.values, row.extra["links"],
                                  allow_duplicate=True, session=session)
        elif row.status == "update" and record_type.legal:
            changes = {k: new for k, (_, new) in row.diff.items()}
            records.correct_record(ws, row.target_id, changes, Msg(QT_TR_NOOP(
                "Theo tệp {file}, dòng {row}"), file=plan.table.file_name, row=row.sheet_row),
                expected_version=row.extra["version"], session=session)
        elif row.status == "update":
            records.update_record(ws, row.target_id, row.values,
                                  expected_version=row.extra["version"], session=session)
        else:
            details = {"code": "import_ambiguous", "source": "import",
                       "file": plan.table.file_name, "sheet_row": row.sheet_row,
                       "values": row.values, "candidates": row.extra["candidates"],
                       "message": str(Msg(QT_TR_NOOP(
                           "Nhập từ tệp {file}, dòng {row}: giống {n} hồ sơ đã có"),
                           file=plan.table.file_name, row=row.sheet_row,
                           n=len(row.extra["candidates"])))}
            item = ReviewItem(kind="duplicate", entity="record", entity_id=row.target_id,
                              details=json.dumps(details, ensure_ascii=False, default=str))
            save_entity(session, ws, item, "review.open", record_type.data_domain,
                        {"code": details["code"]})
        if done % 200 == 0:
            progress.step(done, len(todo))
    return {}


def _excel_value(spec, value):
    if spec.type == "date" and value:
        return date.fromisoformat(value) if len(value) == 10 else "/".join(
            reversed(value.split("-")))
    return value


def export_records(ws: Workspace, type_code: str, path: str | Path,
                   progress: Progress = NO_PROGRESS) -> int:
    """Every live record of the type, newest key date first, with its system ID last."""
    ws.actor.require(Perm.RECORD_READ)
    ws.actor.require(Perm.PERSON_EXPORT)  # records hold personal data
    record_type = load_record_types().get(type_code)
    if record_type is None:
        raise ValidationError({"type": Msg(QT_TR_NOOP(
            "Loại hồ sơ “{code}” chưa được khai báo."), code=type_code)})
    specs = record_type.fields
    headers = [f.label_text("vi") for f in specs] + [str(ID_COLUMN)]
    widths = [max(12.0, min(40.0, len(h) * 1.2 + 2)) for h in headers[:-1]] + [38.0]
    with ws.db.read() as session:
        driver = session.connection().connection.driver_connection
        total = driver.execute("SELECT count(*) FROM record WHERE type_code = ? AND "
                               "deleted_at IS NULL", (type_code,)).fetchone()[0]
        cursor = driver.execute(
            "SELECT id, payload FROM record WHERE type_code = ? AND deleted_at IS NULL "
            "ORDER BY key_date DESC, id", (type_code,))

        def rows():
            for record_id, payload in cursor:
                values = json.loads(payload)
                yield [_excel_value(f, values.get(f.name)) for f in specs] + [
                    Styled(record_id, ID)]

        count = write_xlsx(path, [Sheet(record_type.label_text("vi"), headers, rows(),
                                        widths=widths, total=total)], progress)
    with ws.db.write() as session:
        audit.append_event(session, ws.actor.user_id, "record.export", Record.__tablename__,
                           None, {"type": type_code, "rows": count, "format": "xlsx"})
    return count
