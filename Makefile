# Quick start: `make demo` (set up and run on bundled samples), `make test` (set up and run the tests).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DEMO   := demo-output

.PHONY: demo test lint bench templates clean

$(BIN)/python:
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "python3-venv missing: installing it with apt-get"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); \
	  else echo "Cannot create a virtual environment: install python3-venv (sudo apt-get install python3-venv)"; exit 2; fi; }
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e ".[batch]"
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e ".[dev]"
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/perfxl demo --out $(DEMO)

test: $(VENV)/.installed-dev
	$(BIN)/ruff check perfxl tests bench
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check perfxl tests bench

bench: $(VENV)/.installed-dev
	$(BIN)/python bench/scoring.py
	$(BIN)/python bench/read.py
	$(BIN)/python bench/validate.py
	$(BIN)/python bench/batch.py
	$(BIN)/python bench/fuzz.py
	$(BIN)/python bench/documents.py
	$(BIN)/python bench/excel.py

templates: $(VENV)/.installed-dev
	$(BIN)/perfxl templates build --out workbook_templates
	$(BIN)/perfxl report-templates --out report_templates

clean:
	rm -rf $(VENV) $(DEMO) .pytest_cache .ruff_cache .hypothesis
