# Fresh machine: `make demo` sets up and codes the worked example; `make test` sets up and runs all tests.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared

.PHONY: setup demo test eval bench lint docs clean dashboard serve compiled test-compiled bench-compiled models

$(BIN)/rasid: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test,gazetteer,postgres,pandas,dask]'
	touch $(BIN)/rasid

# The package's bytecode compiled ahead (as pip does for a non-editable install, not for an editable one):
# where nothing writes bytecode (PYTHONDONTWRITEBYTECODE), every `rasid` start-up would otherwise
# compile its modules from source, about 0.08 s. Python still recompiles any module edited since.
setup: $(BIN)/rasid dashboard
	$(BIN)/python -m compileall -q rasid

demo: setup
	$(BIN)/rasid extract examples/hasakah-prison.txt --published 2022-01-24 --format table --quiet

test: setup
	RASID_EXPECT_BUILD=pure $(BIN)/python -m pytest

# Rebuilds every shipped model from $(SHARED)/data with fixed seeds, printing its nested k-fold
# cross-validated figures (scikit-learn comes with the `train` extra, installed here only).
models: setup
	$(BIN)/pip install -q -e '.[train]'
	$(BIN)/python -m rasid.training.train_gate --data $(SHARED)/data --out rasid/data/models/gate.json.gz
	$(BIN)/python -m rasid.training.train_ner --data $(SHARED)/data --out rasid/data/models/ner.crfsuite

# every development figure: gold sentences, main-event sentences, whole articles, incidents (needs ../shared),
# the team's labelled sentences kept out of training, and the gate's cross-validated figures
eval: setup
	@for f in gsr-ar-dev sentences-dev articles-dev incidents-dev; do echo "== $$f"; $(BIN)/rasid eval $(SHARED)/data/$$f.jsonl; done
	@for f in labels/eval/*.jsonl; do echo "== $$f (labelled by the team, kept out of training)"; $(BIN)/rasid eval $$f; done
	@echo "== the event gate, nested 5-fold cross-validated (written by make models)"; cat rasid/data/models/gate-cv.txt

bench: setup compiled
	$(BIN)/python bench/extract_speed.py
	cd /tmp && $(CURDIR)/$(CBIN)/python -P $(CURDIR)/bench/extract_speed.py

lint: setup
	$(BIN)/ruff check rasid tests
	$(BIN)/mypy rasid

# docs/cli.md is generated from the argparse parser; tests/test_cli_reference.py fails when it is stale
docs: setup
	$(BIN)/python scripts/cli_reference.py

clean:
	rm -rf $(VENV) $(CVENV) build *.egg-info .pytest_cache node_modules

# ---- dashboard (HTTP API issue): front-end packages from npm (package-lock.json), bundled by
# rasid/web/build.mjs into rasid/web/static/, which `rasid serve` serves at / (and Swagger UI at /docs).
# The build is committed (issue 16), so that sdists and wheels carry it and a machine without node can
# install and serve it: without npm, `make setup` keeps the committed build. After changing
# rasid/web/src, package*.json or build.mjs, run `make dashboard` and commit rasid/web/static
# (tests/test_package.py fails while SOURCES.sha256 does not match the sources).
DASHBOARD := rasid/web/static/app.js

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

$(DASHBOARD): node_modules/.package-lock.json rasid/web/build.mjs $(wildcard rasid/web/src/*)
	npm run --silent build

dashboard:
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory $(DASHBOARD); \
	else echo "npm not found: serving the committed dashboard build in rasid/web/static (rebuilding it needs Node.js and npm)"; fi

serve: setup
	$(BIN)/rasid serve

# ---- compiled build (issue 8, docs/scaling.md): the hot modules compiled by mypyc, in a venv of its
# own with a NON-editable install, rebuilt whenever a source changes. Run it from outside the
# repository (cd /tmp) or with `python -P`: from the repository root the pure sources would shadow it.
CVENV := .venv-compiled
CBIN := $(CVENV)/bin
COMPILED_SOURCES := pyproject.toml setup.py build_backend/rasid_build.py $(wildcard rasid/*.py rasid/*/*.py rasid/data/*)

$(CBIN)/rasid: $(COMPILED_SOURCES)
	test -x $(CBIN)/python || $(PY) -m venv $(CVENV)
	$(CBIN)/pip install -q --upgrade pip
	# setuptools packs all of build/compiled/lib into the wheel: a module moved or deleted since the last
	# build would ship as a stale copy, so that folder starts empty (mypyc's C sources are kept).
	rm -rf build/compiled/lib.*
	RASID_COMPILE=1 $(CBIN)/pip install -q '.[test,gazetteer,postgres,pandas,dask]'
	cd /tmp && $(CURDIR)/$(CBIN)/rasid --version
	touch $(CBIN)/rasid

compiled: $(CBIN)/rasid

# The whole suite against the compiled install: the venv's pytest puts no repository folder before
# site-packages, and RASID_EXPECT_BUILD makes tests/test_build.py prove the compiled modules loaded.
test-compiled: compiled
	RASID_EXPECT_BUILD=compiled $(CBIN)/pytest -p no:cacheprovider

bench-compiled: compiled
	cd /tmp && $(CURDIR)/$(CBIN)/python -P $(CURDIR)/bench/extract_speed.py
