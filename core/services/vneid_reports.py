"""VNeID follow-through: the "Hôm nay" worklist, coverage per hamlet with the funnel
collected → issued → activated, and who still lacks level 2.

Level 2 is for residents aged 14 and over (DOMAIN.md §5); a date of birth known only to the year
counts from 1 January of that year (text order of ISO dates is date order). Each query is one
set-wise statement, so a 200k-person commune answers in well under a second.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import text
from sqlmodel import select

from core import audit
from core.auth import Perm
from core.i18n import QT_TR_NOOP
from core.models import DigitalCitizenStatus, Person
from core.services._change import load_for_update
from core.store import Workspace

LEVEL2_AGE = 14
NO_HAMLET = "—"


def _cutoff(today: date, years: int) -> str:
    """ISO date of the day one turns `years` today (29 Feb → 28 Feb)."""
    try:
        return today.replace(year=today.year - years).isoformat()
    except ValueError:
        return today.replace(year=today.year - years, day=28).isoformat()


@dataclass(frozen=True)
class WorkItem:
    follow_up_id: str
    person_id: str
    full_name: str
    hamlet: str
    task: str
    due_date: str
    overdue: bool
    vneid_state: str | None


_WORKLIST_SQL = """
SELECT f.id, p.id, p.full_name, coalesce(h.name, :none), f.task, f.due_date, s.vneid_state
FROM follow_up f
JOIN person p ON p.id = f.person_id AND p.deleted_at IS NULL
LEFT JOIN address a ON a.id = p.residence_address_id
LEFT JOIN hamlet h ON h.id = a.hamlet_id
LEFT JOIN digital_citizen_status s ON s.person_id = p.id AND s.deleted_at IS NULL
WHERE f.done_at IS NULL AND f.deleted_at IS NULL AND f.due_date <= :day
ORDER BY f.due_date, h.position, p.sort_key
LIMIT :limit
"""


def worklist(ws: Workspace, on_date: date, limit: int = 500) -> list[WorkItem]:
    """Follow-ups due on `on_date` or overdue, oldest first (audited: a list of names)."""
    ws.actor.require(Perm.PERSON_READ)
    day = on_date.isoformat()
    with ws.db.write() as session:
        rows = session.execute(text(_WORKLIST_SQL),
                               {"day": day, "none": NO_HAMLET, "limit": limit}).all()
        audit.append_event(session, ws.actor.user_id, "vneid.worklist",
                           details={"date": day, "items": len(rows)})
    return [WorkItem(r[0], r[1], r[2], r[3], r[4], r[5], r[5] < day, r[6]) for r in rows]


@dataclass(frozen=True)
class HamletCoverage:
    hamlet_id: str | None
    hamlet: str
    eligible: int  # residents aged 14+
    collected: int  # level-2 application submitted at the police, or further
    issued: int
    activated: int

    @property
    def level2(self) -> int:
        return self.issued  # issued or activated: the account exists at level 2

    @property
    def coverage_pct(self) -> float:
        return round(100 * self.level2 / self.eligible, 1) if self.eligible else 0.0

    def as_dict(self) -> dict:
        return {"hamlet": self.hamlet, "eligible": self.eligible, "collected": self.collected,
                "issued": self.issued, "activated": self.activated, "level2": self.level2,
                "coverage_pct": self.coverage_pct}


# Index-only: see the v003 migration for why these indexes (the planner would pick the unique
# autoindexes and read a random table page per resident).
_COVERAGE_SQL = """
SELECT h.id, coalesce(h.name, :none), sum(c.eligible), sum(c.collected), sum(c.issued),
       sum(c.activated)
