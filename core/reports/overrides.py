"""Manual overrides of a computed figure, with a mandatory note (audited).

Sometimes a figure the app computes is not the one to send (people served at the district
office that the commune knows of but never recorded, a correction asked for by the province).
The officer types the figure and why; the report shows it instead of the computed one, marked
as adjusted, with the note. Kept in app_meta per period *dates*, hamlet (or the whole commune)
and indicator: never synced, never personal data (a figure and a sentence about it).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlmodel import select

from core import audit
from core.auth import Perm
from core.errors import ValidationError
from core.i18n import QT_TR_NOOP, Msg
from core.models import AppMeta, utcnow
from core.reports.catalogue import Indicator, load_catalogue
from core.reports.periods import Period
from core.store import Workspace
from core.text import nfc

PREFIX = "report.override."
FIELDS = ("value", "cumulative")
MIN_NOTE = 5  # characters: "sửa" alone says nothing


@dataclass(frozen=True)
class Override:
    code: str
    field: str  # "value" (the period's figure) or "cumulative" (from January)
    value: float
    note: str
    by: str | None
    at: str

    def as_dict(self) -> dict:
        return {"code": self.code, "field": self.field, "value": self.value, "note": self.note,
                "by": self.by, "at": self.at}


def _key(period: Period, hamlet_id: str | None, code: str, field: str) -> str:
    return f"{PREFIX}{period.key}.{hamlet_id or 'all'}.{code}.{field}"


def _check_value(indicator: Indicator, value) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = -1.0
    ok = number >= 0 and (
        (indicator.kind == "count" and number.is_integer())
        or (indicator.kind == "ratio" and number <= 100)
        or (indicator.kind == "yesno" and number in (0, 1)))
    if not ok:
        raise ValidationError({"value": {
            "count": QT_TR_NOOP("Số liệu phải là một số nguyên không âm."),
            "ratio": QT_TR_NOOP("Tỷ lệ phải từ 0 đến 100 (%)."),
            "yesno": QT_TR_NOOP("Chỉ tiêu có/không nhận 1 (có) hoặc 0 (không)."),
        }[indicator.kind]})
    return int(number) if indicator.kind != "ratio" else round(number, 1)


def set_override(ws: Workspace, period: Period, code: str, value, note: str,
                 hamlet_id: str | None = None, field: str = "value") -> Override:
    """Replace the figure of `code` for `period` (and hamlet, or the whole commune)."""
    ws.actor.require(Perm.REPORT_EXPORT)
    indicator = load_catalogue().by_code.get(code)
    if indicator is None:
        raise ValidationError({"code": Msg(QT_TR_NOOP("Không có chỉ tiêu “{code}”."), code=code)})
    if field not in FIELDS or (field == "cumulative" and not indicator.cumulative):
        raise ValidationError({"field": QT_TR_NOOP("Chỉ tiêu này không có số lũy kế.")})
    number = _check_value(indicator, value)
    note = " ".join(nfc(note or "").split())
    if len(note) < MIN_NOTE:
        raise ValidationError({"note": QT_TR_NOOP(
            "Cần ghi rõ lý do điều chỉnh số liệu (ví dụ: căn cứ, nguồn số liệu).")})
    item = Override(code, field, number, note, ws.actor.username, utcnow().isoformat())
    key = _key(period, hamlet_id, code, field)
    with ws.db.write() as session:
        row = session.get(AppMeta, key)
        previous = json.loads(row.value)["value"] if row else None
        row = row or AppMeta(key=key, value="")
        row.value = json.dumps(item.as_dict(), ensure_ascii=False)
        session.add(row)
        audit.append_event(session, ws.actor.user_id, "report.override", details={
            "code": code, "field": field, "period": period.key, "hamlet_id": hamlet_id,
            "value": number, "previous": previous})
    return item


def clear_override(ws: Workspace, period: Period, code: str, hamlet_id: str | None = None,
                   field: str = "value") -> bool:
    """Go back to the computed figure; False when there was no override."""
    ws.actor.require(Perm.REPORT_EXPORT)
    key = _key(period, hamlet_id, code, field)
    with ws.db.write() as session:
        row = session.get(AppMeta, key)
        if row is None:
            return False
        previous = json.loads(row.value)["value"]
        session.delete(row)
        audit.append_event(session, ws.actor.user_id, "report.override.clear", details={
            "code": code, "field": field, "period": period.key, "hamlet_id": hamlet_id,
            "previous": previous})
    return True


def overrides_for(ws: Workspace, period: Period, hamlet_id: str | None = None
                  ) -> dict[tuple[str, str], Override]:
    """(code, field) → override, for one period and hamlet (None: the whole commune)."""
    prefix = f"{PREFIX}{period.key}.{hamlet_id or 'all'}."
    with ws.db.read() as session:
        rows = session.exec(select(AppMeta).where(AppMeta.key.startswith(prefix, autoescape=True))).all()
    found = {}
    for row in rows:
        try:
            data = json.loads(row.value)
            item = Override(data["code"], data["field"], data["value"], data["note"],
                            data.get("by"), data.get("at", ""))
        except (ValueError, KeyError, TypeError):
            continue  # a damaged entry: the computed figure stands
        found[(item.code, item.field)] = item
    return found
