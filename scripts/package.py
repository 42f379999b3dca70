#!/usr/bin/env python3
"""Build the installable plugin zip: backflow_plugin/ with metadata, resources and translations.

Leaves out tests, build scripts, caches and translation sources.
"""

from __future__ import annotations

import argparse
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = "backflow_plugin"
SKIP_DIRS = {"__pycache__", ".pytest_cache", ".ruff_cache", ".mypy_cache"}
SKIP_SUFFIXES = {".pyc", ".pyo", ".ts", ".pro", ".orig", ".rej"}


def wanted(path: Path) -> bool:
    return not (set(path.parts) & SKIP_DIRS) and path.suffix not in SKIP_SUFFIXES and path.is_file()


def build(out: Path) -> list[str]:
    out.parent.mkdir(parents=True, exist_ok=True)
    names: list[str] = []
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:

        def add(src: Path, arc: str) -> None:
            zf.write(src, arc)
            names.append(arc)

        for src in sorted((ROOT / PLUGIN).rglob("*")):
            if wanted(src):
                add(src, f"{PLUGIN}/{src.relative_to(ROOT / PLUGIN).as_posix()}")
        for src in sorted((ROOT / "resources").rglob("*")):
            if wanted(src):
                add(src, f"{PLUGIN}/resources/{src.relative_to(ROOT / 'resources').as_posix()}")
        for extra in ("metadata.txt", "LICENSE", "README.md", "CHANGELOG.md"):
            if (ROOT / extra).is_file():
                add(ROOT / extra, f"{PLUGIN}/{extra}")
    return names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / f"{PLUGIN}.zip")
    args = parser.parse_args()
    names = build(args.out)
    size = args.out.stat().st_size / 1e6
    print(f"{args.out}: {len(names)} files, {size:.1f} MB")


if __name__ == "__main__":
    main()
