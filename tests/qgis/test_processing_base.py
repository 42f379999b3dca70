"""The processing base class: an algorithm that only declares its parameters, sinks and
outputs and calls core gets them in QGIS, its frames written, its user mistakes as clear
Processing errors and a cancel as an empty result."""

from __future__ import annotations

import pytest
from qgis.core import (
    QgsFeature,
    QgsField,
    QgsGeometry,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterString,
    QgsProject,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant


def _toy_class():
    """An algorithm as the base class expects one: declarations and a call into core."""
    from backflow_plugin.core.errors import BackflowInputError, Cancelled
    from backflow_plugin.core.messages import M
    from backflow_plugin.core.patterns.tables import with_seq
    from backflow_plugin.processing.base import (
        BackflowAlgorithm,
        Output,
        Sink,
        SourceType,
        advanced,
        helped,
        numbers,
    )

    class ToyAlgorithm(BackflowAlgorithm):
        def name(self):
            return "toy"

        def displayName(self):  # noqa: N802
            return "Toy"

        def declare_parameters(self):
            return [
                self.stages_input("INPUT"),
                helped(QgsProcessingParameterString("MODE", "Mode", defaultValue="write"),
                       "write, mistake or cancel"),
                advanced(self.line_geometry("GEOMETRY")),
            ]  # fmt: skip

        def declare_sinks(self):
            return [
                Sink("POINTS", "Points", SourceType.TypeVectorPoint, style="cities"),
                Sink("TABLE", "Table", optional=True),
            ]

        def declare_outputs(self):
            return [*numbers(("ROWS", "Rows")), Output("KIND", "Kind", "string")]

        def process(self, run):
            run.start(2)
            return self.run_frames(run, with_seq(run.stages("INPUT")))  # a call into core

        def run_frames(self, run, stages):
            """What fullanalysis would call on a frame it holds (through serve)."""
            run.start(2)  # a second start keeps the steps of the first
            mode = run.text("MODE")
            if mode == "mistake":
                raise BackflowInputError(
                    M("error.unknown", name="stage label"), file="people.csv", column="stage", row=3,
                    value="studied", accepted="birth, phd, return",
                )  # fmt: skip
            run.step(1, "Writing")
            if mode == "cancel":
                raise Cancelled()
            lon, lat = stages["lon"].tolist(), stages["lat"].tolist()
            from backflow_plugin.processing.adapters import point_geometry

            dest = run.write("POINTS", stages, lambda i: point_geometry(lon[i], lat[i]))
            return {"POINTS": dest, "ROWS": len(stages), "KIND": run.choice("GEOMETRY", "abc")}

    return ToyAlgorithm


@pytest.fixture
def toy(plugin):
    alg = _toy_class()().create()
    alg.initAlgorithm()
    return alg


def _stages_layer(n: int = 3) -> QgsVectorLayer:
    layer = QgsVectorLayer("Point?crs=EPSG:4326", "stages", "memory")
    provider = layer.dataProvider()
    provider.addAttributes(
        [QgsField(name, QVariant.Type.String) for name in ("person_id", "stage", "city_id")]
    )
    layer.updateFields()
    for i in range(n):
        f = QgsFeature(layer.fields())
        f.setAttributes([f"p{i}", "return", f"c{i}"])
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(110.0 + i, 30.0 + i)))
        provider.addFeature(f)
    return layer


def _run(alg, **params):
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    feedback = QgsProcessingFeedback()
    return alg.processAlgorithm(params, context, feedback), context


