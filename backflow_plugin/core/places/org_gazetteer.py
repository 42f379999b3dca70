"""The bundled organisation gazetteer: universities and institutes -> their city.

``resources/gazetteer/organisations.csv`` (built by ``scripts/build_organisations.py``)
holds Chinese higher-education institutions (the Ministry of Education's list, with
the city it gives for each), the institutes of the Chinese Academy of Sciences, and
research universities and institutes abroad, each with its English, abbreviated and
Chinese names and the place of its **main campus**; and, as kind ``place``, Chinese
names of research cities abroad written after their country (美国达勒姆), which the
city gazetteer lacks.

The campus rule: a cell that names only the organisation gets its main campus; a cell
that also names a campus or a place gets that place (北京大学深圳研究生院 -> Shenzhen,
山东大学（威海） -> Weihai, "Harvard Medical School, Boston" -> Boston, "University of
Nebraska Omaha" -> Omaha, in the organisation's state) when the gazetteer finds it in
the organisation's country.

A cell is matched, in this order, by
1. its whole text (case, accents, spaces, punctuation and brackets ignored);
2. the same without a country written before or after it (美国加州大学洛杉矶分校,
   斯坦福大学（美国）, "Stanford University, USA"): the country must be the
   organisation's, so 美国西北大学 is never 西北大学 in Xi'an;
3. one of its comma-separated parts ("Department of Chemistry, Stanford University");
4. for Chinese text, the longest organisation name it starts with (北京大学化学与分子
   工程学院 -> 北京大学), the rest read as a department or a campus.
A name shared by organisations in different cities (Northeastern University: Boston
and Shenyang) is left out at build time and matches nothing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

import pandas as pd

from ...paths import GAZETTEER_DIR
from .compound import country_of_text, has_han, split_han_country, split_zh_state
from .countries import Countries
from .names import normalise_name

ORG_FILE = GAZETTEER_DIR / "organisations.csv"
ORG_COLUMNS = (
    "org_id",
    "name",
    "name_zh",
    "aliases",
    "place",
    "province",
    "country",
    "city_id",
    "kind",
    "source",
)
# Characters left out of a Chinese key: spaces, brackets, dots and dashes.
_HAN_IGNORED = re.compile(r"[\s()（）\[\]【】<>《》·・.,，、:：;；'’\"“”\-–—_/]+")
_HAN_RUN = re.compile(r"^[\u4e00-\u9fff]+")
# Words that name the kind of organisation, not its place (normalised forms).
GENERIC_WORDS = frozenset(
    """
    university universities universitat universite universita universidad universidade
    universiteit universitet uniwersytet univ college colleges institute institut instituto
    istituto institution school schools academy akademie academia hospital hospitals clinic
    laboratory laboratories lab labs center centre centro zentrum national state federal
    research of at in the and for de di du des del della dello la le les der die das fur
    und y e technology technical technische technological tech science sciences
    scientific medical medicine polytechnic politecnico polytechnique normal agricultural
    agriculture engineering applied studies foundation corporation corp inc ltd llc
    company co gmbh ag graduate health system campus division department dept faculty
    royal imperial international max planck society council ministry bureau office
    group observatory museum library
    """.split()
)
# What after a known name makes another organisation of that name, not a part of it.
_OTHER_KIND = [["college"], ["university"], ["institute"], ["polytechnic"]]
# What may follow an organisation's name when the rest names a campus.
_CAMPUS = re.compile(
    r"^[(（]?(?P<place>[\u4e00-\u9fff]{2,6}?)(?:市)?(?:校区|分校|研究生院|研究院|校园|分院|分部)?[)）]?$"
)
# ... with a word of the campus's own name between (深圳国际研究生院, 杭州高等研究院)
_CAMPUS_NAMED = re.compile(
    r"^[(（]?(?P<place>[\u4e00-\u9fff]{2,6}?)(?:市)?(?:国际|高等|创新|先进|前沿|联合|工业|产业|技术)+"
    r"(?:校区|分校|研究生院|研究院|分院)[)）]?$"
)
_CAMPUS_WORD = re.compile(r"(?:校区|分校|研究生院|研究院|校园|分院|分部)[)）]?$|^[(（].+[)）]$")
# Parts of a Latin cell that name no organisation of their own.
_COUNTRY_TAIL = re.compile(r"\s*[,(（]\s*([^,()（）]+?)\s*[)）]?\s*$")
# An abbreviation as the table writes it: capitals, digits and a few signs (MIT, A*STAR,
# UW-Madison is a name). A cell matches one only when written so too.
_ABBREVIATION = re.compile(r"^[A-Z][A-Z0-9&*.\-]{1,9}$")
MIN_PREFIX = 4  # shortest Chinese name matched as the start of a longer cell
# Short and variant forms of the words of organisation names ("Argonne National Lab").
_LATIN_WORDS = {
    "lab": "laboratory",
    "labs": "laboratories",
    "univ": "university",
    "inst": "institute",
    "natl": "national",
    "centre": "center",
    "ctr": "center",
    "hosp": "hospital",
    "dept": "department",
    "tech": "technology",
    "sci": "science",
    "eng": "engineering",
}


def org_form_key(text: object) -> str:
    """The matching key of an organisation name ("" for none)."""
    if text is None:
        return ""
    s = unicodedata.normalize("NFKC", str(text)).strip()
    if not s:
        return ""
    if has_han(s):
        return _HAN_IGNORED.sub("", s).casefold()
    words = normalise_name(s.replace("&", " and ")).split()
    if words[:1] == ["the"]:
        words = words[1:]
    return "".join(_LATIN_WORDS.get(w, w) for w in words)


@dataclass(frozen=True)
class OrgHit:
    """An organisation found in a cell, with the place it stands for."""

    org_id: str
    name: str
    place: str  # the main campus: a place name the gazetteer knows
    province: str  # state or province that settles same-named places ("" for none)
    country: str
    campus: str = ""  # a place the cell names beside the organisation ("" for none)
    kind: str = ""  # university, college, institute; "place": a Chinese name of a city

    @property
    def place_text(self) -> str:
        """The main campus as a cell the gazetteer resolves ("Cambridge, MA")."""
        return f"{self.place}, {self.province}" if self.province else self.place


class OrgGazetteer:
    """Organisation names -> places (see the module docstring)."""

    def __init__(self, frame: pd.DataFrame) -> None:
        df = frame.fillna("").astype(str)
        self.frame = df.reset_index(drop=True)
        where: dict[str, int] = {}
        shared: set[str] = set()
        abbreviations: set[str] = set()
        named: set[str] = set()
        for i, (name, zh, aliases) in enumerate(zip(df["name"], df["name_zh"], df["aliases"])):
            for form in (name, zh, *aliases.split("|")):
                key = org_form_key(form)
                if not key:
                    continue
                (abbreviations if _ABBREVIATION.match(form) else named).add(key)
                j = where.setdefault(key, i)
                if j != i and self._place_of(j) != self._place_of(i):
                    shared.add(key)
        for key in shared:
            del where[key]
        self._where = where
        # "BIG", "HIT", "BIT" match a cell written in capitals only, never "Big Lab"
        self._caps_only = abbreviations - named
        self._max_han = max((len(k) for k in where if has_han(k)), default=0)

    def _place_of(self, i: int) -> tuple[str, str, str]:
        row = self.frame.iloc[i]
        return (row["place"], row["province"], row["country"])

    @classmethod
    def bundled(cls) -> OrgGazetteer | None:
        """The bundled table (read once per process); None when the file is absent."""
        return _bundled_orgs()

    @classmethod
    def from_csv(cls, path) -> OrgGazetteer:
        return cls(pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8"))

    def __len__(self) -> int:
        return len(self.frame)

    def keys(self) -> list[str]:
        return list(self._where)

    def _hit_of_text(self, text: str) -> OrgHit | None:
        """The organisation ``text`` names as a whole, or None."""
        key = org_form_key(text)
        if key in self._caps_only and not _ABBREVIATION.match(text.strip()):
            return None
        return self.hit_of_key(key)

    def names_whole(self, text: str) -> bool:
        """True when ``text`` as a whole is an organisation's name."""
        return self._hit_of_text(text) is not None

    def hit_of_key(self, key: str) -> OrgHit | None:
        i = self._where.get(key)
        return None if i is None else self._hit(i)

    def _hit(self, i: int, campus: str = "") -> OrgHit:
        row = self.frame.iloc[i]
        return OrgHit(
            row["org_id"],
            row["name"],
            row["place"],
            row["province"],
            row["country"],
            campus,
            row["kind"],
        )

    # -------------------------------------------------------------- matching

    def find(self, cell: object, countries: Countries | None = None) -> OrgHit | None:
        """The organisation a cell names, or None."""
        if cell is None:
            return None
        text = unicodedata.normalize("NFKC", str(cell)).strip()
        if not text:
            return None
        hit = self._hit_of_text(text)
        if hit is not None:
            return hit
        if has_han(text):
            return self._find_han(text)
        return self._find_latin(text, countries or Countries.bundled())

    def _find_han(self, text: str) -> OrgHit | None:
        split = split_han_country(text)
        if split is not None:
            rest, iso2 = split
            hit = self._find_han_body(rest)
            state = split_zh_state(rest) if hit is None else None
            if state is not None:  # 美国纽约州罗切斯特, 美国加州斯坦福大学
                # the table's Chinese names of cities abroad follow their country
                country = text[: text.find(rest)] if rest in text else ""
                hit = self._find_han_body(state[0]) or self._find_han_body(country + state[0])
                if hit is not None and hit.province and hit.province != state[1]:
                    return None  # 美国明尼苏达州罗切斯特 is not Rochester, NY
            if hit is not None and hit.country == iso2:
                return hit
            if hit is not None:
                return None  # 美国西北大学 is not 西北大学 (Xi'an)
        return self._find_han_body(text)

    def _find_han_body(self, text: str) -> OrgHit | None:
        key = org_form_key(text)
        hit = self.hit_of_key(key)
        if hit is not None:
            return hit
        for part in re.split(r"[,，、;；/]+", text):
            k = org_form_key(part)
            if k != key and self.hit_of_key(k) is not None:
                return self._with_campus(self._where[k], text.replace(part, "", 1))
        compact = _HAN_IGNORED.sub("", text)
        for n in range(min(len(compact) - 1, self._max_han), MIN_PREFIX - 1, -1):
            i = self._where.get(compact[:n].casefold())
            if i is not None:
                return self._with_campus(i, self._rest_after(text, compact[:n]) or compact[n:])
        return None

    @staticmethod
    def _rest_after(text: str, head: str) -> str:
        """The part of ``text`` after the characters of ``head`` (brackets kept)."""
        seen = 0
        for pos, ch in enumerate(text):
            if seen == len(head):
                return text[pos:].strip()
            if ch == head[seen]:
                seen += 1
        return ""

    def _with_campus(self, i: int, rest: str) -> OrgHit:
        rest = rest.strip().strip(",，、 ")
        campus = ""
        if rest and _CAMPUS_WORD.search(rest):
            m = _CAMPUS_NAMED.match(rest) or _CAMPUS.match(rest)
            if m:
                campus = m.group("place")
        return self._hit(i, campus)

    def _find_latin(self, text: str, countries: Countries) -> OrgHit | None:
        iso2 = None
        body = text
        m = _COUNTRY_TAIL.search(text)
        if m and country_of_text(m.group(1), countries):
            iso2, body = country_of_text(m.group(1), countries), text[: m.start()]
            hit = self._hit_of_text(body)
            if hit is not None:
                return hit if hit.country == iso2 else None
        parts = [p.strip() for p in re.split(r"[,;]|\s[-–—]\s", body) if p.strip()]
        if len(parts) < 2:
            return self._latin_prefix(body, iso2)
        # adjacent pairs first ("University of California, Berkeley"), then single parts
        spans = [(i, i + 2) for i in range(len(parts) - 1)] + [
            (i, i + 1) for i in range(len(parts))
        ]
        for a, b in spans:
            hit = self._hit_of_text(" ".join(parts[a:b]))
            if hit is None or (iso2 and hit.country != iso2):
                continue
            others = [p for p in parts[:a] + parts[b:] if not country_of_text(p, countries)]
            return OrgHit(
                hit.org_id,
                hit.name,
                hit.place,
                hit.province,
                hit.country,
                ", ".join(others),
                hit.kind,
            )
        for part in parts:
            hit = self._latin_prefix(part, iso2)
            if hit is not None:
                return hit
        return None

    def _latin_prefix(self, text: str, iso2: str | None) -> OrgHit | None:
        """The longest organisation name that the text starts with ("Zhejiang
        University School of Medicine" -> Zhejiang University, "Yale School of Medicine"
        -> Yale); the rest is a school or a hospital of it, or a campus when it is
        names alone ("University of Nebraska Omaha", "... at Omaha")."""
        words = text.split()
        for n in range(len(words) - 1, 0, -1):
            hit = self._hit_of_text(" ".join(words[:n]))
            if hit is not None and (not iso2 or hit.country == iso2):
                if [normalise_name(w) for w in words[n:]] in _OTHER_KIND:
                    return None  # Carleton College is not Carleton University
                campus = _latin_campus(words[n:])
                if campus and hit.province:  # a campus in the organisation's state
                    campus = f"{campus}, {hit.province}"
                return replace(hit, campus=campus)
        return None


