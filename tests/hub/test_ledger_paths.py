"""The ledger's bulk path and its per-op fallback give the same answers, on both engines."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import insert, select

from core.models import new_id
from core.outbox import row_hash
from sync.hub import admin, ledger, schema
from sync.hub.db import Database
from sync.protocol import Batch, Op, OpResult
from tests.hub.helpers import A, B, person_row


@pytest.fixture
def db(db_url):
    database = Database(db_url)
    database.create_schema()
    admin.add_commune(database, A, "Xã A")
    admin.add_commune(database, B, "Xã B")
    now = datetime.now(UTC)
    with database.write() as conn:
        conn.execute(insert(schema.device), [
            {"id": "dev-a", "commune_code": A, "name": "PC A", "public_key": "k",
             "key_id": "a" * 16, "enrolled_at": now},
            {"id": "dev-b", "commune_code": B, "name": "PC B", "public_key": "k",
             "key_id": "b" * 16, "enrolled_at": now}])
    yield database
    database.dispose()


def _op(seq: int, commune: str, op_id: str | None = None) -> Op:
    entity_id = new_id()
    row = person_row(entity_id, 1, "Vũ Thị Lan", commune)
    return Op(op_id=op_id or new_id(), seq=seq, entity="person", entity_id=entity_id,
              op="upsert", base_version=0, version=1, payload=row, payload_hash=row_hash(row),
              data_domain="population")


def _batch(device: str, commune: str, ops) -> Batch:
    return Batch(commune_code=commune, device_id=device, batch_id=new_id(),
                 created_at=datetime.now(UTC), ops=ops)


def test_applied_result_text_is_the_canonical_json():
    result = OpResult.applied(new_id(), 12)
    assert ledger._result_text(result) == ledger._dumps(result.to_dict())


def test_an_op_id_taken_meanwhile_falls_back_per_op(db, monkeypatch):
    """Another commune's push takes one op id between the prefetch and the bulk insert."""
    taken = _op(1, B)
    with db.write() as conn:
        ledger.apply_batch(conn, _batch("dev-b", B, [taken]), "dev-b")
    ops = [_op(i + 1, A) for i in range(20)]
    ops[7] = _op(8, A, op_id=taken.op_id)
    real = ledger._prefetch_ledger
    calls = []

    def stale_prefetch(conn, op_ids):  # the first (bulk) prefetch misses the taken id
        calls.append(len(op_ids))
        found = real(conn, op_ids)
        return {} if len(calls) == 1 else found

    monkeypatch.setattr(ledger, "_prefetch_ledger", stale_prefetch)
    with db.write() as conn:
        result = ledger.apply_batch(conn, _batch("dev-a", A, ops), "dev-a", verified=True)
    assert len(calls) == 1 + 20  # the bulk attempt, then one prefetch per op
    statuses = [r.status for r in result.results]
    assert statuses[7] == "mismatch" and statuses.count("applied") == 19
    assert result.cursor == 19
    with db.read() as conn:
        seqs = [r.seq for r in conn.execute(select(schema.change.c.seq)
                                            .where(schema.change.c.commune_code == A)
                                            .order_by(schema.change.c.seq))]
        owner = conn.execute(select(schema.op_ledger.c.commune_code)
                             .where(schema.op_ledger.c.op_id == taken.op_id)).scalar()
    assert seqs == list(range(1, 20)) and owner == B  # no gap; B's answer untouched
    with db.read() as conn:
        page = ledger.pull_page(conn, A, 0, 100)
    assert len(page.changes) == 19 and not page.more
