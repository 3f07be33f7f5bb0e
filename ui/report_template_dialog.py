"""Set up a province's own report form once: choose its .xlsx, check the proposed mapping
(placeholders such as {{vneid_activated}}, then labels that read like an indicator), type the
cells still missing (e.g. 'Biểu 01'!C8), save. Later reports fill the same cells."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.reports.catalogue import load_catalogue
from core.reports.templates import FIELDS, SUFFIXES, save_template, scan_template
from core.store import Workspace
from ui.background import run_in_background
from ui.i18n import current_language, message_text, tr


class ReportTemplateDialog(QDialog):
    saved = Signal(str)  # the template's id

    def __init__(self, ws: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.content: bytes | None = None
        self.setWindowTitle(tr("Mẫu báo cáo của tỉnh"))
        self.name = QLineEdit(placeholderText=tr("Tên mẫu, ví dụ: Biểu 01 – Sở Nội vụ"))
        self.file_label = QLabel(tr("Chưa chọn tệp."))
        choose = QPushButton(tr("Chọn tệp .xlsx…"))
        choose.clicked.connect(self.choose_file)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([tr("Chỉ tiêu / thông tin"), tr("Ô (Trang!C7)")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.keys: list[str] = []
        self._fill_keys()
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save |
                                   QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(False)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(choose)
        top.addWidget(self.file_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.name)
        layout.addWidget(QLabel(tr(
            "Ô được đề xuất từ các ô ghi {{mã chỉ tiêu}} và từ tên chỉ tiêu trong mẫu; hãy kiểm "
            "tra và ghi thêm ô còn thiếu. Để trống: không điền.")))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.warnings)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(820, 620)

    def _fill_keys(self) -> None:
        lang = current_language()
        rows = [(key, tr(label)) for key, label in FIELDS.items()]
        for indicator in load_catalogue().indicators:
            for suffix, label in SUFFIXES.items():
                if suffix == "@ytd" and not indicator.cumulative:
                    continue
                rows.append((indicator.code + suffix,
                             f"{indicator.name_in(lang)} — {tr(label)}"))
        self.table.setRowCount(len(rows))
        for row, (key, label) in enumerate(rows):
            item = QTableWidgetItem(label)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            item.setToolTip(key)
            self.table.setItem(row, 0, item)
            self.table.setItem(row, 1, QTableWidgetItem(""))
            self.keys.append(key)
        self.table.resizeColumnToContents(0)

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Chọn mẫu báo cáo"), str(Path.home()),
                                              tr("Excel (*.xlsx)"))
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path) -> None:
        content = path.read_bytes()
        if not self.name.text().strip():
            self.name.setText(path.stem)
        self.file_label.setText(path.name)
        self.load_bytes(content)

    def load_bytes(self, content: bytes) -> None:
        self.message.setText(tr("Đang đọc mẫu…"))
        self._job = run_in_background(lambda: scan_template(content),
                                      lambda scan: self._scanned(content, scan),
                                      self.message.setText)

    def _scanned(self, content: bytes, scan) -> None:
        self.content = content
        cells = scan.cells
        for row, key in enumerate(self.keys):
            self.table.item(row, 1).setText(cells.get(key, ""))
        self.warnings.setText("\n".join(message_text(w) for w in scan.warnings))
        self.message.setText(tr("{n} ô được đề xuất. Trang trong tệp: {sheets}").format(
            n=len(cells), sheets=", ".join(scan.sheets)))
        self.save_button.setEnabled(True)

    def cells(self) -> dict[str, str]:
        return {key: self.table.item(row, 1).text().strip()
                for row, key in enumerate(self.keys) if self.table.item(row, 1).text().strip()}

    def set_cell(self, key: str, ref: str) -> None:
        self.table.item(self.keys.index(key), 1).setText(ref)

    def save(self) -> None:
        if self.content is None:
            return
        ws, name, content, cells = self.ws, self.name.text(), self.content, self.cells()
        self.setEnabled(False)

        def done(template) -> None:
            self.saved.emit(template.id)
            self.accept()

        def failed(message: str) -> None:
            self.setEnabled(True)
            self.message.setText(message)

        self._job = run_in_background(lambda: save_template(ws, name, content, cells), done,
                                      failed)
