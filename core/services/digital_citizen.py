"""Digital-citizen criteria ("công dân số"): which ones the commune counts (configurable), each
person's answers, and the tally per hamlet.

Default set: VNeID level 2, an e-payment account, a digital signature, a digital address.
"vneid_level2" is never typed: it follows the person's VNeID level. The others are kept in
the person's digital_citizen_status.criteria (JSON booleans).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import text
from sqlmodel import select

from core import audit
from core.auth import Perm
from core.errors import ValidationError
from core.i18n import QT_TR_NOOP
from core.models import AppMeta, DigitalCitizenStatus, Person
from core.services._change import load_for_update, save_entity
from core.services.vneid_reports import LEVEL2_AGE, NO_HAMLET, _cutoff
from core.store import Workspace

CRITERIA = {
    "vneid_level2": QT_TR_NOOP("Định danh điện tử mức 2"),
    "e_payment": QT_TR_NOOP("Tài khoản thanh toán điện tử"),
    "digital_signature": QT_TR_NOOP("Chữ ký số"),
    "digital_address": QT_TR_NOOP("Địa chỉ số"),
}
DERIVED = ("vneid_level2",)
CONFIG_KEY = "setting.digital_citizen_criteria"


def enabled_criteria(ws: Workspace) -> list[str]:
    raw = ws.meta(CONFIG_KEY)
    keys = json.loads(raw) if raw else list(CRITERIA)
    return [k for k in keys if k in CRITERIA]


def set_enabled_criteria(ws: Workspace, keys: list[str]) -> list[str]:
    ws.actor.require(Perm.SETTINGS_MANAGE)
    if not keys or any(k not in CRITERIA for k in keys):
        raise ValidationError({"criteria": QT_TR_NOOP("Chọn ít nhất một tiêu chí trong danh mục.")})
    ordered = [k for k in CRITERIA if k in keys]
    with ws.db.write() as session:
        row = session.get(AppMeta, CONFIG_KEY) or AppMeta(key=CONFIG_KEY, value="")
        row.value = json.dumps(ordered)
        session.add(row)
        audit.append_event(session, ws.actor.user_id, "settings.update",
                           details={"changes": {"digital_citizen_criteria": ordered}})
    return ordered


def person_criteria(ws: Workspace, person_id: str) -> dict[str, bool]:
    """Each criterion (all of them, enabled or not) for one person."""
    ws.actor.require(Perm.PERSON_READ)
    with ws.db.read() as session:
        status = session.exec(select(DigitalCitizenStatus).where(
            DigitalCitizenStatus.person_id == person_id)).first()
    stored = json.loads(status.criteria) if status else {}
    answers = {k: bool(stored.get(k)) for k in CRITERIA}
    answers["vneid_level2"] = bool(status and status.vneid_level == 2)
    return answers


def set_person_criteria(ws: Workspace, person_id: str, answers: dict[str, bool]) -> None:
    ws.actor.require(Perm.VNEID_WRITE)
    typed = {k: bool(v) for k, v in answers.items() if k in CRITERIA and k not in DERIVED}
    with ws.db.write() as session:
        load_for_update(session, Person, person_id, "cư dân")
        status = session.exec(select(DigitalCitizenStatus).where(
            DigitalCitizenStatus.person_id == person_id)).first() \
            or DigitalCitizenStatus(person_id=person_id)
        merged = json.loads(status.criteria or "{}") | typed
        if merged == json.loads(status.criteria or "{}") and status.id is not None:
            return
        status.criteria = json.dumps(merged, sort_keys=True)
        save_entity(session, ws, status, "vneid.criteria", "vneid", {"criteria": sorted(typed)})


@dataclass(frozen=True)
class HamletCriteria:
    hamlet: str
    eligible: int
    met: dict[str, int]  # criterion -> residents meeting it
    all_met: int  # residents meeting every enabled criterion


def _condition(key: str) -> str:
    if key == "vneid_level2":
        return "coalesce(s.vneid_level, 0) = 2"
    return f"coalesce(json_extract(s.criteria, '$.{key}'), 0) = 1"  # key from CRITERIA only


def tally(ws: Workspace, today: date) -> list[HamletCriteria]:
    """Residents aged 14+ per hamlet meeting each enabled criterion, and all of them."""
    ws.actor.require(Perm.REPORT_READ)
    keys = enabled_criteria(ws)
    columns = ", ".join(f"sum({_condition(k)})" for k in keys)
    every = " AND ".join(_condition(k) for k in keys)
    sql = f"""
        SELECT coalesce(h.name, :none), count(*), {columns}, sum({every})
        FROM person p INDEXED BY ix_person_coverage
        LEFT JOIN digital_citizen_status s ON s.person_id = p.id AND s.deleted_at IS NULL
        LEFT JOIN address a INDEXED BY ix_address_hamlet ON a.id = p.residence_address_id
        LEFT JOIN hamlet h ON h.id = a.hamlet_id
        WHERE p.deleted_at IS NULL AND p.dob IS NOT NULL AND p.dob <= :cutoff
        GROUP BY h.id ORDER BY h.id IS NULL, min(h.position), min(h.name)
    """  # noqa: S608 - column expressions built from the fixed CRITERIA keys
    with ws.db.read() as session:
        rows = session.execute(text(sql), {"cutoff": _cutoff(today, LEVEL2_AGE),
                                           "none": NO_HAMLET}).all()
    return [HamletCriteria(row[0], row[1], dict(zip(keys, (v or 0 for v in row[2:-1]),
                                                    strict=True)), row[-1] or 0)
            for row in rows]
