"""Countries: names, codes and the report's regions (pure Python, no QGIS).

Reads ``resources/gazetteer/countries.csv`` (columns iso2, iso3, name, name_zh,
continent, region, aliases). ``to_iso2`` accepts ISO2 and ISO3 codes, English names,
Chinese names and common aliases ("USA", "UK", "England", "the Netherlands", "中国"),
case-insensitively, and historic forms such as "Prussia (now Germany)" (the "now" name
wins). Unknown values give None.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ...paths import GAZETTEER_DIR
from ..vectorise import map_unique, none_for_missing
from .names import _is_missing, name_candidates, normalise_name

# The paper's grouping of overseas experience.
REGIONS = ("USA", "UK", "Europe", "Asia", "Australia", "Other")
# How the report and the paper's figures name them.
REGION_LABELS = {
    "USA": "USA",
    "UK": "UK",
    "Europe": "Rest of Europe",
    "Asia": "Asia",
    "Australia": "Australia",
    "Other": "Other",
}


@dataclass
class Countries:
    table: pd.DataFrame
    _exact: dict = field(default_factory=dict, repr=False)
    _norm: dict = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        t = self.table.fillna("")
        exact: dict[str, str] = {}
        norm: dict[str, str] = {}
        # Later entries do not override earlier ones: codes first, then names, aliases.
        for col in ("iso2", "iso3", "name", "name_zh", "aliases"):
            for iso2, value in zip(t["iso2"], t[col]):
                forms = str(value).split("|") if col == "aliases" else [str(value)]
                for form in forms:
                    form = form.strip()
                    if not form:
                        continue
                    exact.setdefault(form.casefold(), iso2)
                    if col not in ("iso2", "iso3"):
                        key = normalise_name(form)
                        if key:
                            norm.setdefault(key, iso2)
                            if key.startswith("the "):
                                norm.setdefault(key[4:], iso2)
        self._exact, self._norm = exact, norm
        self._info = t.set_index("iso2")

    @classmethod
    def bundled(cls) -> Countries:
        return _bundled_countries()

    @classmethod
    def from_csv(cls, path: str | Path) -> Countries:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
        return cls(table.replace("", None))

    # ------------------------------------------------------------------ lookups

    def lookup(self, value: object) -> str | None:
        """ISO2 of one value, or None."""
        if _is_missing(value):
            return None
        text = str(value).strip()
        if not text:
            return None
        hit = self._exact.get(text.casefold())
        if hit:
            return hit
        for cand in name_candidates(text):
            hit = self._norm.get(cand) or self._norm.get(cand.removeprefix("the "))
            if hit:
                return hit
            if len(cand) in (2, 3) and cand.isascii():
                hit = self._exact.get(cand)
                if hit:
                    return hit
        return None

    def to_iso2(self, series: pd.Series) -> pd.Series:
        """ISO2 codes for a Series of codes or names (None where unknown)."""
        s = pd.Series(series, dtype=object) if not isinstance(series, pd.Series) else series
        # each distinct value looked up once; a missing one or an unknown gives None
        return map_unique(s.astype(object), self._iso2_or_none)

    def _iso2_or_none(self, value: object) -> str | None:
        code = None if _is_missing(value) else self.lookup(value)
        return None if _is_missing(code) else code

    def _attr(self, iso2, column: str):
        if isinstance(iso2, pd.Series):
            col = self._info[column].replace("", None)
            # once per distinct code: a stage table repeats a few hundred codes
            return none_for_missing(
                map_unique(
                    iso2.astype(object),
                    lambda v: None if _is_missing(v) else col.get(str(v).upper()),
                )
            )
        if _is_missing(iso2):
            return None
        value = self._info[column].get(str(iso2).upper())
        return value or None

    def region_of(self, iso2):
        """USA, UK, Europe, Asia, Australia or Other (None for unknown codes)."""
        return self._attr(iso2, "region")

    def continent_of(self, iso2):
        """GeoNames continent code (AF, AN, AS, EU, NA, OC, SA)."""
        return self._attr(iso2, "continent")

    def name_of(self, iso2):
        return self._attr(iso2, "name")

    def name_zh_of(self, iso2):
        return self._attr(iso2, "name_zh")


@lru_cache(maxsize=1)
def _bundled_countries() -> Countries:
    return Countries.from_csv(GAZETTEER_DIR / "countries.csv")
