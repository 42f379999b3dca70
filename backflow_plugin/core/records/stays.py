"""A stays table (person, place, start, end, role) -> ``careers.Record`` objects.

Any source that lists a person's stays with dates -- a Scopus export reshaped, a
hand-built list, another database -- comes in as a table read like the long table
(any encoding, XLSX...; ``core.tables.delimited``): one row per stay, columns found by name:

- person, place (city), country, organisation, province: as the long table's
  (``core.tables.fields``);
- start and end: a year or a date ('2004', '2004-09-01'); either may be empty, not both;
- role: a stage label (``phd``, 博士, ``return``...) or a role or degree text
  ("Postdoctoral Fellow", "Professor"); read as ``core.records.careers.stage_for`` reads an
  affiliation's text.

Rows are ordered per person as every dated affiliation is (``core.records.careers``): by start,
not by their place in the file. Each person is a record in RECORDS; a row with no date
is left out and counted there.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

import pandas as pd

from ..errors import BackflowInputError
from ..messages import M
from ..tables.fields import detect_fields
from ..tables.stage_labels import normalise_stages
from .careers import AFFILIATION, Affiliation, Record, date_tuple, stage_for

_STAY_NAMES = {
    "start": ("start", "start year", "start date", "from", "begin", "since", "开始", "开始年份",
              "起始年份", "开始时间", "起始", "入职"),
    "end": ("end", "end year", "end date", "to", "until", "till", "结束", "结束年份", "结束时间",
            "终止", "离职"),
    "role": ("role", "stage", "position", "degree", "title", "role title", "job title",
             "角色", "职位", "學位", "学位", "阶段", "职称"),
}  # fmt: skip


def _norm(name: str) -> str:
    text = unicodedata.normalize("NFKC", str(name)).casefold()
    return re.sub(r"[\s._\-/()（）]+", " ", text).strip()


def stay_columns(columns: list[str]) -> dict[str, str | None]:
    """Column of each role of a stays table: person, city, country, org, province,
    start, end, role (None when absent)."""
    keys = {c: _norm(c) for c in columns}
    found: dict[str, str | None] = {}
    for role, names in _STAY_NAMES.items():
        found[role] = next(
            (c for n in names for c in columns if keys[c] == n and c not in found.values()), None
        )
    rest = [c for c in columns if c not in found.values()]
    detected = detect_fields(rest)
    for role in ("person", "city", "country", "org", "province"):
        found[role] = detected.get(role)
    return found


def is_stays_table(columns: list[str]) -> bool:
    found = stay_columns(columns)
    return bool(found["person"] and found["start"] and found["end"])


def _label_or_text(label: object, role: str) -> str:
    """The stage label when the role is one (unknown labels are None or NaN), else read
    from the text."""
    return label if isinstance(label, str) and label else stage_for(role, AFFILIATION)


def read_stays(frame: pd.DataFrame, file_label: str = "input") -> Iterator[Record]:
    """One record per person of a stays table (text cells), in the order persons appear."""
    cols = stay_columns(list(frame.columns))
    for role in ("person", "start", "end"):
        if not cols[role]:
            raise BackflowInputError(
                M("error.records.stays_no_role", role=role),
                file=file_label,
                accepted=M(
                    "error.records.stays_no_role.accepted",
                    columns=", ".join(map(str, frame.columns)),
                ),
            )
    if not (cols["city"] or cols["country"] or cols["org"]):
        raise BackflowInputError(
            M("error.records.stays_no_place"),
            file=file_label,
            accepted=M("error.records.stays_no_place.accepted"),
        )

    def cell(row, role) -> str:
        col = cols[role]
        value = row[col] if col else ""
        return (
            ""
            if value is None or (isinstance(value, float) and value != value)
            else str(value).strip()
        )

    # a stage label as the long table takes it ("phd", 博士, "return"), else read as text
    labels = (
        normalise_stages(frame[cols["role"]].fillna("").astype(str))[0].tolist()
        if cols["role"]
        else [None] * len(frame)
    )
    records: dict[str, Record] = {}
    for i, row in enumerate(frame.to_dict("records"), 1):
        person = cell(row, "person")
        if not person:
            person = f"row {i}"
        role = cell(row, "role")
        a = Affiliation(
            section=AFFILIATION,
            role=role,
            org=cell(row, "org"),
            city=cell(row, "city"),
            region=cell(row, "province"),
            country=cell(row, "country"),
            start=date_tuple(cell(row, "start")),
            end=date_tuple(cell(row, "end")),
            stage=_label_or_text(labels[i - 1], role),
        )
        rec = records.get(person)
        if rec is None:
            rec = records[person] = Record(person, f"{file_label}, row {i}")
        rec.affiliations.append(a)
    yield from records.values()
