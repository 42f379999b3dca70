"""Wide tables recognised from their headers: which column is which stage's what.

A CV table typed in a spreadsheet has one row per person and a column (or a few) per
stage of the life course: 姓名, 出生地, 本科, 本科年份, 硕士, 博士, 博士毕业年份, 博士后,
回国单位, 回国城市, 回国年份, 学科, 单位类型 -- or name, birthplace, bachelor, phd,
return_org, return_city, return_year. A header is read as

    STAGE [NUMBER] [ROLE]          本科年份, 回国单位, phd_university, work2_city
    ROLE of STAGE                  city of birth, year of return

where STAGE is a stage label (core.tables.stage_labels: 本科, 博士后, 回国, phd, return...),
ROLE a word for a city, country, organisation or year (城市/地点, 国家, 单位/学校/院校,
年份/时间, city/place, country, org/university/institution, year/date), with filler
words between them skipped (毕业, 就读, 所在, graduation, degree...). A header that is
a stage label alone (本科, 出生地, bachelor) names the stage's place or its
organisation: its cells decide -- a column whose filled cells mostly name
organisations (大学, 学院, 研究所, University, Institute...) is the stage's
organisation column (each cell then goes through the organisation's city, core.places.orgs,
and is kept as the stage's org), a column of years (2008, 2008年) its year column, any
other its city column. When the stage also has a column named for that role, the named
one wins and the bare one is an attribute.

Each stage gets at most one city, country, organisation and year column (the first
by table order); stages with several numbered columns (工作1, 工作2) are stages of
their own, in number order. Stages are ordered as the life course (core.schema.STAGES).
A stage with no city or organisation column (a year alone) cannot be placed: its
columns stay person attributes, as every column not tied to a stage (学科, 单位类型,
gender) and the person column.

The table is wide when two stages or more can be placed and no stage column (a long
table's) was found.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from ..schema import STAGES
from .fields import detect_fields
from .reshape import WideStage, format_mapping
from .stage_labels import ALIAS_TO_STAGE, label_key

MIN_STAGES = 2  # placed stages that make a table wide
ORG_SHARE = 0.5  # share of filled cells naming organisations that makes an org column
SAMPLE_ROWS = 500  # cells looked at per column

# Role words after the stage label (keys as label_key writes them).
_ROLE_WORDS = {
    "city": (
        "城市", "地点", "地點", "地", "所在地", "城市名", "城市名称", "地区", "地區",
        "city", "place", "location", "town", "city name",
    ),
    "country": ("国家", "國家", "国别", "國別", "国家地区", "國家地區", "country", "nation",
                "country code", "countrycode", "iso"),
    "org": (
        "单位", "單位", "机构", "機構", "学校", "學校", "院校", "高校", "大学", "大學",
        "工作单位", "单位名称", "院校名称", "学校名称", "org", "organisation", "organization",
        "institution", "university", "school", "employer", "affiliation", "unit", "institute",
        "org name", "univ", "uni", "inst", "department", "dept", "company", "院系", "公司",
    ),
    "year": ("年份", "年", "时间", "時間", "年度", "日期", "year", "date", "yr", "start year",
             "begin year", "end year"),
}  # fmt: skip
ROLE_OF_WORD = {label_key(w).replace(" ", "") if not w.isascii() else label_key(w): role
                for role, words in _ROLE_WORDS.items() for w in words}  # fmt: skip
# Words between the stage and the role that say nothing of the column's role.
_FILLERS_HAN = ("毕业", "畢業", "就读", "就讀", "所在", "获得", "獲得", "学位", "學位", "授予",
                "入学", "入學", "开始", "開始", "结束", "結束", "所属", "的", "经历", "經歷",
                "阶段", "階段", "期间", "期間", "研究", "后", "後", "职", "職")  # fmt: skip
_FILLERS_LATIN = frozenset(
    "graduation grad graduated start end begin degree awarding of the name to at in from".split()
)
# Words that make a cell an organisation's name, not a place's.
_ORG_MARKERS_HAN = ("大学", "大學", "学院", "學院", "研究所", "研究院", "研究中心", "中心",
                    "实验室", "實驗室", "医院", "醫院", "公司", "集团", "集團", "科学院",
                    "科學院", "学校", "學校", "书院", "書院", "研究室")  # fmt: skip
_ORG_MARKERS_LATIN = frozenset(
    """university universitat universität universite université universidad universidade
    universita università college institute institut instituto istituto school laboratory
    laboratories lab labs center centre hospital academy inc corp corporation company ltd
    llc gmbh polytechnic politecnico polytechnique""".split()
)
_COUNTRY_ACRONYMS = frozenset({"USA", "PRC", "ROC", "UAE", "ROK", "DPRK", "GDR", "FRG", "USSR"})
_LATIN_WORDS = re.compile(r"[^\W\d_]+")
_NOTE = re.compile(r"\([^()]*\)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])|(?<=[A-Z])(?=[A-Z][a-z])")
# Stage aliases that alone name a job title, a date or a yes/no rather than a place
# (职位 = 教授, "current" = yes): a stage column only with a role word (职位单位, job_city).
_NOT_ALONE = frozenset(
    label_key(a)
    for a in """position professor researcher faculty career employment employed job
    graduate doctor now current back move moved death died exchange returned returnee
    职位 任职 任職 现任 現任 就业 调动 后续 去世 交流""".split()
)
# Aliases longest first: 博士后 before 博士, 本科毕业 before 本科.
_ALIASES = sorted(ALIAS_TO_STAGE, key=len, reverse=True)


@dataclass(frozen=True)
class StageColumn:
    """What a header says: the stage, its number (0: none), the role ('' for bare)."""

    stage: str
    number: int
    role: str


@dataclass
class WideLayout:
    """The stages found in a table's headers and what the other columns are."""

    stages: list[WideStage] = field(default_factory=list)
    person: str | None = None
    attributes: list[str] = field(default_factory=list)  # carried with each person
    unplaced: list[str] = field(default_factory=list)  # stage columns with no place column

    @property
    def is_wide(self) -> bool:
        return len(self.stages) >= MIN_STAGES

    def mapping_text(self) -> str:
        return format_mapping(self.stages)


