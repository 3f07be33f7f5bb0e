"""Services: validation, one transaction for entity + outbox + audit, domain rules."""

from __future__ import annotations

import json
import unicodedata

import pytest
from sqlmodel import func, select

from core.errors import NotFound, StaleVersion, ValidationError, XasoError
from core.models import (
    AuditEvent,
    HouseholdMember,
    OutboxEntry,
    Person,
    RecordAction,
    ReviewItem,
    row_of,
)
from core.outbox import row_hash
from core.services import (
    attachments,
    card_reads,
    consent,
    hamlets,
    households,
    persons,
    records,
    reviews,
    vneid,
)


def _outbox(ws, entity_id):
    with ws.db.read() as session:
        query = select(OutboxEntry).where(OutboxEntry.entity_id == entity_id)
        return list(session.exec(query.order_by(OutboxEntry.seq)))


def test_create_normalises_and_queues_and_audits(admin_ws):
    decomposed = unicodedata.normalize("NFD", "  Nguyễn   Văn  Đức ")
    result = persons.create_person(admin_ws, {"full_name": decomposed, "dob": "5/3/1988",
                                              "sex": "nam", "personal_number": "038 088 012345"})
    p = result.person
    assert p.full_name == "Nguyễn Văn Đức" and unicodedata.is_normalized("NFC", p.full_name)
    assert (p.name_folded, p.dob, p.dob_precision, p.sex) == ("nguyen van duc", "1988-03-05", "day", "M")
    assert p.personal_number == "038088012345" and result.warnings == []
    entries = _outbox(admin_ws, p.id)
    assert [(e.op, e.base_version, e.version) for e in entries] == [("upsert", 0, 1)]
    with admin_ws.db.read() as session:
        stored = session.get(Person, p.id)
        assert entries[0].payload_hash == row_hash(row_of(stored))
        events = session.exec(select(AuditEvent).where(AuditEvent.entity_id == p.id)).all()
    assert [e.action for e in events] == ["person.create"]
    assert json.loads(stored.provenance)["full_name"]["source"] == "manual"


def test_validation_errors_are_vietnamese_and_write_nothing(admin_ws):
    with pytest.raises(ValidationError) as err:
        persons.create_person(admin_ws, {"full_name": "Lê Văn Tám", "dob": "31/02/1990",
                                         "personal_number": "12345", "sex": "khác"})
    assert set(err.value.errors) == {"dob", "personal_number", "sex"}
    assert "12 chữ số" in err.value.errors["personal_number"]
    with pytest.raises(ValidationError, match="họ và tên"):
        persons.create_person(admin_ws, {"full_name": "   "})
    with pytest.raises(ValidationError):
        persons.create_person(admin_ws, {"full_name": "A", "dob": "2999"})  # future
    with admin_ws.db.read() as session:
        assert session.exec(select(func.count()).select_from(Person)).one() == 0
        assert session.exec(select(func.count()).select_from(OutboxEntry)).one() == 0


def test_id_consistency_warnings_open_review_items(admin_ws):
    # Century/sex digit 1 = born 1900s female; the DOB says 2001 and male.
    result = persons.create_person(admin_ws, {"full_name": "Hoàng Văn Dũng", "dob": "2001-04-01",
                                              "sex": "M", "personal_number": "099101000111"})
    assert result.warnings  # saved, but flagged
    items = reviews.open_items(admin_ws, "id_warning")
    codes = {json.loads(i.details)["code"] for i in items}
    assert {"unknown_province", "century_mismatch"} <= codes
    reviews.resolve(admin_ws, items[0].id, "resolved", "Đã đối chiếu thẻ")
    assert len(reviews.open_items(admin_ws, "id_warning")) == len(items) - 1


def test_update_bumps_version_and_rejects_stale_edits(admin_ws):
    p = persons.create_person(admin_ws, {"full_name": "Đỗ Thị Hà", "dob": "1970"}).person
    updated = persons.update_person(admin_ws, p.id, {"dob": "03/1970"}, expected_version=1).person
    assert (updated.version, updated.dob, updated.dob_precision) == (2, "1970-03", "month")
    assert [(e.base_version, e.version) for e in _outbox(admin_ws, p.id)] == [(0, 1), (1, 2)]
    with pytest.raises(StaleVersion):
        persons.update_person(admin_ws, p.id, {"dob": "1971"}, expected_version=1)
    # No change, no new version.
    same = persons.update_person(admin_ws, p.id, {"dob": "03/1970"}).person
    assert same.version == 2
    with pytest.raises(ValidationError):
        persons.update_person(admin_ws, p.id, {"name_folded": "hack"})


