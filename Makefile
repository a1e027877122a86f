# Two commands: `make run` (set up, load the demo study, open the app) and `make test` (set up, run everything).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint bench demo clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/coding init
	$(BIN)/coding demo
	$(BIN)/streamlit run app_streamlit.py --browser.gatherUsageStats false

demo: $(STAMP)
	$(BIN)/coding demo

lint: $(STAMP)
	$(BIN)/ruff check coding tests bench app_streamlit.py
	$(BIN)/mypy coding

test: $(STAMP) lint
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
