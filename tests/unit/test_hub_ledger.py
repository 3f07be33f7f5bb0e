"""The hub ledger (issue 7): idempotent per-op apply, conflicts, tenancy, pull by cursor."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import create_engine, func, insert, select

from core.models import new_id
from core.outbox import row_hash
from sync.hub import schema
from sync.hub.ledger import CommuneMismatch, DeviceRefused, Forbidden, apply_batch, pull
from sync.protocol import Batch, BatchResult, Op
from sync.protocol.results import APPLIED, CONFLICT, DUPLICATE, HELD, MISMATCH, REJECTED

A, B = "00001", "00004"


@pytest.fixture
def engine(tmp_path):
    eng = create_engine(f"sqlite:///{tmp_path / 'hub.db'}")
    schema.create_all(eng)
    now = datetime.now(UTC)
    with eng.begin() as conn:
        conn.execute(insert(schema.commune), [{"code": A, "name": "Xã A"},
                                              {"code": B, "name": "Xã B"}])
        conn.execute(insert(schema.device), [
            {"id": "dev-a", "commune_code": A, "name": "PC A", "public_key": "ka",
             "key_id": "a" * 16, "enrolled_at": now, "revoked_at": None},
            {"id": "dev-b", "commune_code": B, "name": "PC B", "public_key": "kb",
             "key_id": "b" * 16, "enrolled_at": now, "revoked_at": None},
            {"id": "dev-old", "commune_code": A, "name": "PC cũ", "public_key": "ko",
             "key_id": "c" * 16, "enrolled_at": now, "revoked_at": now},
        ])
    yield eng
    eng.dispose()


class Device:
    """Builds real ops the way a device's outbox would."""

    def __init__(self, device_id: str = "dev-a", commune_code: str = A):
        self.device_id, self.commune_code, self.seq = device_id, commune_code, 0

    def op(self, entity_id: str | None = None, *, base: int = 0, entity: str = "person",
           name: str = "Nguyễn Văn A", op_id: str | None = None) -> Op:
        self.seq += 1
        entity_id = entity_id or new_id()
        row = {"id": entity_id, "version": base + 1, "full_name": name,
               "commune_code": self.commune_code}
        return Op(op_id=op_id or new_id(), seq=self.seq, entity=entity, entity_id=entity_id,
                  op="upsert", base_version=base, version=base + 1, payload=row,
                  payload_hash=row_hash(row), data_domain="population")

    def batch(self, *ops: Op, commune_code: str | None = None) -> Batch:
        return Batch(commune_code=commune_code or self.commune_code, device_id=self.device_id,
                     batch_id=new_id(), created_at=datetime.now(UTC), ops=ops)


def push(engine, batch: Batch, device_id: str | None = None) -> BatchResult:
    with engine.begin() as conn:
        return apply_batch(conn, batch, device_id or batch.device_id)


def pull_all(engine, commune_code: str, after: int = 0, limit: int = 1000):
    with engine.connect() as conn:
        return pull(conn, commune_code, after, limit)


def snapshot(engine) -> dict:
    with engine.connect() as conn:
        return {table.name: sorted(tuple(map(str, r)) for r in conn.execute(select(table)))
                for table in (schema.entity_state, schema.change, schema.op_ledger)}


def statuses(result: BatchResult) -> list[str]:
    return [r.status for r in result.results]


def test_new_ops_are_applied_and_pulled_in_order(engine):
    dev = Device()
    ops = [dev.op(name=f"Người {i}") for i in range(3)]
    batch = dev.batch(*ops)
    result = push(engine, batch)
    assert statuses(result) == [APPLIED] * 3
    assert [r.server_version for r in result.results] == [1, 1, 1]
    result.check_against(batch)
    changes, cursor = pull_all(engine, A)
    assert [(c[1], c[2], c[3]) for c in changes] == [("person", o.entity_id, 1) for o in ops]
    assert [c[4] for c in changes] == [o.payload for o in ops]
    assert [c[0] for c in changes] == sorted(c[0] for c in changes)
    assert cursor == changes[-1][0] == result.cursor
    assert pull_all(engine, A, cursor) == ([], cursor)
    # paging by limit gives the same stream
    first, c1 = pull_all(engine, A, 0, 2)
    rest, c2 = pull_all(engine, A, c1, 2)
    assert first + rest == changes and c2 == cursor


def test_replayed_batch_is_all_duplicate_and_changes_nothing(engine):
    dev = Device()
    created = dev.op()
    stale = dev.op(created.entity_id, base=0, name="khác")  # second create of the same row
    batch = dev.batch(created, stale, dev.op(entity="person", name="C"))
    first = push(engine, batch)
    assert statuses(first) == [APPLIED, CONFLICT, APPLIED]
    before = snapshot(engine)
    again = push(engine, batch)
    assert statuses(again) == [DUPLICATE] * 3
    for orig, dup in zip(first.results, again.results, strict=True):
        assert dup.original_status == orig.status
        assert (dup.server_version, dup.server_row, dup.errors) == (
            orig.server_version, orig.server_row, orig.errors)
    assert again.cursor == first.cursor
    assert snapshot(engine) == before


def test_same_op_id_other_payload_is_mismatch(engine):
    dev = Device()
    op = dev.op(name="Trần Thị B")
    push(engine, dev.batch(op))
    before = snapshot(engine)
    forged = dev.op(op.entity_id, name="Trần Thị Bờ", op_id=op.op_id)
    result = push(engine, dev.batch(forged))
    assert statuses(result) == [MISMATCH]
    assert snapshot(engine) == before
    # the same op id from another device is never a duplicate (no replay of A's result)
    other = Device("dev-b", B)
    copy = other.op(op.entity_id, name="Trần Thị B", op_id=op.op_id)
    assert statuses(push(engine, other.batch(copy))) == [MISMATCH]


