"""The first look: fullanalysis loaded into an empty project (as runAndLoadResults does).

Checks the project CRS, the basemap, the view on the home country, the layer order,
and that no drawn line jumps across the map in the project's CRS (nor in a CRS picked
later): the line symbols' seam-cutting generator is evaluated as the renderer does,
the result transformed to the map CRS and its segment lengths measured.
"""

from __future__ import annotations

import math

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsGeometryGeneratorSymbolLayer,
    QgsLayerTreeGroup,
    QgsMapSettings,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProject,
    QgsRectangle,
    QgsRenderContext,
    QgsVectorLayer,
)

from backflow_plugin.styling import first_look, projections, views
from backflow_plugin.styling.disclosure_filter import hidden_by_style
from tests.conftest import SAMPLE

OUTPUTS = ("STAGES", "ROUTES", "FLOWS", "CITIES", "UNRESOLVED", "NETWORK",
           "PATTERN_ROUTES", "PATTERN_FLOWS", "PATTERN_SHARES")  # fmt: skip
WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")


_CONTEXTS = []  # as QGIS's dialog does, the context outlives the run


def run_and_load(project_setup=None, alg_id="backflow:fullanalysis"):
    """processing.runAndLoadResults on the sample into a cleared project instance."""
    import processing

    project = QgsProject.instance()
    project.clear()
    if project_setup is not None:
        project_setup(project)
    context = QgsProcessingContext()
    context.setProject(project)
    outputs = OUTPUTS if alg_id.endswith("fullanalysis") else ("STAGES", "CITIES", "FLOWS")
    params = {"INPUT": str(SAMPLE), **{k: "TEMPORARY_OUTPUT" for k in outputs}}
    processing.runAndLoadResults(alg_id, params, feedback=QgsProcessingFeedback(), context=context)
    _CONTEXTS.append(context)
    return project


@pytest.fixture(scope="module")
def loaded(plugin):
    project = run_and_load()
    yield project
    project.clear()


def drawn_segments(layer: QgsVectorLayer, crs: QgsCoordinateReferenceSystem, cut: bool = True):
    """(length km, lat0, lat1) of each drawn segment in a map of `crs`, with the symbol's
    seam-cutting generator applied as the renderer applies it (or not, `cut=False`)."""
    symbols = layer.renderer().symbols(QgsRenderContext())
    generators = [
        s for sym in symbols for s in sym.symbolLayers()
        if isinstance(s, QgsGeometryGeneratorSymbolLayer)
    ]  # fmt: skip
    assert generators, f"{layer.name()} has no seam-cutting symbol"
    expression = QgsExpression(generators[0].geometryExpression())
    settings = QgsMapSettings()
    settings.setDestinationCrs(crs)
    context = QgsExpressionContext()
    context.appendScope(QgsExpressionContextUtils.mapSettingsScope(settings))
    transform = QgsCoordinateTransform(layer.crs(), crs, QgsProject.instance())
    for feature in layer.getFeatures():
        context.setFeature(feature)
        lonlat = expression.evaluate(context) if cut else feature.geometry()
        drawn = type(lonlat)(lonlat)
        drawn.transform(transform)
        for part, raw in zip(drawn.asMultiPolyline(), lonlat.asMultiPolyline()):
            for i in range(len(part) - 1):
                p, q = part[i], part[i + 1]
                yield math.hypot(q.x() - p.x(), q.y() - p.y()) / 1000.0, raw[i].y(), raw[i + 1].y()


def longest_jump_km(layer, crs, cut: bool = True) -> float:
    """The longest drawn segment, leaving out those between two points within 5° of a
    pole: Albers and Equal Earth draw a pole as a line, and a great circle passing next to
    it runs along that line (the map's edge), not across the map; Mercator stops at 85°."""
    return max(
        (d for d, a, b in drawn_segments(layer, crs, cut)
         if math.isfinite(d) and not (abs(a) > 85 and abs(b) > 85)),
        default=0.0,
    )  # fmt: skip


