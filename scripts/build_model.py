#!/usr/bin/env python3
"""Build resources/models/backflow_full.model3: import -> city network -> route patterns.

A Processing model made with the QgsProcessingModelAlgorithm API, so the graphical
modeler opens it and users can extend it. The city network step is included when
``backflow:citynetwork`` is registered (re-run this script once it is).

    .venv/bin/python scripts/build_model.py [--out resources/models/backflow_full.model3]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "models" / "backflow_full.model3"
MODEL_NAME = "Full analysis (model)"  # a model's name is its id and its display name


def start_qgis():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    sys.path.append("/usr/share/qgis/python/plugins")
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    from processing.core.Processing import Processing

    Processing.initialize()
    import backflow_plugin

    plugin = backflow_plugin.classFactory(None)
    plugin.initProcessing()
    return app, plugin


def build_model():
    """The model; needs QGIS running with the Backflow provider registered."""
    from qgis.core import (
        QgsApplication,
        QgsProcessing,
        QgsProcessingModelAlgorithm,
        QgsProcessingModelChildAlgorithm,
        QgsProcessingModelChildParameterSource,
        QgsProcessingModelOutput,
        QgsProcessingModelParameter,
        QgsProcessingParameterEnum,
        QgsProcessingParameterFeatureSource,
        QgsProcessingParameterString,
    )
    from qgis.PyQt.QtCore import QPointF

    registry = QgsApplication.processingRegistry()
    model = QgsProcessingModelAlgorithm(MODEL_NAME, "Return migration", "returnmigration")
    model.setHelpContent({
        "ALG_DESC": "Import trajectories, then the city network (centrality and tiers) and "
                    "the route patterns (circle / linear), as a model to open and extend in "
                    "the graphical modeler.",
        "ALG_CREATOR": "Backflow",
    })  # fmt: skip

    def param(definition, x, y):
        component = QgsProcessingModelParameter(definition.name())
        component.setPosition(QPointF(x, y))
        model.addModelParameter(definition, component)

    param(
        QgsProcessingParameterFeatureSource(
            "INPUT", "Trajectory table", [QgsProcessing.SourceType.TypeVector]
        ),
        120,
        60,
    )
    param(QgsProcessingParameterString("HOME_COUNTRY", "Home country", defaultValue="CN"), 340, 60)
    param(QgsProcessingParameterEnum(
        "LEVEL", "Match the return with known places by", ["City", "Province"],
        defaultValue=0), 560, 60)  # fmt: skip

    def child(alg_id, child_id, description, x, y, sources, outputs):
        c = QgsProcessingModelChildAlgorithm(alg_id)
        c.setChildId(child_id)
        c.setDescription(description)
        c.setPosition(QPointF(x, y))
        for name, source in sources.items():
            c.addParameterSources(name, [source])
        for definition in registry.algorithmById(alg_id).parameterDefinitions():
            # every other mandatory input: its default, as a static value
            if definition.isDestination() or definition.name() in sources:
                continue
            if definition.defaultValue() is not None:
                c.addParameterSources(
                    definition.name(),
                    [
                        QgsProcessingModelChildParameterSource.fromStaticValue(
                            definition.defaultValue()
                        )
                    ],
                )
        model_outputs = {}
        for out_name, (child_output, ox, oy) in outputs.items():
            o = QgsProcessingModelOutput(out_name)
            o.setChildId(child_id)
            o.setChildOutputName(child_output)
            o.setPosition(QPointF(ox, oy))
            model_outputs[out_name] = o
        c.setModelOutputs(model_outputs)
        model.addChildAlgorithm(c)

    from_param = QgsProcessingModelChildParameterSource.fromModelParameter
    from_child = QgsProcessingModelChildParameterSource.fromChildOutput
    child("backflow:importtrajectories", "import", "Import trajectories", 220, 200,
          {"INPUT": from_param("INPUT"), "HOME_COUNTRY": from_param("HOME_COUNTRY")},
          {"Stages": ("STAGES", 40, 330), "Flows": ("FLOWS", 200, 330),
           "Cities": ("CITIES", 360, 330)})  # fmt: skip
    child("backflow:routepatterns", "patterns", "Route patterns", 220, 430,
          {"INPUT": from_child("import", "STAGES"), "LEVEL": from_param("LEVEL")},
          {"Routes by pattern": ("ROUTES", 120, 560),
           "Backflow flows by pattern": ("FLOWS", 330, 560)})  # fmt: skip
    included = ["import", "patterns"]
    if registry.algorithmById("backflow:citynetwork") is not None:
        child("backflow:citynetwork", "network", "City network", 600, 430,
              {"INPUT_FLOWS": from_child("import", "FLOWS"),
               "INPUT_CITIES": from_child("import", "CITIES")},
              {"City network": ("OUTPUT", 640, 560)})  # fmt: skip
        included.append("network")
    return model, included


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    app, _plugin = start_qgis()
    model, included = build_model()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    ok, errors = model.validate()
    if not ok:
        raise SystemExit("The model does not validate: " + "; ".join(errors))
    if not model.toFile(str(args.out)):
        raise SystemExit(f"Cannot write {args.out}")
    print(f"{args.out}: steps {', '.join(included)}")
    del model
    app.exitQgis()


if __name__ == "__main__":
    main()
