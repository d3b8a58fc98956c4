# Every target creates or reuses .venv and installs what it needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed

.PHONY: demo test lint format bench evaluate docs notebooks clean help

help:  ## list the targets
	@grep -E '^[a-z]+:.*## ' Makefile | sed 's/:.*## /\t/'

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(INSTALLED)

demo: $(INSTALLED)  ## run the whole pipeline on the bundled sample via a local pywb
	$(PY) tools/demo.py

test: $(INSTALLED)  ## run the test suite (what CI runs)
	$(PY) -m pytest

lint: $(INSTALLED)  ## ruff check and format check, mypy
	$(VENV)/bin/ruff check pipeline tests tools
	$(VENV)/bin/ruff format --check pipeline tests tools
	$(VENV)/bin/mypy pipeline

format: $(INSTALLED)  ## apply ruff's formatting
	$(VENV)/bin/ruff format pipeline tests tools

bench: $(INSTALLED)  ## speed, memory and request figures on a generated corpus
	$(PY) -m pip install --quiet -e '.[dev,bench]'
	$(PY) tools/bench.py

evaluate: $(INSTALLED)  ## score extraction from the sample on the labeled items
	$(PY) -m pipeline.cli extract --raw-dir raw/sample --out .eval --quiet > /dev/null
	$(PY) -m pipeline.cli evaluate --gold tests/cases/gold-dev.jsonl --out .eval

docs: $(INSTALLED)  ## regenerate docs/data-dictionary.md from the schemas
	$(PY) tools/data_dictionary.py > docs/data-dictionary.md

notebooks: $(INSTALLED)  ## execute the notebooks against processed/ (run make demo first)
	$(PY) tools/run_notebooks.py

clean:  ## remove the demo's data and the tables (raw/sample stays)
	rm -rf raw/demo processed/*.parquet processed/.parts notebooks/executed .eval
