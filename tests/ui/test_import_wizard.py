"""Nhập từ Excel: the wizard over real spreadsheets and a real encrypted store, and the
residents page's import / export buttons."""

from __future__ import annotations

import json
import threading
import time

import openpyxl
import pytest
from PySide6.QtCore import QThreadPool
from sqlmodel import func, select

from core.auth import Role
from core.excel.header import Header
from core.imports import mapping as mappings
from core.imports.persons import TARGET
from core.imports.plan import Plan, RowPlan, Table
from core.models import Person, ReviewItem
from core.services import persons
from ui.import_wizard import ImportWizard, PlanModel, RowText
from ui.pages.residents import ResidentsPage

WAIT = 15000
HEADERS = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số định danh", "Thôn", "Dân tộc",
           "Quê gốc"]  # "Quê gốc" is no known name: the person maps it by hand


def _sheet(path, rows, headers=HEADERS, titles=True):
    wb = openpyxl.Workbook()
    cover = wb.active
    cover.title = "Bìa"
    cover.append(["BÁO CÁO NHÂN KHẨU"])
    sheet = wb.create_sheet("DS nhân khẩu")
    if titles:
        sheet.append(["UBND XÃ QUẢNG NGỌC"])
        sheet.append(["DANH SÁCH NHÂN KHẨU THÔN ĐÔNG HÒA"])
        sheet.append([])
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    wb.save(path)
    return path


@pytest.fixture
def messy(commune, tmp_path):
    """A stored person the file updates, two new people, a person to review, an error row."""
    duc = persons.create_person(commune, {"full_name": "Đặng Văn Đức", "dob": "02/09/1975",
                                          "sex": "Nam", "personal_number": "038075000123"})
    path = _sheet(tmp_path / "nhan-khau.xlsx", [
        [1, "Đặng Văn Đức", "02/09/1975", "Nam", "038075000123", "Đông Hoà", "Kinh", ""],
        [2, "Nguyễn Thị Lan", "01/01/1991", "Nữ", "038190000456", "Thôn 3", "Kinh",
         "Quảng Ngọc"],
        [3, "Vũ Văn Tú", "1988", "Nam", "", "Thôn 3", "", "Quảng Hải"],
        [4, "Trần Văn Nam", "05/05/1980", "Nam", "038075000123", "Thôn 3", "", ""],
        [5, "Phạm Văn Bình", "31/02/1990", "Nam", "", "Thôn 99", "", ""],
    ])
    return commune, duc.person, path


def _wizard(qtbot, ws, **kw):
    wizard = ImportWizard(ws, **kw)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def _read(qtbot, wizard, path):
    wizard.set_file(path)
    qtbot.waitUntil(lambda: not wizard.file_page.busy, timeout=WAIT)


def _to_preview(qtbot, wizard):
    wizard.next()
    assert wizard.currentId() == ImportWizard.PREVIEW
    page = wizard.preview_page
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT)
    assert wizard.plan is not None, page.message.text()
    return page


def _count(ws, model, *where):
    with ws.db.read() as session:
        return session.exec(select(func.count()).select_from(model).where(*where)).one()


def _idle(qtbot):
    qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0, timeout=WAIT)


