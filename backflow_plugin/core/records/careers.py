"""Dated affiliations (ORCID, OpenAlex, a stays table) -> the long table of stages.

Every source that gives a person's stays as *dated affiliations* (an organisation or a
place, a start and an end, a role or degree text) comes to the import through here:
the readers (``core.records.orcid``, ``core.records.openalex``, ``core.records.stays``) make ``Affiliation``
objects per record, and ``CareerTable`` turns them into the canonical long table
(person_id, stage, city, province, country, org, year, ...) the import reads, and
counts every record in or out with a reason.

Order of a person's stages (the rule, stated once)
    Affiliations are sorted by start date (year, then month, then day; a missing month
    or day sorts first within its year); an affiliation with no start date sorts by its
    end date. Overlapping affiliations therefore follow the order in which they
    *began*: a professorship begun in 2010 and a visiting post begun in 2015 give
    professorship -> visit. Ties (the same start) go study before work (education,
    qualification, employment, invited position, service), then by end date (the
    shorter first), then in the order the source lists them.
    An affiliation with neither a start nor an end date has no place in that order: it
    is left out and counted with the reason ``no start or end date``; a record left
    with no dated affiliation is counted out.

Stage from the role or degree text
    ``stage_for`` reads the text in English or Chinese ("PhD", "Doctor of Philosophy",
    "博士", "Postdoctoral Fellow", "博士后", "Visiting Scholar", "MSc", "本科"...). In
    an education or qualification an unrecognised text gives no stage (order only, the
    text is kept in ``stage_text``); in an employment it gives ``work`` (a professor,
    an engineer), in an invited position ``visit``, in a service ``work``.
    The text is always kept (``stage_text``) and the section it came from
    (``section``), so a reader can check or correct (STAGE_MAPPING) any of them.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice

import pandas as pd

from ..schema import HOME_GIVEN

log = logging.getLogger("backflow")

EDUCATION = "education"
QUALIFICATION = "qualification"
EMPLOYMENT = "employment"
INVITED_POSITION = "invited-position"
SERVICE = "service"
AFFILIATION = "affiliation"  # a stay of unknown kind (OpenAlex, a stays table)
SECTIONS = (EDUCATION, QUALIFICATION, EMPLOYMENT, INVITED_POSITION, SERVICE)
STUDY_SECTIONS = (EDUCATION, QUALIFICATION)
_SECTION_RANK = {s: i for i, s in enumerate((*SECTIONS, AFFILIATION))}

# The long table's columns, in order; the import detects each role from its name.
LONG_COLUMNS = (
    "person_id", "stage", "city", "province", "country", "org", "year",
    "end_year", "stage_text", "section", "org_id", "org_id_source", "department",
)  # fmt: skip
# RECORDS: one row per record read, in or out, with the reason.
RECORD_COLUMNS = ("record_id", "source", "status", "affiliations", "stages", "left_out", "reason")
# RECORDS field types (the counts are whole numbers whatever a chunk holds)
RECORD_TYPES = {"affiliations": "int", "stages": "int", "left_out": "int"}
STATUS_IN = "in"
STATUS_OUT = "out"

REASON_NO_DATES = "no start or end date"
REASON_NO_PLACE = "no city, country or organisation"
REASON_NO_AFFILIATIONS = "no affiliation of the sections read"
REASON_ALL_LEFT_OUT = "every affiliation left out"

# First match wins: "postdoctoral" must be read before "doctor", "博士后" before "博士".
_DEGREE_RULES = (
    ("postdoc", r"post[\s\-]?doc|博士后|博士後|博後"),
    (
        "visit",
        r"\bvisiting\b|\bvisitor\b|访问|訪問|访学|訪學|sabbatical|exchange (student|scholar)",
    ),
    (
        "phd",
        r"ph\.?\s?d|d\.?\s?phil|doctor|doctoral|doctorate|\bdr\.?\s?(rer|sc|phil|ing)"
        r"|\bsc\.?\s?d\b|\bd\.?\s?sc\b|博士|doktor|docteur|doutorado|doctorado",
    ),
    (
        "master",
        r"master|magister|\bm\.?\s?(sc|s|a|eng|phil|res|ed|tech|e|st)\b|\bmba\b|\bll\.?\s?m\b"
        r"|硕士|碩士|研究生",
    ),
    (
        "bachelor",
        r"bachelor|\bb\.?\s?(sc|s|a|eng|e|tech|ed)\b|under[\s\-]?grad|licenciat|undergraduate"
        r"|本科|学士|學士",
    ),
)
_DEGREES = tuple((stage, re.compile(rx, re.IGNORECASE)) for stage, rx in _DEGREE_RULES)
# In an employment: a student's post is study ("PhD student"), a supervisor's is not.
_STUDENT = re.compile(
    r"(ph\.?\s?d|doctoral|master'?s?|graduate)\s+(student|candidate|researcher)"
    r"|博士(研究)?生(?!导师|導師)|硕士(研究)?生(?!导师|導師)",
    re.IGNORECASE,
)
_SECTION_DEFAULT = {
    EDUCATION: "",
    QUALIFICATION: "",
    EMPLOYMENT: "work",
    INVITED_POSITION: "visit",
    SERVICE: "work",
    AFFILIATION: "work",
}


@lru_cache(maxsize=65536)
def stage_for(text: str | None, section: str) -> str:
    """Our stage label for a role or degree text in an ORCID section ('' = order only)."""
    t = unicodedata.normalize("NFKC", text or "").strip()
    if t:
        if section in STUDY_SECTIONS or section == AFFILIATION:
            for stage, rx in _DEGREES:
                if rx.search(t):
                    return stage
        else:
            student = _STUDENT.search(t)
            if student:
                return "phd" if re.search(r"ph|doctor|博士", student.group(0), re.I) else "master"
            for stage, rx in _DEGREES[:2]:  # postdoc, visit
                if rx.search(t):
                    return stage
    return _SECTION_DEFAULT.get(section, "")


@dataclass
class Affiliation:
    """One dated stay as a source gives it (text as given; years and months as ints)."""

    section: str
    role: str = ""
    org: str = ""
    city: str = ""
    region: str = ""
    country: str = ""
    start: tuple[int, int, int] | None = None  # (year, month, day), 0 when missing
    end: tuple[int, int, int] | None = None
    org_id: str = ""
    org_id_source: str = ""
    department: str = ""
    stage: str | None = None  # given by the source (a stays table); else from the text

    def sort_key(self, position: int) -> tuple:
        when = self.start or self.end
        end = self.end or (9999, 99, 99)
        return (when, _SECTION_RANK.get(self.section, 9), end, position)


@dataclass
class Record:
    """One person's record from a source: its id, where it was read, its affiliations."""

    record_id: str
    source: str
    affiliations: list[Affiliation] = field(default_factory=list)
    problem: str = ""  # a record that could not be read: the reason (it is counted out)


