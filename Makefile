# Two entry points for a new machine:
#   make run    set up .venv and run the main job on the shipped books
#   make test   set up .venv (with Chromium for the browser test) and run lint and tests
# Both need only python3 (>= 3.11) and, for the browser test, Debian's apt as root.

VENV   ?= .venv
PYTHON ?= python3
BIN     = $(VENV)/bin
export BEANCOUNT_DISABLE_LOAD_CACHE = 1

.PHONY: run test lint setup browser bench

$(BIN)/ledger-engine: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

setup: $(BIN)/ledger-engine

run: setup
	$(BIN)/ledger-engine check books/examples/*.beancount
	$(BIN)/ledger-engine members books/examples/thon-1-ngok-wang.beancount --as-of 2025-06-15

# Debian's Chromium for the Playwright test (Playwright cannot download its own browser).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium missing: run 'sudo apt-get install chromium' for the browser test"; fi; }

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: setup browser lint
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python bench/run.py