def test_stale_base_version_is_conflict_with_server_version(engine):
    dev = Device()
    v1 = dev.op()
    v2 = dev.op(v1.entity_id, base=1, name="v2")
    assert statuses(push(engine, dev.batch(v1, v2))) == [APPLIED, APPLIED]
    other = Device("dev-a")
    other.seq = 100
    stale = other.op(v1.entity_id, base=1, name="sửa trên bản cũ")
    result = push(engine, other.batch(stale))
    (res,) = result.results
    assert res.status == CONFLICT
    assert res.server_version == 2 and res.server_row == v2.payload
    changes, _ = pull_all(engine, A)
    assert [(c[2], c[3], c[4]) for c in changes] == [(v1.entity_id, 2, v2.payload)]


def test_update_before_create_is_held_and_applies_once_it_arrives(engine):
    dev = Device()
    v1 = dev.op()
    v2 = dev.op(v1.entity_id, base=1, name="v2")
    held = push(engine, dev.batch(v2))
    assert statuses(held) == [HELD] and held.results[0].waiting_for
    assert pull_all(engine, A) == ([], 0)
    assert statuses(push(engine, dev.batch(v1))) == [APPLIED]
    assert statuses(push(engine, dev.batch(v2))) == [APPLIED]  # held ops are not recorded


def test_one_failing_op_does_not_undo_the_others(engine):
    dev = Device()
    good1, bad, good2 = dev.op(), dev.op(), dev.op()
    object.__setattr__(bad, "entity", "secret_table")  # past the decoder's check: defence in depth
    result = push(engine, _batch_unchecked(dev, good1, bad, good2))
    assert statuses(result) == [APPLIED, REJECTED, APPLIED]
    assert result.results[1].errors == {"entity": "not a synced table"}
    changes, _ = pull_all(engine, A)
    assert {c[2] for c in changes} == {good1.entity_id, good2.entity_id}
    # the rejection is final and replayed as such
    again = push(engine, _batch_unchecked(dev, bad))
    assert again.results[0].status == DUPLICATE and again.results[0].original_status == REJECTED


def test_tampered_payload_is_rejected_not_applied(engine):
    dev = Device()
    op = dev.op()
    op.payload["full_name"] = "sửa sau khi ký"  # the hash no longer matches
    result = push(engine, dev.batch(op))
    assert statuses(result) == [REJECTED] and "payload_hash" in result.results[0].errors
    assert pull_all(engine, A) == ([], 0)


def _batch_unchecked(dev: Device, *ops: Op) -> Batch:
    batch = object.__new__(Batch)
    for name, value in (("commune_code", dev.commune_code), ("device_id", dev.device_id),
                        ("batch_id", new_id()), ("created_at", datetime.now(UTC)),
                        ("ops", ops), ("format", "xaso-sync"), ("version", 1)):
        object.__setattr__(batch, name, value)
    return batch


def test_device_of_commune_a_cannot_push_to_b_and_pull_is_per_commune(engine):
    a, b = Device("dev-a", A), Device("dev-b", B)
    push(engine, a.batch(a.op(name="dân xã A")))
    with pytest.raises(CommuneMismatch):
        push(engine, a.batch(a.op(name="chen vào xã B"), commune_code=B))
    with pytest.raises(DeviceRefused):  # signed by A, claims to be B's device
        push(engine, b.batch(b.op()), device_id="dev-a")
    with pytest.raises(Forbidden):
        push(engine, Device("dev-old").batch(Device("dev-old").op()))
    with pytest.raises(PermissionError):
        push(engine, Device("nobody").batch(Device("nobody").op()))
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(schema.op_ledger)).scalar() == 1
    assert pull_all(engine, B) == ([], 0)
    b_op = b.op(name="dân xã B")
    push(engine, b.batch(b_op))
    changes_b, _ = pull_all(engine, B)
    assert [c[4] for c in changes_b] == [b_op.payload]
    changes_a, _ = pull_all(engine, A)
    assert all(c[4]["commune_code"] == A for c in changes_a)
    # same entity id in two communes: two tenants, two rows
    shared = b.op(changes_a[0][2], name="trùng id")
    assert statuses(push(engine, b.batch(shared))) == [APPLIED]
    assert pull_all(engine, A)[0] == changes_a


def test_reordered_batches_end_in_the_same_state(tmp_path):
    dev = Device()
    batch1 = dev.batch(dev.op(name="1a"), dev.op(name="1b"))
    batch2 = dev.batch(dev.op(name="2a"), dev.op(name="2b", entity="household"))
    states = []
    for name, order in (("in_order", (batch1, batch2)), ("reordered", (batch2, batch1))):
        eng = create_engine(f"sqlite:///{tmp_path / name}.db")
        schema.create_all(eng)
        with eng.begin() as conn:
            conn.execute(insert(schema.commune).values(code=A, name="Xã A"))
            conn.execute(insert(schema.device).values(
                id="dev-a", commune_code=A, name="PC", public_key="k", key_id="k" * 16,
                enrolled_at=datetime.now(UTC)))
        for batch in order:
            assert set(statuses(push(eng, batch))) == {APPLIED}
        with eng.connect() as conn:
            states.append(sorted((r.entity, r.entity_id, r.version, r.row)
                                 for r in conn.execute(select(schema.entity_state))))
            ledger = sorted((r.op_id, r.status) for r in conn.execute(select(schema.op_ledger)))
        changes, _ = pull_all(eng, A)
        assert len(changes) == 4
        states.append(ledger)
        eng.dispose()
    assert states[0] == states[2] and states[1] == states[3]
