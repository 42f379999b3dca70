"""citynetwork's MEASURE, TIER_METHOD and BREAKS outputs: data for fullanalysis and the
report (issue 11), the same keys whatever language QGIS speaks."""

from __future__ import annotations

import pytest

from backflow_plugin.core.schema import MEASURES, TIER_METHODS
from tests.qgis.test_city_network_alg import cities_layer, flows_layer

ALG = "backflow:citynetwork"


def run(run_alg, **params):
    base = {"INPUT_FLOWS": flows_layer(), "INPUT_CITIES": cities_layer(),
            "OUTPUT": "TEMPORARY_OUTPUT"}  # fmt: skip
    return run_alg(ALG, {**base, **params})


def test_outputs_are_declared(plugin):
    from qgis.core import QgsApplication

    alg = QgsApplication.processingRegistry().algorithmById(ALG)
    kinds = {o.name(): o.type() for o in alg.outputDefinitions()}
    assert kinds["MEASURE"] == kinds["TIER_METHOD"] == kinds["BREAKS"] == "outputString"
    for key in ("TIER1_COUNT", "TIER2_COUNT", "TIER3_COUNT", "CANDIDATES", "SHARE_CHANGED"):
        assert kinds[key] == "outputNumber", key


def test_thresholds_are_the_breaks(run_alg):
    res = run(run_alg, METHOD=TIER_METHODS.index("thresholds"), THRESHOLDS="0.5, 0.1",
              MEASURE=MEASURES.index("betweenness"))  # fmt: skip
    assert res["MEASURE"] == "betweenness"
    assert res["TIER_METHOD"] == "thresholds"
    assert res["BREAKS"] == "0.5;0.1"


def test_default_measure_and_natural_breaks(run_alg):
    res = run(run_alg, METHOD=TIER_METHODS.index("natural_breaks"))
    assert res["MEASURE"] == "degree" and res["TIER_METHOD"] == "natural_breaks"
    breaks = [float(b) for b in res["BREAKS"].split(";")]
    # degree of the 5 candidates: hubs P, Q 3; leaves 1 -> classes [1] and [3]
    assert breaks == [1.0, 3.0]
    assert (res["TIER1_COUNT"], res["TIER2_COUNT"]) == (2, 3)


def test_top_n_breaks_are_the_lowest_measure_in_tiers_1_and_2(run_alg):
    res = run(run_alg, METHOD=TIER_METHODS.index("top_n"), N_CORE=1, N_EXCELLENT=1,
              MEASURE=MEASURES.index("strength"))  # fmt: skip
    assert res["MEASURE"] == "strength" and res["TIER_METHOD"] == "top_n"
    # strength: P 12, Q 12 (4+4 with each other + 2+2 leaves), leaves 2
    assert [float(b) for b in res["BREAKS"].split(";")] == [12.0, 12.0]


def test_keys_not_translated(run_alg):
    from backflow_plugin.translation import translated

    with translated("zh_CN"):
        res = run(run_alg, METHOD=TIER_METHODS.index("head_tail"),
                  MEASURE=MEASURES.index("pagerank"))  # fmt: skip
    assert res["MEASURE"] == "pagerank" and res["TIER_METHOD"] == "head_tail"
    assert all(float(b) > 0 for b in res["BREAKS"].split(";"))


# degree of the 5 candidates: 3, 3, 1, 1, 1 (mean 1.8: the head/tail cut)
EXPECTED_BREAKS = {
    "hybrid": [1.0, 3.0],
    "natural_breaks": [1.0, 3.0],
    "head_tail": [1.8, 3.0],
    "quantile": [1.0, 7 / 3, 3.0],
    "top_n": [1.0, 1.0],  # 4 core: P, Q and two leaves; the last leaf is tier 2
}


@pytest.mark.parametrize("method", TIER_METHODS[:5])
def test_every_method_reports_its_key_and_breaks(run_alg, method):
    res = run(run_alg, METHOD=TIER_METHODS.index(method))
    assert res["TIER_METHOD"] == method and res["MEASURE"] == "degree"
    breaks = [float(b) for b in res["BREAKS"].split(";")]
    assert breaks == pytest.approx(EXPECTED_BREAKS[method])
