# Every target bootstraps its own virtual environment from pyproject.toml.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test docs bench clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed: set PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/writ check cases/

# ruff and mypy first (configured in pyproject.toml); --dist loadgroup: the tests of the built documentation site share one build, on one worker
test: $(STAMP)
	$(BIN)/ruff check engine tests tools benchmarks
	$(BIN)/mypy engine
	$(BIN)/python -m pytest -q -n 2 --dist loadgroup

# the documentation site: pages generated from statutes/ and cases/ into build/docs-src, site in site/
docs: $(STAMP)
	$(BIN)/writ docs

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf $(VENV) site build .pytest_cache
