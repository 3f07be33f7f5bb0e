"""The main window: navigation sidebar, one page per task, status bar.

Dashboard figures open the list behind them (`navigate`). Keyboard: Ctrl+1 …
Ctrl+9, Ctrl+0 and Ctrl+L move between pages (Hồ sơ: Ctrl+6); Ctrl+F searches residents;
Ctrl+Shift+L locks the screen.
"""

from __future__ import annotations

import gc
from datetime import UTC

from PySide6.QtCore import QT_TR_NOOP, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QWidget,
)

from card_reader.errors import CardError
from card_reader.qr import parse_qr
from core.admin_units import default_units
from core.auth import ROLE_LABELS, Perm
from core.services import card_desk, sync_state
from core.services.overview import pending_changes
from core.store import Workspace
from ui.background import run_in_background
from ui.i18n import tr
from ui.pages.audit_log import AuditPage
from ui.pages.card_desk import CardDeskPage
from ui.pages.empty import EmptyPage
from ui.pages.households import HouseholdsPage
from ui.pages.overview import OverviewPage
from ui.pages.records import RecordsPage
from ui.pages.reports import ReportsPage
from ui.pages.residents import ResidentsPage
from ui.pages.review import ReviewPage
from ui.pages.settings import SettingsPage
from ui.pages.sync import SyncPage
from ui.pages.vneid import VneidPage
from ui.person_dialog import PersonDialog
from ui.qr_wedge import QrWedge
from ui.update_notice import start_up_check

STATUS_REFRESH_MS = 30_000



# (key, sidebar label, empty-state explanation for pages a later release fills)
PAGES = [
    ("overview", QT_TR_NOOP("Tổng quan"), None),
    ("residents", QT_TR_NOOP("Cư dân"), None),
    ("households", QT_TR_NOOP("Hộ gia đình"), None),
    ("card", QT_TR_NOOP("Đọc thẻ"), None),
    ("vneid", QT_TR_NOOP("VNeID"), None),
    ("records", QT_TR_NOOP("Hồ sơ"), None),
    ("review", QT_TR_NOOP("Rà soát"), None),
    ("sync", QT_TR_NOOP("Đồng bộ"), None),
    ("reports", QT_TR_NOOP("Báo cáo"), None),
    ("settings", QT_TR_NOOP("Cài đặt"), None),
    ("audit", QT_TR_NOOP("Nhật ký"), None),
]


