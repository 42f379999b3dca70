"""Review of issue 14: a world map labels the top overseas cities, not every city tied
at one person (the Nobel world map labelled Ocho Rios, Lambaréné and Ndola)."""

from __future__ import annotations

from qgis.core import QgsExpression, QgsExpressionContext, QgsFeature, QgsVectorLayer

from backflow_plugin.styling.city_labels import label_rules


def cities(persons: list[int]) -> QgsVectorLayer:
    layer = QgsVectorLayer(
        "Point?crs=EPSG:4326&field=name:string&field=domestic:boolean&field=persons:integer"
        "&field=tier:integer",
        "cities",
        "memory",
    )
    feats = []
    for i, n in enumerate(persons):
        f = QgsFeature(layer.fields())
        f.setAttributes([f"c{i}", False, n, None])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def labelled(layer, rule) -> list[int]:
    expr = QgsExpression(rule[1])
    ctx = QgsExpressionContext()
    out = []
    for f in layer.getFeatures():
        ctx.setFeature(f)
        if expr.evaluate(ctx):
            out.append(f["persons"])
    return out


def test_top_overseas_cities_are_few_when_counts_tie():
    # 3 cities with many persons, then 200 with one person each.
    layer = cities([40, 25, 12] + [1] * 200)
    rules = label_rules(layer, tiers=True, world=True)
    overseas = [r for r in rules if "domestic" in r[1]]
    assert overseas
    assert sorted(labelled(layer, overseas[0]), reverse=True) == [40, 25, 12]


def test_top_overseas_cities_ten_when_no_ties():
    layer = cities(list(range(30, 0, -1)))
    overseas = [r for r in label_rules(layer, tiers=True, world=True) if "domestic" in r[1]]
    assert len(labelled(layer, overseas[0])) == 10
