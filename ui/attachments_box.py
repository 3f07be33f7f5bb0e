"""Tệp đính kèm of a record: the scans and decisions kept with it (name, size, type, date), added
with "Thêm tệp…" or by dropping files onto the box, previewed without leaving the app, removed
("Gỡ") with a reason.

Files are stored encrypted by core (services.records.attach_file, which recognises the type by
the bytes and refuses anything but PDF / JPEG / PNG / TIFF / WebP); every read and write runs
off the GUI thread. Previews never write the decrypted file anywhere: images are shown from
memory; a PDF's first page is rendered with QtPdf when this Qt has it, otherwise the officer
may save the file out ("Lưu ra…") to open it deliberately.
"""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.auth import Perm
from core.errors import ValidationError
from core.services import records
from core.services.attachments import MAX_BYTES, read_attachment
from core.store import Workspace
from ui.background import run_in_background
from ui.i18n import message_text, tr

FILE_FILTER = "*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.webp"
TYPE_NAMES = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG",
              "image/tiff": "TIFF", "image/webp": "WebP"}
PREVIEW_SIZE = QSize(900, 700)
ERROR_RED = "#b00020"
TOO_BIG = "Tệp rỗng hoặc lớn hơn 50 MB."  # core's message (services.attachments)


def size_text(size: int) -> str:
    """1536 → "1,5 KB" (Vietnamese decimal comma)."""
    if size < 1024:
        return tr("{n} byte").format(n=size)
    for unit in ("KB", "MB", "GB"):
        size /= 1024
        if size < 1024 or unit == "GB":
            return f"{size:.1f}".replace(".", ",") + f" {unit}"
    return str(size)


def render_pdf_page(content: bytes, size: QSize = PREVIEW_SIZE) -> QImage | None:
    """The first page of a PDF rendered in memory with QtPdf, or None when this Qt has no
    QtPdf (PySide6-Essentials does not ship it) or the file cannot be rendered."""
    try:
        from PySide6.QtPdf import QPdfDocument
    except ImportError:
        return None
    document = QPdfDocument()
    buffer = QBuffer()
    buffer.setData(QByteArray(content))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
        return None
    page = document.pagePointSize(0).toSize().scaled(size, Qt.AspectRatioMode.KeepAspectRatio)
    image = document.render(0, page)
    document.close()
    return None if image.isNull() else image


