# coopdata: two commands on a fresh machine: `make build` and `make test`.
SHELL := /bin/bash
PY ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
export UV_COMPILE_BYTECODE := 1
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/$(VENV)
export DAGSTER_HOME := $(CURDIR)/.dagster
PORT ?= 3000

.PHONY: build test ui install clean

$(UV):
	$(PY) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --quiet
	touch $@

install: $(VENV)/.installed
	mkdir -p $(DAGSTER_HOME)
	ln -sf ../dagster.yaml $(DAGSTER_HOME)/dagster.yaml

build: install
	$(VENV)/bin/coopdata build

test: install
	$(VENV)/bin/python -m pytest

ui: install
	$(VENV)/bin/dagster dev -m pipelines.definitions -h 127.0.0.1 -p $(PORT)

clean:
	rm -rf $(VENV) $(TOOLS) $(DAGSTER_HOME) warehouse/releases warehouse/current warehouse/parquet warehouse/coopdata.duckdb
