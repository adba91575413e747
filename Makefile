# relations_lib — every command sets up .venv from requirements.lock on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help report data test test-fast lab bench lint format lock clean setup

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

test-fast: $(STAMP) ## library tests only (no slow fuzz, no notebooks, no browser)
	@$(BIN)/python -m pytest tests -m "not browser and not slow" -q

# make lab PORT=8899 TOKEN=secret [LAB_ARGS=--no-browser]: the token goes through the environment
# (JUPYTER_TOKEN), not the command line where `ps` would show it; without TOKEN a random one is
# made and printed. --allow-root is added when run as root (containers).
PORT     ?= 8888
TOKEN    ?=
LAB_ARGS ?=
lab: $(STAMP) ## open JupyterLab on notebooks/ at 127.0.0.1:PORT with a token (PORT=8888 TOKEN=random)
	@token='$(TOKEN)'; \
	if [ -z "$$token" ]; then token=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(24))'); fi; \
	root=; if [ "$$(id -u)" = 0 ]; then root=--allow-root; fi; \
	echo "[lab] JupyterLab on http://127.0.0.1:$(PORT)/lab?token=$$token (Ctrl-C to stop)"; \
	JUPYTER_TOKEN="$$token" exec $(BIN)/jupyter lab $$root --ServerApp.ip=127.0.0.1 \
	  --ServerApp.port=$(PORT) --ServerApp.port_retries=0 --ServerApp.root_dir=notebooks $(LAB_ARGS)

bench: $(STAMP) ## run the benchmarks, write benchmarks/results.json
	@$(BIN)/python -m relations_lib.bench

lint: $(STAMP) ## ruff check and format check
	@$(BIN)/ruff check . && $(BIN)/ruff format --check .

format: $(STAMP) ## ruff fix and format
	@$(BIN)/ruff check --fix . && $(BIN)/ruff format .

lock: ## re-resolve pyproject.toml's dependencies into requirements.lock
	@PYTHON=$(PYTHON) bash scripts/lock.sh

clean: ## remove .venv, reports/ and caches
	rm -rf $(VENV) reports test-artifacts .pytest_cache .ruff_cache build dist
