"""Nhập từ Excel: a wizard over core.imports — Tệp → Ghép cột → Xem trước → Nhập → summary.

Nothing is written before the Nhập step. Reading the file runs off the GUI thread; checking the
rows (the plan) and writing them run with the progress dialog and its Dừng button; stopping the
write rolls the whole import back (core.imports.commit is one transaction). The preview is a
table model over the plan's rows, filtered by a list of row indexes, so a file of 100k rows
costs no widget per row.

Modules: common (shared helpers), file_page, mapping_page, row_text (how a planned row
reads), preview (model, table, row detail, preview page), commit_page (commit + summary),
wizard (ImportWizard).
"""

from core.imports import commit as import_commit
from ui.import_wizard.commit_page import CommitPage, SummaryPage
from ui.import_wizard.common import ERROR_RED, PERSON, field_label
from ui.import_wizard.file_page import (
    SPREADSHEET_SUFFIXES,
    FilePage,
    target_available,
    target_choices,
)
from ui.import_wizard.mapping_page import SAMPLES, MappingPage
from ui.import_wizard.preview import PlanModel, PreviewPage, RowDetailDialog, RowTable
from ui.import_wizard.row_text import RowText
from ui.import_wizard.wizard import ImportWizard

__all__ = [
    "ERROR_RED",
    "PERSON",
    "SAMPLES",
    "SPREADSHEET_SUFFIXES",
    "CommitPage",
    "FilePage",
    "ImportWizard",
    "MappingPage",
    "PlanModel",
    "PreviewPage",
    "RowDetailDialog",
    "RowTable",
    "RowText",
    "SummaryPage",
    "field_label",
    "import_commit",
    "target_available",
    "target_choices",
]
