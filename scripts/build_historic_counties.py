#!/usr/bin/env python3
"""Build resources/gazetteer/historic_counties.csv: counties that are gone -> today's unit.

Two sources, each row keeping its own (column ``source``):

* ``areacodes``: the county-level (and city) codes of the People's Republic since 1981
  with the change records between old and new codes, as published by the Ministry of
  Civil Affairs and collected in the CC0 data set ``yescallop/areacodes``
  (``result.csv``: code, province, prefecture, name, level, status, first and last
  year, new codes). Every unit whose name is no longer in use is followed through its
  new codes, year by year, to the units in use today; a unit split between several
  takes the successor that keeps its stem, else their common prefecture, else it is
  left out (listed in the build report).
* ``facts``: county renamings and mergers before 1981 (Republican and early-PRC
  names that the code lists never carried), written below with their year.

``today_id`` is the bundled gazetteer's ``city_id`` (its adcode when the gazetteer
has it, else the unit found by name in its province, else its prefecture). ``latin``:
the name's pinyin and Wade-Giles forms ("Tinghsien", "Ting Hsien", "Dingxian"), made
here as ``gazetteer_build.readings.county_forms`` makes them for today's units (pypinyin).

    .venv/bin/python scripts/build_historic_counties.py --areacodes path/to/result.csv
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GAZ = ROOT / "resources" / "gazetteer"
OUT = GAZ / "historic_counties.csv"
COLUMNS = ("name", "province_id", "today_id", "today", "period", "source", "latin")
LIVE = "在用"

# (old name, province code, today's unit as written in the gazetteer, year of the
# change, what happened): county names of the Republic and the first PRC years that
# were renamed or merged before the 1981 code list.
# fmt: off
FACTS = (
    ("崞县", "14", "原平", "1958", "renamed Yuanping"),
    ("徐沟县", "14", "清徐县", "1952", "merged with Qingyuan into Qingxu"),
    ("清源县", "14", "清徐县", "1952", "merged with Xugou into Qingxu"),
    ("龙溪县", "35", "龙海", "1960", "merged with Haicheng into Longhai"),
    ("海澄县", "35", "龙海", "1960", "merged with Longxi into Longhai"),
    ("蕲水县", "42", "浠水县", "1933", "renamed Xishui"),
    ("黄安县", "42", "红安县", "1952", "renamed Hong'an"),
    ("至德县", "34", "东至县", "1959", "merged with Qiupu into Dongzhi"),
    ("秋浦县", "34", "东至县", "1959", "merged with Zhide into Dongzhi"),
    ("鄠县", "61", "鄠邑区", "1964", "written 户县 1964-2016, Huyi District since"),
    ("盩厔县", "61", "周至县", "1964", "rare characters replaced: Zhouzhi"),
    ("郿县", "61", "眉县", "1964", "rare characters replaced: Meixian"),
    ("邠县", "61", "彬州", "1964", "written 彬县 1964-2018, Binzhou since"),
    ("醴泉县", "61", "礼泉县", "1964", "rare characters replaced: Liquan"),
    ("鄜县", "61", "富县", "1964", "rare characters replaced: Fuxian"),
    ("葭县", "61", "佳县", "1964", "rare characters replaced: Jiaxian"),
    ("雒南县", "61", "洛南县", "1964", "rare characters replaced: Luonan"),
    ("沔县", "61", "勉县", "1964", "rare characters replaced: Mianxian"),
    ("洵阳县", "61", "旬阳", "1964", "rare characters replaced: Xunyang"),
    ("郃阳县", "61", "合阳县", "1964", "rare characters replaced: Heyang"),
    ("新淦县", "36", "新干县", "1957", "rare characters replaced: Xingan"),
    ("雩都县", "36", "于都县", "1957", "rare characters replaced: Yudu"),
    ("虔南县", "36", "全南县", "1957", "rare characters replaced: Quannan"),
    ("大庾县", "36", "大余县", "1957", "rare characters replaced: Dayu"),
    ("寻邬县", "36", "寻乌县", "1957", "rare characters replaced: Xunwu"),
    ("酆都县", "50", "丰都县", "1958", "rare characters replaced: Fengdu"),
    ("石砫县", "50", "石柱土家族自治县", "1959", "rare characters replaced: Shizhu"),
    ("婺川县", "52", "务川仡佬族苗族自治县", "1959", "rare characters replaced: Wuchuan"),
    ("瑷珲县", "23", "爱辉区", "1956", "renamed Aihui, today a district of Heihe"),
    ("新宁县", "44", "台山", "1914", "renamed Taishan"),
    ("侯官县", "35", "闽侯县", "1913", "merged with Minxian into Minhou"),
    ("杭县", "33", "余杭区", "1958", "abolished; its seat Linping is in Yuhang"),
    ("武康县", "33", "德清县", "1958", "merged into Deqing"),
    ("孝丰县", "33", "安吉县", "1958", "merged into Anji"),
    ("於潜县", "33", "临安区", "1960", "merged into Lin'an"),
    ("昌化县", "33", "临安区", "1960", "merged into Lin'an"),
    ("新登县", "33", "富阳区", "1958", "merged into Fuyang"),
    ("汤溪县", "33", "金华", "1958", "merged into Jinhua"),
    ("崇德县", "33", "桐乡", "1958", "merged with Tongxiang"),
    ("寿昌县", "33", "建德", "1958", "merged into Jiande"),
)
# fmt: on


def _read_gazetteer() -> list[dict]:
    with (GAZ / "cities.csv").open(encoding="utf-8") as f:
        return [r for r in csv.DictReader(f) if r["level"] in ("prefecture", "county")]


def _short(name: str) -> str:
    """The gazetteer's name_zh drops 市 of county-level cities; compare without it."""
    return name[:-1] if len(name) > 2 and name.endswith("市") else name


