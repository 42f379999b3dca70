"""The notes disclosure control writes on a table, as messages (``core/messages.py``).

A note is "disclosure control (MIN_PERSONS = k): part; part": each part a message that
says what was hidden, so the report writes it in its own language. A table has one
disclosure note: a later rule's parts join it. Counting words go with their number
("1 cell", "3 cells"), one message each, since a language may order them differently.
"""

from __future__ import annotations

import pandas as pd

from ..messages import M, Message

DISCLOSURE = "note.disclosure"


def counted(n: int, one: str, many: str, **values) -> Message:
    """The message `one` (its text says 1) or `many` (with {n})."""
    return M(one, **values) if n == 1 else M(many, n=n, **values)


def disclosure(k: int, parts) -> Message | None:
    """The table's disclosure note of `parts` (None when nothing was hidden)."""
    parts = tuple(p for p in parts if p)
    return M(DISCLOSURE, k=k, parts=parts) if parts else None


def with_gini_tail(note: Message) -> Message:
    """The note of the return cities, said again under the concentration figures."""
    if isinstance(note, Message) and note.id == DISCLOSURE:
        *head, last = note.values["parts"]
        return disclosure(note.values["k"], (*head, M("note.gini_tail", part=last)))
    return M("note.gini_tail", part=note)


def joined(old, note):
    """`note` after `old`: one disclosure note per table, its parts in order."""
    if not old:
        return note
    if not note:
        return old
    if isinstance(old, Message) and old.id == "note.both":
        return M("note.both", first=old.values["first"], then=joined(old.values["then"], note))
    if (
        isinstance(old, Message)
        and isinstance(note, Message)
        and old.id == note.id == DISCLOSURE
        and old.values["k"] == note.values["k"]
    ):
        return disclosure(old.values["k"], (*old.values["parts"], *note.values["parts"]))
    return M("note.both", first=old, then=note)


def add_note(frame: pd.DataFrame, note) -> pd.DataFrame:
    """`frame` with `note` joined to its note (in place)."""
    if note:
        frame.attrs["note"] = joined(frame.attrs.get("note"), note)
    return frame
