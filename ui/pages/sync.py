"""Đồng bộ: where this PC stands with its hub (last sync, changes waiting, clock), "Đồng bộ
ngay" with progress and stop, automatic sync on a timer with backoff, enrollment, USB bundles,
and the changes the hub refused or found in conflict, local and hub rows side by side."""

from __future__ import annotations

import json
from datetime import datetime

from PySide6.QtCore import QT_TR_NOOP, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.auth import Perm
from core.imports.persons import TARGET as PERSON_FIELDS
from core.store import Workspace
from sync.client import service
from ui.background import run_in_background, run_with_progress
from ui.i18n import message_text, tr

AUTO_CHECK_MS = 60_000  # how often the timer asks "is a sync due?" (the client decides when)
CHANGED = QBrush(QColor("#fff3cd"))
PROBLEM_LABELS = {
    "sync_conflict": QT_TR_NOOP("Xung đột với máy chủ"),
    "sync_rejection": QT_TR_NOOP("Máy chủ từ chối"),
}


def _when(value: datetime | None) -> str:
    if value is None:
        return tr("chưa có")
    return value.astimezone().strftime("%H:%M %d/%m/%Y")


def _field_label(entity: str, name: str) -> str:
    """A resident's field by the name the import columns use; other tables show the column."""
    spec = PERSON_FIELDS.field(name) if entity == PERSON_FIELDS.code else None
    return message_text(spec.label) if spec else name


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


