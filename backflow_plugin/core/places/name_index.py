"""The gazetteer's name index: every name and alias of every place, by exact form and by
normalised key, and the trigram index of fuzzy suggestions (pure Python + pandas)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..schema import LEVEL_COUNTY, LEVEL_PREFECTURE
from .names import _TOKENS, name_candidates, normalise_name

# Values of the ``level`` column.
LEVEL_PLACE = "place"
LEVEL_HISTORIC = "historic"

# Which of several same-named places wins, by level: a prefecture-level city over a
# county-level unit of the same name (朝阳 the city, not Beijing's 朝阳区); a name from
# the historic table over a county that happens to share it today (Wuchang, the Wuhan
# town, not 五常 in Heilongjiang); any of them over other places.
_LEVEL_TIER = {LEVEL_PREFECTURE: 4, LEVEL_HISTORIC: 3, LEVEL_COUNTY: 2, LEVEL_PLACE: 1}


_HAN = re.compile(r"^[\u4e00-\u9fff]+$")


def _fast_key(s: object) -> str | None:
    """``form_key`` of a plain ASCII word or a pure Han name (same result as the
    general rule), else None."""
    if isinstance(s, str):
        if s.isascii() and s.isalpha():
            k = s.lower()
            if k not in _TOKENS:
                return k
        elif _HAN.match(s):
            return s[:-1] if len(s) > 2 and s.endswith("市") else s
    return None


MAX_SUGGEST_LENGTH = 80  # longest name that gets fuzzy suggestions


def form_key(s: object) -> str:
    """``normalise_name`` without spaces ("Bei Jing" and "Beijing" meet)."""
    k = _fast_key(s)
    return k if k is not None else normalise_name(s).replace(" ", "")


def slow_form_keys(forms) -> pd.DataFrame:
    """(form, key) of the forms the fast rule does not cover: written by the build
    script as name_keys.csv so that the bundled gazetteer need not normalise them at
    every start (a test checks the file against ``form_key``)."""
    uniq = [f for f in dict.fromkeys(forms) if _fast_key(f) is None]
    return pd.DataFrame({"form": uniq, "key": [form_key(f) for f in uniq]})


def _trigrams(key: str) -> set[str]:
    padded = f"  {key} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


@dataclass
class NameIndex:
    exact: dict
    alias: dict
    norm: tuple  # (keys of names, keys of all forms)
    country: np.ndarray
    population: np.ndarray
    label: list
    tier: np.ndarray  # _LEVEL_TIER of each place
    prominence: np.ndarray
    province: np.ndarray  # province key: province_id (CN) or case-folded province name
    historic: np.ndarray
    city_id: np.ndarray
    prefecture_id: np.ndarray
    county_id: np.ndarray
    named: pd.DataFrame  # key, pos, population of names (for the fuzzy index)
    # fuzzy (built on first use: only unresolved names need it)
    fz_keys: list | None = None
    fz_pos: np.ndarray | None = None  # best place for each key
    fz_len: np.ndarray | None = None
    fz_grams: dict | None = None


def build_index(
    cities: pd.DataFrame, trusted: bool, form_keys: dict | None, check_stop: Callable[[], None]
) -> NameIndex:
    """The index of a gazetteer's ``cities`` (``check_stop`` raises on a cancel)."""
    df = cities
    n = len(df)
    pos = np.arange(n)
    parts = []
    # The bundled files are written stripped: no need to strip 170,000 forms again.
    strip = (lambda v: v) if trusted else (lambda v: v.str.strip())
    for col in ("name", "name_zh", "name_zh_hant"):
        v = df[col]
        ok = v.notna()
        parts.append(
            pd.DataFrame({"pos": pos[ok.to_numpy()], "form": strip(v[ok].astype(str)), "kind": 0})
        )
    al = df["aliases"].dropna().astype(str).str.split("|").explode()
    parts.append(
        pd.DataFrame({"pos": al.index.to_numpy(), "form": strip(al).to_numpy(), "kind": 1})
    )
    forms = pd.concat(parts, ignore_index=True)
    forms = forms[forms["form"].ne("")].drop_duplicates(["form", "pos", "kind"])
    # Each distinct form (and key) is hashed once; the groupings below work on codes.
    form_code, uniq = pd.factorize(forms["form"])
    pre = form_keys or {}

    def key(v: str) -> str:
        k = _fast_key(v)
        if k is None:
            k = pre.get(v)
        return k if k is not None else normalise_name(v).replace(" ", "")

    keys: list[str] = []
    for start in range(0, len(uniq), 20_000):  # a cancel is looked at in between
        check_stop()
        keys.extend(key(v) for v in uniq[start : start + 20_000])
    key_of_form, key_uniq = pd.factorize(np.asarray(keys, dtype=object))
    key_code = key_of_form[form_code]
    forms["key"] = np.asarray(key_uniq, dtype=object)[key_code]
    check_stop()
    kind = forms["kind"].to_numpy()
    form_pos = forms["pos"].to_numpy()
    uniq, key_uniq = np.asarray(uniq, dtype=object), np.asarray(key_uniq, dtype=object)

    def grouped(code: np.ndarray, values: np.ndarray, rows: np.ndarray) -> dict:
        # value -> position (most name one place) or list of positions, in row order
        pair = pd.unique(code[rows] * np.int64(n + 1) + form_pos[rows])
        c, p = pair // (n + 1), pair % (n + 1)
        many = np.bincount(c, minlength=len(values))[c] > 1
        out: dict = dict(zip(values[c[~many]].tolist(), p[~many].tolist()))
        for k, q in zip(values[c[many]].tolist(), p[many].tolist()):
            out.setdefault(k, []).append(q)
        return out

    exact = grouped(form_code, uniq, kind == 0)
    alias = grouped(form_code, uniq, kind == 1)
    check_stop()
    # Normalised keys of names first, then of aliases: "Ch'ang-sha" is Changsha's
    # name before it is an alias of some place inside Chongqing.
    keyed = forms["key"].ne("").to_numpy()
    norm = (
        grouped(key_code, key_uniq, keyed & (kind == 0)),
        grouped(key_code, key_uniq, keyed),
    )
    check_stop()
    country = df["country"].to_numpy(dtype=object)
    population = df["population"].to_numpy(dtype="int64")
    label = [f"{nm} ({c})" if c else str(nm) for nm, c in zip(df["name"], df["country"])]
    named = forms[forms["kind"].eq(0) & forms["key"].ne("")][["key", "pos"]]
    ranked = df["admin_rank"].notna().to_numpy()
    tier = df["level"].map(_LEVEL_TIER).fillna(1).to_numpy(dtype="int64")
    # A user gazetteer's ranked Chinese city counts as a prefecture-level one.
    tier = np.where(ranked & (tier == 1), _LEVEL_TIER[LEVEL_PREFECTURE], tier)
    n_names = (df["aliases"].fillna("").astype(str).str.count(r"\|") + 1).to_numpy()
    prominence = np.log10(np.maximum(population, 1)) + 0.5 * np.log10(1 + n_names)
    province = df["province_id"].fillna(df["province"].str.casefold()).fillna("")
    return NameIndex(
        exact,
        alias,
        norm,
        country,
        population,
        label,
        tier,
        prominence,
        province.to_numpy(dtype=object),
        df["level"].eq(LEVEL_HISTORIC).to_numpy(),
        df["city_id"].to_numpy(dtype=object),
        df["prefecture_id"].to_numpy(dtype=object),
        df["county_id"].to_numpy(dtype=object),
        named,
    )


