"""Review of issue 14: in Figure 3 of the demo, A and E return to the same city and
their letters were drawn one on top of the other (neither readable)."""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsVectorLayer,
)

from backflow_plugin.styling.figures import figure3_layers


def test_persons_returning_to_one_city_share_one_readable_label():
    stages = QgsVectorLayer(
        "Point?crs=EPSG:4326&field=person_id:string&field=seq:integer&field=phase:string",
        "stages",
        "memory",
    )
    rows = [
        ("A", 1, "before", 118.8, 32.1), ("A", 2, "abroad", -71.1, 42.4),
        ("A", 3, "return", 121.5, 31.2),
        ("E", 1, "before", 113.3, 23.1), ("E", 2, "abroad", -122.2, 37.4),
        ("E", 3, "return", 121.5, 31.2),
        ("B", 1, "before", 116.4, 39.9), ("B", 2, "abroad", 0.1, 51.5),
        ("B", 3, "return", 116.4, 39.9),
    ]  # fmt: skip
    feats = []
    for pid, seq, phase, x, y in rows:
        f = QgsFeature(stages.fields())
        f.setAttributes([pid, seq, phase])
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
        feats.append(f)
    stages.dataProvider().addFeatures(feats)
    crs = QgsCoordinateReferenceSystem("EPSG:8857")  # Equal Earth, metres
    _tracks, stops = figure3_layers(stages, ["A", "E", "B"], crs, world=True)
    returns = [f for f in stops.getFeatures() if f["is_return"]]
    assert len(returns) == 3
    shown = {}
    for f in returns:
        text = " ".join(str(v) for v in (f["letter"], f["numbers"]) if v)
        if text:
            key = (round(f.geometry().asPoint().x(), -3), round(f.geometry().asPoint().y(), -3))
            assert key not in shown, f"two labels on one return city: {shown[key]!r}, {text!r}"
            shown[key] = text
    # Shanghai: one label with both letters; Beijing: B alone, on its dot.
    assert sorted(shown.values()) == ["A E", "B"]
