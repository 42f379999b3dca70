"""fullanalysis passes each step's frames on as Python objects: the layers are written
once and never read back, each person's return is found once, and the results equal the
steps run one by one."""

from __future__ import annotations

import pandas as pd

from backflow_plugin.core.report import indices, organisations, persons, steps
from backflow_plugin.core.sources import cities as source_cities
from backflow_plugin.core.trajectories import legs
from backflow_plugin.core.trajectories.returns import find_returns
from backflow_plugin.processing import adapters
from tests.conftest import SAMPLE

LAYERS = ("STAGES", "ROUTES", "FLOWS", "CITIES", "UNRESOLVED", "NETWORK",
          "PATTERN_ROUTES", "PATTERN_FLOWS", "PATTERN_SHARES")  # fmt: skip


def _frame(layer) -> pd.DataFrame:
    names = layer.fields().names()
    rows = [
        [None if hasattr(v, "isNull") and v.isNull() else v for v in f.attributes()]
        for f in layer.getFeatures()
    ]
    return pd.DataFrame(rows, columns=names)


def _sorted(frame: pd.DataFrame, by) -> pd.DataFrame:
    return frame.sort_values(by).reset_index(drop=True)


def test_fullanalysis_reads_no_layer_back_and_equals_the_steps(plugin, tmp_path, monkeypatch):
    import processing

    read = []
    real_source, real_points = adapters.source_to_frame, adapters.points_to_frame

    def source_to_frame(source, feedback=None, as_text=False):
        read.append(source.sourceName())
        return real_source(source, feedback, as_text)

    def points_to_frame(source, feedback=None):
        read.append(source.sourceName())
        return real_points(source, feedback)

    finds = []

    def counting(stages, which="first"):
        finds.append(len(stages))
        return find_returns(stages, which)

    for module in (legs, steps, persons, organisations, indices, source_cities):
        monkeypatch.setattr(module, "find_returns", counting)
    monkeypatch.setattr(adapters, "source_to_frame", source_to_frame)
    monkeypatch.setattr(adapters, "points_to_frame", points_to_frame)
    params = {"INPUT": str(SAMPLE), "HOME_COUNTRY": "CN", "MAKE_REPORT": True,
              "REPORT_OUTPUT": str(tmp_path / "report.html")}  # fmt: skip
    params.update({k: "TEMPORARY_OUTPUT" for k in LAYERS})
    full = processing.run("backflow:fullanalysis", params)
    assert read == []  # no step read a layer of this run back
    assert finds == [17427]  # each person's return found once, by the import, for the report
    assert (tmp_path / "report.html").stat().st_size > 10_000
    assert full["CIRCLE"] + full["LINEAR"] + full["NO_PATTERN"] == full["PERSONS"] == 2846

    # The same steps one by one, reading the layers: the same results.
    network = processing.run(
        "backflow:citynetwork",
        {"INPUT_FLOWS": full["FLOWS"], "INPUT_CITIES": full["CITIES"], "OUTPUT": "TEMPORARY_OUTPUT"},
    )  # fmt: skip
    assert {"Flows", "Cities"} <= set(read)  # read from the layers this time
    assert [network[f"TIER{t}_COUNT"] for t in (1, 2, 3)] == [4, 23, 25]
    assert [full[f"TIER{t}"] for t in (1, 2, 3)] == [4, 23, 25]
    a = _sorted(_frame(full["NETWORK"]), "city_id")
    b = _sorted(_frame(network["OUTPUT"]), "city_id")
    assert len(a) == 440
    pd.testing.assert_frame_equal(a, b, check_dtype=False)
    alone = processing.run(
        "backflow:routepatterns",
        {"INPUT": full["STAGES"], "ROUTES": "TEMPORARY_OUTPUT", "FLOWS": "TEMPORARY_OUTPUT",
         "SHARES": "TEMPORARY_OUTPUT"},
    )  # fmt: skip
    for key in ("CIRCLE", "LINEAR", "NO_PATTERN"):
        assert alone[key] == full[key], key
    a = _sorted(_frame(full["PATTERN_ROUTES"]), "person_id")
    b = _sorted(_frame(alone["ROUTES"]), "person_id")
    pd.testing.assert_frame_equal(a, b, check_dtype=False)
    a, b = _frame(full["PATTERN_FLOWS"]), _frame(alone["FLOWS"])
    assert len(a) > 100
    pd.testing.assert_frame_equal(
        _sorted(a, list(a.columns)), _sorted(b, list(b.columns)), check_dtype=False
    )


def test_fullanalysis_equals_the_library_front_door(plugin):
    """The toolbox's one-click run and core.analysis.analyse (the library's front door,
    no QGIS) are one pipeline: the same persons, tiers, cities and routes."""
    import processing

    from backflow_plugin.core.analysis import analyse, read_table

    params = {"INPUT": str(SAMPLE), "HOME_COUNTRY": "CN", "MAKE_REPORT": False}
    params.update({k: "TEMPORARY_OUTPUT" for k in ("STAGES", "FLOWS", "CITIES", "NETWORK",
                                                   "PATTERN_ROUTES")})  # fmt: skip
    full = processing.run("backflow:fullanalysis", params)
    library = analyse(read_table(SAMPLE))

    counts = library.trajectories.counts
    assert full["PERSONS"] == counts["persons"] == 2846
    assert full["STAGE_ROWS"] == counts["stage_rows"]
    assert full["RESOLVED_ROWS"] == counts["resolved_rows"]
    assert [full[f"TIER{t}"] for t in (1, 2, 3)] == [
        len(library.network.tiers[t]) for t in (1, 2, 3)
    ]
    network = _frame(full["NETWORK"]).set_index("city_id")
    mine = library.network.cities.set_index("city_id")
    assert len(network) == len(mine) == 440
    pd.testing.assert_series_equal(
        network["tier"].sort_index(), mine["tier"].sort_index(), check_dtype=False
    )
    routes = _frame(full["PATTERN_ROUTES"]).set_index("person_id")["pattern"].sort_index()
    expected = library.patterns.routes.set_index("person_id")["pattern"].sort_index()
    assert (routes == "circle").sum() == full["CIRCLE"] > 0
    pd.testing.assert_series_equal(routes, expected, check_dtype=False, check_names=False)
