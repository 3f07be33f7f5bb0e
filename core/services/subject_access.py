"""Everything the commune holds about one person, as one .xlsx: the answer to a data-subject
access request (DATA_PROTECTION.md §8).

One sheet per kind of data: the person's fields (with where each came from), households,
VNeID and follow-ups, consents, records the person appears in, card reads, and who accessed or
changed the data (the audit events about the person). The file is for the person, so it is in
Vietnamese and shows every field, sensitive ones included: only roles that may both export and
see sensitive data can make it, and making it is audited.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import select

from core import audit
from core.auth import Perm
from core.dates import show_iso
from core.errors import NotFound
from core.excel.writer import Sheet, write_xlsx
from core.i18n import QT_TR_NOOP
from core.models import (
    Address,
    AuditEvent,
    CardRead,
    Consent,
    DigitalCitizenStatus,
    FollowUp,
    Hamlet,
    Household,
    HouseholdMember,
    Person,
    Record,
    RecordPerson,
    User,
)
from core.record_types import load_record_types
from core.services.persons import SEX_LABELS
from core.services.vneid import FAILURE_LABELS, STATE_LABELS
from core.store import Workspace
from core.text import nfc

PERSON_FIELDS = (
    ("full_name", "Họ và tên"), ("personal_number", "Số định danh cá nhân"),
    ("old_id_number", "Số CMND cũ"), ("dob", "Ngày sinh"), ("sex", "Giới tính"),
    ("nationality", "Quốc tịch"), ("ethnicity", "Dân tộc"), ("religion", "Tôn giáo"),
    ("place_of_origin", "Quê quán"), ("place_of_birth", "Nơi sinh"), ("phone", "Số điện thoại"))
SOURCES = {"manual": "nhập tay", "chip": "chip thẻ căn cước", "qr": "mã QR thẻ",
           "paper": "giấy tờ", "declared": "người dân khai", "import": "nhập từ Excel"}
WIDE = [28, 60, 40]


@dataclass(frozen=True)
class SubjectExport:
    path: Path
    rows: int


def _when(value) -> str:
    return f"{value:%d/%m/%Y %H:%M}" if value else ""


def _json_text(text: str | None) -> str:
    """A JSON object as "key: value; …" for a reader (not a program)."""
    try:
        data = json.loads(text or "{}")
    except ValueError:
        return text or ""
    if not isinstance(data, dict):
        return str(data)
    return "; ".join(f"{k}: {v}" for k, v in data.items() if v not in (None, "", {}, []))


def _person_sheet(session, person: Person) -> Sheet:
    provenance = json.loads(person.provenance or "{}")
    rows = []
    for name, label in PERSON_FIELDS:
        value = getattr(person, name)
        if name == "dob":
            value = show_iso(value)
        elif name == "sex":
            value = SEX_LABELS.get(value or "", "")
        stamp = provenance.get(name) or {}
        source = SOURCES.get(stamp.get("source"), stamp.get("source") or "")
        rows.append([label, value or "", f"{source} {str(stamp.get('at', ''))[:10]}".strip()])
    address = session.get(Address, person.residence_address_id) \
        if person.residence_address_id else None
    if address is not None:
        hamlet = session.get(Hamlet, address.hamlet_id) if address.hamlet_id else None
        place = ", ".join(p for p in (address.free_text, hamlet.name if hamlet else None) if p)
        rows.append(["Nơi ở", place, ""])
    rows.append(["Ngày tạo hồ sơ", _when(person.created_at), ""])
    rows.append(["Cập nhật lần cuối", _when(person.updated_at), ""])
    return Sheet("Thông tin cá nhân", ["Trường", "Giá trị", "Nguồn"], rows, WIDE)


def _households(session, person_id: str) -> Sheet:
    rows = []
    for member in session.exec(select(HouseholdMember).where(
            HouseholdMember.person_id == person_id, HouseholdMember.deleted_at.is_(None))):
        household = session.get(Household, member.household_id)
        rows.append([household.code if household and household.code else member.household_id,
                     member.relationship, show_iso(member.joined_on), show_iso(member.left_on)])
    return Sheet("Hộ gia đình", ["Hộ", "Quan hệ với chủ hộ", "Từ ngày", "Đến ngày"], rows,
                 [30, 24, 14, 14])


def _vneid(session, person_id: str) -> Sheet:
    rows = []
    status = session.exec(select(DigitalCitizenStatus).where(
        DigitalCitizenStatus.person_id == person_id)).first()
    if status is not None:
        rows += [["Tình trạng tài khoản định danh", STATE_LABELS.get(status.vneid_state,
                                                                     status.vneid_state), ""],
                 ["Mức định danh", str(status.vneid_level), ""],
                 ["Mốc thời gian", _json_text(status.state_dates), ""],
                 ["Vướng mắc", FAILURE_LABELS.get(status.failure_reason or "", "")
                  if status.failure_reason else "", ""],
                 ["Tiêu chí công dân số", _json_text(status.criteria), ""],
                 ["Ghi chú", status.notes or "", ""]]
    for task in session.exec(select(FollowUp).where(FollowUp.person_id == person_id,
                                                    FollowUp.deleted_at.is_(None))):
        rows.append([f"Việc cần làm: {task.task}", show_iso(task.due_date),
                     f"xong {_when(task.done_at)}" if task.done_at else "chưa xong"])
    return Sheet("Định danh điện tử", ["Mục", "Nội dung", "Ghi chú"], rows, WIDE)


def _consents(session, person_id: str) -> Sheet:
    rows = [[c.purpose, c.method, c.given_by, _when(c.given_at), _when(c.withdrawn_at)]
            for c in session.exec(select(Consent).where(Consent.person_id == person_id,
                                                        Consent.deleted_at.is_(None)))]
    return Sheet("Đồng ý", ["Mục đích", "Hình thức", "Người đồng ý", "Ngày đồng ý", "Ngày rút"],
                 rows, [18, 18, 24, 18, 18])


def _records(session, person_id: str) -> Sheet:
    types = load_record_types()
    rows = []
    links = session.exec(select(RecordPerson).where(RecordPerson.person_id == person_id,
                                                    RecordPerson.deleted_at.is_(None))).all()
    for link in links:
        record = session.get(Record, link.record_id)
        if record is None or record.deleted_at is not None:
            continue
        kind = types.get(record.type_code)
        role = kind.role(link.role) if kind else None
        rows.append([kind.label_text() if kind else record.type_code,
                     role.label.get("vi", link.role) if role else link.role,
                     record.title or "", show_iso(record.key_date), record.book_ref or "",
                     _json_text(record.payload)])
    return Sheet("Hồ sơ", ["Loại hồ sơ", "Vai trò của người này", "Tiêu đề", "Ngày", "Sổ",
                           "Nội dung"], rows, [24, 22, 28, 12, 16, 80])


def _card_reads(session, person_id: str) -> Sheet:
    rows = [[_when(r.read_at), r.source, r.reader_name or "", _json_text(r.fields),
             _json_text(r.pa_verdict), "có" if r.face_sha256 else "không"]
            for r in session.exec(select(CardRead).where(CardRead.person_id == person_id))]
    return Sheet("Đọc thẻ", ["Thời điểm", "Cách đọc", "Đầu đọc", "Dữ liệu đọc được",
                             "Kiểm tra chữ ký số", "Ảnh chân dung"], rows,
                 [18, 10, 20, 80, 40, 12])


def _accesses(session, person_id: str) -> Sheet:
    names = {u.id: u.username for u in session.exec(select(User))}
    rows = [[_when(e.at), names.get(e.user_id, "hệ thống" if e.user_id is None else "?"),
             e.action]
            for e in session.exec(select(AuditEvent).where(AuditEvent.entity_id == person_id)
                                  .order_by(AuditEvent.seq))]
    return Sheet("Lịch sử truy cập", ["Thời điểm", "Người dùng", "Thao tác"], rows, [18, 20, 30])


def export_subject_data(ws: Workspace, person_id: str, path: str | Path) -> SubjectExport:
    """Write the person's data to `path` (.xlsx); audited as an export of that person."""
    ws.actor.require(Perm.PERSON_EXPORT)
    ws.actor.require(Perm.SENSITIVE_READ)
    with ws.db.write() as session:
        person = session.get(Person, nfc(person_id))
        if person is None:
            raise NotFound(QT_TR_NOOP("cư dân"))
        # The event goes in first, so the file lists its own making among the accesses.
        audit.append_event(session, ws.actor.user_id, "person.subject_export", "person",
                           person.id)
    with ws.db.read() as session:
        person = session.get(Person, person.id)
        sheets = [_person_sheet(session, person), _households(session, person.id),
                  _vneid(session, person.id), _consents(session, person.id),
                  _records(session, person.id), _card_reads(session, person.id),
                  _accesses(session, person.id)]
    rows = write_xlsx(path, sheets)
    return SubjectExport(Path(path), rows)
