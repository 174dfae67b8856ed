# Every target creates .venv when it is missing and installs what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Debian packages: what the app needs to make PDFs, and what the tests drive
# (age for interoperability, pdftoppm to look at PDFs, tmux to type like a person,
# chromium for the app in a browser).
RUN_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
TEST_PACKAGES := $(RUN_PACKAGES) age poppler-utils tmux chromium

.PHONY: run test bench lint typecheck i18n clean system-run system-test

run: system-run $(STAMP)
	$(BIN)/dialog-kit $(ARGS)

test: system-test $(STAMP)
	$(BIN)/ruff check dialog_kit tests benchmarks
	$(BIN)/mypy
	$(BIN)/pytest $(PYTEST_ARGS)

bench: system-test $(STAMP)
	$(BIN)/python benchmarks/run_all.py

lint: $(STAMP)
	$(BIN)/ruff check dialog_kit tests benchmarks
	$(BIN)/ruff format --check dialog_kit tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

# Refresh the gettext template and merge it into the sv, da and en catalogues.
i18n: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -o dialog_kit/locale/dialog_kit.pot --no-location --sort-output dialog_kit
	$(BIN)/pybabel update -i dialog_kit/locale/dialog_kit.pot -d dialog_kit/locale -D dialog_kit --no-fuzzy-matching --omit-header

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "dialog_kit needs Python 3.11 or newer ($(PYTHON) is older); run: make PYTHON=python3.12 ..."; exit 1; }
	@$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || scripts/ensure-debian-packages.sh python3-venv
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

system-run:
	@scripts/ensure-debian-packages.sh $(RUN_PACKAGES)

system-test:
	@scripts/ensure-debian-packages.sh $(TEST_PACKAGES)

clean:
	rm -rf $(VENV) dist build .pytest_cache .mypy_cache .ruff_cache .hypothesis
