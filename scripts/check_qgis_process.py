#!/usr/bin/env python3
"""fullanalysis through `qgis_process` on the sample, into every file format, checked.

The packaged plugin (scripts/package.py) goes into a throw-away QGIS profile, then
`qgis_process run backflow:fullanalysis` writes every layer output as GeoPackage,
Shapefile, FlatGeobuf and CSV. Each layer of each format must hold the GeoPackage's rows
(same count, same values of every field, field names cut to 10 bytes in a Shapefile the
way the plugin says it cuts them) and, but for CSV, geometry. Prints a table; exit 1 on
any difference.

    /usr/bin/python3 scripts/check_qgis_process.py            # QGIS of this machine
    scripts/qgis_chroot.sh run trixie '/usr/bin/python3 scripts/check_qgis_process.py'

QGIS 3.22's /usr/bin/qgis_process wrapper passes an option its binary rejects; then
qgis_process.bin is called instead (3.40 and newer take the wrapper).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess  # nosec B404
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from backflow_plugin.core.writing.safe_output import short_field_names  # noqa: E402

SAMPLE = ROOT / "resources" / "sample" / "returnees_synthetic.csv"
LAYERS = ("STAGES", "ROUTES", "FLOWS", "CITIES", "NETWORK", "PATTERN_ROUTES", "PATTERN_FLOWS",
          "PATTERN_SHARES")  # fmt: skip
FORMATS = {"gpkg": "GeoPackage", "shp": "Shapefile", "fgb": "FlatGeobuf", "csv": "CSV"}


def qgis_process(env: dict) -> list[str]:
    """The qgis_process command that runs here."""
    for name in ("qgis_process", "qgis_process.bin"):
        exe = shutil.which(name)
        if exe is None:
            continue
        probe = subprocess.run(  # nosec B603
            [exe, "--version"], env=env, capture_output=True, text=True, check=False
        )
        if probe.returncode == 0:
            return [exe]
    raise SystemExit("no working qgis_process (install qgis, or run make deps)")


def install_plugin(home: Path) -> None:
    """The packaged zip into `home`'s default QGIS profile, enabled."""
    zip_path = home / "backflow_plugin.zip"
    subprocess.run(  # nosec B603
        [sys.executable, str(ROOT / "scripts" / "package.py"), "--out", str(zip_path)],
        check=True,
        capture_output=True,
    )
    plugins = home / ".local/share/QGIS/QGIS3/profiles/default/python/plugins"
    plugins.mkdir(parents=True)
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(plugins)


