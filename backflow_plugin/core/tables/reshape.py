"""Wide tables (one row per person) to the canonical long form (one row per stage).

The column-to-stage mapping (WIDE_MAPPING) is text, one entry per stage in life-course
order, entries separated by ';' (or new lines). Two forms of entry are read:

- keyed: ``stage=city:COLUMN,org:COLUMN,year:COLUMN,country:COLUMN``, every part
  optional but one naming a place (``city``) or an organisation (``org``), in any
  order; Chinese keys are read too (城市/地点, 单位/机构, 年份, 国家). An entry with
  only an organisation takes its city from the organisation (core.places.orgs).
- positional (the first form, still read): ``stage=CITY[,COUNTRY[,ORG[,YEAR]]]``.

``format_mapping`` writes the keyed form; the panel's grid and the wide detection
(core.tables.wide_layout) produce it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from ..errors import BackflowInputError
from ..messages import M
from ..vectorise import strip_text
from .stage_labels import ACCEPTED_TEXT, normalise_stages

# what a wide mapping looks like (also the help of the WIDE_MAPPING parameter)
MAPPING_HELP = M("error.wide.mapping_help")
# The keys of the keyed form (English and Chinese) -> WideStage attribute.
PART_KEYS = {
    "city": "city", "place": "city", "城市": "city", "地点": "city",
    "country": "country", "国家": "country",
    "org": "org", "organisation": "org", "organization": "org", "单位": "org", "机构": "org",
    "year": "year", "年份": "year", "年": "year",
}  # fmt: skip
PART_ROLES = ("city", "org", "year", "country")  # the order format_mapping writes
_KEYED = re.compile(r"^\s*([^:：]+?)\s*[:：]\s*(.*?)\s*$")


@dataclass(frozen=True)
class WideStage:
    stage: str
    city: str | None = None
    country: str | None = None
    org: str | None = None
    year: str | None = None

    def columns(self) -> list[str]:
        return [c for c in (self.city, self.country, self.org, self.year) if c]

    @property
    def place_columns(self) -> list[str]:
        """The columns that can place the stage: its city, else its organisation."""
        return [c for c in (self.city, self.org) if c]

    @property
    def source_column(self) -> str:
        """The column a stage row is reported under (its place column)."""
        return self.city or self.org or ""


def format_mapping(stages: list[WideStage]) -> str:
    """The keyed mapping text of `stages` (parse_mapping reads it back)."""
    entries = []
    for st in stages:
        parts = [f"{role}:{getattr(st, role)}" for role in PART_ROLES if getattr(st, role)]
        entries.append(f"{st.stage}=" + ",".join(parts))
    return "; ".join(entries)


def _keyed_parts(entry: str, parts: list[str], columns: list[str]) -> dict[str, str] | None:
    """{role: column} of a keyed entry; None when the entry is positional."""
    keyed = {}
    for part in parts:
        match = _KEYED.match(part) if part not in columns else None
        role = PART_KEYS.get(match.group(1).casefold()) if match else None
        if role is None:
            if keyed:
                raise BackflowInputError(
                    M("error.wide.mixed_parts"),
                    column="WIDE_MAPPING",
                    value=entry,
                    accepted=MAPPING_HELP,
                )
            return None
        if role in keyed or not match.group(2):
            raise BackflowInputError(
                M("error.wide.part_twice"),
                column="WIDE_MAPPING",
                value=entry,
                accepted=MAPPING_HELP,
            )
        keyed[role] = match.group(2)
    return keyed


def parse_mapping(text: str, columns: list[str]) -> list[WideStage]:
    """Parse the user's column-to-stage mapping; every column named must exist."""
    entries = [e.strip() for e in (text or "").replace("\n", ";").split(";") if e.strip()]
    if not entries:
        raise BackflowInputError(
            M("error.wide.no_mapping"), column="WIDE_MAPPING", accepted=MAPPING_HELP
        )
    stages: list[WideStage] = []
    for entry in entries:
        if "=" not in entry:
            raise BackflowInputError(
                M("error.wide.no_equals"), column="WIDE_MAPPING", value=entry, accepted=MAPPING_HELP
            )
        label, cols = (part.strip() for part in entry.split("=", 1))
        canonical, unknown = normalise_stages(pd.Series([label]))
        if unknown.iloc[0] or not canonical.iloc[0]:
            raise BackflowInputError(
                M("error.wide.unknown_stage"),
                column="WIDE_MAPPING",
                value=label,
                accepted=ACCEPTED_TEXT,
            )
        parts = [c.strip() for c in re.split(r"[,，]", cols)]
        keyed = _keyed_parts(entry, [p for p in parts if p], columns)
        if keyed is None:
            names = parts + [""] * (4 - len(parts))
            if len(names) > 4 or not (names[0] or names[2]):  # "phd=,,博士": org only
                raise BackflowInputError(
                    M("error.wide.positional_parts"),
                    column="WIDE_MAPPING",
                    value=entry,
                    accepted=MAPPING_HELP,
                )
            keyed = {r: n for r, n in zip(("city", "country", "org", "year"), names) if n}
        if not (keyed.get("city") or keyed.get("org")):
            raise BackflowInputError(
                M("error.wide.no_place_column"),
                column="WIDE_MAPPING",
                value=entry,
                accepted=MAPPING_HELP,
            )
        for name in keyed.values():
            if name not in columns:
                raise BackflowInputError(
                    M("error.wide.unknown_column"),
                    column=name,
                    value=entry,
                    accepted=M("error.one_of", columns=", ".join(columns)),
                )
        stages.append(WideStage(canonical.iloc[0], **keyed))
    return stages


def wide_to_long(
    frame: pd.DataFrame, mapping: list[WideStage], person_col: str | None
) -> pd.DataFrame:
    """Reshape: one row per (person row, mapped stage) with a non-empty city or org cell.

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
        for role in ("city", "country", "org", "year"):
            col = getattr(st, role)
            part[role] = strip_text(frame[col]) if col else ""
        part["source_column"] = st.source_column
        part["_position"] = position
        for a in attrs:
            part[a] = frame[a]
        # An organisation without a city may still give one (core.places.orgs). Where the
        # stage has a city column, an organisation that finds none is no stage (as an
        # empty city cell); where the organisation is the stage's place, it is listed
        # as unresolved.
        part["_org_only"] = part["city"].eq("") & (st.city is not None)
        part["_org_place"] = st.city is None
        parts.append(part[part["city"].ne("") | part["org"].ne("")])
    long = pd.concat(parts, ignore_index=True)
    long = long.sort_values(["person_id", "_position", "source_row"], kind="stable")
    place = long["city"].where(long["city"].ne(""), "\0" + long["org"])
    long = long[~long.assign(_place=place).duplicated(["person_id", "stage", "_place", "country"])]
    long["seq"] = long.groupby("person_id", sort=False).cumcount() + 1
    return long.drop(columns="_position").reset_index(drop=True)