def parse_year(value: object) -> int | None:
    """A year from '1998', 1998, '1998-09-01', {'value': '1998'}; None when absent or bad."""
    if isinstance(value, dict):
        value = value.get("value")
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    if text[:4].isdigit() and (len(text) == 4 or not text[4:5].isdigit()):
        return int(text[:4])
    m = re.match(r"\s*(\d{4})(?!\d)", text)
    return int(m.group(1)) if m else None


def _small(v: object) -> int:
    """A month or a day as a number (0 when missing or not a number)."""
    if isinstance(v, dict):
        v = v.get("value")
    if v is None or v == "":
        return 0
    text = str(v).strip()
    return int(text) if text.isdigit() else 0


def date_tuple(year: object, month: object = None, day: object = None) -> tuple | None:
    y = parse_year(year)
    if y is None:
        return None
    return (y, _small(month), _small(day))


class CareerTable:
    """Collects records into the long table and the RECORDS accounting, in chunks.

    ``add(record)`` for each record read; ``frame()`` gives the long table so far and
    ``records()`` the accounting; ``left_out`` counts affiliations left out by reason.
    ``sections`` limits the affiliation kinds read (default: all).
    """

    def __init__(self, sections: Iterable[str] | None = None) -> None:
        self.sections = set(sections or (*SECTIONS, AFFILIATION))
        self.columns: dict[str, list] = {c: [] for c in LONG_COLUMNS}
        self.accounting: dict[str, list] = {c: [] for c in RECORD_COLUMNS}
        self.left_out: Counter = Counter()
        self.home: dict[str, str] = {}  # person -> country of the first education
        self._pool: dict[str, str] = {}

    def add(self, record: Record) -> None:
        if record.problem:
            self._account(record, STATUS_OUT, 0, 0, 0, record.problem)
            return
        found = [a for a in record.affiliations if a.section in self.sections]
        kept, reasons = [], Counter()
        for a in found:
            if a.start is None and a.end is None:
                reasons[REASON_NO_DATES] += 1
            elif not (a.city or a.country or a.org):
                reasons[REASON_NO_PLACE] += 1
            else:
                kept.append(a)
        self.left_out.update(reasons)
        left = sum(reasons.values())
        note = "; ".join(f"{n} {why}" for why, n in reasons.items())
        if not found:
            self._account(record, STATUS_OUT, 0, 0, 0, REASON_NO_AFFILIATIONS)
            return
        if not kept:
            why = f"{REASON_ALL_LEFT_OUT} ({note})"
            self._account(record, STATUS_OUT, len(found), 0, left, why)
            return
        ordered = [a for _, a in sorted((a.sort_key(i), a) for i, a in enumerate(kept))]
        cols = self.columns
        # one string object per distinct value: a million records repeat a few thousand
        # names, and each parsed cell would otherwise be a string of its own
        one = self._pool.setdefault
        for a in ordered:
            stage = a.stage if a.stage is not None else stage_for(a.role, a.section)
            cols["person_id"].append(record.record_id)
            cols["stage"].append(stage)
            cols["city"].append(one(a.city, a.city))
            cols["province"].append(one(a.region, a.region))
            cols["country"].append(one(a.country, a.country))
            cols["org"].append(one(a.org, a.org))
            start = str(a.start[0]) if a.start else ""
            end = str(a.end[0]) if a.end else ""
            cols["year"].append(one(start, start))
            cols["end_year"].append(one(end, end))
            cols["stage_text"].append(one(a.role, a.role))
            cols["section"].append(a.section)
            cols["org_id"].append(one(a.org_id, a.org_id))
            cols["org_id_source"].append(one(a.org_id_source, a.org_id_source))
            cols["department"].append(one(a.department, a.department))
        study = [a for a in ordered if a.section in STUDY_SECTIONS and a.country]
        if study:
            self.home[record.record_id] = study[0].country
        self._account(record, STATUS_IN, len(found), len(ordered), left, note)

    def _account(self, record: Record, status, found, stages, left, reason) -> None:
        acc = self.accounting
        for key, value in zip(
            RECORD_COLUMNS,
            (record.record_id, record.source, status, found, stages, left, reason),
        ):
            acc[key].append(value)

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.columns, columns=list(LONG_COLUMNS))

    def records(self) -> pd.DataFrame:
        return pd.DataFrame(self.accounting, columns=list(RECORD_COLUMNS))

    def counts(self) -> dict[str, int]:
        status = Counter(self.accounting["status"])
        return {
            "records": len(self.accounting["status"]),
            "records_in": status[STATUS_IN],
            "records_out": status[STATUS_OUT],
            "stages": len(self.columns["person_id"]),
            "affiliations_left_out": sum(self.left_out.values()),
        }