def test_soft_delete_needs_reason_and_leaves_tombstone(admin_ws):
    p = persons.create_person(admin_ws, {"full_name": "Bùi Văn Tuấn"}).person
    with pytest.raises(ValidationError):
        persons.delete_person(admin_ws, p.id, "  ")
    persons.delete_person(admin_ws, p.id, "Chuyển khẩu đi nơi khác")
    assert persons.search(admin_ws, "tuan") == []
    assert _outbox(admin_ws, p.id)[-1].op == "delete"
    with pytest.raises(NotFound):
        persons.get_person(admin_ws, p.id)


def test_duplicates_by_id_or_name_and_dob(admin_ws):
    persons.create_person(admin_ws, {"full_name": "Ngô Thị Thuý", "dob": "12/12/1999",
                                     "personal_number": "038199000777"})
    by_name = persons.find_duplicates(admin_ws, {"full_name": "NGÔ THỊ THÚY", "dob": "1999-12-12"})
    assert [p.full_name for p in by_name] == ["Ngô Thị Thuý"]
    by_id = persons.find_duplicates(admin_ws, {"full_name": "Khác", "personal_number": "038199000777"})
    assert len(by_id) == 1
    assert persons.find_duplicates(admin_ws, {"full_name": "Ngô Thị Thuý", "dob": "1998"}) == []


def test_phone_only_with_consent_and_withdrawal_erases_it(admin_ws):
    p = persons.create_person(admin_ws, {"full_name": "Lý Văn Phúc"}).person
    with pytest.raises(ValidationError):
        persons.create_person(admin_ws, {"full_name": "X", "phone": "0912345678"})
    with pytest.raises(ValidationError, match="ai đồng ý"):
        persons.set_contact_phone(admin_ws, p.id, "0912345678", "", "")
    consent = persons.set_contact_phone(admin_ws, p.id, "0912 345 678", "ký phiếu", "Lý Văn Phúc")
    assert persons.get_person(admin_ws, p.id).phone == "0912345678"
    assert [h.id for h in persons.search(admin_ws, "0912345")] == [p.id]
    persons.withdraw_consent(admin_ws, consent.id)
    assert persons.get_person(admin_ws, p.id).phone is None


def test_households_membership_rules(admin_ws):
    hamlet = hamlets.add_hamlet(admin_ws, "Thôn Yên Lạc")
    head = persons.create_person(admin_ws, {"full_name": "Trịnh Văn Long"}).person
    child = persons.create_person(admin_ws, {"full_name": "Trịnh Minh Khôi"}).person
    home = households.create_household(admin_ws, head.id, hamlet.id, "Số 5")
    households.add_member(admin_ws, home.id, child.id, "con")
    members = households.members(admin_ws, home.id)
    assert sorted(m.relationship for m, _ in members) == ["chủ hộ", "con"]
    assert {p.residence_address_id for _, p in members} == {home.address_id}
    assert persons.search(admin_ws, "khoi")[0].hamlet == "Thôn Yên Lạc"
    other = households.create_household(admin_ws, persons.create_person(
        admin_ws, {"full_name": "Mai Văn Sơn"}).person.id)
    with pytest.raises(XasoError, match="hộ khác"):
        households.add_member(admin_ws, other.id, child.id, "cháu")
    with pytest.raises(XasoError, match="chủ hộ"):
        households.remove_member(admin_ws, head.id, "chuyển đi")
    households.remove_member(admin_ws, child.id, "chuyển đi")
    households.add_member(admin_ws, other.id, child.id, "cháu")  # moved


