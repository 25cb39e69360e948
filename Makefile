# Articula: `make run` serves the demo site, `make test` runs the whole suite. `make help` lists
# every target. Works on a fresh Debian machine with Python 3.11 (apt is used, when available,
# for what pip cannot install: gettext, Chromium, Node.js).
SHELL := /bin/bash
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed
APT_INSTALL := DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends
# Extra arguments for pytest, e.g. `make test PYTEST_ARGS="tests/accounts -x"`.
PYTEST_ARGS ?=
# Extra arguments for pip-compile in `make lock`, e.g. `make lock LOCK_ARGS=--upgrade`.
LOCK_ARGS ?=
# pytest-xdist workers: one per core (each has its own test database, live server and browser);
# PYTEST_WORKERS=0 runs in this process (quicker for a single test: no workers to migrate).
PYTEST_WORKERS ?= auto

.DEFAULT_GOAL := help

help: ## Show this help
	@echo "Articula. Usage: make <target> [PORT=8000] [PYTEST_ARGS=...]"
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-14s\033[0m %s\n", $$1, $$2}'

$(PY):
	@PYTHON=$$(command -v python3.11 || command -v python3); \
	test -n "$$PYTHON" || { echo "Python 3.11 is required." >&2; exit 1; }; \
	$$PYTHON -m venv $(VENV) 2>/dev/null || { \
	  rm -rf $(VENV); \
	  command -v apt-get >/dev/null && apt-get update -qq && $(APT_INSTALL) python3-venv >/dev/null; \
	  $$PYTHON -m venv $(VENV); }

# Development installs requirements-dev.lock (the runtime lock plus the `dev` extra: pytest,
# ruff, pip-tools...); production installs requirements.lock alone (README, Deployment). Both
# are hashed: pip refuses any file that is not exactly the locked one (pip itself included).
$(STAMP): $(PY) requirements.lock requirements-dev.lock
	$(PIP) install --quiet --require-hashes -r requirements-dev.lock
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the locked development dependencies (requirements-dev.lock)

# Same flags for both locks; against PyPI so that the hashes cover every platform's wheels.
PIP_COMPILE := $(VENV)/bin/pip-compile --quiet --allow-unsafe --generate-hashes --strip-extras \
  --no-emit-index-url --no-emit-find-links --index-url https://pypi.org/simple

# The runtime lock starts from the development one, so both pin the same versions.
lock: install ## Regenerate both locks from pyproject.toml (to upgrade: make lock LOCK_ARGS=--upgrade)
	$(PIP_COMPILE) $(LOCK_ARGS) --extra=dev --output-file=requirements-dev.lock pyproject.toml
	cp requirements-dev.lock requirements.lock
	$(PIP_COMPILE) --output-file=requirements.lock pyproject.toml

gettext: ## Install gettext (msgfmt) if it is missing
	@command -v msgfmt >/dev/null || { \
	  if command -v apt-get >/dev/null; then apt-get update -qq && $(APT_INSTALL) gettext >/dev/null; \
	  else echo "Please install gettext (msgfmt) with your package manager." >&2; exit 1; fi; }

system-deps: gettext ## Install what pip cannot (gettext; Chromium for the browser tests)
	@test -x /usr/bin/chromium || { \
	  if command -v apt-get >/dev/null; then apt-get update -qq && $(APT_INSTALL) chromium fonts-dejavu-core >/dev/null; \
	  else echo "Please install Chromium at /usr/bin/chromium for the browser tests." >&2; exit 1; fi; }

# Every .po of every locale/ folder (as compilemessages finds them); each .mo is rebuilt only
# when its .po is newer, with the msgfmt call compilemessages makes (no Python start-up).
PO_FILES := $(shell find . \( -path ./.venv -o -path ./node_modules -o -path ./.git \) -prune -o \
  -path '*/locale/*/LC_MESSAGES/*.po' -print)
MO_FILES := $(PO_FILES:.po=.mo)

%.mo: %.po
	msgfmt --check-format -o $@ $<

messages: install gettext $(MO_FILES) ## Compile translations (.po -> .mo) of every locale/ folder, those that changed

vendor: ## Refresh the vendored front-end libraries from the npm registry (see static/vendor/README.md)
	./scripts/vendor-static.sh

migrate: messages ## Apply database migrations
	$(MANAGE) migrate --no-input -v 0

# Migrations and demo data in one process (one Django start-up); a new SQLite database starts
# from a migrated copy kept in .cache/migrated (portal/demo.py, migrate_with_schema_cache).
demo: install messages ## Apply migrations and load the demo data (idempotent; accounts only with DJANGO_DEBUG=true)
	DJANGO_DEBUG=true $(MANAGE) load_demo_data --migrate

# Links in the emails it sends (printed on the console) lead to this very server.
run: demo ## Install, migrate, load demo data and serve on http://127.0.0.1:$(PORT)
	@echo "Serving Articula on http://127.0.0.1:$(PORT)/ (demo accounts: admin@example.org ... password articula-demo)"
	DJANGO_DEBUG=true WAGTAILADMIN_BASE_URL=http://127.0.0.1:$(PORT) $(MANAGE) runserver 127.0.0.1:$(PORT)

node_modules/.installed: package-lock.json
	@command -v npm >/dev/null || { \
	  if command -v apt-get >/dev/null; then apt-get update -qq && $(APT_INSTALL) nodejs npm >/dev/null; \
	  else echo "Please install Node.js and npm." >&2; exit 1; fi; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

node-deps: node_modules/.installed ## Install the npm packages the tests use (axe-core), from package-lock.json

test: system-deps messages node-deps ## Install and run the whole suite in parallel, browser tests included (artifacts in test-artifacts/)
	mkdir -p test-artifacts
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(VENV)/bin/pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS) \
	  --junitxml=test-artifacts/junit.xml -o junit_family=xunit2

test-fast: messages ## Run the suite without the browser tests, keeping the test database between runs (PYTEST_ARGS=--create-db rebuilds it)
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(VENV)/bin/pytest -n $(PYTEST_WORKERS) --dist loadgroup --reuse-db -m "not browser" $(PYTEST_ARGS)

lint: install ## ruff check, ruff format --check, djhtml --check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	find templates */templates -name '*.html' -print0 2>/dev/null | xargs -0 $(VENV)/bin/djhtml --check

format: install ## Format Python and templates in place
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	find templates */templates -name '*.html' -print0 2>/dev/null | xargs -0 $(VENV)/bin/djhtml

check: messages ## manage.py check (and --deploy with production settings), makemigrations --check
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run
	env -u DJANGO_ALLOW_ASYNC_UNSAFE -u DJANGO_DEBUG \
	  DJANGO_SETTINGS_MODULE=portal.settings.production DJANGO_ALLOWED_HOSTS=articula.example.org \
	  WAGTAILADMIN_BASE_URL=https://articula.example.org \
	  DJANGO_SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') \
	  $(MANAGE) check --deploy --fail-level WARNING

makemessages: install ## Extract strings into every locale/ folder at once (per app: see README)
	$(MANAGE) makemessages -l es -l pt --ignore=.venv --ignore=node_modules --ignore=staticfiles --no-obsolete

# Options for bench/bench_site.py, e.g. `make bench BENCH_ARGS="--sizes demo --seconds 3"`.
BENCH_ARGS ?=

bench: messages ## One table for every page type: demo and scale, cached and uncached, SQLite (+ PostgreSQL with DATABASE_URL) (bench/README.md)
	$(PY) bench/bench_site.py $(BENCH_ARGS)

bench-all: messages ## Every benchmark in bench/ one after the other (bench/run.py)
	$(PY) bench/run.py

bench-startup: messages ## Seconds from `make run` to the first page, fresh database (bench/bench_startup.py)
	$(PY) bench/bench_startup.py $(BENCH_ARGS)

ci: ## Everything CI runs: lint, check, tests on SQLite then on PostgreSQL (.ci/run)
	./.ci/run

clean: ## Remove the virtualenv, database and generated files
	rm -rf $(VENV) db.sqlite3* staticfiles media test-media test-artifacts sent-emails node_modules .cache
	find . -name '*.mo' -not -path './.venv/*' -delete

.PHONY: help install lock gettext system-deps node-deps messages vendor migrate demo run test test-fast lint format check makemessages bench bench-all bench-startup ci clean
