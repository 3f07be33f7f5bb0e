"""Sector records of a declared type, their linked persons and (for legal records) history."""

from __future__ import annotations

import json

from sqlmodel import select

from core.auth import Perm
from core.errors import ValidationError
from core.i18n import QT_TR_NOOP, Msg
from core.models import Person, Record, RecordAction, RecordPerson
from core.record_types import coerce_field, load_record_types, validate_payload
from core.services._change import load_for_update, save_entity
from core.store import Workspace
from core.text import fold, nfc


def _type(code: str):
    record_type = load_record_types().get(code)
    if record_type is None:
        raise ValidationError({"type": Msg(QT_TR_NOOP("Loại hồ sơ “{code}” chưa được khai báo."),
                                           code=code)})
    return record_type


def _book_ref(payload: dict) -> str | None:
    parts = [f"{k}:{payload[k]}" for k in ("book", "page", "entry") if payload.get(k) not in (None, "")]
    return " ".join(parts) or None


def find_duplicates(ws: Workspace, type_code: str, payload: dict) -> list[Record]:
    """Records of the same type equal on the type's dedup fields (folded for text)."""
    ws.actor.require(Perm.RECORD_READ)
    record_type = _type(type_code)
    keys = [k for k in record_type.dedup if not k.startswith("role:")]
    if not keys or any(payload.get(k) in (None, "") for k in keys):
        return []
    wanted = {k: fold(str(coerce_field(record_type, k, payload[k]))) for k in keys}
    with ws.db.read() as session:
        query = select(Record).where(Record.type_code == type_code, Record.deleted_at.is_(None))
        return [r for r in session.exec(query)
                if all(fold(str(json.loads(r.payload).get(k, ""))) == v for k, v in wanted.items())]


def create_record(ws: Workspace, type_code: str, payload: dict,
                  persons: list[tuple[str, str]] = ()) -> Record:
    """Create a record; `persons` is a list of (role, person_id)."""
    ws.actor.require(Perm.RECORD_WRITE)
    record_type = _type(type_code)
    clean = validate_payload(record_type, payload)
    valid_roles = {r["role"] for r in record_type.roles}
    for role, _ in persons:
        if role not in valid_roles:
            raise ValidationError({"role": Msg(
                QT_TR_NOOP("Vai trò “{role}” không có trong loại hồ sơ này."), role=role)})
    with ws.db.write() as session:
        record = Record(type_code=type_code, type_version=record_type.version,
                        data_domain=record_type.data_domain,
                        payload=json.dumps(clean, ensure_ascii=False, sort_keys=True),
                        book_ref=_book_ref(clean))
        save_entity(session, ws, record, "record.create", record_type.data_domain,
                    {"type": type_code})
        for role, person_id in persons:
            load_for_update(session, Person, person_id, QT_TR_NOOP("cư dân"))
            link = RecordPerson(record_id=record.id, person_id=person_id, role=role)
            save_entity(session, ws, link, "record.link_person", record_type.data_domain)
        if record_type.legal:
            _append_action(session, ws, record.id, "create", clean, None)
    return record


def update_record(ws: Workspace, record_id: str, payload: dict, note: str,
                  expected_version: int | None = None) -> Record:
    """Legal records need a note; every change of one is kept in its append-only history."""
    ws.actor.require(Perm.RECORD_WRITE)
    with ws.db.write() as session:
        record = load_for_update(session, Record, record_id, QT_TR_NOOP("hồ sơ"), expected_version)
        record_type = _type(record.type_code)
        if record_type.legal and not nfc(note or ""):
            raise ValidationError({"note": QT_TR_NOOP("Sửa hồ sơ hộ tịch cần ghi căn cứ/lý do.")})
        clean = validate_payload(record_type, payload)
        record.payload = json.dumps(clean, ensure_ascii=False, sort_keys=True)
        record.book_ref = _book_ref(clean)
        save_entity(session, ws, record, "record.update", record_type.data_domain)
        if record_type.legal:
            _append_action(session, ws, record.id, "update", clean, nfc(note))
    return record


def _append_action(session, ws: Workspace, record_id: str, action: str, payload: dict,
                   note: str | None) -> RecordAction:
    entry = RecordAction(record_id=record_id, action=action, note=note, by=ws.actor.user_id,
                         payload=json.dumps(payload, ensure_ascii=False, sort_keys=True))
    session.add(entry)
    session.flush()
    return entry


def history(ws: Workspace, record_id: str) -> list[RecordAction]:
    ws.actor.require(Perm.RECORD_READ)
    with ws.db.read() as session:
        query = select(RecordAction).where(RecordAction.record_id == record_id)
        return list(session.exec(query.order_by(RecordAction.at)))
