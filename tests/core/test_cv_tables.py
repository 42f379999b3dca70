"""CV tables as Chinese researchers type them: one row per returnee, universities,
institutes, "country + city" and "province + county" cells in every stage column.

Two tables of 20 persons written for these tests (tests/data/cv): one with Chinese
headers in UTF-8 with a BOM, one with English headers in GBK. Each person's return
city and circle/linear pattern below was worked out by hand from the table (the
return is the ``return`` column; known cities are the domestic stages before the
first stage abroad; Hong Kong counts as abroad).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from backflow_plugin.core.patterns.routes import classify_routes
from backflow_plugin.core.tables.delimited import read_text_table
from backflow_plugin.core.tables.reshape import parse_mapping
from backflow_plugin.core.trajectories.build import FieldMap, import_trajectories

DATA = Path(__file__).resolve().parents[1] / "data" / "cv"
ZH_MAPPING = (
    "birth=出生地; bachelor=本科; master=硕士; phd=博士; postdoc=博士后; return=回国单位,,,回国年份"
)
EN_MAPPING = (
    "birth=Birthplace; bachelor=Bachelor; master=Master; phd=PhD; postdoc=Postdoc; "
    "return=Returned to,,,Return year"
)
# person: (return city, pattern), checked by hand
ZH_EXPECTED = {
    "张伟": ("Wuhan", "circle"),  # born 湖北省武汉市, 武汉大学 -> UCLA, Stanford -> 华中科技大学
    "李娜": ("Hangzhou", "circle"),  # 浙江省诸暨县 (Shaoxing), 浙江大学 -> 美国波士顿 -> 西湖大学
    "王磊": ("Shenzhen", "linear"),  # 江苏南通, 南京大学, 上海有机所 -> London -> 南方科技大学
    "刘洋": ("Chengdu", "circle"),
    "陈静": ("Jinan", "linear"),  # Qingdao -> Tokyo, Kyoto -> 山东大学 (Jinan)
    "杨帆": ("Beijing", "circle"),  # 北京大学 before MIT -> 清华大学
    "赵敏": ("Suzhou", "linear"),
    "黄强": ("Guangzhou", "circle"),  # 香港科技大学 is abroad; 中山大学 before it
    "周杰": ("Hefei", "circle"),
    "吴婷": ("Xiamen", "linear"),
    "徐斌": ("Shanghai", "circle"),  # 复旦大学 (master) -> JHU, NIH -> 复旦大学
    "孙丽": ("Xi'an", "circle"),
    "马超": ("Dalian", "linear"),  # Lanzhou only -> UCSD, Scripps -> 大连化物所
    "朱琳": ("Nanjing", "circle"),
    "胡军": ("Shanghai", "linear"),
    "郭鹏": ("Shenzhen", "linear"),  # 北京大学深圳研究生院: the campus named, Shenzhen
    "何雪": ("Chongqing", "circle"),
    "罗志": ("Hangzhou", "linear"),
    "高远": ("Changchun", "circle"),
    "林晓": ("Xiamen", "circle"),
}
EN_EXPECTED = {
    "Li Ming": ("Shanghai", "linear"),
    "Wang Fang": ("Hangzhou", "circle"),
    "Zhang Hua": ("Beijing", "linear"),
    "Liu Jie": ("Chengdu", "circle"),  # UESTC before and after
    "Chen Yu": ("Beijing", "circle"),
    "Yang Lin": ("Shenzhen", "linear"),  # SUSTech
    "Zhao Lei": ("Shaoxing", "circle"),  # born 浙江省诸暨县: Shaoxing at prefecture level
    "Sun Qi": ("Harbin", "circle"),
    "Zhou Yan": ("Shenzhen", "circle"),
    "Wu Hao": ("Shanghai", "linear"),
    "Xu Jing": ("Tianjin", "circle"),
    "Hu Tao": ("Zhengzhou", "linear"),  # Luoyang, Henan University (Kaifeng)
    "Guo Xin": ("Qingdao", "linear"),  # Ocean University of China
    "Ma Li": ("Changsha", "circle"),  # Hunan University: Changsha, not a place "University"
    "Lin Feng": ("Fuzhou", "circle"),
    "Zheng Bo": ("Dalian", "circle"),
    "Tang Yi": ("Guilin", "circle"),  # Guilin University of Electronic Technology: by rule
    "Feng Jun": ("Beijing", "circle"),  # Institute of Chemistry, CAS (master) and return
    "Deng Lan": ("Chengdu", "linear"),
    "Cao Rui": ("Shanghai", "circle"),
}


def _run(name: str, mapping: str, person: str, level: str = "prefecture"):
    frame, info = read_text_table(DATA / name)
    wide = parse_mapping(mapping, list(frame.columns))
    result = import_trajectories(frame, FieldMap(person=person), wide=wide, level=level)
    return info, result


@pytest.fixture(scope="module")
def zh_run():
    return _run("cv_returnees_zh.csv", ZH_MAPPING, "姓名")


@pytest.fixture(scope="module")
def en_run():
    return _run("cv_returnees_en_gbk.csv", EN_MAPPING, "Name")


def _routes(result) -> dict:
    r = classify_routes(result.stages)
    return {p: (c, pat) for p, c, pat in zip(r["person_id"], r["return_city"], r["pattern"])}


def test_chinese_cv_table_resolves_every_cell(zh_run):
    info, result = zh_run
    assert info["encoding"] == "utf-8-sig"
    c = result.counts
    assert c["persons"] == 20 and c["stage_rows"] == 117
    assert c["resolved_rows"] == 117 and c["unresolved_rows"] == 0
    assert c["returnees"] == 20
    # how the cells were placed: universities and institutes, 美国波士顿-like cells
    # 浙江省诸暨县 is read by the historic-county table (诸暨县 became 诸暨市 in 1989)
    assert c["org_gazetteer_rows"] == 89 and c["compound_place_rows"] == 7
    assert c["historic_rows"] == 1
    assert c["org_gazetteer_rows"] + c["compound_place_rows"] + c["org_city_rule_rows"] == 96


def test_chinese_cv_table_return_cities_and_patterns(zh_run):
    _, result = zh_run
    assert _routes(result) == ZH_EXPECTED


def test_english_gbk_cv_table_resolves_every_cell(en_run):
    info, result = en_run
    assert info["encoding"] in ("gbk", "gb18030")
    c = result.counts
    assert c["persons"] == 20 and c["stage_rows"] == 115
    assert c["resolved_rows"] == 115 and c["unresolved_rows"] == 0
    assert c["returnees"] == 20
    assert c["org_city_rule_rows"] == 2  # Shaoxing University, Guilin University of E. T.


def test_english_gbk_cv_table_return_cities_and_patterns(en_run):
    _, result = en_run
    assert _routes(result) == EN_EXPECTED


def test_cells_keep_what_was_typed_and_say_how_they_were_placed(en_run):
    _, result = en_run
    s = result.stages.set_index(["person_id", "stage"])
    row = s.loc[("Ma Li", "master")]
    assert row["city_input"] == "Hunan University" and row["city"] == "Changsha"
    assert "org_gazetteer" in row["flags"].split(";")
    row = s.loc[("Zhang Hua", "postdoc")]
    assert (row["city"], row["country"]) == ("Stanford", "US")
    row = s.loc[("Tang Yi", "return")]
    assert row["city"] == "Guilin" and "org_city_rule" in row["flags"].split(";")
    row = s.loc[("Liu Jie", "phd")]  # "Boston USA"
    assert (row["city"], row["country"], row["flags"]) == ("Boston", "US", "compound_place")


def test_county_level_counts_zhuji_apart_from_shaoxing():
    _, result = _run("cv_returnees_en_gbk.csv", EN_MAPPING, "Name", level="county")
    routes = _routes(result)
    # born in 诸暨 (Zhuji), back to Shaoxing University: a new county-level node
    assert routes["Zhao Lei"] == ("Shaoxing", "linear")
    birth = result.stages.set_index(["person_id", "stage"]).loc[("Zhao Lei", "birth")]
    assert birth["city"] == "Zhuji" and birth["prefecture_id"] == "CN330600"
