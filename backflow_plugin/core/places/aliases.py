"""User place aliases: a table of (value, place[, country]) applied before resolving.

A researcher who has checked the unresolved values once ("Peking Univ." is Beijing,
"Suzhuo" is a typo for Suzhou) keeps the answers in a small CSV and gives it to every
later run as USER_ALIASES. A value matches a city cell when the two are equal after
trimming and case folding (NFKC, so full-width forms meet). The matched cell takes
the alias's place, and its country when the alias gives one; the row is flagged
``user_alias``. The place is then resolved like any city name.
"""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

import pandas as pd

from ..errors import BackflowInputError
from ..messages import M
from ..tables.delimited import read_text_table
from ..vectorise import map_unique, strip_text

ALIAS_COLUMNS = ("value", "place", "country")
FLAG_USER_ALIAS = "user_alias"
ACCEPTED = M("error.aliases.accepted")

_HEADERS = {
    "value": ("value", "name", "input", "原值", "原名", "原文"),
    "place": ("place", "city", "target", "地点", "城市"),
    "country": ("country", "country code", "国家", "國家"),
}


def alias_key(value: object) -> str:
    """The form a value and an alias are compared in."""
    if value is None:
        return ""
    return unicodedata.normalize("NFKC", str(value)).strip().casefold()


def _column(frame: pd.DataFrame, role: str) -> str | None:
    keys = {alias_key(c): c for c in frame.columns}
    return next((keys[k] for k in _HEADERS[role] if k in keys), None)


def aliases_from_frame(frame: pd.DataFrame, label: str = "aliases") -> pd.DataFrame:
    """A user table -> (value, place, country) with one row per distinct value.

    Raises BackflowInputError naming the file, column, row and value for a table that
    has no value/place columns, a row with a value and no place, or one value given
    two different places.
    """
    value_col, place_col = _column(frame, "value"), _column(frame, "place")
    if value_col is None or place_col is None:
        raise BackflowInputError(
            M("error.aliases.columns"),
            file=label,
            column=", ".join(map(str, frame.columns)),
            accepted=ACCEPTED,
        )
    country_col = _column(frame, "country")
    out = pd.DataFrame(
        {
            "value": strip_text(frame[value_col]).to_numpy(),
            "place": strip_text(frame[place_col]).to_numpy(),
            "country": strip_text(frame[country_col]).to_numpy() if country_col else "",
        }
    )
    out["row"] = range(1, len(out) + 1)
    out = out[out["value"].ne("") | out["place"].ne("")]
    no_place = out[out["place"].eq("")]
    if len(no_place):
        first = no_place.iloc[0]
        raise BackflowInputError(
            M("error.aliases.no_place"),
            file=label,
            column=place_col,
            row=int(first["row"]),
            value=first["value"],
            accepted=M("error.aliases.no_place.accepted"),
        )
    out = out[out["value"].ne("")]
    out["key"] = out["value"].map(alias_key)
    clash = out.drop_duplicates(["key", "place", "country"]).duplicated("key", keep=False)
    if clash.any():
        first = out[clash].iloc[-1]
        raise BackflowInputError(
            M("error.aliases.two_places"),
            file=label,
            column=value_col,
            row=int(first["row"]),
            value=first["value"],
            accepted=M("error.aliases.two_places.accepted"),
        )
    out = out.drop_duplicates("key")
    return out[["value", "place", "country", "key"]].reset_index(drop=True)


def read_aliases(path: str | Path) -> pd.DataFrame:
    """Read an alias CSV (any common encoding, any common delimiter)."""
    path = Path(path)
    if not path.is_file():
        raise BackflowInputError(M("error.aliases.no_file"), file=str(path), accepted=ACCEPTED)
    frame, _info = read_text_table(path)
    return aliases_from_frame(frame, path.name)


def write_aliases(path: str | Path, aliases: pd.DataFrame) -> Path:
    """Save (value, place, country) as a UTF-8 CSV that read_aliases takes back."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    table = aliases.reindex(columns=list(ALIAS_COLUMNS)).fillna("")
    table.to_csv(path, index=False, encoding="utf-8", quoting=csv.QUOTE_MINIMAL)
    return path


def merge_aliases(old: pd.DataFrame | None, new: pd.DataFrame) -> pd.DataFrame:
    """Old aliases updated by new ones (a value given again takes the new place)."""
    frames = [f for f in (new, old) if f is not None and len(f)]
    if not frames:
        return pd.DataFrame(columns=[*ALIAS_COLUMNS, "key"])
    both = pd.concat(frames, ignore_index=True)
    both["key"] = both["value"].map(alias_key)
    return both.drop_duplicates("key").reset_index(drop=True)


def apply_aliases(
    city: pd.Series, country: pd.Series, aliases: pd.DataFrame | None
) -> tuple[pd.Series, pd.Series, pd.Series]:
    """(city, country, hit): cells matching an alias take its place (and country)."""
    if aliases is None or aliases.empty:
        return city, country, pd.Series(False, index=city.index)
    keys = aliases["key"] if "key" in aliases.columns else aliases["value"].map(alias_key)
    place = pd.Series(aliases["place"].to_numpy(), index=keys.to_numpy())
    given = pd.Series(aliases["country"].fillna("").to_numpy(), index=keys.to_numpy())
    key = map_unique(city, alias_key, na_value="")
    hit = key.isin(place.index) & key.ne("")
    if not hit.any():
        return city, country, hit
    city = city.where(~hit, key.map(place))
    new_country = key.map(given).fillna("")
    country = country.where(~(hit & new_country.ne("")), new_country)
    return city, country, hit