def test_declarations_become_parameters_sinks_and_outputs(toy):
    names = [p.name() for p in toy.parameterDefinitions()]
    assert names == ["INPUT", "MODE", "GEOMETRY", "POINTS", "TABLE"]
    assert toy.parameterDefinition("MODE").help() == "write, mistake or cancel"
    advanced = QgsProcessingParameterDefinition.Flag.FlagAdvanced
    assert toy.parameterDefinition("GEOMETRY").flags() & advanced
    assert toy.parameterDefinition("GEOMETRY").defaultValue() == 1  # geodesic
    optional = QgsProcessingParameterDefinition.Flag.FlagOptional
    assert not toy.parameterDefinition("POINTS").flags() & optional
    assert toy.parameterDefinition("TABLE").flags() & optional
    assert toy.parameterDefinition("POINTS").dataType() == QgsProcessing.SourceType.TypeVectorPoint
    kinds = {o.name(): o.type() for o in toy.outputDefinitions()}
    assert kinds["ROWS"] == "outputNumber" and kinds["KIND"] == "outputString"
    assert kinds["POINTS"] == "outputVector"


def test_a_declared_sink_is_written_with_its_geometry(toy):
    layer = _stages_layer(3)
    result, context = _run(toy, INPUT=layer, MODE="write", GEOMETRY=2, POINTS="memory:")
    assert result["ROWS"] == 3 and result["KIND"] == "c"
    written = context.getMapLayer(result["POINTS"])
    assert written.featureCount() == 3
    assert written.wkbType() == QgsWkbTypes.Type.Point
    points = sorted(f.geometry().asPoint().x() for f in written.getFeatures())
    assert points == pytest.approx([110.0, 111.0, 112.0])
    assert sorted(f["person_id"] for f in written.getFeatures()) == ["p0", "p1", "p2"]
    assert "TABLE" not in result  # an optional sink not asked for is not written


def test_a_user_mistake_is_a_clear_processing_error(toy):
    with pytest.raises(QgsProcessingException) as caught:
        _run(toy, INPUT=_stages_layer(), MODE="mistake", POINTS="memory:")
    message = str(caught.value)
    for part in ("Unknown stage label", "people.csv", "stage", "3", "studied", "birth, phd"):
        assert part in message
    assert "Traceback" not in message


def test_an_empty_layer_is_named_in_the_error(toy):
    with pytest.raises(QgsProcessingException, match="The stages layer 'stages' has no features"):
        _run(toy, INPUT=_stages_layer(0), POINTS="memory:")


def test_a_cancel_gives_an_empty_result(toy):
    result, _context = _run(toy, INPUT=_stages_layer(), MODE="cancel", POINTS="memory:")
    assert result == {}


def test_a_cancel_before_the_run_stops_at_the_first_step(toy):
    context = QgsProcessingContext()
    feedback = QgsProcessingFeedback()
    feedback.cancel()
    params = {"INPUT": _stages_layer(), "MODE": "write", "POINTS": "memory:"}
    assert toy.processAlgorithm(params, context, feedback) == {}


def test_a_frame_method_is_served_on_a_frame(toy):
    """fullanalysis's way: the step's frame method on a frame it holds, no layer read;
    core's errors mapped as for a run alone, a cancel None."""
    import pandas as pd

    stages = pd.DataFrame(
        {"person_id": ["a", "b"], "city_id": ["x", "y"], "lon": [100.0, 101.0],
         "lat": [20.0, 21.0]}
    )  # fmt: skip
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    feedback = QgsProcessingFeedback()
    params = {"MODE": "write", "POINTS": "memory:"}
    result = toy.serve(params, context, feedback, toy.run_frames, stages)
    written = context.getMapLayer(result["POINTS"])
    assert result["ROWS"] == 2 and written.featureCount() == 2
    assert sorted(f.geometry().asPoint().y() for f in written.getFeatures()) == [20.0, 21.0]
    assert (
        toy.serve({**params, "MODE": "cancel"}, context, feedback, toy.run_frames, stages) is None
    )
    with pytest.raises(QgsProcessingException, match="Unknown stage label"):
        toy.serve({**params, "MODE": "mistake"}, context, feedback, toy.run_frames, stages)


