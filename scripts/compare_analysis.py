#!/usr/bin/env python3
"""Every frame of core.analysis.analyse on a few inputs, saved for a before/after check
(a change meant to keep results, such as a speed-up, must print ALL IDENTICAL).

    /usr/bin/python3 scripts/compare_analysis.py TREE OUTDIR      # writes OUTDIR/*.pkl
    /usr/bin/python3 scripts/compare_analysis.py --compare DIR_A DIR_B

Inputs: the bundled sample, the sample replicated to 20k persons (ids suffixed), the
Nobel laureates table, and the two audit CV tables. Frames compared with
pandas.testing (exact dtypes, values, column order, index).
"""

import pickle
import sys
from pathlib import Path

import pandas as pd


def canon(x):
    if isinstance(x, (set, frozenset)):
        return sorted((canon(v) for v in x), key=repr)
    if isinstance(x, dict):
        return sorted(((repr(k), canon(v)) for k, v in x.items()), key=repr)
    if isinstance(x, (list, tuple)):
        return [canon(v) for v in x]
    return x


def frames_of(analysis):
    out = {}
    t = analysis.trajectories
    for k in ("stages", "legs", "flows", "cities", "routes", "unresolved", "returns"):
        out[f"traj.{k}"] = getattr(t, k)
    out["traj.counts"] = dict(t.counts)
    out["net.cities"] = analysis.network.cities
    out["net.measures"] = analysis.network.measures
    out["net.tiers"] = analysis.network.tiers
    out["pat.routes"] = analysis.patterns.routes
    out["pat.counts"] = repr(analysis.patterns.counts)
    if analysis.report is not None:
        for k, v in analysis.report.tables.items():
            out[f"rep.{k}"] = v
            if isinstance(v, pd.DataFrame):
                out[f"rep.{k}.attrs"] = repr(canon(dict(v.attrs)))
        out["rep.headline"] = repr(analysis.report.headline)
        out["rep.notes"] = repr(analysis.report.notes)
    for key, value in list(out.items()):  # every frame's notes too (report tables have theirs)
        if isinstance(value, pd.DataFrame) and not key.startswith("rep."):
            out[f"{key}.attrs"] = repr(canon(dict(value.attrs)))
    return out


def run(tree: Path, outdir: Path) -> None:
    sys.path.insert(0, str(tree))
    from backflow_plugin.core.analysis import ImportOptions, Options, analyse, read_table

    outdir.mkdir(parents=True, exist_ok=True)
    sample = tree / "resources/sample/returnees_synthetic.csv"
    base = pd.read_csv(sample, dtype=str, keep_default_na=False)
    parts = []
    for r in range(int(20000 / base["person_id"].nunique()) + 1):
        part = base.copy()
        part["person_id"] = part["person_id"] + f"-{r}"
        parts.append(part)
    big = pd.concat(parts, ignore_index=True)
    inputs = {
        "sample": (read_table(sample), Options()),
        "sample20k": (big.astype(str), Options()),
    }
    nobel = tree.parent / "shared" / "data" / "nobel_laureates.csv"  # beside the clone
    if nobel.exists():
        inputs["nobel"] = (read_table(nobel), Options(imports=ImportOptions(home_country="US")))
    for name in ("cv_audit_zh_bom.csv", "cv_audit_zh_gbk.csv"):
        p = tree / "tests/data/cv" / name
        if p.exists():
            inputs[name] = (read_table(p), Options())
    for name, (table, options) in inputs.items():
        try:
            frames = frames_of(analyse(table, options))
        except Exception as err:  # noqa: BLE001
            frames = {"error": repr(err)}
        with open(outdir / f"{name}.pkl", "wb") as f:
            pickle.dump(frames, f)
        print(name, len(frames), "items")


def compare(a: Path, b: Path) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # to unpickle messages
    bad = 0
    for pa in sorted(a.glob("*.pkl")):
        # files this script wrote itself (run), never a file from elsewhere
        with open(pa, "rb") as fh:
            fa = pickle.load(fh)  # nosec B301
        with open(b / pa.name, "rb") as fh:
            fb = pickle.load(fh)  # nosec B301
        if set(fa) != set(fb):
            print(pa.stem, "keys differ:", set(fa) ^ set(fb))
            bad += 1
        for k in sorted(set(fa) & set(fb)):
            x, y = fa[k], fb[k]
            try:
                if isinstance(x, pd.DataFrame):
                    pd.testing.assert_frame_equal(x, y, check_exact=True)
                elif isinstance(x, pd.Series):
                    pd.testing.assert_series_equal(x, y, check_exact=True)
                else:
                    assert repr(x) == repr(y), f"{repr(x)[:300]} != {repr(y)[:300]}"
            except AssertionError as err:
                bad += 1
                print(f"{pa.stem} {k}: DIFFERS\n  {str(err)[:600]}")
        print(pa.stem, "checked", len(fa), "items")
    print("ALL IDENTICAL" if not bad else f"{bad} DIFFERENCES")
    return 1 if bad else 0


if __name__ == "__main__":
    if sys.argv[1] == "--compare":
        sys.exit(compare(Path(sys.argv[2]), Path(sys.argv[3])))
    run(Path(sys.argv[1]).resolve(), Path(sys.argv[2]))