def _strip_fillers(rest: str) -> str:
    if rest.isascii():
        return " ".join(w for w in rest.split() if w not in _FILLERS_LATIN)
    rest = rest.replace(" ", "")
    changed = True
    while changed:
        changed = False
        for word in _FILLERS_HAN:
            if rest.startswith(word):
                rest, changed = rest[len(word) :], True
    return rest


def _read(key: str) -> StageColumn | None:
    for alias in _ALIASES:
        if not key.startswith(alias):
            continue
        rest = key[len(alias) :]
        # a Latin label ends at a word boundary: "ma" is not the start of "major"
        if alias.isascii() and rest and not (rest[0] == " " or rest[0].isdigit()):
            continue
        rest = rest.strip()
        number = re.match(r"^(\d+)\s*(.*)$", rest)
        n = int(number.group(1)) if number else 0
        alone = not rest
        rest = _strip_fillers(number.group(2) if number else rest)
        last = re.match(r"^(.*?)\s*(\d+)$", rest) if not number else None
        if last and last.group(1):  # the number after the role: 工作单位2, work_city_2
            rest, n = last.group(1), int(last.group(2))
        if not rest:
            if alone and alias in _NOT_ALONE:
                return None
            return StageColumn(ALIAS_TO_STAGE[alias], n, "")
        role = ROLE_OF_WORD.get(rest)
        if role:
            return StageColumn(ALIAS_TO_STAGE[alias], n, role)
    return None


def read_header(header: str) -> StageColumn | None:
    """The stage, number and role a header names (None: not a stage column)."""
    # camelCase words apart: bornCity -> born City, PhDYear -> PhD Year
    key = label_key(_CAMEL.sub(" ", str(header)))
    if not key:
        return None
    found = _read(key)
    if found is None:  # a note in brackets: 籍贯（省市）, 出生地(省/市)
        bare = label_key(_CAMEL.sub(" ", _NOTE.sub(" ", unicodedata.normalize("NFKC", header))))
        if bare and bare != key:
            found = _read(bare)
    if found is None:  # "city of birth", "year of return"
        swapped = re.fullmatch(r"(.+?) of (.+)", key)
        if swapped:
            found = _read(f"{swapped.group(2)} {swapped.group(1)}")
    if found is None and key.isascii() and " " in key:  # "year returned", "city born"
        role, rest = key.split(" ", 1)
        if ROLE_OF_WORD.get(role) and rest in ALIAS_TO_STAGE:
            found = StageColumn(ALIAS_TO_STAGE[rest], 0, ROLE_OF_WORD[role])
    return found


def looks_like_org(value: object) -> bool:
    """True when a cell names an organisation (大学, 研究所, University, Institute...)."""
    text = str(value or "").strip()
    if not text:
        return False
    if any(m in text for m in _ORG_MARKERS_HAN):
        return True
    # an acronym standing alone or first (MIT, EPFL, RIKEN, EMBL Heidelberg), not a
    # state or country code after a place (Cambridge, MA; Boston USA)
    first = text.split()[0].strip(",;")
    if (
        re.fullmatch(r"[A-Z]{3,6}", first)
        and first not in _COUNTRY_ACRONYMS
        and len(text.split()) <= 2
    ):
        return True
    words = _LATIN_WORDS.findall(text.casefold())
    return any(w in _ORG_MARKERS_LATIN or w.endswith("tech") for w in words)


