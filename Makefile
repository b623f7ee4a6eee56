# lepcli: `make demo` sets everything up and runs the main job; `make test` runs every check.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
EXTRAS ?= dev,mt,export,talk

.PHONY: setup system-deps argos demo test lint check bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e '.[$(EXTRAS)]'
	touch $@

## argos: the optional argostranslate extra (MT parity tests, bench); torch==2.13.0 (CPU) is pinned
## first so that stanza cannot pull another (CUDA, ~5 GB) torch. Runs once (stamp file).
$(VENV)/.argos: $(VENV)/.installed
	$(BIN)/pip install -q 'torch==2.13.0'
	$(BIN)/pip install -q 'torch==2.13.0' -e '.[$(EXTRAS),argos]'
	touch $@

argos: $(VENV)/.argos

## setup: virtual environment, lepcli with its extras, system packages (fonts, poppler, chromium)
setup: $(VENV)/.installed system-deps

system-deps:
	bash scripts/install-system-deps.sh

## demo: set up, then run the main commands on the shipped phrasebooks and example agency file
demo: setup
	bash scripts/demo.sh

## test: set up, then lint, type-check, validate phrasebooks and run the test suite (network blocked)
test: setup argos
	$(BIN)/ruff check lepcli tests bench scripts
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/lep phrase check
	@# bytecode for lepcli as an installed copy has it (an editable install has none, and a shell with
	@# PYTHONDONTWRITEBYTECODE would recompile every module in each of the suite's `lep` processes)
	$(BIN)/python -m compileall -q lepcli
	$(BIN)/python -m pytest -q -n 2

bench: setup argos
	for f in bench/bench_*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