def test_file_mapping_preview_report_and_valid_rows_only(qtbot, messy, tmp_path):
    ws, duc, path = messy
    wizard = _wizard(qtbot, ws)
    imported = []
    wizard.imported.connect(imported.append)
    assert wizard.file_page.target.currentData() == "person"
    labels = [wizard.file_page.target.itemText(i) for i in range(wizard.file_page.target.count())]
    assert labels[0] == "Cư dân" and len(labels) > 1  # and every record type
    assert not wizard.file_page.isComplete()

    # 1. Tệp: the sheet with the table is found behind the cover sheet, titles skipped.
    _read(qtbot, wizard, path)
    page = wizard.file_page
    assert page.error.text() == "" and page.isComplete()
    assert [page.sheet.itemText(i) for i in range(page.sheet.count())] == ["Bìa",
                                                                           "DS nhân khẩu"]
    assert page.sheet.currentText() == "DS nhân khẩu" and page.sheet.isEnabled()
    assert "dòng tiêu đề 4" in page.info.text() and "5 dòng dữ liệu" in page.info.text()

    # 2. Ghép cột: one row per column, samples, suggested fields; one changed by hand.
    wizard.next()
    mapping = wizard.mapping_page
    assert wizard.currentId() == ImportWizard.MAPPING
    assert mapping.table.rowCount() == len(HEADERS)
    assert "Dòng tiêu đề: 4" in mapping.header_info.text()
    assert mapping.table.item(1, 0).text() == "Họ và tên"
    assert [mapping.table.item(1, c).text() for c in (1, 2, 3)] == [
        "Đặng Văn Đức", "Nguyễn Thị Lan", "Vũ Văn Tú"]
    assert mapping.mapping() == {1: "full_name", 2: "dob", 3: "sex", 4: "personal_number",
                                 5: "hamlet", 6: "ethnicity"}
    assert mapping.combos[0].currentText() == "— bỏ qua —"
    assert mapping.combos[1].currentText() == "Họ và tên *"  # required
    assert not mapping.legacy.isVisible()  # plain Unicode file
    mapping.set_field(7, "place_of_origin")
    assert mapping.mapping()[7] == "place_of_origin" and mapping.isComplete()
    # A field fills from one column: choosing it elsewhere lets the first column go.
    mapping.set_field(7, "ethnicity")
    assert 6 not in mapping.mapping() and mapping.mapping()[7] == "ethnicity"
    mapping.set_field(6, "ethnicity")
    mapping.set_field(7, "place_of_origin")

    # 3. Xem trước: counts, the error filter, the detail of a row, the error report.
    preview = _to_preview(qtbot, wizard)
    assert wizard.plan.counts() == {"new": 2, "update": 1, "unchanged": 0, "review": 1,
                                    "error": 1}
    assert preview.chips["new"].text() == "Thêm mới 2"
    assert preview.chips["error"].text() == "Lỗi 1"
    model = preview.model
    assert model.rowCount() == 5
    by_row = {model.data(model.index(r, 0)): r for r in range(model.rowCount())}
    update = by_row["5"]  # sheet row 5: the stored Đặng Văn Đức
    assert model.data(model.index(update, 1)) == "Cập nhật"
    assert model.data(model.index(update, 3)) == "Đặng Văn Đức"
    changes = model.data(model.index(update, 4))
    assert "Thôn/Tổ dân phố: (trống) → Thôn Đông Hòa" in changes
    assert "Dân tộc: (trống) → Kinh" in changes
    assert model.data(model.index(update, 2)) == "Khớp chắc chắn"
    preview.set_filter("error")
    assert preview.filter.currentText() == "Lỗi (1)"
    assert model.rowCount() == 1
    assert model.data(model.index(0, 1)) == "Lỗi"
    assert model.data(model.index(0, 3)) == "Phạm Văn Bình"
    assert "Thôn 99" in model.data(model.index(0, 4))
    preview.set_filter("review")
    assert [model.data(model.index(r, 3)) for r in range(model.rowCount())] == ["Trần Văn Nam"]
    preview.set_filter(None)
    assert model.rowCount() == 5
    preview.show_row(by_row["9"])
    detail = preview.detail.browser.toPlainText()
    assert "Dòng 9" in detail and "Thôn 99" in detail and "Lỗi" in detail
    preview.detail.close()

    assert preview.report_button.isEnabled()
    report = tmp_path / "loi.xlsx"
    preview.save_report(report)
    qtbot.waitUntil(lambda: "Đã lưu 1 dòng lỗi" in preview.message.text(), timeout=WAIT)
    sheet = openpyxl.load_workbook(report).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][-2:] == ("Lỗi cần sửa", "Dòng trong tệp gốc")
    assert len(rows) == 2 and rows[1][1] == "Phạm Văn Bình" and rows[1][-1] == 9
    assert "Thôn 99" in rows[1][-2]

    # 4. Nhập: all-or-nothing is not offered while errors remain; the valid rows go in.
    wizard.next()
    commit_page = wizard.commit_page
    assert wizard.currentId() == ImportWizard.COMMIT
    assert not commit_page.all_rows.isEnabled() and commit_page.valid_only.isChecked()
    assert "1 dòng lỗi sẽ không được nhập" in commit_page.summary.text()
    before = _count(ws, Person)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.SUMMARY, timeout=WAIT)
    assert imported == [{"new": 2, "updated": 1, "unchanged": 0, "review": 1, "errors": 1}]
    summary = wizard.summary_page.text.text()
    assert "Thêm mới: 2" in summary and "Rà soát" in summary

    assert _count(ws, Person) == before + 2
    lan = persons.search(ws, "nguyen thi lan")
    assert [hit.full_name for hit in lan] == ["Nguyễn Thị Lan"]
    with ws.db.read() as session:
        stored = session.get(Person, duc.id)
        assert stored.ethnicity == "Kinh" and stored.version == 2
        new = session.exec(select(Person).where(Person.personal_number == "038190000456")).one()
        assert new.place_of_origin == "Quảng Ngọc"  # the column mapped by hand
        tu = session.exec(select(Person).where(Person.full_name == "Vũ Văn Tú")).one()
        assert tu.place_of_origin == "Quảng Hải"
        assert session.exec(select(func.count()).select_from(Person).where(
            Person.full_name == "Phạm Văn Bình")).one() == 0
        reviews = session.exec(select(ReviewItem).where(
            ReviewItem.kind == "cleaning_mismatch")).all()
        assert [json.loads(r.details)["sheet_row"] for r in reviews] == [8]  # Trần Văn Nam
    _idle(qtbot)