def test_vneid_status_and_follow_ups(admin_ws):
    p = persons.create_person(admin_ws, {"full_name": "Đinh Thị Ngọc", "dob": "2000"}).person
    with pytest.raises(ValidationError, match="đồng ý"):  # notes need the resident's consent
        vneid.set_status(admin_ws, p.id, "submitted", notes="Hẹn thứ Ba tại công an xã")
    given = consent.give_consent(admin_ws, p.id, "đồng ý bằng lời", "chính chủ")
    status = vneid.set_status(admin_ws, p.id, "submitted", notes="Hẹn thứ Ba tại công an xã")
    assert status.vneid_level == 1
    status = vneid.set_status(admin_ws, p.id, "activated", criteria={"e_payment": True})
    assert status.vneid_level == 2 and json.loads(status.criteria) == {"e_payment": True}
    assert set(json.loads(status.state_dates)) == {"submitted", "activated"}
    for secret in ("mật khẩu: abc123", "OTP 482913", "passcode 123456"):
        with pytest.raises(ValidationError, match="mật khẩu, mã OTP"):
            vneid.set_status(admin_ws, p.id, "issued", notes=secret)
    with pytest.raises(ValidationError):
        vneid.set_status(admin_ws, p.id, "hacked")
    item = vneid.add_follow_up(admin_ws, p.id, "Hướng dẫn tích hợp BHYT", "2026-12-01")
    assert [f.id for f in vneid.due_follow_ups(admin_ws, "2026-12-01")] == [item.id]
    vneid.complete_follow_up(admin_ws, item.id)
    assert vneid.due_follow_ups(admin_ws, "2026-12-31") == []
    noted = vneid.add_follow_up(admin_ws, p.id, "Gọi nhắc", "2026-12-02", notes="gọi buổi tối")
    persons.withdraw_consent(admin_ws, given.id)  # withdrawal erases the notes kept under it
    with admin_ws.db.read() as session:
        from core.models import DigitalCitizenStatus, FollowUp

        assert session.get(FollowUp, noted.id).notes is None
        assert session.exec(select(DigitalCitizenStatus)).one().notes is None


BIRTH = {"child_name": "Phan Gia Bảo", "child_dob": "01/10/2026", "child_sex": "Nam",
         "registered_on": "10/10/2026", "mother_name": "Đào Thị Hạnh", "book": "01/2026",
         "page": "12", "entry": "34"}


def test_records_validate_and_keep_legal_history(admin_ws):
    child = persons.create_person(admin_ws, {"full_name": "Phan Gia Bảo"}).person
    with pytest.raises(ValidationError) as err:
        records.create_record(admin_ws, "birth", {**BIRTH, "child_sex": "X", "child_dob": ""})
    assert "ngày sinh" in err.value.errors["child_dob"]
    rec = records.create_record(admin_ws, "birth", BIRTH, [("child", child.id)])
    assert rec.book_ref == "book:01/2026 page:12 entry:34" and rec.data_domain == "justice"
    assert records.find_duplicates(admin_ws, "birth", {**BIRTH, "child_name": "PHAN GIA BAO"})
    with pytest.raises(ValidationError, match="không được sửa trực tiếp"):
        records.update_record(admin_ws, rec.id, {**BIRTH, "page": "13"}, note="Sửa theo sổ gốc")
    with pytest.raises(ValidationError, match="căn cứ"):
        records.correct_record(admin_ws, rec.id, {"page": "13"}, note="")
    records.correct_record(admin_ws, rec.id, {"page": "13"}, note="Sửa theo sổ gốc")
    assert [a.action for a in records.history(admin_ws, rec.id)] == ["create", "correct"]
    conn = admin_ws.db.raw_connection()
    with pytest.raises(Exception, match="append-only"):
        conn.execute("DELETE FROM record_action")
    conn.close()
    with admin_ws.db.read() as session:
        assert session.exec(select(func.count()).select_from(RecordAction)).one() == 2
    with pytest.raises(ValidationError):
        records.create_record(admin_ws, "no-such-type", {})


def test_attachments_are_encrypted_and_reads_audited(admin_ws):
    content = b"%PDF-1.4 giay khai sinh " * 100
    row = attachments.store_attachment(admin_ws, content, "application/pdf", "ks.pdf")
    stored = next(admin_ws.store.attachments_dir.rglob(row.sha256))
    assert b"giay khai sinh" not in stored.read_bytes()
    assert attachments.read_attachment(admin_ws, row.sha256) == content
    again = attachments.store_attachment(admin_ws, content, "application/pdf")
    assert again.sha256 == row.sha256  # content-addressed: stored once
    stored.write_bytes(stored.read_bytes()[:-1] + b"\x00")
    with pytest.raises(Exception):  # noqa: B017 - any failure, never wrong bytes
        attachments.read_attachment(admin_ws, row.sha256)


def test_card_read_evidence(admin_ws):
    p = persons.create_person(admin_ws, {"full_name": "Tạ Văn Hải"}).person
    read = card_reads.record_card_read(admin_ws, "chip", {"full_name": "Tạ Văn Hải"}, p.id,
                                       {"sod_signature": "valid"}, reader_name="ACS ACR1252")
    assert json.loads(read.pa_verdict) == {"sod_signature": "valid"}
    with pytest.raises(ValidationError):
        card_reads.record_card_read(admin_ws, "fax", {})