def test_a_stages_layer_without_person_ids_is_named(run_alg):
    """routepatterns on a layer without person ids: a message naming the layer and the
    field, not a pandas KeyError."""
    layer = QgsVectorLayer("Point?crs=EPSG:4326", "no ids", "memory")
    layer.dataProvider().addAttributes([QgsField("stage", QVariant.Type.String)])
    layer.updateFields()
    f = QgsFeature(layer.fields())
    f.setAttributes(["return"])
    f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(116.4, 39.9)))
    layer.dataProvider().addFeature(f)
    with pytest.raises(QgsProcessingException) as caught:
        run_alg("backflow:routepatterns", {"INPUT": layer, "ROUTES": "TEMPORARY_OUTPUT"})
    message = str(caught.value)
    assert "The stages layer 'no ids' has no field 'person_id'" in message
    assert "Import trajectories" in message and "Fields: stage" in message
    assert "Traceback" not in message


# fullanalysis, which runs the others, keeps its own run (processing/full_analysis.py)
# but declares its parameters too; every other algorithm is served by the base.
OWN_RUN = {"fullanalysis"}


def test_fullanalysis_declares_its_parameters_and_outputs(plugin):
    from backflow_plugin.processing.base import BackflowAlgorithm
    from backflow_plugin.processing.full_analysis import FullAnalysisAlgorithm

    assert FullAnalysisAlgorithm.initAlgorithm is BackflowAlgorithm.initAlgorithm
    alg = FullAnalysisAlgorithm()
    alg.initAlgorithm()
    names = [p.name() for p in alg.parameterDefinitions()]
    # the import's options and layers first, the steps' sinks among the options, the map last
    assert names[0] == "INPUT" and names[-1] == "MAP_SHOW_TITLE"
    assert names.index("NETWORK") < names.index("REGIONS") < names.index("REGION_STATS")
    assert names.index("REGION_UNMATCHED") < names.index("MIN_PERSONS")
    outputs = {o.name(): o.type() for o in alg.outputDefinitions()}
    assert outputs["PERSONS"] == "outputNumber" and outputs["BREAKS"] == "outputString"


def test_every_single_step_algorithm_is_served_by_the_base(plugin):
    from qgis.core import QgsApplication

    from backflow_plugin.processing.base import BackflowAlgorithm

    served = set()
    for registered in QgsApplication.processingRegistry().providerById("backflow").algorithms():
        if registered.name() in OWN_RUN or not isinstance(registered, BackflowAlgorithm):
            continue  # the bundled models are no Python algorithms
        cls = type(registered)
        alg = cls()
        assert cls.processAlgorithm is BackflowAlgorithm.processAlgorithm, alg.name()
        assert cls.initAlgorithm is BackflowAlgorithm.initAlgorithm, alg.name()
        assert cls.process is not BackflowAlgorithm.process, alg.name()
        alg.initAlgorithm()
        sinks = [p.name() for p in alg.parameterDefinitions() if p.isDestination()]
        declared = [s.key for s in alg.declare_sinks()]
        assert set(declared) <= set(sinks), alg.name()
        served.add(alg.name())
    assert served == {
        "importtrajectories", "importorcid", "citynetwork", "routepatterns", "regionalflows",
        "publicationmap", "webexport", "postgisflows", "report",
    }  # fmt: skip


def test_each_step_of_fullanalysis_has_the_frame_method_it_calls(plugin):
    """The frame methods fullanalysis calls on its frames are the ones each algorithm's
    own process(run) ends in (a step run alone and in the chain compute alike)."""
    import ast
    import inspect

    from backflow_plugin.processing import (
        city_network,
        import_trajectories,
        regional_flows,
        report,
        route_patterns,
    )

    steps = {
        import_trajectories.ImportTrajectoriesAlgorithm: "import_and_write",
        city_network.CityNetworkAlgorithm: "run_frames",
        route_patterns.RoutePatternsAlgorithm: "run_frames",
        regional_flows.RegionalFlowsAlgorithm: "run_frames",
        report.ReportAlgorithm: "run_frames",
    }
    for cls, method in steps.items():
        source = inspect.getsource(cls.process).strip()
        calls = {
            node.func.attr
            for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
        }
        assert method in calls, cls.__name__
        assert list(inspect.signature(getattr(cls, method)).parameters)[:2] == ["self", "run"]
