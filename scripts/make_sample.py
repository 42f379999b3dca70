#!/usr/bin/env python3
"""Build Backflow's synthetic sample: ``resources/sample/returnees_synthetic.csv``.

The table is SYNTHETIC. No real person is in it. It is calibrated to the published
figures of H. Jiang (2021), "Spatial Character and Backflow Pattern of High-Level
Returned Talents in China", Complexity (2,846 returnees of the Young Thousand Talents
Plan, 2011-2016): return-city totals, the seven-city share, the overseas regions, the
top overseas organisations. Everything the paper does not publish (Table 1 cell values,
birth and study cities, years, the organisations below the top three...) is invented
but plausible. See ``resources/sample/README.md`` (written by this script).

Usage::

    python scripts/make_sample.py [--seed 2021] [--out resources/sample]

Deterministic for a given seed (numpy ``default_rng``). What it is built to lives in
data, not code: the paper's printed figures in ``backflow_plugin/core/report/reference.py``,
the sample's own targets in ``scripts/samplegen/paper_figures.json`` and the places and
organisations it draws from in ``scripts/samplegen/places.json``; the draws are in
``scripts/samplegen/`` (``draws``, ``build``, ``measure``, ``readme``). Writes:

* ``returnees_synthetic.csv``  long form, one row per life-course stage, UTF-8;
* ``calibration.json``         the targets the data were built to, and what they came to;
* ``README.md``                what the data are, what is matched, the columns.

Pure Python + numpy + pandas; no QGIS.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import OrderedDict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from samplegen.build import build, node_count  # noqa: E402
from samplegen.figures import (  # noqa: E402
    CASES,
    CASES_REF,
    CENTRES,
    COHORTS,
    LINEAR_SHARE,
    N_PERSONS,
    NOT_REACHED,
    PAPER,
    PAPER_REGION_PCT,
    PAPER_SEVEN_SHARE_PCT,
    REGION_COUNTRIES,
    RETURN_CITIES,
    SEVEN_CITIES,
    SPECIAL_CITIES,
    SUBJECTS,
    TAIL_CAP,
    TOP_ORGS,
    ZH,
)
from samplegen.measure import measure  # noqa: E402
from samplegen.readme import readme_text  # noqa: E402


def write(out_dir: Path, seed: int) -> dict:
    df, tab, reg_counts, zh_people = build(seed)
    m = measure(df)
    out_dir.mkdir(parents=True, exist_ok=True)
    csv_path = out_dir / "returnees_synthetic.csv"
    df.to_csv(csv_path, index=False, encoding="utf-8", lineterminator="\n")

    # self-checks: the published / designed targets hold exactly
    assert m["persons"] == N_PERSONS
    assert m["return_cities"] == dict(RETURN_CITIES), "return city counts"
    assert m["seven_city_persons"] == 2026
    assert m["overseas_regions"] == dict(reg_counts)
    for name, *_x, n in TOP_ORGS:
        assert m["overseas_orgs"][name] == n, name
    top_names = {t[0] for t in TOP_ORGS}
    assert max(v for k, v in m["overseas_orgs"].items() if k not in top_names) <= TAIL_CAP
    for s, (u, i, e) in SUBJECTS.items():
        row = m["table1"][s]
        assert (row["university"], row["research institute"], row["enterprise"]) == (u, i, e), s
        assert [n for _c, n in row["top3"]] + [row["fourth"][1]] == sorted(
            [n for _c, n in row["top3"]] + [row["fourth"][1]], reverse=True
        )
        assert row["top3"][2][1] > row["fourth"][1], s
    n_lin_target = {y: int(round(LINEAR_SHARE[y] * n)) for y, n in COHORTS.items()}
    for y, v in m["circle_by_cohort"].items():
        assert abs(v["linear"] - n_lin_target[int(y)]) <= len(CASES), y  # A-E swapped in

    region_targets = OrderedDict()
    for r, n in reg_counts.items():
        region_targets[r] = {
            "persons": n,
            "share_pct": round(100 * n / N_PERSONS, 2),
            "paper_pct": PAPER_REGION_PCT.get(r),
            "countries": REGION_COUNTRIES[r],
        }
    cal = OrderedDict()
    cal["description"] = (
        "Targets the synthetic sample was built to (scripts/make_sample.py). "
        "Counts are persons. Cities are English names; map Chinese names "
        "through chinese_names first."
    )
    cal["source"] = PAPER
    cal["seed"] = seed
    cal["persons"] = N_PERSONS
    cal["rows"] = m["rows"]
    cal["csv"] = csv_path.name
    cohorts = df.drop_duplicates("person_id")["cohort"].value_counts()  # A-E swapped in
    cal["cohorts"] = {str(y): int(cohorts[y]) for y in COHORTS}
    cal["return_cities"] = dict(RETURN_CITIES)
    cal["return_city_count"] = len(RETURN_CITIES)
    cal["seven_cities"] = SEVEN_CITIES
    cal["seven_city_persons"] = m["seven_city_persons"]
    cal["seven_city_share_pct"] = round(m["seven_city_share_pct"], 4)
    cal["seven_city_share_paper_pct"] = PAPER_SEVEN_SHARE_PCT
    cal["seven_city_share_note"] = (
        "2026/2846 = 71.1876 %: the paper's 71.18 % truncated; no whole "
        "number of persons gives 71.18 % when rounded. Compare with a "
        "tolerance of 0.01 percentage points."
    )
    cal["unit_types"] = m["unit_types"]
    cal["university_share_pct"] = round(100 * m["unit_types"]["university"] / N_PERSONS, 2)
    cal["overseas_regions"] = region_targets
    cal["overseas_region_rule"] = (
        "A person's region is the region of their main overseas country (the country of most "
        "of their overseas stages; a tie goes to the later stage). Every person's overseas "
        "stages lie in a single region, so counting persons with any stage in a region gives "
        "the same numbers. Hong Kong (HK) is abroad. 'Rest of Europe' paper 12.39 % is not "
        "reachable with 2,846 persons (352 -> 12.37 %, 353 -> 12.40 %); 353 is used."
    )
    cal["top_overseas_orgs"] = [
        {"rank": i + 1, "org": name, "city": city, "country": cc, "persons": n}
        for i, (name, city, cc, _k, n) in enumerate(TOP_ORGS)
    ]
    cal["top_overseas_orgs_published"] = [
        "Harvard University",
        "Stanford University",
        "Massachusetts Institute of Technology",
    ]
    cal["other_overseas_orgs_max_persons"] = TAIL_CAP
    cal["table1"] = OrderedDict(
        (
            s,
            {
                "university": v["university"],
                "research institute": v["research institute"],
                "enterprise": v["enterprise"],
                "total": v["total"],
                "top3": v["top3"],
            },
        )
        for s, v in m["table1"].items()
    )
    cal["table1_note"] = (
        "The paper's Table 1 as printed: unit-type counts, sums and the top 3 return "
        "cities of each subject. The other cells are invented, every one below its "
        "subject's printed third city (no tie)."
    )
    cal["network_cities"] = node_count(df)
    cal["tiers_expected"] = {
        "method": "hybrid on degree (the citynetwork defaults)",
        "national core": list(RETURN_CITIES)[:4],
        "regional excellent": list(RETURN_CITIES)[4:CENTRES],
        "regional special": SPECIAL_CITIES,
    }
    cal["cases"] = {
        case: {
            "return_year": CASES_REF[case][0],
            "subject": CASES_REF[case][1],
            "return_city": CASES_REF[case][2],
            "pattern": CASES_REF[case][3],
            "return_org": spec["return_org"],
            "cohort": spec["cohort"],
            "domestic_before_abroad": [list(x) for x in spec["domestic"]],
        }
        for case, spec in CASES.items()
    }
    cal["not_reached"] = NOT_REACHED
    cal["route_patterns"] = {
        "rule": (
            "circle if the return city (stage 'return') is among the domestic (CN) cities of "
            "the stages before the person's first overseas stage (birth, bachelor, master, "
            "domestic phd, domestic work), compared at city level; else linear"
        ),
        "circle": m["circle"],
        "linear": m["linear"],
        "circle_share_pct": round(100 * m["circle"] / N_PERSONS, 2),
        "by_cohort": m["circle_by_cohort"],
        "circle_primary_basis": m["circle_primary_basis"],
        "circle_primary_basis_priority": ["birthplace", "study", "work"],
    }
    cal["chinese_names"] = {ZH[c]: c for c in sorted(ZH)}
    cal["chinese_name_persons"] = len(zh_people)
    cal["later_persons"] = int((df["stage"] == "later").sum())
    cal["top_return_orgs_observed"] = m["top_return_orgs"]
    (out_dir / "calibration.json").write_text(
        json.dumps(cal, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    (out_dir / "README.md").write_text(readme_text(cal, m, df), encoding="utf-8")
    return cal


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=2021)
    ap.add_argument(
        "--out", type=Path, default=Path(__file__).resolve().parents[1] / "resources" / "sample"
    )
    a = ap.parse_args(argv)
    cal = write(a.out, a.seed)
    rp = cal["route_patterns"]
    print(
        f"wrote {a.out / cal['csv']}: {cal['rows']} rows, {cal['persons']} persons; "
        f"seven-city share {cal['seven_city_share_pct']:.4f} %; circle {rp['circle']} "
        f"({rp['circle_share_pct']:.2f} %)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
