"""Historic place names for the gazetteer build (resources/gazetteer/historic_places.csv):
each tied to today's unit by its administrative path."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from backflow_plugin.core import schema
from backflow_plugin.core.places.names import compact_key

from .readings import (
    COUNTY_SUFFIX,
    county_forms,
    is_han,
    pinyin_forms,
    pinyin_name,
    to_hant,
    zhconv,
)

HISTORIC_COLUMNS = ["name", "today", "lon", "lat", "kind", "period", "note"]
HISTORIC_KINDS = {
    "former name",
    "merged county",
    "postal romanisation",
    "Wade-Giles",
    "other romanisation",
}


def _province_key(s: str) -> str:
    for suf in ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"):
        if s.endswith(suf) and len(s) > len(suf):
            return s[: -len(suf)]
    return s


def _han_names(row) -> set[str]:
    al = row.aliases if isinstance(row.aliases, list) else str(row.aliases or "").split("|")
    names = {row.name_zh, row.name_zh_hant, getattr(row, "zh_full", None)}
    names |= {x for x in al if is_han(x)}
    return {x for x in names if isinstance(x, str) and x}


def resolve_admin_path(path: str, china: pd.DataFrame) -> pd.Series | None:
    """ "湖北省/武汉市/江岸区" -> the gazetteer row of the deepest unit, or None."""
    parts = [p.strip() for p in str(path).split("/") if p.strip()]
    if not parts:
        return None
    prov = china[
        china.province_zh.map(lambda v: isinstance(v, str) and _province_key(v)).eq(
            _province_key(parts[0])
        )
    ]
    if prov.empty:
        return None
    here = None
    muni = prov[prov.admin_rank.eq(schema.RANK_MUNICIPALITY)]
    if not muni.empty:
        here = muni.iloc[0]
    for seg in parts[1:]:
        # Under a province: its prefectures and the county-level units directly under
        # it (湖北省/仙桃市).
        top = prov.level.eq("prefecture") | prov.prefecture_id.eq(prov.city_id)
        pool = prov[top] if here is None or len(muni) else None
        found = None
        for cand in (pool, prov[prov.prefecture_id.eq(here.city_id)] if here is not None else None):
            if cand is None or cand.empty:
                continue
            hit = [r for r in cand.itertuples() if seg in _han_names(r)]
            if not hit and len(seg) > 2:
                hit = [r for r in cand.itertuples() if seg[:-1] in _han_names(r)]
            if len(hit) >= 1:
                found = hit[0]
                break
        if found is None:
            return None
        here = china.loc[china.city_id.eq(found.city_id)].iloc[0]
    if here is None:  # a province alone is not a place
        return None
    return here


def historic_rows(china: pd.DataFrame, path: Path) -> pd.DataFrame:
    """Rows of ``level`` historic from resources/gazetteer/historic_places.csv.

    Spellings of one place (same today's unit, point, period and note) become one row whose
    names are all those spellings; ids are a hash of that key, stable across rebuilds.
    Raises SystemExit listing every row whose ``today`` path does not resolve.
    """
    import hashlib

    h = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in HISTORIC_COLUMNS if c not in h.columns]
    if missing:
        raise SystemExit(f"{path.name}: missing columns {missing}")
    h = h.apply(lambda col: col.str.strip())
    h = h[h.name.ne("")]
    errors = []
    today = {}
    for t in pd.unique(h.today):
        row = resolve_admin_path(t, china)
        if row is None:
            errors.append(t)
        else:
            today[t] = row
    bad_kind = sorted(set(h.kind) - HISTORIC_KINDS)
    if errors or bad_kind:
        lines = [f"  today path does not resolve: {t}" for t in errors]
        lines += [f"  unknown kind: {k}" for k in bad_kind]
        raise SystemExit(
            f"{path.name}: {len(errors) + len(bad_kind)} problems\n" + "\n".join(lines)
        )
    out = []
    # Spellings of one place share today's unit, point, period and note.
    for (t, lon, lat, period, _), g in h.groupby(
        ["today", "lon", "lat", "period", "note"], sort=False
    ):
        unit = today[t]
        # A spelling that is today's own name (Harbin, 唐山) is not historic: today's
        # unit answers to it.
        current = {unit["name"], unit.name_zh, unit.name_zh_hant, unit.get("zh_full")}
        current = {compact_key(x) for x in current if isinstance(x, str)}
        names = [x for x in dict.fromkeys(g.name) if compact_key(x) not in current]
        if not names:
            continue
        han = [x for x in names if is_han(x)]
        latin = [x for x in names if not is_han(x)]
        simp = [zhconv.convert(x, "zh-cn") if zhconv else x for x in han]
        # A romanisation alone (Peking) takes the Chinese name of today's unit.
        name_zh = simp[0] if simp else unit.name_zh
        if latin:
            name = latin[0]
        elif name_zh[-1] in COUNTY_SUFFIX and len(name_zh) >= 2:
            name = county_forms(name_zh)[0]
        else:
            name = pinyin_name(name_zh)
        aliases = names + simp + [y for x in simp for y in to_hant(x)]
        if simp:
            aliases += pinyin_forms(simp[0])[:2]
        key = f"{t}|{lon}|{lat}|{period}|{names[0]}"
        is_county = unit.level == "county"
        out.append(
            dict(
                city_id="CNH"
                + hashlib.sha1(key.encode("utf-8"), usedforsecurity=False).hexdigest()[:8],
                name=name,
                name_zh=name_zh,
                name_zh_hant=(to_hant(name_zh) or [name_zh])[0] if name_zh else None,
                country="CN",
                province=unit.province,
                province_zh=unit.province_zh,
                admin_rank=None,
                lon=round(float(lon), 5) if lon else unit.lon,
                lat=round(float(lat), 5) if lat else unit.lat,
                population=0,
                aliases=aliases,
                level="historic",
                prefecture_id=unit.prefecture_id,
                county_id=unit.city_id if is_county else unit.prefecture_id,
                province_id=unit.province_id,
            )
        )
    df = pd.DataFrame(out)
    assert df.city_id.is_unique, "two historic places share an id: make their period differ"
    return df
