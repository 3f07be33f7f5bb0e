"""This PC's enrollment with a hub and where its sync stands (schema v5, table sync_state).

Written by the sync client (sync/client) through these functions only; no network here. The
device's private key is stored as PEM inside the encrypted database and nowhere else.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import text
from sqlmodel import Session

from core import audit, outbox
from core.auth import Perm
from core.errors import ValidationError, XasoError
from core.i18n import QT_TR_NOOP, Msg
from core.models import AppMeta, Record, RecordAction, SyncState, row_of, utcnow
from core.store import Workspace

MAX_ERROR_CHARS = 500


class NotEnrolled(XasoError):
    def __init__(self):
        super().__init__(QT_TR_NOOP(
            "Máy này chưa được đăng ký với máy chủ đồng bộ. Quản trị viên hãy đăng ký máy "
            "(Đồng bộ → Đăng ký máy) bằng mã đăng ký do máy chủ cấp."))


class DemoNeverSyncs(XasoError):
    def __init__(self):
        super().__init__(QT_TR_NOOP(
            "Xã mẫu (dữ liệu giả lập) không bao giờ được đồng bộ lên máy chủ."))


@dataclass(frozen=True)
class Enrollment:
    """What the hub answered at enrollment, plus the key made for this PC."""

    hub_url: str
    hub_id: str
    device_id: str
    device_name: str
    device_key_pem: str
    hub_signing_key: str
    hub_sealing_key: str
    commune_code: str


def check_can_sync(ws: Workspace) -> None:
    ws.actor.require(Perm.SYNC_RUN)
    if ws.is_demo:
        raise DemoNeverSyncs()


def get_state(ws: Workspace) -> SyncState | None:
    with ws.db.read() as session:
        return session.get(SyncState, 1)


def require_state(ws: Workspace) -> SyncState:
    state = get_state(ws)
    if state is None:
        raise NotEnrolled()
    return state


def commune_code(ws: Workspace) -> str | None:
    return ws.meta("commune_code")


def save_enrollment(ws: Workspace, enrollment: Enrollment) -> SyncState:
    """Store (or replace) the enrollment. Re-enrolling with the same hub keeps the pull cursor;
    another hub starts from the beginning."""
    ws.actor.require(Perm.SYNC_ADMIN)
    if ws.is_demo:
        raise DemoNeverSyncs()
    with ws.db.write() as session:
        local = session.get(AppMeta, "commune_code")
        if local is None or local.value != enrollment.commune_code:
            raise ValidationError({"code": Msg(QT_TR_NOOP(
                "Mã đăng ký này dành cho xã {hub} nhưng dữ liệu trên máy thuộc xã {local}. "
                "Hãy xin máy chủ mã đăng ký đúng xã."),
                hub=enrollment.commune_code, local=local.value if local else "?")})
        state = session.get(SyncState, 1)
        keep_cursor = state is not None and state.hub_id == enrollment.hub_id
        if state is None:
            state = SyncState(id=1, hub_url="", hub_id="", device_id="", device_name="",
                              device_key="", hub_signing_key="", hub_sealing_key="",
                              commune_code="")
        state.hub_url = enrollment.hub_url
        state.hub_id = enrollment.hub_id
        state.device_id = enrollment.device_id
        state.device_name = enrollment.device_name
        state.device_key = enrollment.device_key_pem
        state.hub_signing_key = enrollment.hub_signing_key
        state.hub_sealing_key = enrollment.hub_sealing_key
        state.commune_code = enrollment.commune_code
        state.enrolled_at = utcnow()
        state.enrolled_by = ws.actor.user_id
        if not keep_cursor:
            state.pull_cursor = 0
        state.failures, state.next_attempt_at, state.last_error = 0, None, None
        if not state.history_queued:
            queued = _queue_history(session)
            state.history_queued = True
        else:
            queued = 0
        session.add(state)
        audit.append_event(session, ws.actor.user_id, "sync.enroll", details={
            "device_id": enrollment.device_id, "hub_id": enrollment.hub_id,
            "history_queued": queued})
    return require_state(ws)


def _queue_history(session: Session) -> int:
    """Record actions written before schema v5 had no outbox entry: queue them once, so the
    hub receives the full history of every legal record."""
    driver = session.connection().connection.driver_connection
    ids = [r[0] for r in driver.execute(
        "SELECT id FROM record_action WHERE id NOT IN "
        "(SELECT entity_id FROM outbox WHERE entity = 'record_action') ORDER BY rowid")]
    for action_id in ids:
        action = session.get(RecordAction, action_id)
        record = session.get(Record, action.record_id)
        outbox.append_change(session, RecordAction.__tablename__, action.id, "upsert", 0,
                             action.version, row_of(action),
                             record.data_domain if record else "civil_status")
    session.flush()
    return len(ids)


def _update(ws: Workspace, **values) -> None:
    ws.actor.require(Perm.SYNC_RUN)
    with ws.db.write() as session:
        state = session.get(SyncState, 1)
        if state is None:
            raise NotEnrolled()
        for name, value in values.items():
            setattr(state, name, value)
        session.add(state)


def record_attempt(ws: Workspace) -> None:
    _update(ws, last_attempt_at=utcnow())


def record_skew(ws: Workspace, skew_seconds: float) -> None:
    _update(ws, clock_skew=float(skew_seconds), skew_measured_at=utcnow())


def record_reference(ws: Workspace, reference: dict | None) -> None:
    if reference is not None:
        _update(ws, reference_versions=json.dumps(reference, sort_keys=True))


def record_success(ws: Workspace, counts: dict | None = None, *, moved: bool = True) -> None:
    """A cycle went through: clears the error and the backoff. Audited when it moved data
    (`moved`); an idle timer cycle every few minutes would only flood the trail."""
    ws.actor.require(Perm.SYNC_RUN)
    with ws.db.write() as session:
        state = session.get(SyncState, 1)
        state.last_success_at = utcnow()
        state.last_error, state.failures, state.next_attempt_at = None, 0, None
        session.add(state)
        if moved:
            audit.append_event(session, ws.actor.user_id, "sync.cycle",
                               details={"counts": counts or {}})


def record_failure(ws: Workspace, message: str, *, retryable: bool,
                   next_attempt_at: datetime | None) -> int:
    """Remember what went wrong (a Vietnamese message, no personal data); returns the number of
    consecutive retryable failures (the backoff's exponent)."""
    ws.actor.require(Perm.SYNC_RUN)
    with ws.db.write() as session:
        state = session.get(SyncState, 1)
        if state is None:
            return 0
        state.last_error = str(message)[:MAX_ERROR_CHARS]
        state.failures = state.failures + 1 if retryable else 0
        state.next_attempt_at = next_attempt_at
        session.add(state)
        return state.failures


REPORT_SENT_KEY = "sync.report_sent_at"  # app_meta: when the hub last took our report figures


def report_sent_at(ws: Workspace) -> datetime | None:
    """When this PC last sent its report figures to the hub (None: never)."""
    try:
        return _parse(ws.meta(REPORT_SENT_KEY))
    except ValueError:  # a damaged value: send again rather than never
        return None


def record_report_sent(ws: Workspace, when: datetime | None = None) -> None:
    """The hub took the report figures (not audited: aggregates, sent every hour or so)."""
    ws.actor.require(Perm.SYNC_RUN)
    value = (when or utcnow()).astimezone(UTC).replace(tzinfo=None).isoformat()
    with ws.db.write() as session:
        row = session.get(AppMeta, REPORT_SENT_KEY) or AppMeta(key=REPORT_SENT_KEY, value="")
        row.value = value
        session.add(row)


@dataclass(frozen=True)
class PendingFigures:
    count: int  # outbox entries the hub has not answered
    oldest_at: datetime | None  # the oldest of them not carried away on a USB bundle


def _parse(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value).replace(tzinfo=UTC) if value else None


def pending_figures(ws: Workspace) -> PendingFigures:
    """How much waits for the hub, and since when. Changes sealed into an exported USB bundle
    count from the export (they are on their way), so a bundle relieves the guard too."""
    with ws.db.read() as session:  # on the pending-entries index
        count = session.execute(text(
            "SELECT count(*) FROM outbox WHERE pushed_at IS NULL")).scalar_one()
        oldest = session.execute(text(
            "SELECT min(o.created_at) FROM outbox o WHERE o.pushed_at IS NULL AND "
            "(o.batch_id IS NULL OR o.batch_id NOT IN "
            "(SELECT id FROM sync_batch WHERE exported_at IS NOT NULL))")).scalar()
        exported = session.execute(text(
            "SELECT min(exported_at) FROM sync_batch WHERE answered_at IS NULL "
            "AND exported_at IS NOT NULL")).scalar()
    times = [t for t in (_parse(oldest), _parse(exported)) if t is not None]
    return PendingFigures(int(count), min(times) if times else None)