def with_home_from_education(long: pd.DataFrame, home: dict[str, str]) -> pd.DataFrame:
    """``home_given`` per row: the country of the person's first education.

    Persons with no education that names a country get an empty cell: the import's
    HOME_COUNTRY rule applies to them.
    """
    given = long["person_id"].map(home).fillna("").astype(object)
    return long.assign(**{HOME_GIVEN: given})


# The import's column roles for the long table made here.
CAREER_FIELDS = dict(
    person="person_id", stage="stage", city="city", country="country", org="org",
    year="year", province="province",
)  # fmt: skip


def career_table(
    records: Iterable[Record],
    sections: Iterable[str] | None = None,
    home_from_education: bool = False,
    should_stop=None,
) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """(long table, RECORDS accounting, counts) of every record read.

    ``home_from_education``: add ``home_given`` = the country of each person's first
    education or qualification (the import then takes it as that person's home).
    ``should_stop()`` is asked every 1,000 records; True stops reading (what was read
    is returned).
    """
    table = CareerTable(sections)
    for n, record in enumerate(records, 1):
        table.add(record)
        if should_stop is not None and n % 1000 == 0 and should_stop():
            break
    long = table.frame()
    if home_from_education:
        long = with_home_from_education(long, table.home)
    counts = table.counts()
    log.info(
        "%d records: %d in, %d out; %d stages; %d affiliations left out",
        counts["records"], counts["records_in"], counts["records_out"], counts["stages"],
        counts["affiliations_left_out"],
    )  # fmt: skip
    return long, table.records(), counts


def out_reasons(records: pd.DataFrame, n: int = 5) -> list[tuple[str, int]]:
    """The commonest reasons of the records counted out (for a log line), longest cut."""
    out = records.loc[records["status"] == STATUS_OUT, "reason"].astype(str).str.slice(0, 80)
    return list(out.value_counts().head(n).items())


def career_chunks(
    records: Iterable[Record],
    size: int,
    sections: Iterable[str] | None = None,
    home_from_education: bool = False,
    should_stop=None,
):
    """``career_table`` for every ``size`` records: yields (long, accounting, counts).

    A record is one whole person, so each chunk holds whole life courses and can be
    imported on its own (a dump of millions of records never sits in memory at once).
    """
    it = iter(records)
    while True:  # a lazy slice: the records of a chunk are never all held as objects
        long, accounting, counts = career_table(
            islice(it, size), sections, home_from_education, should_stop
        )
        if counts["records"]:
            yield long, accounting, counts
        if counts["records"] < size or (should_stop is not None and should_stop()):
            return


def merge_reasons(pairs: list[tuple[str, int]], n: int = 5) -> list[tuple[str, int]]:
    """``out_reasons`` of several chunks added up, commonest first."""
    total: Counter = Counter()
    for why, count in pairs:
        total[why] += count
    return total.most_common(n)
