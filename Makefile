# Two entry points for a new machine:
#   make run    set up .venv and run the main job on the shipped books
#   make test   set up .venv (with Chromium for the browser test) and run lint and tests
# Both need only python3 (>= 3.11) and, for the browser test, Debian's apt as root.

VENV   ?= .venv
PYTHON ?= python3
BIN     = $(VENV)/bin
export BEANCOUNT_DISABLE_LOAD_CACHE = 1

.PHONY: run test lint setup browser bench bench-national messages

$(BIN)/ledger-engine: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

setup: $(BIN)/ledger-engine

# The province's view of the shipped books at the 2025 annual report date: coverage by
# district, then the plan's annual report as a web page and a workbook under out/.
AS_OF ?= 2025-12-15
run: setup
	$(BIN)/ledger-engine coverage books/kon-tum --as-of $(AS_OF) --by district
	$(BIN)/ledger-engine report annual books/kon-tum --year 2025 --format html -o out/bao-cao-nam-2025.html
	$(BIN)/ledger-engine report annual books/kon-tum --year 2025 --format xlsx -o out/bao-cao-nam-2025.xlsx
	@if command -v chromium >/dev/null 2>&1; then \
	  $(BIN)/ledger-engine report annual books/kon-tum --year 2025 --format pdf -o out/bao-cao-nam-2025.pdf; \
	else echo "no chromium: the PDF is skipped (make browser installs it)"; fi
	@echo "Annual report 2025: out/bao-cao-nam-2025.html (open in a browser), .xlsx and .pdf (to print and sign)"

# Debian's Chromium for the Playwright test (Playwright cannot download its own browser) and
# for the report's PDF, and poppler-utils (pdftotext, pdfinfo) for the PDF test.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium missing: run 'sudo apt-get install chromium' for the browser test"; fi; }
	@command -v pdftotext >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq poppler-utils >/dev/null; \
	  else echo "pdftotext missing: run 'sudo apt-get install poppler-utils' for the PDF test"; fi; }

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: setup browser lint
	$(BIN)/python -m pytest

# Benchmarks rewrite bench/RESULTS.md; the books they generate stay in bench/.data/ for the
# next run. bench-national (12,000 clubs, local pool and Dask) is long, so it is separate;
# CLUBS=300 makes it a quick look.
bench: setup
	$(BIN)/python bench/run.py

CLUBS ?= 12000
bench-national: setup
	$(BIN)/python bench/national.py --clubs $(CLUBS)

# Messages a treasurer reads: collect every _() from the code into the catalog template, merge
# it into the Vietnamese catalog (translate the new entries there), and compile the .mo files
# the program reads. tests/test_i18n.py fails while a message lacks its translation.
LOCALE = ledger_engine/locale
messages: setup
	$(BIN)/pybabel -q extract -F babel.cfg -k N_ -k ngettext:1,2 --no-location --omit-header --sort-output \
	  --project ledger-engine -o $(LOCALE)/ledger_engine.pot .
	$(BIN)/pybabel -q update -i $(LOCALE)/ledger_engine.pot -d $(LOCALE) -D ledger_engine -l vi \
	  --no-fuzzy-matching --ignore-obsolete
	$(BIN)/pybabel -q compile -d $(LOCALE) -D ledger_engine
