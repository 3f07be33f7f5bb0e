"""Printed forms: A4 PDF with the bundled Noto Sans embedded (every Vietnamese glyph on any PC),
or the system print dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QFont, QFontDatabase, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ui.i18n import tr

FONT_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"
FONT_FAMILY = "Noto Sans"
_fonts_loaded = False


def _load_fonts() -> None:
    global _fonts_loaded
    if not _fonts_loaded:
        for path in sorted(FONT_DIR.glob("*.ttf")):
            QFontDatabase.addApplicationFont(str(path))
        _fonts_loaded = True


def _document(html: str) -> QTextDocument:
    _load_fonts()
    document = QTextDocument()
    document.setDefaultFont(QFont(FONT_FAMILY, 11))
    document.setHtml(html)
    return document


def write_pdf(html: str, path: Path) -> Path:
    """Render `html` to an A4 PDF at `path` (written beside it, then renamed into place)."""
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    writer = QPdfWriter(str(partial))
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(18, 15, 15, 15), QPageLayout.Unit.Millimeter))
    writer.setResolution(300)
    writer.setCreator("Xã Số")
    _document(html).print_(writer)
    del writer  # finishes the file
    partial.replace(path)
    return path


def print_with_dialog(html: str, parent: QWidget) -> bool:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    _document(html).print_(printer)
    return True


def offer_document(parent: QWidget, title: str, html: str, default_name: str) -> Path | None:
    """Ask: save as PDF, print, or cancel. Returns the PDF path when one was written."""
    box = QMessageBox(QMessageBox.Icon.Question, title, tr("Lưu thành tệp PDF hay in ngay?"),
                      parent=parent)
    save = box.addButton(tr("Lưu PDF…"), QMessageBox.ButtonRole.AcceptRole)
    printer = box.addButton(tr("In…"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    if box.clickedButton() is save:
        path, _ = QFileDialog.getSaveFileName(parent, title, default_name, "PDF (*.pdf)")
        return write_pdf(html, Path(path)) if path else None
    if box.clickedButton() is printer:
        print_with_dialog(html, parent)
    return None