FROM (
    SELECT a.hamlet_id AS hamlet_id, count(*) AS eligible,
           coalesce(sum(s.vneid_state IN ('submitted', 'issued', 'activated')), 0) AS collected,
           coalesce(sum(s.vneid_state IN ('issued', 'activated')), 0) AS issued,
           coalesce(sum(s.vneid_state = 'activated'), 0) AS activated
    FROM person p INDEXED BY ix_person_coverage
    LEFT JOIN digital_citizen_status s INDEXED BY ix_digital_citizen_status_coverage
           ON s.person_id = p.id AND s.deleted_at IS NULL
    LEFT JOIN address a INDEXED BY ix_address_hamlet ON a.id = p.residence_address_id
    WHERE p.deleted_at IS NULL AND p.dob IS NOT NULL AND p.dob <= :cutoff
    GROUP BY a.hamlet_id
) c
LEFT JOIN hamlet h ON h.id = c.hamlet_id
GROUP BY h.id
ORDER BY h.id IS NULL, min(h.position), min(h.name)
"""


def coverage(ws: Workspace, today: date) -> list[HamletCoverage]:
    """Level-2 coverage of residents aged 14+ per hamlet (counts only: not audited as a read
    of personal data)."""
    ws.actor.require(Perm.REPORT_READ)
    with ws.db.read() as session:
        rows = session.execute(text(_COVERAGE_SQL), {"cutoff": _cutoff(today, LEVEL2_AGE),
                                                     "none": NO_HAMLET}).all()
    return [HamletCoverage(*row) for row in rows]


def total(rows: list[HamletCoverage]) -> HamletCoverage:
    return HamletCoverage(None, "", *(sum(getattr(r, f) for r in rows) for f in (
        "eligible", "collected", "issued", "activated")))


_LACKING_SQL = """
SELECT p.id, p.full_name, p.dob, coalesce(h.name, :none), coalesce(s.vneid_state, 'no_account'),
       s.failure_reason
FROM person p
LEFT JOIN address a ON a.id = p.residence_address_id
LEFT JOIN hamlet h ON h.id = a.hamlet_id
LEFT JOIN digital_citizen_status s ON s.person_id = p.id AND s.deleted_at IS NULL
WHERE p.deleted_at IS NULL AND p.dob IS NOT NULL AND p.dob <= :cutoff
  AND coalesce(s.vneid_level, 0) < 2
  AND (:hamlet IS NULL OR a.hamlet_id = :hamlet)
ORDER BY h.position, p.sort_key
LIMIT :limit OFFSET :offset
"""


def lacking_level2(ws: Workspace, today: date, hamlet_id: str | None = None, limit: int = 200,
                   offset: int = 0) -> list[dict]:
    """Residents aged 14+ without a level-2 account, by hamlet then name (audited)."""
    ws.actor.require(Perm.PERSON_READ)
    params = {"cutoff": _cutoff(today, LEVEL2_AGE), "none": NO_HAMLET, "hamlet": hamlet_id,
              "limit": limit, "offset": offset}
    with ws.db.write() as session:
        rows = session.execute(text(_LACKING_SQL), params).all()
        audit.append_event(session, ws.actor.user_id, "vneid.lacking_level2",
                           details={"hamlet": bool(hamlet_id), "rows": len(rows)})
    keys = ("person_id", "full_name", "dob", "hamlet", "vneid_state", "failure_reason")
    return [dict(zip(keys, row, strict=True)) for row in rows]


# -- one person's journey -------------------------------------------------------------------

PREREQUISITES = {  # what level 2 needs before the police visit (DOMAIN.md §5)
    "prereq_sim": QT_TR_NOOP("SIM chính chủ"),
    "prereq_phone": QT_TR_NOOP("Điện thoại thông minh"),
    "prereq_card": QT_TR_NOOP("Thẻ căn cước còn hạn"),
}


def eligibility(dob: str | None, today: date) -> str:
    """"adult" (14+: level 2), "child" (6 to under 14: level 1/2 with a parent),
    "under6" (registered through a parent's account), or "unknown" without a date of birth."""
    if not dob:
        return "unknown"
    if dob <= _cutoff(today, LEVEL2_AGE):
        return "adult"
    return "child" if dob <= _cutoff(today, 6) else "under6"


@dataclass(frozen=True)
class Journey:
    person_id: str
    full_name: str
    dob: str | None
    eligibility: str
    state: str
    failure_reason: str | None
    state_dates: dict
    prerequisites: dict
    notes: str | None


def journey(ws: Workspace, person_id: str, today: date) -> Journey:
    """A person's VNeID status as the desk shows it (audited as a view of the person)."""
    ws.actor.require(Perm.PERSON_READ)
    with ws.db.write() as session:
        person = load_for_update(session, Person, person_id, QT_TR_NOOP("cư dân"))
        status = session.exec(select(DigitalCitizenStatus).where(
            DigitalCitizenStatus.person_id == person_id)).first()
        audit.append_event(session, ws.actor.user_id, "vneid.view", "person", person_id)
    criteria = json.loads(status.criteria) if status else {}
    return Journey(person.id, person.full_name, person.dob, eligibility(person.dob, today),
                   status.vneid_state if status else "no_account",
                   status.failure_reason if status else None,
                   json.loads(status.state_dates) if status else {},
                   {k: bool(criteria.get(k)) for k in PREREQUISITES},
                   status.notes if status else None)
