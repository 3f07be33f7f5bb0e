"""Evidence of card reads (chip / QR / MRZ): kept as read, with the passive-auth verdict."""

from __future__ import annotations

import json

from core.auth import Perm
from core.errors import ValidationError
from core.i18n import QT_TR_NOOP, Msg
from core.models import CardRead
from core.services._change import save_entity, writing
from core.store import Workspace

SOURCES = ("chip", "qr", "mrz")


def record_card_read(ws: Workspace, source: str, fields: dict, person_id: str | None = None,
                     pa_verdict: dict | None = None, face_sha256: str | None = None,
                     reader_name: str | None = None, session=None) -> CardRead:
    ws.actor.require(Perm.CARD_READ)
    if source not in SOURCES:
        raise ValidationError({"source": Msg(QT_TR_NOOP("Nguồn đọc “{source}” không hợp lệ."),
                                             source=source)})
    with writing(ws, session) as session:
        read = CardRead(person_id=person_id, source=source,
                        fields=json.dumps(fields, ensure_ascii=False, sort_keys=True),
                        pa_verdict=json.dumps(pa_verdict or {}, sort_keys=True),
                        face_sha256=face_sha256, reader_name=reader_name,
                        read_by=ws.actor.user_id)
        save_entity(session, ws, read, "card.read", "population", {"source": source})
    return read
