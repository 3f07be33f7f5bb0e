"""Gộp hồ sơ: two records of one resident side by side; the officer ticks which values of the
record being folded in to keep, gives a reason, and core merges everything in one step."""

from __future__ import annotations

from PySide6.QtCore import QT_TR_NOOP, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.services import persons
from core.services.merge import merge_persons
from core.store import Workspace
from ui.background import run_in_background
from ui.i18n import tr

FIELDS = (("full_name", QT_TR_NOOP("Họ và tên")), ("personal_number", QT_TR_NOOP("Số định danh")),
          ("old_id_number", QT_TR_NOOP("Số CMND cũ")), ("dob", QT_TR_NOOP("Ngày sinh")),
          ("sex", QT_TR_NOOP("Giới tính")), ("ethnicity", QT_TR_NOOP("Dân tộc")),
          ("religion", QT_TR_NOOP("Tôn giáo")), ("place_of_origin", QT_TR_NOOP("Quê quán")),
          ("place_of_birth", QT_TR_NOOP("Nơi đăng ký khai sinh")))


class MergeDialog(QDialog):
    def __init__(self, ws: Workspace, keep_id: str, drop_id: str, item_id: str | None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ws, self.keep_id, self.drop_id, self.item_id = ws, keep_id, drop_id, item_id
        self.setWindowTitle(tr("Gộp hai hồ sơ của một người"))
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([tr("Trường"), tr("Hồ sơ giữ lại"),
                                              tr("Hồ sơ gộp vào"), tr("Lấy giá trị gộp vào")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.reason = QLineEdit(placeholderText=tr("Lý do, ví dụ: cùng một người, nhập hai lần"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.merge)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Mọi thông tin liên quan (hộ, thẻ, hồ sơ, VNeID) chuyển sang "
                                   "hồ sơ giữ lại; hồ sơ gộp vào được xóa mềm kèm lý do.")))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.reason)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(720, 420)
        self.setEnabled(False)
        self._job = run_in_background(
            lambda: (persons.get_person(ws, keep_id), persons.get_person(ws, drop_id)),
            self._loaded, self.message.setText)

    def _loaded(self, pair) -> None:
        keep, drop = pair
        self.setEnabled(True)
        self.table.setRowCount(len(FIELDS))
        for r, (field, label) in enumerate(FIELDS):
            kept, other = getattr(keep, field) or "", getattr(drop, field) or ""
            for c, text in enumerate((tr(label), str(kept), str(other))):
                self.table.setItem(r, c, QTableWidgetItem(text))
            tick = QTableWidgetItem()
            tick.setData(Qt.ItemDataRole.UserRole, field)
            if other and other != kept:
                tick.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
                tick.setCheckState(Qt.CheckState.Checked if not kept else Qt.CheckState.Unchecked)
            else:
                tick.setFlags(Qt.ItemFlag.NoItemFlags)
            self.table.setItem(r, 3, tick)
        self.table.resizeColumnsToContents()

    def chosen_fields(self) -> list[str]:
        return [self.table.item(r, 3).data(Qt.ItemDataRole.UserRole)
                for r in range(self.table.rowCount())
                if self.table.item(r, 3).flags() & Qt.ItemFlag.ItemIsUserCheckable
                and self.table.item(r, 3).checkState() == Qt.CheckState.Checked]

    def merge(self) -> None:
        ws, fields, reason = self.ws, self.chosen_fields(), self.reason.text()
        self.message.setText(tr("Đang gộp…"))
        self._job = run_in_background(
            lambda: merge_persons(ws, self.keep_id, self.drop_id, fields, reason, self.item_id),
            lambda _p: self.accept(), self.message.setText)
