# Articula: `make run` serves the demo site, `make test` runs the whole suite.
SHELL := /bin/bash
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help

help: ## Show this help
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-12s\033[0m %s\n", $$1, $$2}'

$(PY):
	python3.11 -m venv $(VENV) || python3 -m venv $(VENV)

$(STAMP): $(PY) requirements.lock
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.lock
	touch $(STAMP)

system-deps: ## Install what pip cannot (gettext; Chromium for browser tests) when apt is available
	@command -v msgfmt >/dev/null && test -x /usr/bin/chromium || { \
	  if command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext chromium >/dev/null; \
	  else echo "Install gettext and chromium with your package manager."; fi; }

install: $(STAMP) ## Create .venv and install the locked dependencies

messages: install ## Compile translations (.po -> .mo)
	@command -v msgfmt >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; }
	$(MANAGE) compilemessages --ignore=.venv -v 0

vendor: ## Refresh the vendored front-end libraries from the npm registry (see static/vendor/README.md)
	./scripts/vendor-static.sh

migrate: messages ## Apply database migrations
	$(MANAGE) migrate --no-input -v 0

run: migrate ## Install, migrate, load demo data and serve on http://127.0.0.1:$(PORT)
	DJANGO_DEBUG=true $(MANAGE) load_demo_data
	DJANGO_DEBUG=true $(MANAGE) runserver 127.0.0.1:$(PORT)

node-deps: ## Install the npm packages the tests use (axe-core), from package-lock.json
	@command -v npm >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; }
	@test -f node_modules/.package-lock.json && cmp -s package-lock.json node_modules/.package-lock.json || npm ci --no-audit --no-fund --loglevel=error

test: system-deps messages node-deps ## Install and run the whole suite, browser tests included
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(VENV)/bin/pytest

lint: install ## ruff check, ruff format --check, djhtml
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	find templates */templates -name '*.html' -print0 2>/dev/null | xargs -0 $(VENV)/bin/djhtml --check

format: install ## Format Python and templates in place
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	find templates */templates -name '*.html' -print0 2>/dev/null | xargs -0 $(VENV)/bin/djhtml

check: messages ## manage.py check and makemigrations --check
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

makemessages: install ## Extract translatable strings into every locale/ (es, pt)
	$(MANAGE) makemessages -l es -l pt --ignore=.venv --ignore=node_modules --ignore=staticfiles --no-obsolete

bench: migrate ## Run the benchmarks (see bench/README.md)
	$(PY) bench/run.py

clean: ## Remove the virtualenv, database and generated files
	rm -rf $(VENV) db.sqlite3* staticfiles media test-media test-artifacts

.PHONY: help system-deps node-deps install messages vendor migrate run test lint format check makemessages bench clean
