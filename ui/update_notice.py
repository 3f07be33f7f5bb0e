"""“Có phiên bản mới”: the signed update notice (docs/UPDATES.md).

`UpdateChecker` checks off the GUI thread (sync.updates: fetch → signature → version), at
start-up at most once a day (silent when offline) and from Cài đặt → “Kiểm tra cập nhật”
(which always shows the outcome). A newer signed version opens `UpdateNotice`, non-modal: the
version, the changelog in the UI language, “Tải về…” (a folder, then a download checked against
the signed SHA-256 and size) and “Để sau”. A refused notice (bad signature, …) offers nothing.
Xã Số never runs what it downloads: the person runs the installer themselves.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.dates import show_iso
from core.preferences import load_preferences, save_preference
from core.updates import (
    BadSignature,
    NoFileForPlatform,
    NoUpdatePublished,
    NoUpdateSource,
    UnknownKey,
    UnsafeFileUrl,
    UpdateError,
    UpdateHttpError,
    UpdateInvalid,
    UpdateUnreachable,
    WrongProduct,
    current_platform,
)
from sync import updates
from ui.background import run_in_background
from ui.i18n import current_language, error_text, tr
from ui.progress_dialog import run_long

STARTUP_DELAY_MS = 5_000  # after login: the window and its first pages come first
CHECKED_ON = "update_checked_on"
# Refusals that say the notice itself is not to be trusted: worth a word even at start-up.
REFUSED = (BadSignature, UnknownKey, UpdateInvalid, WrongProduct, UnsafeFileUrl)


class UpdateNotice(QDialog):
    """The outcome of a check: a newer version (with “Tải về…” / “Để sau”), “up to date”, or
    a refusal (only “Đóng”)."""

    downloaded = Signal(object)  # the Path of a verified download

    def __init__(self, outcome, parent: QWidget | None = None, *,
                 platform_name: str | None = None):
        super().__init__(parent)
        self.setModal(False)
        self.setWindowTitle(tr("Cập nhật Xã Số"))
        self.setMinimumWidth(480)
        self.outcome = outcome
        self.entry = None
        self.download_job = None
        self.title = QLabel()
        self.title.setObjectName("update-title")
        self.title.setWordWrap(True)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.changelog = QPlainTextEdit()
        self.changelog.setObjectName("update-changelog")
        self.changelog.setReadOnly(True)
        self.status = QLabel()
        self.status.setObjectName("update-status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.download_button = QPushButton(tr("Tải về…"))
        self.download_button.clicked.connect(self.ask_download)
        self.later_button = QPushButton(tr("Để sau"))
        self.later_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.download_button)
        buttons.addWidget(self.later_button)
        layout = QVBoxLayout(self)
        for widget in (self.title, self.details, self.changelog, self.status):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        manifest = getattr(outcome, "manifest", None)
        if manifest is not None:
            self._show_available(outcome, platform_name or current_platform())
        else:
            self._show_nothing(outcome)

    @property
    def offers_download(self) -> bool:
        return self.download_button.isVisible() and self.download_button.isEnabled()

    def _show_available(self, result: updates.CheckResult, platform_name: str) -> None:
        manifest = result.manifest
        title = tr("Có phiên bản mới: {version}").format(version=manifest.version)
        self.title.setText(f"<h3>{title}</h3>")
        lines = [tr("Phát hành ngày {date}; máy này đang dùng bản {current}.").format(
            date=show_iso(manifest.released.isoformat()), current=result.current)]
        if manifest.min_windows and platform_name.startswith("windows"):
            lines.append(tr("Cần Windows {version} trở lên.").format(
                version=manifest.min_windows))
        self.changelog.setPlainText(manifest.changelog_for(current_language()))
        self.entry = manifest.file_for(platform_name)
        if self.entry is not None:
            lines.append(tr("Tệp cài đặt: {name} ({size} MB).").format(
                name=self.entry.name, size=f"{self.entry.size / 1_000_000:.1f}"))
        self.details.setText("\n".join(lines))
        if self.entry is None:
            self.download_button.setEnabled(False)
            self.status.setText(error_text(NoFileForPlatform(manifest.version, platform_name)))
        else:
            self.status.setText(tr(
                "Xã Số không tự cài đặt: sau khi tải về, hãy tự chạy bộ cài (nên sao lưu dữ "
                "liệu trước)."))

    def _show_nothing(self, outcome) -> None:
        self.details.hide()
        self.changelog.hide()
        self.download_button.hide()
        self.later_button.setText(tr("Đóng"))
        if isinstance(outcome, updates.CheckResult):
            title = tr("Đang dùng bản mới nhất")
            self.status.setText(tr("Máy này đang dùng Xã Số {current}, bản mới nhất.").format(
                current=outcome.current))
        else:
            if isinstance(outcome, REFUSED):
                title = tr("Bản cập nhật bị từ chối")
            elif isinstance(outcome, NoUpdatePublished):
                title = tr("Không có bản cập nhật")
            else:
                title = tr("Không kiểm tra được cập nhật")
            self.status.setText(error_text(outcome) if isinstance(outcome, Exception)
                                else str(outcome))
        self.title.setText(f"<h3>{title}</h3>")

    # -- download --------------------------------------------------------------------------

    def ask_download(self) -> None:
        start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation)
        folder = QFileDialog.getExistingDirectory(self, tr("Chọn thư mục lưu bản cài đặt"),
                                                  start)
        if folder:
            self.download_to(Path(folder))

    def download_to(self, folder: Path) -> None:
        if self.entry is None:
            return
        entry, source = self.entry, self.outcome.origin
        self.download_button.setEnabled(False)
        self.status.setText(tr("Đang tải bản cập nhật…"))
        self.download_job = run_long(
            self, tr("Đang tải bản cập nhật…"),
            lambda progress: updates.download(entry, source, folder, progress=progress),
            self._downloaded, self._download_failed)

    def _downloaded(self, path: Path) -> None:
        self.status.setText(tr(
            "Đã tải về và kiểm tra mã SHA-256: {path}. Xã Số không tự cài đặt — hãy đóng Xã Số "
            "rồi tự chạy tệp này.").format(path=path))
        self.later_button.setText(tr("Đóng"))
        self.downloaded.emit(path)

    def _download_failed(self, message: str) -> None:
        self.status.setText(message)
        self.download_button.setEnabled(True)


class UpdateChecker(QObject):
    """Checks for this workspace's PC and shows the outcome over `parent`.

    `trusted_keys` / `running` / `platform_name` default to the pinned release keys, the
    installed version and this PC (tests pass their own)."""

    finished = Signal(object)  # the CheckResult or UpdateError of each check

    def __init__(self, ws, parent: QWidget, *, trusted_keys=None, running: str | None = None,
                 platform_name: str | None = None):
        super().__init__(parent)
        self.ws, self.parent_widget = ws, parent
        self.trusted_keys, self.running, self.platform_name = trusted_keys, running, platform_name
        self.notice: UpdateNotice | None = None
        self.job = None
        self.busy = False

    def _work(self, url: str | None):
        ws, keys, running = self.ws, self.trusted_keys, self.running

        def work():
            try:
                source = updates.source_of_workspace(ws, url=url)
                return updates.check(source, trusted_keys=keys, running=running)
            except UpdateError as exc:
                return exc
        return work

    def check(self, *, interactive: bool = True, url: str | None = None) -> None:
        """Interactive: always a notice. Otherwise (start-up) only a newer version opens one;
        a refused notice is a status-bar line, being offline is silent."""
        if self.busy:
            return
        self.busy = True

        def done(outcome) -> None:
            self.busy = False
            self._finished(outcome, interactive)

        def failed(message: str) -> None:  # not an UpdateError: a bug, or the data closed
            self.busy = False
            if interactive:
                self._show(message)
            self.finished.emit(message)

        self.job = run_in_background(self._work(url), done, failed)

    def check_at_start_up(self) -> None:
        """At most once a day (preference `update_checked_on` of this PC)."""
        if load_preferences(self.ws.store.data_dir).get(CHECKED_ON) == date.today().isoformat():
            return
        self.check(interactive=False)

    def _finished(self, outcome, interactive: bool) -> None:
        reached = not isinstance(outcome, (UpdateUnreachable, UpdateHttpError, NoUpdateSource))
        if reached:
            save_preference(self.ws.store.data_dir, CHECKED_ON, date.today().isoformat())
        if interactive or (isinstance(outcome, updates.CheckResult) and outcome.available):
            self._show(outcome)
        elif isinstance(outcome, REFUSED):
            bar = getattr(self.parent_widget, "statusBar", None)
            if bar is not None:
                bar().showMessage(error_text(outcome), 60_000)
        self.finished.emit(outcome)

    def _show(self, outcome) -> None:
        if self.notice is not None:
            try:
                self.notice.close()
            except RuntimeError:  # already deleted with its window
                pass
        self.notice = UpdateNotice(outcome, self.parent_widget.window(),
                                   platform_name=self.platform_name)
        self.notice.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.notice.destroyed.connect(self._forget)
        self.notice.show()

    def _forget(self, *_args) -> None:
        self.notice = None


def start_up_check(window: QWidget, ws) -> UpdateChecker:
    """The main window's once-a-day check, a few seconds after it opens."""
    checker = UpdateChecker(ws, window)
    QTimer.singleShot(STARTUP_DELAY_MS, checker, checker.check_at_start_up)
    return checker