def run_format(
    cmd: list[str], env: dict, out: Path, suffix: str, tables_as: dict | None = None
) -> tuple[int, str]:
    """fullanalysis writing every layer as `suffix`; `tables_as`: layer -> the suffix a
    table without geometry is written as instead (FlatGeobuf before GDAL 3.10)."""
    out.mkdir(parents=True, exist_ok=True)
    args = [f"INPUT={SAMPLE}", "HOME_COUNTRY=CN"]
    args += [
        f"{key}={out / (key.lower() + '.' + (tables_as or {}).get(key, suffix))}" for key in LAYERS
    ]
    done = subprocess.run(  # nosec B603
        [*cmd, "run", "backflow:fullanalysis", "--", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode, done.stdout + done.stderr


def gdal_writes_fgb_tables() -> bool:
    from osgeo import gdal

    return int(gdal.VersionInfo()) >= 3100000


def read(path: Path) -> tuple[list[str], list[tuple], int] | None:
    """(field names, rows as text, features with geometry) or None when not readable."""
    from osgeo import ogr

    source = path
    if path.suffix == ".shp" and not path.exists():
        source = path.with_suffix(".dbf")  # a table without geometry is a lone .dbf
    ds = ogr.Open(str(source))
    if ds is None:
        return None
    layer = ds.GetLayer(0)
    defn = layer.GetLayerDefn()
    names = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
    rows, shapes = [], 0
    for feature in layer:
        rows.append(tuple(_text(feature.GetField(i)) for i in range(len(names))))
        geometry = feature.GetGeometryRef()
        shapes += geometry is not None and not geometry.IsEmpty()
    return names, rows, shapes


def _text(value) -> str:
    """A cell as comparable text: numbers to 6 significant digits, booleans as 0/1."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return str(int(value))
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value).lstrip("'")  # formula-safe CSV cells start with an apostrophe
    return f"{number:.6g}"


def compare(reference, other, suffix: str) -> str:
    """'ok' or what differs."""
    if other is None:
        return "missing"
    names_r, rows_r, shapes_r = reference
    names_o, rows_o, shapes_o = other
    expected = short_field_names(names_r, 10)[0] if suffix == "shp" else names_r
    if names_o != expected:
        return f"fields {names_o} != {expected}"
    if len(rows_o) != len(rows_r):
        return f"{len(rows_o)} rows != {len(rows_r)}"
    if sorted(rows_o) != sorted(rows_r):
        columns = [
            name
            for i, name in enumerate(expected)
            if sorted(r[i] for r in rows_o) != sorted(r[i] for r in rows_r)
        ]
        return "values differ: " + ", ".join(columns)
    if suffix != "csv" and shapes_o != shapes_r:
        return f"{shapes_o} geometries != {shapes_r}"
    return "ok"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None, help="keep the outputs here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="backflow-qp-") as tmp:
        home = Path(tmp) / "home"
        out = args.out or Path(tmp) / "out"
        env = {**os.environ, "HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
        env.pop("QGIS_CUSTOM_CONFIG_PATH", None)
        install_plugin(home)
        cmd = qgis_process(env)
        subprocess.run(  # nosec B603
            [*cmd, "plugins", "enable", "backflow_plugin"],
            env=env,
            capture_output=True,
            check=False,
        )
        version = subprocess.run(  # nosec B603
            [*cmd, "--version"], env=env, capture_output=True, text=True, check=False
        ).stdout
        qgis = next((line for line in version.splitlines() if line.startswith("QGIS")), "QGIS ?")
        print(f"{qgis} ({Path(cmd[0]).name}), fullanalysis on {SAMPLE.name}")
        results = {}
        tables_as: dict[str, str] = {}
        for suffix in FORMATS:
            if suffix == "fgb" and not gdal_writes_fgb_tables():
                # GDAL < 3.10 cannot keep a FlatGeobuf without geometry (the plugin stops
                # with a message saying so): its tables are written as CSV here
                tables_as = {k: "csv" for k, v in results["gpkg"].items() if v and not v[2]}
                print("FlatGeobuf: tables written as CSV (" + ", ".join(tables_as) + ")")
            own = tables_as if suffix == "fgb" else {}
            code, log = run_format(cmd, env, out / suffix, suffix, own)
            if code != 0:
                print(f"{FORMATS[suffix]}: qgis_process failed ({code})\n{log[-2000:]}")
                return 1
            results[suffix] = {
                key: read(out / suffix / f"{key.lower()}.{own.get(key, suffix)}") for key in LAYERS
            }
        failed = 0
        print(f"{'layer':<16}{'rows':>7}  " + "  ".join(f"{FORMATS[s]:<11}" for s in FORMATS))
        for key in LAYERS:
            reference = results["gpkg"][key]
            if reference is None:
                print(f"{key:<16}{'-':>7}  GeoPackage missing")
                failed += 1
                continue
            cells = []
            for suffix in FORMATS:
                verdict = compare(reference, results[suffix][key], suffix)
                failed += verdict != "ok"
                cells.append(f"{verdict:<11}")
            print(f"{key:<16}{len(reference[1]):>7}  " + "  ".join(cells))
        print("every format matches the GeoPackage" if not failed else f"{failed} differences")
        return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
