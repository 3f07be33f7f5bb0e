"""The commune's thôn / tổ dân phố: add, rename, reorder, retire.

A hamlet that people live in is never deleted: retiring it (active = False) hides it from
pickers and filters while every address that names it stays valid.
"""

from __future__ import annotations

from sqlmodel import select

from core.auth import Perm
from core.errors import ValidationError
from core.i18n import QT_TR_NOOP
from core.models import Hamlet
from core.services._change import load_for_update, save_entity
from core.store import Workspace
from core.text import fold, nfc

DOMAIN = "population"


def _clean_name(name: str | None) -> str:
    name = " ".join(nfc(name or "").split())
    if not name:
        raise ValidationError({"name": QT_TR_NOOP("Cần nhập tên thôn/tổ dân phố.")})
    return name


def _check_unique(session, name: str, except_id: str | None = None) -> None:
    for other in session.exec(select(Hamlet).where(Hamlet.deleted_at.is_(None))):
        if other.id != except_id and fold(other.name) == fold(name):
            raise ValidationError({"name": QT_TR_NOOP("Đã có thôn/tổ dân phố tên này.")})


def add_hamlet(ws: Workspace, name: str, position: int | None = None) -> Hamlet:
    """A new hamlet, last in the list unless `position` is given."""
    ws.actor.require(Perm.SETTINGS_MANAGE)
    name = _clean_name(name)
    with ws.db.write() as session:
        _check_unique(session, name)
        if position is None:
            positions = [h.position for h in session.exec(select(Hamlet))]
            position = max(positions, default=0) + 1
        hamlet = Hamlet(name=name, commune_code=ws.meta("commune_code") or "", position=position)
        save_entity(session, ws, hamlet, "hamlet.create", DOMAIN)
    return hamlet


def list_hamlets(ws: Workspace, include_retired: bool = False) -> list[Hamlet]:
    with ws.db.read() as session:
        query = select(Hamlet).where(Hamlet.deleted_at.is_(None))
        if not include_retired:
            query = query.where(Hamlet.active == True)  # noqa: E712
        return list(session.exec(query.order_by(Hamlet.position, Hamlet.name)))


def rename_hamlet(ws: Workspace, hamlet_id: str, name: str) -> Hamlet:
    ws.actor.require(Perm.SETTINGS_MANAGE)
    name = _clean_name(name)
    with ws.db.write() as session:
        hamlet = load_for_update(session, Hamlet, hamlet_id, QT_TR_NOOP("thôn/tổ dân phố"))
        _check_unique(session, name, except_id=hamlet_id)
        old = hamlet.name
        hamlet.name = name
        save_entity(session, ws, hamlet, "hamlet.rename", DOMAIN,
                    details={"from": old, "to": name})
    return hamlet


def set_hamlet_active(ws: Workspace, hamlet_id: str, active: bool) -> Hamlet:
    ws.actor.require(Perm.SETTINGS_MANAGE)
    with ws.db.write() as session:
        hamlet = load_for_update(session, Hamlet, hamlet_id, QT_TR_NOOP("thôn/tổ dân phố"))
        hamlet.active = active
        save_entity(session, ws, hamlet, "hamlet.restore" if active else "hamlet.retire",
                    DOMAIN)
    return hamlet


def reorder_hamlets(ws: Workspace, hamlet_ids: list[str]) -> None:
    """Give the listed hamlets positions 1, 2, … in that order (one transaction)."""
    ws.actor.require(Perm.SETTINGS_MANAGE)
    with ws.db.write() as session:
        for position, hamlet_id in enumerate(hamlet_ids, start=1):
            hamlet = load_for_update(session, Hamlet, hamlet_id, QT_TR_NOOP("thôn/tổ dân phố"))
            if hamlet.position != position:
                hamlet.position = position
                save_entity(session, ws, hamlet, "hamlet.reorder", DOMAIN)
