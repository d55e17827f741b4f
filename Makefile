# Fresh machine: `make demo` sets up and codes the worked example; `make test` sets up and runs all tests.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared

.PHONY: setup demo test eval bench clean

$(BIN)/rasid: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test,gazetteer,postgres,pandas,dask]'
	touch $(BIN)/rasid

setup: $(BIN)/rasid

demo: setup
	$(BIN)/rasid extract examples/hasakah-prison.txt --published 2022-01-24 --format json

test: setup
	$(BIN)/python -m pytest

eval: setup
	$(BIN)/rasid eval $(SHARED)/data/gsr-ar-dev.jsonl

bench: setup
	$(BIN)/python bench/extract_speed.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
