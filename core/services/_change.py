"""The one write path shared by every service: entity + outbox + audit in the caller's transaction."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlmodel import Session

from core import audit, outbox
from core.errors import NotFound, StaleVersion
from core.models import SYNCED_ENTITIES, Entity, row_of, utcnow
from core.store import Workspace


def save_entity(session: Session, ws: Workspace, obj: Entity, action: str, data_domain: str,
                details: dict | None = None, op: str = "upsert") -> Entity:
    """Persist a new or changed entity, queue it for sync (if synced) and audit it.

    New objects (version 1, not yet in the session) get base version 0; changed ones must have
    been loaded in this transaction and are bumped by one.
    """
    table = obj.__tablename__
    is_new = obj.id is None or session.get(type(obj), obj.id) is None
    if is_new:
        base_version = 0
        obj.version = 1
    else:
        base_version = obj.version
        obj.version = base_version + 1
    obj.updated_at = utcnow()
    obj.updated_by = ws.actor.user_id
    session.add(obj)
    session.flush()
    if table in SYNCED_ENTITIES and not ws.is_demo:
        outbox.append_change(session, table, obj.id, op, base_version, obj.version,
                             row_of(obj), data_domain)
    audit.append_event(session, ws.actor.user_id, action, table, obj.id, details)
    return obj


def load_for_update(session: Session, model: type[Entity], entity_id: str, label: str,
                    expected_version: int | None = None) -> Entity:
    obj = session.get(model, entity_id)
    if obj is None or obj.deleted_at is not None:
        raise NotFound(label)
    if expected_version is not None and obj.version != expected_version:
        raise StaleVersion()
    return obj


@contextmanager
def writing(ws: Workspace, session: Session | None = None) -> Iterator[Session]:
    """The caller's transaction when a service runs as one step of a bigger change (e.g. the
    card desk saves the person and the read's evidence together), else a new one."""
    if session is not None:
        yield session
        return
    with ws.db.write() as own:
        yield own
