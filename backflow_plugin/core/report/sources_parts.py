"""What the report's sources and trends sections share: group values in the reader's
words, paragraphs, and the notes on hidden cells and years (written from the tables'
attrs, so they translate).
"""

from __future__ import annotations

import pandas as pd

from ..disclosure.rules import MIN_PERSONS_DEFAULT
from ..messages import M, say
from ..palette import GROUP_SERIES
from ..schema import TIER_LABELS
from . import charts as rc
from . import html_parts as rh

SECTION_IDS = ("sources", "trends")

# Group values shown in the report (translated at run time).
VALUE_LABELS = {
    "circle": M("report.sources.value.circle"),
    "linear": M("report.sources.value.linear"),
    "Other": M("report.sources.value.other"),
    "Unknown": M("report.sources.value.unknown"),
    "All": M("report.sources.value.all"),
    "(none)": M("report.sources.value.none"),
    "no tier": M("report.sources.value.no_tier"),
    "return city": M("report.sources.value.return_city"),
    "source city": M("report.sources.value.source_city"),
    "valid": M("report.sources.value.valid"),
    "missing": M("report.sources.value.missing"),
    "out of range": M("report.sources.value.out_of_range"),
    "subject": M("report.sources.value.subject"),
    "unit type": M("report.sources.value.unit_type"),
    "tier": M("report.sources.value.tier"),
    "pattern": M("report.sources.value.pattern"),
}
# The tiers' words (schema.TIER_LABELS) as these sections write them.
TIER_WORDS = {
    "national core": M("report.sources.tier.national_core"),
    "regional excellent": M("report.sources.tier.regional_excellent"),
    "regional special": M("report.sources.tier.regional_special"),
}
SERIES_COLOURS = list(GROUP_SERIES)
HIDDEN_BAND = rc.HIDDEN  # a hidden year: grey behind the gap in the lines


def value_label(value) -> str:
    """A group value in the page's language: one of our words, a tier, else as given."""
    text = "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)
    word = VALUE_LABELS.get(text) or TIER_WORDS.get(text)
    return say(word) if word is not None else text


def group_name(by: str, group) -> str:
    if by == "tier" and str(group) in {str(t) for t in TIER_LABELS}:
        return say(TIER_WORDS[TIER_LABELS[int(group)]])
    return value_label(group)


def paragraph(text: str, cls: str = "") -> str:
    return f'<p class="{cls}">{rh.esc(text)}</p>' if cls else f"<p>{rh.esc(text)}</p>"


def hidden_note(frame: pd.DataFrame) -> str:
    """The disclosure note: how many cells and persons were merged or hidden."""
    cells = int(frame.attrs.get("hidden_cells", 0) or 0)
    if not cells:
        return ""
    if cells == 1:  # one cell: its persons would give its count away
        return paragraph(
            say(
                M(
                    "report.sources.1_cell_with_fewer_than",
                    n=frame.attrs.get("min_persons", MIN_PERSONS_DEFAULT),
                )
            ),
            "note",
        )
    return paragraph(
        say(
            M(
                "report.sources.cells_cells_with_fewer_than",
                cells=cells,
                n=frame.attrs.get("min_persons", MIN_PERSONS_DEFAULT),
                persons=int(frame.attrs.get("hidden_persons", 0) or 0),
            )
        ),
        "note",
    )


def hidden_years_note(frame: pd.DataFrame) -> str:
    """What a grey band in the charts means, and the complementary cells of the table."""
    n = frame.attrs.get("min_persons", MIN_PERSONS_DEFAULT)
    small = [str(y) for y in frame.attrs.get("hidden_years", [])]
    paired = [str(y) for y in frame.attrs.get("complementary_years", [])]
    parts = []
    if small:
        parts.append(
            say(M("report.sources.hidden_years_years_fewer_than", years=", ".join(small), n=n))
        )
    if paired:
        parts.append(say(M("report.sources.years_hidden_too_so_that", years=", ".join(paired))))
    cells = {c for c in frame.attrs.get("complementary_cells", ()) if c[1] == "persons"}
    if cells:
        one, many = (
            "report.sources.hidden_table_cells_more_cells.one",
            "report.sources.hidden_table_cells_more_cells",
        )
        parts.append(say(M(one) if len(cells) == 1 else M(many, cells=len(cells))))
    return paragraph(" ".join(parts), "note") if parts else ""
