"""The figures Jiang (2021) prints, and their comparison with a computed report.

Pure Python + pandas; no QGIS. One module owns the paper's numbers: the sample
generator (``scripts/make_sample.py``), the report and the tests read them from here.
Every figure below is as printed in H. Jiang (2021), "Spatial Character and Backflow
Pattern of High-Level Returned Talents in China", Complexity (CC BY 4.0); nothing
invented is kept here. Where the paper's own figures disagree (Table 3's return sum
prints 1,696, its cells add up to 1,686) both are kept and the comparison says so.

Comparison rows
---------------
:func:`compare` returns one row per printed figure: ``section``, ``item`` (what the
figure is), ``paper`` (as printed), ``computed`` (from the report's tables),
``difference`` (computed - paper, for numbers) and ``note`` (why a figure cannot be
reached, or how it is matched). Organisation names are matched after folding case and
dropping everything but letters and digits ("SunYat-Sen" = "Sun Yat-sen"), plus the
few aliases in ``ORG_ALIASES``.
"""

from __future__ import annotations

import re

import pandas as pd

from ..messages import M, term

SOURCE = (
    'H. Jiang (2021), "Spatial Character and Backflow Pattern of High-Level Returned '
    'Talents in China", Complexity, vol. 2021 (CC BY 4.0)'
)
NAMES = ("paper",)  # the references the report knows

PERSONS = 2846
UNIVERSITY_SHARE_PCT = 83  # "approximately 83%"
NETWORK_CITIES = 440
SEVEN_CITIES = ("Beijing", "Shanghai", "Wuhan", "Nanjing", "Hangzhou", "Hefei", "Guangzhou")
SEVEN_CITY_SHARE_PCT = 71.18
TOP10_RETURN_ORG_SHARE_PCT = 42.45
# Return cities the text prints (Beijing 677, Shanghai 466; then Wuhan ... Chengdu
# "between 201 and 112": the first and last of that run, in the printed order).
RETURN_CITIES = {"Beijing": 677, "Shanghai": 466, "Wuhan": 201, "Chengdu": 112}
RETURN_CITY_ORDER = ("Wuhan", "Nanjing", "Hangzhou", "Hefei", "Guangzhou", "Chengdu")
# Overseas experience, % of persons (section 4.1); region codes of countries.REGIONS.
OVERSEAS_PCT = {"USA": 52.32, "UK": 5.90, "Europe": 12.39, "Asia": 10.61, "Australia": 2.99}

UNITS = ("university", "research institute", "enterprise")
# Table 1: subject -> (university, research institute, enterprise, top 3, sum).
TABLE1 = {
    "Mathematical & Physical Science": (
        357, 83, 1, (("Beijing", 163), ("Shanghai", 81), ("Hefei", 44)), 441,
    ),
    "Chemistry": (311, 71, 10, (("Beijing", 62), ("Shanghai", 60), ("Nanjing", 30)), 392),
    "Environmental & Earth Science": (
        191, 52, 0, (("Beijing", 72), ("Nanjing", 28), ("Wuhan", 26)), 243,
    ),
    "Information Science": (273, 24, 0, (("Beijing", 57), ("Shanghai", 46), ("Chengdu", 28)), 297),
    "Biological Science": (
        587, 169, 0, (("Beijing", 176), ("Shanghai", 174), ("Hangzhou", 63)), 756,
    ),
    "Engineering & Materials Science": (
        631, 81, 5, (("Beijing", 147), ("Shanghai", 87), ("Nanjing", 60)), 717,
    ),
}  # fmt: skip

