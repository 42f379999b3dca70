"""Wide tables (one row per person) to the canonical long form (one row per stage)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .errors import BackflowInputError
from .stage_labels import ACCEPTED_TEXT, normalise_stages
from .vectorise import strip_text

MAPPING_HELP = (
    "stage=CITY_COLUMN[,COUNTRY_COLUMN[,ORG_COLUMN[,YEAR_COLUMN]]] entries separated by ';', "
    "in life-course order, e.g. 'birth=bornCity,bornCountryCode; work=city,country; "
    "later=diedCity,diedCountryCode'"
)


@dataclass(frozen=True)
class WideStage:
    stage: str
    city: str
    country: str | None = None
    org: str | None = None
    year: str | None = None

    def columns(self) -> list[str]:
        return [c for c in (self.city, self.country, self.org, self.year) if c]


def parse_mapping(text: str, columns: list[str]) -> list[WideStage]:
    """Parse the user's column-to-stage mapping; every column named must exist."""
    entries = [e.strip() for e in (text or "").replace("\n", ";").split(";") if e.strip()]
    if not entries:
        raise BackflowInputError(
            "A wide table needs a mapping of columns to stages",
            column="WIDE_MAPPING",
            accepted=MAPPING_HELP,
        )
    stages: list[WideStage] = []
    for entry in entries:
        if "=" not in entry:
            raise BackflowInputError(
                "A mapping entry has no '='",
                column="WIDE_MAPPING",
                value=entry,
                accepted=MAPPING_HELP,
            )
        label, cols = (part.strip() for part in entry.split("=", 1))
        canonical, unknown = normalise_stages(pd.Series([label]))
        if unknown.iloc[0] or not canonical.iloc[0]:
            raise BackflowInputError(
                "Unknown stage label in the wide mapping",
                column="WIDE_MAPPING",
                value=label,
                accepted=ACCEPTED_TEXT,
            )
        names = [c.strip() for c in cols.split(",")]
        names += [""] * (4 - len(names))
        if len(names) > 4 or not names[0]:
            raise BackflowInputError(
                "A mapping entry must name a city column and at most country, org and year",
                column="WIDE_MAPPING",
                value=entry,
                accepted=MAPPING_HELP,
            )
        for name in filter(None, names):
            if name not in columns:
                raise BackflowInputError(
                    "The wide mapping names a column the table does not have",
                    column=name,
                    value=entry,
                    accepted="one of: {columns}",
                    columns=", ".join(columns),
                )
        stages.append(WideStage(canonical.iloc[0], *(n or None for n in names)))
    return stages


def wide_to_long(
    frame: pd.DataFrame, mapping: list[WideStage], person_col: str | None
) -> pd.DataFrame:
    """Reshape: one row per (person row, mapped stage) with a non-empty city cell.

    Output columns: person_id, seq, stage, city, country, org, year, source_row,
    source_column, plus the unmapped columns as person attributes. A person on
    several rows (same id) gets the stages of all rows; stages are ordered by the
    mapping first, then by row, and repeated identical stages are kept once.
    """
    mapped = {c for st in mapping for c in st.columns()}
    attrs = [c for c in frame.columns if c not in mapped and c != person_col]
    base = pd.DataFrame(
        {
            "person_id": strip_text(frame[person_col])
            if person_col
            else pd.Series(range(1, len(frame) + 1), index=frame.index).astype(str),
            "source_row": range(1, len(frame) + 1),
        },
        index=frame.index,
    )
    parts = []
    for position, st in enumerate(mapping):
        part = base.copy()
        part["stage"] = st.stage
        part["city"] = strip_text(frame[st.city])
        for role in ("country", "org", "year"):
            col = getattr(st, role)
            part[role] = strip_text(frame[col]) if col else ""
        part["source_column"] = st.city
        part["_position"] = position
        for a in attrs:
            part[a] = frame[a]
        # An organisation without a city may still give one (core.orgs).
        part["_org_only"] = part["city"].eq("")
        parts.append(part[part["city"].ne("") | part["org"].ne("")])
    long = pd.concat(parts, ignore_index=True)
    long = long.sort_values(["person_id", "_position", "source_row"], kind="stable")
    place = long["city"].where(~long["_org_only"], "\0" + long["org"])
    long = long[~long.assign(_place=place).duplicated(["person_id", "stage", "_place", "country"])]
    long["seq"] = long.groupby("person_id", sort=False).cumcount() + 1
    return long.drop(columns="_position").reset_index(drop=True)
