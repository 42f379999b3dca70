"""Stage labels: English, Chinese (simplified and traditional) and common aliases."""

from __future__ import annotations

import difflib
import re
import unicodedata

import numpy as np
import pandas as pd

from ..schema import STAGES

_ALIASES: dict[str, tuple[str, ...]] = {
    "birth": (
        "birth",
        "birthplace",
        "born",
        "place of birth",
        "hometown",
        "home town",
        "native place",
        "origin",
        "出生",
        "出生地",
        "出生城市",
        "籍贯",
        "家乡",
        "出生地点",
        "籍貫",
        "家鄉",
    ),
    "bachelor": (
        "bachelor",
        "bachelors",
        "ba",
        "bs",
        "bsc",
        "be",
        "beng",
        "undergraduate",
        "undergrad",
        "college",
        "本科",
        "学士",
        "大学",
        "本科毕业",
        "學士",
        "大學",
    ),
    "master": (
        "master",
        "masters",
        "ms",
        "msc",
        "ma",
        "meng",
        "mphil",
        "graduate",
        "硕士",
        "研究生",
        "硕士研究生",
        "碩士",
    ),
    "phd": (
        "phd",
        "doctorate",
        "doctoral",
        "doctor",
        "dphil",
        "dr",
        "博士",
        "博士研究生",
        "读博",
    ),
    "postdoc": (
        "postdoc",
        "post doc",
        "postdoctoral",
        "postdoctoral fellow",
        "post doctoral",
        "博士后",
        "博士後",
    ),
    "work": (
        "work",
        "job",
        "employment",
        "employed",
        "faculty",
        "professor",
        "researcher",
        "position",
        "affiliation",
        "career",
        "工作",
        "海外工作",
        "国外工作",
        "海外任职",
        "國外工作",
        "任职",
        "就职",
        "就业",
        "任教",
        "职位",
        "任職",
    ),
    "visit": (
        "visit",
        "visiting",
        "visiting scholar",
        "visiting scientist",
        "exchange",
        "访问",
        "访学",
        "访问学者",
        "交流",
        "訪問",
        "訪問學者",
    ),
    "return": (
        "return",
        "returned",
        "returnee",
        "back",
        "homecoming",
        "回国",
        "回流",
        "归国",
        "回国工作",
        "全职回国",
        "引进",
        "回國",
        "歸國",
    ),
    "later": (
        "later",
        "onward",
        "move",
        "moved",
        "current",
        "now",
        "death",
        "died",
        "deathplace",
        "place of death",
        "现工作",
        "现单位",
        "调动",
        "后续",
        "现任",
        "去世",
        "現任",
    ),
}


def label_key(label: str) -> str:
    """The comparison key of a stage label (ALIAS_TO_STAGE's keys)."""
    text = unicodedata.normalize("NFKC", str(label)).casefold().strip()
    text = re.sub(r"[.'’]", "", text)  # "Ph.D." -> "phd"
    return re.sub(r"[\s_\-/()]+", " ", text).strip()


ALIAS_TO_STAGE: dict[str, str] = {
    label_key(alias): stage for stage, aliases in _ALIASES.items() for alias in aliases
}
ACCEPTED_TEXT = (
    ", ".join(STAGES) + " (and aliases such as 出生地, 本科, 硕士, 博士, 博士后, 工作, 回国)"
)


def normalise_stages(labels: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Map raw labels to canonical stages.

    Returns (stages, unknown): stages holds the canonical label, "" for an empty
    cell (order only), or None when the label is not recognised; unknown is the
    boolean mask of unrecognised labels.
    """
    # each distinct label read once (code -1, a missing cell, takes the last: empty)
    codes, uniques = pd.factorize(labels)
    keys = [label_key(u) for u in uniques]
    stage_of = np.asarray(
        [ALIAS_TO_STAGE.get(k, np.nan) if k else "" for k in keys] + [""], dtype=object
    )
    unknown_of = np.asarray([bool(k) and k not in ALIAS_TO_STAGE for k in keys] + [False])
    stages = pd.Series(stage_of[codes], index=labels.index, dtype=object)
    return stages, pd.Series(unknown_of[codes], index=labels.index)


def suggest_stage(label: str) -> list[str]:
    close = difflib.get_close_matches(label_key(label), list(ALIAS_TO_STAGE), n=3, cutoff=0.6)
    return list(dict.fromkeys(ALIAS_TO_STAGE[c] for c in close))


def parse_stage_mapping(text: str | None) -> dict[str, str]:
    """'博士后=postdoc; Dr.=phd' -> {label: stage}; raises ValueError on a bad item.

    The user's corrections of stage labels (the panel's review step, the
    STAGE_MAPPING parameter). An empty stage ('x=') marks the label as order only.
    """
    mapping: dict[str, str] = {}
    for item in re.split(r"[;\n]", text or ""):
        if not item.strip():
            continue
        if "=" not in item:
            raise ValueError(f"'{item.strip()}' is not label=stage")
        label, stage = (part.strip() for part in item.rsplit("=", 1))
        stage = stage.lower()
        if stage and stage not in STAGES:
            raise ValueError(f"'{stage}' (for '{label}') is not a stage")
        mapping[label] = stage
    return mapping


def relabel_stages(frame: pd.DataFrame, column: str, mapping: dict[str, str]) -> tuple:
    """(frame with `column`'s labels replaced by `mapping`, rows changed).

    Labels are compared without surrounding spaces; other cells stay as they are
    and the input frame is not modified.
    """
    if not mapping:
        return frame, 0
    # object dtype throughout: missing cells stay None on every pandas (3 would give NaN)
    original = frame[column].astype(object)
    missing = original.isna()
    stripped = original.astype(str).str.strip().astype(object).where(~missing, None)
    hit = stripped.isin(list(mapping)) & ~missing
    relabelled = original.where(~hit, stripped.map(mapping)).astype(object)
    relabelled = relabelled.where(~missing, None)
    return frame.assign(**{column: relabelled}), int(hit.sum())
