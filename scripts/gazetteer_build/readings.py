"""Readings of Chinese place names for the gazetteer build: pinyin (with place-name
readings), Wade-Giles, traditional forms, county stems, and the aliases a place keeps."""

from __future__ import annotations

import unicodedata

import numpy as np

from backflow_plugin.core.places.names import compact_key

from .facts import ETHNIC

try:  # traditional forms
    import zhconv

    def to_hant(s: str) -> list[str]:
        forms = [
            zhconv.convert(s, "zh-tw"),
            zhconv.convert(s, "zh-hant"),
            zhconv.convert(s, "zh-hk"),
        ]
        forms += [f.replace("裡", "里").replace("裏", "里") for f in forms]
        return list(dict.fromkeys(forms))
except ImportError:  # pragma: no cover - build without zhconv: GeoNames forms only
    zhconv = None

    def to_hant(s: str) -> list[str]:
        return []


from pypinyin import Style, lazy_pinyin, load_phrases_dict, load_single_dict  # noqa: E402

# In place names 长 reads cháng (长沙, 长阳, 长洲), not zhǎng; and some names keep old
# readings that pypinyin's word list gives otherwise (朝阳 is Chaoyang, 六安 Lu'an).
load_single_dict({ord("长"): "cháng,zhǎng"})
load_phrases_dict(
    {
        "朝阳": [["cháo"], ["yáng"]],
        "六安": [["lù"], ["ān"]],
        "乐清": [["yuè"], ["qīng"]],
        "乐亭": [["lào"], ["tíng"]],
        "丽水": [["lí"], ["shuǐ"]],
        "台州": [["tāi"], ["zhōu"]],
        "天台": [["tiān"], ["tāi"]],
        "铅山": [["yán"], ["shān"]],
        "洪洞": [["hóng"], ["tóng"]],
        "枞阳": [["zōng"], ["yáng"]],
        "蔚县": [["yù"], ["xiàn"]],
        "单县": [["shàn"], ["xiàn"]],
        "莘县": [["shēn"], ["xiàn"]],
        "歙县": [["shè"], ["xiàn"]],
        "浚县": [["xùn"], ["xiàn"]],
        "尉氏": [["yù"], ["shì"]],
        "东阿": [["dōng"], ["ē"]],
        "句容": [["jù"], ["róng"]],
        "盱眙": [["xū"], ["yí"]],
        "柞水": [["zhà"], ["shuǐ"]],
        "蚌埠": [["bèng"], ["bù"]],
        "番禺": [["pān"], ["yú"]],
        "大城": [["dà"], ["chéng"]],
        "长乐": [["cháng"], ["lè"]],
        "闵行": [["mǐn"], ["háng"]],
        "银行": [["yín"], ["háng"]],
        "行唐": [["xíng"], ["táng"]],
    }
)


def haversine_km(lon1, lat1, lon2, lat2):
    lon1, lat1, lon2, lat2 = map(np.radians, (lon1, lat1, lon2, lat2))
    a = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * np.arcsin(np.sqrt(a))


def is_han(s: str) -> bool:
    return bool(s) and all(
        "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or ch == "〇" for ch in s
    )


def is_latin(s: str) -> bool:
    letters = 0
    for ch in s:
        if ch.isdigit():
            return False
        if ch.isalpha():
            if ch.isascii() or "LATIN" in unicodedata.name(ch, ""):
                letters += 1
                continue
            return False
        if unicodedata.combining(ch) or ch in " -'’.,()&/":
            continue
        return False
    return letters >= 2


def useful_latin(s: str) -> bool:
    if not is_latin(s) or not s[0].isupper():
        return False
    if len(s) <= 4 and s.isupper():  # airport and other codes
        return False
    return True


def gb2312(s: str) -> bool:
    try:
        s.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


def big5(s: str) -> bool:
    try:
        s.encode("big5")
        return True
    except UnicodeEncodeError:
        return False


def strip_suffix(zh: str) -> str:
    for suf in ("特别行政区", "自治州", "地区", "市", "区", "县", "盟", "旗", "镇"):
        if zh.endswith(suf) and len(zh) > len(suf) + 1:
            zh = zh[: -len(suf)]
            break
    changed = True
    while changed:
        changed = False
        for e in ETHNIC:
            if zh.endswith(e) and len(zh) > len(e) + 1:
                zh = zh[: -len(e)]
                changed = True
    return zh


def pinyin_name(zh: str) -> str:
    syl = lazy_pinyin(zh, style=Style.NORMAL, v_to_u=True)
    out = syl[0]
    for s in syl[1:]:
        out += ("'" if s[:1] in "aoe" else "") + s
    return out[:1].upper() + out[1:]


def pinyin_forms(zh: str) -> list[str]:
    plain = lazy_pinyin(zh, style=Style.NORMAL, v_to_u=True)
    toned = lazy_pinyin(zh, style=Style.TONE)
    name = pinyin_name(zh)
    spaced = " ".join(s.capitalize() for s in plain)
    toned_joined = "".join(toned)
    forms = [
        name,
        name.replace("'", ""),
        name + " Shi",
        name + " City",
        spaced,
        toned_joined[:1].upper() + toned_joined[1:],
        " ".join(s[:1].upper() + s[1:] for s in toned),
    ]
    if "ü" in name:
        forms += [f.replace("ü", "v") for f in forms[:2]] + [f.replace("ü", "u") for f in forms[:2]]
    return forms


