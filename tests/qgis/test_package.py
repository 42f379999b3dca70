"""The packaged zip loads as QGIS loads an installed plugin, from a clean interpreter."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import zipfile

from tests.conftest import DATA, ROOT

LOADER = textwrap.dedent(
    """
    import sys
    plugins_dir, data = sys.argv[1], sys.argv[2]
    from qgis.core import QgsApplication
    app = QgsApplication([], False)
    app.initQgis()
    import qgis.utils
    qgis.utils.plugin_paths = [plugins_dir]
    sys.path.insert(0, plugins_dir)
    qgis.utils.updateAvailablePlugins()
    assert "backflow_plugin" in qgis.utils.available_plugins, qgis.utils.available_plugins
    assert qgis.utils.loadPlugin("backflow_plugin")
    assert qgis.utils.startProcessingPlugin("backflow_plugin")
    import backflow_plugin
    assert backflow_plugin.__file__.startswith(plugins_dir), backflow_plugin.__file__
    from processing.core.Processing import Processing
    Processing.initialize()
    import processing
    ids = sorted(a.id() for a in QgsApplication.processingRegistry().providerById("backflow").algorithms())
    print("ALGS", " ".join(ids))
    res = processing.run("backflow:importtrajectories", {"INPUT": data, "STAGES": "TEMPORARY_OUTPUT"})
    print("RESOLVED", res["RESOLVED_ROWS"], "OF", res["STAGE_ROWS"])
    import importlib, pkgutil
    import backflow_plugin.core as core
    mods = [m.name for m in pkgutil.walk_packages(core.__path__, "backflow_plugin.core.")]
    for name in mods:
        assert importlib.import_module(name).__file__.startswith(plugins_dir), name
    print("CORE MODULES", len(mods))
    app.exitQgis()
    """
)


def test_packaged_zip_loads_and_runs(tmp_path):
    zip_path = tmp_path / "backflow_plugin.zip"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "package.py"), "--out", str(zip_path)],
        check=True,
        capture_output=True,
    )
    with zipfile.ZipFile(zip_path) as zf:
        names = zf.namelist()
        zf.extractall(tmp_path / "profile" / "python" / "plugins")
    assert "backflow_plugin/metadata.txt" in names
    assert "backflow_plugin/resources/gazetteer/cities.csv" in names
    # the Chinese of the core's messages (the report's texts), read without Qt
    assert "backflow_plugin/i18n/core_zh_CN.json" in names
    # the core's wings (sub-packages) travel with the plugin, every module of them
    package = ROOT / "backflow_plugin"
    core_files = {
        f"backflow_plugin/{p.relative_to(package).as_posix()}"
        for p in (package / "core").rglob("*.py")
        if "__pycache__" not in p.parts
    }
    assert len(core_files) > 60
    assert not core_files - set(names)
    assert not [
        n
        for n in names
        if "__pycache__" in n
        or n.startswith("backflow_plugin/tests")
        or n.endswith((".pyc", ".ts"))
    ]
    plugins = tmp_path / "profile" / "python" / "plugins"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": "/usr/share/qgis/python/plugins",
    }
    proc = subprocess.run(
        ["/usr/bin/python3", "-c", LOADER, str(plugins), str(DATA / "long_small.csv")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "backflow:importtrajectories" in proc.stdout
    assert "RESOLVED 18 OF 21" in proc.stdout
    # every core module, in every wing, imports from the installed copy
    assert f"CORE MODULES {len(core_files) - 1}" in proc.stdout
