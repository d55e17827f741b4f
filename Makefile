# Fresh machine: `make demo` sets up and codes the worked example; `make test` sets up and runs all tests.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared

.PHONY: setup demo test eval bench lint clean dashboard serve

$(BIN)/rasid: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test,gazetteer,postgres,pandas,dask]'
	touch $(BIN)/rasid

setup: $(BIN)/rasid dashboard

demo: setup
	$(BIN)/rasid extract examples/hasakah-prison.txt --published 2022-01-24 --format json

test: setup
	$(BIN)/python -m pytest

eval: setup
	$(BIN)/rasid eval $(SHARED)/data/gsr-ar-dev.jsonl

bench: setup
	$(BIN)/python bench/extract_speed.py

lint: setup
	$(BIN)/ruff check rasid tests

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache node_modules rasid/web/static

# ---- dashboard (HTTP API issue): front-end packages from npm (package-lock.json), bundled by
# rasid/web/build.mjs into rasid/web/static/, which `rasid serve` serves at /.
DASHBOARD := rasid/web/static/app.js

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

$(DASHBOARD): node_modules/.package-lock.json rasid/web/build.mjs $(wildcard rasid/web/src/*)
	npm run --silent build

dashboard: $(DASHBOARD)

serve: setup
	$(BIN)/rasid serve
