"""Sector records: create, list and search, duplicates, legal history, delete, files, rights."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import event, func
from sqlalchemy.engine import Engine
from sqlmodel import select

from cli import run_cli
from core.auth import Role
from core.errors import PermissionDenied, ValidationError
from core.models import AuditEvent, OutboxEntry, Record, RecordAction, RecordAttachment
from core.record_types import load_record_types
from core.services import attachments, hamlets, households, persons, records

SAMPLES = {
    "birth": {"child_name": "Phan Gia Bảo", "child_dob": "01/10/2026", "child_sex": "Nam",
              "registered_on": "10/10/2026", "mother_name": "Đào Thị Hạnh", "book": "01/2026",
              "page": "12", "entry": "34"},
    "death": {"deceased_name": "Nguyễn Văn Tư", "deceased_dob": "1940", "died_on": "02/03/2026",
              "registered_on": "05/03/2026", "deceased_personal_number": "038040000111"},
    "marriage": {"husband_name": "Lê Văn Nam", "wife_name": "Trịnh Thị Thu",
                 "registered_on": "2025-12-20", "book": "02/2025", "page": 3, "entry": 7},
    "social_protection": {"beneficiary_name": "Hà Thị Sáu", "category": "Người cao tuổi",
                          "coefficient": "1,5", "monthly_allowance": "750.000",
                          "start_date": "01/07/2024", "payment_method": "Tài khoản",
                          "bank": "Agribank", "account_number": "3500205123456"},
    "meritorious": {"beneficiary_name": "Vũ Văn Chiến", "category": "Thương binh",
                    "injury_rate": 61, "monthly_allowance": 3000000, "start_date": "2020-01-01",
                    "profile_number": "TB-1234/TH"},
    "labour": {"worker_name": "Lò Văn Páo", "employment_status": "Có việc làm",
               "occupation": "Công nhân may", "workplace_unit": "Quảng Ngọc",
               "insurance_number": "3816012345", "trained": "có", "surveyed_on": "2026-06-01"},
    "stay": {"guest_name": "Trần Thị Bích", "guest_personal_number": "001196012345",
             "reason": "Thăm người thân", "from_date": "01/11/2026", "to_date": "05/11/2026",
             "host_name": "Lê Văn Hùng", "host_address": "Số 3, Thôn Đông",
             "host_hamlet": "Thôn Đông"},
    "land": {"holder_name": "Đỗ Văn Điền", "certificate_number": "CS 012345", "map_sheet": 12,
             "parcel_number": 345, "area": "1.234,5", "land_use_purpose": "ONT+CLN",
             "issued_on": "15/08/2019"},
    "association": {"member_name": "Mai Thị Hoa", "organisation": "Hội LHPN",
                    "joined_on": "2015-03-08", "card_number": "PN-00123",
                    "position": "Chi hội trưởng"},
}
TITLES = {"birth": "Phan Gia Bảo", "death": "Nguyễn Văn Tư", "marriage": "Lê Văn Nam – Trịnh Thị Thu",
          "social_protection": "Hà Thị Sáu", "meritorious": "Vũ Văn Chiến",
          "labour": "Lò Văn Páo", "stay": "Trần Thị Bích", "land": "Đỗ Văn Điền",
          "association": "Mai Thị Hoa"}
KEY_DATES = {"birth": "2026-10-10", "death": "2026-03-05", "marriage": "2025-12-20",
             "social_protection": "2024-07-01", "meritorious": "2020-01-01",
             "labour": "2026-06-01", "stay": "2026-11-01", "land": "2019-08-15",
             "association": "2015-03-08"}
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3 trang so ho tich " * 40
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(200)


def _count(ws, model, *where) -> int:
    with ws.db.read() as session:
        return session.exec(select(func.count()).select_from(model).where(*where)).one()


def _audits(ws, action: str) -> list[AuditEvent]:
    with ws.db.read() as session:
        return list(session.exec(select(AuditEvent).where(AuditEvent.action == action)))


def test_each_type_creates_with_title_key_date_and_outbox(admin_ws):
    assert set(SAMPLES) == set(load_record_types())  # a new type needs a sample here
    for code, payload in SAMPLES.items():
        rec = records.create_record(admin_ws, code, payload)
        assert (rec.title, rec.key_date) == (TITLES[code], KEY_DATES[code]), code
        assert rec.legal == (code in ("birth", "death", "marriage"))
        view = records.get_record(admin_ws, rec.id)
        assert view.type.code == code and view.status == "active"
        assert [a.action for a in view.history] == (["create"] if rec.legal else [])
        if rec.legal:  # the trigger's invariant: the payload is the latest action's
            assert view.history[-1].payload == rec.payload
        [row] = records.list_records(admin_ws, code)
        assert row.id == rec.id and row.title == TITLES[code]
        assert list(row.summary) == list(load_record_types()[code].list_fields)
    labour = records.list_records(admin_ws, "labour")[0]
    assert json.loads(records.get_record(admin_ws, labour.id).record.payload)[
        "workplace_unit"] == "16498"
    assert _count(admin_ws, OutboxEntry, OutboxEntry.entity == "record") == len(SAMPLES)


def test_list_query_is_folded_and_exact_on_ids_with_dates_and_paging(admin_ws):
    names = ["Đặng Văn Đức", "Đặng Thị Dung", "Nguyễn Đức Anh", "Lê Văn Đông", "Đinh Văn Đức"]
    for i, name in enumerate(names):
        records.create_record(admin_ws, "birth", {
            "child_name": name, "child_dob": f"0{i + 1}/03/2026", "child_sex": "Nam",
            "registered_on": f"1{i}/03/2026", "child_personal_number": f"03820600000{i}"})

    def titles(query="", **kw):
        return [r.title for r in records.list_records(admin_ws, "birth", query, **kw)]

    assert titles("dang van duc") == ["Đặng Văn Đức"]
    assert titles("ĐẶNG") == ["Đặng Thị Dung", "Đặng Văn Đức"]  # newest registration first
    assert titles("duc") == ["Đinh Văn Đức", "Nguyễn Đức Anh", "Đặng Văn Đức"]
    assert titles("van d") == ["Đinh Văn Đức", "Lê Văn Đông", "Đặng Văn Đức"]  # word prefixes
    assert titles("uc") == []  # not a word start
    assert titles("038206000003") == ["Lê Văn Đông"]  # exact personal number
    assert titles("0382 0600 0003") == ["Lê Văn Đông"]
    assert titles("03820600000") == []  # exact, not a prefix
    assert titles(date_from="2026-03-11", date_to="2026-03-13") == [
        "Lê Văn Đông", "Nguyễn Đức Anh", "Đặng Thị Dung"]
    assert records.count_records(admin_ws, "birth", "duc", date_from="2026-03-11") == 2
    assert records.count_records(admin_ws, "birth") == 5
    pages = [titles(offset=o, limit=2) for o in (0, 2, 4)]
    assert pages == [["Đinh Văn Đức", "Lê Văn Đông"], ["Nguyễn Đức Anh", "Đặng Thị Dung"],
                     ["Đặng Văn Đức"]]
    assert len(_audits(admin_ws, "record.list")) == 10  # first pages only (not offsets 2, 4)
    assert records.list_records(admin_ws, "death") == []


def test_list_plans_use_the_list_index_and_never_sort_the_type(admin_ws, monkeypatch):
    for i, name in enumerate(["Đặng Văn Đức", "Nguyễn Đức Anh", "Lê Văn Đông", "Đinh Văn Đức"]):
        records.create_record(admin_ws, "birth", {
            "child_name": name, "child_dob": f"0{i + 1}/03/2026", "child_sex": "Nam",
            "registered_on": f"1{i}/03/2026"})
    statements: list[str] = []

    def keep(conn, cursor, statement, *args):
        if "FROM record r" in statement:
            statements.append(statement)

    event.listen(Engine, "before_cursor_execute", keep)
    try:
        monkeypatch.setattr(records, "_PROBE_ROWS", 2)  # the newest two: Đinh…, Lê…
        first = records.list_records(admin_ws, "birth", date_from="2026-03-11", limit=2)
        probed = records.list_records(admin_ws, "birth", "duc", limit=1)
        scanned = records.list_records(admin_ws, "birth", "nguyen", limit=1)
    finally:
        event.remove(Engine, "before_cursor_execute", keep)
    assert [r.title for r in first] == ["Đinh Văn Đức", "Lê Văn Đông"]
    assert [r.title for r in probed] == ["Đinh Văn Đức"]  # found among the newest rows
    assert [r.title for r in scanned] == ["Nguyễn Đức Anh"]  # not there: one full pass
    assert len(statements) == 4
    assert "FROM record r INDEXED BY ix_record_list WHERE" in statements[0]
    assert "r.rowid IN (SELECT rowid FROM record INDEXED BY ix_record_list" in statements[1]
    assert "r.rowid IN" in statements[2] and "FROM record r NOT INDEXED" in statements[3]
    conn = admin_ws.db.raw_connection()
    plan = " | ".join(row[3] for row in conn.execute(
        "EXPLAIN QUERY PLAN SELECT r.id FROM record r INDEXED BY ix_record_list "
        "WHERE r.type_code = 'birth' AND r.deleted_at IS NULL AND r.key_date >= '2026' "
        "ORDER BY r.key_date DESC, r.rowid DESC LIMIT 200"))
    conn.close()
    assert "ix_record_list (type_code=? AND deleted_at=? AND key_date>?)" in plan
    assert "TEMP B-TREE" not in plan, plan  # a page stops after `limit` rows of the index


def test_hamlet_filter_follows_linked_residents(admin_ws):
    east = hamlets.add_hamlet(admin_ws, "Thôn Đông")
    west = hamlets.add_hamlet(admin_ws, "Thôn Tây")
    host = persons.create_person(admin_ws, {"full_name": "Lê Văn Hùng"}).person
    households.create_household(admin_ws, host.id, east.id)
    records.create_record(admin_ws, "stay", SAMPLES["stay"], [("host", host.id)])
    records.create_record(admin_ws, "stay", {**SAMPLES["stay"], "guest_name": "Ngô Văn Khách",
                                             "guest_personal_number": "001196099999"})
    assert [r.title for r in records.list_records(admin_ws, "stay", hamlet_id=east.id)] == [
        "Trần Thị Bích"]
    assert records.count_records(admin_ws, "stay", hamlet_id=west.id) == 0


def test_duplicates_by_rule_including_the_role(admin_ws):
    mother = persons.create_person(admin_ws, {"full_name": "Đào Thị Hạnh"}).person
    other = persons.create_person(admin_ws, {"full_name": "Đào Thị Hạnh", "dob": "1999"}).person
    first = records.create_record(admin_ws, "birth", SAMPLES["birth"], [("mother", mother.id)])
    again = {**SAMPLES["birth"], "child_name": "PHAN GIA BAO", "book": "02/2026"}
    assert [r.id for r in records.find_duplicates(admin_ws, "birth", again)] == [first.id]
    with pytest.raises(records.DuplicateRecord) as err:
        records.create_record(admin_ws, "birth", again, [("mother", mother.id)])
    assert [r.id for r in err.value.duplicates] == [first.id]
    # Same child name and birth date, but another mother: a different child.
    assert records.find_duplicates(admin_ws, "birth", again, [("mother", other.id)]) == []
    records.create_record(admin_ws, "birth", again, [("mother", other.id)])
    assert records.find_duplicates(admin_ws, "birth", {**again, "child_dob": "02/10/2026"}) == []
    # Once checked by a person, a look-alike may be kept.
    records.create_record(admin_ws, "birth", again, [("mother", mother.id)], allow_duplicate=True)
    assert records.count_records(admin_ws, "birth") == 3
    # Without links, the role's ID number in the payload decides (stay: role:guest).
    records.create_record(admin_ws, "stay", SAMPLES["stay"])
    with pytest.raises(records.DuplicateRecord):
        records.create_record(admin_ws, "stay", {**SAMPLES["stay"], "guest_name": "tran thi bich"})
    records.create_record(admin_ws, "stay", {**SAMPLES["stay"],
                                             "guest_personal_number": "001196054321"})
    assert records.find_duplicates(admin_ws, "stay", {"guest_name": "Trần Thị Bích"}) == []


def test_legal_record_changes_only_through_its_history(admin_ws):
    rec = records.create_record(admin_ws, "birth", SAMPLES["birth"])
    created = records.history(admin_ws, rec.id)[0]
    with pytest.raises(ValidationError, match="không được sửa trực tiếp.*cải chính"):
        records.update_record(admin_ws, rec.id, {**SAMPLES["birth"], "page": "13"}, note="x")
    with pytest.raises(ValidationError, match="căn cứ"):
        records.correct_record(admin_ws, rec.id, {"page": 13}, note=" ")
    fixed = records.correct_record(admin_ws, rec.id, {"child_name": "Phan Gia Bảo Anh"},
                                   note="QĐ cải chính số 12/QĐ-UBND ngày 20/10/2026",
                                   expected_version=rec.version)
    assert fixed.title == "Phan Gia Bảo Anh" and fixed.version == rec.version + 1
    with pytest.raises(ValidationError, match="cải chính"):  # supplement fills blanks only
        records.correct_record(admin_ws, rec.id, {"page": 99}, note="x", action="supplement")
    records.correct_record(admin_ws, rec.id, {"father_name": "Phan Văn Cường"},
                           note="Bổ sung theo tờ khai ngày 21/10/2026", action="supplement")
    with pytest.raises(ValidationError, match="Không có gì khác"):
        records.correct_record(admin_ws, rec.id, {"page": "12"}, note="x")
    with pytest.raises(ValidationError, match="không thay đổi nội dung"):
        records.correct_record(admin_ws, rec.id, {"page": 1}, note="x", action="annotate")
    records.correct_record(admin_ws, rec.id, {}, note="Đã cấp bản sao", action="annotate")
    view = records.get_record(admin_ws, rec.id)
    assert [a.action for a in view.history] == ["create", "correct", "supplement", "annotate"]
    assert view.payload["child_name"] == "Phan Gia Bảo Anh"
    assert view.payload["father_name"] == "Phan Văn Cường"
    assert view.record.payload == view.history[-1].payload
    first = view.history[0]  # history never changes
    assert (first.payload, first.note, first.at) == (created.payload, None, created.at)
    assert json.loads(view.history[1].payload)["child_name"] == "Phan Gia Bảo Anh"
    assert view.history[1].note.startswith("QĐ cải chính")

    conn = admin_ws.db.raw_connection()
    with pytest.raises(Exception, match="only through a new record_action"):
        conn.execute("UPDATE record SET payload = '{}' WHERE id = ?", (rec.id,))
    with pytest.raises(Exception, match="append-only"):
        conn.execute("UPDATE record_action SET note = 'x' WHERE record_id = ?", (rec.id,))
    conn.execute("UPDATE record SET payload = ? WHERE id = ?", (view.record.payload, rec.id))
    conn.close()

    records.correct_record(admin_ws, rec.id, {}, note="QĐ hủy số 3/QĐ-UBND", action="revoke")
    assert records.get_record(admin_ws, rec.id).status == "revoked"
    assert records.list_records(admin_ws, "birth")[0].status == "revoked"
    with pytest.raises(ValidationError, match="đã bị hủy"):
        records.correct_record(admin_ws, rec.id, {"page": 20}, note="x")
    records.correct_record(admin_ws, rec.id, {}, note="Ghi chú sau khi hủy", action="annotate")
    with pytest.raises(ValidationError, match="không có"):
        records.correct_record(admin_ws, rec.id, {}, note="x", action="erase")
    assert _count(admin_ws, RecordAction, RecordAction.record_id == rec.id) == 6


def test_non_legal_records_edit_in_place_and_delete_with_reason(admin_ws, login):
    rec = records.create_record(admin_ws, "labour", SAMPLES["labour"])
    with pytest.raises(ValidationError, match="không phải hồ sơ hộ tịch"):
        records.correct_record(admin_ws, rec.id, {"occupation": "Thợ hàn"}, note="x")
    updated = records.update_record(admin_ws, rec.id, {**SAMPLES["labour"], "occupation": "Thợ hàn"},
                                    expected_version=rec.version)
    assert json.loads(updated.payload)["occupation"] == "Thợ hàn"
    assert json.loads(_audits(admin_ws, "record.update")[0].details)["fields"] == ["occupation"]
    assert _count(admin_ws, RecordAction) == 0
    legal = records.create_record(admin_ws, "death", SAMPLES["death"])
    officer = login(Role.OFFICER)
    with pytest.raises(ValidationError, match="không xóa được.*hủy"):
        records.delete_record(officer, legal.id, "nhập nhầm")
    with pytest.raises(ValidationError, match="lý do"):
        records.delete_record(officer, rec.id, "  ")
    records.delete_record(officer, rec.id, "Nhập trùng")
    assert records.list_records(admin_ws, "labour") == []
    assert records.count_records(admin_ws, "labour") == 0
    assert records.find_duplicates(admin_ws, "labour", SAMPLES["labour"]) == []
    with admin_ws.db.read() as session:
        assert session.get(Record, rec.id).deleted_reason == "Nhập trùng"


def test_attachments_checked_deduplicated_listed_and_reads_audited(admin_ws):
    rec = records.create_record(admin_ws, "birth", SAMPLES["birth"])
    link = records.attach_file(admin_ws, rec.id, PDF, "application/pdf", "trang-12.pdf",
                               caption="Trang sổ gốc")
    again = records.attach_file(admin_ws, rec.id, PDF, "application/pdf", "khac.pdf")
    assert again.id == link.id
    image = records.attach_file(admin_ws, rec.id, PNG, "application/octet-stream", "anh.png")
    assert _count(admin_ws, RecordAttachment) == 2
    # Judged by the bytes, not by the name or the claimed type ("%PDF" without "-" is not one).
    for bad in (b"MZ\x90\x00 not a scan" * 10, b"<html>%PDF" * 5, b"GIF89a" + bytes(50), b""):
        with pytest.raises(ValidationError, match="Chỉ đính kèm được tệp PDF hoặc ảnh"):
            records.attach_file(admin_ws, rec.id, bad, "application/pdf", "x.pdf")
    view = records.get_record(admin_ws, rec.id)
    assert [(a.id, f.mime, f.filename) for a, f in view.attachments] == [
        (link.id, "application/pdf", "trang-12.pdf"), (image.id, "image/png", "anh.png")]
    assert view.attachments[0][0].caption == "Trang sổ gốc"
    assert attachments.read_attachment(admin_ws, link.sha256) == PDF
    assert len(_audits(admin_ws, "attachment.read")) == 1
    with pytest.raises(ValidationError, match="lý do"):
        records.detach_file(admin_ws, image.id, "")
    records.detach_file(admin_ws, image.id, "Ảnh mờ")
    assert [a.id for a, _ in records.get_record(admin_ws, rec.id).attachments] == [link.id]


def test_get_record_is_audited_and_lists_linked_persons(admin_ws):
    child = persons.create_person(admin_ws, {"full_name": "Phan Gia Bảo",
                                             "personal_number": "038226000123"}).person
    mother = persons.create_person(admin_ws, {"full_name": "Đào Thị Hạnh"}).person
    rec = records.create_record(admin_ws, "birth", SAMPLES["birth"],
                                [("mother", mother.id), ("child", child.id)])
    view = records.get_record(admin_ws, rec.id)
    assert view.persons == [("child", child.id, "Phan Gia Bảo", "038226000123"),
                            ("mother", mother.id, "Đào Thị Hạnh", None)]
    [event] = _audits(admin_ws, "record.view")
    assert event.entity_id == rec.id and json.loads(event.details) == {"type": "birth"}
    assert "Phan" not in event.details  # no personal values in the audit log
    with pytest.raises(ValidationError, match="tối đa 1"):
        records.link_person(admin_ws, rec.id, "mother", child.id)
    records.unlink_person(admin_ws, rec.id, "mother", mother.id, "Gắn nhầm")
    records.link_person(admin_ws, rec.id, "mother", child.id)  # (wrong, but allowed once free)
    assert [p.role for p in records.get_record(admin_ws, rec.id).persons] == ["child", "mother"]


def test_rights_viewer_reads_only_officer_writes(admin_ws, login):
    rec = records.create_record(admin_ws, "labour", SAMPLES["labour"])
    viewer, member = login(Role.VIEWER), login(Role.MEMBER)
    assert [r.id for r in records.list_records(viewer, "labour")] == [rec.id]
    assert records.get_record(viewer, rec.id).record.id == rec.id
    for ws in (viewer, member):
        with pytest.raises(PermissionDenied, match="thêm hoặc sửa hồ sơ"):
            records.create_record(ws, "labour", SAMPLES["labour"])
        with pytest.raises(PermissionDenied):
            records.update_record(ws, rec.id, SAMPLES["labour"])
        with pytest.raises(PermissionDenied):
            records.attach_file(ws, rec.id, PDF, "application/pdf", "a.pdf")
        with pytest.raises(PermissionDenied, match="xóa hồ sơ"):
            records.delete_record(ws, rec.id, "thử")
    legal = records.create_record(admin_ws, "death", SAMPLES["death"])
    with pytest.raises(PermissionDenied):
        records.correct_record(viewer, legal.id, {"page": 2}, note="x")
    officer = login(Role.OFFICER)
    records.correct_record(officer, legal.id, {"page": 2}, note="Theo sổ gốc", action="supplement")


def test_writes_join_the_callers_transaction(admin_ws):
    with admin_ws.db.write() as session:
        records.create_record(admin_ws, "labour", SAMPLES["labour"], session=session)
        records.create_record(admin_ws, "labour", {**SAMPLES["labour"], "worker_name": "Lò Thị Mai"},
                              session=session)
    assert records.count_records(admin_ws, "labour") == 2
    with pytest.raises(records.DuplicateRecord), admin_ws.db.write() as session:
        records.create_record(admin_ws, "stay", SAMPLES["stay"], session=session)
        # the second sees the first, not yet committed, as its duplicate: both roll back
        records.create_record(admin_ws, "stay", SAMPLES["stay"], session=session)
    assert records.count_records(admin_ws, "stay") == 0
    assert _count(admin_ws, OutboxEntry, OutboxEntry.entity == "record") == 2


def test_a_new_type_works_through_the_service_without_code(admin_ws, tmp_path, monkeypatch):
    from tests.unit.test_record_types import BOAT

    folder = tmp_path / "types"
    folder.mkdir()
    (folder / "fishing_boat.json").write_text(json.dumps(BOAT, ensure_ascii=False), "utf-8")
    monkeypatch.setattr(records, "load_record_types", lambda: load_record_types(folder))
    rec = records.create_record(admin_ws, "fishing_boat", {
        "owner_name": "Lê Văn Tám", "registration_number": "TH-12345-TS", "length_m": 14.5,
        "registered_on": "2005-04-03", "home_port": "16498"})
    assert rec.data_domain == "land" and rec.title == "Lê Văn Tám" and not rec.legal
    assert [r.id for r in records.list_records(admin_ws, "fishing_boat", "TH-12345-TS")] == [rec.id]
    with pytest.raises(records.DuplicateRecord):  # dedup: registration number + owner
        records.create_record(admin_ws, "fishing_boat", {"owner_name": "LÊ VĂN TÁM",
                                                         "registration_number": "TH-12345-TS"})
    records.create_record(admin_ws, "fishing_boat", {"owner_name": "Lê Văn Tám",
                                                     "registration_number": "TH-54321-TS"})
    records.create_record(admin_ws, "fishing_boat", {"owner_name": "Lê Văn Bảy",
                                                     "registration_number": "TH-12345-TS"})
    assert records.count_records(admin_ws, "fishing_boat") == 3


def test_cli_lists_every_record_type_as_json(capsys, tmp_path):
    assert run_cli(["record-types", "--json", "--data-dir", str(tmp_path / "none")]) == 0
    types = json.loads(capsys.readouterr().out)
    assert sorted(t["code"] for t in types) == sorted(load_record_types())
    birth = next(t for t in types if t["code"] == "birth")
    assert birth["legal"] is True and birth["retention"] == "permanent"
    assert birth["data_domain"] == "justice" and birth["dedup"] == [
        "child_name", "child_dob", "role:mother"]
    child_name = next(f for f in birth["fields"] if f["name"] == "child_name")
    assert child_name["label"] == {"vi": "họ và tên trẻ", "en": "child's full name"}
    assert "Tên trẻ" in child_name["aliases"] and child_name["required"] is True
    assert next(f for f in birth["fields"] if f["name"] == "child_sex")["choices"] == ["Nam", "Nữ"]
    assert birth["roles"][0]["id_field"] == "child_personal_number"
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "x.json").write_text('{"code": "x"}', "utf-8")
    assert run_cli(["record-types", "--dir", str(broken), "--data-dir", str(tmp_path)]) == 1
    assert "x.json" in capsys.readouterr().err
