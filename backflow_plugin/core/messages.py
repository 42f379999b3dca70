"""Texts of the core as message ids, put into a language without Qt.

A text the core shows a person (a report heading, a column header, a note) is a
:class:`Message`: an id such as ``report.table4.title`` and the values it is filled
with. Its English lives with the id in ``messages_en.MESSAGES`` (one place); its
Chinese in ``i18n/core_zh_CN.json``, where each entry keeps the English it was
translated from, so a changed English sentence shows as stale (``tests/core/
test_messages.py``) instead of silently losing its Chinese.

:func:`text` puts a message into a language; :func:`speaking` sets the language (and
the Chinese place names) a page is being written in, so that the report's escaping
(``report.charts.esc``) resolves messages before it escapes them.

The core's errors and warnings are messages too (``error.*``, ``warning.*``;
``core.errors``): their values are the user's data (a file, a column, a cell) and are
filled in as given, never put into a language.
"""

from __future__ import annotations

import contextlib
import contextvars
import json
from collections.abc import Iterator, Mapping
from functools import cache, lru_cache
from pathlib import Path
from types import MappingProxyType

from .messages_en import MESSAGES

ENGLISH = "en"
# language code of the report (schema.LANGUAGES) -> the catalogue's file
CATALOGUES = {"zh": "core_zh_CN.json"}
CATALOGUE_DIR = Path(__file__).resolve().parent.parent / "i18n"


class Message(str):
    """A text by id, with the values its placeholders are filled with.

    Its value as a str is the English, so a message stands wherever English text did (a
    table's note, a record's value, a log line, a comparison in a test); the page puts
    it into its own language (:func:`say`).
    """

    id: str
    values: Mapping[str, object]

    def __new__(cls, id: str, values: Mapping[str, object] | None = None) -> Message:
        values = dict(values or {})
        self = super().__new__(cls, _fill(MESSAGES[id], values, ENGLISH, _local_values(id)))
        self.id, self.values = id, values
        return self

    def __getnewargs__(self) -> tuple[str, dict]:  # copies and pickles (DataFrame.attrs)
        return (self.id, dict(self.values))


def M(id: str, **values) -> Message:  # noqa: N802 - short, like gettext's _()
    """The message `id` with its values (``M("report.top_k", k=7)``)."""
    if id not in MESSAGES:
        raise KeyError(f"no English text for the message id {id!r}")
    return Message(id, values)


def _value_text(value, language: str):
    if isinstance(value, Message):
        return text(value, language)
    if isinstance(value, tuple):  # parts of a list, with the language's separator
        sep = _fill(MESSAGES["list.semicolon"], {}, ENGLISH)
        if language != ENGLISH:
            sep = catalogue(language).get("list.semicolon", sep)
        return sep.join(_value_text(part, language) for part in value)
    return local_value(value) if language != ENGLISH else value


# ids whose values are the user's data, filled in as given (an error's file, column, value)
AS_GIVEN = ("error.", "warning.")


def _local_values(id: str) -> bool:
    return not id.startswith(AS_GIVEN)


def _fill(template: str, values: Mapping[str, object], language: str, local: bool = True) -> str:
    """`template` filled; a value that is a message in `language` too, and (when `local`)
    in another language than English a value the data hold (a place, one of our words)
    as well."""
    filled = {
        key: _value_text(value, language) if local or isinstance(value, Message) else value
        for key, value in values.items()
    }
    return template.format(**filled) if filled else template


@cache
def catalogue(language: str) -> dict[str, str]:
    """id -> text of a language's catalogue (empty for English and unknown languages)."""
    name = CATALOGUES.get(language)
    if name is None:
        return {}
    entries = json.loads((CATALOGUE_DIR / name).read_text(encoding="utf-8"))
    return {key: entry["zh"] for key, entry in entries.items()}


