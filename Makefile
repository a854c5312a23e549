# Two commands for a fresh machine:  `make run`  and  `make test`  (see README.md).
# Everything is installed inside the checkout: .venv (Python), .tools (bun, axe-core, Reflex's cache).

SHELL := /bin/bash
PYTHON ?= python3
VENV := $(CURDIR)/.venv
BIN := $(VENV)/bin
TOOLS := $(CURDIR)/.tools
BUN := $(TOOLS)/npm/bin/bun
AXE := $(TOOLS)/axe/node_modules/axe-core/axe.min.js

# Reflex must never reach outside the package registries, nor phone home.
export REFLEX_DIR := $(TOOLS)/reflex
export PATH := $(TOOLS)/npm/bin:$(BIN):$(PATH)
export NPM_CONFIG_REGISTRY ?= https://registry.npmjs.org/
export REFLEX_TELEMETRY_ENABLED := false
export REFLEX_CHECK_LATEST_VERSION := false
export PIP_DISABLE_PIP_VERSION_CHECK := 1
export PORTAIL_AXE_JS := $(AXE)

.PHONY: run test test-db test-redis lint install-run install-test

run: $(VENV)/.run-installed $(BUN)
	$(BIN)/portail migrate
	$(BIN)/portail demo
	$(BIN)/reflex run --env prod --single-port

test: $(VENV)/.test-installed $(BUN) $(AXE) /usr/bin/chromium
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy portail_famille tests
	$(BIN)/pytest -p no:cacheprovider

# Run again by .ci/run when PostgreSQL answers: the database-level tests on PostgreSQL.
test-db: $(VENV)/.test-installed
	PORTAIL_TEST_DATABASE_URL=$${PORTAIL_TEST_DATABASE_URL:-postgresql+psycopg2://postgres@127.0.0.1:5432/test} \
	  $(BIN)/pytest -p no:cacheprovider -m db

# Run again by .ci/run when Redis answers: the end-to-end smoke test with Reflex's state in Redis
# and several backend workers.
test-redis: $(VENV)/.test-installed $(BUN) /usr/bin/chromium
	REFLEX_REDIS_URL=$${REFLEX_REDIS_URL:-redis://127.0.0.1:6379/0} GRANIAN_WORKERS=3 \
	  $(BIN)/pytest -p no:cacheprovider -m smoke tests/e2e

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.run-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.run-installed

# bun from the npm registry: Reflex's own installer downloads from a site users may not reach.
$(BUN):
	npm install --global --prefix $(TOOLS)/npm --allow-scripts=bun --no-fund --no-audit bun@1.4.4

# axe-core, injected into pages by the accessibility tests.
$(AXE):
	npm install --prefix $(TOOLS)/axe --no-fund --no-audit --no-save axe-core@4.14.1

# Debian's Chromium for Playwright (never a browser download), and what WeasyPrint renders with.
/usr/bin/chromium:
	$$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get update -qq
	$$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get install -y -qq chromium fonts-dejavu-core \
	  libpango-1.0-0 libpangoft2-1.0-0