def test_new_project_gets_a_projected_crs_a_basemap_and_the_home_view(loaded):
    project = loaded
    assert not project.crs().isGeographic()
    assert "+proj=aea" in project.crs().toProj() and "+lon_0=105" in project.crs().toProj()
    group = first_look.basemap_group(project)
    assert group is not None
    layers = {node.layer().name(): node.layer() for node in group.findLayers()}
    # The world's countries at the bottom, China as the national map draws it above
    # (issue 14's china_basemap: provinces, border, the South China Sea line).
    assert list(layers)[-1] == "Countries" and layers["Countries"].featureCount() > 200
    assert layers["Provinces"].featureCount() >= 31
    assert {"China", "National border", "South China Sea line"} <= set(layers)
    # The basemap is the bottom of the tree; cities above flows above routes above stages.
    root = project.layerTreeRoot()
    assert root.children()[-1] is group
    kinds = [
        n.layer().customProperty(first_look.KIND_PROPERTY)
        for n in root.findLayers()
        if n.layer().customProperty(first_look.KIND_PROPERTY)
    ]
    ranks = [first_look.ORDER.index(k) for k in kinds]
    assert ranks == sorted(ranks), kinds
    # The view: China (the national frame), not the world.
    view = project.viewSettings().defaultViewExtent()
    assert view.crs() == project.crs()
    assert 5.0e6 < view.width() < 8.0e6 and 3.5e6 < view.height() < 6.0e6  # km: China's size
    to_map = QgsCoordinateTransform(WGS84, project.crs(), project)
    home = first_look.home_view_extent(project)
    # Kashgar, Mohe (north), Fuyuan (east), Sanya: the four corners of China are in view;
    # Tokyo is at the edge at most, Moscow and Sydney far outside.
    for lon, lat in ((75.99, 39.47), (122.53, 52.97), (134.29, 48.36), (109.51, 18.25)):
        assert home.contains(to_map.transform(lon, lat)), (lon, lat)
    for lon, lat in ((37.6, 55.75), (151.2, -33.9)):
        assert not home.contains(to_map.transform(lon, lat)), (lon, lat)


def test_no_line_jumps_across_the_map_in_any_crs(loaded):
    project = loaded
    lines = [
        lyr for lyr in first_look.backflow_layers(project, "flows", "routes") if lyr.featureCount()
    ]
    assert len(lines) == 4
    lines = [lyr for lyr in lines if lyr.name() != "Person routes"]  # = routes by pattern
    later = [
        project.crs(),
        projections.world_crs(-30.0),  # a world map centred on the Atlantic
        QgsCoordinateReferenceSystem("EPSG:3857"),
        WGS84,  # no +lon_0 in its definition
    ]
    for crs in later:
        for layer in lines:
            assert longest_jump_km(layer, crs) < 5000, (layer.name(), crs.toProj())


def test_without_the_seam_cut_the_lines_would_jump(loaded):
    # The measure above can fail: the same lines drawn without the cut jump across.
    layer = first_look.backflow_layers(loaded, "flows")[0]
    assert longest_jump_km(layer, projections.china_crs(), cut=False) > 10000
    assert longest_jump_km(layer, projections.world_crs(-30.0), cut=False) > 10000


def test_time_plays_returns_year_by_year(loaded):
    (by_year,) = first_look.backflow_layers(loaded, "returns_by_year")
    props = by_year.temporalProperties()
    assert props.isActive()
    # fullanalysis's MIN_PERSONS (5) hides small cities by the layer's style (a memory
    # layer: no layer filter, see disclosure_filter.py); the data hold every return
    assert hidden_by_style(by_year) == '"returnees" >= 5'
    assert by_year.subsetString() == ""
    rows = {(f["name"], f["year"]): (f["returns"], f["returnees"]) for f in by_year.getFeatures()}
    beijing = sorted((y, v) for (n, y), v in rows.items() if n == "Beijing")
    totals = [total for _, (_, total) in beijing]
    assert totals == sorted(totals) and totals[-1] == sum(r for _, (r, _) in beijing)
    stages = first_look.backflow_layers(loaded, "stages")[0]
    returns = sum(1 for f in stages.getFeatures() if f["phase"] == "return")
    last_year = max(y for _, y in rows)
    assert sum(v[1] for (n, y), v in rows.items() if y == last_year) == returns
    for layer in first_look.backflow_layers(loaded, "flows", "routes", "stages"):
        if "first_year" in layer.fields().names() or "return_year" in layer.fields().names():
            assert layer.temporalProperties().isActive(), layer.name()


