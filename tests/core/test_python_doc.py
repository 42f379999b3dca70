"""docs/python.md runs as written, in a Python where importing QGIS fails."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from tests.conftest import ROOT

DOC = ROOT / "docs" / "python.md"
# the figures the sample was generated to have (scripts/make_sample.py)
CALIBRATION = json.loads((ROOT / "resources" / "sample" / "calibration.json").read_text("utf-8"))
# each block in a fresh interpreter: isolated (-I), QGIS made unimportable, the
# repository on sys.path as a user puts it there
PRELUDE = "import sys\nsys.modules['qgis'] = None\nsys.path.insert(0, {root!r})\n"


def blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


def run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-I", "-c", PRELUDE.format(root=str(ROOT)) + code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )


def test_the_doc_has_its_examples():
    assert len(blocks()) == 2


def test_the_whole_chain_example_runs_without_qgis():
    proc = run(blocks()[0])
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = proc.stdout
    cal, tiers = CALIBRATION, CALIBRATION["tiers_expected"]
    assert f"{cal['persons']} persons, {cal['rows']} stage rows, 0 unresolved" in out
    core = re.search(r"national core: (.+)", out).group(1).split(", ")
    assert sorted(core) == sorted(tiers["national core"])
    assert (
        f"{len(tiers['regional excellent'])} regional excellent, "
        f"{len(tiers['regional special'])} regional special cities"
    ) in out
    routes = cal["route_patterns"]
    assert (
        f"circle {routes['circle']}, linear {routes['linear']}, "
        f"circle share {routes['circle_share_pct']:.1f}%"
    ) in out
    assert f"top 7 cities: {cal['seven_city_share_pct']:.1f}% of {cal['persons']} returnees" in out


def test_the_step_by_step_example_runs_without_qgis():
    proc = run(blocks()[1])
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "natural_breaks betweenness" in proc.stdout
    assert "'circle'" in proc.stdout and "'linear'" in proc.stdout


def test_a_qgis_import_in_an_example_would_fail():
    proc = run("import qgis.core\n")
    assert proc.returncode != 0
    assert "ModuleNotFoundError" in proc.stderr or "ImportError" in proc.stderr
