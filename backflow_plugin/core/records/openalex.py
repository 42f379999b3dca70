"""OpenAlex authors -> ``careers.Record`` objects, read line by line.

An author (JSON Lines, as the API's ``/authors`` pages and the snapshot's
``authors/*.gz`` parts give them, one object per line; gzip read as a stream) has
``affiliations``: ``[{"institution": {id, ror, display_name, country_code, type},
"years": [2023, 2021, ...]}]``. Each affiliation is a stay from its first to its last
year, ordered as every dated affiliation is (``core.records.careers``). Institutions of
``last_known_institutions`` (or the older ``last_known_institution``) missing from
the affiliations become a stay in the author's last year.

The stage of each stay is ``work`` (an authorship affiliation says where a person did
research, not in what role; a STAGE_MAPPING can change it), its text the institution's
type (``education``, ``facility``, ``company``...).

Places: with an institutions file (JSON Lines of OpenAlex institutions, whose ``geo``
gives ``city``, ``region``, ``country_code``) each stay takes its institution's city and
region; without one, the stay has the institution's name and country and no city, and
the import finds the city from the organisation (``core.places.orgs``: other rows, the user's
ORG_GAZETTEER, a place in the name).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import BackflowInputError
from ..messages import M
from .careers import AFFILIATION, Affiliation, Record

OPENALEX = "https://openalex.org/"


def short_id(value: object) -> str:
    """'https://openalex.org/A5023888391' -> 'A5023888391'."""
    text = str(value or "").strip()
    return text[len(OPENALEX) :] if text.startswith(OPENALEX) else text


def _lines(path: Path) -> Iterator[tuple[int, bytes]]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rb") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                yield n, line


SUFFIXES = (".jsonl", ".ndjson", ".gz", ".json")


def files_in(paths: Iterable[str | Path]) -> list[Path]:
    """The files of ``paths``, folders walked (the snapshot's ``authors/updated_date=*/part_*.gz``)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(f for f in sorted(p.rglob("*")) if f.name.lower().endswith(SUFFIXES))
        else:
            out.append(p)
    return out


def read_institutions(paths: Iterable[str | Path]) -> dict[str, dict]:
    """Institution id (short) -> {city, region, country, lat, lon} from JSON Lines."""
    places: dict[str, dict] = {}
    for path in files_in(paths):
        for n, line in _lines(path):
            try:
                inst = json.loads(line)
            except ValueError:
                raise BackflowInputError(
                    M("error.records.institutions_not_json"),
                    file=path.name,
                    row=n,
                    value=line[:60].decode("utf-8", "replace"),
                    accepted=M("error.records.institutions_not_json.accepted"),
                ) from None
            geo = inst.get("geo") or {}
            places[short_id(inst.get("id"))] = {
                "city": (geo.get("city") or "").strip(),
                "region": (geo.get("region") or "").strip(),
                "country": (geo.get("country_code") or inst.get("country_code") or "").strip(),
                "lat": geo.get("latitude"),
                "lon": geo.get("longitude"),
            }
    return places


def _affiliation(inst: dict, years: list[int], places: dict[str, dict]) -> Affiliation:
    iid = short_id(inst.get("id"))
    place = places.get(iid, {})
    ror = (inst.get("ror") or "").strip()
    return Affiliation(
        section=AFFILIATION,
        role=(inst.get("type") or "").strip(),
        org=(inst.get("display_name") or "").strip(),
        city=place.get("city", ""),
        region=place.get("region", ""),
        country=place.get("country") or (inst.get("country_code") or "").strip(),
        start=(min(years), 0, 0) if years else None,
        end=(max(years), 0, 0) if years else None,
        org_id=ror or iid,
        org_id_source="ROR" if ror else "OpenAlex",
        stage="work",
    )


def author_record(author: dict, source: str, places: dict[str, dict]) -> Record:
    aid = short_id(author.get("id"))
    if not aid:
        return Record(source, source, problem="no author id")
    affs, seen, last_year = [], set(), None
    for item in author.get("affiliations") or []:
        inst = (item or {}).get("institution") or {}
        years = sorted({int(y) for y in (item.get("years") or []) if str(y).strip().isdigit()})
        affs.append(_affiliation(inst, years, places))
        seen.add(short_id(inst.get("id")))
        if years:
            last_year = max(years[-1], last_year or 0)
    last = author.get("last_known_institutions")
    if last is None and author.get("last_known_institution"):
        last = [author["last_known_institution"]]
    for inst in last or []:
        if inst and short_id(inst.get("id")) not in seen:
            affs.append(_affiliation(inst, [last_year] if last_year else [], places))
    return Record(aid, source, affs)


def read_openalex(
    paths: Iterable[str | Path], institutions: dict[str, dict] | None = None
) -> Iterator[Record]:
    """Every author in ``paths`` (JSON Lines, optionally .gz), one at a time."""
    places = institutions or {}
    for path in files_in(paths):
        for n, line in _lines(path):
            source = f"{path.name}:{n}"
            try:
                author = json.loads(line)
            except ValueError as err:
                yield Record(source, source, problem=f"JSON error: {err}")
                continue
            if not isinstance(author, dict):
                yield Record(source, source, problem="JSON error: not an object")
                continue
            yield author_record(author, source, places)


def looks_like_openalex(path: str | Path) -> bool:
    """True when the first object of a JSON Lines file is an OpenAlex author."""
    found = files_in([path])
    if not found:
        return False
    try:
        for _, line in _lines(found[0]):
            first = json.loads(line)
            return isinstance(first, dict) and str(first.get("id", "")).startswith(OPENALEX)
    except (OSError, ValueError):
        return False
    return False