# Table 3 (left): rank, organisation as printed, city, persons. Printed sum 1,696.
TABLE3_RETURN = (
    (1, "Peking University", "Beijing", 160),
    (2, "University of Science and Technology of China", "Hefei", 160),
    (3, "Zhejiang University", "Hangzhou", 159),
    (4, "Tsinghua University", "Beijing", 157),
    (5, "Shanghai Jiaotong University", "Shanghai", 128),
    (6, "Nanjing University", "Nanjing", 105),
    (7, "Fudan University", "Shanghai", 103),
    (8, "SunYat-Sen University", "Guangzhou", 87),
    (9, "Huazhong University of Science and Technology", "Wuhan", 86),
    (10, "Wuhan University", "Wuhan", 63),
    (11, "Shanghai Institutes for Biological Sciences", "Shanghai", 61),
    (12, "Tongji University", "Shanghai", 57),
    (13, "South University of Science and Technology", "Shenzhen", 52),
    (14, "Sichuan University", "Chengdu", 51),
    (15, "University of Electronic Science and Technology", "Chengdu", 51),
    (16, "Xiamen University", "Xiamen", 47),
    (17, "Xi'an Jiaotong University", "Xi'an", 46),
    (18, "Suzhou University", "Suzhou", 39),
    (19, "Beijing University of Aeronautics & Astronautics", "Beijing", 38),
    (20, "Tianjin University", "Tianjin", 36),
)
TABLE3_RETURN_SUM = 1696
# Table 3 (right): rank, organisation, country, city, persons, as printed. Sum 767.
TABLE3_OVERSEAS = (
    (1, "Harvard University", "USA", "Boston", 82),
    (2, "Stanford University", "USA", "Palo Alto", 75),
    (3, "Massachusetts Institute", "USA", "Boston", 68),
    (4, "University of California, Los Angeles", "USA", "Los Angeles", 48),
    (5, "University of California, Berkeley", "USA", "Berkeley", 47),
    (6, "Nanyang Technological University", "Singapore", "Singapore", 47),
    (7, "Yale University", "USA", "New Haven", 45),
    (8, "Columbia University", "USA", "New York", 35),
    (9, "National Institutes of Health", "USA", "Bethesda", 34),
    (10, "National University of Singapore", "Singapore", "Singapore", 32),
    (11, "University of Pennsylvania", "USA", "Philadelphia", 31),
    (12, "University of Michigan", "USA", "Michigan", 30),
    (13, "University of Hong Kong", "China", "Hong Kong", 26),
    (14, "University of California, San Diego", "USA", "San Diego", 26),
    (15, "Northwestern University", "USA", "Evanston", 26),
    (16, "Purdue University", "USA", "West Lafayette", 25),
    (17, "Cambridge University", "England", "Cambridge", 23),
    (18, "California Institute of Technology", "USA", "Pasadena", 23),
    (19, "Los Alamos National Laboratory", "USA", "Los Alamos", 23),
    (20, "University of Texas at Austin", "USA", "Austin", 21),
)
TABLE3_OVERSEAS_SUM = 767
# Table 4: tier -> (number of cities, the cities the paper names).
TABLE4 = {
    1: (4, ("Beijing", "Shanghai", "Nanjing", "Wuhan")),
    2: (23, ("Hefei", "Guangzhou", "Hangzhou", "Chengdu", "Xi'an")),
    3: (25, ("Mianyang", "Xianyang")),
}
TABLE4_SUM = 52
# Table 2 and Figure 3: the five interviewed talents.
CASES = {
    "A": (2018, "Biological Science", "Shanghai", "linear"),
    "B": (2015, "Engineering & Materials Science", "Xi'an", "circle"),
    "C": (2015, "Information Science", "Chongqing", "circle"),
    "D": (2016, "Mathematical & Physical Science", "Beijing", "circle"),
    "E": (2012, "Engineering & Materials Science", "Suzhou", "linear"),
}

# Printed names -> the full name a data set is likely to use.
ORG_ALIASES = {
    "massachusettsinstitute": "massachusettsinstituteoftechnology",
    "southuniversityofscienceandtechnology": "southernuniversityofscienceandtechnology",
    "universityofelectronicscienceandtechnology": (
        "universityofelectronicscienceandtechnologyofchina"
    ),
    "suzhouuniversity": "soochowuniversity",
    "cambridgeuniversity": "universityofcambridge",
    "beijinguniversityofaeronauticsastronautics": "beihanguniversity",
}
# Printed country -> ISO2 as the data hold it (the paper counts Hong Kong abroad).
COUNTRY_ISO2 = {"USA": "US", "Singapore": "SG", "China": "HK", "England": "GB"}
# Printed city -> the city a gazetteer has ("Michigan" is a state: Ann Arbor).
CITY_ALIASES = {"Michigan": "Ann Arbor", "New York": "New York City"}
# Printed "Boston" for Harvard and MIT is the Boston area: both are in Cambridge, MA.
ORG_CITY = {"Harvard University": "Cambridge", "Massachusetts Institute": "Cambridge"}


