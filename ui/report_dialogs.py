"""Small report dialogs: adjust one figure (with its mandatory reason), and the commune's
period rules and targets."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.reports import overrides, settings
from core.reports.catalogue import load_catalogue
from core.reports.compute import IndicatorValue
from core.reports.periods import Period
from core.reports.settings import WEEKDAYS
from core.store import Workspace
from ui.background import run_in_background
from ui.i18n import current_language, tr


class OverrideDialog(QDialog):
    """Replace the period's (or the cumulative) figure of one indicator; the reason is
    required and the change is audited by the service."""

    saved = Signal()

    def __init__(self, ws: Workspace, period: Period, value: IndicatorValue,
                 hamlet_id: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws, self.period, self.value, self.hamlet_id = ws, period, value, hamlet_id
        indicator = value.indicator
        self.setWindowTitle(tr("Điều chỉnh số liệu"))
        self.field = QComboBox()
        self.field.addItem(tr("Kỳ này"), "value")
        if indicator.cumulative:
            self.field.addItem(tr("Lũy kế từ đầu năm"), "cumulative")
        self.figure = QLineEdit()
        hints = {"count": tr("số nguyên, ví dụ 125"), "ratio": tr("phần trăm, ví dụ 87,5"),
                 "yesno": tr("1 = có, 0 = không")}
        self.figure.setPlaceholderText(hints[indicator.kind])
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(tr("Lý do điều chỉnh, căn cứ, nguồn số liệu (bắt buộc)"))
        self.computed = QLabel()
        self.message = QLabel()
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("Chỉ tiêu"), QLabel(indicator.name_in(current_language())))
        form.addRow(tr("Số liệu"), self.field)
        form.addRow(tr("Số tính từ dữ liệu"), self.computed)
        form.addRow(tr("Số báo cáo"), self.figure)
        form.addRow(tr("Lý do"), self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save |
                                   QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.clear_button = QPushButton(tr("Dùng lại số tính từ dữ liệu"))
        self.clear_button.clicked.connect(self.clear)
        buttons.addButton(self.clear_button, QDialogButtonBox.ButtonRole.ResetRole)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.field.currentIndexChanged.connect(lambda _i: self._field_changed())
        self._field_changed()

    def _field_changed(self) -> None:
        from ui.pages.reports import figure_text

        cumulative = self.field.currentData() == "cumulative"
        v = self.value
        computed = v.computed_cumulative if cumulative else v.computed
        current = v.cumulative_override if cumulative else v.override
        self.computed.setText(figure_text(computed))
        self.figure.setText("" if current is None else str(current.value).replace(".", ","))
        self.note.setPlainText(current.note if current else "")
        self.clear_button.setEnabled(current is not None)

    def _run(self, work) -> None:
        self.setEnabled(False)

        def done(_result) -> None:
            self.saved.emit()
            self.accept()

        def failed(message: str) -> None:
            self.setEnabled(True)
            self.message.setText(message)

        self._job = run_in_background(work, done, failed)

    def save(self) -> None:
        ws, period, code, hamlet = self.ws, self.period, self.value.code, self.hamlet_id
        figure = self.figure.text().strip().replace(",", ".")
        note, field = self.note.toPlainText(), self.field.currentData()
        self._run(lambda: overrides.set_override(ws, period, code, figure, note, hamlet, field))

    def clear(self) -> None:
        ws, period, code, hamlet = self.ws, self.period, self.value.code, self.hamlet_id
        field = self.field.currentData()
        self._run(lambda: overrides.clear_override(ws, period, code, hamlet, field))


class ReportSettingsDialog(QDialog):
    """When weeks start and months are cut, and each indicator's target."""

    saved = Signal()

    def __init__(self, ws: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle(tr("Kỳ báo cáo và chỉ tiêu giao"))
        self.weekday = QComboBox()
        for i, label in enumerate(WEEKDAYS):
            self.weekday.addItem(tr(label), i)
        self.cut_day = QSpinBox(minimum=1, maximum=28)
        self.cut_day.setToolTip(tr("1: tháng dương lịch; 15: từ ngày 15 tháng trước đến "
                                   "ngày 14 tháng báo cáo"))
        self.catalogue = load_catalogue()
        self.targets = QTableWidget(len(self.catalogue.indicators), 2)
        self.targets.setHorizontalHeaderLabels([tr("Chỉ tiêu"), tr("Chỉ tiêu giao")])
        self.targets.horizontalHeader().setStretchLastSection(True)
        lang = current_language()
        for row, indicator in enumerate(self.catalogue.indicators):
            name = QTableWidgetItem(indicator.name_in(lang))
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            name.setData(Qt.ItemDataRole.UserRole, indicator.code)
            self.targets.setItem(row, 0, name)
            self.targets.setItem(row, 1, QTableWidgetItem(""))
        self.targets.resizeColumnToContents(0)
        self.message = QLabel()
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("Kỳ tuần bắt đầu vào"), self.weekday)
        form.addRow(tr("Kỳ tháng bắt đầu từ ngày"), self.cut_day)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save |
                                   QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(tr("Chỉ tiêu giao (để trống: theo danh mục; tỷ lệ tính bằng %)")))
        layout.addWidget(self.targets, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(760, 560)
        self.setEnabled(False)
        self._job = run_in_background(
            lambda: (settings.period_rules(ws), settings.targets(ws)), self._loaded,
            self.message.setText)

    def _loaded(self, result) -> None:
        rules, targets = result
        self.weekday.setCurrentIndex(rules.week_starts_on)
        self.cut_day.setValue(rules.month_starts_on)
        self.stored = targets
        for row, indicator in enumerate(self.catalogue.indicators):
            target = targets.get(indicator.code, indicator.target)
            self.targets.item(row, 1).setText("" if target is None else f"{target:g}")
        self.setEnabled(True)

    def changed_targets(self) -> dict[str, float | None]:
        changes = {}
        for row, indicator in enumerate(self.catalogue.indicators):
            text = self.targets.item(row, 1).text().strip().replace(",", ".")
            value = None if not text else float(text)
            if value is not None and value.is_integer():
                value = int(value)
            effective = self.stored.get(indicator.code, indicator.target)
            if value != effective:
                changes[indicator.code] = None if value == indicator.target else value
        return changes

    def save(self) -> None:
        try:
            changes = self.changed_targets()
        except ValueError:
            self.message.setText(tr("Chỉ tiêu giao phải là một số."))
            return
        ws, weekday, cut = self.ws, self.weekday.currentData(), self.cut_day.value()

        def work():
            settings.set_period_rules(ws, weekday, cut)
            for code, value in changes.items():
                settings.set_target(ws, code, value)

        self.setEnabled(False)
        self._job = run_in_background(work, lambda _r: (self.saved.emit(), self.accept()),
                                      self._failed)

    def _failed(self, message: str) -> None:
        self.setEnabled(True)
        self.message.setText(message)
