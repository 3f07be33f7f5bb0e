"""Hồ sơ: the records page, the generic form, the record dialog and its attachments, driven
through the real widgets over a real encrypted store (pytest-qt, offscreen)."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLineEdit

from core.auth import Role
from core.record_types import load_record_types
from core.services import persons, records
from core.services._change import writing
from ui.attachments_box import AttachmentsBox, PreviewDialog
from ui.pages.records import PAGE, RecordsPage, date_bound
from ui.record_dialog import RecordDialog
from ui.record_form import AdminUnitEdit, RecordForm

WAIT = 10_000
GIVEN = ["An", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hà", "Hải", "Hạnh", "Hoa", "Hùng",
         "Khánh", "Lan", "Linh", "Long", "Mai", "Minh", "Nam", "Ngọc", "Phúc", "Quang", "Sơn",
         "Tâm", "Thảo", "Thu", "Trang", "Tuấn", "Việt", "Xuân", "Yến"]
FAMILY = ["Nguyễn Văn", "Trần Thị", "Lê Văn", "Phạm Thị", "Hoàng Văn", "Vũ Thị", "Đặng Văn",
          "Bùi Thị", "Đỗ Văn"]
BIRTH = {"child_name": "Phan Gia Bảo", "child_dob": "01/10/2026", "child_sex": "Nam",
         "registered_on": "10/10/2026", "mother_name": "Đào Thị Hạnh", "book": "01/2026",
         "page": "12", "entry": "34"}


def _social(i: int) -> dict:
    name = f"{FAMILY[i % len(FAMILY)]} {GIVEN[i // len(FAMILY) % len(GIVEN)]}"
    return {"beneficiary_name": name, "category": "Người cao tuổi",
            "start_date": f"{1 + i % 28:02d}/{1 + i % 12:02d}/2024"}


def _wait_idle(qtbot) -> None:
    from PySide6.QtCore import QThreadPool

    qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0, timeout=WAIT)
    qtbot.wait(30)


def _type(widget: QLineEdit, text: str) -> None:
    """Type as an input method does (non-ASCII safe, ENGINEERING_NOTES)."""
    widget.clear()
    widget.insert(text)


def _fill(form: RecordForm, **values) -> None:
    for name, value in values.items():
        widget = form.inputs[name]
        if isinstance(widget, QLineEdit):
            _type(widget, value)
        else:
            form.set_input(name, value)


def _png(path, colour: str = "#2e7d32"):
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    assert image.save(str(path), "PNG")
    return path


def _open_record(qtbot, ws, record_id) -> RecordDialog:
    dialog = RecordDialog(ws, None, record_id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.view is not None and dialog.mode == "view", timeout=WAIT)
    _wait_idle(qtbot)
    return dialog


# -- the page ---------------------------------------------------------------------------------

def test_page_lists_a_type_pages_on_scroll_and_searches_without_accents(qtbot, admin_ws):
    with writing(admin_ws) as session:  # 250 social-protection records in one transaction
        for i in range(250):
            records.create_record(admin_ws, "social_protection", _social(i), session=session)
    records.create_record(admin_ws, "birth", BIRTH)
    page = RecordsPage(admin_ws)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    # The chooser groups the types under their sector; headings cannot be chosen.
    texts = [page.type_combo.itemText(i) for i in range(page.type_combo.count())]
    assert texts[0] == "Hộ tịch" and "An sinh xã hội" in texts and "Đoàn thể" in texts
    assert page.type_combo.model().item(0).isEnabled() is False
    assert page.type_code() == "birth"
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.total == 1, timeout=WAIT)
    assert page.model.headers[0] == "Họ và tên trẻ"
    assert page.model.data(page.model.index(0, 1)) == "01/10/2026"  # display_value: dd/mm/yyyy
    assert page.model.headers[-1] == "Tình trạng"  # legal records show their status

    page.set_type("social_protection")
    qtbot.waitUntil(lambda: page.model.rowCount() == PAGE and page.total == 250, timeout=WAIT)
    assert page.count.text() == "250 hồ sơ"
    assert page.model.canFetchMore()
    page.table.scrollToBottom()  # the view asks for the next page at the end of the list
    qtbot.waitUntil(lambda: page.model.rowCount() == 250, timeout=WAIT)
    _wait_idle(qtbot)
    assert not page.model.canFetchMore()
    assert len({row.id for row in page.model.rows}) == 250  # no row twice

    _type(page.query, "dang van")  # Đặng Văn …, typed without diacritics (debounced)
    qtbot.waitUntil(lambda: 0 < page.model.rowCount() < 250 and page.total is not None
                    and page.total == page.model.rowCount(), timeout=WAIT)
    expected = sum(1 for i in range(250) if FAMILY[i % len(FAMILY)] == "Đặng Văn")
    assert page.model.rowCount() == expected
    assert all(row.title.startswith("Đặng Văn ") for row in page.model.rows)
    assert page.model.data(page.model.index(0, 0)).startswith("Đặng Văn ")

    # A date range on the key date (start_date): one month of 2024.
    _type(page.query, "")
    _type(page.date_from, "01/2024")
    _type(page.date_to, "01/2024")
    page.search()
    in_january = sum(1 for i in range(250) if i % 12 == 0)
    qtbot.waitUntil(lambda: page.total == in_january
                    and page.model.rowCount() == in_january, timeout=WAIT)
    assert all(row.key_date.startswith("2024-01") for row in page.model.rows)
    _type(page.date_from, "31/02/2024")  # not a date: said, nothing reloaded
    page.search()
    assert "không có trên lịch" in page.status.text()


def test_date_bounds():
    assert date_bound("2024", False) == "2024-01-01"
    assert date_bound("2024", True) == "2024-12-31"
    assert date_bound("03/2024", True) == "2024-03-31"
    assert date_bound("15/03/2024", True) == "2024-03-15"
    assert date_bound("", True) is None


def test_page_opens_records_and_respects_permissions(qtbot, admin_ws, login):
    rec = records.create_record(admin_ws, "social_protection", _social(0))
    page = RecordsPage(admin_ws)
    qtbot.addWidget(page)
    page.set_type("social_protection")
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT)
    assert page.new_button.isVisible() and page.export_button.isVisible()
    assert page.import_button.isVisible()
    dialog = page.open_record(0)
    qtbot.waitUntil(lambda: dialog.view is not None, timeout=WAIT)
    assert dialog.view.record.id == rec.id
    dialog.close()
    wizard = page.open_import()  # the Excel import wizard, for this record type
    assert wizard is not None and wizard.target_code == "social_protection"
    wizard.reject()
    _wait_idle(qtbot)

    viewer = login(Role.VIEWER)
    read_only = RecordsPage(viewer)
    qtbot.addWidget(read_only)
    read_only.set_type("social_protection")
    read_only.show()
    qtbot.waitUntil(lambda: read_only.model.rowCount() == 1, timeout=WAIT)
    assert not read_only.new_button.isVisible()
    assert not read_only.import_button.isVisible()
    assert not read_only.export_button.isVisible()
    assert read_only.new_record() is None


def test_main_window_page_and_keyboard(qtbot, admin_ws):
    from ui.shell import MainWindow

    rec = records.create_record(admin_ws, "birth", BIRTH)
    window = MainWindow(admin_ws)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):  # window shortcuts need the active window
        window.show()
    page = window.pages["records"]
    assert isinstance(page, RecordsPage)
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is page
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT)
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # Enter opens the record
    assert page.dialog is not None and page.dialog.record_id == rec.id
    qtbot.waitUntil(lambda: page.dialog.view is not None, timeout=WAIT)
    opened = page.dialog
    opened.close()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # Thêm
    assert page.dialog is not opened
    assert page.dialog.record_id is None and page.dialog.mode == "new"
    assert page.dialog.form.record_type.code == "birth"
    assert window.pages["residents"].dialog is None  # only the visible page's Ctrl+N
    page.dialog.close()
    _wait_idle(qtbot)


def test_export_writes_the_chosen_type(qtbot, admin_ws, tmp_path):
    from core.excel.workbook import open_workbook

    for i in range(3):
        records.create_record(admin_ws, "social_protection", _social(i))
    page = RecordsPage(admin_ws)
    qtbot.addWidget(page)
    page.set_type("social_protection")
    target = tmp_path / "bao-tro.xlsx"
    page.export_to(target)
    qtbot.waitUntil(lambda: page.notice is not None, timeout=WAIT)
    assert "3 hồ sơ" in page.notice.text()
    page.notice.close()
    book = open_workbook(target)
    rows = book.rows(0)
    assert any("Nguyễn Văn An" in [str(c) for c in row] for row in rows)


# -- the form ---------------------------------------------------------------------------------

def test_form_renders_every_field_of_every_type(qtbot, admin_ws):
    kinds = {"text": QLineEdit, "date": QLineEdit, "int": QLineEdit, "number": QLineEdit,
             "personal_id": QLineEdit, "choice": QComboBox, "bool": QCheckBox,
             "admin_unit": AdminUnitEdit}
    seen = set()
    types = load_record_types()
    assert len(types) == 9
    for record_type in types.values():
        form = RecordForm(admin_ws, record_type)
        qtbot.addWidget(form)
        assert list(form.inputs) == [f.name for f in record_type.fields]
        for spec in record_type.fields:
            assert isinstance(form.inputs[spec.name], kinds[spec.type]), spec.name
            seen.add(spec.type)
            label = form.layout_.labelForField(_row_layout(form, spec.name))
            assert label is not None and label.text().endswith(" *") == spec.required
            if spec.type == "choice":
                combo = form.inputs[spec.name]
                assert (combo.itemText(0) == "") != spec.required  # empty first unless required
                assert combo.currentIndex() == (-1 if spec.required else 0)
        assert set(form.pickers) == {r.role for r in record_type.roles}
        assert form.values() == {f.name: False for f in record_type.fields if f.type == "bool"}
    assert seen == set(kinds)


def _row_layout(form: RecordForm, name: str):
    """The layout holding a field's input and its error line (what the row's label is for)."""
    for row in range(form.layout_.rowCount()):
        item = form.layout_.itemAt(row, form.layout_.ItemRole.FieldRole)
        layout = item.layout() if item else None
        if layout is not None and layout.indexOf(form.inputs[name]) >= 0:
            return layout
    return None


def test_form_values_round_trip_and_admin_unit_split_asks(qtbot, admin_ws):
    land = load_record_types()["land"]
    form = RecordForm(admin_ws, land)
    qtbot.addWidget(form)
    form.set_values({"holder_name": "Đỗ Văn Điền", "area": 1234.5, "map_sheet": 12,
                     "issued_on": "2019-08-15", "authenticated": True, "land_unit": "16498"})
    assert form.inputs["area"].text() == "1234,5"
    assert form.inputs["issued_on"].text() == "15/08/2019"
    assert form.inputs["land_unit"].edit.text().startswith("Xã Quảng Ngọc")
    assert form.values()["land_unit"] == "16498" and form.values()["authenticated"] is True
    assert form.changed_values() == {}
    _fill(form, area="1.500,25")
    assert form.changed_values() == {"area": "1.500,25"}
    # An old commune split into several new ones: the candidates are listed, never guessed.
    unit = form.inputs["land_unit"]
    unit.edit.setText("Phường Cống Vị, Quận Ba Đình, Thành phố Hà Nội")
    unit._code = None
    unit.check()
    assert unit.candidates.isVisibleTo(form) and len(unit.candidate_codes()) == 2
    assert "đơn vị cũ" in unit.hint.text()
    chosen = unit.candidate_codes()[1]
    unit.choose(1)
    assert form.values()["land_unit"] == chosen and not unit.candidates.isVisibleTo(form)
    # Typing a 2025 name: completions, then it resolves to the one commune.
    unit.edit.setText("")
    unit._typed("quang ngoc")
    assert "Xã Quảng Ngọc, Tỉnh Thanh Hóa" in unit._names.stringList()
    unit.edit.setText("Quảng Ngọc")
    unit.check()
    assert form.values()["land_unit"] == "16498"


# -- the record dialog ------------------------------------------------------------------------

def test_birth_form_saves_with_the_picked_child_and_shows_errors(qtbot, admin_ws):
    child = persons.create_person(admin_ws, {"full_name": "Phan Gia Bảo", "dob": "01/10/2026",
                                             "personal_number": "038226000123"}).person
    dialog = RecordDialog(admin_ws, "birth")
    qtbot.addWidget(dialog)
    form = dialog.form
    dialog.save()  # nothing typed: core's messages under the fields
    qtbot.waitUntil(lambda: form.error_text("child_name") != "", timeout=WAIT)
    assert "Cần nhập" in form.error_text("child_name")
    assert "Cần nhập" in form.error_text("registered_on")
    # The picker finds the child by name without diacritics and fills the empty fields.
    picker = form.pickers["child"]
    picker.search("phan gia bao")
    qtbot.waitUntil(lambda: len(picker.hits) == 1, timeout=WAIT)
    picker.pick_row(0)
    assert picker.person_ids() == [child.id]
    assert form.inputs["child_name"].text() == "Phan Gia Bảo"
    assert form.inputs["child_personal_number"].text() == "038226000123"
    assert form.inputs["child_dob"].text() == "01/10/2026"
    _fill(form, child_sex="Nam", registered_on="10/10/2026", mother_name="Đào Thị Hạnh",
          book="01/2026", page="12", entry="34", registration_kind="Đúng hạn")
    _fill(form, registered_on="31/02/2026")  # shown under the field, not saved
    dialog.save()
    qtbot.waitUntil(lambda: form.error_text("registered_on") != "", timeout=WAIT)
    assert "không có trên lịch" in form.error_text("registered_on")
    _fill(form, registered_on="10/10/2026")
    with qtbot.waitSignal(dialog.saved, timeout=WAIT) as saved:
        dialog.save()
    qtbot.waitUntil(lambda: dialog.mode == "view" and dialog.view is not None, timeout=WAIT)
    view = records.get_record(admin_ws, saved.args[0])
    assert view.payload["child_name"] == "Phan Gia Bảo" and view.payload["page"] == 12
    assert [(p.role, p.person_id) for p in view.persons] == [("child", child.id)]
    assert dialog.detail_values["registered_on"] == "10/10/2026"
    assert "Phan Gia Bảo" in dialog.persons_list.item(0).text()
    assert "quyển số 01/2026" in dialog.status_label.text()
    assert dialog.history_rows()[0][0] == "Đăng ký"


def test_duplicate_is_shown_and_save_anyway_saves(qtbot, admin_ws):
    records.create_record(admin_ws, "birth", BIRTH)
    dialog = RecordDialog(admin_ws, "birth")
    qtbot.addWidget(dialog)
    _fill(dialog.form, **{**BIRTH, "child_name": "PHAN GIA BAO", "book": "02/2026"})
    dialog.save()
    qtbot.waitUntil(lambda: dialog.duplicates_box.isVisibleTo(dialog), timeout=WAIT)
    assert dialog.duplicates_list.count() == 1
    assert dialog.duplicates_list.item(0).text().startswith("Phan Gia Bảo — 10/10/2026")
    assert records.count_records(admin_ws, "birth") == 1  # nothing saved yet
    with qtbot.waitSignal(dialog.saved, timeout=WAIT):
        dialog.save_anyway_button.click()
    assert records.count_records(admin_ws, "birth") == 2
    qtbot.waitUntil(lambda: dialog.mode == "view", timeout=WAIT)
    assert not dialog.duplicates_box.isVisibleTo(dialog)


def test_legal_record_is_corrected_not_edited(qtbot, admin_ws):
    rec = records.create_record(admin_ws, "birth", BIRTH)
    dialog = _open_record(qtbot, admin_ws, rec.id)
    assert not dialog.edit_button.isVisibleTo(dialog)  # no Sửa for a civil-status record
    assert not dialog.delete_button.isVisibleTo(dialog)
    assert all(b.isVisibleTo(dialog) for b in dialog.action_buttons.values())
    assert dialog.history_box.isVisibleTo(dialog)
    assert len(dialog.history_rows()) == 1

    dialog.action_buttons["correct"].click()
    assert dialog.mode == "correct" and dialog.form.inputs["child_name"].text() == "Phan Gia Bảo"
    _fill(dialog.form, child_name="Phan Gia Bảo Anh")
    dialog.save()  # no legal basis yet
    qtbot.waitUntil(lambda: dialog.note_error.isVisibleTo(dialog), timeout=WAIT)
    assert "căn cứ" in dialog.note_error.text()
    _type(dialog.note, "QĐ 12/QĐ-UBND ngày 20/11/2026")
    with qtbot.waitSignal(dialog.saved, timeout=WAIT):
        dialog.save()
    qtbot.waitUntil(lambda: dialog.mode == "view" and len(dialog.history_rows()) == 2,
                    timeout=WAIT)
    action, when, who, note = dialog.history_rows()[1]
    assert action.startswith("Cải chính") and "họ và tên trẻ" in action
    assert who == "admin" and note == "QĐ 12/QĐ-UBND ngày 20/11/2026" and when
    assert dialog.detail_values["child_name"] == "Phan Gia Bảo Anh"
    assert records.get_record(admin_ws, rec.id).payload["child_name"] == "Phan Gia Bảo Anh"

    # Bổ sung only fills empty fields (the filled ones are locked); hủy keeps the record.
    dialog.start_action("supplement")
    assert dialog.form.inputs["child_name"].isReadOnly()
    assert not dialog.form.inputs["father_name"].isReadOnly()
    _fill(dialog.form, father_name="Phan Văn Lộc")
    _type(dialog.note, "Tờ khai bổ sung ngày 21/11/2026")
    with qtbot.waitSignal(dialog.saved, timeout=WAIT):
        dialog.save()
    qtbot.waitUntil(lambda: len(dialog.history_rows()) == 3, timeout=WAIT)
    dialog.start_action("revoke")
    assert dialog.form is None and dialog.note_box.isVisibleTo(dialog)
    _type(dialog.note, "QĐ hủy số 3/QĐ-UBND")
    with qtbot.waitSignal(dialog.saved, timeout=WAIT):
        dialog.save()
    qtbot.waitUntil(lambda: dialog.view.status == "revoked", timeout=WAIT)
    assert "đã hủy" in dialog.status_label.text()
    assert dialog.action_buttons["annotate"].isVisibleTo(dialog)
    assert not dialog.action_buttons["correct"].isVisibleTo(dialog)


def test_non_legal_record_edits_in_place_and_deletes(qtbot, admin_ws):
    rec = records.create_record(admin_ws, "social_protection", _social(3))
    dialog = _open_record(qtbot, admin_ws, rec.id)
    assert dialog.edit_button.isVisibleTo(dialog) and dialog.delete_button.isVisibleTo(dialog)
    assert not any(b.isVisibleTo(dialog) for b in dialog.action_buttons.values())
    assert not dialog.history_box.isVisibleTo(dialog)
    dialog.edit_button.click()
    assert dialog.mode == "edit"
    _fill(dialog.form, monthly_allowance="700.000", coefficient="1,5")
    with qtbot.waitSignal(dialog.saved, timeout=WAIT):
        dialog.save()
    qtbot.waitUntil(lambda: dialog.mode == "view" and dialog.view.record.version == 2,
                    timeout=WAIT)
    assert records.get_record(admin_ws, rec.id).payload["monthly_allowance"] == 700000
    assert dialog.detail_values["monthly_allowance"] == "700.000"
    assert dialog.detail_values["coefficient"] == "1,5"
    # Saved, with core's warning: the allowance is not coefficient × the base level.
    assert "Đã lưu." in dialog.message.text() and "750.000" in dialog.message.text()
    dialog.delete_with_reason("")  # a reason is required
    qtbot.waitUntil(lambda: "lý do" in dialog.message.text(), timeout=WAIT)
    with qtbot.waitSignal(dialog.deleted, timeout=WAIT):
        dialog.delete_with_reason("nhập trùng")
    assert records.count_records(admin_ws, "social_protection") == 0


def test_link_and_unlink_a_person(qtbot, admin_ws):
    rec = records.create_record(admin_ws, "social_protection", _social(5))
    person = persons.create_person(admin_ws, {"full_name": "Trần Thị Cúc"}).person
    dialog = _open_record(qtbot, admin_ws, rec.id)
    dialog.link("receiver", person.id)
    qtbot.waitUntil(lambda: bool(dialog.view.persons) and dialog.persons_list.count() == 1
                    and "Trần Thị Cúc" in dialog.persons_list.item(0).text(), timeout=WAIT)
    dialog.unlink("receiver", person.id, "gắn nhầm")
    qtbot.waitUntil(lambda: not dialog.view.persons, timeout=WAIT)


# -- attachments ------------------------------------------------------------------------------

def test_attachments_add_drop_preview_refuse_and_detach(qtbot, admin_ws, tmp_path):
    rec = records.create_record(admin_ws, "birth", BIRTH)
    dialog = _open_record(qtbot, admin_ws, rec.id)
    box: AttachmentsBox = dialog.attachments
    assert box.add_button.isVisibleTo(dialog) and box.acceptDrops()

    box.add_files([_png(tmp_path / "trang-so.png")])  # the box's API
    qtbot.waitUntil(lambda: box.file_names() == ["trang-so.png"], timeout=WAIT)
    assert box.table.item(0, 2).text() == "PNG" and "byte" in box.table.item(0, 1).text()

    dropped = _png(tmp_path / "quyet-dinh.png", "#1565c0")  # dropped from the file manager
    words = QMimeData()
    words.setText("không phải tệp")
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, words,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(box, enter)
    assert not enter.isAccepted()  # only files may be dropped
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(dropped))])
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(box, enter)  # a real drag enters the box before it drops
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(box, drop)
    assert drop.isAccepted()
    qtbot.waitUntil(lambda: len(box.rows) == 2, timeout=WAIT)
    assert box.file_names() == ["trang-so.png", "quyet-dinh.png"]

    text_file = tmp_path / "ghi-chu.txt"
    text_file.write_text("không phải ảnh", encoding="utf-8")
    box.add_files([text_file])
    qtbot.waitUntil(lambda: "ghi-chu.txt" in box.message.text(), timeout=WAIT)
    assert "Chỉ đính kèm được tệp PDF hoặc ảnh" in box.message.text()
    assert len(box.rows) == 2

    box.preview(0)
    qtbot.waitUntil(lambda: box.preview_dialog is not None, timeout=WAIT)
    preview: PreviewDialog = box.preview_dialog
    assert preview.kind == "image" and preview.image.pixmap().width() == 64
    preview.close()

    link_id = box.rows[0][0].id
    box.remove(link_id, "")  # a reason is required
    qtbot.waitUntil(lambda: "lý do" in box.message.text(), timeout=WAIT)
    box.remove(link_id, "đính kèm nhầm")
    qtbot.waitUntil(lambda: box.file_names() == ["quyet-dinh.png"], timeout=WAIT)
    assert [f.filename for _, f in records.get_record(admin_ws, rec.id).attachments] == [
        "quyet-dinh.png"]


def test_pdf_preview_without_qtpdf_offers_to_save(qtbot, tmp_path):
    content = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3 trang so ho tich\n"
    preview = PreviewDialog("so.pdf", "application/pdf", content, can_save=True)
    qtbot.addWidget(preview)
    try:
        from PySide6.QtPdf import QPdfDocument  # noqa: F401
        has_pdf = True
    except ImportError:
        has_pdf = False
    if not has_pdf:
        assert preview.kind == "pdf" and "lưu ra máy để xem" in preview.note.text()
    preview.save_to(tmp_path / "out.pdf")
    assert (tmp_path / "out.pdf").read_bytes() == content


def test_viewer_sees_no_write_buttons(qtbot, admin_ws, login, tmp_path):
    legal = records.create_record(admin_ws, "birth", BIRTH)
    other = records.create_record(admin_ws, "social_protection", _social(7))
    records.attach_file(admin_ws, other.id, _png(tmp_path / "a.png").read_bytes(), None, "a.png")
    viewer = login(Role.VIEWER)
    for record_id in (legal.id, other.id):
        dialog = _open_record(qtbot, viewer, record_id)
        buttons = [dialog.edit_button, dialog.delete_button, dialog.save_button,
                   dialog.link_button, dialog.unlink_button, *dialog.action_buttons.values(),
                   dialog.attachments.add_button, dialog.attachments.remove_button]
        assert not any(b.isVisibleTo(dialog) for b in buttons)
        assert not dialog.attachments.acceptDrops()
        assert dialog.attachments.preview_button.isVisibleTo(dialog)  # reading is allowed
    assert dialog.attachments.file_names() == ["a.png"]
