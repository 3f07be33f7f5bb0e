"""The import wizard itself: its five pages and the state they share."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget, QWizard

from core.imports import service
from core.imports.plan import Plan
from core.store import Workspace
from ui.i18n import tr
from ui.import_wizard.commit_page import CommitPage, SummaryPage
from ui.import_wizard.common import PERSON
from ui.import_wizard.file_page import FilePage
from ui.import_wizard.mapping_page import MappingPage
from ui.import_wizard.preview import PreviewPage


class ImportWizard(QWizard):
    """`imported(counts)` is emitted once the rows are written (core.imports.commit's counts)."""

    FILE, MAPPING, PREVIEW, COMMIT, SUMMARY = range(5)
    imported = Signal(dict)

    def __init__(self, ws: Workspace, target_code: str = PERSON, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.target_code = target_code
        self.target = None  # core.imports.fields.Target of the file read
        self.path: Path | None = None
        self.prepared: service.Prepared | None = None
        self.plan: Plan | None = None
        self.result: dict | None = None
        self.setWindowTitle(tr("Nhập từ Excel"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.file_page = FilePage()
        self.mapping_page = MappingPage()
        self.preview_page = PreviewPage()
        self.commit_page = CommitPage()
        self.summary_page = SummaryPage()
        for number, page in ((self.FILE, self.file_page), (self.MAPPING, self.mapping_page),
                             (self.PREVIEW, self.preview_page), (self.COMMIT, self.commit_page),
                             (self.SUMMARY, self.summary_page)):
            self.setPage(number, page)
        self.file_page.set_target(target_code)
        self.resize(1040, 700)

    def set_file(self, path: str | Path, sheet: str | None = None) -> None:
        """Read this file (what choosing it in the file dialog does)."""
        self.file_page.read(path, sheet)

    def mapping(self) -> dict[int, str]:
        return self.mapping_page.mapping()

    def reject(self) -> None:
        for page in (self.preview_page, self.commit_page):
            if page.busy and page.job is not None:
                page.job.cancel()  # a write still running rolls back
        super().reject()
