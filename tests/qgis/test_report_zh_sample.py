"""The sample's report in Chinese: no English left but names, identifiers and figures."""

from __future__ import annotations

import html
import re

import pytest

from tests.qgis.test_report_alg import layers  # noqa: F401 - the sample's layers

# What may stay Latin in a Chinese page: organisation names, parameter names, file and
# version strings, the paper's citation and the names it prints.
ALLOWED = re.compile(
    r".*(University|Institute|Laboratory|College|Academy|Health|Center|Centre).*"
    r"|[A-Z][A-Z0-9_]+|.*\.csv|sha256|[0-9a-f]{64}|QGIS|Python|pandas|networkx|PageRank"
    r"|[\d.]+-\S+|Backflow .*|.*Jiang \(2021\).*|.*\(2021\)《Complexity》.*|New York|.*“New York”.*"
)


@pytest.fixture(scope="module")
def page(layers, tmp_path_factory):  # noqa: F811
    import processing

    out = tmp_path_factory.mktemp("zh") / "report_zh.html"
    processing.run(
        "backflow:report",
        {
            "STAGES": layers["stages"],
            "CITIES": layers["tiered"],
            "ROUTES": layers["routes"],
            "LANGUAGE": 2,
            "OUTPUT_HTML": str(out),
        },
    )
    return out.read_text(encoding="utf-8")


def test_no_english_words_left(page):
    body = page.split("</style>", 1)[1]
    texts = {html.unescape(t).strip() for t in re.findall(r">([^<>]+)<", body)}
    latin = sorted(t for t in texts if re.search(r"[A-Za-z]{3,}", t))
    # identifiers inside Chinese text (INPUT_FILE, `degree`, backflow:citynetwork) are fine
    words = [re.sub(r"`[^`]+`|backflow:\w+|\b[A-Z][A-Z0-9_]+\b|Stages", "", t) for t in latin]
    left = [
        t
        for t, w in zip(latin, words)
        if re.search(r"[A-Za-z]{3,}", w) and not ALLOWED.fullmatch(t) and not t.startswith("✓ ")
    ]
    assert left == [], left
    assert len(latin) < 200  # organisation names, twice in the comparison (419 before)


def test_tooltips_notes_and_record_in_chinese(page):
    for text in (
        "<title>北京：677</title>",
        "披露控制（MIN_PERSONS = 5）：",
        "论文写作“波士顿”，数据中为剑桥（波士顿地区；",
        '<a href="#table1">表1</a>',
        "<title>Backflow 回流报告</title>",
    ):
        assert text in page, text


def test_the_run_log_in_chinese(layers, tmp_path, monkeypatch):  # noqa: F811
    """In a Chinese QGIS the log names the cities in Chinese and says what was hidden."""
    import processing
    from qgis.core import QgsProcessingFeedback

    from backflow_plugin import translation

    class Log(QgsProcessingFeedback):
        lines: list[str] = []

        def pushInfo(self, info):  # noqa: N802
            self.lines.append(info)

    monkeypatch.setattr(translation, "user_locale", lambda: "zh_CN")
    assert translation.install_translator("zh_CN")
    log = Log()
    try:
        processing.run(
            "backflow:report",
            {
                "STAGES": layers["stages"],
                "CITIES": layers["tiered"],
                "OUTPUT_HTML": str(tmp_path / "r.html"),
            },
            feedback=log,
        )
    finally:
        translation.remove_translator()
    text = "\n".join(log.lines)
    assert "前 7 个（北京；上海；武汉；南京；杭州；合肥；广州）占 71.19 %" in text, text
    assert "table1: 披露控制（MIN_PERSONS = 5）：隐藏了 1 个 1 至 4 人的单元格" in text
    assert "Beijing" not in text
    # every table's note (the sources' and trends' too) in Chinese, identifiers aside
    notes = [line for line in log.lines if re.match(r"[a-z_0-9]+: ", line)]
    assert len(notes) >= 4, notes
    assert any(line.startswith("top_sources: ") for line in notes), notes
    for line in notes:
        note = re.sub(r"MIN_PERSONS|`[^`]+`|backflow:\w+", "", line.split(": ", 1)[1])
        assert not re.search(r"[A-Za-z]{3,}", note), line
