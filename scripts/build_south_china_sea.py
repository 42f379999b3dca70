#!/usr/bin/env python3
"""Write resources/boundaries/south_china_sea.geojson: the dashed line and the island groups.

The plugin draws the South China Sea dashed line and the island groups (南海诸岛) on
China maps in the `china` boundary view (styling/basemap.py). QGIS's world map has
neither (its countries are too coarse for the islands, and it carries no maritime
lines), so this small file is built here from the positions listed below and committed
as a build product. See resources/boundaries/README.md for the sources and their limits.

    .venv/bin/python scripts/build_south_china_sea.py
"""

from __future__ import annotations

import json
from pathlib import Path

OUT = (
    Path(__file__).resolve().parent.parent / "resources" / "boundaries" / "south_china_sea.geojson"
)

# The dashes, west to east: (lon, lat) of each dash's two ends, read at 0.1° off the map
# attached to China's Notes Verbales CML/17/2009 and CML/18/2009 (reproduced as Map 1 in
# US Department of State, Limits in the Seas No. 143, 2014), and the dash east of Taiwan
# of China's 2013 vertical standard map. Approximate: for small-scale maps only.
DASHES = (
    ((108.0, 18.1), (108.3, 17.0)),
    ((109.9, 15.3), (110.1, 14.0)),
    ((110.0, 11.8), (109.8, 10.4)),
    ((109.7, 7.2), (110.6, 5.9)),
    ((112.0, 3.55), (113.2, 3.85)),
    ((114.9, 5.8), (115.7, 6.9)),
    ((116.9, 8.9), (117.7, 10.1)),
    ((118.8, 12.8), (119.0, 14.3)),
    ((120.8, 20.9), (121.8, 21.8)),
    ((122.7, 23.3), (122.9, 24.6)),
)

# Island groups and a few of their features: (group, English, Chinese, lon, lat), the
# positions of the features as published in gazetteers (GeoNames), rounded to 0.01°.
FEATURES = (
    ("dongsha", "Pratas Island", "东沙岛", 116.72, 20.71),
    ("xisha", "Woody Island", "永兴岛", 112.34, 16.83),
    ("xisha", "North Reef", "北礁", 111.48, 17.08),
    ("xisha", "Duncan Island", "琛航岛", 111.71, 16.45),
    ("xisha", "Robert Island", "甘泉岛", 111.58, 16.50),
    ("xisha", "Triton Island", "中建岛", 111.20, 15.78),
    ("xisha", "Lincoln Island", "东岛", 112.73, 16.67),
    ("zhongsha", "Macclesfield Bank", "中沙大环礁", 114.50, 15.90),
    ("zhongsha", "Scarborough Shoal", "黄岩岛", 117.76, 15.15),
    ("nansha", "Itu Aba Island", "太平岛", 114.37, 10.38),
    ("nansha", "Thitu Island", "中业岛", 114.28, 11.05),
    ("nansha", "Subi Reef", "渚碧礁", 114.08, 10.92),
    ("nansha", "Fiery Cross Reef", "永暑礁", 112.89, 9.55),
    ("nansha", "Mischief Reef", "美济礁", 115.53, 9.90),
    ("nansha", "Spratly Island", "南威岛", 111.92, 8.64),
    ("nansha", "Cuarteron Reef", "华阳礁", 112.86, 8.86),
    ("nansha", "Johnson South Reef", "赤瓜礁", 114.28, 9.72),
    ("nansha", "Swallow Reef", "弹丸礁", 113.84, 7.38),
    ("nansha", "James Shoal", "曾母暗沙", 112.28, 3.97),
)

# Where each group's name is written, and its names: Chinese, China's English (pinyin)
# and the international English name (used by the de facto view).
GROUPS = (
    ("dongsha", "Dongsha Islands", "东沙群岛", "Pratas Islands", 116.72, 21.25),
    ("xisha", "Xisha Islands", "西沙群岛", "Paracel Islands", 111.9, 15.1),
    ("zhongsha", "Zhongsha Islands", "中沙群岛", "Macclesfield Bank", 115.6, 16.6),
    ("nansha", "Nansha Islands", "南沙群岛", "Spratly Islands", 113.90, 11.85),
)


def build() -> dict:
    features = []
    for i, (a, b) in enumerate(DASHES, start=1):
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "kind": "dash",
                    "n": i,
                    "name": None,
                    "name_zh": None,
                    "group": None,
                },
                "geometry": {"type": "LineString", "coordinates": [list(a), list(b)]},
            }
        )
    for group, name, name_zh, lon, lat in FEATURES:
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "kind": "island",
                    "n": None,
                    "name": name,
                    "name_zh": name_zh,
                    "name_intl": name,
                    "group": group,
                },
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
            }
        )
    for group, name, name_zh, name_intl, lon, lat in GROUPS:
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "kind": "group",
                    "n": None,
                    "name": name,
                    "name_zh": name_zh,
                    "name_intl": name_intl,
                    "group": group,
                },
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
            }
        )
    return {"type": "FeatureCollection", "name": "south_china_sea", "features": features}


def main() -> int:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(build(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT}: {len(DASHES)} dashes, {len(FEATURES)} features, {len(GROUPS)} groups")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
