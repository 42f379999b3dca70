"""Translation helpers: every user-facing string goes through tr().

The user's language is an application translator, installed once by the plugin in
the main thread. The core's texts (its errors, warnings and report words) are messages
with a catalogue of their own (``core.messages``); :func:`core_text` shows them in the
language tr() speaks. A block in another language (a Chinese map from an English QGIS, an
English report from a Chinese one) is per thread: `translated()` never installs or
removes application translators, which sends a LanguageChange to every widget and so
must not happen while a background run translates its messages.
"""

from __future__ import annotations

import contextlib
import threading

from qgis.PyQt.QtCore import QCoreApplication, QLocale, QSettings, QTranslator

from .core import messages
from .core.errors import BackflowInputError
from .paths import I18N_DIR

CONTEXT = "Backflow"
_translator: QTranslator | None = None  # the user's language, installed in the application
_loaded: dict[str, QTranslator | None] = {}  # locale -> a translator never installed
_loaded_lock = threading.Lock()
_block = threading.local()  # .translator: this thread's language for a block; None = English


def tr(text: str, context: str = CONTEXT) -> str:
    if hasattr(_block, "translator"):
        own = _block.translator
        if own is None:
            return text
        # a QTranslator takes its texts as bytes (const char *): UTF-8, as lupdate wrote them
        return own.translate(context.encode(), text.encode()) or text
    return QCoreApplication.translate(context, text)


def user_locale() -> str:
    """QGIS's chosen UI locale, e.g. 'zh_CN' or 'en_US'."""
    override = QSettings().value("locale/overrideFlag", False, type=bool)
    name = QSettings().value("locale/userLocale", "", type=str) if override else ""
    return name or QLocale.system().name()


def _load(locale: str) -> QTranslator | None:
    """i18n/backflow_<locale>.qm (or its language's file) loaded, None when there is none."""
    for path in (I18N_DIR / f"backflow_{locale}.qm", I18N_DIR / f"backflow_{locale[:2]}.qm"):
        if path.is_file():
            translator = QTranslator()
            if translator.load(str(path)):
                return translator
    return None


def _translator_for(locale: str) -> QTranslator | None:
    """One translator per locale for blocks, loaded once and kept: a thread may be
    translating with it at any time."""
    with _loaded_lock:
        if locale not in _loaded:
            _loaded[locale] = _load(locale)
        return _loaded[locale]


def install_translator(locale: str | None = None) -> bool:
    """Make `locale` (default: QGIS's) the language of the plugin's messages; True when
    a translation was found. Main thread only: the application tells every widget."""
    global _translator
    translator = _load(locale or user_locale())
    if translator is None:
        return False
    remove_translator()
    QCoreApplication.installTranslator(translator)
    _translator = translator
    return True


def remove_translator() -> None:
    global _translator
    if _translator is not None:
        QCoreApplication.removeTranslator(_translator)
        _translator = None


def active_language() -> str:
    """The language messages are in on this thread ('zh_CN'), '' when they are English."""
    if hasattr(_block, "translator"):
        own = _block.translator
        return own.language() if own is not None else ""
    return _translator.language() if _translator is not None else ""


@contextlib.contextmanager
def translated(locale: str):
    """Translate into `locale` for the duration of a block on this thread (e.g. a
    Chinese map made from an English QGIS); other threads keep the user's language."""
    translator = None if locale.startswith("en") else _translator_for(locale)
    had_block = hasattr(_block, "translator")
    previous = getattr(_block, "translator", None)
    _block.translator = translator
    try:
        yield
    finally:
        if had_block:
            _block.translator = previous
        else:
            del _block.translator


def core_language() -> str:
    """The language of the core's messages that matches tr() on this thread: 'zh' when
    the plugin speaks Chinese (messages.CATALOGUES), else 'en'."""
    code = active_language()[:2]
    return code if code in messages.CATALOGUES else messages.ENGLISH


def core_text(item) -> str:
    """A core error, warning or message in the plugin's language; any other text as it is."""
    if isinstance(item, BackflowInputError):
        return item.describe(core_language())
    return messages.text(item, core_language()) if isinstance(item, messages.Message) else str(item)