def with_fuzzy(ix: NameIndex, check_stop: Callable[[], None]) -> NameIndex:
    """The index with its trigram part built (first call only)."""
    if ix.fz_keys is None:
        check_stop()
        named = ix.named.assign(pop=ix.population[ix.named["pos"].to_numpy()])
        named = named.sort_values("pop", ascending=False, kind="stable")
        named = named.drop_duplicates("key")
        keys = named["key"].tolist()
        grams: dict[str, list[int]] = {}
        lens = np.empty(len(keys), dtype=np.int64)
        for i, k in enumerate(keys):
            if i % 20_000 == 0:
                check_stop()
            g = _trigrams(k)
            lens[i] = len(g)
            for t in g:
                grams.setdefault(t, []).append(i)
        ix.fz_grams = {t: np.asarray(v, dtype=np.int64) for t, v in grams.items()}
        ix.fz_pos = named["pos"].to_numpy(dtype=np.int64)
        ix.fz_len = lens
        ix.fz_keys = keys
    return ix


def suggestions(ix: NameIndex, name: str, n: int = 3, cutoff: float = 0.72) -> list[str]:
    """Up to ``n`` "Name (CC)" fuzzy suggestions for an unknown name (``ix`` with its
    trigram part, ``with_fuzzy``)."""
    cands = name_candidates(name) or [normalise_name(name)]
    out: list[str] = []
    for cand in cands:
        q = cand.replace(" ", "")
        if not q or not ix.fz_keys:
            continue
        grams = [ix.fz_grams[t] for t in _trigrams(q) if t in ix.fz_grams]
        if not grams:
            continue
        counts = np.bincount(np.concatenate(grams), minlength=len(ix.fz_keys))
        qlen = len(_trigrams(q))
        score = counts / (qlen + ix.fz_len - counts)
        top = np.argpartition(-score, min(40, len(score) - 1))[:40]
        top = top[score[top] > 0]
        ranked = []
        for i in top:
            r = difflib.SequenceMatcher(None, q, ix.fz_keys[i]).ratio()
            if r >= cutoff:
                ranked.append((-r, -int(ix.population[ix.fz_pos[i]]), int(i)))
        for _, _, i in sorted(ranked):
            lab = ix.label[ix.fz_pos[i]]
            if lab not in out:
                out.append(lab)
            if len(out) >= n:
                return out
    return out


def all_forms(cities: pd.DataFrame) -> list[str]:
    """Every name and alias of a gazetteer table, as the index reads them."""
    out: list[str] = []
    for col in ("name", "name_zh", "name_zh_hant"):
        out += [v for v in cities[col].tolist() if isinstance(v, str) and v]
    for al in cities["aliases"].tolist():
        if isinstance(al, str) and al:
            out += [a for a in al.split("|") if a]
    return out
