# Every target creates .venv when it is missing and installs what it needs.
# The tests run with Python's bytecode cache on even where PYTHONDONTWRITEBYTECODE is set:
# every worker and every `python -m dialog_kit` a test starts would otherwise compile the
# package (and pytest rewrite every test module) again, 4 s of CPU per worker.
# The venv's interpreter: Debian's own python3 when it is 3.11 or newer, as on bookworm.
# Debian builds it with profile-guided optimisation and LTO; a plain source build (what
# pyenv makes by default) ran the suite 13 % slower here. Any 3.11+ works: make PYTHON=...
# (an existing .venv keeps the interpreter it was made with: make clean first).
SYSTEM_PYTHON := $(shell /usr/bin/python3 -c 'import sys; print(sys.executable if sys.version_info >= (3, 11) else "")' 2>/dev/null)
PYTHON ?= $(or $(SYSTEM_PYTHON),python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Exact versions with hashes of everything make installs (runtime and the test extra),
# resolved from pyproject.toml's ranges for every platform and Python 3.11+ by `make lock`.
LOCK := requirements.lock
# The tool that writes the lock; installed into the venv (outside its site-packages) on demand.
UV_VERSION := 0.13.8
UV := $(VENV)/lock-tool/bin/uv
# The compiled catalogues the app reads (build output, not in git): see hatch_build.py.
PO := $(wildcard dialog_kit/locale/*/LC_MESSAGES/dialog_kit.po)
MO := $(PO:.po=.mo)
# Test workers: the suite is CPU-bound (Textual, WeasyPrint, scrypt), so about one per core;
# one more keeps the cores busy while a test waits for tmux, Chromium or a subprocess.
# Each worker costs a few seconds of CPU to start (imports, collection): no more than that
# (4 workers measured slower: 226 s against 207 s). worksteal: a worker that runs out takes
# half of another's queue, instead of one worker running the last 40 s alone.
PYTEST_WORKERS ?= 3
PYTEST_DIST ?= worksteal
PYTEST := env -u PYTHONDONTWRITEBYTECODE $(BIN)/pytest -n $(PYTEST_WORKERS) --dist $(PYTEST_DIST) $(PYTEST_ARGS)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Debian packages: what the app needs to make PDFs, and what the tests drive
# (age for interoperability, pdftoppm to look at PDFs, tmux to type like a person,
# chromium for the app in a browser).
RUN_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
TEST_PACKAGES := $(RUN_PACKAGES) age poppler-utils tmux chromium

.PHONY: run test bench lint typecheck i18n lock lock-upgrade check-lock clean system-run system-test

run: system-run $(STAMP) $(MO)
	$(BIN)/dialog-kit $(ARGS)

# mypy runs beside pytest, which leaves some CPU idle while its TUI tests wait; mypy's
# report is printed after pytest's, and either one failing fails the target.
test: system-test $(STAMP) $(MO) check-lock
	$(BIN)/ruff check dialog_kit tests benchmarks scripts hatch_build.py
	@typing_log=$$(mktemp); \
	{ $(BIN)/mypy && $(BIN)/mypy --strict scripts hatch_build.py; } >"$$typing_log" 2>&1 & typing=$$!; \
	echo "$(PYTEST)"; $(PYTEST); tests=$$?; \
	wait $$typing; typed=$$?; \
	echo "mypy (strict, the package, then scripts and hatch_build.py):"; cat "$$typing_log"; rm -f "$$typing_log"; \
	[ $$tests -eq 0 ] && [ $$typed -eq 0 ]

# Fails when the venv differs from the lock, or the lock from pyproject.toml (CI runs it too).
check-lock: $(STAMP)
	$(BIN)/python scripts/check_lock.py --lock $(LOCK)

bench: system-test $(STAMP)
	$(BIN)/python benchmarks/run_all.py

lint: $(STAMP)
	$(BIN)/ruff check dialog_kit tests benchmarks scripts hatch_build.py
	$(BIN)/ruff format --check dialog_kit tests benchmarks scripts hatch_build.py

typecheck: $(STAMP)
	$(BIN)/mypy
	$(BIN)/mypy --strict scripts hatch_build.py

# Refresh the gettext template, merge it into the sv, da and en catalogues, compile them.
# Besides _, gettext, ngettext and N_ (Babel's defaults): ntranslate(singular, plural, n, lang).
# The catalogues keep their header (Language, Plural-Forms); the template's date is not copied.
i18n: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -o dialog_kit/locale/dialog_kit.pot --no-location --sort-output --project dialog_kit --copyright-holder "dialog_kit contributors" -k ntranslate:1,2 dialog_kit
	$(BIN)/pybabel update -i dialog_kit/locale/dialog_kit.pot -d dialog_kit/locale -D dialog_kit --no-fuzzy-matching --ignore-pot-creation-date --ignore-obsolete
	$(BIN)/python hatch_build.py

# A catalogue changed since it was compiled (the install compiles them all).
$(MO): %.mo: %.po hatch_build.py | $(STAMP)
	$(BIN)/python hatch_build.py $<

# Rewrite the lock from pyproject.toml, keeping the pinned versions that still fit;
# lock-upgrade takes the newest versions the ranges allow. Commit the lock afterwards.
lock: $(UV)
	$(UV) pip compile pyproject.toml --extra test --universal --python-version 3.11 \
	  --generate-hashes --custom-compile-command 'make lock' --quiet --output-file $(LOCK) $(LOCK_ARGS)

lock-upgrade:
	$(MAKE) lock LOCK_ARGS=--upgrade

$(UV): | $(BIN)/python
	$(BIN)/python -m pip install --quiet --target $(VENV)/lock-tool 'uv==$(UV_VERSION)'

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "dialog_kit needs Python 3.11 or newer ($(PYTHON) is older); run: make PYTHON=python3.12 ..."; exit 1; }
	@$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || scripts/ensure-debian-packages.sh python3-venv
	$(PYTHON) -m venv $(VENV)

# Only the lock's pins, each checked against its hashes; then dialog_kit itself, editable,
# built with the locked hatchling and babel (the build hook compiles the catalogues).
$(STAMP): $(LOCK) pyproject.toml hatch_build.py | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes --only-binary :all: -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

system-run:
	@scripts/ensure-debian-packages.sh $(RUN_PACKAGES)

system-test:
	@scripts/ensure-debian-packages.sh $(TEST_PACKAGES)

clean:
	rm -rf $(VENV) dist build .pytest_cache .mypy_cache .ruff_cache .hypothesis
	rm -f $(MO)