class MainWindow(QMainWindow):
    language_changed = Signal(str)  # chosen in Cài đặt: the app rebuilds its windows
    settings_changed = Signal(object)  # CommuneSettings saved in Cài đặt
    lock_requested = Signal()  # "Khóa màn hình" (button or Ctrl+Shift+L): the session locks

    def __init__(self, ws: Workspace, *, card_status=None):
        super().__init__()
        self.card_status = card_status
        self.ws = ws
        unit = default_units().by_code(ws.meta("commune_code") or "")
        self.commune = unit.full_name if unit else ""
        self.setWindowTitle(f"Xã Số — {self.commune}")
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFixedWidth(170)
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {}
        for key, label, empty in PAGES:
            self.sidebar.addItem(tr(label))
            page = self._make_page(key, label, empty)
            self.pages[key] = page
            self.stack.addWidget(page)
        self.sidebar.currentRowChanged.connect(self._show_page)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._build_status_bar(card_status)
        self._shortcuts()
        self.qr_wedge = QrWedge(self)
        self.qr_wedge.scanned.connect(self._qr_scanned)
        self.qr_wedge.start()
        self.update_checker = start_up_check(self, ws)  # once a day: “Có phiên bản mới”
        # What start-up made (modules, widgets, caches) lives as long as the window: frozen, the
        # collector's full passes skip it. They run on whichever thread allocates, often this
        # one, and walking it all cost ~70 ms pauses while scrolling a long list.
        gc.freeze()
        self.sidebar.setCurrentRow(1)  # Cư dân: what officers open first
        self.resize(1100, 700)

    def _make_page(self, key: str, label: str, empty: str | None) -> QWidget:
        if key == "overview":
            page = OverviewPage(self.ws)
            page.navigate.connect(self.navigate)
            page.report_requested.connect(lambda: self.show_page("reports"))
            return page
        if key == "reports":
            return ReportsPage(self.ws)
        if key == "residents":
            return ResidentsPage(self.ws)
        if key == "households":
            return HouseholdsPage(self.ws)
        if key == "vneid":
            return VneidPage(self.ws)
        if key == "records":
            return RecordsPage(self.ws)
        if key == "review":
            page = ReviewPage(self.ws)
            page.open_person.connect(self.open_person)
            return page
        if key == "card":
            page = CardDeskPage(self.ws, card_status=self.card_status)
            page.open_person.connect(self.open_person)
            return page
        if key == "sync":
            return SyncPage(self.ws)
        if key == "settings":
            page = SettingsPage(self.ws)
            page.language_chosen.connect(self.language_changed)
            page.settings_saved.connect(self.settings_changed)
            return page
        if key == "audit":
            if self.ws.actor.can(Perm.AUDIT_READ):
                return AuditPage(self.ws)
            return EmptyPage(tr(label), tr("Tài khoản này không có quyền xem nhật ký."))
        return EmptyPage(tr(label), tr(empty or ""))

    def _show_page(self, row: int) -> None:
        self.stack.setCurrentIndex(row)
        page = self.stack.currentWidget()
        if isinstance(page, OverviewPage):
            page.refresh()

    # -- QR scanner ------------------------------------------------------------------------

    def _qr_scanned(self, payload: str) -> None:
        """A card's QR code scanned anywhere: the person's page when the card identifies
        someone, otherwise the card desk with the QR reading to match by hand."""
        ws = self.ws

        def work():
            try:
                card = parse_qr(payload).to_json_dict()
            except CardError as err:
                return err
            return card, card_desk.match_card(ws, card)

        self._qr_job = run_in_background(work, self._qr_matched,
                                         lambda message: self.statusBar().showMessage(message))

    def _qr_matched(self, result) -> None:
        if isinstance(result, CardError):
            self.statusBar().showMessage(tr(str(result)), 10_000)
            return
        card, match = result
        page = self.stack.currentWidget()
        if hasattr(page, "accept_card") and page.accept_card(card, match):
            return  # the open page wanted the card (e.g. a collection session's attendees)
        if match.person_id:
            self.open_person(match.person_id)
            return
        self.show_page("card")
        self.pages["card"].show_reading(card, None, match)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.qr_wedge.stop()
        gc.unfreeze()  # this window's objects may become garbage now
        super().closeEvent(event)

    def open_person(self, person_id: str) -> None:
        dialog = PersonDialog(self.ws, person_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def navigate(self, key: str, filters: dict | None = None) -> None:
        """Open a page showing the list behind a dashboard figure (filters it knows)."""
        self.show_page(key)
        page = self.pages[key]
        if hasattr(page, "apply_filter"):
            page.apply_filter(**(filters or {}))

    def show_page(self, key: str) -> None:
        self.sidebar.setCurrentRow([k for k, _, _ in PAGES].index(key))

    def current_page(self) -> str:
        return PAGES[self.sidebar.currentRow()][0]

    # -- status bar ------------------------------------------------------------------------

    def _build_status_bar(self, card_status) -> None:
        actor = self.ws.actor
        role = tr(ROLE_LABELS.get(actor.role, str(actor.role)))
        self.user_label = QLabel(tr("Người dùng: {user} ({role})").format(
            user=actor.username, role=role))
        self.commune_label = QLabel(self.commune)
        self.card_label = QLabel(card_status.text if card_status else tr("Đầu đọc: —"))
        self.sync_label = QLabel(tr("Đồng bộ: —"))
        self.pending_label = QLabel()
        self.lock_button = QPushButton(tr("Khóa màn hình"))
        self.lock_button.setToolTip(tr("Khóa ngay khi rời máy (Ctrl+Shift+L)"))
        self.lock_button.setFlat(True)
        self.lock_button.clicked.connect(self.lock_requested)
        bar = self.statusBar()
        for widget in (self.user_label, self.commune_label, self.card_label, self.sync_label,
                       self.pending_label, self.lock_button):
            # Never squeezed: a longer translation widens the window's minimum instead of
            # cutting the text (the pseudo-localisation test checks it).
            widget.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
            bar.addPermanentWidget(widget)
        self.card_status = card_status
        if card_status is not None:
            card_status.changed.connect(self.card_label.setText)
        self._status_timer = QTimer(self, interval=STATUS_REFRESH_MS)
        self._status_timer.timeout.connect(self.refresh_status)
        self._status_timer.start()
        self.refresh_status()

    def refresh_status(self) -> None:
        ws = self.ws
        self._status_job = run_in_background(
            lambda: (pending_changes(ws), sync_state.get_state(ws)), self._show_status,
            lambda message: self.pending_label.setText(""))

    def _show_status(self, result: tuple) -> None:
        count, state = result
        self.pending_label.setText(tr("Chưa đồng bộ: {n}").format(n=count))
        if self.ws.is_demo:
            text = tr("Đồng bộ: dữ liệu mẫu, không đồng bộ")
        elif state is None:
            text = tr("Đồng bộ: máy chưa đăng ký")
        elif state.last_success_at is None:
            text = tr("Đồng bộ: chưa lần nào")
        else:
            at = state.last_success_at.replace(tzinfo=state.last_success_at.tzinfo or UTC)
            text = tr("Đồng bộ: lần cuối {time}").format(
                time=f"{at.astimezone():%H:%M %d/%m/%Y}")
        self.sync_label.setText(text)

    # -- keyboard --------------------------------------------------------------------------

    def _shortcuts(self) -> None:
        for row in range(min(10, len(PAGES))):
            key = QKeySequence(f"Ctrl+{(row + 1) % 10}")
            QShortcut(key, self, activated=lambda r=row: self.sidebar.setCurrentRow(r))
        QShortcut(QKeySequence("Ctrl+Shift+L"), self, activated=self.lock_requested)
        QShortcut(QKeySequence("Ctrl+L"), self,
                  activated=lambda: self.sidebar.setCurrentRow(len(PAGES) - 1))
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, activated=self._find)

    def _find(self) -> None:
        self.show_page("residents")
        query = self.pages["residents"].query
        query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        query.selectAll()
