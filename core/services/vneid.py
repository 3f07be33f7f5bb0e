"""Digital-citizen status (VNeID level and journey) and follow-up tasks.

Never stores VNeID passwords, OTPs or passcodes: there is deliberately no field for them, and
notes that look like one are refused.
"""

from __future__ import annotations

import json
import re

from sqlmodel import select

from core.auth import Perm
from core.errors import ValidationError
from core.i18n import QT_TR_NOOP, Msg
from core.models import DigitalCitizenStatus, FollowUp, Person, utcnow
from core.services import consent
from core.services._change import load_for_update, save_entity
from core.store import Workspace
from core.text import fold, nfc

DOMAIN = "vneid"
STATES = ("not_eligible", "no_account", "level1", "prepared", "submitted", "issued", "activated")
STATE_LABELS = {
    "not_eligible": QT_TR_NOOP("Chưa đủ điều kiện"),
    "no_account": QT_TR_NOOP("Chưa có tài khoản"),
    "level1": QT_TR_NOOP("Mức 1"),
    "prepared": QT_TR_NOOP("Đã chuẩn bị hồ sơ"),
    "submitted": QT_TR_NOOP("Đã nộp mức 2"),
    "issued": QT_TR_NOOP("Đã cấp mức 2"),
    "activated": QT_TR_NOOP("Đã kích hoạt"),
}
LEVEL_FOR_STATE = {"level1": 1, "prepared": 1, "submitted": 1, "issued": 2, "activated": 2}
FAILURE_LABELS = {  # coded reasons a level-2 journey stalls (DOMAIN.md §5)
    "sim_not_own_name": QT_TR_NOOP("SIM không chính chủ"),
    "otp_not_received": QT_TR_NOOP("Không nhận được OTP"),
    "new_device": QT_TR_NOOP("Đổi sang điện thoại mới"),
    "not_activated": QT_TR_NOOP("Đã cấp nhưng chưa kích hoạt"),
    "data_mismatch": QT_TR_NOOP("Thông tin không khớp"),
    "card_expired_or_cmnd": QT_TR_NOOP("Thẻ hết hạn hoặc còn dùng CMND"),
    "no_smartphone": QT_TR_NOOP("Không có điện thoại thông minh"),
    "forgot_password": QT_TR_NOOP("Quên mật khẩu"),
    "face_check_failed": QT_TR_NOOP("Xác thực khuôn mặt không thành công"),
}
FAILURE_REASONS = tuple(FAILURE_LABELS)
# A note must not carry credentials: catch "mật khẩu: …", "OTP 123456", "passcode …".
_SECRET_HINT = re.compile(r"\b(mat khau|password|otp|passcode|ma xac thuc)\b\W*\S*\d", re.I)


def _check_note(note: str | None) -> str | None:
    note = nfc(note) if note else None
    if note and _SECRET_HINT.search(fold(note)):
        raise ValidationError({"notes": QT_TR_NOOP(
            "Không ghi mật khẩu, mã OTP hay mã passcode VNeID vào ghi chú: đây là dữ liệu bí mật "
            "của công dân.")})
    return note


def set_status(ws: Workspace, person_id: str, state: str, failure_reason: str | None = None,
               notes: str | None = None, criteria: dict | None = None,
               on_date: str | None = None) -> DigitalCitizenStatus:
    ws.actor.require(Perm.VNEID_WRITE)
    if state not in STATES:
        raise ValidationError({"state": Msg(QT_TR_NOOP("Trạng thái “{state}” không hợp lệ."),
                                            state=state)})
    if failure_reason is not None and failure_reason not in FAILURE_REASONS:
        raise ValidationError({"failure_reason": Msg(
            QT_TR_NOOP("Lý do “{reason}” không có trong danh mục."), reason=failure_reason)})
    notes = _check_note(notes)
    with ws.db.write() as session:
        return apply_status(session, ws, person_id, state, failure_reason, notes, criteria,
                            on_date)


def apply_status(session, ws: Workspace, person_id: str, state: str | None,
                 failure_reason: str | None = None, notes: str | None = None,
                 criteria: dict | None = None, on_date: str | None = None
                 ) -> DigitalCitizenStatus:
    """set_status inside the caller's transaction (arguments already checked); state None
    keeps the current state (e.g. only a failure reason to record)."""
    load_for_update(session, Person, person_id, QT_TR_NOOP("cư dân"))
    consent.require_for_notes(session, person_id, notes)
    status = session.exec(select(DigitalCitizenStatus)
                          .where(DigitalCitizenStatus.person_id == person_id)).first()
    if status is None:
        status = DigitalCitizenStatus(person_id=person_id)
    state = state or status.vneid_state
    dates = json.loads(status.state_dates)
    dates[state] = on_date or utcnow().date().isoformat()
    status.vneid_state = state
    status.vneid_level = LEVEL_FOR_STATE.get(state, 0)
    status.state_dates = json.dumps(dates, sort_keys=True)
    status.failure_reason = failure_reason
    status.helper_user_id = ws.actor.user_id
    if notes is not None:
        status.notes = notes
    if criteria is not None:
        merged = json.loads(status.criteria)
        merged.update({str(k): bool(v) for k, v in criteria.items()})
        status.criteria = json.dumps(merged, sort_keys=True)
    save_entity(session, ws, status, "vneid.set_status", DOMAIN,
                {"state": state, "failure_reason": failure_reason})
    return status


def add_follow_up(ws: Workspace, person_id: str, task: str, due_date: str,
                  notes: str | None = None) -> FollowUp:
    ws.actor.require(Perm.VNEID_WRITE)
    task = nfc(task or "")
    if not task:
        raise ValidationError({"task": QT_TR_NOOP("Cần ghi việc cần làm.")})
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", due_date or ""):
        raise ValidationError({"due_date": QT_TR_NOOP("Hạn phải là một ngày cụ thể.")})
    notes = _check_note(notes)
    with ws.db.write() as session:
        load_for_update(session, Person, person_id, QT_TR_NOOP("cư dân"))
        consent.require_for_notes(session, person_id, notes)
        item = FollowUp(person_id=person_id, task=task, due_date=due_date,
                        assigned_to=ws.actor.user_id, notes=notes)
        save_entity(session, ws, item, "followup.create", DOMAIN)
    return item


def complete_follow_up(ws: Workspace, follow_up_id: str) -> None:
    ws.actor.require(Perm.VNEID_WRITE)
    with ws.db.write() as session:
        item = load_for_update(session, FollowUp, follow_up_id, QT_TR_NOOP("việc cần làm"))
        item.done_at = utcnow()
        save_entity(session, ws, item, "followup.done", DOMAIN)


def due_follow_ups(ws: Workspace, on_or_before: str) -> list[FollowUp]:
    ws.actor.require(Perm.PERSON_READ)
    with ws.db.read() as session:
        query = select(FollowUp).where(FollowUp.done_at.is_(None), FollowUp.deleted_at.is_(None),
                                       FollowUp.due_date <= on_or_before)
        return list(session.exec(query.order_by(FollowUp.due_date)))
