#!/usr/bin/env python3
"""Build resources/gazetteer/organisations.csv: universities and institutes -> their city.

Sources (in scripts/org_sources/):
- ``moe_institutions.csv``: the Ministry of Education's list of higher-education
  institutions (全国高等学校名单: name, institution code, supervising authority, the
  city it is in, level), government public information, as transcribed in
  github.com/Base-Technology/base-interface (src/layouts/Header/schoolData.ts, commit
  9a4926d; 2,631 institutions). ``--extract-moe FILE`` rewrites the CSV from that file.
- ``cn_universities_en.tsv``: English names, abbreviations and Chinese short and former
  names of Chinese universities (the developers' knowledge), joined on the Chinese name.
- ``cn_extra_institutions.tsv``: Chinese universities, institutes, laboratories,
  hospitals and companies not on that list, with their city (developers' knowledge).
- ``cas_institutes.tsv``: institutes of the Chinese Academy of Sciences and their city
  (developers' knowledge); the build adds the forms 中国科学院X, 中科院X,
  "X, Chinese Academy of Sciences" and "X, CAS".
- ``zh_place_names.tsv``: Chinese names of research cities abroad that the city
  gazetteer lacks, used after the country only (美国达勒姆; developers' knowledge).
- ``world_universities.tsv``: research universities and institutes abroad, Hong Kong,
  Macao and Taiwan with the city of their main campus, English abbreviations and
  Chinese names (developers' knowledge); the build adds the forms with the
  university's country in Chinese before it (美国加州大学洛杉矶分校) and the
  traditional characters of every Chinese name (``zhconv``, build time only).

Every organisation's place is resolved with the bundled place gazetteer (the same way
the import resolves a cell) and its ``city_id`` written beside it; the build fails,
listing them, when a place does not resolve or resolves to a place of another country.
A name shared by organisations in different places is reported and left to match
nothing (``core/places/org_gazetteer.py``).

    .venv/bin/python scripts/build_organisations.py           # write the CSV
    .venv/bin/python scripts/build_organisations.py --check   # only check
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from backflow_plugin.core.places.countries import Countries  # noqa: E402
from backflow_plugin.core.places.gazetteer import Gazetteer  # noqa: E402
from backflow_plugin.core.places.org_gazetteer import ORG_COLUMNS, ORG_FILE, org_form_key  # noqa: E402

SOURCES = ROOT / "scripts" / "org_sources"
MOE_SOURCE = "Ministry of Education list of higher-education institutions"
OWN = "developers' knowledge"
CAS_PREFIXES = ("中国科学院", "中科院")
# Names of CAS units no other organisation bears (a place, an observatory, a garden).
CAS_UNIQUE = r"^(?:上海|大连|长春|兰州|沈阳|成都|昆明|武汉|南京|广州|深圳|青岛|烟台|合肥|宁波|西安|苏州|新疆|福建|山西|天津|重庆)|天文台|植物园|中心$"
# The MoE list's short forms of a few prefectures -> the gazetteer's names.
MOE_CITY_NAMES = {"临夏州": "临夏回族自治州", "凉山州": "凉山彝族自治州"}


def read_tsv(name: str, columns: int) -> list[list[str]]:
    rows = []
    with open(SOURCES / name, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            parts += [""] * (columns - len(parts))  # empty last columns may be left off
            if len(parts) != columns:
                sys.exit(f"{name}:{n}: {len(parts)} columns, expected {columns}")
            rows.append([p.strip() for p in parts])
    return rows


def split(text: str) -> list[str]:
    return [p.strip() for p in text.split("|") if p.strip()]


def extract_moe(path: Path) -> None:
    """The MoE list from the transcription's TypeScript file -> moe_institutions.csv."""
    text = path.read_text(encoding="utf-8")
    rows = []
    for obj in re.findall(r"\{([^{}]*)\}", text):
        d = dict(re.findall(r'"(\w+)":\s*"([^"]*)"', obj))
        if "name" in d:
            keys = ("code", "name", "department", "address", "level", "remarks")
            rows.append([d.get(k, "").replace("\\n", "").strip() for k in keys])
    with open(SOURCES / "moe_institutions.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "name", "department", "city", "level", "remarks"])
        w.writerows(rows)
    print(f"{len(rows)} institutions written")


def traditional(forms: list[str]) -> list[str]:
    try:
        import zhconv
    except ImportError:  # build-time extra: without it the table has simplified forms only
        return []
    return [zhconv.convert(f, "zh-hant") for f in forms if re.search(r"[\u4e00-\u9fff]", f)]


def collect() -> list[dict]:
    orgs: list[dict] = []

    def add(org_id, name, name_zh, aliases, place, province, country, kind, source):
        zh_forms = [f for f in [name_zh, *aliases] if re.search(r"[\u4e00-\u9fff]", f)]
        forms = list(dict.fromkeys([*aliases, *traditional(zh_forms)]))
        forms = [f for f in forms if f not in (name, name_zh)]
        orgs.append(
            {
                "org_id": org_id,
                "name": name,
                "name_zh": name_zh,
                "aliases": "|".join(forms),
                "place": place,
                "province": province,
                "country": country,
                "kind": kind,
                "source": source,
            }
        )

    english = {org_form_key(r[0]): r for r in read_tsv("cn_universities_en.tsv", 3)}
    moe = pd.read_csv(SOURCES / "moe_institutions.csv", dtype=str, keep_default_na=False)
    used = set()
    for code, name, _dept, city, level, _remarks in moe.itertuples(index=False, name=None):
        en = english.get(org_form_key(name))
        names = split(en[1]) if en else []
        short = split(en[2]) if en else []
        if en:
            used.add(org_form_key(name))
        add(
            f"MOE{code}",
            names[0] if names else "",
            name,
            names[1:] + short,
            MOE_CITY_NAMES.get(city, city),
            "",
            "CN",
            "university" if level == "本科" else "college",
            MOE_SOURCE + (f"; English names: {OWN}" if en else ""),
        )
    missing = sorted(set(english) - used)
    if missing:
        sys.exit(f"cn_universities_en.tsv names not on the MoE list: {missing}")

    for n, (zh, short, en, city) in enumerate(read_tsv("cn_extra_institutions.tsv", 4), 1):
        names = split(en)
        add(f"CNX{n:03d}", names[0], zh, names[1:] + split(short), city, "", "CN", "institute", OWN)

    for n, (zh, short, en, abbr, city) in enumerate(read_tsv("cas_institutes.tsv", 5), 1):
        forms = [p + zh for p in CAS_PREFIXES]
        for s in split(short):
            forms += [p + s for p in CAS_PREFIXES]
            if len(s) >= 4:  # 大连化物所 alone; 化学所 alone names no one institute
                forms.append(s)
        if len(zh) >= 6 or re.search(CAS_UNIQUE, zh):
            forms.append(zh)  # 上海有机化学研究所 alone; 化学研究所 alone is not CAS's
        english_forms = [
            f"{en}, Chinese Academy of Sciences",
            f"{en}, CAS",
            f"Chinese Academy of Sciences {en}",
            f"CAS {en}",
        ]
        add(
            f"CAS{n:03d}",
            english_forms[0],
            "中国科学院" + zh,
            forms + english_forms[1:] + split(abbr),
            city,
            "",
            "CN",
            "institute",
            OWN,
        )

    countries = Countries.bundled()
    for n, (name, aliases, zh, city, state, country) in enumerate(
        read_tsv("world_universities.tsv", 6), 1
    ):
        zh_forms = split(zh)
        country_zh = countries.name_zh_of(country) or ""
        prefixed = [country_zh + f for f in zh_forms if country_zh and country_zh not in f]
        add(
            f"W{n:03d}",
            name,
            zh_forms[0] if zh_forms else "",
            split(aliases) + zh_forms[1:] + prefixed,
            city,
            state,
            country,
            "university" if "univ" in name.casefold() or "大学" in zh else "institute",
            OWN,
        )

    # Chinese names of research cities abroad, always after their country (美国达勒姆)
    for n, (zh, place, state, country) in enumerate(read_tsv("zh_place_names.tsv", 4), 1):
        country_zh = countries.name_zh_of(country) or ""
        forms = [country_zh + f for f in split(zh)]
        add(f"P{n:03d}", "", "", forms, place, state, country, "place", OWN)
    return orgs


# English forms of the kinds of university, for names made of a province or city and a
# kind (广西师范大学 -> Guangxi Normal University): the usual English names of Chinese
# universities follow this pattern (the developers' knowledge); exceptions have entries
# of their own in cn_universities_en.tsv.
KIND_EN = {
    "大学": ("University",),
    "师范大学": ("Normal University",),
    "农业大学": ("Agricultural University",),
    "医科大学": ("Medical University",),
    "中医药大学": ("University of Chinese Medicine", "University of Traditional Chinese Medicine"),
    "科技大学": ("University of Science and Technology",),
    "工业大学": ("University of Technology",),
    "财经大学": ("University of Finance and Economics",),
    "工程大学": ("Engineering University",),
    "交通大学": ("Jiaotong University",),
    "海洋大学": ("Ocean University",),
    "民族大学": ("Minzu University", "University for Nationalities"),
    "外国语大学": ("International Studies University", "Foreign Studies University"),
    "建筑大学": ("Jianzhu University", "University of Architecture"),
    "农林大学": ("Agriculture and Forestry University", "A&F University"),
    "邮电大学": ("University of Posts and Telecommunications",),
    "医学院": ("Medical College",),
    "师范学院": ("Normal College",),
}


def english_forms(orgs: list[dict], gaz: Gazetteer) -> int:
    """Add "<Province or city> <kind>" English names to MoE entries without one."""
    from backflow_plugin.core.places.provinces import CN_PROVINCES

    heads = {zh: en for zh, en, _ in CN_PROVINCES.values()}
    taken = {  # names given by a source win over made ones
        org_form_key(f)
        for o in orgs
        for f in [o["name"], *o["aliases"].split("|")]
        if f and not re.search(r"[\u4e00-\u9fff]", f)
    }
    cities = gaz.cities.set_index("city_id")
    added = 0
    for o in orgs:
        if o["name"] or not o["org_id"].startswith("MOE"):
            continue
        zh = o["name_zh"]
        local = dict(heads)
        row = cities.loc[o["city_id"]] if o.get("city_id") in cities.index else None
        if row is not None and isinstance(row["name_zh"], str):
            local[row["name_zh"]] = row["name"]
        for head in sorted(local, key=len, reverse=True):
            kind = zh[len(head) :] if zh.startswith(head) else None
            if kind in KIND_EN:
                names = [f"{local[head]} {k}" for k in KIND_EN[kind]]
                names = [n for n in names if org_form_key(n) not in taken]
                if not names:
                    break
                o["name"] = names[0]
                o["aliases"] = "|".join([*names[1:], *filter(None, o["aliases"].split("|"))])
                added += 1
                break
    return added


def drop_place_names(orgs: list[dict]) -> int:
    """Aliases that are the name of the organisation's own place or of a state
    ("Princeton", "Rochester", "Oxford", "Illinois") name the place, not the
    organisation: a cell with them is read as a place."""
    from backflow_plugin.core.places.provinces import province_keys

    dropped = 0
    for o in orgs:
        place = org_form_key(o["place"])
        keep = []
        for a in filter(None, o["aliases"].split("|")):
            if org_form_key(a) == place or (" " not in a and province_keys(a) and len(a) > 3):
                dropped += 1
            else:
                keep.append(a)
        o["aliases"] = "|".join(keep)
    return dropped


def resolve_places(orgs: list[dict]) -> list[str]:
    """Fill city_id and the gazetteer's place name; return the problems found."""
    gaz = Gazetteer.bundled()
    text = [f"{o['place']}, {o['province']}" if o["province"] else o["place"] for o in orgs]
    res = gaz.resolve(pd.Series(text), pd.Series([o["country"] for o in orgs]), None)
    cities = gaz.cities.set_index("city_id")
    problems = []
    for o, t, cid in zip(orgs, text, res["city_id"]):
        if cid is None:
            problems.append(f"{o['org_id']} {o['name'] or o['name_zh']}: place {t!r} not found")
            continue
        row = cities.loc[cid]
        if row["country"] != o["country"]:
            problems.append(f"{o['org_id']}: {t!r} resolves to {cid} in {row['country']}")
        o["city_id"] = cid
        if o["country"] == "CN":  # the MoE list's 南京市 -> the gazetteer's Nanjing
            o["place"] = row["name"]
    # An English name that several Chinese cities share (Suzhou 苏州/宿州, Taizhou
    # 台州/泰州, Fuzhou 福州/抚州, Yichun 伊春/宜春) keeps its province, so the import
    # finds the organisation's own city and not the largest of that name.
    cn = [o for o in orgs if o["country"] == "CN" and not o["province"] and o.get("city_id")]
    alone = gaz.resolve(pd.Series([o["place"] for o in cn]), pd.Series(["CN"] * len(cn)), None)
    for o, cid in zip(cn, alone["city_id"]):
        if cid != o["city_id"]:
            o["province"] = cities.loc[o["city_id"], "province"]
    text = [f"{o['place']}, {o['province']}" if o["province"] else o["place"] for o in orgs]
    again = gaz.resolve(pd.Series(text), pd.Series([o["country"] for o in orgs]), None)
    for o, t, cid in zip(orgs, text, again["city_id"]):
        if o.get("city_id") and cid != o["city_id"]:
            problems.append(f"{o['org_id']}: {t!r} resolves to {cid}, not {o['city_id']}")
    return problems


def shared_names(orgs: list[dict]) -> dict[str, set]:
    places: dict[str, set] = {}
    for o in orgs:
        for form in [o["name"], o["name_zh"], *o["aliases"].split("|")]:
            key = org_form_key(form)
            if key:
                places.setdefault(key, set()).add(o.get("city_id"))
    return {k: v for k, v in places.items() if len(v) > 1}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="check only, write nothing")
    ap.add_argument("--extract-moe", type=Path, help="rewrite moe_institutions.csv from FILE")
    args = ap.parse_args()
    if args.extract_moe:
        extract_moe(args.extract_moe)
        return 0
    orgs = collect()
    print(f"aliases that are place names, left out: {drop_place_names(orgs)}")
    problems = resolve_places(orgs)
    if problems:
        print("\n".join(problems))
        return 1
    print(
        f"English names made from a province or city and a kind: {english_forms(orgs, Gazetteer.bundled())}"
    )
    shared = shared_names(orgs)
    for key in sorted(shared):
        print(f"shared name (matches nothing): {key} -> {sorted(shared[key])}")
    frame = pd.DataFrame(orgs)[list(ORG_COLUMNS)]
    counts = frame.groupby("source").size()
    print(f"{len(frame)} organisations, {frame['city_id'].nunique()} places")
    print(counts.to_string())
    print(frame.groupby("country").size().sort_values(ascending=False).head(15).to_string())
    if not args.check:
        frame.to_csv(ORG_FILE, index=False, encoding="utf-8", lineterminator="\n")
        print(f"written {ORG_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
