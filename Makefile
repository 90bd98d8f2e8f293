# Two commands set everything up on a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# `make serve HOST=... PORT=...` pass options; left empty, the service's settings decide
# (NUTRIKG_HOST, NUTRIKG_PORT and every other NUTRIKG_* variable, else 127.0.0.1:8000).
HOST   ?=
PORT   ?=

.PHONY: serve test lint build bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test,bench,train]'
	touch $@

# The field's own validators (kgx, biolink-model, reasoner-pydantic) in a virtualenv of their own:
# they pull in much that the service never needs (tests/tools/README.md).
TOOLS := .tools-venv
$(TOOLS)/.installed: pyproject.toml
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet 'kgx==2.6.0' 'biolink-model==4.4.6' 'reasoner-pydantic==6.0.0'
	touch $@

build: $(VENV)/.installed
	$(BIN)/nutrikg build --if-needed

serve: build
	$(BIN)/nutrikg serve $(if $(HOST),--host $(HOST)) $(if $(PORT),--port $(PORT))

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: $(VENV)/.installed $(TOOLS)/.installed lint
	$(BIN)/pytest

bench: $(VENV)/.installed
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) $(TOOLS) data test-artifacts .pytest_cache .mypy_cache .ruff_cache