def han_forms(short: str, full: str | None = None) -> list[str]:
    forms = [short, short + "市"] if full is None else [full, short]
    out = list(forms)
    for f in forms:
        out += to_hant(f)
    return out


def wade_giles(zh: str) -> str:
    """Wade-Giles with hyphens, as older English sources write it: 番禺 -> "P'an-yü"."""
    syl = [s.replace("v", "ü") for s in lazy_pinyin(zh, style=Style.WADEGILES)]
    out = "-".join(syl)
    return out[:1].upper() + out[1:]


# County-level suffixes: the English word, its pinyin and the Wade-Giles word.
COUNTY_SUFFIX = {
    "新区": ("New Area", "Xinqu", None),
    "区": ("District", "Qu", None),
    "县": ("County", "Xian", "Hsien"),
    "旗": ("Banner", "Qi", None),
    "市": ("City", "Shi", "Shih"),
}
# Names that are not names on their own (城区 is "the city district" of many cities).
GENERIC_STEMS = {"城", "郊", "矿", "新", "市辖"}


def county_stem(full: str) -> tuple[str, str]:
    """吴中区 -> ("吴中", "区"); 鄞县 -> ("鄞", "县"); 长阳土家族自治县 -> ("长阳", "县")."""
    suffix = full[-1] if full[-1] in COUNTY_SUFFIX else ""
    stem = full[:-1] if suffix else full
    if full.endswith("新区") and len(full) > 3:  # 浦东新区
        return full[:-2], "新区"
    if stem.endswith("自治"):
        stem = stem[:-2]
        changed = True
        while changed:
            changed = False
            for e in ETHNIC:
                if stem.endswith(e) and len(stem) - len(e) >= 2:
                    stem = stem[: -len(e)]
                    changed = True
        if stem.endswith("族") and len(stem) >= 3:  # 鄂温克族自治旗
            stem = stem[:-1]
    elif stem.endswith("林") and suffix == "区":  # 神农架林区
        stem = stem[:-1]
    elif stem.endswith("特") and suffix == "区":  # 六枝特区
        stem = stem[:-1]
    return stem, suffix


def county_forms(full: str, city: bool = False) -> tuple[str, list[str]]:
    """English name and aliases of a county-level unit from its Chinese name.

    "吴中区" -> "Wuzhong District"; aliases: 吴中, 吳中區, Wuzhong, Wu Zhong, Wúzhōng,
    Wuzhong Qu, Wu-chung ...; a one-character stem (鄞县) is only used with its suffix
    ("Yin County", "Yinxian", "Yin-hsien"), never alone.
    """
    stem, suffix = county_stem(full)
    en, py_word, wg_word = COUNTY_SUFFIX.get(suffix, ("", "", None))
    out: list[str] = [full] + to_hant(full)
    if len(stem) >= 2 and stem not in GENERIC_STEMS:
        out += [stem] + to_hant(stem)
        base = pinyin_name(stem)
        forms = pinyin_forms(stem)[:2] + pinyin_forms(stem)[4:]  # without "Shi"/"City"
        out += forms
        wg = wade_giles(stem)
        out.append(wg)
        if wg_word:
            out += [f"{wg} {wg_word}", f"{wg}-{wg_word.lower()}"]
        if suffix:
            out += [f"{base} {en}", f"{base} {py_word}", base + py_word.lower()]
            if suffix in "县旗" and "自治" in full:
                out.append(f"{base} Autonomous {en}")
        name = base if city else (f"{base} {en}" if en else base)
    else:
        # One character (鄞县) or a generic word (城区): the whole name only.
        base = pinyin_name(full)
        out += [base, " ".join(s.capitalize() for s in lazy_pinyin(full, v_to_u=True))]
        if suffix and stem not in GENERIC_STEMS:
            # The stem's reading in the whole name (单县 is Shan County, not Dan).
            sp = lazy_pinyin(full, v_to_u=True)[0].capitalize()
            out += [f"{sp} {en}", f"{sp} {py_word}"]
            wg = wade_giles(full).split("-")[0]
            if wg_word:
                out += [f"{wg}-{wg_word.lower()}", f"{wg} {wg_word}"]
        name = f"{sp} {en}" if suffix and stem not in GENERIC_STEMS else base
        if stem in GENERIC_STEMS:
            name = base
    return name, out


def join_aliases(aliases, exclude, keep_all: bool = False) -> str:
    seen_exact = set(x for x in exclude if x)
    seen_keys = {compact_key(x) for x in exclude if x}
    keep = []
    for a in aliases:
        a = str(a).replace("|", " ").strip()
        if not a or a in seen_exact:
            continue
        key = compact_key(a)
        if not key:
            continue
        # Han forms are kept as exact aliases; Latin forms only when their key is new
        # (the normalised match catches case, accent and punctuation variants).
        if not keep_all and not is_han(a) and key in seen_keys:
            continue
        seen_exact.add(a)
        seen_keys.add(key)
        keep.append(a)
    return "|".join(keep)
