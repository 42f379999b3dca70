"""The run logs of citynetwork and routepatterns in a Chinese QGIS: Chinese city names,
tier labels and pattern names; in English the English ones."""

from __future__ import annotations

import re

import pytest
from qgis.core import QgsProcessingFeedback

from tests.conftest import SAMPLE
from tests.qgis.test_i18n import zh  # noqa: F401 - the zh_CN translator fixture


class Log(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.lines: list[str] = []

    def pushInfo(self, info):  # noqa: N802
        self.lines.append(info)

    def pushWarning(self, warning):  # noqa: N802
        self.lines.append(warning)


@pytest.fixture(scope="module")
def imported(plugin):
    import processing

    return processing.run(
        "backflow:importtrajectories",
        {
            "INPUT": str(SAMPLE),
            "HOME_COUNTRY": "CN",
            "GEOMETRY": 0,
            **{k: "TEMPORARY_OUTPUT" for k in ("STAGES", "CITIES", "FLOWS")},
        },
    )


def run_logged(alg: str, params: dict) -> str:
    import processing

    log = Log()
    processing.run(alg, params, feedback=log)
    # the algorithm's own lines, not the "Results: {...}" line of processing.run
    return "\n".join(t for t in log.lines if not t.startswith("Results: "))


def network_log(imported) -> str:
    return run_logged(
        "backflow:citynetwork",
        {
            "INPUT_FLOWS": imported["FLOWS"],
            "INPUT_CITIES": imported["CITIES"],
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )


def patterns_log(imported) -> str:
    return run_logged(
        "backflow:routepatterns",
        {
            "INPUT": imported["STAGES"],
            "GEOMETRY": 0,
            "ROUTES": "TEMPORARY_OUTPUT",
            "SHARES": "TEMPORARY_OUTPUT",
        },
    )


@pytest.fixture(scope="module")
def english(imported) -> dict:
    return {"network": network_log(imported), "patterns": patterns_log(imported)}


def test_city_network_log_in_chinese(imported, zh):  # noqa: F811
    log = network_log(imported)
    lines = log.splitlines()
    core = next(t for t in lines if t.startswith("  1 "))
    # the sample's national core by degree, best first, by their gazetteer names
    assert core == "  1 国家核心城市: 4  (北京、上海、南京、武汉)", log
    excellent = next(t for t in lines if t.startswith("  2 "))
    assert excellent.startswith("  2 区域优秀城市: 23  (成都、合肥、杭州、广州、"), log
    assert "西安" in excellent and "Xi'an" not in excellent
    assert next(t for t in lines if t.startswith("  3 ")).startswith(
        "  3 区域特色城市: 25  (苏州、"
    )
    assert "依据度、以混合法（论文的类型划分）分级：52 个候选城市；断点 30, 71, 130。" in lines
    assert "网络（仅国内城市，流动类型：全部）：154 个城市，1373 条连接。" in lines
    assert "未计入的流动行：在网络范围之外 4968" in lines
    for english_word in ("Beijing", "Shanghai", "national core", "regional", "hybrid", "degree"):
        assert english_word not in log, english_word


def test_city_network_log_in_english_unchanged(english):
    lines = english["network"].splitlines()
    assert "  1 national core: 4  (Beijing, Shanghai, Nanjing, Wuhan)" in lines
    assert next(t for t in lines if t.startswith("  3 ")).startswith(
        "  3 regional special: 25  (Suzhou, Weihai, "
    )
    assert "Tiers by hybrid on degree: 52 candidate cities; breaks 30, 71, 130." in lines
    assert "Network (domestic, flow types: all): 154 cities, 1373 links." in lines
    assert "Flow rows left out: outside scope 4968" in lines
    assert not re.search("[\u4e00-\u9fff]", english["network"])


def test_route_patterns_log_in_chinese(imported, zh):  # noqa: F811
    log = patterns_log(imported)
    lines = log.splitlines()
    assert (
        "2846 人（城市层级，首次回国）：环形 1685，线形 1161，无模式 0。环形占比：59.2%。" in lines
    ), log
    assert "按主要依据的环形路径：求学: 955; 出生地: 721; 工作: 9" in lines, log
    assert not re.search("[A-Za-z]{3,}", log), log


def test_route_patterns_log_in_english_unchanged(english):
    lines = english["patterns"].splitlines()
    assert (
        "2846 persons (city level, first return): 1685 circle, 1161 linear, 0 without a "
        "pattern. Circle share: 59.2%." in lines
    )
    assert "Circle routes by primary basis: study: 955; birthplace: 721; work: 9" in lines


def test_the_reasons_in_chinese(zh, tmp_path):  # noqa: F811
    """People without a pattern: the reasons are Chinese words too."""
    import processing

    table = tmp_path / "people.csv"
    table.write_text(
        "person,seq,city,country\n"
        "a,1,Wuhan,CN\na,2,Boston,US\na,3,Wuhan,CN\n"  # circle
        "b,1,Wuhan,CN\nb,2,Boston,US\n"  # never returned
        "c,1,Wuhan,CN\nc,2,Beijing,CN\n",  # never went abroad
        encoding="utf-8",
    )
    stages = processing.run(
        "backflow:importtrajectories",
        {"INPUT": str(table), "HOME_COUNTRY": "CN", "GEOMETRY": 0, "STAGES": "TEMPORARY_OUTPUT"},
    )["STAGES"]
    log = run_logged(
        "backflow:routepatterns",
        {
            "INPUT": stages,
            "GEOMETRY": 0,
            "ROUTES": "TEMPORARY_OUTPUT",
            "SHARES": "TEMPORARY_OUTPUT",
        },
    )
    assert (
        "原因：未回国: 1; 从未出国: 1" in log.splitlines()
        or "原因：从未出国: 1; 未回国: 1" in log.splitlines()
    ), log
    assert not re.search("[A-Za-z]{3,}", log), log


def test_the_ambiguity_warning_in_chinese(zh, imported, tmp_path):  # noqa: F811
    import processing

    table = tmp_path / "people.csv"
    table.write_text("person,seq,city\na,1,Suzhou\na,2,Boston\n", encoding="utf-8")
    log = Log()
    processing.run(
        "backflow:importtrajectories",
        {"INPUT": str(table), "HOME_COUNTRY": "CN", "STAGES": "TEMPORARY_OUTPUT"},
        feedback=log,
    )
    warning = next(t for t in log.lines if t.startswith("多个地点共用的名称"))
    assert warning == "多个地点共用的名称，已按国家/本国/人口确定：“Suzhou” → Suzhou（CN）1 次", (
        warning
    )


def test_names_in_chinese_only_in_a_chinese_log(plugin):
    import pandas as pd

    from backflow_plugin.processing.log_words import log_names
    from backflow_plugin.translation import install_translator, remove_translator

    frame = pd.DataFrame({"city_id": ["CN110000"], "name": ["Beijing"], "name_zh": ["北京"]})
    assert log_names(frame)["name"].tolist() == ["Beijing"]
    assert install_translator("zh_CN")
    try:
        assert log_names(frame)["name"].tolist() == ["北京"]
    finally:
        remove_translator()
    assert log_names(frame)["name"].tolist() == ["Beijing"]