def table3_city(org: str, printed: str) -> str:
    """The city a gazetteer holds for a Table 3 overseas organisation's printed city."""
    return ORG_CITY.get(org) or CITY_ALIASES.get(printed, printed)


COMPARE_COLUMNS = ("section", "item", "paper", "computed", "difference", "note")


def org_key(name: object) -> str:
    """Folded organisation name: letters and digits only, aliases applied."""
    key = re.sub(r"[^0-9a-z]+", "", str(name or "").casefold())
    return ORG_ALIASES.get(key, key)


def _num(value):
    try:
        out = float(value)
    except (TypeError, ValueError):
        return None
    return None if out != out else out


def _pair(head, tail) -> M:
    """'Chemistry: top 1 city': a figure's item, each half in the page's language."""
    return M("report.reference.pair", head=head, tail=tail)


def _row(section, item, paper, computed, note="") -> dict:
    p, c = _num(paper), _num(computed)
    diff = None if p is None or c is None else round(c - p, 4)
    return {
        "section": term(section),
        "item": item,
        "paper": paper,
        "computed": computed,
        "difference": diff,
        "note": note,
    }


def _by_key(frame: pd.DataFrame, key: str) -> dict:
    if frame is None or frame.empty or key not in frame.columns:
        return {}
    return {str(k): row for k, row in zip(frame[key], frame.to_dict("records"))}


def compare(tables: dict[str, pd.DataFrame], network_cities: int | None = None) -> pd.DataFrame:
    """Every printed figure next to the computed one (see the module docstring).

    ``tables`` are the report's tables (``build_report`` keys: table1,
    table3_return, table3_overseas, overseas_regions, return_cities, table4);
    ``network_cities`` the number of cities of the worldwide network.
    """
    rows: list[dict] = []
    t1 = tables.get("table1")
    subj_col = t1.columns[0] if t1 is not None and len(t1.columns) else None
    t1rows = _by_key(t1, subj_col) if subj_col else {}
    for subject, (u, i, e, top, total) in TABLE1.items():
        got = t1rows.get(subject, {})
        sec = "Table 1"
        for unit, value in zip(UNITS, (u, i, e)):
            rows.append(_row(sec, _pair(subject, term(unit)), value, got.get(unit)))
        for k, (city, n) in enumerate(top, start=1):
            city_k = _pair(subject, M("report.reference.top_city", k=k))
            count_k = _pair(subject, M("report.reference.top_count", k=k))
            rows.append(_row(sec, city_k, city, got.get(f"top{k}_city")))
            rows.append(_row(sec, count_k, n, got.get(f"top{k}_count")))
        rows.append(_row(sec, _pair(subject, term("sum")), total, got.get("total")))
    if t1 is not None and not t1.empty:
        all_row = t1rows.get("All", {})
        n_all = all_row.get("total")
        uni = all_row.get("university")
        share = None if not n_all or uni is None else round(100 * uni / n_all, 2)
        rows.append(_row("Table 1", M("report.reference.all_persons"), PERSONS, n_all))
        rows.append(
            _row(
                "Table 1",
                M("report.reference.university_share"),
                UNIVERSITY_SHARE_PCT,
                share,
                M("report.reference.university_share_note"),
            )
        )

    rc = _by_key(tables.get("return_cities"), "city")
    for city, n in RETURN_CITIES.items():
        rows.append(_row("Return cities", city, n, (rc.get(city) or {}).get("persons")))
    ranked = [str(c) for c in tables.get("return_cities", pd.DataFrame()).get("city", [])]
    order = [c for c in ranked if c in RETURN_CITY_ORDER]
    rows.append(
        _row(
            "Return cities",
            M("report.reference.order_after_shanghai"),
            ", ".join(RETURN_CITY_ORDER),
            ", ".join(order),
            "" if tuple(order) == RETURN_CITY_ORDER else M("report.reference.order_differs"),
        )
    )
    seven = sum(int((rc.get(c) or {}).get("persons") or 0) for c in SEVEN_CITIES)
    total = sum(int(r.get("persons") or 0) for r in rc.values())
    rows.append(
        _row(
            "Return cities",
            M("report.reference.seven_city_share"),
            SEVEN_CITY_SHARE_PCT,
            round(100 * seven / total, 4) if total else None,
            M("report.reference.seven_city_share_note"),
        )
    )

    reg = _by_key(tables.get("overseas_regions"), "region")
    for region, pct in OVERSEAS_PCT.items():
        share = (reg.get(region) or {}).get("share")
        note = ""
        if region == "Europe":
            note = M("report.reference.europe_note")
        rows.append(
            _row(
                "Overseas experience",
                M("report.reference.share_of_persons", region=term(region)),
                pct,
                None if share is None else round(100 * float(share), 2),
                note,
            )
        )

    _compare_orgs(rows, tables.get("table3_return"), tables.get("table3_overseas"))

    t4 = _by_key(tables.get("table4"), "tier")
    for tier, (n, named) in TABLE4.items():
        got = t4.get(str(tier)) or {}
        rows.append(
            _row(
                "Table 4",
                _pair(M("report.reference.tier", tier=tier), M("report.reference.n_cities")),
                n,
                got.get("cities"),
            )
        )
        members = set(str(got.get("members") or "").split(", "))
        for city in named:
            rows.append(
                _row(
                    "Table 4",
                    _pair(M("report.reference.tier", tier=tier), city),
                    term("listed"),
                    term("listed") if city in members else term("not in this tier"),
                )
            )
    total4 = sum(int((t4.get(str(t)) or {}).get("cities") or 0) for t in (1, 2, 3))
    rows.append(_row("Table 4", term("sum"), TABLE4_SUM, total4 if t4 else None))
    if network_cities is not None:
        cities = M("report.reference.cities_worldwide")
        rows.append(_row("Network", cities, NETWORK_CITIES, network_cities))
    return pd.DataFrame(rows, columns=list(COMPARE_COLUMNS))