class EnrollDialog(QDialog):
    """Hub address + the one-time code the hub's administrator gave; a name for this PC."""

    def __init__(self, hub_url: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Đăng ký máy với máy chủ"))
        self.url = QLineEdit(hub_url or "")
        self.url.setPlaceholderText("https://hub.tinh.gov.vn")
        self.code = QLineEdit()
        self.name = QLineEdit()
        self.name.setPlaceholderText(tr("ví dụ: Máy bộ phận một cửa"))
        form = QFormLayout(self)
        form.addRow(tr("Địa chỉ máy chủ"), self.url)
        form.addRow(tr("Mã đăng ký (dùng một lần)"), self.code)
        form.addRow(tr("Tên máy này"), self.name)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[str, str, str]:
        return self.url.text().strip(), self.code.text().strip(), self.name.text().strip()


class SyncPage(QWidget):
    synced = Signal()  # a cycle ended: other pages may refresh their counts

    def __init__(self, ws: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.state = None
        self.job = None
        self.status_label = QLabel(tr("Đang đọc tình trạng đồng bộ…"))
        self.status_label.setObjectName("sync-status")
        self.status_label.setTextFormat(Qt.TextFormat.RichText)
        self.warning = QLabel()
        self.warning.setObjectName("sync-warning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #8a4b00; font-weight: bold")
        self.message = QLabel()
        self.message.setObjectName("sync-message")
        self.message.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.hide()

        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, label, slot in (
                ("sync", tr("Đồng bộ ngay"), self.sync_now),
                ("stop", tr("Dừng"), self._stop),
                ("enroll", tr("Đăng ký máy với máy chủ…"), self._enroll),
                ("export", tr("Xuất gói USB…"), self._export_bundle),
                ("ack", tr("Nhập xác nhận USB…"), self._import_ack)):
            button = QPushButton(label)
            button.clicked.connect(slot)
            row.addWidget(button)
            self.buttons[key] = button
        row.addStretch(1)
        self.buttons["stop"].hide()

        self.problems = QTableWidget(0, 4)
        self.problems.setObjectName("sync-problems")
        self.problems.setHorizontalHeaderLabels([tr("Loại"), tr("Dữ liệu"), tr("Vấn đề"),
                                                 tr("Từ lúc")])
        self.problems.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.problems.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.problems.horizontalHeader().setStretchLastSection(True)
        self.problems.currentCellChanged.connect(lambda *_: self._show_sides())
        self.sides = QTableWidget(0, 3)
        self.sides.setObjectName("sync-sides")
        self.sides.setHorizontalHeaderLabels([tr("Trường"), tr("Trên máy này"),
                                              tr("Trên máy chủ")])
        self.sides.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.sides.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.keep_mine = QPushButton(tr("Giữ bản trên máy này"))
        self.keep_mine.clicked.connect(lambda: self._resolve("mine"))
        self.take_hub = QPushButton(tr("Lấy bản trên máy chủ"))
        self.take_hub.clicked.connect(lambda: self._resolve("hub"))
        choice = QHBoxLayout()
        choice.addWidget(self.keep_mine)
        choice.addWidget(self.take_hub)
        choice.addStretch(1)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.sides, 1)
        lower_layout.addLayout(choice)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.problems)
        split.addWidget(lower)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<h2>{tr('Đồng bộ')}</h2>"))
        layout.addWidget(self.status_label)
        layout.addWidget(self.warning)
        layout.addLayout(row)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(QLabel(f"<b>{tr('Thay đổi cần xem lại')}</b>"))
        layout.addWidget(split, 1)
        self.problem_rows: list = []
        self._apply_permissions()

        self.timer = QTimer(self)
        self.timer.setInterval(AUTO_CHECK_MS)
        self.timer.timeout.connect(self._auto_sync)
        self.timer.start()
        self.refresh()

    def _apply_permissions(self) -> None:
        can_sync = self.ws.actor.can(Perm.SYNC_RUN)
        for key in ("sync", "export", "ack"):
            self.buttons[key].setEnabled(can_sync)
        self.buttons["enroll"].setEnabled(self.ws.actor.can(Perm.SYNC_ADMIN))
        can_resolve = self.ws.actor.can(Perm.REVIEW_RESOLVE)
        self.keep_mine.setEnabled(can_resolve)
        self.take_hub.setEnabled(can_resolve)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self.refresh()

    # -- status ------------------------------------------------------------------------------

    def refresh(self) -> None:
        ws = self.ws
        self._status_job = run_in_background(
            lambda: (service.status(ws), service.problems(ws)), self._show, self.message.setText)

    def _show(self, result) -> None:
        state, problems = result
        self.state = state
        if state.is_demo:  # synthetic people never leave this PC
            self.status_label.setText(tr(
                "Xã mẫu (dữ liệu giả lập) không bao giờ được đồng bộ lên máy chủ."))
        elif not state.enrolled:
            self.status_label.setText(tr(
                "Máy này chưa đăng ký với máy chủ đồng bộ cấp trên. Mọi thay đổi được giữ an "
                "toàn trên máy này; bấm “Đăng ký máy với máy chủ…” khi có mã đăng ký."))
        else:
            lines = [
                tr("Máy chủ: <b>{url}</b> — mã máy {device}").format(
                    url=state.hub_url, device=state.device_id),
                tr("Lần đồng bộ thành công gần nhất: <b>{when}</b>").format(
                    when=_when(state.last_success)),
                tr("Thay đổi chờ gửi: <b>{n}</b>").format(n=state.pending),
            ]
            if state.last_error:
                lines.append(tr("Lần thử gần nhất không thành công: {error}").format(
                    error=state.last_error))
            self.status_label.setText("<br>".join(lines))
        self.warning.setText(self._warnings(state))
        self.buttons["sync"].setEnabled(state.enrolled and self.ws.actor.can(Perm.SYNC_RUN)
                                        and self.job is None)
        self.buttons["export"].setEnabled(state.enrolled and self.ws.actor.can(Perm.SYNC_RUN))
        self.buttons["ack"].setEnabled(state.enrolled and self.ws.actor.can(Perm.SYNC_RUN))
        self.buttons["enroll"].setEnabled(not state.is_demo
                                          and self.ws.actor.can(Perm.SYNC_ADMIN))
        self._show_problems(problems)

    def _warnings(self, state) -> str:
        texts = []
        if state.guard_message:
            texts.append(message_text(state.guard_message))
        if state.skew_warning:
            minutes = round(abs(state.clock_skew) / 60)
            texts.append(tr("Đồng hồ máy này lệch {minutes} phút so với máy chủ: hãy chỉnh "
                            "lại ngày giờ của máy tính.").format(minutes=minutes))
        return "\n".join(texts)

    # -- one cycle -----------------------------------------------------------------------------

    def sync_now(self) -> None:
        if self.job is not None:
            return
        ws = self.ws
        self.message.setText(tr("Đang đồng bộ…"))
        self.progress.setRange(0, 0)
        self.progress.show()
        self.buttons["sync"].setEnabled(False)
        self.buttons["stop"].show()
        self.job = run_with_progress(lambda progress: service.run_cycle(ws, progress),
                                     self._cycle_done, self._cycle_failed, self._progress)

    def _auto_sync(self) -> None:
        """The timer: sync when the client says one is due (interval, backoff after failures)."""
        if self.job is None and self.state is not None and self.state.enrolled \
                and self.ws.actor.can(Perm.SYNC_RUN) and service.is_due(self.state):
            self.sync_now()

    def _progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))

    def _stop(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _cycle_finished(self) -> None:
        self.job = None
        self.progress.hide()
        self.buttons["stop"].hide()
        self.refresh()
        self.synced.emit()

    def _cycle_done(self, report) -> None:
        self.message.setText(service.describe(report))
        self._cycle_finished()

    def _cycle_failed(self, message: str) -> None:
        self.message.setText(message)
        self._cycle_finished()

    # -- enrollment and USB ----------------------------------------------------------------------

    def _enroll(self) -> EnrollDialog:
        dialog = EnrollDialog(self.state.hub_url if self.state else None, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.enroll(*dialog.values()))
        dialog.show()
        return dialog

    def enroll(self, url: str, code: str, name: str) -> None:
        ws = self.ws
        self.message.setText(tr("Đang đăng ký với máy chủ…"))
        self._enroll_job = run_in_background(
            lambda: service.enroll(ws, url, code, name),
            lambda _r: (self.message.setText(tr("Đã đăng ký máy này với máy chủ.")),
                        self.refresh()),
            self.message.setText)

    def _export_bundle(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Chọn thư mục (ổ USB) để lưu gói"))
        if folder:
            self.export_bundle(folder)

    def export_bundle(self, folder: str) -> None:
        ws = self.ws
        self._bundle_job = run_in_background(
            lambda: service.export_bundle(ws, folder),
            lambda path: (self.message.setText(tr(
                "Đã lưu gói đồng bộ: {path}. Mang gói lên máy chủ, rồi nhập tệp xác nhận (.ack) "
                "mà máy chủ trả về.").format(path=path)), self.refresh()),
            self.message.setText)

    def _import_ack(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Chọn tệp xác nhận của máy chủ"), "",
                                              tr("Tệp xác nhận (*.ack)"))
        if path:
            self.import_ack(path)

    def import_ack(self, path: str) -> None:
        ws = self.ws
        self._ack_job = run_in_background(
            lambda: service.import_ack(ws, path),
            lambda report: (self.message.setText(service.describe(report)), self.refresh(),
                            self.synced.emit()),
            self.message.setText)

    # -- problems, side by side -----------------------------------------------------------------

    def _show_problems(self, problems) -> None:
        self.problem_rows = list(problems)
        self.problems.setRowCount(len(self.problem_rows))
        for r, problem in enumerate(self.problem_rows):
            values = (tr(PROBLEM_LABELS.get(problem.kind, problem.kind)), problem.entity_label,
                      message_text(problem.message), _when(problem.created_at))
            for c, value in enumerate(values):
                self.problems.setItem(r, c, QTableWidgetItem(value))
        self.problems.resizeColumnsToContents()
        if self.problem_rows:
            self.problems.selectRow(0)
        self._show_sides()

    def _selected(self):
        row = self.problems.currentRow()
        return self.problem_rows[row] if 0 <= row < len(self.problem_rows) else None

    def _show_sides(self) -> None:
        problem = self._selected()
        if problem is None:
            self.sides.setRowCount(0)
            self.keep_mine.setEnabled(False)
            self.take_hub.setEnabled(False)
            return
        local, hub = problem.local_row or {}, problem.hub_row or {}
        fields = [k for k in dict.fromkeys([*local, *hub]) if k not in service.HIDDEN_FIELDS]
        # What differs first: that is what the officer has to decide on.
        fields.sort(key=lambda k: _cell(local.get(k)) == _cell(hub.get(k)))
        self.sides.setRowCount(len(fields))
        for r, name in enumerate(fields):
            mine, theirs = _cell(local.get(name)), _cell(hub.get(name))
            label = _field_label(problem.entity, name)
            for c, text in enumerate((label, mine, theirs)):
                item = QTableWidgetItem(text)
                if mine != theirs:
                    item.setBackground(CHANGED)
                self.sides.setItem(r, c, item)
        can = self.ws.actor.can(Perm.REVIEW_RESOLVE)
        self.keep_mine.setEnabled(can and problem.kind == "sync_conflict" and problem.resolvable)
        self.take_hub.setEnabled(can and problem.kind == "sync_conflict" and problem.resolvable)

    def _resolve(self, keep: str) -> None:
        problem = self._selected()
        if problem is None:
            return
        ws = self.ws
        self._resolve_job = run_in_background(
            lambda: service.resolve_conflict(ws, problem.item_id, keep),
            lambda _r: (self.message.setText(tr("Đã xử lý xung đột.")), self.refresh()),
            self.message.setText)
