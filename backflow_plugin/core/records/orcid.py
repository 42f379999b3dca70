"""ORCID records -> ``careers.Record`` objects, read as a stream.

What is read (the v3.0 message schema, ORCID's public ``orcid-model``):

- **record XML**, as the public data file's *summaries* archive and the API's
  ``/record`` give it: ``record:record`` with ``activities:activities-summary``;
  each ``activities:affiliation-group`` of educations, qualifications, employments,
  invited positions and services holds one or more ``*-summary`` elements of the same
  affiliation from different sources: the first (the one ORCID displays) is taken.
- **activity XML**, as the *activities* archives give it: one file per affiliation
  (``education:education``, ``employment:employment``...) under a directory named by
  the ORCID iD; consecutive files of one iD make one record. Works, fundings and
  peer reviews are skipped unread.
- **JSON** as the v3.0 API returns a record (``activities-summary`` ->
  ``educations`` -> ``affiliation-group`` -> ``summaries``), one record per file or one
  per line (JSON Lines).

Files may be loose, in a folder, or inside a ``.tar``/``.tar.gz`` read member by member
(``tarfile`` stream mode: the archive is never unpacked nor held in memory). A file
that cannot be parsed, or an archive that ends early, becomes a record counted out
with the reason; the records read before it are kept.
The parser is expat's: it expands no external entities and caps entity growth.
"""

from __future__ import annotations

import io
import json
import re
import tarfile
import xml.etree.ElementTree as ET  # noqa: N817  # nosec B405
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .careers import SECTIONS, Affiliation, Record, date_tuple

_NS = "http://www.orcid.org/ns/"
C = "{" + _NS + "common}"
_GROUP = "{" + _NS + "activities}affiliation-group"
_ERROR_NS = "{" + _NS + "error}"
_ERROR = _ERROR_NS + "error"
_ORCID_IDENTIFIER = C + "orcid-identifier"
_SUMMARY_TAGS = {f"{{{_NS}{s}}}{s}-summary": s for s in SECTIONS}
_FULL_TAGS = {f"{{{_NS}{s}}}{s}": s for s in SECTIONS}
_JSON_SECTIONS = {f"{s}s": s for s in SECTIONS}
# Folders of an activities archive holding affiliations; others are skipped unread.
_AFFILIATION_DIRS = {f"{s}s" for s in SECTIONS}
_SKIP_DIRS = {"works", "fundings", "peer-reviews", "research-resources", "distinctions",
              "memberships"}  # fmt: skip
