"""Translation helpers: every user-facing string goes through tr()."""

from __future__ import annotations

import contextlib

from qgis.PyQt.QtCore import QCoreApplication, QLocale, QSettings, QTranslator

from .paths import I18N_DIR

CONTEXT = "Backflow"
_translator: QTranslator | None = None


def tr(text: str, context: str = CONTEXT) -> str:
    return QCoreApplication.translate(context, text)


def user_locale() -> str:
    """QGIS's chosen UI locale, e.g. 'zh_CN' or 'en_US'."""
    override = QSettings().value("locale/overrideFlag", False, type=bool)
    name = QSettings().value("locale/userLocale", "", type=str) if override else ""
    return name or QLocale.system().name()


def install_translator(locale: str | None = None) -> bool:
    """Load i18n/backflow_<locale>.qm if it exists; True when one was installed."""
    global _translator
    locale = locale or user_locale()
    candidates = [I18N_DIR / f"backflow_{locale}.qm", I18N_DIR / f"backflow_{locale[:2]}.qm"]
    for path in candidates:
        if path.is_file():
            translator = QTranslator()
            if translator.load(str(path)):
                remove_translator()
                QCoreApplication.installTranslator(translator)
                _translator = translator
                return True
    return False


def active_language() -> str:
    """The language of the installed translator ('zh_CN'), '' when messages are English."""
    return _translator.language() if _translator is not None else ""


def remove_translator() -> None:
    global _translator
    if _translator is not None:
        QCoreApplication.removeTranslator(_translator)
        _translator = None


@contextlib.contextmanager
def translated(locale: str):
    """Translate into `locale` for the duration of a block (e.g. a Chinese map made
    from an English QGIS), then return to the user's language."""
    if locale[:2] == user_locale()[:2]:
        yield
        return
    if locale.startswith("en"):
        remove_translator()
    else:
        install_translator(locale)
    try:
        yield
    finally:
        remove_translator()
        install_translator()
