"""The gazetteer: city names -> places (pure Python + pandas, no QGIS).

A ``Gazetteer`` holds the places (``cities``, one row per ``city_id``) and their name
index (``name_index.py``, built on first use); how a name finds its place is
``resolve.py`` (the matching order, countries, provinces, same-named places). The bundled
gazetteer (resources/gazetteer) is read once per process, under a lock the panel's
warm-up shares.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from ...paths import GAZETTEER_DIR
from ..errors import BackflowInputError
from ..messages import M
from .countries import Countries
from .name_index import LEVEL_PLACE, NameIndex, build_index, with_fuzzy
from .resolve import REASON_NO_PLACE as REASON_NO_PLACE  # the trajectories import it here
from .resolve import Matching

GAZETTEER_COLUMNS = (
    "city_id",
    "name",
    "name_zh",
    "name_zh_hant",
    "country",
    "province",
    "province_zh",
    "admin_rank",
    "lon",
    "lat",
    "population",
    "aliases",
    "level",
    "prefecture_id",
    "county_id",
    "province_id",
)


@dataclass
class Gazetteer(Matching):
    """Places with names, aliases, country and coordinates; ``city_id`` unique.

    ``small``: an optional loader of a second gazetteer of smaller places, consulted
    only when a name is not found here (or not in the row's country or province); the
    places it resolves are added to ``cities``.
    """

    cities: pd.DataFrame
    countries: Countries | None = field(default=None, repr=False)
    small: object = field(default=None, repr=False)
    trusted: bool = field(default=False, repr=False)
    form_keys: dict | None = field(default=None, repr=False)  # precomputed, see below
    _index: NameIndex | None = field(default=None, init=False, repr=False)
    _stage_cache: dict = field(default_factory=dict, init=False, repr=False)
    _small_gaz: Gazetteer | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        df = self.cities.copy()
        for col in GAZETTEER_COLUMNS:
            if col not in df.columns:
                df[col] = None
        df["city_id"] = df["city_id"].astype(str)
        if not df["city_id"].is_unique:
            dup = df.loc[df["city_id"].duplicated(), "city_id"].iloc[0]
            raise BackflowInputError(
                M("error.gazetteer.ids_not_unique"),
                column="city_id",
                value=dup,
                accepted=M("error.gazetteer.ids_not_unique.accepted"),
            )
        for col in ("lon", "lat"):
            df[col] = pd.to_numeric(df[col], errors="coerce")
        df["population"] = (
            pd.to_numeric(df["population"], errors="coerce").fillna(0).astype("int64")
        )
        text_cols = [c for c in GAZETTEER_COLUMNS if c not in ("lon", "lat", "population")]
        for col in text_cols:
            s = df[col].astype(object)
            if self.trusted:  # the bundled files: written stripped by the build script
                df[col] = s.where(s.notna() & s.ne(""), None)
            else:
                df[col] = s.where(s.notna() & s.astype(str).str.strip().ne(""), None)
        # A place of a user gazetteer is its own prefecture and county.
        df["level"] = df["level"].fillna(LEVEL_PLACE)
        for col in ("prefecture_id", "county_id"):
            df[col] = df[col].fillna(df["city_id"])
        self.cities = df.reset_index(drop=True)

    # ------------------------------------------------------------------ constructors

    @classmethod
    def bundled(cls, should_stop: Callable[[], bool] | None = None) -> Gazetteer:
        """The gazetteer shipped in resources/gazetteer (read once per process).

        ``should_stop``: asked while the panel's warm-up holds the load (True raises
        ``Cancelled``), so a cancel need not wait for the warm-up's read.
        """
        with _load_lock(should_stop):
            return _bundled_gazetteer()

    @classmethod
    def from_csv(cls, path, small=None, trusted: bool = False) -> Gazetteer:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
        return cls(df, small=small, trusted=trusted)

    @classmethod
    def from_frame(
        cls,
        df: pd.DataFrame,
        name_col: str = "name",
        country_col: str | None = None,
        lon_col: str = "lon",
        lat_col: str = "lat",
        id_col: str | None = None,
    ) -> Gazetteer:
        """A user gazetteer (e.g. a point layer's attributes and coordinates).

        Missing columns become None; ids are made ("U1", "U2", ...) when ``id_col`` is
        not given; countries may be codes or names (unknown ones become None). Columns
        named like the bundled ones (name_zh, province, admin_rank, population,
        aliases...) are carried over.
        """
        if name_col not in df.columns:
            raise BackflowInputError(
                M("error.gazetteer.no_name_column"),
                column=name_col,
                accepted=", ".join(map(str, df.columns)),
            )
        n = len(df)
        out = pd.DataFrame(index=range(n))
        if id_col:
            out["city_id"] = df[id_col].astype(str).to_numpy()
        else:
            out["city_id"] = [f"U{i}" for i in range(1, n + 1)]
        out["name"] = df[name_col].astype(object).to_numpy()
        if country_col and country_col in df.columns:
            countries = Countries.bundled()
            iso = countries.to_iso2(df[country_col].astype(object).reset_index(drop=True))
            out["country"] = iso.to_numpy()
        out["lon"] = df[lon_col].to_numpy() if lon_col in df.columns else None
        out["lat"] = df[lat_col].to_numpy() if lat_col in df.columns else None
        for col in GAZETTEER_COLUMNS:
            if col not in out.columns and col in df.columns:
                out[col] = df[col].to_numpy()
        return cls(out)

    # ------------------------------------------------------------------ index

    @property
    def index(self) -> NameIndex:
        if self._index is None:
            with _load_lock():  # a run and the panel's warm-up build it once
                if self._index is None:
                    self._index = build_index(
                        self.cities, self.trusted, self.form_keys, self._check_stop
                    )
        return self._index

    def _fuzzy(self) -> NameIndex:
        """The index with its trigram part built (first call only)."""
        return with_fuzzy(self.index, self._check_stop)

    def _small(self) -> Gazetteer | None:
        if self._small_gaz is None and self.small is not None:
            self._check_stop()
            small = self.small() if callable(self.small) else self.small
            small.index  # noqa: B018 - built now, between looks at a cancel
            self._small_gaz = small
            self._check_stop()
        return self._small_gaz

    def adopt_rows(self, rows: pd.DataFrame) -> None:
        """Append places made while resolving (province places) to ``cities``, once."""
        new = rows[~rows["city_id"].isin(set(self.cities["city_id"]))]
        if not new.empty:
            new = new.reindex(columns=self.cities.columns)
            self.cities = pd.concat([self.cities, new], ignore_index=True)

    # ------------------------------------------------------------------ helpers

    def info(self, city_id: str) -> pd.Series:
        """The row of one place."""
        rows = self.cities[self.cities["city_id"].eq(city_id)]
        if rows.empty:
            raise KeyError(city_id)
        return rows.iloc[0]


def _load_small() -> Gazetteer | None:
    path = GAZETTEER_DIR / "small_places.csv"
    if not path.is_file():
        return None
    # read (~0.2 s) and prepared (~0.25 s) with a look at the cancel in between
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    Gazetteer._check_stop()
    return Gazetteer(df, trusted=True)


# Held while the bundled gazetteer is read or an index built: the panel's warm-up
# (core/places/warmup.py) may be doing it in another thread when a run asks.
_LOAD_LOCK = threading.RLock()
# How often a thread waiting for _LOAD_LOCK looks at its cancel.
LOCK_POLL_S = 0.1


@contextmanager
def _load_lock(should_stop: Callable[[], bool] | None = None) -> Iterator[None]:
    """_LOAD_LOCK, waited for in short steps: a cancel (``should_stop``, else the
    running resolve's) raises ``Cancelled`` instead of waiting for the warm-up."""
    while not _LOAD_LOCK.acquire(timeout=LOCK_POLL_S):
        Gazetteer._check_stop(should_stop)
    try:
        yield
    finally:
        _LOAD_LOCK.release()


@lru_cache(maxsize=1)
def _bundled_gazetteer() -> Gazetteer:
    gaz = Gazetteer.from_csv(GAZETTEER_DIR / "cities.csv", small=_load_small, trusted=True)
    keys = GAZETTEER_DIR / "name_keys.csv"
    if keys.is_file():
        k = pd.read_csv(keys, dtype=str, keep_default_na=False, encoding="utf-8")
        gaz.form_keys = dict(zip(k["form"], k["key"]))
    return gaz