ORCID_ID = re.compile(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]")
XML_SUFFIXES = (".xml",)
JSON_SUFFIXES = (".json",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz")
SUFFIXES = XML_SUFFIXES + JSON_SUFFIXES + JSONL_SUFFIXES + TAR_SUFFIXES


class OrcidErrorRecord(ValueError):
    """A file of the dump that holds ORCID's error answer instead of a record."""


def _orcid_in(text: str) -> str | None:
    found = ORCID_ID.findall(text or "")
    return found[-1] if found else None


# --------------------------------------------------------------------------- XML


def _text(el, path: str) -> str:
    return (el.findtext(path) or "").strip()


def _kids(el) -> dict:
    """An element's children by tag (the first of each): one pass, no path parsing."""
    out: dict = {}
    if el is not None:
        for child in el:
            out.setdefault(child.tag, child)
    return out


def _str(el) -> str:
    return (el.text or "").strip() if el is not None else ""


def _date(el) -> tuple | None:
    if el is None:
        return None
    k = _kids(el)
    return date_tuple(_str(k.get(_YEAR)), _str(k.get(_MONTH)), _str(k.get(_DAY)))


_YEAR, _MONTH, _DAY = C + "year", C + "month", C + "day"
_ORG, _ADDRESS, _DISAMBIGUATED = C + "organization", C + "address", C + "disambiguated-organization"


def _affiliation_xml(el, section: str) -> Affiliation:
    k = _kids(el)
    a = Affiliation(
        section=section,
        role=_str(k.get(C + "role-title")),
        department=_str(k.get(C + "department-name")),
        start=_date(k.get(C + "start-date")),
        end=_date(k.get(C + "end-date")),
    )
    org = k.get(_ORG)
    if org is not None:
        o = _kids(org)
        address, dis = _kids(o.get(_ADDRESS)), _kids(o.get(_DISAMBIGUATED))
        a.org = _str(o.get(C + "name"))
        a.city = _str(address.get(C + "city"))
        a.region = _str(address.get(C + "region"))
        a.country = _str(address.get(C + "country"))
        a.org_id = _str(dis.get(C + "disambiguated-organization-identifier"))
        a.org_id_source = _str(dis.get(C + "disambiguation-source"))
    return a


def parse_xml(stream, name: str) -> tuple[str | None, list[Affiliation], bool]:
    """(ORCID iD, affiliations, is a whole record) of one XML file; raises ParseError.

    One file is one record of a few kilobytes: it is parsed whole by the C parser
    (faster than walking its events in Python); the archive around it is streamed.
    """
    root = ET.fromstring(stream.read())  # nosec B314
    if root.tag == _ERROR:  # the dump's answer for a locked or deactivated record
        code = (root.findtext(_ERROR_NS + "response-code") or "").strip()
        message = (root.findtext(_ERROR_NS + "user-message") or "").strip()
        raise OrcidErrorRecord(f"ORCID error record {code}: {message}".strip(": "))
    affs = []
    for group in root.iter(_GROUP):
        for child in group:
            section = _SUMMARY_TAGS.get(child.tag)
            if section:  # the first summary of the group: the one ORCID displays
                affs.append(_affiliation_xml(child, section))
                break
    whole = root.tag == "{" + _NS + "record}record" or root.tag.endswith("}activities-summary")
    if root.tag in _FULL_TAGS or root.tag in _SUMMARY_TAGS:
        affs.append(_affiliation_xml(root, _FULL_TAGS.get(root.tag) or _SUMMARY_TAGS[root.tag]))
    ident = root.find(_ORCID_IDENTIFIER)
    rid = _text(ident, C + "path") if ident is not None else ""
    rid = rid or _orcid_in(root.get("path", "")) or _orcid_in(name)
    return rid, affs, whole


# --------------------------------------------------------------------------- JSON


def _value(v) -> str:
    if isinstance(v, dict):
        v = v.get("value")
    return "" if v is None else str(v).strip()


def _date_json(d) -> tuple | None:
    if not isinstance(d, dict):
        return None
    return date_tuple(d.get("year"), d.get("month"), d.get("day"))


def _affiliation_json(s: dict, section: str) -> Affiliation:
    org = s.get("organization") or {}
    address = org.get("address") or {}
    dis = org.get("disambiguated-organization") or {}
    return Affiliation(
        section=section,
        role=_value(s.get("role-title")),
        department=_value(s.get("department-name")),
        start=_date_json(s.get("start-date")),
        end=_date_json(s.get("end-date")),
        org=_value(org.get("name")),
        city=_value(address.get("city")),
        region=_value(address.get("region")),
        country=_value(address.get("country")),
        org_id=_value(dis.get("disambiguated-organization-identifier")),
        org_id_source=_value(dis.get("disambiguation-source")),
    )


def parse_json(data: dict, name: str) -> tuple[str | None, list[Affiliation]]:
    """(ORCID iD, affiliations) of one v3.0 record (or activities summary) as JSON."""
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    summary = data.get("activities-summary") or data
    affs = []
    for key, section in _JSON_SECTIONS.items():
        block = summary.get(key) or {}
        for group in block.get("affiliation-group") or []:
            for item in (group or {}).get("summaries") or []:
                s = (item or {}).get(f"{section}-summary")
                if s:  # the first summary of the group: the one ORCID displays
                    affs.append(_affiliation_json(s, section))
                    break
    ident = data.get("orcid-identifier") or {}
    rid = _value(ident.get("path")) or _orcid_in(_value(data.get("path"))) or _orcid_in(name)
    return rid, affs


# --------------------------------------------------------------------------- files


def _record_from(name: str, raw, kind: str) -> tuple[Record, bool]:
    """(record, is whole) from one file's bytes stream; problems become the record's."""
    try:
        if kind == "xml":
            rid, affs, whole = parse_xml(raw, name)
        else:
            rid, affs = parse_json(json.load(raw), name)
            whole = True
    except ET.ParseError as err:
        return Record(_orcid_in(name) or name, name, problem=f"XML error: {err}"), True
    except OrcidErrorRecord as err:
        return Record(_orcid_in(name) or name, name, problem=str(err)), True
    except (ValueError, UnicodeDecodeError) as err:
        return Record(_orcid_in(name) or name, name, problem=f"JSON error: {err}"), True
    if not rid:
        return Record(name, name, problem="no ORCID iD in the record or its file name"), True
    return Record(rid, name, affs), whole


def _kind(name: str) -> str | None:
    low = name.lower()
    if low.endswith(XML_SUFFIXES):
        return "xml"
    if low.endswith(JSON_SUFFIXES):
        return "json"
    return None


def _skipped(name: str) -> bool:
    """A member of an activities archive that holds no affiliation (works, fundings)."""
    parts = name.replace("\\", "/").split("/")
    return len(parts) > 1 and parts[-2] in _SKIP_DIRS


class _Grouper:
    """Joins consecutive activity files of one ORCID iD into one record."""

    def __init__(self) -> None:
        self.pending: Record | None = None

    def push(self, record: Record, whole: bool) -> Iterator[Record]:
        if whole or record.problem:
            yield from self.flush()
            yield record
            return
        if self.pending is not None and self.pending.record_id == record.record_id:
            self.pending.affiliations.extend(record.affiliations)
            return
        yield from self.flush()
        source = record.source.rsplit("/", 2)[0] if "/" in record.source else record.source
        self.pending = Record(record.record_id, source, list(record.affiliations))

    def flush(self) -> Iterator[Record]:
        if self.pending is not None:
            yield self.pending
            self.pending = None


def _tar_records(path: Path, grouper: _Grouper) -> Iterator[Record]:
    last = "(its first member)"
    try:
        with tarfile.open(path, mode="r|*") as tar:
            for member in tar:
                # a TarFile keeps the header of every member read (millions in a yearly
                # dump); the stream never goes back, so they are let go
                tar.members = []
                if not member.isfile():
                    continue
                kind = _kind(member.name)
                if kind is None or _skipped(member.name):
                    continue
                raw = tar.extractfile(member)
                record, whole = _record_from(f"{path.name}/{member.name}", raw, kind)
                last = member.name
                yield from grouper.push(record, whole)
    except (tarfile.TarError, EOFError, zlib.error, OSError) as err:
        yield from grouper.flush()
        yield Record(
            f"{path.name}: after {last}",
            path.name,
            problem=f"archive truncated or damaged after member {last}: {err}",
        )


def _jsonl_records(path: Path) -> Iterator[Record]:
    with open(path, "rb") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            name = f"{path.name}:{n}"
            yield _record_from(name, io.BytesIO(line), "json")[0]


def files_in(paths: Iterable[str | Path]) -> list[Path]:
    """The readable files among ``paths`` (folders walked, sorted)."""
    out = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(f for f in sorted(p.rglob("*")) if f.name.lower().endswith(SUFFIXES))
        else:
            out.append(p)
    return out


def read_orcid(
    paths: Iterable[str | Path], should_stop: Callable[[], bool] | None = None
) -> Iterator[Record]:
    """Every ORCID record in ``paths`` (files, folders, archives), one at a time."""
    grouper = _Grouper()
    for path in files_in(paths):
        low = path.name.lower()
        if low.endswith(TAR_SUFFIXES):
            yield from _tar_records(path, grouper)
        elif low.endswith(JSONL_SUFFIXES):
            yield from grouper.flush()
            yield from _jsonl_records(path)
        else:
            kind = _kind(low)
            if kind is None:
                yield from grouper.flush()
                yield Record(path.name, path.name, problem="not an ORCID file (.xml, .json, "
                             ".jsonl, .tar.gz)")  # fmt: skip
                continue
            with open(path, "rb") as f:
                yield from grouper.push(*_record_from(str(path), f, kind))
        if should_stop is not None and should_stop():
            break
    yield from grouper.flush()
