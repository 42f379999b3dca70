"""Guessing which column plays which role from its name (English or Chinese)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

ROLES = ("person", "seq", "stage", "city", "country", "org", "year", "province")

# Most specific first: an exact match on an earlier name wins.
_ROLE_NAMES: dict[str, tuple[str, ...]] = {
    "person": (
        "person id",
        "person",
        "personid",
        "pid",
        "person no",
        "id",
        "name",
        "人员编号",
        "人員編號",
        "人員",
        "人员",
        "编号",
        "編號",
        "姓名",
        "人才编号",
        "学者",
    ),
    "seq": (
        "seq",
        "sequence",
        "order",
        "step",
        "stage order",
        "stage no",
        "序号",
        "顺序",
        "順序",
        "次序",
    ),
    "stage": (
        "stage",
        "stage type",
        "career stage",
        "phase",
        "type",
        "event",
        "阶段",
        "階段",
        "经历",
        "类型",
        "履历阶段",
        "阶段类型",
    ),
    "city": (
        "city",
        "city name",
        "place",
        "location",
        "town",
        "城市",
        "地点",
        "所在城市",
        "城市名称",
    ),
    "country": (
        "country",
        "country code",
        "countrycode",
        "iso",
        "iso2",
        "nation",
        "国家",
        "国家地区",
        "国别",
        "國家",
    ),
    "org": (
        "org",
        "organisation",
        "organization",
        "institution",
        "affiliation",
        "university",
        "employer",
        "unit",
        "单位",
        "單位",
        "机构",
        "機構",
        "学校",
        "學校",
        "工作单位",
        "院校",
    ),
    "year": ("year", "start year", "from", "start", "begin", "年份", "年", "时间", "开始年份"),
    # Province or state of the place (disambiguates counties and towns of one name).
    "province": (
        "province",
        "state",
        "province state",
        "state province",
        "省",
        "省份",
        "籍贯省",
        "籍貫省",
        "省区",
        "省區",
        "所在省",
        "所在省份",
    ),
}


def _key(name: str) -> str:
    text = unicodedata.normalize("NFKC", str(name)).casefold()
    text = re.sub(r"[\s._\-/()（）]+", " ", text).strip()
    return text


# A column that names a kind of something ('unit_type', '单位类型', 'subject category')
# is a person attribute: it matches a role by its exact name only, never by a word in it.
_KIND_WORDS = ("type", "kind", "category", "class", "类型", "类别", "類型", "類別", "性质")


def _is_kind_column(key: str) -> bool:
    return any(w in key for w in _KIND_WORDS)


def detect_fields(columns: Iterable[str]) -> dict[str, str | None]:
    """Map each role to the best-matching column (or None).

    Exact name matches first, then a column whose name contains a role word;
    one column serves one role only.
    """
    columns = list(columns)
    keys = {c: _key(c) for c in columns}
    chosen: dict[str, str | None] = {}
    used: set[str] = set()
    for role in ROLES:
        names = _ROLE_NAMES[role]
        pick = None
        for name in names:
            pick = next((c for c in columns if c not in used and keys[c] == name), None)
            if pick:
                break
        if pick is None:
            for name in names:
                if len(name) < 3 and name.isascii():
                    continue  # "id" inside "bornCountryId" is no evidence
                pick = next(
                    (
                        c
                        for c in columns
                        if c not in used and name in keys[c] and not _is_kind_column(keys[c])
                    ),
                    None,
                )
                if pick:
                    break
        chosen[role] = pick
        if pick:
            used.add(pick)
    return chosen
