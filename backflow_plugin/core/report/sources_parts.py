"""What the report's sources and trends sections share: group values in the reader's
words, paragraphs, and the notes on hidden cells and years (written from the tables'
attrs, so they translate).
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from ..disclosure.rules import MIN_PERSONS_DEFAULT
from ..palette import GROUP_SERIES
from ..schema import TIER_LABELS
from . import charts as rc
from . import html_parts as rh

SECTION_IDS = ("sources", "trends")

# Group values shown in the report (translated at run time).
VALUE_LABELS = {
    "circle": "circle",
    "linear": "linear",
    "Other": "Other",
    "Unknown": "Unknown",
    "All": "All",
    "(none)": "(none)",
    "no tier": "no tier",
    "return city": "return city",
    "source city": "source city",
    "valid": "valid",
    "missing": "missing",
    "out of range": "out of range",
    "subject": "subject",
    "unit type": "unit type",
    "tier": "tier",
    "pattern": "pattern",
}
SERIES_COLOURS = list(GROUP_SERIES)
HIDDEN_BAND = rc.HIDDEN  # a hidden year: grey behind the gap in the lines

Tr = Callable[[str], str]


def identity(text: str) -> str:
    return text


def value_label(tr: Tr, value) -> str:
    text = "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)
    return tr(VALUE_LABELS[text]) if text in VALUE_LABELS else text


def group_name(tr: Tr, by: str, group) -> str:
    if by == "tier" and str(group) in {str(t) for t in TIER_LABELS}:
        return tr(TIER_LABELS[int(group)])
    return value_label(tr, group)


def paragraph(text: str, cls: str = "") -> str:
    return f'<p class="{cls}">{rh.esc(text)}</p>' if cls else f"<p>{rh.esc(text)}</p>"


def hidden_note(tr: Tr, frame: pd.DataFrame) -> str:
    """The disclosure note: how many cells and persons were merged or hidden."""
    cells = int(frame.attrs.get("hidden_cells", 0) or 0)
    if not cells:
        return ""
    if cells == 1:  # one cell: its persons would give its count away
        return paragraph(
            tr(
                "1 cell with fewer than {n} persons is not shown on its own: it is merged "
                "into 'Other'."
            ).format(n=frame.attrs.get("min_persons", MIN_PERSONS_DEFAULT)),
            "note",
        )
    return paragraph(
        tr(
            "{cells} cells with fewer than {n} persons ({persons} persons in all) are not "
            "shown on their own: they are merged into 'Other'."
        ).format(
            cells=cells,
            n=frame.attrs.get("min_persons", MIN_PERSONS_DEFAULT),
            persons=int(frame.attrs.get("hidden_persons", 0) or 0),
        ),
        "note",
    )


def hidden_years_note(tr: Tr, frame: pd.DataFrame) -> str:
    """What a grey band in the charts means, and the complementary cells of the table."""
    n = frame.attrs.get("min_persons", MIN_PERSONS_DEFAULT)
    small = [str(y) for y in frame.attrs.get("hidden_years", [])]
    paired = [str(y) for y in frame.attrs.get("complementary_years", [])]
    parts = []
    if small:
        parts.append(
            tr(
                "Hidden years ({years}: fewer than {n} returnees) are a grey band and a gap "
                "in the lines, not a zero."
            ).format(years=", ".join(small), n=n)
        )
    if paired:
        parts.append(
            tr(
                "{years} hidden too, so that the total of all years does not give the hidden "
                "year away (the years that hide the least)."
            ).format(years=", ".join(paired))
        )
    cells = {c for c in frame.attrs.get("complementary_cells", ()) if c[1] == "persons"}
    if cells:
        parts.append(
            tr(
                "'hidden' in the table: {cells} more cells hidden (those that hide the least) "
                "so that no hidden count can be recomputed from the year's total."
            ).format(cells=len(cells))
        )
    return paragraph(" ".join(parts), "note") if parts else ""
