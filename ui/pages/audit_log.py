"""Nhật ký: the hash-chained audit log, newest first, filtered by action, user and dates, with a
"verify chain" action that names any edited, deleted or reordered event."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time, timedelta

from PySide6.QtCore import QT_TR_NOOP, QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.models import AuditEvent
from core.services import maintenance
from core.store import Workspace
from ui.background import run_in_background
from ui.i18n import message_text, tr
from ui.table_model import ListTableModel

LIMIT = 500



class AuditModel(ListTableModel):
    HEADERS = (QT_TR_NOOP("Số"), QT_TR_NOOP("Thời điểm"), QT_TR_NOOP("Người dùng"), QT_TR_NOOP("Thao tác"), QT_TR_NOOP("Đối tượng"), QT_TR_NOOP("Chi tiết"))

    def __init__(self):
        super().__init__()
        self.users: dict[str, str] = {}

    @property
    def events(self) -> list[AuditEvent]:
        return self.rows

    def set_events(self, events: list[AuditEvent], users: dict[str, str]) -> None:
        self.beginResetModel()
        self.rows, self.users = events, users
        self.endResetModel()

    def cells(self, event: AuditEvent) -> tuple[str, ...]:
        at = event.at.replace(tzinfo=event.at.tzinfo or UTC).astimezone()
        entity = f"{event.entity} {event.entity_id[:8]}…" if event.entity_id else event.entity
        details = json.loads(event.details or "{}")
        return (str(event.seq), at.strftime("%d/%m/%Y %H:%M:%S"),
                self.users.get(event.user_id or "", event.user_id or tr("hệ thống")),
                event.action, entity or "", ", ".join(f"{k}: {v}" for k, v in details.items()))


class AuditPage(QWidget):
    def __init__(self, ws: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.action = QComboBox()
        self.user = QComboBox()
        today = QDate.currentDate()
        self.since = QDateEdit(today.addDays(-30), calendarPopup=True, displayFormat="dd/MM/yyyy")
        self.until = QDateEdit(today, calendarPopup=True, displayFormat="dd/MM/yyyy")
        self.apply_button = QPushButton(tr("Lọc"))
        self.verify_button = QPushButton(tr("Kiểm tra chuỗi băm"))
        filters = QHBoxLayout()
        for label, widget in ((tr("Thao tác"), self.action), (tr("Người dùng"), self.user),
                              (tr("Từ ngày"), self.since), (tr("Đến ngày"), self.until)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(self.apply_button)
        filters.addStretch(1)
        filters.addWidget(self.verify_button)
        self.model = AuditModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<h2>{tr('Nhật ký')}</h2>"))
        layout.addLayout(filters)
        layout.addWidget(self.table)
        layout.addWidget(self.status)
        self.apply_button.clicked.connect(self.refresh)
        self.verify_button.clicked.connect(self.verify)
        self._filters_loaded = False
        self._users: dict[str, str] = {}

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if not self._filters_loaded:
            self._job = run_in_background(lambda: maintenance.audit_filters(self.ws),
                                          self._fill_filters, self.status.setText)

    def _fill_filters(self, result) -> None:
        actions, users = result
        self._filters_loaded, self._users = True, users
        self.action.clear()
        self.action.addItem(tr("Tất cả"), None)
        for action in actions:
            self.action.addItem(action, action)
        self.user.clear()
        self.user.addItem(tr("Tất cả"), None)
        for user_id, username in sorted(users.items(), key=lambda kv: kv[1]):
            self.user.addItem(username, user_id)
        self.refresh()

    def refresh(self) -> None:
        since = datetime.combine(self.since.date().toPython(), time.min).astimezone()
        until = datetime.combine(self.until.date().toPython() + timedelta(days=1),
                                 time.min).astimezone()
        action, user_id, ws = self.action.currentData(), self.user.currentData(), self.ws
        self._job = run_in_background(
            lambda: maintenance.recent_events(ws, LIMIT, action, user_id,
                                              since.astimezone(UTC), until.astimezone(UTC)),
            self._show, self.status.setText)

    def _show(self, events: list[AuditEvent]) -> None:
        self.model.set_events(events, self._users)
        more = tr(" (hiển thị {n} gần nhất)").format(n=LIMIT) if len(events) >= LIMIT else ""
        self.status.setText(tr("{n} sự kiện").format(n=len(events)) + more)

    def verify(self) -> None:
        self.verify_button.setEnabled(False)
        self.status.setText(tr("Đang kiểm tra toàn bộ nhật ký…"))
        self._job = run_in_background(lambda: maintenance.verify_audit(self.ws),
                                      self._verified, self._verify_failed)

    def _verified(self, report) -> None:
        self.verify_button.setEnabled(True)
        if report.ok:
            self.status.setText(tr("Nhật ký nguyên vẹn: {n} sự kiện, chuỗi băm khớp.").format(
                n=report.events))
        else:
            self.status.setText(tr("PHÁT HIỆN NHẬT KÝ BỊ CAN THIỆP:") + "\n"
                                + "\n".join(message_text(p) for p in report.problems))

    def _verify_failed(self, message: str) -> None:
        self.verify_button.setEnabled(True)
        self.status.setText(message)