def test_cancelling_the_import_writes_nothing(qtbot, messy, monkeypatch):
    import ui.import_wizard as module

    ws, _duc, path = messy
    real_commit = module.import_commit.commit
    gate = threading.Event()

    def held(*args, **kw):  # the real commit, started only once the test has pressed Dừng
        assert gate.wait(10)
        return real_commit(*args, **kw)

    wizard = _wizard(qtbot, ws)
    _read(qtbot, wizard, path)
    wizard.next()
    _to_preview(qtbot, wizard)
    wizard.next()
    monkeypatch.setattr(module.import_commit, "commit", held)
    before = (_count(ws, Person), _count(ws, ReviewItem))
    wizard.next()  # Nhập
    job = wizard.commit_page.job
    assert wizard.commit_page.busy and not wizard.commit_page.isComplete()
    job.dialog.canceled.emit()  # what the Dừng button sends
    gate.set()
    qtbot.waitUntil(lambda: not wizard.commit_page.busy, timeout=WAIT)
    assert wizard.currentId() == ImportWizard.COMMIT and wizard.result is None
    message = wizard.commit_page.message.text()
    assert "Chưa nhập gì" in message and "dữ liệu không thay đổi" in message, message
    assert (_count(ws, Person), _count(ws, ReviewItem)) == before
    # Nothing stops a second try, which writes.
    monkeypatch.setattr(module.import_commit, "commit", real_commit)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.SUMMARY, timeout=WAIT)
    assert _count(ws, Person) == before[0] + 2
    _idle(qtbot)


