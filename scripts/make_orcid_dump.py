"""Write ORCID records in the v3.0 message schema: test fixtures and a large dump.

The structure follows ORCID's published schema (``orcid-model``, record_3.0: the
``record:record`` of the summaries data file, with ``activities:affiliation-group`` /
``*-summary`` elements); the people are invented. ``record_xml`` and ``record_json``
write one record from a list of affiliations; ``main`` writes a dump of N generated
records as a ``.tar.gz`` laid out as ORCID's yearly summaries file
(``<dump>/<last 3 digits>/<iD>.xml``), for the benchmark.

    python3 scripts/make_orcid_dump.py OUT.tar.gz --records 1000000 [--seed 7]
"""

from __future__ import annotations

import argparse
import io
import json
import random
import tarfile
import time
from xml.sax.saxutils import escape

SECTIONS = ("education", "qualification", "employment", "invited-position", "service")
_NAMESPACES = " ".join(
    f'xmlns:{p}="http://www.orcid.org/ns/{p}"'
    for p in ("record", "common", "person", "personal-details", "activities", *SECTIONS)
)


def orcid_checksum(base: str) -> str:
    """The ISO 7064 11,2 check character of an ORCID iD's 15 digits."""
    total = 0
    for ch in base:
        total = (total + int(ch)) * 2
    result = (12 - total % 11) % 11
    return "X" if result == 10 else str(result)


def orcid_id(n: int) -> str:
    digits = f"{n:015d}"
    full = digits + orcid_checksum(digits)
    return "-".join(full[i : i + 4] for i in range(0, 16, 4))


def _date_xml(tag: str, year) -> str:
    if not year:
        return ""
    return f"<common:{tag}><common:year>{year}</common:year></common:{tag}>"


def _summary_xml(oid: str, section: str, a: dict, put_code: int) -> str:
    dis = ""
    if a.get("org_id"):
        dis = (
            "<common:disambiguated-organization>"
            f"<common:disambiguated-organization-identifier>{escape(a['org_id'])}"
            "</common:disambiguated-organization-identifier>"
            f"<common:disambiguation-source>{escape(a.get('org_id_source', 'ROR'))}"
            "</common:disambiguation-source></common:disambiguated-organization>"
        )
    region = f"<common:region>{escape(a['region'])}</common:region>" if a.get("region") else ""
    role = f"<common:role-title>{escape(a['role'])}</common:role-title>" if a.get("role") else ""
    return (
        f'<{section}:{section}-summary put-code="{put_code}" '
        f'path="/{oid}/{section}/{put_code}" visibility="public" display-index="0">'
        "<common:created-date>2020-01-01T00:00:00.000Z</common:created-date>"
        "<common:last-modified-date>2020-01-01T00:00:00.000Z</common:last-modified-date>"
        "<common:source><common:source-orcid>"
        f"<common:uri>https://orcid.org/{oid}</common:uri><common:path>{oid}</common:path>"
        "<common:host>orcid.org</common:host></common:source-orcid>"
        "<common:source-name>Invented Person</common:source-name></common:source>"
        f"{role}{_date_xml('start-date', a.get('start'))}{_date_xml('end-date', a.get('end'))}"
        f"<common:organization><common:name>{escape(a['org'])}</common:name>"
        f"<common:address><common:city>{escape(a['city'])}</common:city>{region}"
        f"<common:country>{escape(a['country'])}</common:country></common:address>{dis}"
        "</common:organization></" + f"{section}:{section}-summary>"
    )


def record_xml(oid: str, affiliations: list[dict], given: str = "Ann", family: str = "Lee") -> str:
    """One ``record:record`` as the summaries data file ships it."""
    by_section: dict[str, list[str]] = {s: [] for s in SECTIONS}
    for i, a in enumerate(affiliations, 1):
        summaries = [_summary_xml(oid, a["section"], a, i)] * (2 if a.get("twice") else 1)
        by_section[a["section"]].append(
            "<activities:affiliation-group>"
            "<common:last-modified-date>2020-01-01T00:00:00.000Z</common:last-modified-date>"
            "<common:external-ids/>" + "".join(summaries) + "</activities:affiliation-group>"
        )
    blocks = "".join(
        f'<activities:{s}s path="/{oid}/{s}s">' + "".join(groups) + f"</activities:{s}s>"
        for s, groups in by_section.items()
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<record:record path="/{oid}" {_NAMESPACES}>'
        f"<common:orcid-identifier><common:uri>https://orcid.org/{oid}</common:uri>"
        f"<common:path>{oid}</common:path><common:host>orcid.org</common:host>"
        "</common:orcid-identifier>"
        f'<person:person path="/{oid}/person"><person:name visibility="public" '
        f'path="/{oid}/personal-details">'
        f"<personal-details:given-names>{escape(given)}</personal-details:given-names>"
        f"<personal-details:family-name>{escape(family)}</personal-details:family-name>"
        "</person:name></person:person>"
        f'<activities:activities-summary path="/{oid}/activities">{blocks}'
        "</activities:activities-summary></record:record>\n"
    )


def _date_json(year) -> dict | None:
    return {"year": {"value": str(year)}, "month": None, "day": None} if year else None


