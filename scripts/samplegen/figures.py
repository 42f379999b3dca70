"""What the sample is built to: the paper's printed figures (from
``backflow_plugin/core/report/reference.py``, their one owner) and the sample's own targets
and vocabulary (``paper_figures.json`` and ``places.json`` beside this module)."""

from __future__ import annotations

import json
from collections import OrderedDict
from pathlib import Path

from backflow_plugin.core.report import reference as REF

HERE = Path(__file__).resolve().parent


def _load(name: str) -> dict:
    with open(HERE / name, encoding="utf-8") as f:
        return json.load(f, object_pairs_hook=OrderedDict)


_FIG = _load("paper_figures.json")
_PLACES = _load("places.json")

N_PERSONS = REF.PERSONS
# the citation without its licence note
PAPER = REF.SOURCE.removesuffix(" (CC BY 4.0)")

# Return cities in the paper's order: the printed counts from reference, the others invented.
RETURN_CITIES: OrderedDict[str, int] = OrderedDict(
    (c, REF.RETURN_CITIES[c] if n is None else n) for c, n in _FIG["return_cities"].items()
)
# the 4 national core cities and 23 regional centres first; the rest are prefecture-level
# cities (the paper's regional special cities)
CENTRES = _FIG["national_and_regional_centres"]
SPECIAL_CITIES = list(RETURN_CITIES)[CENTRES:]
assert len(SPECIAL_CITIES) == REF.TABLE4[3][0] and "Suzhou" in SPECIAL_CITIES
SEVEN_CITIES = list(REF.SEVEN_CITIES)
PAPER_SEVEN_SHARE_PCT = REF.SEVEN_CITY_SHARE_PCT

COHORTS = OrderedDict((int(y), n) for y, n in _FIG["cohorts"].items())
LINEAR_SHARE = {int(y): v for y, v in _FIG["linear_share_by_cohort"].items()}

UNIT_TYPES = list(REF.UNITS)
# Table 1 (subject x work-unit type, top 3 return cities per subject)
SUBJECTS = OrderedDict((s, (u, i, e)) for s, (u, i, e, _top, _n) in REF.TABLE1.items())
TABLE1_TOP3 = {s: dict(top) for s, (_u, _i, _e, top, _n) in REF.TABLE1.items()}
SUBJECT_TAG = _FIG["subject_tags"]
SUBJECT_CITY_AFFINITY = _FIG["subject_city_affinity"]

# Overseas regions: the paper's shares of persons, and the countries of each region
PAPER_REGION_PCT = OrderedDict(
    (r, REF.OVERSEAS_PCT[v["paper"]])
    for r, v in _FIG["overseas_regions"].items()
    if v["paper"] is not None
)
REGION_COUNTRIES = OrderedDict((r, v["countries"]) for r, v in _FIG["overseas_regions"].items())
REGION_OF = {cc: r for r, ccs in REGION_COUNTRIES.items() for cc in ccs}

# Table 3 (right): (name, city, ISO2, kind, persons); kind "u" = can award a PhD
TOP_ORGS = [
    (
        _FIG["overseas_org_names"].get(org, org),
        REF.table3_city(org, city),
        REF.COUNTRY_ISO2[country],
        _FIG["overseas_org_kinds"].get(org, "u"),
        n,
    )
    for _r, org, country, city, n in REF.TABLE3_OVERSEAS
]
TAIL_CAP = _FIG["other_overseas_org_cap"]
TAIL_ORGS = _PLACES["other_overseas_orgs"]
RESERVE_ORGS = _PLACES["reserve_orgs"]

# Table 3 (left): the printed return organisations, by the names the sample uses
PAPER_RETURN_ORGS = [
    (_FIG["return_org_names"].get(org, org), city, n) for _r, org, city, n in REF.TABLE3_RETURN
]
INSTITUTE_ORGS = set(_FIG["institute_return_orgs"])
RETURN_ORG_CAP = _FIG["other_return_org_cap"]

# Domestic geography: province -> (weight for birth places, [cities, capital first])
PROVINCES = OrderedDict((p, (w, cs)) for p, (w, cs) in _PLACES["provinces"].items())
ZH = _PLACES["chinese_names"]
ZH_TO_EN = {v: k for k, v in ZH.items()}
CITY_PROVINCE = {c: p for p, (_, cs) in PROVINCES.items() for c in cs}
CAPITAL = {p: cs[0] for p, (_, cs) in PROVINCES.items()}
# city -> {"u": [...], "i": [...], "e": [...]}; an entry is a name or (name, {subject tags})
DOMESTIC_ORGS = {
    city: {
        kind: [o if isinstance(o, str) else (o[0], frozenset(o[1])) for o in orgs]
        for kind, orgs in by_kind.items()
    }
    for city, by_kind in _PLACES["domestic_orgs"].items()
}
STUDY_HUBS = _PLACES["study_hubs"]
PHD_HUB_BOOST = _PLACES["phd_hub_boost"]
INSTITUTE_CITY_WEIGHT = _PLACES["institute_city_weight"]
ENTERPRISE_CITY_WEIGHT = _PLACES["enterprise_city_weight"]

# The five interviewed talents: reference.CASES (return year, subject, city, pattern) and
# the sample's own (return organisation, cohort, domestic stages before going abroad)
CASES_REF = REF.CASES
CASES = _FIG["cases"]
NOT_REACHED = _FIG["not_reached"]
NETWORK_CITIES = REF.NETWORK_CITIES

COLUMNS = [
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


def english(city: str) -> str:
    return ZH_TO_EN.get(city, city)
