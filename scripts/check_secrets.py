"""Fail when detect-secrets finds a likely secret in the tracked source files (make lint)."""

from __future__ import annotations

import json
import subprocess
import sys

# Source and configuration only: the gazetteer and sample data are large and hold no secrets.
PATHS = ("backflow_plugin", "scripts", "tests", "benchmarks", ".ci", "Makefile", "metadata.txt")


def main() -> int:
    files = subprocess.run(
        ["git", "ls-files", "--", *PATHS], capture_output=True, text=True, check=True
    ).stdout.split()
    files = [f for f in files if not f.endswith((".ts", ".qm", ".csv"))]
    out = subprocess.run(
        [sys.executable, "-m", "detect_secrets", "scan", *files],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = json.loads(out)["results"]
    for path, hits in found.items():
        for hit in hits:
            print(f"{path}:{hit['line_number']}: {hit['type']}")
    print(f"detect-secrets: {len(files)} files, {sum(map(len, found.values()))} findings")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