def text(msg: Message | str, language: str = ENGLISH) -> str:
    """`msg` in `language` (English where the catalogue has no entry); plain text as given.
    Values that are messages, and words of ours, are put into the language too (place
    names only inside :func:`speaking`, which knows them)."""
    if not isinstance(msg, Message):
        return msg
    if language == ENGLISH:
        return str.__str__(msg)
    if language != _LANGUAGE.get():  # the words its values hold in that language too
        with speaking(language):
            return text(msg, language)
    english, local = MESSAGES[msg.id], _local_values(msg.id)
    try:
        return _fill(catalogue(language).get(msg.id) or english, msg.values, language, local)
    except (KeyError, IndexError, ValueError):  # a translator's typo must not hide the text
        return _fill(english, msg.values, language, local)


def translated(msg: Message, language: str) -> bool:
    """True when `language`'s catalogue words `msg` differently from the English."""
    return catalogue(language).get(msg.id, MESSAGES[msg.id]) != MESSAGES[msg.id]


_LANGUAGE: contextvars.ContextVar[str] = contextvars.ContextVar("language", default=ENGLISH)
_NAMES: contextvars.ContextVar[Mapping[str, str]] = contextvars.ContextVar(
    "names", default=MappingProxyType({})
)


@contextlib.contextmanager
def speaking(language: str, names: Mapping[str, str] | None = None) -> Iterator[None]:
    """Write in `language` inside the block; `names`: English -> that language's place names."""
    names = {k: v for k, v in (names or {}).items() if k and v and k != v}
    tokens = (_LANGUAGE.set(language), _NAMES.set(names))
    try:
        yield
    finally:
        _NAMES.reset(tokens[1])
        _LANGUAGE.reset(tokens[0])


def language() -> str:
    """The language of the page being written (English outside :func:`speaking`)."""
    return _LANGUAGE.get()


def place_names() -> Mapping[str, str]:
    """English -> the page's language, for the places it names (empty in English)."""
    return _NAMES.get()


def say(msg: Message | str) -> str:
    """`msg` in the language of the page being written."""
    return text(msg, _LANGUAGE.get())


@lru_cache(maxsize=1)
def _terms() -> dict[str, str]:
    return {english: key for key, english in MESSAGES.items() if key.startswith("term.")}


def term(value):
    """A word the data hold (a column name, one of the paper's categories) as its
    ``term.*`` message, so it is put into the page's language; any other value as given."""
    key = _terms().get(value) if isinstance(value, str) else None
    return Message(key) if key else value


def _word_or_place(value: str) -> str | None:
    """One of our words or a place's name in the page's language (None if neither)."""
    key = _terms().get(value)
    if key is not None and translated(Message(key), _LANGUAGE.get()):
        return say(Message(key))
    return place_names().get(value)


def _list_of_names(value: str) -> str | None:
    """'Beijing (677); Shanghai (466)' or 'Hefei, Guangzhou' with every name in the page's
    language (its separators too), or None when one piece is not a known name."""
    pieces, token, depth, k = [], "", 0, 0
    while k < len(value):  # split on '; ' and ', ' outside parentheses
        ch = value[k]
        depth += (ch == "(") - (ch == ")")
        if depth == 0 and value[k : k + 2] in ("; ", ", "):
            pieces += [token, value[k : k + 2]]
            token, k = "", k + 2
            continue
        token += ch
        k += 1
    pieces.append(token)
    out = []
    for i, piece in enumerate(pieces):
        if i % 2:
            out.append(say(M("list.semicolon" if piece == "; " else "list.comma")))
            continue
        name, paren, rest = piece.partition(" (")
        local = _word_or_place(name) if name else None
        if local is None or (paren and not rest.endswith(")")):
            return None
        out.append(local + (paren + rest if paren else ""))
    return "".join(out)


def local_value(value):
    """A value the data hold (a city, a country, one of the paper's categories, a list of
    places) in the page's language; anything else, and every value in English, as given.
    A tuple is a list of such values and messages, joined as the language joins them."""
    if isinstance(value, tuple):
        return _value_text(value, _LANGUAGE.get())
    if _LANGUAGE.get() == ENGLISH or not isinstance(value, str) or isinstance(value, Message):
        return value
    return _word_or_place(value) or _list_of_names(value) or value
