"""Exceptions the core raises; the Processing layer turns them into QgsProcessingException."""

from __future__ import annotations


class BackflowInputError(ValueError):
    """A user mistake in the input, described so the user can fix it.

    The message names the file, column, row and value where known, and what would
    be accepted.
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
    ) -> None:
        self.problem = problem
        self.file = file
        self.column = column
        self.row = row
        self.value = value
        self.accepted = accepted
        super().__init__(self.describe())

    def describe(self) -> str:
        where = []
        if self.file:
            where.append(f"file '{self.file}'")
        if self.column:
            where.append(f"column '{self.column}'")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.value is not None:
            where.append(f"value '{self.value}'")
        text = self.problem
        if where:
            text += " (" + ", ".join(where) + ")"
        if self.accepted:
            text += ". Accepted: " + self.accepted
        return text


class Cancelled(Exception):
    """The user cancelled a long computation."""
