"""Chinese and English: the zh_CN translation loads and reaches algorithms, panel and legends."""

from __future__ import annotations

import subprocess
import sys

import pytest
from qgis.core import QgsApplication

from tests.conftest import ROOT, chinese_catalogue


@pytest.fixture
def zh(plugin):
    """The zh_CN translator installed (built from the .ts when the .qm is missing)."""
    from backflow_plugin.translation import install_translator, remove_translator

    if not chinese_catalogue():
        pytest.skip("lrelease (qttools5-dev-tools) is not installed: run make translations")
    assert install_translator("zh_CN")
    yield
    remove_translator()


def test_tr_returns_chinese(zh):
    from backflow_plugin.translation import tr

    assert tr("Import trajectories") == "导入轨迹"
    assert tr("Run") == "运行"
    assert tr("national core") == "国家核心城市"
    # placeholders survive translation
    assert tr("Read {}: {} rows").format("a.csv", 3) == "已读取 a.csv：3 行"


def test_algorithms_speak_chinese(zh):
    registry = QgsApplication.processingRegistry()
    assert registry.algorithmById("backflow:importtrajectories").displayName() == "导入轨迹"
    full = registry.algorithmById("backflow:fullanalysis")
    assert full.displayName() == "完整分析（从数据表到地图）"
    assert "导入轨迹" in full.shortHelpString()
    assert full.group() == "回流迁移"
    assert registry.providerById("backflow").name() == "回流"
    patterns = registry.algorithmById("backflow:routepatterns").create()
    labels = {d.name(): d.description() for d in patterns.parameterDefinitions()}
    assert labels["LEVEL"] == "回流地与已知地点的匹配层级"


def test_panel_in_chinese(zh, qgis_iface):
    from backflow_plugin.gui.panel import BackflowPanel

    panel = BackflowPanel(qgis_iface)
    try:
        assert panel.windowTitle() == "回流"
        assert panel.run_button.text() == "运行"
        assert panel.cancel_button.text() == "取消"
        assert panel.layout_combo.itemText(0) == "长表：每个阶段一行"
        assert panel.method_combo.itemText(0).startswith("混合法")
    finally:
        panel.deleteLater()


def test_legend_labels_in_chinese(zh):
    from backflow_plugin.styling import renderers
    from backflow_plugin.translation import tr

    labels = getattr(renderers, "FLOW_TYPE_LABELS", {})
    assert labels, "the flow type legend labels moved"
    for english in labels.values():
        assert tr(english) != english, english


def test_english_without_translator(plugin):
    from backflow_plugin.translation import remove_translator, tr

    remove_translator()
    assert tr("Import trajectories") == "Import trajectories"


def test_every_string_is_translated():
    """scripts/update_translations.py --check: no tr() literal lacks a Chinese translation."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "update_translations.py"), "--check", "--missing"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_chinese_map_from_an_english_qgis(zh):
    """translated(): a block in another language, then back to the user's."""
    from backflow_plugin.translation import remove_translator, tr, translated

    remove_translator()  # an English session
    assert tr("Regional special city") == "Regional special city"
    with translated("zh_CN"):
        assert tr("Regional special city") == "区域特色城市"
        assert tr("Betweenness centrality") == "中介中心性"
    assert tr("Regional special city") == "Regional special city"


def test_a_block_in_another_language_is_its_own_threads(zh):
    """A background run's Chinese (or English) block leaves the other threads' language
    alone and never swaps the application's translators, whose LanguageChange reaches
    every widget from whichever thread swaps them."""
    import threading

    from qgis.PyQt.QtCore import QEvent, QObject

    from backflow_plugin.translation import active_language, remove_translator, tr, translated

    class LanguageChanges(QObject):
        count = 0

        def eventFilter(self, obj, event):  # noqa: N802
            if event.type() == QEvent.Type.LanguageChange:
                LanguageChanges.count += 1
            return False

    remove_translator()  # an English session
    watcher = LanguageChanges()
    app = QgsApplication.instance()
    app.installEventFilter(watcher)
    inside, entered, leave = {}, threading.Event(), threading.Event()

    def worker():
        with translated("zh_CN"):
            inside["text"], inside["language"] = tr("Regional special city"), active_language()
            entered.set()
            leave.wait(10)
        inside["after"] = tr("Regional special city")

    thread = threading.Thread(target=worker)
    try:
        thread.start()
        assert entered.wait(10)
        # while the worker is in its Chinese block, this thread is still English
        assert tr("Regional special city") == "Regional special city"
        assert active_language() == ""
        leave.set()
        thread.join(10)
    finally:
        leave.set()
        app.removeEventFilter(watcher)
    assert inside == {
        "text": "区域特色城市",
        "language": "zh_CN",
        "after": "Regional special city",
    }
    assert LanguageChanges.count == 0
    with translated("en_US"):  # English inside a Chinese session, nested blocks restore
        assert tr("Regional special city") == "Regional special city"
        with translated("zh_CN"):
            assert tr("Regional special city") == "区域特色城市"
            assert tr("Review unresolved…") == "检查未解析地名…"  # a source beyond ASCII
        assert active_language() == ""
