# The project's interface for people and CI alike; keep target names and meanings stable.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed
# The Apollo Client cache test's node project (tests/graphql_api/test_apollo_client.py); npm ci
# writes this file, so the locked packages are installed again only when the lock changes.
APOLLO := tests/apollo
APOLLO_STAMP := $(APOLLO)/node_modules/.package-lock.json

.PHONY: install run test lint format schema lock browser-deps browser-js system-deps bench

install: $(STAMP) $(APOLLO_STAMP)
	$(BIN)/python manage.py compile_catalogues --verbosity 0

# Installs exactly the versions in requirements.lock (pip and setuptools included: pip first, so
# that the locked pip installs the rest), then builds the project itself in place with the
# locked setuptools, resolving and fetching nothing more; reinstalls when either file changes
# (the stamp keeps `make run` fast).
$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet "$$(grep '^pip==' requirements.lock)"
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

# Exactly the versions in package-lock.json. Without npm, install goes on and says so: only the
# Apollo test needs it (it skips, or fails on CI); `make system-deps` installs Node.js and npm.
$(APOLLO_STAMP): $(APOLLO)/package.json $(APOLLO)/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		cd $(APOLLO) && npm ci --no-audit --no-fund --loglevel=error; \
	else \
		echo "npm is missing: $(APOLLO) is not installed and the Apollo Client test cannot run (make system-deps installs Node.js and npm)."; \
	fi

# After changing dependencies in pyproject.toml: resolve them again into requirements.lock
# (tests/cms/test_lock.py fails while the lock no longer satisfies pyproject.toml).
lock:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	test -x $(BIN)/pip-compile || $(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --allow-unsafe --extra dev --strip-extras --no-emit-index-url --no-emit-find-links --output-file requirements.lock pyproject.toml

# Links in e-mails and the admin lead to this server unless WAGTAILADMIN_BASE_URL says otherwise.
run: export WAGTAILADMIN_BASE_URL ?= http://localhost:$(PORT)
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py load_demo_content
	$(BIN)/python manage.py ensure_admin
	$(BIN)/python manage.py runserver_with_worker 0.0.0.0:$(PORT)

test: install browser-js
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest -n auto --dist loadfile $(PYTEST_ARGS)

# mypy checks graphql_api/ and site_pages/ (pyproject.toml's [tool.mypy]); its cache in
# .mypy_cache makes a run after a small change take seconds instead of a full analysis.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy


format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Regenerate the committed SDL; tests/graphql_api/test_schema.py fails when it is stale.
schema: install
	$(BIN)/python manage.py export_schema graphql_api.schema:schema --path graphql_api/schema.graphql

# The browser tests (tests/browser/) drive Debian's chromium: Playwright cannot download its own
# browser here. The Noto fonts cover every content language's script, so screenshots are legible.
# Installs only what is missing; needs root (CI runs as root).
# npm (for axe-core, below) comes with the machine's Node.js; Debian's nodejs and npm are installed
# only where there is no npm (a Node.js from elsewhere must not be replaced by Debian's).
BROWSER_PACKAGES := chromium fonts-noto-core fonts-noto-cjk
NPM_IF_MISSING := command -v npm >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm; }
browser-deps:
	@dpkg -s $(BROWSER_PACKAGES) >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(BROWSER_PACKAGES); }
	@$(NPM_IF_MISSING)

# axe-core, the accessibility checker that tests/browser/test_screens.py injects into each page,
# from the npm registry at the version tests/browser/package-lock.json pins (`npm ci`); `make test`
# runs this, so nothing is downloaded while the tests run. Without npm the screen checks are
# skipped, or fail when CI is set.
AXE := tests/browser/node_modules/axe-core/axe.min.js
browser-js: $(AXE)
$(AXE): tests/browser/package.json tests/browser/package-lock.json
	@if command -v npm >/dev/null; then cd tests/browser && npm ci --no-audit --no-fund --loglevel=error && touch node_modules/axe-core/axe.min.js; else echo "npm is missing: the browser tests' screen checks need it (sudo make browser-deps)."; fi

# Everything the full suite uses from Debian: the browser packages, and GNU gettext, against which
# tests/site_pages/test_catalogues.py cross-checks the project's own string extraction; and
# Node.js with npm for the Apollo Client test, unless the machine has its own (checked by command,
# since a Node.js from elsewhere is not Debian's package and must not be replaced by it).
SYSTEM_PACKAGES := $(BROWSER_PACKAGES) gettext
system-deps:
	@dpkg -s $(SYSTEM_PACKAGES) >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES); }
	@$(NPM_IF_MISSING)

# Benchmarks (bench/README.md): the project under gunicorn on PostgreSQL and Redis against
# wagtail-grapple (its own environment, bench/.venv-grapple), Wagtail's REST API v2 and the limit,
# at 1x and 10x content; writes bench/RESULTS.md. Needs PostgreSQL and Redis on loopback (BENCH_PG,
# BENCH_REDIS_DB) and Debian's wrk, installed here if missing (needs root). Not part of `make test`.
BENCH_PACKAGES := wrk
bench: install
	@dpkg -s $(BENCH_PACKAGES) >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(BENCH_PACKAGES); }
	bash bench/peer/install.sh
	$(BIN)/python bench/run.py
