"""The sample's random draws: Table 1's subject x city counts, unit types and return
organisations, and a person's domestic cities and years."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from .figures import (
    CAPITAL,
    CASES_REF,
    CITY_PROVINCE,
    DOMESTIC_ORGS,
    ENTERPRISE_CITY_WEIGHT,
    INSTITUTE_CITY_WEIGHT,
    INSTITUTE_ORGS,
    N_PERSONS,
    PAPER_RETURN_ORGS,
    PHD_HUB_BOOST,
    PROVINCES,
    RETURN_CITIES,
    RETURN_ORG_CAP,
    STUDY_HUBS,
    SUBJECT_CITY_AFFINITY,
    SUBJECT_TAG,
    SUBJECTS,
    TABLE1_TOP3,
)


def pick(rng: np.random.Generator, items, weights=None):
    items = list(items)
    if weights is None:
        return items[int(rng.integers(len(items)))]
    w = np.asarray(weights, dtype=float)
    return items[int(rng.choice(len(items), p=w / w.sum()))]


def zipf(n: int, s: float = 0.7) -> np.ndarray:
    return 1.0 / np.arange(1, n + 1) ** s


def _org_name(o):
    return o if isinstance(o, str) else o[0]


def pick_org(rng, city: str, kind: str, tag: str | None = None) -> str:
    """A domestic organisation of `kind` (u/i/e) in `city`. Lists run from the biggest
    employer down (Zipf weights); entries tagged with subjects are only used for those
    subjects and are boosted for them (institutes strongly, universities mildly)."""
    pool = DOMESTIC_ORGS[city][kind] or DOMESTIC_ORGS[city]["u"]
    kind = kind if DOMESTIC_ORGS[city][kind] else "u"
    base = zipf(len(pool), 1.0 if kind == "u" else 0.5)
    items, w = [], []
    for o, b in zip(pool, base):
        if isinstance(o, str):
            items.append(o)
            w.append(b)
        elif tag in o[1]:
            items.append(o[0])
            w.append(b * (1.5 if kind == "u" else 12.0))
    if not items:  # only subject-specific entries, none for this subject
        items, w = [_org_name(o) for o in pool], list(base)
    return pick(rng, items, w)


def fit_subject_city(rng) -> pd.DataFrame:
    """Subject x return-city counts: the printed top-3 cells of Table 1 fixed, every
    other cell of a subject below its printed third (no tie), both margins exact
    (capped IPF, then an integer repair)."""
    subjects = list(SUBJECTS)
    cities = list(RETURN_CITIES)
    subj_tot = np.array([sum(v) for v in SUBJECTS.values()], dtype=float)
    city_tot = np.array(list(RETURN_CITIES.values()), dtype=float)
    fixed = np.zeros((len(subjects), len(cities)))
    free = np.ones_like(fixed, dtype=bool)
    cap = np.zeros_like(fixed)
    for i, s in enumerate(subjects):
        top = TABLE1_TOP3[s]
        cap[i, :] = min(top.values()) - 1
        for c, n in top.items():
            fixed[i, cities.index(c)] = n
            free[i, cities.index(c)] = False
    cap[~free] = 0
    row_left = subj_tot - fixed.sum(1)
    col_left = city_tot - fixed.sum(0)
    seed = np.outer(subj_tot, city_tot) / N_PERSONS
    for i, s in enumerate(subjects):
        for c, f in SUBJECT_CITY_AFFINITY[SUBJECT_TAG[s]].items():
            seed[i, cities.index(c)] *= f
    lower = np.zeros_like(fixed)  # the five interviewed talents need their cell
    for _year, subject, city, _pattern in CASES_REF.values():
        i, j = subjects.index(subject), cities.index(city)
        if free[i, j]:
            lower[i, j] = 1
    m = np.where(free, seed, 0.0)
    for _ in range(2000):
        with np.errstate(invalid="ignore", divide="ignore"):
            m *= np.nan_to_num(row_left / m.sum(1))[:, None]
            m = np.minimum(m, cap)
            m *= np.nan_to_num(col_left / m.sum(0))[None, :]
            m = np.maximum(np.minimum(m, cap), lower)
    fl = np.floor(m).astype(int)
    # integer repair: the remaining persons, largest fractions first, then along
    # augmenting paths (rows -> cells with room -> columns short of persons)
    rdef = (row_left - fl.sum(1)).astype(int)
    cdef = (col_left - fl.sum(0)).astype(int)
    for k in np.argsort(-(m - fl), axis=None, kind="stable"):
        i, j = np.unravel_index(k, m.shape)
        if rdef[i] > 0 and cdef[j] > 0 and fl[i, j] < cap[i, j]:
            fl[i, j] += 1
            rdef[i] -= 1
            cdef[j] -= 1
    while rdef.sum() > 0:
        path = _augmenting_path(fl, cap, np.floor(lower).astype(int), rdef, cdef)
        if path is None:  # pragma: no cover - the printed figures are feasible
            raise RuntimeError("Table 1 cannot be fitted")
        for (i, j), step in path:
            fl[i, j] += step
        rdef[path[0][0][0]] -= 1
        cdef[path[-1][0][1]] -= 1
    tab = pd.DataFrame(fl + fixed.astype(int), index=subjects, columns=cities)
    assert (tab.sum(1).values == subj_tot).all() and (tab.sum(0).values == city_tot).all()
    return tab


def _augmenting_path(fl, cap, lower, rdef, cdef):
    """Breadth-first path from a row short of persons to a column short of persons:
    [((row, col), +1), ((row', col), -1), ((row', col'), +1), ...] or None."""
    n_r, n_c = fl.shape
    prev: dict = {}
    queue = [("r", i) for i in range(n_r) if rdef[i] > 0]
    seen = set(queue)
    while queue:
        node = queue.pop(0)
        kind, x = node
        if kind == "r":
            nxt = [("c", j) for j in range(n_c) if fl[x, j] < cap[x, j]]
        else:
            if cdef[x] > 0:
                path, cur = [], node
                while cur in prev:
                    back = prev[cur]
                    if cur[0] == "c":
                        path.append(((back[1], cur[1]), +1))
                    else:
                        path.append(((cur[1], back[1]), -1))
                    cur = back
                return path[::-1]
            nxt = [("r", i) for i in range(n_r) if fl[i, x] > lower[i, x]]
        for n in nxt:
            if n not in seen:
                seen.add(n)
                prev[n] = node
                queue.append(n)
    return None


def cities_by_count(row: pd.Series) -> list:
    """Cities of a subject row by count desc, ties by the city order of RETURN_CITIES."""
    order = {c: k for k, c in enumerate(RETURN_CITIES)}
    return sorted(row.index, key=lambda c: (-row[c], order[c]))


def assign_units_and_orgs(rng, persons: list[dict]) -> None:
    """Unit type (Table 1's counts per subject) and return organisation (Table 3's
    counts for its 20, at most RETURN_ORG_CAP for any other) of every person."""
    fixed_u = Counter()
    for org, city, n in PAPER_RETURN_ORGS:
        if org not in INSTITUTE_ORGS:
            fixed_u[city] += n
    by_city = Counter(p["return_city"] for p in persons)
    non_univ_room = {c: by_city[c] - fixed_u[c] for c in by_city}
    for p in persons:
        p["unit_type"] = "university"
    # SIBS: 61 biologists in Shanghai, and no other institute biologist there
    sibs = [
        k
        for k, p in enumerate(persons)
        if p["return_city"] == "Shanghai" and p["subject"] == "Biological Science"
    ]
    for k in rng.choice(sibs, size=61, replace=False):
        persons[k]["unit_type"] = "research institute"
        persons[k]["return_org"] = "Shanghai Institutes for Biological Sciences"
    non_univ_room["Shanghai"] -= 61
    for s, (_n_u, n_i, n_e) in SUBJECTS.items():
        done_i = sum(1 for p in persons if p["subject"] == s and p["unit_type"] != "university")
        for unit, n, cw, key in (
            ("enterprise", n_e, ENTERPRISE_CITY_WEIGHT, "e"),
            ("research institute", n_i - done_i, INSTITUTE_CITY_WEIGHT, "i"),
        ):
            for _ in range(n):
                elig = [
                    k
                    for k, p in enumerate(persons)
                    if p["subject"] == s
                    and p["unit_type"] == "university"
                    and DOMESTIC_ORGS[p["return_city"]][key]
                    and non_univ_room[p["return_city"]] > 0
                    and not (p["return_city"] == "Shanghai" and s == "Biological Science")
                ]
                w = np.array([cw.get(persons[k]["return_city"], 1.0) for k in elig])
                k = elig[int(rng.choice(len(elig), p=w / w.sum()))]
                persons[k]["unit_type"] = unit
                non_univ_room[persons[k]["return_city"]] -= 1
    # organisations: the printed ones get their exact counts, the others a capped draw
    key_of = {"university": "u", "research institute": "i", "enterprise": "e"}
    for org, city, n in PAPER_RETURN_ORGS:
        if org in INSTITUTE_ORGS:
            continue
        pool = [
            k
            for k, p in enumerate(persons)
            if p["return_city"] == city and p["unit_type"] == "university" and "return_org" not in p
        ]
        for k in rng.choice(pool, size=n, replace=False):
            persons[k]["return_org"] = org
    printed = {org for org, _c, _n in PAPER_RETURN_ORGS}
    used = Counter()
    for p in persons:
        if "return_org" in p:
            continue
        city, kind = p["return_city"], key_of[p["unit_type"]]
        tag = SUBJECT_TAG[p["subject"]]
        pool = [o for o in DOMESTIC_ORGS[city][kind] if _org_name(o) not in printed]
        tagged = [o for o in pool if isinstance(o, str) or tag in o[1]]
        names = [_org_name(o) for o in (tagged or pool)]
        names = [o for o in names if used[o] < RETURN_ORG_CAP]
        if not names:  # pragma: no cover - the lists are long enough
            raise RuntimeError(f"no organisation left in {city} ({kind})")
        w = zipf(len(names), 0.8)
        org = pick(rng, names, w)
        p["return_org"] = org
        used[org] += 1


def _birth_city(rng) -> str:
    provs = list(PROVINCES)
    p = pick(rng, provs, [PROVINCES[x][0] for x in provs])
    cities = PROVINCES[p][1]
    w = [2.5] + [1.0] * (len(cities) - 1)
    return pick(rng, cities, w)


def _study_city(rng, home: str | None = None, phd: bool = False) -> str:
    hubs = list(STUDY_HUBS)
    w = [STUDY_HUBS[h] * (PHD_HUB_BOOST.get(h, 1.0) if phd else 1.0) for h in hubs]
    if home is not None:
        cap = CAPITAL[CITY_PROVINCE[home]]
        r = rng.random()
        if r < 0.30 and cap in DOMESTIC_ORGS:
            return cap
        if r < 0.42 and home in DOMESTIC_ORGS:
            return home
    return pick(rng, hubs, w)


def domestic_chain(rng, has_master: bool, phd_domestic: bool, has_dwork: bool) -> dict:
    """Cities of the domestic stages before leaving (natural draw)."""
    ch = {"birth": _birth_city(rng)}
    ch["bachelor"] = _study_city(rng, home=ch["birth"])
    if has_master:
        ch["master"] = ch["bachelor"] if rng.random() < 0.5 else _study_city(rng)
    if phd_domestic:
        prev = ch.get("master", ch["bachelor"])
        ch["phd"] = prev if rng.random() < 0.4 else _study_city(rng, phd=True)
    if has_dwork:
        ch["dwork"] = _study_city(rng)
    return ch


def timeline(rng, stages: list, cohort: int) -> dict:
    """Start years for the stages (list of keys), return year = cohort, birth 1970-1985,
    age at selection 30-39. Durations are the time spent in each stage."""
    dur = {
        "birth": 18,
        "bachelor": 4,
        "master": int(rng.choice([2, 3, 3])),
        "phd": int(rng.choice([4, 5, 5, 6]))
        if "phd_abroad" in stages
        else int(rng.choice([3, 4, 4, 5])),
        "dwork": int(rng.integers(1, 4)),
        "postdoc": int(rng.integers(2, 5)),
        "awork": int(rng.integers(2, 6)),
    }
    mins = {"master": 2, "phd": 3, "dwork": 1, "postdoc": 2, "awork": 1}
    maxs = {"master": 3, "phd": 6, "dwork": 4, "postdoc": 6, "awork": 9}
    keys = [k if k != "phd_abroad" else "phd" for k in stages if k not in ("return",)]
    lo = max(cohort - 1985, 30)
    hi = min(cohort - 1970, 39)
    total = sum(dur[k] for k in keys)
    target = int(rng.integers(lo, hi + 1)) if total < lo or total > hi else total
    adjustable = [k for k in keys if k in mins]
    guard = 0
    while total != target and guard < 200:
        guard += 1
        if total > target:
            cand = [k for k in adjustable if dur[k] > mins[k]]
            if not cand:
                break
            k = pick(rng, cand)
            dur[k] -= 1
            total -= 1
        else:
            cand = [
                k
                for k in adjustable
                if dur[k] < maxs[k] and k in ("postdoc", "awork", "dwork", "phd")
            ]
            if not cand:
                break
            k = pick(rng, cand)
            dur[k] += 1
            total += 1
    birth_year = cohort - total
    years, y = {}, birth_year
    for k in keys:
        years[k] = y
        y += dur[k]
    assert y == cohort
    return years
