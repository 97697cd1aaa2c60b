# coopdata: two commands on a fresh machine: `make build` and `make test`.
SHELL := /bin/bash
PY ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
export UV_COMPILE_BYTECODE := 1
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/$(VENV)
export DAGSTER_HOME := $(CURDIR)
export DAGSTER_STATE_DIR := $(CURDIR)/.dagster
export DAGSTER_COMPUTE_LOGS_DIR := $(CURDIR)/.dagster/logs
# one "planned" event per asset for a run over a range of partitions (also for backfills the UI launches); see README
export DAGSTER_EMIT_PARTITION_SUBSET_IN_PLANNED_EVENTS ?= true
# polars' allocator hands freed pages back at once (see pipelines/cli.py): also for runs the UI launches
export _RJEM_MALLOC_CONF ?= dirty_decay_ms:0,muzzy_decay_ms:0
PORT ?= 3000

.PHONY: build test ui install clean chromium bench

$(UV):
	$(PY) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --quiet
	touch $@

install: $(VENV)/.installed
	mkdir -p $(DAGSTER_STATE_DIR)

# Debian's Chromium and its chromedriver for the browser tests (Selenium drives them: the overview, province and
# plan pages, the Dagster UI); needs root, as on CI
chromium:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; }

build: install
	$(VENV)/bin/coopdata build

test: install chromium
	$(VENV)/bin/python -m pytest

bench: install
	$(VENV)/bin/python benchmarks/run.py 100 1000 10000

ui: install
	$(VENV)/bin/dagster dev -m pipelines.definitions -h 127.0.0.1 -p $(PORT)

clean:
	rm -rf $(VENV) $(TOOLS) $(DAGSTER_STATE_DIR)
	cd warehouse && find . -mindepth 1 -maxdepth 1 ! -name README.md -exec rm -rf {} +