def test_an_existing_project_keeps_its_crs_and_gets_no_basemap(plugin):
    def user_layer(project):
        project.setCrs(QgsCoordinateReferenceSystem("EPSG:3857"))
        layer = QgsVectorLayer("Point?crs=EPSG:3857", "my points", "memory")
        project.addMapLayer(layer)

    project = run_and_load(user_layer, "backflow:importtrajectories")
    try:
        assert project.crs().authid() == "EPSG:3857"
        assert first_look.basemap_group(project) is None
        assert not first_look.first_look_done(project)
    finally:
        project.clear()


def test_a_second_run_gets_no_second_basemap(plugin):
    import processing

    project = run_and_load(alg_id="backflow:importtrajectories")
    try:
        assert first_look.first_look_done(project)
        crs = QgsCoordinateReferenceSystem("EPSG:3857")
        project.setCrs(crs)  # the user picked another CRS after the first look
        context = QgsProcessingContext()
        context.setProject(project)
        processing.runAndLoadResults(
            "backflow:importtrajectories",
            {"INPUT": str(SAMPLE), **{k: "TEMPORARY_OUTPUT" for k in ("STAGES", "CITIES")}},
            feedback=QgsProcessingFeedback(),
            context=context,
        )
        _CONTEXTS.append(context)
        groups = [
            g for g in project.layerTreeRoot().findGroups(True)
            if g.customProperty(first_look.BASEMAP_PROPERTY)
        ]  # fmt: skip
        assert len(groups) == 1 and isinstance(groups[0], QgsLayerTreeGroup)
        assert len(first_look.backflow_layers(project, "cities")) == 2  # both runs' cities
        assert project.crs() == crs
    finally:
        project.clear()


def test_world_view_is_equal_earth_centred_by_the_flows(plugin):
    views.set_chosen_view(views.VIEW_WORLD)
    try:
        project = run_and_load(alg_id="backflow:importtrajectories")  # any algorithm
        proj = project.crs().toProj()
        assert "+proj=eqearth" in proj
        lon_0 = projections.central_meridian(project.crs())
        assert 90 <= lon_0 <= 180  # China-centred data: the Pacific in the middle
        view = project.viewSettings().defaultViewExtent()
        assert view.width() > 3.0e7  # the whole world
    finally:
        views.set_chosen_view(views.VIEW_HOME)
        QgsProject.instance().clear()


def test_home_crs_of_another_country_is_fitted_albers():
    crs = first_look.home_crs("FR")
    assert "+proj=aea" in crs.toProj()
    lon_0 = projections.central_meridian(crs)
    assert -5 <= lon_0 <= 10
    box = first_look.home_extent("FR")
    assert QgsRectangle(-6, 41, 10, 52).intersects(box) and box.width() < 20


def test_the_view_kept_after_a_run_never_fails_once_the_canvas_is_gone(plugin, monkeypatch):
    """The first look keeps its view for a few seconds with timers; QGIS closing (its
    canvas deleted) in between must not turn them into a Python error (or, under PyQt's
    default hook, end the process)."""
    import sys
    import time

    from qgis.gui import QgsMapCanvas
    from qgis.PyQt import sip
    from qgis.PyQt.QtCore import QCoreApplication

    escaped = []
    monkeypatch.setattr(sys, "excepthook", lambda *exc: escaped.append(exc[1]))
    canvas = QgsMapCanvas()
    monkeypatch.setattr(first_look, "map_canvas", lambda: canvas)
    monkeypatch.setattr(first_look, "RESTORE_AFTER_MS", (10, 20, 30))
    monkeypatch.setattr(first_look, "SETTLE_SECONDS", 0.05)
    project = QgsProject.instance()
    project.clear()
    project.writeEntry(first_look.SCOPE, first_look.DONE_KEY, True)
    crs = QgsCoordinateReferenceSystem("EPSG:3857")
    project.setCrs(crs)
    earlier = list(first_look._SETTLING)  # other runs' timers may still wait
    first_look._after_canvas_settles(project, crs, QgsRectangle(0, 0, 10, 10))
    assert len(first_look._SETTLING) == len(earlier) + 1
    sip.delete(canvas)  # QGIS closes while the timers still wait
    end = time.monotonic() + 0.8
    while time.monotonic() < end:
        QCoreApplication.processEvents()
    project.clear()
    assert escaped == []
    assert [g for g in first_look._SETTLING if g not in earlier] == []  # let go once settled
