"""UI language: Vietnamese is the source language, English comes from resources/i18n/xaso_en.qm.

Every UI text is written in Vietnamese inside `tr("…")` (or `QT_TR_NOOP("…")` for labels kept
in tables and translated where they are shown). All of them share the empty translation
context, which is what `pyside6-lupdate` gives a bare `tr("…")` call wherever it stands, so the
catalogue that `scripts/update_translations.py` extracts is the one looked up at run time.

Qt's own texts (standard dialog buttons, wizard buttons, the line-edit context menu) have no
Vietnamese catalogue in Qt; resources/i18n/xaso_vi.ts holds them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from core.i18n import Label, Msg

I18N_DIR = Path(__file__).resolve().parent.parent / "resources" / "i18n"
LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}  # each in its own language
DEFAULT_LANGUAGE = "vi"

_installed: list[QTranslator] = []
_current = DEFAULT_LANGUAGE


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)


def translated(text: str | None) -> str:
    """A label that may be empty or come from data (`None` shows as empty)."""
    return tr(text) if text else ""


def current_language() -> str:
    return _current


def install_language(language: str) -> str:
    """Switch every later `tr()` to `language` (unknown codes fall back to Vietnamese).

    Widgets made before the switch keep their texts: callers rebuild their windows."""
    global _current
    app = QCoreApplication.instance()
    language = language if language in LANGUAGES else DEFAULT_LANGUAGE
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    translator = QTranslator(app)
    if translator.load(str(I18N_DIR / f"xaso_{language}.qm")):
        app.installTranslator(translator)
        _installed.append(translator)
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese if language == "vi"
                               else QLocale.Language.English))
    _current = language
    return language


def install_translator_file(path: Path) -> bool:
    """Load one extra catalogue on top (the pseudo-localisation check uses it)."""
    translator = QTranslator(QCoreApplication.instance())
    if not translator.load(str(path)):
        return False
    QCoreApplication.instance().installTranslator(translator)
    _installed.append(translator)
    return True


def message_text(msg: str) -> str:
    """A core message in the UI language: a `core.i18n.Msg` is its translated template filled
    with its params (params that are themselves a `Msg`, or a `Label` carrying its own
    translations, are translated too); a plain text is looked up as it is (static core texts are
    marked with core.i18n.QT_TR_NOOP)."""
    if isinstance(msg, Msg):
        if not msg.params:
            return tr(msg.template)
        params = {name: _param_text(value) for name, value in msg.params.items()}
        try:
            return tr(msg.template).format(**params)
        except (KeyError, IndexError, ValueError):  # a broken translation: the source text
            return str(msg)
    if isinstance(msg, Label):
        return msg.texts.get(_current) or str(msg)
    return tr(msg)


def _param_text(value):
    return message_text(value) if isinstance(value, (Msg, Label)) else value


def error_text(exc: Exception) -> str:
    """A core error in the UI language (its message is a core.i18n.Msg or a marked text)."""
    from core.errors import ValidationError

    if isinstance(exc, ValidationError):
        return tr("Dữ liệu chưa hợp lệ: {errors}").format(
            errors="; ".join(message_text(message) for message in exc.errors.values()))
    if len(exc.args) == 1 and isinstance(exc.args[0], str):
        return message_text(exc.args[0])
    return tr(str(exc))
