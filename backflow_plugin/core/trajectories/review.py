"""A quick dry geocode for the panel's "Review unresolved" step.

Runs the import's first steps (long form, aliases, organisations, resolving) on a
table and lists each distinct city value that did not resolve, with its number of
rows, the reason and the gazetteer's suggestions. The user's answers become alias rows
(``core.places.aliases``) that the run applies before resolving.
"""

from __future__ import annotations

import re

import pandas as pd

from ..places.aliases import alias_key
from ..places.countries import Countries
from ..places.gazetteer import Gazetteer
from ..places.names import is_missing_place
from ..places.tolerant import FLAG_FUZZY
from ..schema import DEFAULT_HOME_COUNTRY
from ..tables.reshape import WideStage
from .geocode import geocode
from .long_table import FieldMap, to_long

REVIEW_COLUMNS = ("value", "rows", "reason", "suggestions")
# Problems an alias cannot fix: they concern other columns.
_NOT_PLACES = ("unknown stage label", "unknown country", "no stage city in this row")
_LABEL = re.compile(r"^(.*?)\s*\(([A-Z]{2})\)$")


def unresolved_values(
    frame: pd.DataFrame,
    fields: FieldMap,
    *,
    wide: list[WideStage] | None = None,
    home_country: str = DEFAULT_HOME_COUNTRY,
    gazetteer: Gazetteer | None = None,
    countries: Countries | None = None,
    aliases: pd.DataFrame | None = None,
    org_table: pd.DataFrame | None = None,
    file_label: str = "input",
) -> pd.DataFrame:
    """One row per distinct unresolved city value: value, rows, reason, suggestions.

    Most frequent first. Values that are only missing markers ("", "NA", "不详") are
    left out: there is no place to give them.
    """
    gazetteer = gazetteer or Gazetteer.bundled()
    countries = countries or Countries.bundled()
    long, _attrs, _ = to_long(frame, fields, wide=wide, file_label=file_label)
    _stages, unresolved = geocode(
        long,
        gazetteer,
        countries,
        home_country,
        fields,
        file_label,
        aliases=aliases,
        org_table=org_table,
    )
    rows = unresolved[~unresolved["reason"].isin(_NOT_PLACES)]
    rows = rows[~rows["value"].map(is_missing_place).astype(bool)]
    fuzzy = fuzzy_values(_stages)
    if rows.empty:
        return fuzzy if not fuzzy.empty else pd.DataFrame(columns=list(REVIEW_COLUMNS))
    rows = rows.assign(key=rows["value"].map(alias_key))
    out = (
        rows.groupby("key", sort=False)
        .agg(
            value=("value", "first"),
            rows=("value", "size"),
            reason=("reason", "first"),
            suggestions=("suggestions", "first"),
        )
        .reset_index(drop=True)
    )
    out["suggestions"] = out["suggestions"].fillna("").astype(str)
    out = out.sort_values(["rows", "value"], ascending=[False, True], kind="stable")
    # fuzzy matches first: each is a guess the user should confirm or correct
    return pd.concat([fuzzy, out[list(REVIEW_COLUMNS)]], ignore_index=True)


def fuzzy_values(stages: pd.DataFrame) -> pd.DataFrame:
    """One row per distinct city value placed by a fuzzy match (an OCR or typing
    slip: Now York, 大浦): value, rows, reason "fuzzy match (distance N)", and the place
    chosen as the suggestion, so that picking it confirms the guess."""
    if stages.empty or "flags" not in stages.columns or "city_input" not in stages.columns:
        return pd.DataFrame(columns=list(REVIEW_COLUMNS))
    hit = stages[
        stages["flags"].fillna("").astype(str).str.split(";").map(lambda f: FLAG_FUZZY in f)
    ]
    if hit.empty:
        return pd.DataFrame(columns=list(REVIEW_COLUMNS))
    dist = hit["match"].astype(str).str.extract(r":(\d+)$", expand=False).fillna("?")
    label = hit["city"].astype(str) + " (" + hit["country"].fillna("").astype(str) + ")"
    rows = pd.DataFrame(
        {
            "key": hit["city_input"].map(alias_key),
            "value": hit["city_input"],
            "reason": "fuzzy match (distance " + dist + ")",
            "suggestions": label,
        }
    )
    out = (
        rows.groupby("key", sort=False)
        .agg(
            value=("value", "first"),
            rows=("value", "size"),
            reason=("reason", "first"),
            suggestions=("suggestions", "first"),
        )
        .reset_index(drop=True)
    )
    out = out.sort_values(["rows", "value"], ascending=[False, True], kind="stable")
    return out[list(REVIEW_COLUMNS)].reset_index(drop=True)


def split_suggestions(text: str) -> list[str]:
    """'Suzhou (CN); Sucre (BO)' -> ['Suzhou (CN)', 'Sucre (BO)']."""
    return [s.strip() for s in str(text or "").split(";") if s.strip()]


def choice_to_alias(value: str, choice: str) -> dict | None:
    """A user's answer for one value -> an alias row, or None for no answer.

    A suggestion 'Suzhou (CN)' gives place 'Suzhou' and country 'CN'; any other text
    is the place as typed ("苏州", "Cambridge, MA").
    """
    choice = str(choice or "").strip()
    if not choice:
        return None
    m = _LABEL.match(choice)
    if m:
        return {"value": value, "place": m.group(1), "country": m.group(2)}
    return {"value": value, "place": choice, "country": ""}


def aliases_from_choices(choices: dict[str, str]) -> pd.DataFrame:
    """{value: answer} -> alias rows (value, place, country, key); blanks left out."""
    rows = [a for a in (choice_to_alias(v, c) for v, c in choices.items()) if a]
    out = pd.DataFrame(rows, columns=["value", "place", "country"])
    out["key"] = out["value"].map(alias_key)
    return out
