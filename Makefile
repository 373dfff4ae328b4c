# Warta KIM — the two commands a newcomer needs are `make serve` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
KIM := $(BIN)/kim
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help setup build html check serve test lint clean

help:
	@echo "make serve  - siapkan lingkungan, bangun, dan sajikan portal demo di http://$(HOST):$(PORT)/"
	@echo "make test   - jalankan semua pengujian"
	@echo "make build  - bangun portal ke output/"
	@echo "make check  - periksa konten tanpa membangun"
	@echo "make lint   - periksa gaya kode (ruff)"

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

setup: $(BIN)/.installed

build html: setup
	$(KIM) build

check: setup
	$(KIM) check

serve: build
	@echo "Portal tersedia di http://$(HOST):$(PORT)/ (hentikan dengan Ctrl+C)"
	$(BIN)/pelican --listen --bind $(HOST) --port $(PORT) --output output

test: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf output __pycache__ .pytest_cache
