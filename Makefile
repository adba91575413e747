# relations_lib — every command sets up .venv from requirements.lock on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help report data test test-fast lab bench evaluate lint format lock clean setup

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): requirements.lock requirements-model.lock pyproject.toml
	@PYTHON=$(PYTHON) VENV=$(VENV) bash scripts/bootstrap.sh

setup: $(STAMP) ## create .venv from the lock file (done automatically by the other targets)

report: $(STAMP) ## rebuild data/, run every notebook, write reports/ (HTML + PNG figures)
	@$(BIN)/python -m relations_lib.report

data: $(STAMP) ## rebuild the derived tables in data/ (validated, atomic, byte-stable)
	@$(BIN)/python -m relations_lib.build

test: $(STAMP) ## run every test: library, notebooks (nbval) and browser (JupyterLab + reports)
	@bash scripts/ensure_chromium.sh
	@$(BIN)/python -m pytest tests --nbval notebooks --nbval-current-env --nbval-sanitize-with notebooks/sanitize.cfg -p no:cacheprovider

test-fast: $(STAMP) ## library tests only (no notebooks, no browser)
	@$(BIN)/python -m pytest tests -m "not browser" -q

lab: $(STAMP) ## open JupyterLab on notebooks/ (bound to 127.0.0.1)
	@$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.root_dir=notebooks

bench: $(STAMP) ## run the benchmarks, write benchmarks/results.json
	@$(BIN)/python -m relations_lib.bench

DEVSET := tests/fixtures/real

evaluate: $(STAMP) ## score the events on the development set (tune and holdout apart), write benchmarks/accuracy.json
	@$(BIN)/python -m relations_lib.cli evaluate $(DEVSET)/articles $(DEVSET)/labels --manifest $(DEVSET)/manifest.csv --out benchmarks/accuracy.json

lint: $(STAMP) ## ruff check and format check
	@$(BIN)/ruff check . && $(BIN)/ruff format --check .

format: $(STAMP) ## ruff fix and format
	@$(BIN)/ruff check --fix . && $(BIN)/ruff format .

lock: ## re-resolve pyproject.toml's dependencies into requirements.lock
	@PYTHON=$(PYTHON) bash scripts/lock.sh

clean: ## remove .venv, reports/ and caches
	rm -rf $(VENV) reports test-artifacts .pytest_cache .ruff_cache build dist