def test_all_rows_when_no_errors_and_saved_mappings(qtbot, commune, tmp_path):
    path = _sheet(tmp_path / "sach.xlsx", [
        [1, "Bùi Văn Tùng", "1966", "Nam", "", "Thôn 3", "", "Quảng Ngọc"],
        [2, "Lê Thị Hoa", "15/12/1980", "Nữ", "038180000555", "", "Kinh", ""],
    ], titles=False)
    wizard = _wizard(qtbot, commune)
    _read(qtbot, wizard, path)
    wizard.next()
    mapping = wizard.mapping_page
    mapping.set_field(7, "place_of_origin")
    mapping.save_as("Mẫu thôn 3")
    qtbot.waitUntil(lambda: "Đã lưu cách ghép cột" in mapping.note.text(), timeout=WAIT)
    qtbot.waitUntil(lambda: mapping.saved.currentText() == "Mẫu thôn 3", timeout=WAIT)
    assert [m.name for m in mappings.list_mappings(commune, "person")] == ["Mẫu thôn 3"]
    mapping.saved.setCurrentIndex(0)  # back to the suggestion from the header names
    assert 7 not in mapping.mapping()
    mapping.saved.setCurrentIndex(1)
    assert mapping.mapping()[7] == "place_of_origin"

    preview = _to_preview(qtbot, wizard)
    assert wizard.plan.counts()["error"] == 0 and not preview.report_button.isEnabled()
    wizard.next()
    assert wizard.commit_page.all_rows.isEnabled() and wizard.commit_page.all_rows.isChecked()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.SUMMARY, timeout=WAIT)
    assert wizard.result["new"] == 2
    assert {h.full_name for h in persons.search(commune, "bui van tung")} == {"Bùi Văn Tùng"}
    _idle(qtbot)

    # The same layout again: the saved mapping is found by itself.
    again = _wizard(qtbot, commune)
    _read(qtbot, again, path)
    assert again.prepared.mapping_name == "Mẫu thôn 3"
    again.next()
    qtbot.waitUntil(lambda: again.mapping_page.saved.currentText() == "Mẫu thôn 3",
                    timeout=WAIT)
    assert again.mapping()[7] == "place_of_origin"
    _idle(qtbot)


def test_required_field_blocks_next_with_the_reason(qtbot, commune, tmp_path):
    path = _sheet(tmp_path / "ds.xlsx", [[1, "Bùi Văn Tùng", "1966", "Nam", "", "", "", ""]])
    wizard = _wizard(qtbot, commune)
    _read(qtbot, wizard, path)
    wizard.next()
    mapping = wizard.mapping_page
    mapping.set_field(1, None)  # Họ và tên → bỏ qua
    assert not mapping.isComplete()
    assert "Họ và tên" in mapping.message.text()
    assert not wizard.button(wizard.WizardButton.NextButton).isEnabled()
    wizard.next()
    assert wizard.currentId() == ImportWizard.MAPPING
    mapping.set_field(1, "full_name")
    assert mapping.isComplete() and mapping.message.text() == ""
    _idle(qtbot)


def test_unreadable_files_say_why_inline(qtbot, commune, tmp_path):
    wizard = _wizard(qtbot, commune)
    page = wizard.file_page
    bad = tmp_path / "ds.xlsx"
    bad.write_bytes(b"<html>not a workbook</html>")
    _read(qtbot, wizard, bad)
    assert "không phải bảng tính" in page.error.text() and not page.isComplete()
    assert "Traceback" not in page.error.text()
    no_table = tmp_path / "bao-cao.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["Báo cáo tháng 11"])
    wb.save(no_table)
    _read(qtbot, wizard, no_table)
    assert "dòng tiêu đề" in page.error.text() and not page.isComplete()
    _read(qtbot, wizard, tmp_path / "khong-co.xlsx")
    assert "Không tìm thấy tệp" in page.error.text()
    # Choosing a sheet without the table says so too, and the right one reads again.
    good = _sheet(tmp_path / "tot.xlsx", [[1, "Bùi Văn Tùng", "1966", "Nam", "", "", "", ""]])
    _read(qtbot, wizard, good)
    assert page.isComplete()
    page.sheet.setCurrentText("Bìa")
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT)
    assert "Trang “Bìa”" in page.error.text() and not page.isComplete()
    page.sheet.setCurrentText("DS nhân khẩu")
    qtbot.waitUntil(lambda: page.isComplete(), timeout=WAIT)
    _idle(qtbot)


