"""backflow:publicationmap's top-source preset (SOURCE_TOP_N) on the bundled sample."""

from __future__ import annotations

import pytest
from qgis.core import QgsProcessingException, QgsProject
from qgis.PyQt.QtGui import QColor, QImage

from backflow_plugin.core.palette import FLOW_TYPE_COLOURS
from tests.conftest import SAMPLE

ALG = "backflow:publicationmap"


@pytest.fixture(scope="module")
def sample(plugin):
    import processing

    imported = processing.run(
        "backflow:importtrajectories",
        {"INPUT": str(SAMPLE), **{k: "TEMPORARY_OUTPUT" for k in ("STAGES", "CITIES", "FLOWS")}},
    )
    return {"cities": imported["CITIES"], "flows": imported["FLOWS"]}


def test_top_sources_from_the_flows(sample):
    from backflow_plugin.styling import source_flows

    sources, everyone = source_flows.top_sources(sample["flows"], sample["cities"], 3)
    # Harvard and MIT in Cambridge, MA (the paper's Table 3 prints the Boston area)
    assert [s.label for s in sources][:2] == ["Cambridge (US)", "New York City (US)"]
    assert everyone >= 2846  # persons on backflow flows (a person with two returns counts twice)
    cam = sources[0]
    assert cam.share == pytest.approx(cam.persons / everyone)
    zh, _ = source_flows.top_sources(sample["flows"], sample["cities"], 3, language="zh")
    assert zh[0].label == "剑桥 (US)"
    layer = source_flows.source_flows(sample["flows"], sources)
    origins = {f["origin_id"] for f in layer.getFeatures()}
    assert origins == {s.city_id for s in sources}
    assert {f["flow_type"] for f in layer.getFeatures()} == {"backflow"}
    assert sum(f["persons"] for f in layer.getFeatures()) == sum(s.persons for s in sources)


def test_preset_draws_and_labels_the_sources(sample, tmp_path, run_alg):
    png = tmp_path / "sources.png"
    out = run_alg(
        ALG,
        {
            "CITIES": sample["cities"],
            "FLOWS": sample["flows"],
            "SOURCE_TOP_N": 5,
            "LANGUAGE": 1,
            "DPI": 60,
            "LAYOUT_NAME": "Top sources",
            "OUTPUT": str(png),
        },
    )
    assert out["OUTPUT"] == str(png) and png.is_file()
    layout = QgsProject.instance().layoutManager().layoutByName("Top sources")
    map_item = layout.itemById("map")
    points = map_item.layers()[0]
    labels = [f["label"] for f in points.getFeatures()]
    assert len(labels) == 5 and "Cambridge (US)" in labels
    assert points.labelsEnabled()
    flows = next(lyr for lyr in map_item.layers() if lyr.name() == "Flows")
    assert {f["flow_type"] for f in flows.getFeatures()} == {"backflow"}
    assert (
        layout.itemById("subtitle")
        .text()
        .startswith("Backflow from the 5 largest overseas source cities:")
    )
    assert map_item.crs().toProj().startswith("+proj=eqearth")  # China preset -> world map
    # the backflow blue is drawn
    image = QImage(str(png))
    blue = QColor(FLOW_TYPE_COLOURS["backflow"])
    hits = sum(
        1
        for x in range(0, image.width(), 3)
        for y in range(0, image.height(), 3)
        if abs(QColor(image.pixel(x, y)).red() - blue.red()) < 30
        and abs(QColor(image.pixel(x, y)).blue() - blue.blue()) < 30
        and abs(QColor(image.pixel(x, y)).green() - blue.green()) < 30
    )
    assert hits > 50


def test_preset_with_too_high_a_minimum_is_a_clear_error(sample, tmp_path, run_alg):
    with pytest.raises(QgsProcessingException, match="No overseas source city has 100000"):
        run_alg(
            ALG,
            {
                "CITIES": sample["cities"],
                "FLOWS": sample["flows"],
                "SOURCE_TOP_N": 5,
                "MIN_COUNT": 100000,
                "OUTPUT": str(tmp_path / "none.png"),
            },
        )
