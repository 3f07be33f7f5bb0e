"""Steps 4 and 5 of the import wizard: write the rows (one transaction, cancellable), then
the summary of what was written."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QRadioButton, QVBoxLayout, QWizard, QWizardPage

from core.imports import commit as import_commit
from ui.i18n import tr
from ui.import_wizard.common import _count, _red
from ui.progress_dialog import run_long

if TYPE_CHECKING:
    from ui.import_wizard.wizard import ImportWizard


class CommitPage(QWizardPage):
    """All rows (only when none has errors) or the valid ones; one transaction, cancellable."""

    def __init__(self):
        super().__init__()
        self.setTitle(tr("Nhập"))
        self.setSubTitle(tr("Các dòng được ghi trong một lần: dừng giữa chừng thì không dòng nào "
                            "được ghi."))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, tr("Nhập"))
        self.all_rows = QRadioButton(tr("Nhập tất cả (chỉ khi không còn lỗi)"))
        self.valid_only = QRadioButton(tr("Chỉ nhập các dòng hợp lệ"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.message = _red(QLabel())
        layout = QVBoxLayout(self)
        layout.addWidget(self.all_rows)
        layout.addWidget(self.valid_only)
        layout.addSpacing(12)
        layout.addWidget(self.summary)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.busy = False
        self.job = None

    def wizard(self) -> ImportWizard:
        return super().wizard()

    def initializePage(self) -> None:  # noqa: N802 - Qt API
        counts = self.wizard().plan.counts()
        errors = counts["error"]
        self.all_rows.setEnabled(errors == 0)
        (self.valid_only if errors else self.all_rows).setChecked(True)
        text = tr("Sẽ thêm mới {new} dòng, cập nhật {update}, giữ nguyên {unchanged}, đưa "
                  "{review} dòng vào Rà soát.").format(
            **{status: _count(n) for status, n in counts.items() if status != "error"})
        if errors:
            text += " " + tr("{n} dòng lỗi sẽ không được nhập.").format(n=_count(errors))
        self.summary.setText(text)
        self.message.clear()
        (self.valid_only if errors else self.all_rows).setFocus()

    def validatePage(self) -> bool:  # noqa: N802 - Qt API
        wizard = self.wizard()
        if wizard.result is not None:
            return True
        if not self.busy:
            self.start()
        return False  # the wizard moves on when the import has been written

    def start(self) -> None:
        wizard = self.wizard()
        ws, plan, valid_only = wizard.ws, wizard.plan, self.valid_only.isChecked()
        self.busy = True
        self.message.clear()
        self._set_buttons(False)
        self.completeChanged.emit()
        self.job = run_long(wizard, tr("Đang nhập {n} dòng…").format(n=_count(len(plan.rows))),
                            lambda progress: import_commit.commit(ws, plan, valid_only, progress),
                            self._done, self._failed)

    def _done(self, result: dict) -> None:
        self.busy = False
        self._set_buttons(True)
        wizard = self.wizard()
        wizard.result = result
        wizard.imported.emit(result)
        wizard.next()

    def _failed(self, message: str) -> None:
        self.busy = False
        self._set_buttons(True)
        self.message.setText(tr("Chưa nhập gì: {reason}").format(reason=message))

    def _set_buttons(self, enabled: bool) -> None:
        wizard = self.wizard()
        for which in (QWizard.WizardButton.BackButton, QWizard.WizardButton.CancelButton):
            wizard.button(which).setEnabled(enabled)
        self.all_rows.setEnabled(enabled and wizard.plan.counts()["error"] == 0)
        self.valid_only.setEnabled(enabled)
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        return not self.busy


class SummaryPage(QWizardPage):
    def __init__(self):
        super().__init__()
        self.setTitle(tr("Đã nhập xong"))
        self.setSubTitle(tr("Dữ liệu đã được ghi và có ngay trong danh sách."))
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 - Qt API
        wizard: ImportWizard = self.wizard()
        result = wizard.result or {}
        lines = [tr("Thêm mới: {n}").format(n=_count(result.get("new", 0))),
                 tr("Cập nhật: {n}").format(n=_count(result.get("updated", 0))),
                 tr("Không đổi: {n}").format(n=_count(result.get("unchanged", 0))),
                 tr("Cần rà soát: {n}").format(n=_count(result.get("review", 0))),
                 tr("Lỗi, chưa nhập: {n}").format(n=_count(result.get("errors", 0)))]
        out = [html.escape(tr("Tệp “{file}” đã được nhập.").format(
            file=wizard.prepared.table.file_name)), "<ul>"]
        out += [f"<li>{html.escape(line)}</li>" for line in lines]
        out.append("</ul>")
        if result.get("review"):
            out.append("<p>" + html.escape(tr(
                "{n} dòng giống một người đã có nhưng chưa chắc chắn: Xã Số chưa sửa gì ở những "
                "người đó mà đã đưa vào trang Rà soát để cán bộ quyết định.").format(
                n=_count(result["review"]))) + "</p>")
        if result.get("errors"):
            out.append("<p>" + html.escape(tr(
                "{n} dòng lỗi chưa được nhập: sửa theo báo cáo lỗi rồi nhập lại các dòng đó.")
                .format(n=_count(result["errors"]))) + "</p>")
        self.text.setText("".join(out))