def test_legacy_tcvn3_file_offers_conversion(qtbot, commune, tmp_path):
    path = tmp_path / "cu.xlsx"
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.append(["Họ và tên", "Ngày sinh"])
    for name in ("NguyÔn ThÞ H\u00ad¬ng", "TrÇn V¨n Hïng", "§Æng Quèc B¶o", "Ph¹m §øc Th¾ng"):
        sheet.append([name, "1990"])
    wb.save(path)
    wizard = _wizard(qtbot, commune)
    _read(qtbot, wizard, path)
    wizard.next()
    mapping = wizard.mapping_page
    assert mapping.legacy.isVisible() and mapping.legacy.isChecked()
    assert mapping.legacy.text() == "Chuyển chữ TCVN3/VNI sang Unicode"
    assert mapping.table.item(0, 1).text() == "Nguyễn Thị Hương"  # samples as converted
    mapping.legacy.setChecked(False)
    assert mapping.table.item(0, 1).text() == "NguyÔn ThÞ H\u00ad¬ng"
    mapping.legacy.setChecked(True)
    preview = _to_preview(qtbot, wizard)
    model = preview.model
    assert [model.data(model.index(r, 3)) for r in range(model.rowCount())] == [
        "Nguyễn Thị Hương", "Trần Văn Hùng", "Đặng Quốc Bảo", "Phạm Đức Thắng"]
    _idle(qtbot)


def test_preview_model_filters_100k_rows_quickly(qtbot):
    header = Header(0, 1, ["Họ và tên"])
    table = Table("lon.xlsx", "Trang 1", ["Trang 1"], header, [])
    statuses = ("new", "update", "unchanged", "review", "error")
    rows = [RowPlan(i + 2, [f"Người {i}"], status=statuses[i % 5],
                    values={"full_name": f"Người {i}"}) for i in range(100_000)]
    plan = Plan("person", table, {0: "full_name"}, rows)
    model = PlanModel()
    started = time.perf_counter()
    model.set_plan(plan, RowText(plan, TARGET))
    model.set_filter("error")
    elapsed = time.perf_counter() - started
    assert model.rowCount() == 20_000 and elapsed < 0.5, elapsed
    assert model.data(model.index(19_999, 3)) == "Người 99999"
    model.set_filter(None)
    assert model.rowCount() == 100_000


def test_buttons_follow_permissions(qtbot, commune, login):
    viewer = ResidentsPage(login(Role.VIEWER))
    qtbot.addWidget(viewer)
    assert not viewer.import_button.isEnabled() and not viewer.export_button.isEnabled()
    assert "không có quyền" in viewer.export_button.toolTip()
    viewer.open_import()
    assert viewer.import_wizard is None
    member = ResidentsPage(login(Role.MEMBER))  # may add residents, not export them
    qtbot.addWidget(member)
    assert member.import_button.isEnabled() and not member.export_button.isEnabled()
    officer = ResidentsPage(commune)
    qtbot.addWidget(officer)
    assert officer.import_button.isEnabled() and officer.export_button.isEnabled()
    _idle(qtbot)


def test_residents_page_imports_and_exports(qtbot, messy, tmp_path):
    ws, _duc, path = messy
    page = ResidentsPage(ws)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.total == 1, timeout=WAIT)
    page.open_import()
    wizard = page.import_wizard
    assert wizard.isVisible() and wizard.target_code == "person"
    _read(qtbot, wizard, path)
    wizard.next()
    _to_preview(qtbot, wizard)
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.SUMMARY, timeout=WAIT)
    qtbot.waitUntil(lambda: page.model.total == 3, timeout=WAIT)  # the list reloaded
    wizard.accept()

    out = tmp_path / "cu-dan.xlsx"
    page.export_to(out)
    qtbot.waitUntil(lambda: page.notice is not None, timeout=WAIT)
    assert page.notice.text() == f"Đã xuất 3 cư dân vào tệp “{out}”."
    sheet = openpyxl.load_workbook(out).active
    assert sheet.max_row == 4  # header + 3 residents
    assert {sheet.cell(r, 1).value for r in range(2, 5)} == {
        "Đặng Văn Đức", "Nguyễn Thị Lan", "Vũ Văn Tú"}
    page.notice.close()
    _idle(qtbot)


