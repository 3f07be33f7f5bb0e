"""Đọc thẻ page, end to end: a virtual CCCD on the vpcd reader through real pcscd → tap → match →
accept fields → person updated, evidence stored, audit written. Training mode reads simulated
cards without hardware and never writes to a real store."""

from __future__ import annotations

import json

import pytest
from sqlmodel import select

from core.models import AuditEvent, CardRead
from core.services import persons
from ui.pages.card_desk import CardDeskPage

pytestmark = pytest.mark.usefixtures("qapp")


def _trust_the_test_csca(ws, profile):
    trust = ws.store.data_dir / "trust"
    trust.mkdir(exist_ok=True)
    (trust / "test-csca.der").write_bytes(profile.csca_cert_der)


def test_tap_match_accept_and_save(qtbot, admin_ws, virtual_card):
    _client, profile, _trust = virtual_card("nguyen-thi-mai")
    _trust_the_test_csca(admin_ws, profile)
    stored = persons.create_person(admin_ws, {
        "full_name": "NGUYỄN THỊ MAI", "personal_number": profile.person.id_number,
        "dob": "1992", "religion": "Công Giáo"}).person
    page = CardDeskPage(admin_ws)
    qtbot.addWidget(page)
    page.show()
    steps = []
    page._progress_signal.connect(lambda step, fraction: steps.append((step, fraction)))
    page.id_number.setText(profile.person.id_number)
    page.read()
    qtbot.waitUntil(lambda: page.match is not None or bool(page.message.text()), timeout=30000)
    assert page.match is not None, page.message.text()
    assert page.outcome.text() == "Khớp chắc chắn"
    assert "dữ liệu chip hợp lệ" in page.step.text()  # passive authentication passed
    assert steps[-1] == ("done", 1.0) and len({s for s, _ in steps}) > 3  # per-step progress
    qtbot.waitUntil(lambda: page.fields.rowCount() > 0, timeout=5000)
    qtbot.waitUntil(lambda: page.portrait.pixmap() is not None
                    and not page.portrait.pixmap().isNull(), timeout=5000)  # admin: FACE_VIEW
    rows = {page.fields.item(r, 0).data(256): r for r in range(page.fields.rowCount())}
    # Chip values are ticked wherever they differ (fields still empty included); the same
    # religion in another case is not a difference, nor is the matching ID number.
    accepted = set(page.accepted_fields())
    assert {"full_name", "dob", "ethnicity", "place_of_origin"} <= accepted
    assert not {"religion", "personal_number"} & accepted
    assert page.fields.item(rows["religion"], 3).text() == "Công giáo"
    page.save_selected()
    qtbot.waitUntil(lambda: "Đã lưu" in page.message.text(), timeout=10000)

    person = persons.get_person(admin_ws, stored.id)
    assert person.full_name == "Nguyễn Thị Mai" and person.dob == "1992-11-05"
    assert json.loads(person.provenance)["full_name"]["source"] == "chip"
    with admin_ws.db.read() as session:
        read = session.exec(select(CardRead).where(CardRead.person_id == stored.id)).one()
        actions = {e.action for e in session.exec(select(AuditEvent))}
    assert json.loads(read.pa_verdict)["passed"] is True and read.face_sha256
    assert {"card.match", "person.update", "card.read", "attachment.store",
            "face.view"} <= actions


def test_a_card_that_needs_bac_asks_for_the_dates(qtbot, admin_ws, virtual_card):
    _client, profile, _trust = virtual_card("ha-thi-lan")  # an older card: BAC only
    _trust_the_test_csca(admin_ws, profile)
    page = CardDeskPage(admin_ws)
    qtbot.addWidget(page)
    page.show()
    assert not page.dob.isVisible()
    page.id_number.setText(profile.person.id_number)
    page.read()
    qtbot.waitUntil(lambda: page.dob.isVisible(), timeout=30000)
    assert "ngày sinh và ngày hết hạn" in page.message.text()
    page.dob.setText(profile.person.date_of_birth)
    page.expiry.setText(profile.person.date_of_expiry)  # "Không thời hạn"
    page.read()
    qtbot.waitUntil(lambda: page.match is not None, timeout=30000)
    assert page.outcome.text() == "Chưa có trong dữ liệu"
    page.create_from_card()
    qtbot.waitUntil(lambda: "Đã lưu" in page.message.text(), timeout=10000)
    assert persons.search(admin_ws, "ha thi lan", audit_it=False)[0].personal_number == \
        profile.person.id_number


def test_training_mode_reads_simulated_cards_and_never_writes(qtbot, admin_ws):
    page = CardDeskPage(admin_ws)
    qtbot.addWidget(page)
    page.show()
    page.training.setChecked(True)
    assert page.training_banner.isVisible() and not page.id_number.isEnabled()
    page.preset.setCurrentText("do-quang-vinh")
    page.read()
    qtbot.waitUntil(lambda: page.match is not None, timeout=60000)
    assert page.card["training"] is True and page.card["full_name"] == "Đỗ Quang Vinh"
    page.create_from_card()
    assert "tập huấn" in page.message.text()
    assert persons.search(admin_ws, "do quang vinh", audit_it=False) == []


def test_a_member_without_face_permission_never_sees_the_portrait(qtbot, admin_ws, login):
    from core.auth import Role

    member = login(Role.MEMBER)
    page = CardDeskPage(member)
    qtbot.addWidget(page)
    page.show()
    page.training.setChecked(True)
    page.read()
    qtbot.waitUntil(lambda: page.match is not None, timeout=60000)
    assert page.face and "cần quyền" in page.portrait.text()
    assert page.portrait.pixmap() is None or page.portrait.pixmap().isNull()
