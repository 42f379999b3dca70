"""Exceptions and warnings the core raises, as messages a person reads in their language.

An error carries its problem as a message (``core.messages``: an id and its values)
and the file, column, row and value apart:
``BackflowInputError(M("error.unknown", name="level"), column="level", value="town")``.
``str(err)`` is the English; ``err.describe("zh")`` the same in Chinese, its parts put
into the language first and the values filled in as given, so the file, column, row and
value stay intact. The QGIS side shows ``describe`` in the language of the plugin
(``translation.core_text``); a script or a notebook calls it directly.
"""

from __future__ import annotations

from collections.abc import Mapping

from .messages import ENGLISH, M, Message, text

# The parts of a message around the problem, each a message of its own: the error's
# attribute -> the message that shows it.
WHERE_PARTS = {
    "file": "error.part.file",
    "column": "error.part.column",
    "row": "error.part.row",
    "value": "error.part.value",
}


class BackflowInputError(ValueError):
    """A user mistake in the input, described so the user can fix it.

    The message names the file, column, row and value where known, and what would
    be accepted: `problem` is a message (``M("error....", **values)``); `accepted` a
    message too, or plain text the data give (a list of column names), shown as given.
    """

    def __init__(
        self,
        problem: Message,
        *,
        file: str | None = None,
        column: str | None = None,
        row: int | None = None,
        value: object = None,
        accepted: Message | str | None = None,
    ) -> None:
        if not isinstance(problem, Message):
            raise TypeError(f"a core error's problem is a message (M(...)), not {problem!r}")
        self.problem = problem
        self.file = file
        self.column = column
        self.row = row
        self.value = value
        self.accepted = accepted
        super().__init__(self.describe())

    def __reduce__(self):  # copies and pickles rebuild it from its parts, not its text
        where = {key: getattr(self, key) for key in WHERE_PARTS}
        return (_rebuild, (self.problem, where, self.accepted))

    def describe(self, language: str = ENGLISH) -> str:
        """The message in `language` (``messages.CATALOGUES``; English by default)."""
        where = [
            text(M(WHERE_PARTS[key], **{key: value}), language)
            for key, value in ((key, getattr(self, key)) for key in WHERE_PARTS)
            if value is not None and (key in ("row", "value") or value)
        ]
        described = text(self.problem, language)
        if where:
            joined = text(M("error.part.between"), language).join(where)
            described = text(M("error.part.where", problem=described, where=joined), language)
        if self.accepted:
            accepted = text(self.accepted, language)
            described = text(M("error.part.accepted", text=described, accepted=accepted), language)
        return described


def _rebuild(problem: Message, where: Mapping, accepted) -> BackflowInputError:
    return BackflowInputError(problem, accepted=accepted, **where)


class CoreWarning(Message):
    """A warning from the core: a message (``CoreWarning(M("warning....", **values))``).

    It is the English text wherever a string is expected (logs, tests); the QGIS side
    shows it in the plugin's language (``translation.core_text``), a script with
    ``warning.describe("zh")`` or ``messages.text(warning, "zh")``.
    """

    def __new__(cls, message: Message | str, values: Mapping[str, object] | None = None):
        if isinstance(message, Message):  # as made by M(...)
            message, values = message.id, message.values
        return super().__new__(cls, message, values)

    def describe(self, language: str = ENGLISH) -> str:
        return text(self, language)


class Cancelled(Exception):
    """The user cancelled a long computation."""
