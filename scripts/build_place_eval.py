#!/usr/bin/env python3
"""Write benchmarks/data/place_eval.csv: real place strings the gazetteer was not built
from, each with its truth, for ``benchmarks/bench_places.py``.

Sources (each fetched as published; see benchmarks/data/README.md for URLs, licences
and how rows were chosen):

* ``--ipeds``: IPEDS HD2020, the US Department of Education's directory of
  post-secondary institutions (US government work, public domain): "City, ST", the
  street address before it, and "County, ST"; truth: the institutions' coordinates.
* ``--airports``: the ``airportsdata`` package's airports.csv (MIT): the municipality
  each airport with an IATA code serves, with its country as a table's country column
  gives it; truth: the airports' coordinates.
* ``--universities``: the Ministry of Education's list of higher-education
  institutions (an official document), as a JSON table in a public repository: the
  city each institution lies in, in Chinese (保定市); truth: the prefecture or county
  of that exact name in the province its institution code gives, read from the
  gazetteer's rows by name (never through the resolver).
* ``--postal``: a table of postal and older romanisations of Chinese cities and
  provinces (Apache-2.0): "Amoy", "Kweisui", "Shansi"; truth: the Chinese name's place,
  found by exact name as above.

No table of the gazetteer is built from these files. Strings that a hand-kept table
written before this set already names (county_seats.csv, military_posts.csv) are left
out; ``tests/core/test_place_eval.py`` checks that none of the set's strings is in a
hand-kept table of the plugin (postal_places.csv was written after it).

    .venv/bin/python scripts/build_place_eval.py --ipeds hd2020.csv \\
        --airports airports.csv --universities schoolData.ts --postal area.json
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "data" / "place_eval.csv"
GAZ = ROOT / "resources" / "gazetteer"
COLUMNS = ["source", "class", "string", "country_given", "country", "lon", "lat", "radius_km"]
SEED = 2026
US_STATES = set(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV "
    "NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY".split()
)
# How many distinct strings of each class are kept (a random sample, fixed seed).
SAMPLE = {
    "US city, state": 700,
    "US street address": 300,
    "US county": 300,
    "world city (country given)": 900,
    "China city, pinyin (country given)": 250,
}


def sample(df: pd.DataFrame, cls: str) -> pd.DataFrame:
    n = SAMPLE.get(cls)
    if n is None or len(df) <= n:
        return df
    return df.sample(n=n, random_state=SEED).sort_index()


def ipeds(path: Path) -> list[pd.DataFrame]:
    with path.open(encoding="latin-1") as f:
        rows = list(csv.DictReader(f))
    out = []
    for r in rows:
        st, city = r["STABBR"].strip(), r["CITY"].strip()
        try:
            lon, lat = float(r["LONGITUD"]), float(r["LATITUDE"])
        except ValueError:
            continue
        if st not in US_STATES or not city:
            continue
        out.append(("US city, state", f"{city}, {st}", lon, lat, 50.0))
        if r["ADDR"].strip():
            addr = f"{r['ADDR'].strip()}, {city}, {st}"
            out.append(("US street address", addr, lon, lat, 50.0))
        if r["COUNTYNM"].strip().endswith("County"):
            # a county's seat may lie across it from the institution
            out.append(("US county", f"{r['COUNTYNM'].strip()}, {st}", lon, lat, 80.0))
    df = pd.DataFrame(out, columns=["class", "string", "lon", "lat", "radius_km"])
    df = df.groupby(["class", "string"], as_index=False, sort=True).agg(
        lon=("lon", "median"), lat=("lat", "median"), radius_km=("radius_km", "first")
    )
    df = df.assign(source="ipeds_hd2020", country_given="", country="US")
    return [sample(g, cls) for cls, g in df.groupby("class", sort=True)]


def airports(path: Path) -> list[pd.DataFrame]:
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df = df[(df["iata"].str.len() == 3) & (df["city"].str.strip() != "")]
    df = df[df["country"] != "US"]  # the US strings come from IPEDS
    df = df.assign(
        string=df["city"].str.strip(),
        lon=pd.to_numeric(df["lon"], errors="coerce"),
        lat=pd.to_numeric(df["lat"], errors="coerce"),
    ).dropna(subset=["lon", "lat"])
    g = df.groupby(["country", "string"], as_index=False, sort=True).agg(
        lon=("lon", "median"), lat=("lat", "median")
    )
    # an airport lies up to some 40 km outside the town it is named for
    g = g.assign(source="airportsdata", country_given=g["country"], radius_km=60.0)
    cn = g[g["country"] == "CN"].assign(**{"class": "China city, pinyin (country given)"})
    world = g[g["country"] != "CN"].assign(**{"class": "world city (country given)"})
    return [
        sample(cn, "China city, pinyin (country given)"),
        sample(world, "world city (country given)"),
    ]


def _cn_rows() -> pd.DataFrame:
    cities = pd.read_csv(GAZ / "cities.csv", dtype=str, keep_default_na=False)
    cn = cities[(cities["country"] == "CN") & cities["level"].isin(["prefecture", "county"])]
    return cn.assign(lon=cn["lon"].astype(float), lat=cn["lat"].astype(float))


def _by_name(cn: pd.DataFrame, names: list[str], province_id: str | None):
    """The one row named exactly one of ``names`` (a prefecture before a county)."""
    for level in ("prefecture", "county"):
        hit = cn[cn["name_zh"].isin(names) & (cn["level"] == level)]
        if province_id:
            hit = hit[hit["province_id"] == province_id]
        if len(hit["city_id"].unique()) == 1:
            return hit.iloc[0]
        if len(hit):
            return None
    return None


def universities(path: Path) -> list[pd.DataFrame]:
    text = path.read_text(encoding="utf-8")
    rows = json.loads(text[text.index("[") : text.rindex("]") + 1])
    cn = _cn_rows()
    out, dropped = [], []
    for place, code in sorted({(re.sub(r"\s+", "", r["address"]), r["code"]) for r in rows}):
        pid = f"CN{code[2:4]}0000"  # the code's third and fourth digits: the province
        hit = _by_name(cn, [place, re.sub(r"(?<=..)(?:市|地区)$", "", place)], pid)
        if hit is None:
            dropped.append(place)
            continue
        out.append((place, hit["lon"], hit["lat"]))
    df = pd.DataFrame(out, columns=["string", "lon", "lat"]).drop_duplicates("string")
    print(
        f"universities: {len(df)} city strings; no single row of that name: {sorted(set(dropped))}"
    )
    return [
        df.assign(
            source="moe_universities",
            **{"class": "China city, Chinese"},
            country_given="",
            country="CN",
            radius_km=50.0,
        )
    ]


def postal(path: Path) -> list[pd.DataFrame]:
    table = json.loads(path.read_text(encoding="utf-8"))
    cn = _cn_rows()
    provinces = pd.read_csv(GAZ / "cities.csv", dtype=str, keep_default_na=False)
    out, dropped = [], []
    for zh, latin in table.items():
        # "长春(新京)": today's name first; "Foochow(Fuchow)": every form is a string
        today = re.split(r"[()（）]", zh)[0].strip()
        forms = [f.strip() for f in re.split(r"[()/]", latin) if f.strip()]
        names = [today + s for s in ("", "市", "县", "区", "省", "州")]
        hit = _by_name(cn, names, None)
        cls = "China city, postal romanisation"
        if hit is None:
            prov = provinces[provinces["province_zh"].isin(names)]
            if len(prov["province_id"].unique()) == 1:
                # a province: the median of its places, judged within 400 km
                hit = {
                    "lon": float(prov["lon"].astype(float).median()),
                    "lat": float(prov["lat"].astype(float).median()),
                }
                cls = "China province alone, romanised"
        if hit is None:
            dropped.append(zh)
            continue
        radius = 400.0 if cls.startswith("China province") else 50.0
        for form in forms:
            out.append((cls, form, float(hit["lon"]), float(hit["lat"]), radius))
    print(f"postal: {len(out)} strings; not found by exact Chinese name: {dropped}")
    df = pd.DataFrame(out, columns=["class", "string", "lon", "lat", "radius_km"])
    df = df.drop_duplicates("string", keep=False)
    return [df.assign(source="waderomanization_area", country_given="", country="CN")]


def held_out(df: pd.DataFrame) -> pd.DataFrame:
    """Without the strings a hand-kept table of the plugin already names (a county of
    county_seats.csv, a post of military_posts.csv): those tables came before this set
    and were written from facts, not from it, but a string they hold is not held out."""
    sys.path.insert(0, str(ROOT))
    from backflow_plugin.core.places.names import normalise_name  # noqa: PLC0415

    with (GAZ / "county_seats.csv").open(encoding="utf-8") as f:
        hand = {normalise_name(f"{r['county']} County") for r in csv.DictReader(f)}
    with (GAZ / "military_posts.csv").open(encoding="utf-8") as f:
        hand |= {normalise_name(r["post"]) for r in csv.DictReader(f)}
    first = df["string"].map(lambda s: normalise_name(s.split(",")[0]))
    named = first.isin(hand)
    print(f"left out, named by a hand-kept table: {sorted(df.loc[named, 'string'])}")
    return df[~named]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ipeds", type=Path, required=True)
    ap.add_argument("--airports", type=Path, required=True)
    ap.add_argument("--universities", type=Path, required=True)
    ap.add_argument("--postal", type=Path, required=True)
    args = ap.parse_args()
    frames = ipeds(args.ipeds) + airports(args.airports)
    frames += universities(args.universities) + postal(args.postal)
    df = held_out(pd.concat(frames, ignore_index=True)[COLUMNS])
    df["lon"] = df["lon"].astype(float).round(4)
    df["lat"] = df["lat"].astype(float).round(4)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    df.to_csv(OUT, index=False, encoding="utf-8", lineterminator="\n")
    print(df.groupby(["source", "class"]).size().to_string())
    print(f"{OUT.relative_to(ROOT)}: {len(df)} strings, {OUT.stat().st_size / 1e3:.0f} kB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
