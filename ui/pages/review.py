"""Rà soát: the review queue — card conflicts, ID-number warnings, possible duplicates — each
closed by a person with an audited decision and its reason; "Mở hồ sơ" opens the resident to
correct them."""

from __future__ import annotations

from PySide6.QtCore import QT_TR_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.auth import Perm
from core.services import reviews
from core.store import Workspace
from ui.background import run_in_background
from ui.i18n import tr
from ui.merge_dialog import MergeDialog

KIND_LABELS = {
    "conflict": QT_TR_NOOP("Khác với thẻ"),
    "duplicate": QT_TR_NOOP("Có thể trùng"),
    "id_warning": QT_TR_NOOP("Số định danh cần xem lại"),
    "cleaning_mismatch": QT_TR_NOOP("Sai lệch khi làm sạch"),
    "sync_rejection": QT_TR_NOOP("Máy chủ từ chối"),
    "sync_conflict": QT_TR_NOOP("Xung đột khi đồng bộ"),
}


class ReviewPage(QWidget):
    open_person = Signal(str)

    def __init__(self, ws: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([tr("Loại"), tr("Cư dân"), tr("Vấn đề"),
                                              tr("Từ ngày")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self._open())
        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        self.buttons = {}
        for key, label, slot in (("open", tr("Mở hồ sơ để sửa"), self._open),
                                 ("merge", tr("Gộp với hồ sơ trùng…"), self._merge),
                                 ("resolve", tr("Đã xử lý…"), lambda: self._close("resolved")),
                                 ("dismiss", tr("Bỏ qua…"), lambda: self._close("dismissed"))):
            button = QPushButton(label)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.buttons[key] = button
        can_resolve = ws.actor.can(Perm.REVIEW_RESOLVE)
        self.buttons["resolve"].setEnabled(can_resolve)
        self.buttons["dismiss"].setEnabled(can_resolve)
        self.buttons["merge"].setEnabled(can_resolve)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<h2>{tr('Rà soát')}</h2>"))
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.rows: list = []

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        self._job = run_in_background(lambda: reviews.review_rows(self.ws), self._show,
                                      self.status.setText)

    def _show(self, rows) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            values = (tr(KIND_LABELS.get(row.kind, row.kind)), row.full_name or "",
                      tr(row.message), row.created_at.strftime("%d/%m/%Y"))
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, row.item_id)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.status.setText(tr("{n} việc cần rà soát").format(n=len(rows)) if rows
                            else tr("Không có việc nào cần rà soát."))

    def _selected(self):
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _open(self) -> None:
        row = self._selected()
        if row is not None and row.person_id:
            self.open_person.emit(row.person_id)

    def _merge(self) -> MergeDialog | None:
        """A possible duplicate: the older record is kept, this one is folded into it
        ("keep both" is Bỏ qua with a reason)."""
        row = self._selected()
        if row is None or row.kind != "duplicate" or not row.others:
            self.status.setText(tr("Chỉ gộp được mục “Có thể trùng”."))
            return None
        dialog = MergeDialog(self.ws, row.others[0], row.person_id, row.item_id, self)
        dialog.accepted.connect(self.refresh)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def _close(self, status: str) -> None:
        row = self._selected()
        if row is None:
            return
        reason, ok = QInputDialog.getText(self, tr("Rà soát"), tr(
            "Đã xử lý thế nào / vì sao bỏ qua (bắt buộc):"))
        if ok:
            self.close_item(row.item_id, status, reason)

    def close_item(self, item_id: str, status: str, reason: str) -> None:
        self._close_job = run_in_background(
            lambda: reviews.resolve(self.ws, item_id, status, reason),
            lambda _r: self.refresh(), self.status.setText)
