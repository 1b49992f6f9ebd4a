# RART site. `make html` builds into output/, `make test` runs the whole suite; both create
# .venv and install the pinned dependencies on first use. `make help` lists every target.

PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PYTHON := $(BIN)/python
PELICAN := $(BIN)/pelican
INPUTDIR := content
OUTPUTDIR := output
CONFFILE := pelicanconf.py
PUBLISHCONF := publishconf.py
PORT ?= 8000
PELICANOPTS ?=
PYTEST_ARGS ?=
BABEL_KEYWORDS := -k gettext_for:2 -k translate:2 -k ntranslate:2,3

.DEFAULT_GOAL := help

help: ## List every target
	@grep -hE '^[a-zA-Z0-9_-]+:.*## ' $(MAKEFILE_LIST) | \
	  awk 'BEGIN {FS = ":.*## "} {printf "  make %-14s %s\n", $$1, $$2}'

# --- Bootstrap ----------------------------------------------------------------------------
$(VENV)/.runtime: requirements.txt pyproject.toml
	@$(PY) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + ").")'
	@test -x $(PYTHON) || $(PY) -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.txt
	@# The project's own packages (rart, rart_tools, plugins), editable: see pyproject.toml.
	$(PYTHON) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PYTHON) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements-dev.txt
	@touch $@

venv: $(VENV)/.runtime ## Create .venv with the pinned build dependencies

# Node tools for the tests (schemas, browser checks), pinned by tests/package-lock.json.
tests/node_modules/.package-lock.json: tests/package.json tests/package-lock.json
	@bash scripts/system-deps.sh node npm
	npm ci --prefix tests --no-audit --no-fund --loglevel=error
	@touch $@

# --- Build --------------------------------------------------------------------------------
# The safe build (rart_tools/build.py): checks every content file first and stops with every
# problem listed; builds into a new folder that replaces output/ only on success.
TOOLS := $(PYTHON) -m rart_tools
system-fonts: ## Find or install the fonts and FriBiDi the share cards need
	@bash scripts/system-fonts.sh

html: $(VENV)/.runtime system-fonts ## Check the content, then build the site into output/
	$(TOOLS) build --content $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) $(PELICANOPTS)

check: $(VENV)/.runtime ## Check the content only (and that renamed files keep their old address), without building
	$(TOOLS) check --content $(INPUTDIR) -s $(CONFFILE)

clean: ## Remove output/ and caches (cache/ holds encoded images: safe to delete)
	rm -rf $(OUTPUTDIR) __pycache__ .pytest_cache tests/artifacts cache

serve: $(VENV)/.runtime ## Serve output/ on http://localhost:$(PORT)
	$(PELICAN) -l $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -p $(PORT)

devserver: $(VENV)/.runtime system-fonts ## Preview on http://localhost:$(PORT): rebuilds on every save, the browser reloads
	$(TOOLS) serve --content $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -p $(PORT) $(PELICANOPTS)

publish: $(VENV)/.runtime system-fonts ## Check the content, then build with publishconf.py (refuses on any error)
	$(TOOLS) build --content $(INPUTDIR) -o $(OUTPUTDIR) -s $(PUBLISHCONF) $(PELICANOPTS)

# Scaffolding (rart_tools/scaffold.py). Values reach the tools through the environment (make
# exports command-line variables), so quotes in a title need no escaping.
# LANG is also the locale variable: only a LANG given on the command line counts.
new: $(VENV)/.runtime ## New content file: make new TYPE=news TITLE="Titolo" (news, campaign, event, member, page, achievement)
	@$(TOOLS) new --content $(INPUTDIR) "$$TYPE" "$$TITLE"

translate: $(VENV)/.runtime ## Translation stub: make translate FILE=content/pagine/obiettivi.md LANG=en
	@$(TOOLS) translate --content $(INPUTDIR) --lang "$(if $(filter command line,$(origin LANG)),$(LANG))" "$$FILE"

content-todo: $(VENV)/.runtime ## List what editors still have to fill in
	@$(TOOLS) todo --content $(INPUTDIR)

# --- Translations (Babel) -----------------------------------------------------------------
# Two gettext domains: `messages` (the interface, every language) and `editors` (messages for
# editors: rart/messages.py, in the languages of rart.messages.LANGUAGES).
extract: $(VENV)/.runtime ## Extract the interface strings and the editors' messages (translations/*.pot)
	$(BIN)/pybabel extract -F translations/babel.cfg $(BABEL_KEYWORDS) --add-comments=Translators: \
	  --sort-by-file --project=rart-site --msgid-bugs-address= --width=100 -o translations/messages.pot .
	$(BIN)/pybabel extract -F translations/editors.cfg --no-default-keywords -k N_ -k Nn_:1,2 \
	  --add-comments=Translators: --sort-by-file --project=rart-site --msgid-bugs-address= \
	  --no-wrap -o translations/editors.pot .

update-po: extract ## Merge the templates into every catalog
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching --ignore-obsolete \
	  --width=100
	$(BIN)/pybabel update -i translations/editors.pot -d translations -D editors --no-fuzzy-matching \
	  --ignore-obsolete --no-wrap

init-po: $(VENV)/.runtime ## Start a catalog for a new language: make init-po LANG=xx
	@echo "$(LANG)" | grep -Eqx '[a-z]{2,3}' || { echo "Use: make init-po LANG=xx (a language code such as de)"; exit 2; }
	$(BIN)/pybabel init -i translations/messages.pot -d translations -l $(LANG)

i18n-status: $(VENV)/.runtime ## Per language: interface strings, editors' messages, content, stale translations
	@$(TOOLS) status

# --- Tests --------------------------------------------------------------------------------
system-deps: ## Find or install the system programs the tests need (Chromium, Java, Node)
	@bash scripts/system-deps.sh chromium java node npm

lint: $(VENV)/.dev ## ruff (lint and import order) and mypy (strict for the core, rart/)
	$(BIN)/ruff check .
	$(BIN)/mypy

test: $(VENV)/.dev tests/node_modules/.package-lock.json system-deps system-fonts lint ## Run lint, then the whole test suite
	$(PYTHON) -m pytest $(PYTEST_ARGS)

test-fast: $(VENV)/.dev system-fonts ## Unit, validator and build tests only (no browser, nothing slow): well under a minute
	$(PYTHON) -m pytest -m "not browser and not slow" $(PYTEST_ARGS)

lock: ## Re-pin requirements*.txt from requirements*.in (needs pip-tools)
	$(PYTHON) -m piptools compile --generate-hashes --strip-extras --no-header --allow-unsafe requirements.in -o requirements.txt
	$(PYTHON) -m piptools compile --generate-hashes --strip-extras --no-header --allow-unsafe requirements-dev.in -o requirements-dev.txt

.PHONY: system-deps system-fonts help venv html check clean serve devserver publish new translate content-todo extract update-po init-po i18n-status lint test test-fast lock
