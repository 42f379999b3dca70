"""The long table: persons with their attributes, life courses and organisations; the
five interviewed talents put in; the network topped up to the paper's number of cities."""

from __future__ import annotations

from collections import Counter, OrderedDict

import numpy as np
import pandas as pd

from .draws import (
    assign_units_and_orgs,
    domestic_chain,
    fit_subject_city,
    pick,
    pick_org,
    timeline,
    zipf,
)
from .figures import (
    CASES,
    CASES_REF,
    COHORTS,
    COLUMNS,
    DOMESTIC_ORGS,
    LINEAR_SHARE,
    N_PERSONS,
    NETWORK_CITIES,
    PAPER_REGION_PCT,
    PAPER_RETURN_ORGS,
    REGION_OF,
    RESERVE_ORGS,
    RETURN_CITIES,
    SPECIAL_CITIES,
    SUBJECT_TAG,
    SUBJECTS,
    TAIL_CAP,
    TAIL_ORGS,
    TOP_ORGS,
    ZH,
    english,
)


def _place_cases(rng, df: pd.DataFrame) -> pd.DataFrame:
    """Persons A-E: a generated person of the same subject, return organisation,
    cohort and route pattern takes the case's id and domestic stages, so every
    calibrated count stays as it was."""
    ret = df[df["stage"].eq("return")].set_index("person_id")
    abroad = df[~df["country"].eq("CN")]
    phd_abroad = set(abroad.loc[abroad["stage"].eq("phd"), "person_id"])
    region = abroad.groupby("person_id")["country"].first().map(REGION_OF)
    pieces, taken = [], set()
    for case, spec in CASES.items():
        year, subject, city, pattern = CASES_REF[case]
        printed = spec["return_org"] in {o for o, _c, _n in PAPER_RETURN_ORGS}
        ok = ret.index[
            (ret["org"].eq(spec["return_org"]) | (not printed))
            & ret["subject"].eq(subject)
            & ret["city"].map(english).eq(city)
        ]
        ok = [pid for pid in ok if pid not in taken and (pid in phd_abroad) == spec["phd_abroad"]]
        if not ok:  # pragma: no cover - Table 1's fit keeps one such person
            raise RuntimeError(f"no person to stand for case {case}")
        score = [
            10 * (ret.at[pid, "cohort"] == spec["cohort"])
            + (_pattern_of(df[df["person_id"].eq(pid)]) == pattern)
            + 3 * (region.get(pid) == spec.get("region", region.get(pid)))
            for pid in ok
        ]
        best = [pid for pid, sc in zip(ok, score) if sc == max(score)]
        pid = best[int(rng.integers(len(best)))]
        taken.add(pid)
        rows = df[df["person_id"].eq(pid)].sort_values("seq")
        first_abroad = rows.index[~rows["country"].eq("CN")][0]
        # shift the person's years so that the return year is the printed one
        offset = year - int(rows.loc[rows["stage"].eq("return"), "year"].iloc[0])
        later = rows.loc[first_abroad:].copy()
        later["year"] = later["year"] + offset
        birth_year = int(rows["year"].iloc[0]) + offset
        start = min(birth_year, int(later["year"].iloc[0]) - 18 - 4 * (len(spec["domestic"]) - 1))
        head = []
        for k, (stage, dcity, org) in enumerate(spec["domestic"]):
            y = start if k == 0 else start + 18 + 4 * (k - 1)
            head.append(
                {
                    **rows.iloc[0].to_dict(),
                    "stage": stage,
                    "city": dcity,
                    "country": "CN",
                    "org": org,
                    "year": y,
                }
            )
        new = pd.concat([pd.DataFrame(head), later], ignore_index=True)
        new["person_id"] = case
        new["cohort"] = spec["cohort"]
        new.loc[new["stage"].eq("return"), "year"] = year
        new.loc[new["stage"].eq("return"), "org"] = spec["return_org"]
        new["seq"] = range(1, len(new) + 1)
        pieces.append((pid, new))
    out = df[~df["person_id"].isin(taken)]
    out = pd.concat([out] + [new for _pid, new in pieces], ignore_index=True)
    return out.reset_index(drop=True)


def _pattern_of(rows: pd.DataFrame) -> str:
    """circle when the return city is among the domestic cities before going abroad."""
    rows = rows.sort_values("seq")
    first = rows.index[~rows["country"].eq("CN")][0]
    known = set(rows.loc[: first - 1].loc[lambda r: r["country"].eq("CN"), "city"].map(english))
    back = english(rows.loc[rows["stage"].eq("return"), "city"].iloc[0])
    return "circle" if back in known else "linear"


# Overseas organisations held back to bring the network to the paper's 440 cities:


def node_count(df: pd.DataFrame) -> int:
    return int(df.assign(c=df["city"].map(english)).drop_duplicates(["c", "country"]).shape[0])


