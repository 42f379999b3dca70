"""Overseas experience by country and by the paper's world regions (with the user's
region overrides).
"""

from __future__ import annotations

import logging
import re

import numpy as np
import pandas as pd

from ..disclosure.notes import counted
from ..errors import BackflowInputError
from ..frames import empty_frame, group_text, is_domestic
from ..messages import M
from ..places.countries import REGION_LABELS, REGIONS, Countries
from ..sources.stage_keys import person_codes
from ..vectorise import map_unique
from .persons import missing_note

log = logging.getLogger("backflow")

COUNTRY_COLUMNS = ("country", "name", "region", "persons", "share")
REGION_COLUMNS = ("region", "label", "persons", "share", "base")


# --------------------------------------------------------------------------- overseas


def parse_region_overrides(text: str | None) -> dict[str, str]:
    """'RU=Other; TR=Europe' -> {'RU': 'Other', 'TR': 'Europe'} (regions of ``REGIONS``)."""
    out: dict[str, str] = {}
    for part in re.split(r"[;,\n]+", text or ""):
        if not part.strip():
            continue
        if "=" not in part:
            raise BackflowInputError(
                M("error.report.region_override_form"),
                value=part.strip(),
                accepted=M(
                    "error.report.region_override_form.accepted", regions=", ".join(REGIONS)
                ),
            )
        code, region = (x.strip() for x in part.split("=", 1))
        match = next((r for r in REGIONS if r.casefold() == region.casefold()), None)
        if match is None:
            raise BackflowInputError(
                M("error.report.region_override_unknown"), value=region, accepted=", ".join(REGIONS)
            )
        out[code.upper()] = match
    return out


def region_of(iso2: pd.Series, countries: Countries, regions: dict[str, str] | None) -> pd.Series:
    region = countries.region_of(iso2)
    if regions:
        override = iso2.map(lambda v: regions.get(str(v).upper()))
        region = override.where(override.notna(), region)
    return region.fillna("Other")


def _distinct(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Positions of the first row of each distinct (first, second) pair of codes, in
    row order (as drop_duplicates keeps them)."""
    span = int(second.max()) + 2 if len(second) else 1
    return np.sort(np.unique(first.astype(np.int64) * span + second + 1, return_index=True)[1])


def abroad_countries(stages: pd.DataFrame, countries: Countries) -> tuple[pd.DataFrame, int]:
    """(person (an integer code) and iso2 of every country a person stayed in abroad,
    each pair once; the number of persons in STAGES). Both overseas tables count
    these (``build_report`` makes them once)."""
    person, persons = person_codes(stages["person_id"])
    abroad = ~is_domestic(stages["domestic"])
    country = stages["country"][abroad]
    iso = countries.to_iso2(country)
    iso2 = iso.where(iso.notna(), map_unique(country, group_text)).fillna("??").to_numpy()
    person = person[abroad]
    keep = _distinct(person, pd.factorize(iso2)[0])
    return pd.DataFrame({"person": person[keep], "iso2": iso2[keep]}), len(persons)


def overseas_by_country(
    stages: pd.DataFrame,
    countries: Countries | None = None,
    regions: dict[str, str] | None = None,
    abroad: tuple[pd.DataFrame, int] | None = None,
) -> pd.DataFrame:
    """Persons with at least one overseas stage in each country, as a share of all persons.

    Columns: country (ISO2; the raw value when unknown), name, region (the paper's
    grouping), persons, share. Sorted by persons, largest first. `abroad`:
    ``abroad_countries(stages, countries)``, when already made.
    """
    for col in ("country", "domestic", "person_id"):
        if col not in stages.columns:
            return empty_frame(COUNTRY_COLUMNS, missing_note(col))
    countries = countries or Countries.bundled()
    s, base = abroad_countries(stages, countries) if abroad is None else abroad
    counts = s.groupby("iso2").size().reset_index(name="persons")
    counts = counts.sort_values(["persons", "iso2"], ascending=[False, True])
    out = pd.DataFrame(
        {
            "country": counts["iso2"].to_numpy(),
            "name": countries.name_of(counts["iso2"]).to_numpy(),
            "region": region_of(counts["iso2"], countries, regions).to_numpy(),
            "persons": counts["persons"].astype("int64").to_numpy(),
        }
    )
    out["share"] = out["persons"] / base if base else np.nan
    return out[list(COUNTRY_COLUMNS)].reset_index(drop=True)


def overseas_by_region(
    stages: pd.DataFrame,
    countries: Countries | None = None,
    regions: dict[str, str] | None = None,
    abroad: tuple[pd.DataFrame, int] | None = None,
) -> pd.DataFrame:
    """Persons with at least one overseas stage in each region, as a share of all persons.

    Regions in the paper's order (USA, UK, rest of Europe, Asia, Australia, other; a
    country the bundled table does not know counts as Other; `regions` overrides the
    bundled grouping per ISO2 code, e.g. {"RU": "Other"}). A person counts once
    per region (and in every region they stayed in). Columns: region (code), label,
    persons, share, base (all persons in the table). ``attrs["multi_region"]`` is
    the number of persons counted in more than one region. `abroad`:
    ``abroad_countries(stages, countries)``, when already made.
    """
    for col in ("country", "domestic", "person_id"):
        if col not in stages.columns:
            return empty_frame(REGION_COLUMNS, missing_note(col))
    countries = countries or Countries.bundled()
    s, base = abroad_countries(stages, countries) if abroad is None else abroad
    region = region_of(s["iso2"], countries, regions).to_numpy()
    person = s["person"].to_numpy()
    per = pd.DataFrame({"person": person, "region": region}).iloc[
        _distinct(person, pd.factorize(region)[0])
    ]
    counts = per.groupby("region").size()
    out = pd.DataFrame({"region": list(REGIONS)})
    out["label"] = out["region"].map(REGION_LABELS)
    out["persons"] = [int(counts.get(r, 0)) for r in REGIONS]
    out["share"] = out["persons"] / base if base else np.nan
    out["base"] = int(base)
    multi = int((np.bincount(per["person"].to_numpy()) > 1).sum())
    out.attrs["multi_region"] = multi
    if multi:
        out.attrs["note"] = counted(multi, "note.multi_region.one", "note.multi_region")
    return out[list(REGION_COLUMNS)]
