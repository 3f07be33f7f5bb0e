"""Sector records of a declared type (core.record_types): create, list, edit or correct, delete,
link persons, attach scanned files.

Every write goes through `_change.save_entity` (entity + outbox + audit) and takes an optional
`session`: a caller's write transaction (an Excel import writes thousands of records in one).

Legal (civil-status) records — birth, death, marriage — are never edited in place. Each change
is a new, append-only `RecordAction` carrying the full new payload, and the record's payload is
then set to exactly that JSON (a database trigger refuses anything else):

- ``create``      the registration (written with the record);
- ``correct``     cải chính: change values that were wrong;
- ``supplement``  bổ sung: fill values that were missing (only empty fields);
- ``annotate``    ghi chú bên lề: a margin note; the payload stays the same;
- ``revoke``      hủy: the registration is cancelled. The record is kept (never deleted) with
                  its payload unchanged; its status becomes "revoked" (shown in the list, the
                  view and the history), and afterwards only annotations may be added.

Each of these needs a note: the legal basis (số, ngày văn bản / quyết định). History never
changes. Legal records cannot be deleted: a wrong registration is revoked.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from sqlalchemy import text
from sqlmodel import Session, select

from core import audit, outbox
from core.auth import Perm
from core.errors import NotFound, ValidationError
from core.i18n import QT_TR_NOOP, Label, Msg
from core.models import (
    Attachment,
    Person,
    Record,
    RecordAction,
    RecordAttachment,
    RecordPerson,
    row_of,
    utcnow,
)
from core.personal_id import normalize_number
from core.record_types import (
    RecordType,
    check_roles,
    coerce_field,
    load_record_types,
    role_identity,
    validate_payload,
)
from core.services import sync_guard
from core.services._change import load_for_update, save_entity, writing
from core.services.attachments import sniff_mime, store_attachment
from core.store import Workspace
from core.text import fold, fold_tokens, nfc, nfc_or_none, search_key

RECORD_LABEL = QT_TR_NOOP("hồ sơ")
LEGAL_ACTIONS = {
    "correct": QT_TR_NOOP("cải chính"),
    "supplement": QT_TR_NOOP("bổ sung"),
    "annotate": QT_TR_NOOP("ghi chú bên lề"),
    "revoke": QT_TR_NOOP("hủy"),
}
ACTION_LABELS = {"create": QT_TR_NOOP("đăng ký"), **LEGAL_ACTIONS}
STATUS_LABELS = {"active": QT_TR_NOOP("có hiệu lực"), "revoked": QT_TR_NOOP("đã hủy")}
_LEGAL_NOT_EDITABLE = QT_TR_NOOP(
    "Hồ sơ hộ tịch không được sửa trực tiếp. Mọi thay đổi được ghi thành một lần cải chính "
    "hoặc bổ sung (kèm căn cứ) trong lịch sử của hồ sơ.")
_DUPLICATE_SCAN_LIMIT = 200


class DuplicateRecord(ValidationError):
    """The record looks like one already kept; `duplicates` are those records. Save anyway
    with allow_duplicate=True once a person has checked they differ."""

    def __init__(self, duplicates: list[Record]):
        self.duplicates = duplicates
        super().__init__({"duplicate": Msg(QT_TR_NOOP(
            "Có thể trùng với {n} hồ sơ đã có. Hãy mở ra kiểm tra; nếu đúng là hồ sơ khác, "
            "chọn “Vẫn lưu”."), n=len(duplicates))})


class LinkedPerson(NamedTuple):
    role: str
    person_id: str
    full_name: str
    personal_number: str | None


@dataclass(frozen=True)
class RecordView:
    record: Record
    type: RecordType | None  # None: a type this version does not know (e.g. from a hub)
    payload: dict
    persons: list[LinkedPerson]
    attachments: list[tuple[RecordAttachment, Attachment]]
    history: list[RecordAction]  # legal records: oldest first
    status: str = "active"  # "revoked" once a legal record was revoked


@dataclass(frozen=True)
class RecordRow:
    id: str
    title: str | None
    key_date: str | None
    book_ref: str | None
    summary: dict  # the type's list_fields -> stored value (record_types.display_value shows it)
    version: int
    legal: bool = False
    status: str = "active"


# --- helpers ---------------------------------------------------------------------------------

def _type(code: str) -> RecordType:
    record_type = load_record_types().get(code)
    if record_type is None:
        raise ValidationError({"type": Msg(QT_TR_NOOP("Loại hồ sơ “{code}” chưa được khai báo."),
                                           code=code)})
    return record_type


def _dump(payload: dict) -> str:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True)


def _book_ref(payload: dict) -> str | None:
    parts = [f"{k}:{payload[k]}" for k in ("book", "page", "entry") if payload.get(k) not in (None, "")]
    return " ".join(parts) or None


def _apply(record: Record, record_type: RecordType, clean: dict) -> None:
    """Payload and the columns derived from it (list title, sort date, paper-book reference)."""
    record.payload = _dump(clean)
    title = record_type.title_of(clean)
    record.title = title
    record.title_folded = search_key(title) if title else None
    record.key_date = record_type.key_date_of(clean)
    record.book_ref = _book_ref(clean)


def _changed(old: dict, new: dict) -> list[str]:
    return sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))


def _is_legal(record: Record, record_type: RecordType | None) -> bool:
    return bool(record.legal or (record_type is not None and record_type.legal))


def _revoked(session: Session, record_id: str) -> bool:
    return session.exec(select(RecordAction.id).where(
        RecordAction.record_id == record_id, RecordAction.action == "revoke")).first() is not None


def _links(session: Session, record_id: str) -> list[tuple[str, str]]:
    return [(link.role, link.person_id) for link in session.exec(select(RecordPerson).where(
        RecordPerson.record_id == record_id, RecordPerson.deleted_at.is_(None)))]


def _append_action(session: Session, ws: Workspace, record_id: str, action: str, payload: dict,
                   note: str | None, data_domain: str) -> RecordAction:
    """Append a history entry and queue it for sync. A correction queues it before the record's
    own change, so a hub (and every PC pulling from it) receives the action first: the record's
    new payload is refused (trigger) until its action is there."""
    entry = RecordAction(record_id=record_id, action=action, note=note, by=ws.actor.user_id,
                         payload=_dump(payload))
    session.add(entry)
    session.flush()
    if not ws.is_demo:  # append-only: always version 1 on base 0
        outbox.append_change(session, RecordAction.__tablename__, entry.id, "upsert", 0, 1,
                             row_of(entry), data_domain)
    return entry


def _unique_links(persons) -> list[tuple[str, str]]:
    seen: list[tuple[str, str]] = []
    for role, person_id in persons:
        if (role, person_id) not in seen:
            seen.append((role, person_id))
    return seen


# --- writes ----------------------------------------------------------------------------------

def create_record(ws: Workspace, type_code: str, payload: dict,
                  persons: list[tuple[str, str]] | tuple = (), *, allow_duplicate: bool = False,
                  session: Session | None = None) -> Record:
    """Create a record; `persons` is a list of (role, person_id). A likely duplicate (the
    type's dedup rule) raises DuplicateRecord unless `allow_duplicate`. Legal records get their
    "create" history entry with the same payload."""
    ws.actor.require(Perm.RECORD_WRITE)
    record_type = _type(type_code)
    clean = validate_payload(record_type, payload)
    links = _unique_links(persons)
    check_roles(record_type, clean, links)
    sync_guard.check_new_work(ws)
    with writing(ws, session) as session:
        for _, person_id in links:
            load_for_update(session, Person, person_id, QT_TR_NOOP("cư dân"))
        if not allow_duplicate and record_type.dedup:
            duplicates = _duplicates(session, record_type, clean, links)
            if duplicates:  # copies: the objects expire when the transaction rolls back
                raise DuplicateRecord([d.model_copy() for d in duplicates])
        record = Record(type_code=type_code, type_version=record_type.version,
                        data_domain=record_type.data_domain, legal=record_type.legal)
        _apply(record, record_type, clean)
        save_entity(session, ws, record, "record.create", record_type.data_domain,
                    {"type": type_code})
        if record_type.legal:  # inserted after the record (its foreign key), same payload text
            _append_action(session, ws, record.id, "create", clean, None,
                           record_type.data_domain)
        for role, person_id in links:
            link = RecordPerson(record_id=record.id, person_id=person_id, role=role)
            save_entity(session, ws, link, "record.link_person", record_type.data_domain,
                        {"role": role})
    return record


def update_record(ws: Workspace, record_id: str, payload: dict, note: str | None = None,
                  expected_version: int | None = None, *,
                  session: Session | None = None) -> Record:
    """Replace the payload of a non-legal record (the audit keeps who, when, which fields;
    `note` is not stored). Legal records refuse: see correct_record."""
    ws.actor.require(Perm.RECORD_WRITE)
    with writing(ws, session) as session:
        record = load_for_update(session, Record, record_id, RECORD_LABEL, expected_version)
        record_type = _type(record.type_code)
        if _is_legal(record, record_type):
            raise ValidationError({"record": _LEGAL_NOT_EDITABLE})
        clean = validate_payload(record_type, payload)
        check_roles(record_type, clean, _links(session, record.id))
        changed = _changed(json.loads(record.payload or "{}"), clean)
        _apply(record, record_type, clean)
        record.type_version = record_type.version
        save_entity(session, ws, record, "record.update", record_type.data_domain,
                    {"type": record.type_code, "fields": changed})
    return record


def correct_record(ws: Workspace, record_id: str, changes: dict, note: str,
                   action: str = "correct", expected_version: int | None = None, *,
                   session: Session | None = None) -> Record:
    """A new history entry of a legal record (see the module docstring for the actions).

    `changes` maps fields to new values (None or "" clears one); "annotate" and "revoke" take
    none. `note`, the legal basis, is required. The entry carries the full new payload and the
    record's payload becomes exactly that text."""
    ws.actor.require(Perm.RECORD_WRITE)
    if action not in LEGAL_ACTIONS:
        raise ValidationError({"action": Msg(QT_TR_NOOP(
            "Việc “{action}” không có; chỉ có cải chính, bổ sung, ghi chú bên lề, hủy."),
            action=action)})
    label = Msg(LEGAL_ACTIONS[action])
    note = nfc(note or "")
    if not note:
        raise ValidationError({"note": Msg(QT_TR_NOOP(
            "Cần ghi căn cứ ({action}): số, ngày của văn bản hoặc quyết định."), action=label)})
    with writing(ws, session) as session:
        record = load_for_update(session, Record, record_id, RECORD_LABEL, expected_version)
        record_type = _type(record.type_code)
        if not _is_legal(record, record_type):
            raise ValidationError({"record": QT_TR_NOOP(
                "Đây không phải hồ sơ hộ tịch: sửa trực tiếp nội dung hồ sơ.")})
        if action != "annotate" and _revoked(session, record.id):
            raise ValidationError({"record": QT_TR_NOOP(
                "Hồ sơ đã bị hủy: chỉ có thể ghi chú bên lề.")})
        old = json.loads(record.payload or "{}")
        if action in ("annotate", "revoke"):
            if changes:
                raise ValidationError({"changes": Msg(QT_TR_NOOP(
                    "Việc {action} không thay đổi nội dung hồ sơ; chỉ ghi căn cứ, ghi chú."),
                    action=label)})
            clean, changed = old, []
        else:
            merged = {**old, **changes}
            clean = validate_payload(record_type, merged)
            changed = _changed(old, clean)
            if not changed:
                raise ValidationError({"changes": QT_TR_NOOP(
                    "Không có gì khác so với nội dung hiện tại của hồ sơ.")})
            if action == "supplement":
                filled = [k for k in changed if old.get(k) not in (None, "")]
                if filled:
                    field = record_type.field(filled[0])
                    raise ValidationError({filled[0]: Msg(QT_TR_NOOP(
                        "Bổ sung chỉ điền thông tin còn trống; sửa {label} đã có là cải chính."),
                        label=Label(field.label) if field else filled[0])})
            check_roles(record_type, clean, _links(session, record.id))
        _append_action(session, ws, record.id, action, clean, note, record_type.data_domain)
        if changed:
            _apply(record, record_type, clean)
            record.type_version = record_type.version
        save_entity(session, ws, record, f"record.{action}", record_type.data_domain,
                    {"type": record.type_code, "action": action, "fields": changed})
    return record


def delete_record(ws: Workspace, record_id: str, reason: str, *,
                  session: Session | None = None) -> None:
    """Soft delete (a tombstone that syncs) of a non-legal record; the reason is required."""
    ws.actor.require(Perm.RECORD_DELETE)
    reason = nfc(reason or "")
    if not reason:
        raise ValidationError({"reason": QT_TR_NOOP("Cần ghi lý do xóa.")})
    with writing(ws, session) as session:
        record = load_for_update(session, Record, record_id, RECORD_LABEL)
        record_type = load_record_types().get(record.type_code)
        if _is_legal(record, record_type):
            raise ValidationError({"record": QT_TR_NOOP(
                "Hồ sơ hộ tịch không xóa được. Nếu việc đăng ký sai, hãy ghi việc hủy (kèm căn "
                "cứ) vào lịch sử của hồ sơ.")})
        record.deleted_at = utcnow()
        record.deleted_reason = reason
        save_entity(session, ws, record, "record.delete", record.data_domain,
                    {"type": record.type_code}, op="delete")


def link_person(ws: Workspace, record_id: str, role: str, person_id: str, *,
                session: Session | None = None) -> RecordPerson:
    """Link a resident to a record in a role (allowed on legal records too: not the payload)."""
    ws.actor.require(Perm.RECORD_WRITE)
    with writing(ws, session) as session:
        record = load_for_update(session, Record, record_id, RECORD_LABEL)
        load_for_update(session, Person, person_id, QT_TR_NOOP("cư dân"))
        record_type = _type(record.type_code)
        links = _links(session, record.id)
        existing = session.exec(select(RecordPerson).where(
            RecordPerson.record_id == record_id, RecordPerson.role == role,
            RecordPerson.person_id == person_id, RecordPerson.deleted_at.is_(None))).first()
        if existing is not None:
            return existing
        check_roles(record_type, json.loads(record.payload or "{}"), [*links, (role, person_id)])
        link = RecordPerson(record_id=record_id, person_id=person_id, role=role)
        save_entity(session, ws, link, "record.link_person", record.data_domain, {"role": role})
    return link


def unlink_person(ws: Workspace, record_id: str, role: str, person_id: str, reason: str, *,
                  session: Session | None = None) -> None:
    ws.actor.require(Perm.RECORD_WRITE)
    reason = nfc(reason or "")
    if not reason:
        raise ValidationError({"reason": QT_TR_NOOP("Cần ghi lý do bỏ liên kết.")})
    with writing(ws, session) as session:
        link = session.exec(select(RecordPerson).where(
            RecordPerson.record_id == record_id, RecordPerson.role == role,
            RecordPerson.person_id == person_id, RecordPerson.deleted_at.is_(None))).first()
        if link is None:
            raise NotFound(QT_TR_NOOP("liên kết cư dân với hồ sơ"))
        link.deleted_at = utcnow()
        link.deleted_reason = reason
        record = session.get(Record, record_id)
        save_entity(session, ws, link, "record.unlink_person", record.data_domain,
                    {"role": role}, op="delete")


def attach_file(ws: Workspace, record_id: str, content: bytes, mime: str | None,
                filename: str | None, caption: str | None = None, *,
                session: Session | None = None) -> RecordAttachment:
    """Attach a scan (PDF, JPEG, PNG, TIFF, WebP — recognised by its bytes; the type stored is
    the recognised one, whatever `mime` claims). Stored encrypted once per content; the same
    file attached twice to one record returns the existing link."""
    ws.actor.require(Perm.RECORD_WRITE)
    sniffed = sniff_mime(content or b"")
    if sniffed is None:
        raise ValidationError({"file": QT_TR_NOOP(
            "Chỉ đính kèm được tệp PDF hoặc ảnh (JPEG, PNG, TIFF, WebP); tệp này không phải "
            "các loại đó.")})
    with writing(ws, session) as session:
        record = load_for_update(session, Record, record_id, RECORD_LABEL)
        stored = store_attachment(ws, content, sniffed, nfc_or_none(filename), session=session)
        existing = session.exec(select(RecordAttachment).where(
            RecordAttachment.record_id == record_id, RecordAttachment.sha256 == stored.sha256,
            RecordAttachment.deleted_at.is_(None))).first()
        if existing is not None:
            return existing
        link = RecordAttachment(record_id=record_id, sha256=stored.sha256,
                                caption=nfc_or_none(caption))
        save_entity(session, ws, link, "record.attach", record.data_domain,
                    {"sha256": stored.sha256, "mime": sniffed})
    return link


def detach_file(ws: Workspace, link_id: str, reason: str, *,
                session: Session | None = None) -> None:
    """Soft-delete an attachment link (the encrypted file stays: other links may use it)."""
    ws.actor.require(Perm.RECORD_DELETE)
    reason = nfc(reason or "")
    if not reason:
        raise ValidationError({"reason": QT_TR_NOOP("Cần ghi lý do gỡ tệp đính kèm.")})
    with writing(ws, session) as session:
        link = load_for_update(session, RecordAttachment, link_id, QT_TR_NOOP("tệp đính kèm"))
        record = session.get(Record, link.record_id)
        link.deleted_at = utcnow()
        link.deleted_reason = reason
        save_entity(session, ws, link, "record.detach", record.data_domain,
                    {"sha256": link.sha256}, op="delete")


# --- reads -----------------------------------------------------------------------------------

def get_record(ws: Workspace, record_id: str) -> RecordView:
    """One record with its persons, files and history; the view is audited."""
    ws.actor.require(Perm.RECORD_READ)
    with ws.db.write() as session:
        record = load_for_update(session, Record, record_id, RECORD_LABEL)
        record_type = load_record_types().get(record.type_code)
        order = {r.role: i for i, r in enumerate(record_type.roles)} if record_type else {}
        rows = session.exec(
            select(RecordPerson, Person).join(Person, Person.id == RecordPerson.person_id)
            .where(RecordPerson.record_id == record_id, RecordPerson.deleted_at.is_(None))
            .order_by(RecordPerson.created_at)).all()
        persons = sorted((LinkedPerson(link.role, p.id, p.full_name, p.personal_number)
                          for link, p in rows), key=lambda lp: order.get(lp.role, len(order)))
        files = list(session.exec(
            select(RecordAttachment, Attachment)
            .join(Attachment, Attachment.sha256 == RecordAttachment.sha256)
            .where(RecordAttachment.record_id == record_id,
                   RecordAttachment.deleted_at.is_(None))
            .order_by(RecordAttachment.created_at)).all())
        history = list(session.exec(select(RecordAction).where(
            RecordAction.record_id == record_id).order_by(RecordAction.at, RecordAction.id)))
        audit.append_event(session, ws.actor.user_id, "record.view", "record", record_id,
                           {"type": record.type_code})
    status = "revoked" if any(a.action == "revoke" for a in history) else "active"
    return RecordView(record, record_type, json.loads(record.payload or "{}"), persons,
                      [tuple(f) for f in files], history, status)


def history(ws: Workspace, record_id: str) -> list[RecordAction]:
    ws.actor.require(Perm.RECORD_READ)
    with ws.db.read() as session:
        query = select(RecordAction).where(RecordAction.record_id == record_id)
        return list(session.exec(query.order_by(RecordAction.at, RecordAction.id)))


def _iso(value) -> str | None:
    if value in (None, ""):
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


def _filters(record_type: RecordType, query: str, date_from, date_to,
             hamlet_id: str | None) -> tuple[str, dict, str]:
    """(WHERE clause on `record r`, its parameters, the part of it the list index answers).
    Fixed SQL: every value is bound."""
    indexed = ["type_code = :type", "deleted_at IS NULL"]
    params: dict = {"type": record_type.code}
    if _iso(date_from):
        indexed.append("key_date >= :date_from")
        params["date_from"] = _iso(date_from)
    if _iso(date_to):
        indexed.append("key_date <= :date_to")
        params["date_to"] = _iso(date_to)
    parts = [f"r.{condition}" for condition in indexed]
    query = nfc(query or "")
    if query:
        alternatives = []
        tokens = fold_tokens(query)
        if any(not token.isdigit() for token in tokens):  # words start words of the title
            for i, token in enumerate(tokens):
                params[f"tok{i}"] = f"% {token}%"
            alternatives.append(" AND ".join(f"(' ' || r.title_folded) LIKE :tok{i}"
                                             for i in range(len(tokens))))
        exact = record_type.exact_search_fields()
        if exact and any(c.isdigit() for c in query):
            # ID / certificate / card numbers: exact, as typed or without separators; the
            # JSON is parsed only for the rows whose text holds the number at all.
            params["q_raw"], params["q_compact"] = query, normalize_number(query)
            for i, name in enumerate(exact):
                params[f"path{i}"] = f"$.{name}"
            alternatives.append(
                "(instr(r.payload, :q_compact) > 0 OR instr(r.payload, :q_raw) > 0) AND ("
                + " OR ".join(f"json_extract(r.payload, :path{i}) IN (:q_raw, :q_compact)"
                              for i in range(len(exact))) + ")")
        parts.append("(" + " OR ".join(f"({a})" for a in alternatives) + ")"
                     if alternatives else "0")  # nothing searchable in the query
    if hamlet_id:  # a linked person lives in the hamlet
        parts.append("EXISTS (SELECT 1 FROM record_person rp JOIN person p ON p.id = rp.person_id "
                     "JOIN address a ON a.id = p.residence_address_id "
                     "WHERE rp.record_id = r.id AND rp.deleted_at IS NULL "
                     "AND a.hamlet_id = :hamlet)")
        params["hamlet"] = hamlet_id
    return " AND ".join(parts), params, " AND ".join(indexed)


_PROBE_ROWS = 3000  # newest rows of the type looked at before a query scans the whole table
_LIST_SQL = (
    "SELECT r.id, r.title, r.key_date, r.book_ref, r.payload, r.version, r.legal, "
    "r.legal AND EXISTS (SELECT 1 FROM record_action a WHERE a.record_id = r.id "
    "AND a.action = 'revoke') AS revoked FROM record r {scan} WHERE {where}{window} "
    "ORDER BY r.key_date DESC, r.rowid DESC LIMIT :limit OFFSET :offset")


def _list_rows(session: Session, query: str, where: str, params: dict, indexed: str,
               offset: int, limit: int) -> list:
    """Without a query: walk the list index in key-date order and stop after the page.

    With one, walking the whole index would fetch every row of the type at random (ten times
    slower at 300k rows than reading the table in order). So first look at the newest
    _PROBE_ROWS rows only: if the page fills there, it is exactly the page a full search gives
    (matches come in index order). Otherwise (rare words), one sequential pass over the table.
    """
    def run(scan: str, window: str = "") -> list:
        sql = _LIST_SQL.format(scan=scan, where=where, window=window)
        return session.execute(text(sql), params).all()  # fixed SQL, values bound

    if not nfc(query or ""):
        return run("INDEXED BY ix_record_list")
    if offset + limit <= _PROBE_ROWS // 2:
        rows = run("", " AND r.rowid IN (SELECT rowid FROM record INDEXED BY ix_record_list "  # noqa: S608
                       f"WHERE {indexed} ORDER BY key_date DESC, rowid DESC LIMIT :probe)")
        if len(rows) == limit:
            return rows
    return run("NOT INDEXED")


def list_records(ws: Workspace, type_code: str, query: str = "", *, date_from=None,
                 date_to=None, hamlet_id: str | None = None, offset: int = 0,
                 limit: int = 200) -> list[RecordRow]:
    """One page of a type's live records, newest key date first.

    `query`: words matched diacritic-insensitively (đ → d) as word prefixes of the title, or
    an exact ID / certificate number of the payload. `date_from` / `date_to` bound the key
    date. Runs on the (type_code, deleted_at, key_date) index (see _list_rows for queries).
    Opening the list (offset 0) is audited as one event (counts only)."""
    ws.actor.require(Perm.RECORD_READ)
    record_type = _type(type_code)
    where, params, indexed = _filters(record_type, query, date_from, date_to, hamlet_id)
    offset, limit = max(0, int(offset)), max(0, int(limit))
    params |= {"limit": limit, "offset": offset, "probe": _PROBE_ROWS}
    if offset:
        with ws.db.read() as session:
            rows = _list_rows(session, query, where, params, indexed, offset, limit)
    else:
        with ws.db.write() as session:
            rows = _list_rows(session, query, where, params, indexed, offset, limit)
            audit.append_event(session, ws.actor.user_id, "record.list", "record", None,
                               {"type": type_code, "rows": len(rows), "query": bool(query)})
    out = []
    for row in rows:
        payload = json.loads(row.payload or "{}")
        out.append(RecordRow(row.id, row.title, row.key_date, row.book_ref,
                             {name: payload.get(name) for name in record_type.list_fields},
                             row.version, bool(row.legal),
                             "revoked" if row.revoked else "active"))
    return out


def count_records(ws: Workspace, type_code: str, query: str = "", *, date_from=None,
                  date_to=None, hamlet_id: str | None = None) -> int:
    """How many live records list_records would page through with the same filters."""
    ws.actor.require(Perm.RECORD_READ)
    where, params, _ = _filters(_type(type_code), query, date_from, date_to, hamlet_id)
    # With a query: one pass over the table in order (see _list_rows); without: the index.
    scan = "NOT INDEXED" if nfc(query or "") else "INDEXED BY ix_record_list"
    sql = text(f"SELECT count(*) FROM record r {scan} WHERE {where}")  # noqa: S608
    with ws.db.read() as session:
        return session.execute(sql, params).scalar_one()


# --- duplicates ------------------------------------------------------------------------------

def find_duplicates(ws: Workspace, type_code: str, payload: dict,
                    persons: list[tuple[str, str]] | tuple = ()) -> list[Record]:
    """Live records of the same type matching the type's dedup rule (text folded; role entries:
    the same person in that role). An incomplete or invalid key gives no candidates."""
    ws.actor.require(Perm.RECORD_READ)
    record_type = _type(type_code)
    values: dict = {}
    wanted = set(record_type.dedup_fields)
    for role in record_type.dedup_roles:
        spec = record_type.role(role)
        wanted |= {f for f in (spec.id_field, spec.name_field, spec.dob_field) if f}
    for name in wanted:
        raw = payload.get(name)
        if raw in (None, ""):
            continue
        try:
            values[name] = coerce_field(record_type, name, raw)
        except ValidationError:
            if name in record_type.dedup_fields:
                return []
    with ws.db.read() as session:
        return _duplicates(session, record_type, values, _unique_links(persons))


def _duplicates(session: Session, record_type: RecordType, clean: dict,
                links: list[tuple[str, str]], exclude_id: str | None = None) -> list[Record]:
    keys = record_type.dedup_fields
    if not keys or any(clean.get(k) in (None, "") for k in keys):
        return []
    parts = ["r.type_code = :type", "r.deleted_at IS NULL"]
    params: dict = {"type": record_type.code, "n": _DUPLICATE_SCAN_LIMIT}
    if exclude_id:
        parts.append("r.id != :exclude")
        params["exclude"] = exclude_id
    # An equality on the key date uses the whole list index; otherwise one sequential pass
    # over the table beats index order (random reads of every row of the type).
    scan = "NOT INDEXED"
    if record_type.key_date_field in keys:
        parts.append("r.key_date = :key_date")
        params["key_date"] = clean[record_type.key_date_field]
        scan = "INDEXED BY ix_record_list"
    title_covered = set(record_type.title_field) <= set(keys)
    if title_covered:
        parts.append("r.title_folded = :title")
        params["title"] = search_key(record_type.title_of(clean))
    for i, name in enumerate(keys):
        if title_covered and name in record_type.title_field:
            continue
        params[f"path{i}"] = f"$.{name}"
        if record_type.field(name).type == "text":  # folded in SQL, never in a Python loop
            _register_fold(session)
            parts.append(f"xaso_fold(json_extract(r.payload, :path{i})) = :v{i}")
            params[f"v{i}"] = fold(clean[name])
        else:
            parts.append(f"json_extract(r.payload, :path{i}) = :v{i}")
            value = clean[name]
            params[f"v{i}"] = int(value) if isinstance(value, bool) else value
    ids = session.execute(text(
        f"SELECT r.id FROM record r {scan} WHERE {' AND '.join(parts)} "  # noqa: S608
        "ORDER BY r.rowid LIMIT :n"), params).scalars().all()  # fixed SQL, values bound
    if not ids:
        return []
    found = {r.id: r for r in session.exec(select(Record).where(Record.id.in_(ids)))}
    candidates = [found[i] for i in ids]
    roles = record_type.dedup_roles
    if not candidates or not roles:
        return candidates
    known = _linked_identities(session, [r.id for r in candidates], roles)
    mine = _linked_identities(session, None, roles, links)
    out = []
    for record in candidates:
        payload = json.loads(record.payload)
        if all(_same_person(_identity(record_type, role, clean, mine.get((None, role))),
                            _identity(record_type, role, payload, known.get((record.id, role))))
               for role in roles):
            out.append(record)
    return out


def _register_fold(session: Session) -> None:
    """core.text.fold as the SQL function xaso_fold on this session's connection."""
    session.connection().connection.driver_connection.create_function(
        "xaso_fold", 1, lambda v: fold(v) if isinstance(v, str) else v, deterministic=True)


def _linked_identities(session: Session, record_ids: list[str] | None, roles,
                       links: list[tuple[str, str]] = ()) -> dict:
    """(record_id or None, role) -> [(person_id, personal_number, full_name, dob)] of the
    persons linked in those roles (of stored records, or of the `links` being created)."""
    if record_ids is None:
        pairs = [(None, role, person_id) for role, person_id in links if role in roles]
    else:
        pairs = [(link.record_id, link.role, link.person_id) for link in session.exec(
            select(RecordPerson).where(RecordPerson.record_id.in_(record_ids),
                                       RecordPerson.role.in_(roles),
                                       RecordPerson.deleted_at.is_(None)))]
    people = {p.id: p for p in session.exec(
        select(Person).where(Person.id.in_({pid for _, _, pid in pairs})))} if pairs else {}
    out: dict = {}
    for record_id, role, person_id in pairs:
        p = people.get(person_id)
        out.setdefault((record_id, role), []).append(
            (person_id, p.personal_number if p else None, p.full_name if p else None,
             p.dob if p else None))
    return out


def _identity(record_type: RecordType, role: str, payload: dict, linked) -> dict:
    """Who is in `role`: linked person ids, else the payload's (or the linked person's) ID
    number, name and date of birth."""
    ident = role_identity(record_type, role, payload)
    linked = linked or []
    if len(linked) == 1:
        _, number, name, dob = linked[0]
        ident = {"id": ident["id"] or number, "name": ident["name"] or name,
                 "dob": ident["dob"] or dob}
    return ident | {"persons": {pid for pid, *_ in linked}}


def _same_person(a: dict, b: dict) -> bool:
    """False only when both sides identify the role's person and they differ."""
    if a["persons"] and b["persons"]:
        return bool(a["persons"] & b["persons"])
    if a["id"] and b["id"]:
        return a["id"] == b["id"]
    if a["name"] and b["name"]:
        if fold(a["name"]) != fold(b["name"]):
            return False
        if a["dob"] and b["dob"]:  # "1990" agrees with "1990-05-17"
            return a["dob"].startswith(b["dob"]) or b["dob"].startswith(a["dob"])
    return True
