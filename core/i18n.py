"""Marking core labels and messages for translation without importing Qt.

Core keeps its labels and messages in Vietnamese (the source language). The UI shows them
through `ui.i18n.tr()` / `ui.i18n.message_text()`; marking them here with `QT_TR_NOOP` lets
`pyside6-lupdate` (which recognises the name, not the import) put them in the English catalogue.

A message with values in it is a `Msg`: write the template inside `QT_TR_NOOP` so that the
template (not the filled-in text) is what gets extracted and translated:

    Msg(QT_TR_NOOP("Ngày “{value}” không đúng dạng ngày/tháng/năm."), value=value)

A `Msg` is the Vietnamese text itself (a `str`), so logs, the CLI, stored data and tests see
exactly what an f-string gave; the UI translates `.template` and fills in `.params` (a param that
is itself a `Msg` or a `Label` is translated too, anything else is shown as it is).
"""

from __future__ import annotations


def QT_TR_NOOP(text: str) -> str:  # noqa: N802 - the name pyside6-lupdate looks for
    return text


class Msg(str):
    """A Vietnamese message built from a template: `str(msg) == template.format(**params)`.

    Without params the template is the text as it is (no `format`, so braces stay)."""

    template: str
    params: dict

    def __new__(cls, template: str, /, **params) -> Msg:
        self = super().__new__(cls, template.format(**params) if params else template)
        self.template = str(template)
        self.params = params
        return self

    def __getnewargs_ex__(self):  # copy/pickle rebuild it from the template, not the text
        return (self.template,), self.params


class Label(str):
    """A label that carries its own translations (record types keep {"vi": …, "en": …} in
    their JSON, outside the Qt catalogue): the Vietnamese text, with `texts` for the UI."""

    texts: dict

    def __new__(cls, texts: dict) -> Label:
        self = super().__new__(cls, texts.get("vi", ""))
        self.texts = dict(texts)
        return self

    def __getnewargs__(self):
        return (self.texts,)
