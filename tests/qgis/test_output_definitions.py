"""Output definitions (how the panel and QGIS's dialogs name a layer to write) are read
without leaving a reference cycle: a Qt object kept only by a cycle is freed when
Python's collector next runs, in whatever thread that is, e.g. a running task's thread
that holds a copy of the same shared property (a crash)."""

from __future__ import annotations

import gc

import pytest
from qgis.core import QgsProcessing, QgsProcessingOutputLayerDefinition, QgsProject
from qgis.PyQt import sip

from backflow_plugin.processing.frame_writing import file_of, layer_in_file, static_sink


def qt_objects_in_cycles() -> list[str]:
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        gc.collect()
        return sorted(type(o).__name__ for o in gc.garbage if isinstance(o, sip.simplewrapper))
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.collect()


@pytest.mark.parametrize(
    ("sink", "read", "expected"),
    [
        ("/tmp/out/stages.gpkg", file_of, "/tmp/out/stages.gpkg"),
        (QgsProcessing.TEMPORARY_OUTPUT, file_of, None),
        ("/tmp/out/flows.csv", static_sink, "/tmp/out/flows.csv"),
        (
            "/tmp/out/all.gpkg|layername=stages",
            lambda d: static_sink(layer_in_file(d)),
            "ogr:dbname='/tmp/out/all.gpkg' table=\"stages\" (geom)",
        ),
    ],
)
def test_reading_a_definition_leaves_no_cycle(sink, read, expected):
    qt_objects_in_cycles()  # what earlier tests left
    definition = QgsProcessingOutputLayerDefinition(sink, QgsProject.instance())
    definition.destinationName = "Stages"
    value = read(definition)
    assert (str(value) if value is not None else None) == expected
    del definition
    assert qt_objects_in_cycles() == []


def test_the_cycle_this_guards_against_is_real():
    """Reading the attribute itself (as str() of a definition does) makes the cycle."""
    qt_objects_in_cycles()
    definition = QgsProcessingOutputLayerDefinition("/tmp/out/stages.gpkg")
    assert definition.sink.staticValue() == "/tmp/out/stages.gpkg"
    del definition
    assert qt_objects_in_cycles() == ["QgsProcessingOutputLayerDefinition", "QgsProperty"]