def test_review_item_resolution_needs_reason(admin_ws):
    persons.create_person(admin_ws, {"full_name": "A B", "personal_number": "099000000001"})
    item = reviews.open_items(admin_ws)[0]
    with pytest.raises(ValidationError):
        reviews.resolve(admin_ws, item.id, "resolved", "")
    with admin_ws.db.read() as session:
        assert session.get(ReviewItem, item.id).status == "open"


def test_bulk_create_queues_every_row_and_audits_once(admin_ws):
    from datetime import date

    from core.demo import _Gen, _ordered
    from core.services.bulk import bulk_create

    gen = _Gen(admin_ws.actor.user_id, seed=1, today=date(2026, 11, 28))
    hamlet_ids = [hamlets.add_hamlet(admin_ws, "Thôn 1").id]
    while gen.serial < 50:
        gen.household(hamlet_ids, "16498")
    counts = bulk_create(admin_ws, _ordered(gen.batch), "import.persons", "population")
    with admin_ws.db.read() as session:
        queued = session.exec(select(func.count()).select_from(OutboxEntry)
                              .where(OutboxEntry.entity == "person")).one()
        audit_rows = session.exec(select(AuditEvent)
                                  .where(AuditEvent.action == "import.persons")).all()
        sample = session.exec(select(Person).limit(1)).one()
        entry = session.exec(select(OutboxEntry).where(OutboxEntry.entity_id == sample.id)).one()
    assert queued == counts["person"] >= 50
    assert len(audit_rows) == 1 and json.loads(audit_rows[0].details)["counts"] == counts
    assert entry.payload_hash == row_hash(row_of(sample))  # bulk rows hash like ORM rows
    assert sample.id in {h.id for h in persons.search(admin_ws, sample.full_name)}  # FTS filled


def test_bulk_write_checks_foreign_keys_once_and_rolls_back_dangling_rows(admin_ws):
    import sqlcipher3

    from core.services.bulk import insert_values

    columns = ["id", "version", "created_at", "updated_at", "household_id", "person_id",
               "relationship"]
    dangling = [("m-1", 1, "2026-11-28 00:00:00.000000", "2026-11-28 00:00:00.000000",
                 "no-such-household", "no-such-person", "con")]
    with pytest.raises(Exception, match="dangling references"):
        with admin_ws.db.write(check_foreign_keys_at_end=True) as session:
            insert_values(session, "household_member", columns, dangling)
    with admin_ws.db.read() as session:
        assert session.exec(select(func.count()).select_from(HouseholdMember)).one() == 0
    # Row-by-row enforcement is back on for ordinary writes.
    with pytest.raises(sqlcipher3.IntegrityError, match="FOREIGN KEY"):
        with admin_ws.db.write() as session:
            insert_values(session, "household_member", columns, dangling)


def test_person_history_names_actions_users_and_fields_not_values(admin_ws):
    from core.services import persons as person_service

    person = person_service.create_person(admin_ws, {"full_name": "Lê Văn Tám"}).person
    person_service.update_person(admin_ws, person.id, {"dob": "1960", "full_name": "Lê Văn Tâm"})
    person_service.get_person(admin_ws, person.id)
    entries = person_service.history(admin_ws, person.id)
    assert [e.action for e in entries] == ["person.view", "person.update", "person.create"]
    assert entries[1].fields == ["dob", "full_name"] and entries[1].username == "admin"
    assert "Tám" not in repr(entries) and "1960" not in repr(entries)


def test_a_residence_needs_a_hamlet_of_the_commune(admin_ws):
    from core.errors import ValidationError
    from core.services import hamlets

    dong = hamlets.add_hamlet(admin_ws, "Thôn Đông")
    person = persons.create_person(admin_ws, {"full_name": "Đinh Văn Lộc"},
                                   residence=persons.Residence(dong.id, " Số  7 ")).person
    assert persons.residence_of(admin_ws, person.id) == persons.Residence(dong.id, "Số 7")
    with pytest.raises(ValidationError):
        persons.update_person(admin_ws, person.id, {}, residence=persons.Residence("nope"))
    assert persons.residence_of(admin_ws, person.id).hamlet_id == dong.id  # nothing written