class PreviewDialog(QDialog):
    """One attachment shown from memory: an image scaled to fit, a PDF's first page when it can
    be rendered, otherwise a note and "Lưu ra…" (with the right to take data out)."""

    def __init__(self, name: str, mime: str, content: bytes, can_save: bool,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(name)
        self.content, self.name = content, name
        self.image = QLabel()
        self.image.setObjectName("preview")
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.kind = "none"
        picture = None
        if mime.startswith("image/"):
            picture = QImage.fromData(content)
            if not picture.isNull():
                self.kind = "image"
        elif mime == "application/pdf":
            picture = render_pdf_page(content)
            self.kind = "pdf-page" if picture is not None else "pdf"
        if self.kind in ("image", "pdf-page"):
            pixmap = QPixmap.fromImage(picture)
            if pixmap.width() > PREVIEW_SIZE.width() or pixmap.height() > PREVIEW_SIZE.height():
                pixmap = pixmap.scaled(PREVIEW_SIZE, Qt.AspectRatioMode.KeepAspectRatio,
                                       Qt.TransformationMode.SmoothTransformation)
            self.image.setPixmap(pixmap)
            if self.kind == "pdf-page":
                self.note.setText(tr("Trang đầu của tệp PDF."))
        elif self.kind == "pdf":
            self.note.setText(tr("Tệp PDF — lưu ra máy để xem."))
        else:
            self.note.setText(tr("Không hiển thị được tệp này — lưu ra máy để xem."))
        scroll = QScrollArea()
        scroll.setWidget(self.image)
        scroll.setWidgetResizable(True)
        scroll.setVisible(self.kind in ("image", "pdf-page"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.save_button = QPushButton(tr("Lưu ra…"))
        self.save_button.clicked.connect(self.ask_save)
        self.save_button.setVisible(can_save)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        if self.kind in ("image", "pdf-page"):
            pixmap = self.image.pixmap()
            self.resize(min(pixmap.width() + 40, 960), min(pixmap.height() + 90, 800))

    def ask_save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("Lưu tệp đính kèm ra máy"),
                                              str(Path.home() / self.name))
        if path:
            self.save_to(path)

    def save_to(self, path: str | Path) -> None:
        try:
            Path(path).write_bytes(self.content)
        except OSError as exc:
            self.note.setText(tr("Không lưu được tệp: {error}").format(
                error=exc.strerror or type(exc).__name__))
            return
        self.note.setText(tr("Đã lưu ra “{path}”.").format(path=path))


class AttachmentsBox(QGroupBox):
    """The files of one record. `changed` after a file is attached or removed."""

    changed = Signal()

    def __init__(self, ws: Workspace, record_id: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(tr("Tệp đính kèm (bản quét, quyết định…)"), parent)
        self.ws, self.record_id = ws, record_id
        self.rows: list[tuple] = []  # (RecordAttachment, Attachment)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([tr("Tên tệp"), tr("Cỡ"), tr("Loại"),
                                              tr("Ngày đính kèm")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setMinimumHeight(90)
        self.table.activated.connect(lambda index: self.preview(index.row()))  # Enter, dbl-click
        self.add_button = QPushButton(tr("Thêm tệp…"))
        self.add_button.clicked.connect(self.ask_add)
        self.preview_button = QPushButton(tr("Xem"))
        self.preview_button.clicked.connect(lambda: self.preview(self.table.currentRow()))
        self.remove_button = QPushButton(tr("Gỡ…"))
        self.remove_button.clicked.connect(self.ask_remove)
        self.can_write = ws.actor.can(Perm.RECORD_WRITE)
        self.can_remove = ws.actor.can(Perm.RECORD_DELETE)
        self.add_button.setVisible(self.can_write)
        self.remove_button.setVisible(self.can_remove)
        self.setAcceptDrops(self.can_write)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("attachments-message")
        hint = QLabel(tr("Kéo thả tệp PDF hoặc ảnh vào đây để đính kèm.")
                      if self.can_write else "")
        hint.setWordWrap(True)
        hint.setVisible(self.can_write)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.preview_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.preview_dialog: PreviewDialog | None = None
        self.busy = False

    # -- showing ---------------------------------------------------------------------------

    def set_record(self, record_id: str, attachments) -> None:
        """Show a record's files (records.RecordView.attachments)."""
        self.record_id = record_id
        self.rows = list(attachments)
        self.table.setRowCount(len(self.rows))
        for r, (link, stored) in enumerate(self.rows):
            at = link.created_at.replace(tzinfo=link.created_at.tzinfo or UTC).astimezone()
            cells = (stored.filename or stored.sha256[:12], size_text(stored.size),
                     TYPE_NAMES.get(stored.mime, stored.mime), f"{at:%d/%m/%Y %H:%M}")
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        if self.rows:
            self.table.selectRow(0)

    def file_names(self) -> list[str]:
        return [stored.filename or "" for _, stored in self.rows]

    def reload(self) -> None:
        record_id, ws = self.record_id, self.ws
        if record_id is None:
            return
        self._reload_job = run_in_background(
            lambda: records.get_record(ws, record_id).attachments,
            lambda files: self.set_record(record_id, files), self._failed)

    # -- adding ----------------------------------------------------------------------------

    def ask_add(self) -> None:
        if not self.can_write or self.record_id is None:
            return
        paths, _ = QFileDialog.getOpenFileNames(
            self, tr("Chọn tệp đính kèm"), str(Path.home()),
            tr("Tệp PDF hoặc ảnh ({patterns})").format(patterns=FILE_FILTER))
        if paths:
            self.add_files(paths)

    def add_files(self, paths) -> None:
        """Attach these files, one after the other, off the GUI thread."""
        self._attach([(Path(p).name, Path(p)) for p in paths])

    def add_content(self, content: bytes, filename: str) -> None:
        """Attach bytes already in memory (e.g. a scan), off the GUI thread."""
        self._attach([(filename, content)])

    def _attach(self, items: list[tuple[str, Path | bytes]]) -> None:
        if not self.can_write or self.record_id is None or not items:
            return
        ws, record_id = self.ws, self.record_id

        def work():
            attached, refused = 0, []
            for name, source in items:
                try:
                    if isinstance(source, Path):
                        if source.stat().st_size > MAX_BYTES:
                            refused.append((name, message_text(TOO_BIG)))
                            continue
                        source = source.read_bytes()
                    records.attach_file(ws, record_id, source, None, name)
                    attached += 1
                except ValidationError as exc:
                    refused.append((name, "; ".join(message_text(m)
                                                    for m in exc.errors.values())))
                except OSError as exc:
                    refused.append((name, tr("Không đọc được tệp: {error}").format(
                        error=exc.strerror or type(exc).__name__)))
            return attached, refused, records.get_record(ws, record_id).attachments

        self._set_busy(True, tr("Đang đính kèm…"))
        self._add_job = run_in_background(work, self._added, self._failed)

    def _added(self, result) -> None:
        attached, refused, files = result
        self.set_record(self.record_id, files)
        lines = [tr("Đã đính kèm {n} tệp.").format(n=attached)] if attached else []
        lines += [tr("Không đính kèm “{name}”: {error}").format(name=name, error=error)
                  for name, error in refused]
        self._set_busy(False, "\n".join(lines), error=bool(refused))
        if attached:
            self.changed.emit()

    # -- drag and drop ---------------------------------------------------------------------

    def _local_files(self, mime) -> list[str]:
        if not mime.hasUrls():
            return []
        return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self.can_write and self.record_id and self._local_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt API
        paths = self._local_files(event.mimeData()) if self.can_write else []
        if not paths or self.record_id is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.add_files(paths)

    # -- preview ---------------------------------------------------------------------------

    def preview(self, row: int) -> None:
        if not 0 <= row < len(self.rows):
            return
        _link, stored = self.rows[row]
        ws, sha256 = self.ws, stored.sha256
        name, mime = stored.filename or sha256[:12], stored.mime
        self._set_busy(True, tr("Đang mở tệp…"))
        self._preview_job = run_in_background(
            lambda: read_attachment(ws, sha256),
            lambda content: self._show_preview(name, mime, content), self._failed)

    def _show_preview(self, name: str, mime: str, content: bytes) -> None:
        self._set_busy(False)
        dialog = PreviewDialog(name, mime, content, self.ws.actor.can(Perm.PERSON_EXPORT), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview_dialog = dialog
        dialog.open()

    # -- removing --------------------------------------------------------------------------

    def ask_remove(self) -> None:
        row = self.table.currentRow()
        if not self.can_remove or not 0 <= row < len(self.rows):
            return
        link, stored = self.rows[row]
        reason, ok = QInputDialog.getText(self, tr("Gỡ tệp đính kèm"), tr(
            "Lý do gỡ tệp “{name}” (ví dụ: đính kèm nhầm hồ sơ):").format(
            name=stored.filename or stored.sha256[:12]))
        if ok:
            self.remove(link.id, reason)

    def remove(self, link_id: str, reason: str) -> None:
        ws, record_id = self.ws, self.record_id

        def work():
            try:
                records.detach_file(ws, link_id, reason)
            except ValidationError as exc:
                return "invalid", "; ".join(message_text(m) for m in exc.errors.values())
            return "ok", records.get_record(ws, record_id).attachments

        def done(result) -> None:
            status, value = result
            if status == "invalid":
                self._set_busy(False, value, error=True)
                return
            self.set_record(record_id, value)
            self._set_busy(False, tr("Đã gỡ tệp đính kèm."))
            self.changed.emit()

        self._set_busy(True, tr("Đang gỡ…"))
        self._remove_job = run_in_background(work, done, self._failed)

    # -- state -----------------------------------------------------------------------------

    def _failed(self, message: str) -> None:
        self._set_busy(False, message, error=True)

    def _set_busy(self, busy: bool, message: str = "", error: bool = False) -> None:
        self.busy = busy
        for button in (self.add_button, self.preview_button, self.remove_button):
            button.setEnabled(not busy)
        self.message.setStyleSheet(f"color: {ERROR_RED}" if error else "")
        self.message.setText(message)
