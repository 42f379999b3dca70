"""Normalisation of place names for matching (pure Python, no QGIS).

``normalise_name`` turns a name into a matching key: HTML entities decoded, Unicode
compatibility forms folded (full-width letters), diacritics and pinyin tone marks
stripped, case folded, apostrophes dropped ("Xi'an" -> "xian"), other punctuation and
hyphens turned into spaces, common abbreviations expanded ("St." -> "saint") and a
trailing administrative word dropped ("Beijing Shi", "Beijing City", "北京市" ->
"beijing" / "北京").

``name_candidates`` reads the historic forms found in biographical data:
"Lennep (now Remscheid)" -> ["remscheid", "lennep"], "Cambridge, MA" -> ["cambridge",
"cambridge ma", "ma"]: the "now" name first, then the name before a comma.

Both work on one string; ``normalise_series`` applies ``normalise_name`` to the unique
values of a Series only and maps the result back.
"""

from __future__ import annotations

import html
import re
import unicodedata

import pandas as pd

_APOSTROPHES = re.compile(r"['’‘ʻʼ`´ʹ′]")
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
_SPACES = re.compile(r"\s+")
_PAREN = re.compile(r"\(([^()]*)\)")
_NOW = re.compile(r"\bnow\b\s*(?:in\s+)?(.+)$", re.IGNORECASE)

# Token-level abbreviations (after punctuation removal and case folding).
_TOKENS = {
    "st": "saint",
    "ste": "sainte",
    "sta": "santa",
    "sto": "santo",
    "mt": "mount",
    "ft": "fort",
    "pt": "port",
}
# Trailing words that only say "city" (dropped when something else is left).
_TRAILING = {"shi", "shih", "city", "市"}
_TRAILING_HAN = ("市",)


def _is_missing(s: object) -> bool:
    if s is None:
        return True
    if isinstance(s, str):
        return False
    try:
        return bool(pd.isna(s))
    except (TypeError, ValueError):
        return False


# Cells that say "no place" rather than name one: archives and CVs write these for an
# unknown birthplace. Compared after stripping and case folding.
MISSING_MARKERS = frozenset(
    {
        "na",
        "n/a",
        "n.a.",
        "n. a.",
        "none",
        "null",
        "nil",
        "nan",
        "unknown",
        "not known",
        "not given",
        "not available",
        "unk",
        "-",
        "--",
        "---",
        "—",
        "——",
        "–",
        "?",
        "??",
        "???",
        "？",
        "/",
        ".",
        "x",
        "无",
        "無",
        "不详",
        "不詳",
        "未知",
        "不明",
        "待查",
        "空",
        "缺",
        "暂无",
        "暫無",
        "无记录",
        "無記錄",
        "－",
        "／",
    }
)


def is_missing_place(value: object) -> bool:
    """True for an empty cell or a missing marker (NA, N/A, -, —, ?, 无, 不详, 未知...)."""
    if _is_missing(value):
        return True
    s = str(value).strip()
    return not s or s.casefold() in MISSING_MARKERS


_SPECIAL = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ı": "i",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
    }
)


def _fold(s: str) -> str:
    if "&" in s:
        s = html.unescape(s)
    if s.isascii():
        return s.lower()
    s = unicodedata.normalize("NFKC", s)  # full-width forms, ligatures
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return s.translate(_SPECIAL).casefold()


def normalise_name(s: object) -> str:
    """A matching key for a place name ("" for missing or empty input)."""
    if _is_missing(s):
        return ""
    s = _fold(str(s))
    s = _APOSTROPHES.sub("", s)
    s = _NON_WORD.sub(" ", s)
    tokens = [_TOKENS.get(t, t) for t in s.split()]
    while len(tokens) > 1 and tokens[-1] in _TRAILING:
        tokens.pop()
    if tokens and tokens[-1].endswith("市"):
        last = tokens[-1]
        if len(last) > 2 or (len(tokens) > 1 and len(last) > 1):
            tokens[-1] = last[:-1]
    return " ".join(tokens)


def compact_key(s: object) -> str:
    """``normalise_name`` without spaces: "Bei Jing" and "Beijing" meet."""
    return normalise_name(s).replace(" ", "")


_NEAR = re.compile(r"^\s*near\s+", re.IGNORECASE)
# Wade-Giles writes a Chinese name's syllables joined by hyphens, the later ones in lower
# case (Huang-an, Ting-hsien, Ch'ang-sha); a European district is capitalised.
_WADE_GILES = re.compile(r"^[A-Z][a-z'ü]+(?:-[a-z'ü]+)+(?:\s+(?:Hsien|Fu|Chou|Chow|Shih))?$")
# First parts of hyphenated names that are not a place on their own.
_HYPHEN_PREFIXES = frozenset(
    {
        "saint",
        "sainte",
        "santa",
        "santo",
        "sankt",
        "villa",
        "ville",
        "nord",
        "north",
        "south",
        "east",
        "west",
        "upper",
        "lower",
        "neue",
        "mont",
        "port",
        "fort",
        "grand",
        "petit",
        "hohen",
        "klein",
        "gross",
        "groß",
        "alt",
        "bad",
        "castel",
        "castello",
        "casal",
    }
)


def name_candidates(s: object) -> list[str]:
    """Normalised candidate names, best first.

    "Lennep (now Remscheid)" -> ["remscheid", "lennep"];
    "Alsace (then Germany, now France)" -> ["france", "alsace"];
    "Faroe Islands (Denmark)" -> ["faroe islands", "denmark"];
    "Cambridge, MA" -> ["cambridge", "cambridge ma", "ma"].
    """
    if _is_missing(s):
        return []
    text = html.unescape(str(s)).strip()
    if not text:
        return []
    first: list[str] = []
    last: list[str] = []
    for inner in _PAREN.findall(text):
        for part in inner.split(","):
            m = _NOW.search(part.strip())
            if m:
                first.append(m.group(1))
            else:
                cleaned = re.sub(
                    r"^\s*(?:then|formerly|former|in)\s+", "", part.strip(), flags=re.IGNORECASE
                )
                last.append(cleaned)
    outer = _PAREN.sub(" ", text).strip()
    parts = [p for p in (p.strip() for p in outer.split(",")) if p]
    parts = [_NEAR.sub("", p) or p for p in parts]  # "near Breslau"
    ordered = first + parts[:1] + [outer] + parts[1:] + last
    # Last resort: the city of a district written with a hyphen ("Bremerhaven-Lehe",
    # "Frankfurt-on-the-Main", "Champaign-Urbana"), never a prefix such as Saint-.
    head = parts[0].split("-")[0].strip() if parts and "-" in parts[0] else ""
    if head and _WADE_GILES.match(parts[0]):
        head = ""  # "Huang-an Hsien" is one Chinese name (Huang'an), not Huang's district
    if len(head) >= 4 and head.casefold() not in _HYPHEN_PREFIXES:
        ordered.append(head)
    out: list[str] = []
    for cand in ordered:
        key = normalise_name(cand)
        if key and key not in out:
            out.append(key)
    return out


def normalise_series(values: pd.Series) -> pd.Series:
    """``normalise_name`` over a Series, computed once per distinct value."""
    uniq = pd.unique(values.astype(object))
    mapping = {v: normalise_name(v) for v in uniq}
    return values.astype(object).map(mapping)