def _latin_campus(words: list[str]) -> str:
    """The campus the words after an organisation's name name, "" for none: one to
    three capitalised names, after "at" or "in" or a dash or alone, no kind word
    ("School of Medicine", "Medical Center" name a part, not a place)."""
    if words and words[0].casefold() in ("at", "in", "-", "–", "—"):
        words = words[1:]
    if not 1 <= len(words) <= 3:
        return ""
    for w in words:
        key = normalise_name(w)
        if not key or key in GENERIC_WORDS or not w[:1].isupper():
            return ""
    return " ".join(words)


@lru_cache(maxsize=1)
def _bundled_orgs() -> OrgGazetteer | None:
    if not ORG_FILE.is_file():
        return None
    return OrgGazetteer.from_csv(ORG_FILE)


def places_of_orgs(
    orgs: pd.Series, countries: Countries | None = None, table: OrgGazetteer | None = None
) -> pd.DataFrame:
    """(place, country, main) of each organisation cell in the bundled table, "" where
    none: the place as a cell the gazetteer resolves ("Cambridge, MA"), the campus the
    cell names when it names one; ``main`` the main campus. Looked up once per
    distinct value."""
    table = table or OrgGazetteer.bundled()
    out = pd.DataFrame({"place": "", "country": "", "main": ""}, index=orgs.index)
    if table is None or orgs.empty:
        return out
    codes, uniq = pd.factorize(orgs.astype(object).fillna(""))
    found = [table.find(u, countries) if u else None for u in uniq]
    place = [(h.campus or h.place_text) if h else "" for h in found] + [""]
    main = [h.place_text if h else "" for h in found] + [""]
    country = [h.country if h else "" for h in found] + [""]
    out["place"] = pd.Series(place, dtype=object).to_numpy()[codes]
    out["country"] = pd.Series(country, dtype=object).to_numpy()[codes]
    out["main"] = pd.Series(main, dtype=object).to_numpy()[codes]
    return out
