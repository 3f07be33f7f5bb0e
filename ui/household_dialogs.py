"""Dialogs that change a household's shape: split (tách hộ), merge (nhập hộ), new head.

They only collect the officer's choices; the page runs the change off the GUI thread, after a
confirmation that says exactly what will happen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from core.services import households
from ui.i18n import tr


def relationship_combo(default: str = "khác") -> QComboBox:
    combo = QComboBox()
    for value in households.RELATIONSHIPS[1:]:  # never a second head
        combo.addItem(tr(value), value)
    combo.setCurrentIndex(max(0, combo.findData(default)))
    return combo


def _buttons(dialog: QDialog, check) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(check)
    buttons.rejected.connect(dialog.reject)
    return buttons


class SplitDialog(QDialog):
    """Tick who leaves, pick the new head among them, each other's relationship to that head,
    the reason and (optionally) the new address."""

    def __init__(self, pairs, head_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Tách hộ"))
        self.rows: dict[str, tuple[QCheckBox, QComboBox]] = {}
        grid = QGridLayout()
        grid.addWidget(QLabel(tr("Người tách ra")), 0, 0)
        grid.addWidget(QLabel(tr("Quan hệ với chủ hộ mới")), 0, 1)
        for r, (member, person) in enumerate(
                [(m, p) for m, p in pairs if p.id != head_id], start=1):
            tick = QCheckBox(person.full_name)
            combo = relationship_combo(member.relationship if member.relationship
                                       in households.RELATIONSHIPS[1:] else "khác")
            tick.toggled.connect(self._refresh_heads)
            grid.addWidget(tick, r, 0)
            grid.addWidget(combo, r, 1)
            self.rows[person.id] = (tick, combo)
        self.new_head = QComboBox()
        self.reason = QLineEdit(placeholderText=tr("Ví dụ: con trai lập gia đình, ra ở riêng"))
        self.address = QLineEdit(placeholderText=tr("Số nhà, đường (không bắt buộc)"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(grid)
        form.addRow(tr("Chủ hộ mới"), self.new_head)
        form.addRow(tr("Lý do"), self.reason)
        form.addRow(tr("Địa chỉ hộ mới"), self.address)
        form.addRow(self.message)
        form.addRow(_buttons(self, self._check))

    def _refresh_heads(self) -> None:
        current = self.new_head.currentData()
        self.new_head.clear()
        for person_id, (tick, _combo) in self.rows.items():
            if tick.isChecked():
                self.new_head.addItem(tick.text(), person_id)
        self.new_head.setCurrentIndex(max(0, self.new_head.findData(current)))

    def choices(self) -> tuple[str, dict[str, str]]:
        """(new head id, {other person id: relationship to the new head})."""
        head = self.new_head.currentData()
        others = {pid: combo.currentData() for pid, (tick, combo) in self.rows.items()
                  if tick.isChecked() and pid != head}
        return head, others

    def _check(self) -> None:
        if self.new_head.count() == 0:
            self.message.setText(tr("Hãy chọn ít nhất một người tách ra."))
        elif not self.reason.text().strip():
            self.message.setText(tr("Cần ghi lý do tách hộ."))
            self.reason.setFocus()
        else:
            self.accept()


class MergeDialog(QDialog):
    """Each member's relationship to the head of the household they join, and the reason."""

    def __init__(self, pairs, target_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Nhập vào hộ {name}").format(name=target_name))
        grid = QGridLayout()
        grid.addWidget(QLabel(tr("Thành viên")), 0, 0)
        grid.addWidget(QLabel(tr("Quan hệ với chủ hộ {name}").format(name=target_name)), 0, 1)
        self.combos: dict[str, QComboBox] = {}
        for r, (_member, person) in enumerate(pairs, start=1):
            grid.addWidget(QLabel(person.full_name), r, 0)
            self.combos[person.id] = relationship_combo()
            grid.addWidget(self.combos[person.id], r, 1)
        self.reason = QLineEdit(placeholderText=tr("Ví dụ: về ở chung với bố mẹ"))
        self.message = QLabel()
        form = QFormLayout(self)
        form.addRow(grid)
        form.addRow(tr("Lý do"), self.reason)
        form.addRow(self.message)
        form.addRow(_buttons(self, self._check))

    def relationships(self) -> dict[str, str]:
        return {pid: combo.currentData() for pid, combo in self.combos.items()}

    def _check(self) -> None:
        if not self.reason.text().strip():
            self.message.setText(tr("Cần ghi lý do nhập hộ."))
            self.reason.setFocus()
        else:
            self.accept()


class HeadDialog(QDialog):
    """The new head (a current member) and what the old head becomes to them."""

    def __init__(self, pairs, head_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Đổi chủ hộ"))
        self.new_head = QComboBox()
        for _member, person in pairs:
            if person.id != head_id:
                self.new_head.addItem(person.full_name, person.id)
        self.old_head = relationship_combo()
        form = QFormLayout(self)
        form.addRow(tr("Chủ hộ mới"), self.new_head)
        form.addRow(tr("Chủ hộ cũ là … của chủ hộ mới"), self.old_head)
        form.addRow(_buttons(self, self.accept))
        self.new_head.setFocus(Qt.FocusReason.OtherFocusReason)
