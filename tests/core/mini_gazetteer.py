"""A hand-made gazetteer with issue 10's columns (level, prefecture_id, county_id).

Coordinates and populations are the real ones, rounded; used by the import tests so
they do not depend on the bundled table.
"""

from __future__ import annotations

import pandas as pd

from backflow_plugin.core.places.gazetteer import Gazetteer

COLUMNS = (
    "city_id", "name", "name_zh", "country", "province", "province_zh", "admin_rank",
    "level", "prefecture_id", "county_id", "province_id", "lon", "lat", "population",
    "aliases",
)  # fmt: skip
ROWS = [
    ("CN320500", "Suzhou", "苏州", "CN", "Jiangsu", "江苏省", "prefecture-level city",
     "prefecture", "CN320500", "CN320500", "CN320000", 120.62, 31.30, 6_715_559, "Soochow"),
    ("CN320506", "Wuzhong", "吴中区", "CN", "Jiangsu", "江苏省", "district",
     "county", "CN320500", "CN320506", "CN320000", 120.63, 31.26, 1_138_000, "吴中|Wuzhong District"),
    ("CN320508", "Gusu", "姑苏区", "CN", "Jiangsu", "江苏省", "district",
     "county", "CN320500", "CN320508", "CN320000", 120.62, 31.31, 924_000, "姑苏|Gusu District"),
    ("CN320100", "Nanjing", "南京", "CN", "Jiangsu", "江苏省", "sub-provincial city",
     "prefecture", "CN320100", "CN320100", "CN320000", 118.78, 32.06, 9_314_685, "Nanking"),
    ("CN110000", "Beijing", "北京", "CN", "Beijing", "北京市", "municipality",
     "prefecture", "CN110000", "CN110000", "CN110000", 116.40, 39.90, 18_960_744, "Peking"),
    ("CN341300", "Suzhou", "宿州", "CN", "Anhui", "安徽省", "prefecture-level city",
     "prefecture", "CN341300", "CN341300", "CN340000", 116.96, 33.64, 5_324_476, ""),
    ("US1", "Boston", None, "US", "Massachusetts", None, None,
     "place", "US1", "US1", None, -71.06, 42.36, 675_647, ""),
    ("US2", "Chicago", None, "US", "Illinois", None, None,
     "place", "US2", "US2", None, -87.65, 41.85, 2_664_452, ""),
    ("US3", "Cambridge", None, "US", "Massachusetts", None, None,
     "place", "US3", "US3", None, -71.11, 42.37, 118_403, ""),
    ("US4", "Yale", None, "US", "Michigan", None, None,
     "place", "US4", "US4", None, -82.80, 43.13, 1_955, ""),
    ("IT1", "Bologna", None, "IT", "Emilia-Romagna", None, None,
     "place", "IT1", "IT1", None, 11.34, 44.49, 394_843, ""),
]  # fmt: skip


def frame() -> pd.DataFrame:
    return pd.DataFrame(ROWS, columns=list(COLUMNS))


def gazetteer() -> Gazetteer:
    return Gazetteer(frame())
