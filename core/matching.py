"""Matching a card reading (or any record's identity fields) to the people already stored.

DOMAIN.md §8, in order of strength:

- 12-digit ID equal, and name and date of birth agree → STRONG. Names agree when their folded
  forms are equal (tone placement, spacing, case and even a dropped diacritic): the card's
  spelling is then offered as a correction, never a reason to doubt the identity (the ID
  number already identifies the person; the name only guards against a mistyped number).
- 12-digit ID equal but the name or the date of birth really differ → CONFLICT (review queue:
  the person or the police must correct one side).
- the card's old 9-digit CMND equals a stored old CMND → VIA_CMND.
- no ID match: folded name + full date of birth (and sex when both known) → CANDIDATE when one
  person fits, AMBIGUOUS when several do.
- only a birth year on either side → WEAK (shown, never merged automatically).
- nothing → UNMATCHED (create the person from the card, or schedule a visit).

Pure lookups: the caller owns the session and audits the search.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from sqlmodel import Session, select

from core.i18n import QT_TR_NOOP
from core.models import Person
from core.text import fold, nfc, search_key

MAX_CANDIDATES = 10


class Outcome(StrEnum):
    STRONG = "strong"
    VIA_CMND = "via_cmnd"
    CANDIDATE = "candidate"
    AMBIGUOUS = "ambiguous"
    CONFLICT = "conflict"
    WEAK = "weak"
    UNMATCHED = "unmatched"


OUTCOME_LABELS = {
    Outcome.STRONG: QT_TR_NOOP("Khớp chắc chắn"),
    Outcome.VIA_CMND: QT_TR_NOOP("Khớp qua số CMND cũ"),
    Outcome.CANDIDATE: QT_TR_NOOP("Có thể là người này"),
    Outcome.AMBIGUOUS: QT_TR_NOOP("Nhiều người giống nhau — cần chọn"),
    Outcome.CONFLICT: QT_TR_NOOP("Trùng số định danh nhưng thông tin khác — cần rà soát"),
    Outcome.WEAK: QT_TR_NOOP("Chỉ giống tên và năm sinh — không tự gộp"),
    Outcome.UNMATCHED: QT_TR_NOOP("Chưa có trong dữ liệu"),
}
# Outcomes where one person is identified well enough to update them from the card.
IDENTIFIED = (Outcome.STRONG, Outcome.VIA_CMND)


@dataclass(frozen=True)
class Probe:
    """Identity fields of what is being matched. Dates are ISO, possibly partial."""

    id_number: str | None = None
    full_name: str | None = None
    dob: str | None = None
    sex: str | None = None  # "M" / "F"
    old_id_number: str | None = None

    @classmethod
    def from_card(cls, card: dict) -> Probe:
        """From a CardReading JSON dict (sex as printed: "Nam" / "Nữ")."""
        sex = {"nam": "M", "nu": "F"}.get(fold(card.get("sex") or ""))
        return cls(id_number=_digits(card.get("id_number")), full_name=card.get("full_name"),
                   dob=card.get("date_of_birth"), sex=sex,
                   old_id_number=_digits(card.get("old_id_number")))


@dataclass(frozen=True)
class Candidate:
    person_id: str
    full_name: str
    dob: str | None
    personal_number: str | None
    reasons: list[str] = field(default_factory=list)  # Vietnamese, marked for translation


@dataclass(frozen=True)
class MatchResult:
    outcome: Outcome
    candidates: list[Candidate] = field(default_factory=list)

    @property
    def person_id(self) -> str | None:
        """The identified person, for STRONG and VIA_CMND."""
        return self.candidates[0].person_id if self.outcome in IDENTIFIED else None


def _digits(value: str | None) -> str | None:
    value = "".join((value or "").split())
    return value or None


def dates_agree(a: str | None, b: str | None) -> bool:
    """Two partial ISO dates agree when one is a prefix of the other ("1990" and "1990-05-17"),
    or either is unknown."""
    if not a or not b:
        return True
    return a.startswith(b) or b.startswith(a)


def _full(d: str | None) -> bool:
    return bool(d) and len(d) == 10


def names_agree(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and search_key(a) == search_key(b)


def _candidate(person, reasons: list[str]) -> Candidate:
    return Candidate(person.id, person.full_name, person.dob, person.personal_number, reasons)


class PersonLookup(Protocol):
    """Where candidates come from: the store (one query each) or an in-memory index of it
    (imports match 100k rows against 200k people without a query per row). Rows need the
    attributes id, full_name, dob, sex, personal_number and old_id_number."""

    def by_personal_number(self, number: str) -> Sequence: ...

    def by_old_id_number(self, number: str) -> Sequence: ...

    def by_name_folded(self, folded: str, numberless_only: bool = False) -> Sequence:
        """Same folded name; only those without a 12-digit number if `numberless_only`."""


class SessionLookup:
    """Live (not deleted) persons straight from the store."""

    def __init__(self, session: Session):
        self.session = session

    def _live(self, condition) -> list[Person]:
        query = select(Person).where(condition, Person.deleted_at.is_(None))
        return list(self.session.exec(query.limit(200)))

    def by_personal_number(self, number: str) -> list[Person]:
        return self._live(Person.personal_number == number)

    def by_old_id_number(self, number: str) -> list[Person]:
        return self._live(Person.old_id_number == number)

    def by_name_folded(self, folded: str, numberless_only: bool = False) -> list[Person]:
        if numberless_only:
            return self._live((Person.name_folded == folded) & Person.personal_number.is_(None))
        return self._live(Person.name_folded == folded)


def match_person(session: Session, probe: Probe) -> MatchResult:
    return match_in(SessionLookup(session), probe)


def match_in(lookup: PersonLookup, probe: Probe) -> MatchResult:
    if probe.id_number:
        by_id = lookup.by_personal_number(probe.id_number)
        if by_id:
            return _by_id(by_id[0], probe)
    if probe.old_id_number:
        for person in lookup.by_old_id_number(probe.old_id_number):
            if person.personal_number and probe.id_number \
                    and person.personal_number != probe.id_number:
                continue  # someone else's new number: not this person
            if not names_agree(person.full_name, probe.full_name) \
                    or not dates_agree(person.dob, probe.dob):
                return MatchResult(Outcome.CONFLICT, [_candidate(person, [
                    QT_TR_NOOP("Trùng số CMND cũ nhưng họ tên hoặc ngày sinh khác")])])
            return MatchResult(Outcome.VIA_CMND, [_candidate(person, [
                QT_TR_NOOP("Trùng số CMND cũ")])])
    if not probe.full_name:
        return MatchResult(Outcome.UNMATCHED)
    return _by_name(lookup, probe)


def _by_id(person, probe: Probe) -> MatchResult:
    reasons = [QT_TR_NOOP("Trùng số định danh")]
    name_ok = probe.full_name is None or names_agree(person.full_name, probe.full_name)
    dob_ok = dates_agree(person.dob, probe.dob)
    if not name_ok:
        reasons.append(QT_TR_NOOP("Họ tên khác"))
    if not dob_ok:
        reasons.append(QT_TR_NOOP("Ngày sinh khác"))
    if not (name_ok and dob_ok):
        return MatchResult(Outcome.CONFLICT, [_candidate(person, reasons)])
    if probe.full_name and person.full_name != nfc(probe.full_name):
        reasons.append(QT_TR_NOOP("Cách viết họ tên khác (dấu, khoảng trắng, chữ hoa): nên "
                                  "dùng cách viết trên thẻ"))
    return MatchResult(Outcome.STRONG, [_candidate(person, reasons)])


def _by_name(lookup: PersonLookup, probe: Probe) -> MatchResult:
    # Two people who both have a 12-digit number, and not the same one, are different people.
    people = lookup.by_name_folded(search_key(probe.full_name), bool(probe.id_number))
    year = (probe.dob or "")[:4]
    strong, weak = [], []
    for person in people:
        if probe.sex and person.sex and probe.sex != person.sex:
            continue
        if _full(probe.dob) and _full(person.dob):
            if person.dob == probe.dob:
                strong.append(_candidate(person, [QT_TR_NOOP("Trùng họ tên và ngày sinh")]))
        elif year and (person.dob or "")[:4] == year:
            weak.append(_candidate(person, [QT_TR_NOOP("Trùng họ tên và năm sinh")]))
    if len(strong) == 1:
        return MatchResult(Outcome.CANDIDATE, strong)
    if strong:
        return MatchResult(Outcome.AMBIGUOUS, strong[:MAX_CANDIDATES])
    if weak:
        return MatchResult(Outcome.WEAK, weak[:MAX_CANDIDATES])
    return MatchResult(Outcome.UNMATCHED)