def _top_up_cities(rng, df: pd.DataFrame, target: int) -> pd.DataFrame:
    """Bring the number of distinct cities to `target` with RESERVE_ORGS."""
    n = node_count(df)
    if n > target:  # pragma: no cover - tune the organisation lists
        raise RuntimeError(f"{n} cities already, more than {target}")
    top = {o[0] for o in TOP_ORGS}
    used = set(zip(df["city"].map(english), df["country"]))
    reserve = [o for o in RESERVE_ORGS if (o[1], o[2]) not in used]
    df = df.copy()
    persons = df[~df["country"].eq("CN")].drop_duplicates(["person_id", "org"])["org"]
    per_org = persons.value_counts()
    for name, city, cc, _kind in reserve[: target - n]:
        cand = df.index[
            df["country"].map(REGION_OF).eq(REGION_OF[cc])
            & df["stage"].isin(["postdoc", "work"])
            & ~df["org"].isin(top)
            & df["org"].map(per_org).fillna(0).ge(3)
            & ~df["person_id"].isin(list(CASES))
        ]
        i = cand[int(rng.integers(len(cand)))]
        per_org[df.at[i, "org"]] -= 1
        df.loc[i, ["city", "country", "org"]] = [city, cc, name]
    if node_count(df) != target:  # pragma: no cover
        raise RuntimeError(f"{node_count(df)} cities, not {target}")
    return df


