"""Consent for extra data kept to follow a resident up (personal-data law, DOMAIN.md §6): a
contact phone (persons.set_contact_phone) and follow-up notes. Without an active consent no
note is kept; withdrawing it erases what was kept under it (persons.withdraw_consent)."""

from __future__ import annotations

from sqlmodel import select

from core.auth import Perm
from core.errors import ValidationError
from core.i18n import QT_TR_NOOP
from core.models import Consent, Person
from core.services._change import load_for_update, save_entity
from core.store import Workspace
from core.text import nfc

FOLLOW_UP_PURPOSES = ("contact", "follow_up")
NO_CONSENT = QT_TR_NOOP("Chỉ lưu ghi chú theo dõi khi người dân đã đồng ý (Cư dân → Liên lạc → "
                        "Ghi nhận đồng ý).")


def has_follow_up_consent(session, person_id: str) -> bool:
    return session.exec(select(Consent.id).where(
        Consent.person_id == person_id, Consent.purpose.in_(FOLLOW_UP_PURPOSES),
        Consent.withdrawn_at.is_(None), Consent.deleted_at.is_(None))).first() is not None


def require_for_notes(session, person_id: str, notes: str | None) -> None:
    if notes and not has_follow_up_consent(session, person_id):
        raise ValidationError({"notes": NO_CONSENT})


def give_consent(ws: Workspace, person_id: str, method: str, given_by: str,
                 purpose: str = "follow_up") -> Consent:
    ws.actor.require(Perm.PERSON_WRITE)
    if not nfc(method or "") or not nfc(given_by or ""):
        raise ValidationError({"consent": QT_TR_NOOP("Cần ghi rõ ai đồng ý và đồng ý bằng "
                                                     "cách nào.")})
    with ws.db.write() as session:
        load_for_update(session, Person, person_id, QT_TR_NOOP("cư dân"))
        consent = Consent(person_id=person_id, purpose=purpose, method=nfc(method),
                          given_by=nfc(given_by), recorded_by=ws.actor.user_id)
        save_entity(session, ws, consent, "consent.give", "population", {"purpose": purpose})
    return consent
