"""Counties that are gone, and where each went (pure Python + pandas, no QGIS).

Two rules, tried when a Chinese name matches no place of the gazetteer:

1. **The table** ``resources/gazetteer/historic_counties.csv`` (built by
   ``scripts/build_historic_counties.py``): every county-level unit of the code lists
   since 1981 whose name is no longer in use, followed through the change records to
   today's unit (定县 -> 定州, 广济县 -> 武穴, 沔阳县 -> 仙桃), and county renamings
   before 1981 (崞县 -> 原平, 黄安县 -> 红安县). Each row keeps its source. A name is
   found with or without its 县 when the stem has two characters or more (沔阳).
   Its pinyin and Wade-Giles forms (Tinghsien, Huang-an Hsien) are found too, for a
   row in China or without a country.
2. **The stem rule**: an old "X县" is today's unit of the same stem with another
   suffix (X州, X市, X区, X旗) when exactly one exists in the row's province, or in
   the whole country when no province is given (林县 -> 林州, 嵊县 -> 嵊州).

Names are compared in the standard simplified form (``core.places.variants``), so 定縣,
沔陽 and 蘄水 are found. A name two places share without a province to choose is
left unresolved: a wrong place is worse than none.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from ...paths import GAZETTEER_DIR
from .names import compact_key
from .variants import standard_form

HISTORIC_COUNTIES_FILE = "historic_counties.csv"
MATCH_HISTORIC_TABLE = "historic_table"
MATCH_HISTORIC_STEM = "historic_stem"
_COUNTY = re.compile(r"^(.+?)县$")
# Suffixes an old county's stem may carry today (autonomous counties end in 县 too).
_TODAY_SUFFIXES = ("州", "市", "区", "旗", "县")
_HAN_ONLY = re.compile(r"^[\u4e00-\u9fff]+$")
_GENERIC = re.compile(r"(?:自治县|自治旗|县|市|区|旗|州)$")


@dataclass(frozen=True)
class HistoricCounty:
    name: str
    province_id: str
    today_id: str
    period: str
    source: str


def _rows():
    """(csv row, HistoricCounty) of every row of the bundled table (none when absent)."""
    path = GAZETTEER_DIR / HISTORIC_COUNTIES_FILE
    if not path.is_file():
        return
    with path.open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            yield (
                r,
                HistoricCounty(
                    r["name"], r["province_id"], r["today_id"], r["period"], r["source"]
                ),
            )


@lru_cache(maxsize=1)
def table() -> dict[str, tuple[HistoricCounty, ...]]:
    """Simplified name (and its stem of 2+ characters) -> historic counties."""
    out: dict[str, list[HistoricCounty]] = {}
    for _, hc in _rows():
        keys = {hc.name}
        stem = _GENERIC.sub("", hc.name)
        if len(stem) >= 2:
            keys.add(stem)
        for k in keys:
            out.setdefault(k, []).append(hc)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def latin_table() -> dict[str, tuple[HistoricCounty, ...]]:
    """Matching key of a pinyin or Wade-Giles form ("tinghsien") -> historic counties."""
    out: dict[str, list[HistoricCounty]] = {}
    for r, hc in _rows():
        for form in filter(None, (r.get("latin") or "").split("|")):
            key = compact_key(form)
            if key and hc not in out.setdefault(key, []):
                out[key].append(hc)
    return {k: tuple(v) for k, v in out.items()}


def from_latin(name: str, prov: frozenset) -> list[str]:
    """Today's ids a romanised gone county ("Tinghsien", "Huang-an Hsien") stands for."""
    rows = [
        h for h in latin_table().get(compact_key(name), ()) if _in_province(h.province_id, prov)
    ]
    return list(dict.fromkeys(h.today_id for h in rows))


def _in_province(pid: str, prov: frozenset) -> bool:
    return not prov or pid in prov


def from_table(name: str, prov: frozenset) -> tuple[list[str], list[HistoricCounty]]:
    """Today's ids the historic table gives ``name`` (in the province hint, when
    given), and the rows behind them."""
    key = standard_form(name.strip())
    rows = [h for h in table().get(key, ()) if _in_province(h.province_id, prov)]
    ids = list(dict.fromkeys(h.today_id for h in rows))
    return ids, rows


def stem_units(name: str, prov: frozenset, units: dict[str, list[tuple[str, str]]]) -> list[str]:
    """Ids of today's units of the same stem as an old "X县" (``units``: simplified
    stem -> [(city_id, province_id)] of the gazetteer's Chinese units)."""
    m = _COUNTY.match(standard_form(name.strip()))
    if not m:
        return []
    stem = m.group(1)
    found = [cid for cid, pid in units.get(stem, ()) if _in_province(pid, prov)]
    return list(dict.fromkeys(found))


def stem_index(
    names_zh, ids, province_ids, levels, aliases=None
) -> dict[str, list[tuple[str, str]]]:
    """stem -> [(city_id, province_id)] for Chinese units whose name is the stem plus
    one of the suffixes an old county may carry today (定州 -> 定), and for the bare
    Chinese names a unit is also known by (海城, a county-level city written without
    市; 宽城 for 宽城满族自治县), so that an old "X县" with two heirs of that stem is
    left unresolved instead of given the wrong one."""
    out: dict[str, list[tuple[str, str]]] = {}

    def add(stem: str, cid: str, pid: str) -> None:
        got = out.setdefault(stem, [])
        if (cid, pid) not in got:
            got.append((cid, pid))

    aliases = aliases if aliases is not None else [None] * len(ids)
    for nm, cid, pid, lev, al in zip(names_zh, ids, province_ids, levels, aliases):
        if not isinstance(nm, str) or lev not in ("prefecture", "county") or not pid:
            continue
        for suffix in _TODAY_SUFFIXES:
            if nm.endswith(suffix) and len(nm) > 1:
                # county-level cities are written without 市: 定州, 林州, 嵊州
                add(nm[: -len(suffix)], cid, pid)
                break
        else:
            add(nm, cid, pid)  # 海城, 原平: the name is the stem
        # a county's own short names (a municipality's aliases are its merged towns)
        for a in (al or "").split("|") if isinstance(al, str) and lev == "county" else ():
            if len(a) >= 2 and _HAN_ONLY.match(a) and not a.endswith(_TODAY_SUFFIXES):
                add(a, cid, pid)
    return out