def build(seed: int = 2021):
    rng = np.random.default_rng(seed)

    # ---- person attributes: subject, return city, unit type, cohort, gender
    tab = fit_subject_city(rng)
    persons = []
    for s in SUBJECTS:
        for c in tab.columns:
            persons += [{"subject": s, "return_city": c} for _ in range(int(tab.loc[s, c]))]
    order = rng.permutation(len(persons))
    persons = [persons[i] for i in order]
    assign_units_and_orgs(rng, persons)
    cohorts = np.repeat(list(COHORTS), list(COHORTS.values()))
    rng.shuffle(cohorts)
    for p, y in zip(persons, cohorts):
        p["cohort"] = int(y)
        p["gender"] = "female" if rng.random() < 0.14 else "male"

    # ---- circle / linear: exact counts per cohort
    for y, n in COHORTS.items():
        idx = [k for k, p in enumerate(persons) if p["cohort"] == y]
        n_lin = int(round(LINEAR_SHARE[y] * n))
        lin = set(rng.choice(idx, size=n_lin, replace=False).tolist())
        for k in idx:
            persons[k]["pattern"] = "linear" if k in lin else "circle"

    # ---- overseas region: exact person counts
    reg_counts = OrderedDict(
        (r, int(round(pct * N_PERSONS / 100))) for r, pct in PAPER_REGION_PCT.items()
    )
    reg_counts["Other"] = N_PERSONS - sum(reg_counts.values())
    regions = np.repeat(list(reg_counts), list(reg_counts.values()))
    rng.shuffle(regions)

    # ---- life-course structure and domestic cities
    for k, p in enumerate(persons):
        p["pid"] = f"P{k + 1:04d}"
        p["region"] = str(regions[k])
        has_master = rng.random() < 0.55
        phd_abroad = rng.random() < 0.5
        has_dwork = rng.random() < (0.06 if phd_abroad else 0.14)
        if phd_abroad:
            has_postdoc = rng.random() < 0.8
            has_awork = (not has_postdoc) or rng.random() < 0.4
        else:
            has_postdoc = rng.random() < 0.93
            has_awork = (not has_postdoc) or rng.random() < 0.45
        R = p["return_city"]
        for _ in range(500):
            ch = domestic_chain(rng, has_master, not phd_abroad, has_dwork)
            if p["pattern"] == "circle":
                bases = [b for b in ("birth", "bachelor", "master", "phd", "dwork") if b in ch]
                w = {"birth": 0.30, "bachelor": 0.35, "master": 0.15, "phd": 0.15, "dwork": 0.05}
                if R in SPECIAL_CITIES and "birth" in bases:
                    bases = ["birth"]  # a small city is known as one's home town
                b = pick(rng, bases, [w[x] for x in bases])
                ch[b] = R
                break
            if R not in ch.values():
                break
        else:  # pragma: no cover
            raise RuntimeError(f"no linear chain for {R}")
        p["chain"] = ch
        # stage keys in order
        keys = ["birth", "bachelor"] + (["master"] if has_master else [])
        if not phd_abroad:
            keys.append("phd")
        if has_dwork:
            keys.append("dwork")
        if phd_abroad:
            keys.append("phd_abroad")
        if has_postdoc:
            keys.append("postdoc")
        if has_awork:
            keys.append("awork")
        keys.append("return")
        p["keys"] = keys
        p["years"] = timeline(rng, keys, p["cohort"])
        # overseas slot groups: stages sharing one organisation
        ov = [x for x in keys if x in ("phd_abroad", "postdoc", "awork")]
        groups: list = []
        for x in ov:
            same = groups and (
                (x == "postdoc" and groups[-1][-1] == "phd_abroad" and rng.random() < 0.2)
                or (x == "awork" and groups[-1][-1] == "postdoc" and rng.random() < 0.35)
            )
            if same:
                groups[-1].append(x)
            else:
                groups.append([x])
        p["groups"] = groups
        p["group_org"] = [None] * len(groups)

    # ---- overseas organisations: exact person counts for TOP_ORGS, others <= TAIL_CAP
    org_info = {}
    for name, city, cc, kind, _n in TOP_ORGS:
        org_info[name] = (city, cc, kind)
    for lst in TAIL_ORGS.values():
        for name, city, cc, kind in lst:
            org_info[name] = (city, cc, kind)

    def eligible(p, gi, kind):
        return p["group_org"][gi] is None and (kind == "u" or "phd_abroad" not in p["groups"][gi])

    for name, _city, cc, kind, n in TOP_ORGS:
        reg = REGION_OF[cc]
        cand = [
            p
            for p in persons
            if p["region"] == reg and any(eligible(p, g, kind) for g in range(len(p["groups"])))
        ]
        if len(cand) < n:  # pragma: no cover
            raise RuntimeError(f"not enough persons for {name}")
        for j in rng.choice(len(cand), size=n, replace=False):
            p = cand[j]
            gs = [g for g in range(len(p["groups"])) if eligible(p, g, kind)]
            p["group_org"][pick(rng, gs)] = name
    tail_count: Counter = Counter()
    for reg, lst in TAIL_ORGS.items():
        base = zipf(len(lst), 0.6)
        for p in (q for q in persons if q["region"] == reg):
            for g in range(len(p["groups"])):
                if p["group_org"][g] is not None:
                    continue
                ok = [
                    i
                    for i, (nm, _c, _cc, kd) in enumerate(lst)
                    if tail_count[nm] < TAIL_CAP
                    and nm not in p["group_org"]
                    and (kd == "u" or "phd_abroad" not in p["groups"][g])
                ]
                if not ok:  # pragma: no cover
                    raise RuntimeError(f"tail organisations exhausted in {reg}")
                i = pick(rng, ok, base[ok])
                p["group_org"][g] = lst[i][0]
                tail_count[lst[i][0]] += 1

    # ---- Chinese-character persons (~10 %) and onward moves (~10 %)
    zh_people = set(
        rng.choice(N_PERSONS, size=int(round(0.10 * N_PERSONS)), replace=False).tolist()
    )
    rows = []
    for k, p in enumerate(persons):
        tag = SUBJECT_TAG[p["subject"]]
        use_zh = k in zh_people
        ch = p["chain"]

        def dom(city, _zh=use_zh):
            return ZH[city] if _zh else city

        stage_rows = []
        for key in p["keys"]:
            y = p["years"].get("phd" if key == "phd_abroad" else key, p["cohort"])
            if key == "birth":
                stage_rows.append(("birth", dom(ch["birth"]), "CN", "", y))
            elif key in ("bachelor", "master"):
                stage_rows.append((key, dom(ch[key]), "CN", pick_org(rng, ch[key], "u", tag), y))
            elif key == "phd":
                kind = "i" if (rng.random() < 0.3 and DOMESTIC_ORGS[ch["phd"]]["i"]) else "u"
                stage_rows.append(
                    ("phd", dom(ch["phd"]), "CN", pick_org(rng, ch["phd"], kind, tag), y)
                )
            elif key == "dwork":
                stage_rows.append(
                    ("work", dom(ch["dwork"]), "CN", pick_org(rng, ch["dwork"], "u", tag), y)
                )
            elif key in ("phd_abroad", "postdoc", "awork"):
                g = next(i for i, grp in enumerate(p["groups"]) if key in grp)
                org = p["group_org"][g]
                city, cc, _kind = org_info[org]
                label = {"phd_abroad": "phd", "postdoc": "postdoc", "awork": "work"}[key]
                stage_rows.append((label, city, cc, org, y))
            elif key == "return":
                R = p["return_city"]
                stage_rows.append(("return", dom(R), "CN", p["return_org"], p["cohort"]))
        if rng.random() < 0.10:
            later_city = pick(  # onward moves go to the larger cities
                rng,
                [c for c in RETURN_CITIES if c != p["return_city"] and c not in SPECIAL_CITIES],
                [
                    n
                    for c, n in RETURN_CITIES.items()
                    if c != p["return_city"] and c not in SPECIAL_CITIES
                ],
            )
            later_year = min(p["cohort"] + int(rng.integers(2, 6)), 2020)
            stage_rows.append(
                ("later", dom(later_city), "CN", pick_org(rng, later_city, "u", tag), later_year)
            )
        for seq, (stage, city, cc, org, y) in enumerate(stage_rows, start=1):
            rows.append(
                (
                    p["pid"],
                    seq,
                    stage,
                    city,
                    cc,
                    org,
                    int(y),
                    p["subject"],
                    p["unit_type"],
                    p["cohort"],
                    p["gender"],
                )
            )
    df = pd.DataFrame(rows, columns=COLUMNS)
    df = _place_cases(rng, df)
    df = _top_up_cities(rng, df, NETWORK_CITIES)
    return df, tab, reg_counts, zh_people
