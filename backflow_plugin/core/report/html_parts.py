"""The pieces every section of the report page is built from: escaped text, formatted
numbers, HTML tables, a section and its row of headline figures.

The page (``page``) and its section modules (``regions_section``, ``sources_section``)
all import these from here, so no section needs the page that assembles it.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence

import pandas as pd

from ..frames import note_of
from ..messages import MESSAGES, Message, language, local_value, say, text, translated
from .charts import esc

# --------------------------------------------------------------------------- formatting


def words(msg) -> str:
    """A message of running text for an element's text, in the page's language.

    A translation is escaped as a whole; an English text keeps its template's quotes
    as written and escapes each value in full, as the page has always been written;
    plain text (from the data) is escaped in full.
    """
    lang = language()
    if not isinstance(msg, Message):  # a value the data hold, escaped in full
        return esc(msg)
    if translated(msg, lang):
        return html.escape(say(msg), quote=False)
    values = {
        key: esc(text(value, lang)) if isinstance(value, (str, Message)) else value
        for key, value in msg.values.items()
    }
    return html.escape(MESSAGES[msg.id], quote=False).format(**values)


def fmt_int(value) -> str:
    try:
        if value is None or pd.isna(value):
            return ""
        return f"{int(value):,}"
    except (TypeError, ValueError):
        return esc(value)


def fmt_pct(value, digits: int = 2) -> str:
    try:
        if value is None or pd.isna(value):
            return ""
        return f"{100 * float(value):.{digits}f} %"
    except (TypeError, ValueError):
        return esc(value)


def fmt_float(value, digits: int = 4) -> str:
    try:
        if value is None or pd.isna(value):
            return ""
        return f"{float(value):.{digits}g}"
    except (TypeError, ValueError):
        return esc(value)


def fmt_value(value) -> str:
    """A measure value: thousands separators for large numbers, 3 significant digits else."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        return esc(value)
    if math.isnan(v):
        return ""
    if abs(v) >= 1000:
        return f"{v:,.0f}"
    if abs(v) >= 100 or v == int(v):
        return f"{v:.0f}" if v == int(v) else f"{v:.1f}"
    return f"{v:.3g}"


def html_table(
    frame: pd.DataFrame,
    columns: Sequence[str] | None = None,
    headers: dict[str, str] | None = None,
    formats: dict[str, Callable] | None = None,
    total_row: Callable[[pd.Series], bool] | None = None,
    caption: str | None = None,
) -> str:
    """An escaped HTML table; numeric columns right-aligned."""
    columns = [c for c in (columns or frame.columns) if c in frame.columns]
    headers = headers or {}
    formats = formats or {}
    numeric = {c for c in columns if pd.api.types.is_numeric_dtype(frame[c].dtype)}
    out = ["<table>"]
    if caption:
        out.append(f'<caption class="caption">{esc(caption)}</caption>')
    out.append(
        "<thead><tr>"
        + "".join(
            f'<th class="{"num" if c in numeric else ""}">{esc(local_value(headers.get(c, c)))}</th>'
            for c in columns
        )
        + "</tr></thead><tbody>"
    )
    for _, row in frame.iterrows():
        cls = ' class="total"' if total_row is not None and total_row(row) else ""
        cells = []
        for c in columns:
            fn = formats.get(c)
            if fn is not None:
                text = fn(row[c])
            elif c in numeric and pd.api.types.is_integer_dtype(frame[c].dtype):
                text = fmt_int(row[c])
            elif c in numeric:
                text = fmt_float(row[c])
            else:
                text = esc(local_value(row[c]))
            cells.append(f'<td class="{"num" if c in numeric else ""}">{text}</td>')
        out.append(f"<tr{cls}>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


# --------------------------------------------------------------------------- sections


def note_paragraph(frame: pd.DataFrame | None, fallback: str | None = None) -> str:
    """The table's note (why it is empty or partial), else `fallback`, as a paragraph."""
    text = note_of(frame) if frame is not None else None
    text = text or fallback
    return f'<p class="note">{esc(text)}</p>' if text else ""


def section(sid: str, title: str, body: str) -> str:
    return f'<section id="{sid}">\n<h2>{esc(title)}</h2>\n{body}\n</section>'


def figures(items: Sequence[tuple[str, str]]) -> str:
    return (
        '<div class="figures">'
        + "".join(
            f'<div class="figure"><div class="value">{v}</div><div class="label">{esc(k)}</div></div>'
            for k, v in items
        )
        + "</div>"
    )