_YEAR_CELL = re.compile(r"^\s*(1[89]|20)\d\d\s*(年|[./-]\d{1,2}(月)?)?\s*$")


def _filled(cells: pd.Series) -> list[str]:
    head = cells.head(SAMPLE_ROWS).astype(object)
    return [v for v in head.where(head.notna(), "").astype(str).str.strip() if v]


def org_column(cells: pd.Series | None) -> bool:
    """True when most filled cells of a column name organisations."""
    filled = _filled(cells) if cells is not None else []
    if not filled:
        return False
    return sum(map(looks_like_org, filled)) / len(filled) > ORG_SHARE


def bare_role(cells: pd.Series | None) -> str:
    """The role of a column named by a stage alone: 'org', 'year' (2008, 2008年,
    2008.07) or 'city', by most of its filled cells ('city' without cells)."""
    filled = _filled(cells) if cells is not None else []
    if filled and sum(bool(_YEAR_CELL.match(v)) for v in filled) / len(filled) > ORG_SHARE:
        return "year"
    return "org" if org_column(cells) else "city"


def _person_column(columns: list[str], cells: pd.DataFrame | None) -> str | None:
    """The person column; in a wide table each row is a person, so when the detected one
    (a name: 姓名) repeats and the order column (序号, No.) is unique, that is the id."""
    found = detect_fields(columns)
    person, order = found.get("person"), found.get("seq")
    if cells is None or not person or not order or cells.empty:
        return person
    # a blank or repeated number among the first rows settles it (a long table's order
    # column repeats at once) without reading every row
    first = cells[order].head(SAMPLE_ROWS).astype(str).str.strip()
    if first.eq("").any() or first.duplicated().any():
        return person
    ids = cells[person].astype(str).str.strip()
    numbers = cells[order].astype(str).str.strip()
    if ids.duplicated().any() and numbers.ne("").all() and not numbers.duplicated().any():
        return order
    return person


def detect_wide(frame: pd.DataFrame | Iterable[str]) -> WideLayout:
    """The stages of a wide table from its headers (and its cells, for bare stage
    columns: an organisation or a place). Takes a frame, or column names only (then a
    bare stage column is a city column)."""
    cells = frame if isinstance(frame, pd.DataFrame) else None
    columns = [str(c) for c in (frame.columns if cells is not None else frame)]
    person = _person_column(columns, cells)
    read = {c: read_header(c) for c in columns if c != person}
    groups: dict[tuple[str, int], dict[str, str]] = {}
    bare: dict[tuple[str, int], list[str]] = {}
    for col in columns:
        found = read.get(col)
        if found is None:
            continue
        key = (found.stage, found.number)
        roles = groups.setdefault(key, {})
        if found.role == "":
            bare.setdefault(key, []).append(col)
        elif found.role not in roles:  # a second column of a role stays an attribute
            roles[found.role] = col
    for key, cols in bare.items():
        roles = groups[key]
        for col in cols:
            role = bare_role(cells[col] if cells is not None else None)
            # when the stage has a column named for that role, this one is an attribute
            roles.setdefault(role, col)
    order = sorted(groups, key=lambda k: (STAGES.index(k[0]), k[1]))
    stages, unplaced = [], []
    for key in order:
        roles = groups[key]
        if roles.get("city") or roles.get("org"):
            stages.append(WideStage(key[0], **roles))
        else:
            unplaced += list(roles.values())
    mapped = {c for st in stages for c in st.columns()}
    attributes = [c for c in columns if c not in mapped and c != person]
    return WideLayout(stages, person, attributes, unplaced)


def repeated_ids(frame: pd.DataFrame, person: str | None) -> tuple[int, str]:
    """(rows whose person id an earlier row has, the first such id): in a wide table
    those rows are read as one person."""
    if not person or person not in frame.columns:
        return 0, ""
    ids = frame[person].astype(str).str.strip()
    again = ids.duplicated() & ids.ne("")
    return int(again.sum()), (str(ids[again].iloc[0]) if again.any() else "")


def is_wide_table(frame: pd.DataFrame, stage_column: str | None) -> WideLayout | None:
    """The detected layout when the table reads as wide, None when it is long (it has a
    stage column, or fewer than two stages can be placed from its headers)."""
    if stage_column:
        return None
    layout = detect_wide(frame)
    return layout if layout.is_wide else None
