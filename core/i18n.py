"""Marking core labels for translation without importing Qt.

Core keeps its labels in Vietnamese (the source language). The UI shows them through
`ui.i18n.tr()`; marking them here with `QT_TR_NOOP` lets `pyside6-lupdate` (which recognises the
name, not the import) put them in the English catalogue.
"""

from __future__ import annotations


def QT_TR_NOOP(text: str) -> str:  # noqa: N802 - the name pyside6-lupdate looks for
    return text
