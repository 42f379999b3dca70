# Backflow — one command each: make test, make demo, make package, make install.
SHELL := /bin/bash
SYS_PY := /usr/bin/python3
VENV := .venv
PY := $(VENV)/bin/python
# The PostGIS package is named after the release's PostgreSQL (15 on Debian 12, 17 on 13,
# 18 on unstable): system-deps picks the one the release's `postgresql` depends on.
DEBIAN_PKGS := qgis python3-qgis qgis-providers python3-pandas python3-networkx xvfb qttools5-dev-tools \
	poppler-utils fonts-wqy-microhei postgresql python3-venv python3-pip python3-setuptools
PLUGIN := backflow_plugin
VERSION := $(shell sed -n 's/^version=//p' metadata.txt)
DIST := dist
ZIP := $(DIST)/$(PLUGIN)-$(VERSION).zip
QGIS_PLUGINS ?= $(HOME)/.local/share/QGIS/QGIS3/profiles/default/python/plugins
export QT_QPA_PLATFORM ?= offscreen
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: deps system-deps test test-qgis-versions test-core test-matrix qt6-check demo package install uninstall bench lint security fuzz format translations clean gazetteer sample

deps: system-deps $(VENV)/.installed

# QGIS comes from Debian. As root we install it; otherwise we say exactly what to run.
system-deps:
	@if ! $(SYS_PY) -c "import qgis.core, pandas, networkx, ensurepip, setuptools" 2>/dev/null \
	    || ! command -v lrelease >/dev/null \
	    || ! command -v pdfinfo >/dev/null || ! fc-list 2>/dev/null | grep -qi "wenquanyi" \
	    || ! ls /usr/lib/postgresql/*/lib/postgis-3.so >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing QGIS and friends from Debian (about 3 minutes)..."; \
	    apt-get update -qq; \
	    pg=$$(apt-cache depends postgresql | sed -n 's/^ *Depends: postgresql-\([0-9][0-9]*\)$$/\1/p' | head -n1); \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(DEBIAN_PKGS) \
	      postgresql-$${pg:?no postgresql-N package found}-postgis-3 >/dev/null; \
	  else \
	    echo "QGIS for Python is missing. Run this once, then make:"; \
	    echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends $(DEBIAN_PKGS) postgresql-N-postgis-3"; \
	    echo "  (N: your PostgreSQL major version, e.g. 15 on Debian 12, 17 on Debian 13)"; \
	    exit 1; \
	  fi; \
	fi

$(VENV)/.installed: requirements-dev.txt
	@test -x $(PY) || $(SYS_PY) -m venv --system-site-packages $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	@touch $@

translations: system-deps
	@for ts in $(PLUGIN)/i18n/*.ts; do [ -e "$$ts" ] && lrelease -silent "$$ts" -qm "$${ts%.ts}.qm"; done; true

# TESTS: what pytest runs (all of tests/ when empty), e.g. make test TESTS=tests/qgis
TESTS ?=
test: deps translations
	$(PY) -m pytest -q $(TESTS)

# The suite on the QGIS versions our users run, each in a chroot from Debian's packages
# (built once into /var/cache/backflow-qgis, root only; scripts/qgis_chroot.sh):
# QGIS 3.40 LTR (Debian 13) the whole suite, QGIS 3.44 (Debian unstable) tests/qgis.
test-qgis-versions:
	scripts/qgis_chroot.sh test trixie
	scripts/qgis_chroot.sh test sid tests/qgis

test-core: deps
	$(PY) -m pytest -q tests/core

# tests/core on the pandas / networkx versions other platforms' QGIS ship (own venvs).
test-matrix:
	SYS_PY=$(SYS_PY) scripts/test_matrix.sh

# QGIS 4 / Qt6 readiness: no unscoped Qt or QGIS enum members, no exec_().
qt6-check: system-deps
	$(SYS_PY) scripts/check_qt6.py

demo: deps translations
	$(PY) scripts/demo.py --out out/demo

# BENCH_SIZES: persons per run (the bundled sample replicated); the 1M runs take about 20
# minutes on an idle 2-core machine and QGIS's own chain peaks at 9.3 GB there;
# `make bench BENCH_SIZES=10000,100000` for a short run
BENCH_SIZES ?= 10000,100000,1000000
bench: deps
	$(PY) benchmarks/bench_full.py --sizes $(BENCH_SIZES)
	$(PY) benchmarks/bench_full.py --sample
	$(PY) benchmarks/bench_map.py
	$(PY) benchmarks/bench_panel.py
	$(PY) benchmarks/bench_network.py
	$(PY) benchmarks/bench_import.py
	$(PY) benchmarks/bench_places.py
	$(PY) benchmarks/bench_place_cells.py
	$(PY) benchmarks/bench_orcid.py --sizes 10000,100000

lint: deps qt6-check
	$(PY) -m ruff check $(PLUGIN) tests scripts benchmarks
	$(PY) -m ruff format --check $(PLUGIN) tests scripts benchmarks
	$(MAKE) --no-print-directory security

# bandit (medium and high) and detect-secrets: part of lint, and run by CI (.ci/run).
security: deps
	$(PY) -m bandit -q -ll -r $(PLUGIN) scripts benchmarks
	$(PY) scripts/check_secrets.py

# Thousands of generated tables through the import (tests/fuzz); make test runs a few.
fuzz: deps
	@mkdir -p out && rm -f out/fuzz.txt
	BACKFLOW_FUZZ_EXAMPLES=$${BACKFLOW_FUZZ_EXAMPLES:-2200} BACKFLOW_FUZZ_REPORT=out/fuzz.txt \
	  $(PY) -m pytest -q -p no:logging tests/fuzz
	@cat out/fuzz.txt

format: deps
	$(PY) -m ruff format $(PLUGIN) tests scripts benchmarks

gazetteer: deps
	$(PY) scripts/build_historic_places.py
	$(PY) scripts/build_gazetteer.py

sample: deps
	$(PY) scripts/make_sample.py

package: translations
	$(SYS_PY) scripts/package.py --out $(ZIP)

install: package
	mkdir -p "$(QGIS_PLUGINS)"
	rm -rf "$(QGIS_PLUGINS)/$(PLUGIN)"
	cd "$(QGIS_PLUGINS)" && $(SYS_PY) -m zipfile -e "$(CURDIR)/$(ZIP)" .
	@echo "Installed into $(QGIS_PLUGINS)/$(PLUGIN). Enable it in QGIS (Plugins > Manage) or: qgis_process.bin plugins enable $(PLUGIN)"

uninstall:
	rm -rf "$(QGIS_PLUGINS)/$(PLUGIN)"

clean:
	rm -rf $(DIST) out .pytest_cache .ruff_cache
	find . -name __pycache__ -prune -exec rm -rf {} +
