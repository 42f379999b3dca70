#!/usr/bin/env python3
"""Write resources/boundaries/south_china_sea.geojson: the dashed line and the island groups.

The plugin draws the South China Sea dashed line and the island groups (南海诸岛) on
China maps in the `china` boundary view (styling/basemap.py). QGIS's world map has
neither (its countries are too coarse for the islands, and it carries no maritime
lines), so this small file is built here from the positions listed below and committed
as a build product: the dashes from Natural Earth (public domain), the island features
from GeoNames. See resources/boundaries/README.md for the sources and their limits.

    .venv/bin/python scripts/build_south_china_sea.py
"""

from __future__ import annotations

import json
from pathlib import Path

OUT = (
    Path(__file__).resolve().parent.parent / "resources" / "boundaries" / "south_china_sea.geojson"
)

# The nine dashes in the South China Sea, as published in Natural Earth's 1:10m
# "Admin 0 - maritime indicators, China supplement" layer
# (ne_10m_admin_0_boundary_lines_maritime_indicator_chn, Natural Earth 5.x, public
# domain; github.com/nvkelso/natural-earth-vector, geojson/ at commit 6a9da465f6f0), whose
# COMMENT reads "Chinese 9 dash line". Each dash: (Natural Earth ne_id, its NOTE, its 15
# vertices as published), ordered along the line from the Gulf of Tonkin to Taiwan.
# China itself has published no coordinates for the dashes.
NATURAL_EARTH_DASHES = (
    (
        1746705603,
        "Paracel Is.",
        [
            [109.316433, 16.586823],
            [109.355838, 16.514912],
            [109.395284, 16.442899],
            [109.43467, 16.370969],
            [109.474101, 16.298931],
            [109.513504, 16.226916],
            [109.552966, 16.154765],
            [109.592446, 16.082557],
            [109.631998, 16.010189],
            [109.671555, 15.937786],
            [109.711056, 15.865458],
            [109.750635, 15.792961],
            [109.790165, 15.720529],
            [109.829608, 15.64823],
            [109.869048, 15.575911],
        ],
    ),
    (
        1746705593,
        "Spratly Is.",
        [
            [110.397313, 12.624346],
            [110.389444, 12.541586],
            [110.379112, 12.459066],
            [110.366326, 12.376845],
            [110.351123, 12.294975],
            [110.333565, 12.213502],
            [110.313732, 12.13246],
            [110.291741, 12.051959],
            [110.267725, 11.972093],
            [110.241774, 11.892774],
            [110.213982, 11.813954],
            [110.18446, 11.735629],
            [110.153397, 11.657991],
            [110.120777, 11.580722],
            [110.086776, 11.503996],
        ],
    ),
    (
        1746705585,
        "Spratly Is.",
        [
            [108.43186, 7.367335],
            [108.398769, 7.287795],
            [108.371504, 7.206016],
            [108.34928, 7.122695],
            [108.331652, 7.038403],
            [108.318293, 6.95323],
            [108.309069, 6.867424],
            [108.303936, 6.781234],
            [108.302914, 6.694889],
            [108.306076, 6.608561],
            [108.31354, 6.522495],
            [108.325468, 6.43688],
            [108.342039, 6.35203],
            [108.363457, 6.268251],
            [108.389929, 6.185916],
        ],
    ),
    (
        1746705579,
        "Spratly Is.",
        [
            [112.698511, 3.669121],
            [112.622492, 3.629851],
            [112.544875, 3.593958],
            [112.465838, 3.561289],
            [112.385568, 3.531742],
            [112.304226, 3.505242],
            [112.221954, 3.481735],
            [112.138883, 3.461193],
            [112.055144, 3.443607],
            [111.970836, 3.428988],
            [111.88606, 3.417366],
            [111.800932, 3.408796],
            [111.715521, 3.403351],
            [111.630009, 3.401132],
            [111.544476, 3.402259],
        ],
    ),
    (
        1746705611,
        "Spratly Is.",
        [
            [116.509747, 8.117958],
            [116.450466, 8.058185],
            [116.391196, 7.998415],
            [116.331937, 7.938647],
            [116.272611, 7.878803],
            [116.213327, 7.818991],
            [116.153953, 7.759081],
            [116.094554, 7.699136],
            [116.034974, 7.639001],
            [115.975469, 7.578933],
            [115.916048, 7.518941],
            [115.856511, 7.458822],
            [115.797047, 7.398771],
            [115.737715, 7.338843],
            [115.678386, 7.278911],
        ],
    ),
    (
        1746705619,
        "Spratly Is.",
        [
            [119.039565, 12.361969],
            [119.007445, 12.285302],
            [118.975292, 12.208533],
            [118.943188, 12.131858],
            [118.911048, 12.055074],
            [118.878882, 11.978206],
            [118.84672, 11.901328],
            [118.814545, 11.824394],
            [118.78231, 11.747297],
            [118.750072, 11.670169],
            [118.717879, 11.593127],
            [118.685623, 11.515913],
            [118.653407, 11.438774],
            [118.621262, 11.361783],
            [118.589119, 11.284776],
        ],
    ),
    (
        1746705631,
        "Scarborough Reef",
        [
            [119.024795, 15.898335],
            [119.023791, 15.816714],
            [119.022785, 15.734975],
            [119.021781, 15.653327],
            [119.020776, 15.571554],
            [119.01977, 15.489683],
            [119.018764, 15.40779],
            [119.017757, 15.32583],
            [119.016749, 15.243686],
            [119.015741, 15.1615],
            [119.014734, 15.079397],
            [119.013725, 14.997101],
            [119.012718, 14.914875],
            [119.011712, 14.832799],
            [119.010707, 14.750696],
        ],
    ),
    (
        1746705569,
        "Scarborough Reef",
        [
            [119.833968, 18.813758],
            [119.790533, 18.744972],
            [119.748949, 18.675143],
            [119.709193, 18.604298],
            [119.671238, 18.532447],
            [119.63511, 18.459703],
            [119.60081, 18.386146],
            [119.56834, 18.311858],
            [119.5377, 18.236926],
            [119.508822, 18.161265],
            [119.481674, 18.084843],
            [119.456351, 18.008],
            [119.432788, 17.930634],
            [119.410997, 17.852853],
            [119.390969, 17.774719],
        ],
    ),
    (
        1746705561,
        "Taiwan",
        [
            [121.838288, 21.724709],
            [121.782638, 21.665582],
            [121.727315, 21.606234],
            [121.672296, 21.546663],
            [121.617497, 21.486801],
            [121.562924, 21.426673],
            [121.508589, 21.366313],
            [121.454512, 21.305765],
            [121.400722, 21.245086],
            [121.347178, 21.184259],
            [121.293808, 21.123234],
            [121.240514, 21.061942],
            [121.187475, 21.000657],
            [121.134614, 20.939411],
            [121.081825, 20.878339],
        ],
    ),
)
NATURAL_EARTH = (
    "Natural Earth 1:10m admin 0 maritime indicators, China supplement (version 5, public domain)"
)

# The dash east of Taiwan (China's standard maps since 2013) is not in Natural Earth:
# its ends are read at 0.1° off China's 2013 vertical standard map, so it is approximate.
TAIWAN_EAST_DASH = ((122.7, 23.3), (122.9, 24.6))
APPROXIMATE = "read off China's 2013 standard map at 0.1° (approximate)"

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
    dashes = [(coords, NATURAL_EARTH, ne_id) for ne_id, _note, coords in NATURAL_EARTH_DASHES]
    dashes.append(([list(p) for p in TAIWAN_EAST_DASH], APPROXIMATE, None))
    for i, (coords, source, ne_id) in enumerate(dashes, start=1):
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "kind": "dash",
                    "n": i,
                    "name": None,
                    "name_zh": None,
                    "group": None,
                    "source": source,
                    "ne_id": ne_id,
                },
                "geometry": {"type": "LineString", "coordinates": coords},
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
    print(
        f"wrote {OUT}: {len(NATURAL_EARTH_DASHES) + 1} dashes, {len(FEATURES)} features, {len(GROUPS)} groups"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