def _compare_orgs(rows: list[dict], ret: pd.DataFrame | None, ovs: pd.DataFrame | None) -> None:
    def index(frame):
        if frame is None or frame.empty:
            return {}
        return {org_key(o): r for o, r in zip(frame["org"], frame.to_dict("records"))}

    got = index(ret)
    computed_sum = 0
    for rank, org, city, n in TABLE3_RETURN:
        hit = got.get(org_key(org)) or {}
        computed_sum += int(hit.get("persons") or 0)
        rows.append(_row("Table 3 return", f"{rank}. {org}", n, hit.get("persons")))
        rows.append(
            _row("Table 3 return", _pair(f"{rank}. {org}", term("city")), city, hit.get("city"))
        )
    printed_cells = sum(r[3] for r in TABLE3_RETURN)
    rows.append(
        _row(
            "Table 3 return",
            term("sum"),
            TABLE3_RETURN_SUM,
            computed_sum if got else None,
            M(
                "report.reference.sum_note",
                cells=f"{printed_cells:,}",
                printed=f"{TABLE3_RETURN_SUM:,}",
            ),
        )
    )
    got = index(ovs)
    computed_sum = 0
    for rank, org, country, city, n in TABLE3_OVERSEAS:
        hit = got.get(org_key(org)) or {}
        computed_sum += int(hit.get("persons") or 0)
        rows.append(_row("Table 3 overseas", f"{rank}. {org}", n, hit.get("persons")))
        note = ""
        if country == "China":
            note = M("report.reference.hong_kong_note")
        rows.append(
            _row(
                "Table 3 overseas",
                _pair(f"{rank}. {org}", term("country")),
                country,
                hit.get("country"),
                note,
            )
        )
        want_city = table3_city(org, city)
        note = ""
        if want_city != city:
            key = (
                "report.reference.boston_note" if org in ORG_CITY else "report.reference.city_note"
            )
            note = M(key, printed=city, held=want_city)
        item = _pair(f"{rank}. {org}", term("city"))
        rows.append(_row("Table 3 overseas", item, city, hit.get("city"), note))
    total = computed_sum if got else None
    rows.append(_row("Table 3 overseas", term("sum"), TABLE3_OVERSEAS_SUM, total))


def matches(row: dict) -> bool:
    """True when a comparison row's computed value is the printed one (or its alias)."""
    paper, computed = row["paper"], row["computed"]
    if _num(paper) is not None and _num(computed) is not None:
        return abs(_num(paper) - _num(computed)) < 1e-9
    if row["item"].endswith(": country"):
        return COUNTRY_ISO2.get(str(paper), paper) == computed
    if row["item"].endswith(": city"):
        org = row["item"].split(". ", 1)[-1].rsplit(": ", 1)[0]
        return table3_city(org, str(paper)) == computed
    return str(paper) == str(computed)
