"""What the import wizard's modules share: the residents' target code, the error colour,
counts written the Vietnamese way, and field labels."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from ui.i18n import message_text

PERSON = "person"
ERROR_RED = "#b00020"


def _count(n: int) -> str:
    """12345 → "12.345", as Vietnamese write it."""
    return f"{n:,}".replace(",", ".")


def _red(label: QLabel) -> QLabel:
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {ERROR_RED}")
    return label


def field_label(spec) -> str:
    """A field's label in the UI language, capitalised as a column or list item (record type
    labels are written lower-case, to sit inside sentences)."""
    text = message_text(spec.label)
    return text[:1].upper() + text[1:]
