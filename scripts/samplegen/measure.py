"""Measurements on the generated long table (also what the tests re-derive)."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from .draws import cities_by_count
from .figures import (
    COHORTS,
    REGION_COUNTRIES,
    REGION_OF,
    SEVEN_CITIES,
    SUBJECTS,
    UNIT_TYPES,
    english,
)


def measure(df: pd.DataFrame) -> dict:
    d = df.copy()
    d["city_en"] = d["city"].map(english)
    d["domestic"] = d["country"].eq("CN")
    ret = d[d["stage"].eq("return")].set_index("person_id")
    persons = d.drop_duplicates("person_id").set_index("person_id")
    out = {"persons": int(persons.shape[0]), "rows": int(d.shape[0])}
    rc = ret["city_en"].value_counts()
    out["return_cities"] = {c: int(n) for c, n in rc.items()}
    seven = int(rc.reindex(SEVEN_CITIES).sum())
    out["seven_city_persons"] = seven
    out["seven_city_share_pct"] = round(100 * seven / out["persons"], 4)
    # overseas: main country = most stages, ties -> latest such stage; region per person
    ov = d[~d["domestic"]]
    main = {}
    for pid, g in ov.groupby("person_id", sort=False):
        cnt = Counter(g["country"])
        best = max(cnt.values())
        main[pid] = [c for c in g["country"] if cnt[c] == best][-1]
    reg = Counter(REGION_OF[c] for c in main.values())
    out["overseas_regions"] = {r: int(reg.get(r, 0)) for r in REGION_COUNTRIES}
    out["main_countries"] = dict(Counter(main.values()).most_common())
    org_persons = ov.drop_duplicates(["person_id", "org"])["org"].value_counts()
    # ties ordered by name: the same files on every pandas (sort stability differs)
    out["overseas_orgs"] = {
        o: int(n) for o, n in sorted(org_persons.items(), key=lambda kv: (-kv[1], kv[0]))
    }
    ret_org = ret.groupby(["org", "city_en"]).size()
    ranked = sorted(ret_org.items(), key=lambda kv: (-kv[1], kv[0]))
    out["top_return_orgs"] = [{"org": o, "city": c, "persons": int(n)} for (o, c), n in ranked[:20]]
    # table 1
    t1 = pd.crosstab(persons["subject"], persons["unit_type"])
    subj_city = pd.crosstab(ret["subject"], ret["city_en"])
    out["table1"] = {}
    for s in SUBJECTS:
        row = subj_city.loc[s]
        row = row[row > 0]
        r = cities_by_count(row)
        out["table1"][s] = {
            **{u: int(t1.loc[s].get(u, 0)) for u in UNIT_TYPES},
            "total": int(t1.loc[s].sum()),
            "top3": [[c, int(row[c])] for c in r[:3]],
            "fourth": [r[3], int(row[r[3]])],
        }
    out["unit_types"] = {u: int((persons["unit_type"] == u).sum()) for u in UNIT_TYPES}
    # route patterns: return city in the domestic cities before the first overseas stage
    d = d.sort_values(["person_id", "seq"])
    first_ov = d[~d["domestic"]].groupby("person_id")["seq"].min()
    d["first_ov"] = d["person_id"].map(first_ov)
    known = d[d["domestic"] & (d["seq"] < d["first_ov"])].groupby("person_id")["city_en"].agg(set)
    circ = {pid: ret.loc[pid, "city_en"] in known.get(pid, set()) for pid in ret.index}
    circle = pd.Series(circ)
    out["circle"] = int(circle.sum())
    out["linear"] = int((~circle).sum())
    by = {}
    for y in COHORTS:
        ids = persons.index[persons["cohort"] == y]
        c = int(circle.reindex(ids).sum())
        by[str(y)] = {
            "circle": c,
            "linear": int(len(ids) - c),
            "persons": int(len(ids)),
            "circle_share_pct": round(100 * c / len(ids), 2),
        }
    out["circle_by_cohort"] = by
    # basis of circle (which known stage matches; several may)
    basis = Counter()
    for pid, is_c in circ.items():
        if not is_c:
            continue
        g = d[(d["person_id"] == pid) & d["domestic"] & (d["seq"] < d["first_ov"])]
        R = ret.loc[pid, "city_en"]
        st = set(g.loc[g["city_en"] == R, "stage"])
        basis[
            "birthplace"
            if "birth" in st
            else "study"
            if st & {"bachelor", "master", "phd"}
            else "work"
        ] += 1
    out["circle_primary_basis"] = dict(basis)
    return out
