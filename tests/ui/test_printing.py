"""Printed TK01 and attendee sheet: real PDFs, checked with poppler (pdftotext finds the names
with diacritics, pdffonts shows the embedded font, pdftoppm renders a page)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest
from sqlmodel import select

from core.models import AuditEvent
from core.services import collection, forms, hamlets, households, persons
from ui.forms_html import attendee_sheet_html, tk01_html
from ui.printing import write_pdf

pytestmark = pytest.mark.usefixtures("qapp")


def _poppler(tool: str, *args) -> str:
    if shutil.which(tool) is None:
        pytest.fail(f"{tool} missing: run scripts/bootstrap.sh (apt poppler-utils)")
    return subprocess.run([tool, *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture
def resident(admin_ws):
    east = hamlets.add_hamlet(admin_ws, "Thôn Đông Hòa")
    person = persons.create_person(admin_ws, {
        "full_name": "Nguyễn Thị Hoà", "dob": "17/05/1990", "sex": "Nữ",
        "personal_number": "038190012345"}).person
    households.create_household(admin_ws, person.id, east.id, "Số 12")
    return person


def test_tk01_pdf_has_the_name_with_diacritics_and_an_embedded_font(admin_ws, resident,
                                                                   tmp_path):
    form = forms.tk01(admin_ws, resident.id, date(2026, 11, 28))
    assert form.residence == "Số 12, Thôn Đông Hòa, Xã Quảng Ngọc, Tỉnh Thanh Hóa" or \
        form.residence.startswith("Số 12, Thôn Đông Hòa, Xã Quảng Ngọc")
    pdf = write_pdf(tk01_html(form), tmp_path / "tk01.pdf")
    text = _poppler("pdftotext", "-layout", str(pdf), "-")
    assert "PHIẾU ĐỀ NGHỊ CẤP TÀI KHOẢN ĐỊNH DANH ĐIỆN TỬ" in text
    assert "Nguyễn Thị Hoà" in text and "038190012345" in text and "17/05/1990" in text
    fonts = _poppler("pdffonts", str(pdf))
    assert "NotoSans" in fonts and " yes " in fonts  # embedded (a subset)
    _poppler("pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(pdf),
             str(tmp_path / "page"))
    page = next(tmp_path.glob("page*.png"))
    assert page.stat().st_size > 2000
    with admin_ws.db.read() as session:
        printed = session.exec(select(AuditEvent).where(AuditEvent.action == "person.print")).one()
    assert printed.entity_id == resident.id


def test_attendee_sheet_pdf(admin_ws, resident, tmp_path):
    item = collection.create_session(admin_ws, "2026-11-30", "Nhà văn hóa thôn Đông Hòa")
    collection.add_attendee(admin_ws, item.id, resident.id)
    sheet = forms.attendee_sheet(admin_ws, item.id)
    pdf = write_pdf(attendee_sheet_html(sheet), tmp_path / "sheet.pdf")
    text = _poppler("pdftotext", str(pdf), "-")
    assert "Nguyễn Thị Hoà" in text and "30/11/2026" in text and "Tổng số: 1 người" in text
