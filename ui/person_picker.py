"""Pick residents for one role of a record: type a name (diacritics optional) or an ID number,
the matches come from `persons.search` off the GUI thread, Enter (or a double-click) picks one.

Keyboard: Down moves from the search box into the matches, Enter picks the highlighted match
(in the search box: the first one), Esc in the matches goes back to the search box.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.dates import show_iso
from core.services import persons
from core.store import Workspace
from ui.background import run_in_background
from ui.i18n import tr

DEBOUNCE_MS = 250
SEARCH_LIMIT = 20
_ID = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class ChosenPerson:
    """A resident picked for a role (what the form needs to fill the role's fields)."""

    id: str
    full_name: str
    personal_number: str | None = None
    dob: str | None = None  # ISO, full or partial

    @classmethod
    def of(cls, hit) -> ChosenPerson:
        """From a search hit (core.search.PersonHit) or a linked person (records.LinkedPerson)."""
        return cls(getattr(hit, "id", None) or hit.person_id, hit.full_name,
                   getattr(hit, "personal_number", None), getattr(hit, "dob", None))

    def describe(self) -> str:
        parts = [self.full_name, show_iso(self.dob), self.personal_number or ""]
        return " — ".join(p for p in parts if p)


class PersonPicker(QWidget):
    """One role's residents: at most `maximum` (None: any number); picking again replaces the
    person when only one is allowed. `picked(ChosenPerson)` after each pick, `changed` after
    any change of the chosen list."""

    picked = Signal(object)
    changed = Signal()

    def __init__(self, ws: Workspace, maximum: int | None = 1, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws, self.maximum = ws, maximum
        self.chosen: list[ChosenPerson] = []
        self.hits: list = []
        self.query = QLineEdit(placeholderText=tr("Tìm cư dân theo tên (không dấu cũng được) "
                                                  "hoặc số định danh"))
        self.query.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setMaximumHeight(110)
        self.results.setVisible(False)
        self.chosen_label = QLabel()
        self.chosen_label.setObjectName("chosen")
        self.chosen_label.setWordWrap(True)
        self.clear_button = QPushButton(tr("Bỏ chọn"))
        self.clear_button.setVisible(False)
        self.clear_button.clicked.connect(self.clear)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setVisible(False)
        chosen_row = QHBoxLayout()
        chosen_row.setContentsMargins(0, 0, 0, 0)
        chosen_row.addWidget(self.chosen_label, 1)
        chosen_row.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.query)
        layout.addWidget(self.results)
        layout.addLayout(chosen_row)
        layout.addWidget(self.status)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_search)
        self.query.textChanged.connect(lambda _t: self._timer.start())
        self.results.itemActivated.connect(lambda item: self.pick_row(self.results.row(item)))
        self.query.installEventFilter(self)
        self.results.installEventFilter(self)
        self._generation = 0
        self._show_chosen()

    # -- searching -------------------------------------------------------------------------

    def search(self, text: str) -> None:
        """Search now for `text` (what typing does after a short pause)."""
        self.query.blockSignals(True)
        self.query.setText(text)
        self.query.blockSignals(False)
        self.run_search()

    def run_search(self) -> None:
        self._timer.stop()
        text = self.query.text().strip()
        self._generation += 1
        if not text:
            self._show_hits([])
            return
        generation, ws = self._generation, self.ws

        def show(hits) -> None:
            if generation == self._generation:  # a newer keystroke asked again
                self._show_hits(hits)

        self._job = run_in_background(lambda: persons.search(ws, text, SEARCH_LIMIT), show,
                                      self._failed)

    def _show_hits(self, hits) -> None:
        self.hits = list(hits)
        self.results.clear()
        for hit in self.hits:
            item = QListWidgetItem(ChosenPerson.of(hit).describe())
            item.setData(_ID, hit.id)
            self.results.addItem(item)
        self.results.setVisible(bool(self.hits))
        if self.hits:
            self.results.setCurrentRow(0)
        text = self.query.text().strip()
        self.status.setText(tr("Không tìm thấy cư dân nào.") if text and not self.hits else "")
        self.status.setVisible(bool(self.status.text()))

    def _failed(self, message: str) -> None:
        self.status.setText(message)
        self.status.setVisible(True)

    # -- choosing --------------------------------------------------------------------------

    def pick_row(self, row: int) -> None:
        if 0 <= row < len(self.hits):
            self.pick(self.hits[row])

    def pick(self, hit) -> None:
        """Choose a resident (a search hit, a linked person or a ChosenPerson)."""
        person = hit if isinstance(hit, ChosenPerson) else ChosenPerson.of(hit)
        if any(p.id == person.id for p in self.chosen):
            return
        if self.maximum == 1:
            self.chosen = [person]
        elif self.maximum is not None and len(self.chosen) >= self.maximum:
            self._failed(tr("Vai trò này chỉ gắn được tối đa {n} người.").format(n=self.maximum))
            return
        else:
            self.chosen.append(person)
        self.query.blockSignals(True)
        self.query.clear()
        self.query.blockSignals(False)
        self._show_hits([])
        self._show_chosen()
        self.picked.emit(person)
        self.changed.emit()

    def set_persons(self, people) -> None:
        """Show these residents as chosen (no `picked` signal: nothing to fill)."""
        self.chosen = [p if isinstance(p, ChosenPerson) else ChosenPerson.of(p) for p in people]
        self._show_chosen()
        self.changed.emit()

    def clear(self) -> None:
        self.chosen = []
        self._show_chosen()
        self.changed.emit()

    def person_ids(self) -> list[str]:
        return [p.id for p in self.chosen]

    def _show_chosen(self) -> None:
        if self.chosen:
            self.chosen_label.setText(tr("Đã chọn: {people}").format(
                people="; ".join(p.describe() for p in self.chosen)))
        else:
            self.chosen_label.setText(tr("Chưa gắn cư dân nào."))
        self.clear_button.setVisible(bool(self.chosen))

    # -- keyboard --------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() != QEvent.Type.KeyPress:
            return False
        key = event.key()
        if watched is self.query:
            if key == Qt.Key.Key_Down and self.hits:
                self.results.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.hits:
                self.pick_row(max(0, self.results.currentRow()))
                return True
        elif watched is self.results:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.pick_row(self.results.currentRow())
                self.query.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
            if key == Qt.Key.Key_Escape:
                self.query.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return False
