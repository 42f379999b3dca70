"""Exceptions the core raises; the Processing layer turns them into QgsProcessingException.

The core has no translator, so an error carries English *templates* and the values
apart: ``BackflowInputError("Unknown {name}", name="level", value="town")``. The
QGIS side translates each template with ``tr()`` and only then fills it in
(``err.describe(tr)``; ``processing.adapters.input_error``), so the user reads the
message in their language with the file, column, row and value intact.
``scripts/update_translations.py`` collects the literal templates for the .ts file.
"""

from __future__ import annotations

from collections.abc import Callable

# The parts of a message around the problem, each a template of its own.
ERROR_TEMPLATES = {
    "file": "file '{}'",
    "column": "column '{}'",
    "row": "row {}",
    "value": "value '{}'",
    "between": ", ",  # between the parts above
    "where": "{problem} ({where})",
    "accepted": "{text}. Accepted: {accepted}",
}


def _same(text: str) -> str:
    return text


def fill(template: str, fields: dict, english: str | None = None) -> str:
    """`template` with its {name} fields filled; the English one when a translation
    does not fit the fields (a translator's typo must not hide the error)."""
    if not fields:
        return template
    try:
        return template.format(**fields)
    except (KeyError, IndexError, ValueError):
        return (english or template).format(**fields)


class BackflowInputError(ValueError):
    """A user mistake in the input, described so the user can fix it.

    The message names the file, column, row and value where known, and what would
    be accepted. `problem` and `accepted` are English templates whose {name} fields
    come from the keyword arguments beyond these (see the module docstring).
    """

    def __init__(
        self,
        problem: str,
        *,
        file: str | None = None,
        column: str | None = None,
        row: int | None = None,
        value: object = None,
        accepted: str | None = None,
        **fields: object,
    ) -> None:
        self.problem = problem
        self.file = file
        self.column = column
        self.row = row
        self.value = value
        self.accepted = accepted
        self.fields = fields
        super().__init__(self.describe())

    def describe(self, tr: Callable[[str], str] = _same) -> str:
        """The message, its templates put through `tr` (the plugin's translator on the
        QGIS side; English as written by default) before the values are filled in."""
        where = [
            tr(ERROR_TEMPLATES[key]).format(value)
            for key, value in (
                ("file", self.file),
                ("column", self.column),
                ("row", self.row),
                ("value", self.value),
            )
            if value is not None and (key in ("row", "value") or value)
        ]
        text = fill(tr(self.problem), self.fields, self.problem)
        if where:
            where_text = tr(ERROR_TEMPLATES["between"]).join(where)
            text = tr(ERROR_TEMPLATES["where"]).format(problem=text, where=where_text)
        if self.accepted:
            accepted = fill(tr(self.accepted), self.fields, self.accepted)
            text = tr(ERROR_TEMPLATES["accepted"]).format(text=text, accepted=accepted)
        return text


class CoreWarning(str):
    """A warning from the core, made like an error: an English template and its values.

    It is the English text wherever a string is expected (logs, tests); the QGIS side
    shows ``describe(tr)``, the template translated and then filled in
    (``processing.adapters.warning_text``).
    """

    template: str
    fields: dict

    def __new__(cls, template: str, **fields: object) -> CoreWarning:
        text = super().__new__(cls, fill(template, fields))
        text.template, text.fields = template, fields
        return text

    def describe(self, tr: Callable[[str], str] = _same) -> str:
        return fill(tr(self.template), self.fields, self.template)


class Cancelled(Exception):
    """The user cancelled a long computation."""
