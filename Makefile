# Two commands: `make run` (set up, load the demo study, open the app) and `make test` (set up, run everything).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# The benchmarks run in their own venv: BERTopic (a peer in the clustering benchmark) brings torch, UMAP and HDBSCAN,
# which the project itself does not need.
BENCH_VENV := .venv-bench
BENCH_STAMP := $(BENCH_VENV)/.installed-stamp

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
	$(BIN)/lint-imports

test: $(STAMP) lint
	$(BIN)/python -m pytest

$(BENCH_STAMP): pyproject.toml
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install --quiet --upgrade pip
	# torch first, the CPU build from the local disk; otherwise bertopic pulls a CUDA build of several GB.
	$(BENCH_VENV)/bin/pip install --quiet torch==2.13.0
	$(BENCH_VENV)/bin/pip install --quiet -e '.[postgres]'
	$(BENCH_VENV)/bin/pip install --quiet bertopic deduce
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(BENCH_VENV)/bin/python -m bench

clean:
	rm -rf $(VENV) $(BENCH_VENV) .pytest_cache .mypy_cache .ruff_cache