def test_a_record_type_this_build_cannot_import_says_so(qtbot, commune, tmp_path, monkeypatch):
    import ui.import_wizard.file_page as module

    path = _sheet(tmp_path / "ds.xlsx", [[1, "Bùi Văn Tùng", "1966", "Nam", "", "", "", ""]])
    monkeypatch.setattr(module, "target_available", lambda code: code == "person")
    wizard = _wizard(qtbot, commune)
    page = wizard.file_page
    birth = page.target.findData("birth")
    assert birth > 0 and page.target.itemText(birth) == "Khai sinh"
    page.target.setCurrentIndex(birth)
    _read(qtbot, wizard, path)
    assert "chưa nhập được “Khai sinh”" in page.error.text() and not page.isComplete()
    page.set_target("person")  # the same file, read again for residents
    qtbot.waitUntil(lambda: page.isComplete(), timeout=WAIT)
    assert wizard.target_code == "person" and wizard.target.code == "person"
    _idle(qtbot)


def test_the_wizard_in_english(qtbot, messy):
    from ui.i18n import install_language

    ws, _duc, path = messy
    install_language("en")
    try:
        wizard = _wizard(qtbot, ws)
        assert wizard.windowTitle() == "Import from Excel"
        assert wizard.file_page.target.itemText(0) == "Residents"
        _read(qtbot, wizard, path)
        assert wizard.file_page.info.text() == (
            "Sheet “DS nhân khẩu”: header on row 4, 5 data rows.")
        wizard.next()
        mapping = wizard.mapping_page
        assert mapping.combos[0].currentText() == "— skip —"
        assert mapping.combos[1].currentText() == "Full name *"
        preview = _to_preview(qtbot, wizard)
        assert preview.chips["new"].text() == "New 2"
        preview.set_filter("error")
        model = preview.model
        assert model.data(model.index(0, 1)) == "Error"
        assert "Hamlet “Thôn 99” is not in the commune's list" in model.data(model.index(0, 4))
    finally:
        install_language("vi")
    _idle(qtbot)


def test_keyboard_enter_opens_a_row_and_back_then_next_checks_again(qtbot, messy):
    from PySide6.QtCore import Qt

    ws, _duc, path = messy
    wizard = _wizard(qtbot, ws)
    _read(qtbot, wizard, path)
    wizard.next()
    preview = _to_preview(qtbot, wizard)
    preview.set_filter("review")
    preview.table.setCurrentIndex(preview.model.index(0, 0))
    qtbot.keyClick(preview.table, Qt.Key.Key_Return)
    assert wizard.currentId() == ImportWizard.PREVIEW  # Enter opened the row, not Next
    qtbot.waitUntil(lambda: preview.detail is not None and preview.detail.isVisible(),
                    timeout=WAIT)
    text = preview.detail.browser.toPlainText()
    assert "Dòng 8" in text and "Trần Văn Nam" in text and "Lý do cần rà soát" in text
    preview.detail.close()
    first = wizard.plan
    wizard.back()  # the plan was for these columns; going back drops it
    assert wizard.currentId() == ImportWizard.MAPPING and wizard.plan is None
    wizard.mapping_page.set_field(6, None)  # Dân tộc no longer imported
    _to_preview(qtbot, wizard)
    assert wizard.plan is not first
    assert wizard.plan.counts()["update"] == 1  # Đức still gets his hamlet
    assert all(r.values.get("ethnicity") is None for r in wizard.plan.rows)
    _idle(qtbot)
