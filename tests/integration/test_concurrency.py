"""Several writers at once: BEGIN IMMEDIATE + busy timeout serialise them without loss."""

from __future__ import annotations

import threading

from sqlmodel import func, select

from core.audit import verify_chain
from core.models import OutboxEntry, Person
from core.services import persons
from tests.conftest import ADMIN_PASSWORD


def test_two_connections_and_threads_write_without_loss(store, admin_ws):
    other = store.unlock("admin", ADMIN_PASSWORD)  # a second Database: its own connections/lock
    errors: list[Exception] = []

    def writer(ws, tag: str) -> None:
        try:
            for i in range(25):
                persons.create_person(ws, {"full_name": f"Người Thử {tag} {i}"})
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(ws, tag))
               for ws, tag in ((admin_ws, "A"), (admin_ws, "B"), (other, "C"), (other, "D"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    other.close()
    assert errors == []
    with admin_ws.db.read() as session:
        assert session.exec(select(func.count()).select_from(Person)).one() == 100
        assert session.exec(select(func.count()).select_from(OutboxEntry)).one() == 100
        seqs = session.exec(select(OutboxEntry.seq).order_by(OutboxEntry.seq)).all()
        assert seqs == list(range(seqs[0], seqs[0] + 100))  # one gap-free device order
        assert verify_chain(session).ok
