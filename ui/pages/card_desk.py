"""Đọc thẻ: tap a chip card → read it off the GUI thread with per-step progress → match it to a
person → compare stored and chip values field by field → save the accepted fields (default: the
chip's) or create the person from the card; the read is kept as evidence.

Training mode ("thẻ mô phỏng") reads simulated residents' cards through the same reader code;
it is marked on screen and never writes: simulated people must not mix with real data (a demo
store, whose data is synthetic anyway, is the exception).
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QT_TR_NOOP, Qt, Signal
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from card_reader.lds.dg2 import face_to_png
from core.auth import Perm
from core.dates import show_iso
from core.matching import OUTCOME_LABELS, MatchResult
from core.services import card_desk
from core.store import Workspace
from ui import card_source
from ui.background import run_in_background
from ui.i18n import tr

STEP_LABELS = {
    "wait_card": QT_TR_NOOP("Đang chờ thẻ…"),
    "access": QT_TR_NOOP("Đang mở kênh bảo mật với chip…"),
    "verify": QT_TR_NOOP("Đang xác thực dữ liệu chip…"),
    "done": QT_TR_NOOP("Đã đọc xong."),
}


class CardDeskPage(QWidget):
    person_saved = Signal(str)  # person id
    open_person = Signal(str)
    _progress_signal = Signal(str, float)  # from the reading thread, queued to the GUI

    def __init__(self, ws: Workspace, parent: QWidget | None = None, card_status=None):
        super().__init__(parent)
        self.ws = ws
        self.reader_state = QLabel(card_status.text if card_status else "")
        if card_status is not None:
            card_status.changed.connect(self.reader_state.setText)
        self.portrait = QLabel()
        self.portrait.setFixedSize(120, 160)
        self.portrait.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.portrait.setStyleSheet("border: 1px solid #bbb")
        self.card: dict | None = None
        self.face: bytes | None = None
        self.match: MatchResult | None = None
        self._cancel = threading.Event()
        self.training_banner = QLabel(tr(
            "CHẾ ĐỘ TẬP HUẤN — thẻ mô phỏng, dữ liệu giả lập: không ghi vào dữ liệu của xã."))
        self.training_banner.setStyleSheet("background: #fff3c4; color: #5c4400; padding: 6px;"
                                           " font-weight: bold")
        self.training_banner.setWordWrap(True)
        self.training_banner.setVisible(False)
        self.training = QCheckBox(tr("Thẻ mô phỏng (tập huấn)"))
        self.preset = QComboBox()
        self.preset.addItems(card_source.training_presets())
        self.preset.setEnabled(False)
        self.training.toggled.connect(self._training_toggled)
        self.id_number = QLineEdit(placeholderText=tr("12 chữ số, gõ hoặc quét"))
        self.id_number.setMaxLength(12)
        self.id_number.returnPressed.connect(self.read)
        self.dob = QLineEdit(placeholderText="dd/mm/yyyy")
        self.expiry = QLineEdit(placeholderText=tr("dd/mm/yyyy hoặc Không thời hạn"))
        self.read_button = QPushButton(tr("Đọc thẻ"))
        self.read_button.clicked.connect(self.read)
        self.stop_button = QPushButton(tr("Dừng"))
        self.stop_button.clicked.connect(self._cancel.set)
        self.stop_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.step = QLabel()
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setObjectName("outcome")
        self.candidates = QListWidget()
        self.candidates.setMaximumHeight(90)
        self.candidates.currentRowChanged.connect(lambda _r: self._compare())
        self.fields = QTableWidget(0, 4)
        self.fields.setHorizontalHeaderLabels([tr("Lấy từ thẻ"), tr("Trường"),
                                               tr("Đang lưu"), tr("Trên thẻ")])
        self.fields.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.fields.horizontalHeader().setStretchLastSection(True)
        self.save_button = QPushButton(tr("Lưu các trường đã chọn"))
        self.save_button.clicked.connect(self.save_selected)
        self.create_button = QPushButton(tr("Tạo cư dân mới từ thẻ"))
        self.create_button.clicked.connect(self.create_from_card)
        self.open_button = QPushButton(tr("Mở hồ sơ"))
        self.open_button.clicked.connect(self._open_current)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self._progress_signal.connect(self._show_progress)
        self._build_layout()
        self._set_result_enabled(False)

    def _build_layout(self) -> None:
        key = QFormLayout()
        key.addRow(tr("Số định danh"), self.id_number)
        self.bac_rows = (QLabel(tr("Ngày sinh (BAC)")), QLabel(tr("Có giá trị đến (BAC)")))
        key.addRow(self.bac_rows[0], self.dob)
        key.addRow(self.bac_rows[1], self.expiry)
        self._show_bac(False)
        mode = QHBoxLayout()
        mode.addWidget(self.reader_state)
        mode.addSpacing(24)
        mode.addWidget(self.training)
        mode.addWidget(self.preset)
        mode.addStretch(1)
        actions = QHBoxLayout()
        for widget in (self.read_button, self.stop_button):
            actions.addWidget(widget)
        actions.addWidget(self.progress, 1)
        result = QHBoxLayout()
        for widget in (self.save_button, self.create_button, self.open_button):
            result.addWidget(widget)
        result.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<h2>{tr('Đọc thẻ')}</h2>"))
        layout.addWidget(self.training_banner)
        layout.addLayout(mode)
        top = QHBoxLayout()
        top.addLayout(key, 1)
        top.addWidget(self.portrait)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.step)
        layout.addWidget(self.outcome)
        layout.addWidget(self.candidates)
        layout.addWidget(self.fields, 1)
        layout.addLayout(result)
        layout.addWidget(self.message)

    def _show_bac(self, visible: bool) -> None:
        for widget in (*self.bac_rows, self.dob, self.expiry):
            widget.setVisible(visible)

    def _training_toggled(self, on: bool) -> None:
        self.training_banner.setVisible(on)
        self.preset.setEnabled(on)
        self.id_number.setEnabled(not on)
        self._clear_result()

    @property
    def writes_allowed(self) -> bool:
        return not self.training.isChecked() or self.ws.is_demo

    # -- reading ---------------------------------------------------------------------------

    def read(self) -> None:
        if self.read_button.isEnabled() is False:
            return
        self._clear_result()
        self._cancel.clear()
        cancel, data_dir = self._cancel, self.ws.store.data_dir
        number = "".join(self.id_number.text().split())
        if self.training.isChecked():
            preset = self.preset.currentText()
            work = lambda: card_source.read_training(preset, self._report, cancel)  # noqa: E731
        elif len(number) != 12 or not number.isdigit():
            self.message.setText(tr("Hãy nhập đủ 12 chữ số của số định danh in trên thẻ."))
            self.id_number.setFocus()
            return
        else:
            dob, expiry = self.dob.text(), self.expiry.text()
            work = lambda: card_source.read_real(  # noqa: E731
                number, dob, expiry, data_dir, self._report, cancel)
        self._busy(True)
        self._job = run_in_background(self._read_and_match(work), self._shown, self._failed)

    def _read_and_match(self, work):
        ws = self.ws

        def run():
            try:
                card, face = work()
            except card_source.CardError as err:
                return err
            return card, face, card_desk.match_card(ws, card)
        return run

    def _report(self, step: str, fraction: float) -> None:
        """Called on the reading thread: hand over to the GUI thread by a queued signal."""
        self._progress_signal.emit(step, fraction)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if not self.training.isChecked():
            self.id_number.setFocus()

    def _show_progress(self, step: str, fraction: float) -> None:
        self.progress.setValue(int(fraction * 100))
        label = STEP_LABELS.get(step) or tr("Đang đọc {file}…").format(file=step)
        self.step.setText(tr(label))

    def _busy(self, busy: bool) -> None:
        self.read_button.setEnabled(not busy)
        self.stop_button.setEnabled(busy)

    def _failed(self, message: str) -> None:
        self._busy(False)
        self.message.setText(message)

    def show_reading(self, card: dict, face: bytes | None, match: MatchResult) -> None:
        """A reading that came another way (a QR scan): show it as if just read."""
        self._clear_result()
        self._shown((card, face, match))

    def _shown(self, result) -> None:
        self._busy(False)
        if isinstance(result, card_source.CardError):
            self.message.setText(tr(str(result)))
            needs_bac = result.code == "wrong_key" and "BAC" in (result.detail or "")
            if needs_bac:
                self._show_bac(True)
                self.dob.setFocus()
            return
        self.card, self.face, self.match = result
        self.progress.setValue(100)
        self._show_portrait()
        pa = self.card.get("passive_auth") or {}
        if self.card.get("source") == "qr":
            verdict = tr("đọc từ mã QR: không có xác thực chip")
        else:
            verdict = tr("dữ liệu chip hợp lệ") if pa.get("passed") else tr(
                "CHƯA xác thực được dữ liệu chip")
        self.step.setText(tr("Đã đọc xong: {name} — {verdict}").format(
            name=self.card.get("full_name", ""), verdict=verdict))
        self.outcome.setText(tr(OUTCOME_LABELS[self.match.outcome]))
        self.candidates.clear()
        for candidate in self.match.candidates:
            dob = show_iso(candidate.dob)
            item = QListWidgetItem(f"{candidate.full_name} — {dob} — "
                                   f"{candidate.personal_number or ''} — "
                                   f"{'; '.join(tr(r) for r in candidate.reasons)}")
            item.setData(Qt.ItemDataRole.UserRole, candidate.person_id)
            self.candidates.addItem(item)
        self.candidates.setVisible(bool(self.match.candidates))
        if self.match.candidates:
            self.candidates.setCurrentRow(0)
        else:
            self._compare()
        self._set_result_enabled(True)

    def _show_portrait(self) -> None:
        """The chip's portrait, only for roles allowed to see it (each view audited)."""
        if not self.face:
            self.portrait.setText(tr("Không có ảnh"))
            return
        if not self.ws.actor.can(Perm.FACE_VIEW):
            self.portrait.setText(tr("Ảnh chân dung:\ncần quyền xem"))
            return
        face, person_id = self.face, self.match.person_id if self.match else None
        ws = self.ws

        def load():
            card_desk.note_face_view(ws, person_id)
            return face_to_png(face)

        self._face_job = run_in_background(load, self._portrait_loaded, self.message.setText)

    def _portrait_loaded(self, png: bytes) -> None:
        pixmap = QPixmap()
        if pixmap.loadFromData(png):
            self.portrait.setPixmap(pixmap.scaled(self.portrait.size(),
                                                  Qt.AspectRatioMode.KeepAspectRatio))

    # -- comparing and saving --------------------------------------------------------------

    def chosen_person_id(self) -> str | None:
        item = self.candidates.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _compare(self) -> None:
        if self.card is None:
            return
        person_id, card = self.chosen_person_id(), self.card
        self._compare_job = run_in_background(
            lambda: card_desk.compare(self.ws, person_id, card), self._show_comparison,
            self.message.setText)

    def _show_comparison(self, rows) -> None:
        self.fields.setRowCount(len(rows))
        self.rows = rows
        for r, row in enumerate(rows):
            tick = QTableWidgetItem()
            tick.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            tick.setCheckState(Qt.CheckState.Checked if row.differs else Qt.CheckState.Unchecked)
            tick.setData(Qt.ItemDataRole.UserRole, row.field)
            self.fields.setItem(r, 0, tick)
            for c, text in enumerate((tr(row.label), row.stored, row.card), start=1):
                item = QTableWidgetItem(text)
                if row.differs and c > 1:
                    item.setBackground(QColor("#fff3c4"))  # differs: a soft highlight
                self.fields.setItem(r, c, item)
        self.fields.resizeColumnsToContents()

    def accepted_fields(self) -> list[str]:
        return [self.fields.item(r, 0).data(Qt.ItemDataRole.UserRole)
                for r in range(self.fields.rowCount())
                if self.fields.item(r, 0).checkState() == Qt.CheckState.Checked]

    def save_selected(self) -> None:
        person_id = self.chosen_person_id()
        if person_id is None:
            self.message.setText(tr("Chưa chọn cư dân; nếu chưa có, hãy tạo cư dân mới từ thẻ."))
            return
        self._apply(person_id, self.accepted_fields())

    def create_from_card(self) -> None:
        self._apply(None, [])

    def _apply(self, person_id: str | None, fields: list[str]) -> None:
        if not self.writes_allowed:
            self.message.setText(tr("Chế độ tập huấn: thẻ mô phỏng không được ghi vào dữ liệu "
                                    "của xã."))
            return
        ws, card, face = self.ws, dict(self.card), self.face
        self.message.setText(tr("Đang lưu…"))
        self._apply_job = run_in_background(
            lambda: card_desk.apply_card(ws, card, person_id, fields, face), self._applied,
            self.message.setText)

    def _applied(self, applied) -> None:
        fields = ", ".join(applied.changed) or tr("không có trường nào thay đổi")
        self.message.setText(tr("Đã lưu {name} ({fields}); đã giữ lần đọc thẻ làm bằng chứng.")
                             .format(name=applied.person.full_name, fields=fields))
        self.person_saved.emit(applied.person.id)
        self._last_person_id = applied.person.id

    def _open_current(self) -> None:
        person_id = getattr(self, "_last_person_id", None) or self.chosen_person_id()
        if person_id:
            self.open_person.emit(person_id)

    def _set_result_enabled(self, on: bool) -> None:
        can_write = self.ws.actor.can(Perm.CARD_READ) and self.ws.actor.can(Perm.PERSON_WRITE)
        for button in (self.save_button, self.create_button):
            button.setEnabled(on and can_write)
        self.open_button.setEnabled(on)

    def _clear_result(self) -> None:
        self.card = self.face = self.match = None
        self._last_person_id = None
        self.outcome.clear()
        self.portrait.clear()
        self.candidates.clear()
        self.fields.setRowCount(0)
        self.message.clear()
        self.step.clear()
        self.progress.setValue(0)
        self._set_result_enabled(False)