def record_json(oid: str, affiliations: list[dict]) -> dict:
    """One record as the v3.0 API's ``/record`` returns it in JSON."""
    summary: dict = {s + "s": {"affiliation-group": [], "path": f"/{oid}/{s}s"} for s in SECTIONS}
    for i, a in enumerate(affiliations, 1):
        s = a["section"]
        dis = None
        if a.get("org_id"):
            dis = {
                "disambiguated-organization-identifier": a["org_id"],
                "disambiguation-source": a.get("org_id_source", "ROR"),
            }
        item = {
            "put-code": i,
            "path": f"/{oid}/{s}/{i}",
            "department-name": None,
            "role-title": a.get("role"),
            "start-date": _date_json(a.get("start")),
            "end-date": _date_json(a.get("end")),
            "organization": {
                "name": a["org"],
                "address": {"city": a["city"], "region": a.get("region"), "country": a["country"]},
                "disambiguated-organization": dis,
            },
            "visibility": "public",
        }
        summary[s + "s"]["affiliation-group"].append(
            {"external-ids": {"external-id": []}, "summaries": [{f"{s}-summary": item}]}
        )
    return {
        "orcid-identifier": {"uri": f"https://orcid.org/{oid}", "path": oid, "host": "orcid.org"},
        "activities-summary": summary,
        "path": f"/{oid}",
    }


# --------------------------------------------------------------------------- a large dump

_ABROAD = (
    ("Harvard University", "Cambridge", "MA", "US", "https://ror.org/03vek6s52"),
    ("Stanford University", "Stanford", "CA", "US", "https://ror.org/00f54p054"),
    ("University of California, Berkeley", "Berkeley", "CA", "US", "https://ror.org/01an7q238"),
    ("University of Toronto", "Toronto", "ON", "CA", "https://ror.org/03dbr7087"),
    ("University of Cambridge", "Cambridge", "", "GB", "https://ror.org/013meh722"),
    ("Technical University of Munich", "Munich", "", "DE", "https://ror.org/02kkvpp62"),
    ("University of Tokyo", "Tokyo", "", "JP", "https://ror.org/057zh3y96"),
    ("National University of Singapore", "Singapore", "", "SG", "https://ror.org/01tgyzw49"),
)
_HOME = (
    ("Peking University", "Beijing", "Beijing", "CN", "https://ror.org/02v51f717"),
    ("Fudan University", "Shanghai", "Shanghai", "CN", "https://ror.org/013q1eq08"),
    ("Nanjing University", "Nanjing", "Jiangsu", "CN", "https://ror.org/01rxvg760"),
    ("Wuhan University", "Wuhan", "Hubei", "CN", "https://ror.org/033vjfk17"),
    ("Zhejiang University", "Hangzhou", "Zhejiang", "CN", "https://ror.org/00a2xv884"),
    ("University of Science and Technology of China", "Hefei", "Anhui", "CN", ""),
    ("Sun Yat-sen University", "Guangzhou", "Guangdong", "CN", "https://ror.org/0064kty71"),
    ("Sichuan University", "Chengdu", "Sichuan", "CN", "https://ror.org/011ashp19"),
)
_ROLES = (
    ("education", "BSc", 4),
    ("education", "Master of Science", 2),
    ("education", "PhD", 5),
    ("employment", "Postdoctoral Fellow", 3),
    ("employment", "Professor", 0),
)


def generated_affiliations(rng: random.Random) -> list[dict]:
    """A life course: study at home, degrees or a postdoc abroad, most come back."""
    year = rng.randint(1985, 2012)
    out = []
    steps = _ROLES if rng.random() < 0.5 else (_ROLES[0], _ROLES[2], _ROLES[3], _ROLES[4])
    for i, (section, role, length) in enumerate(steps):
        last = i == len(steps) - 1
        if i == 0 or (last and rng.random() < 0.8):
            org, city, region, country, ror = rng.choice(_HOME)
        else:
            org, city, region, country, ror = rng.choice(_ABROAD)
        out.append(
            {
                "section": section, "role": role, "org": org, "city": city, "region": region,
                "country": country, "org_id": ror, "start": year,
                "end": year + length if length else None,
            }
        )  # fmt: skip
        year += length
    return out


def write_dump(path: str, records: int, seed: int = 7) -> None:
    """``records`` generated records as a summaries ``.tar.gz`` (one XML per record)."""
    rng = random.Random(seed)  # nosec B311
    top = "ORCID_generated_summaries"
    with tarfile.open(path, "w:gz", compresslevel=1) as tar:
        for n in range(1, records + 1):
            oid = orcid_id(n)
            data = record_xml(oid, generated_affiliations(rng)).encode()
            info = tarfile.TarInfo(f"{top}/{oid[-3:]}/{oid}.xml")
            info.size, info.mtime = len(data), 1_600_000_000
            tar.addfile(info, io.BytesIO(data))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--records", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", action="store_true", help="JSON Lines instead of a tar.gz of XML")
    args = ap.parse_args()
    t = time.perf_counter()
    if args.json:
        rng = random.Random(args.seed)  # nosec B311
        with open(args.out, "w", encoding="utf-8") as f:
            for n in range(1, args.records + 1):
                rec = record_json(orcid_id(n), generated_affiliations(rng))
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    else:
        write_dump(args.out, args.records, args.seed)
    print(f"{args.records:,} records -> {args.out} in {time.perf_counter() - t:.1f} s")


if __name__ == "__main__":
    main()