class Gazetteer:
    def __init__(self, rows: list[dict]) -> None:
        self.ids = {r["city_id"]: r for r in rows}
        self.by_name: dict[tuple[str, str], list[dict]] = {}
        self.names: set[str] = set()
        for r in rows:
            names = {r["name_zh"], _short(r["name_zh"])}
            names |= {a for a in r["aliases"].split("|") if re.fullmatch(r"[\u4e00-\u9fff]+", a)}
            for n in names:
                got = self.by_name.setdefault((r["province_id"], _short(n)), [])
                if r not in got:
                    got.append(r)
                self.names.add(_short(n))

    def find(self, code: str, name: str) -> dict | None:
        hit = self.ids.get("CN" + code)
        if hit is not None:
            return hit
        prov = f"CN{code[:2]}0000"
        got = self.by_name.get((prov, _short(name)), [])
        if len(got) == 1:
            return got[0]
        return self.ids.get(f"CN{code[:4]}00")


def _records(path: Path) -> dict[str, list[dict]]:
    by_code: dict[str, list[dict]] = {}
    with path.open(encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            r["start"] = int(r["启用时间"])
            r["end"] = int(r["变更/弃用时间"]) if r["变更/弃用时间"] else 9999
            by_code.setdefault(r["代码"], []).append(r)
    for recs in by_code.values():
        recs.sort(key=lambda r: r["start"])
    return by_code


def _at(by_code: dict, code: str, year: int) -> dict | None:
    recs = by_code.get(code, [])
    inside = [r for r in recs if r["start"] <= year < r["end"]]
    if inside:
        return inside[-1]
    later = [r for r in recs if r["start"] >= year]
    return later[0] if later else (recs[-1] if recs else None)


def _successors(rec: dict) -> list[tuple[str, int]]:
    out = []
    main = []
    for part in filter(None, rec["新代码"].split(";")):
        m = re.fullmatch(r"(\d{6})(?:\[(\d{4})\])?", part.strip())
        if not m:
            continue
        out.append((m.group(1), int(m.group(2) or rec["end"])))
        if not m.group(2):
            main.append((m.group(1), rec["end"]))
    return main or out


def _today(by_code: dict, rec: dict, depth: int = 0) -> set[tuple[str, str]]:
    """(code, name) of the units in use today that ``rec``'s land went to."""
    if rec["状态"] == LIVE or depth > 25:
        return {(rec["代码"], rec["名称"])}
    out: set = set()
    for code, year in _successors(rec):
        nxt = _at(by_code, code, year)
        if nxt is None or nxt is rec:
            continue
        out |= _today(by_code, nxt, depth + 1)
    return out


def _stem(name: str) -> str:
    return re.sub(r"(?:自治县|县|市|区|旗)$", "", name)


def build(areacodes: Path) -> tuple[list[dict], list[str]]:
    gaz = Gazetteer(_read_gazetteer())
    rows: list[dict] = []
    report: list[str] = []
    by_code = _records(areacodes)
    seen: set = set()
    for code, recs in sorted(by_code.items()):
        for rec in recs:
            if rec["状态"] == LIVE or rec["级别"] == "省级":
                continue
            name = rec["名称"]
            if rec["级别"] == "地级" and not name.endswith("市"):
                continue  # 地区 / 盟: rarely a birthplace, and no single successor
            if name in ("市辖区", "县", "郊区", "城区", "矿区") or _short(name) in gaz.names:
                continue  # a placeholder, or a name still in use (a code change only)
            today = _today(by_code, rec)
            places = {}
            for c, n in today:
                hit = gaz.find(c, n)
                if hit is not None:
                    places[hit["city_id"]] = (hit, n)
            if len(places) > 1:
                keep = {k: v for k, v in places.items() if _stem(v[1])[:1] == _stem(name)[:1]}
                if len(keep) == 1:
                    places = keep
                else:
                    prefs = {v[0]["prefecture_id"] for v in places.values()}
                    pid = prefs.pop() if len(prefs) == 1 else None
                    places = {pid: (gaz.ids[pid], "")} if pid in gaz.ids else {}
            if len(places) != 1:
                report.append(
                    f"left out {name} ({code}, {rec['start']}-{rec['end']}): {sorted(today)}"
                )
                continue
            ((tid, (hit, _)),) = places.items()
            key = (name, f"CN{code[:2]}0000", tid)
            if key in seen:
                continue
            seen.add(key)
            end = "" if rec["end"] == 9999 else rec["end"]
            rows.append(
                {
                    "name": name,
                    "province_id": key[1],
                    "today_id": tid,
                    "today": hit["name_zh"],
                    "period": f"{rec['start']}-{end}",
                    "source": f"areacodes {code}",
                }
            )
    for name, prov, today, year, what in FACTS:
        pid = f"CN{prov}0000"
        hits = gaz.by_name.get((pid, _short(today)), [])
        if len(hits) != 1:
            raise SystemExit(
                f"facts: {name} -> {today} does not resolve in the gazetteer ({len(hits)})"
            )
        rows.append(
            {
                "name": name,
                "province_id": pid,
                "today_id": hits[0]["city_id"],
                "today": hits[0]["name_zh"],
                "period": f"-{year}",
                "source": f"facts: {what} ({year})",
            }
        )
    for r in rows:
        r["latin"] = "|".join(latin_forms(r["name"]))
    rows.sort(key=lambda r: (r["province_id"], r["name"], r["period"]))
    return rows, report


def latin_forms(name: str) -> list[str]:
    """Pinyin and Wade-Giles forms of a county's name (English-language directories
    write 定县 "Tinghsien", 沔阳县 "Mienyang")."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from gazetteer_build.readings import county_forms  # noqa: PLC0415 - build-time only

    _, forms = county_forms(name)
    return list(dict.fromkeys(f for f in forms if f.isascii() and f.strip()))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--areacodes", required=True, type=Path, help="areacodes result.csv")
    args = ap.parse_args()
    rows, report = build(args.areacodes)
    with OUT.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print("\n".join(report))
    n_facts = sum(r["source"].startswith("facts") for r in rows)
    print(
        f"{OUT.name}: {len(rows)} rows ({len(rows) - n_facts} from areacodes, {n_facts} facts);"
        f" {len(report)} left out"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
