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
# scripts/bootstrap.sh creates .venv and installs the pinned packages, so that .venv is either
# complete or absent (a failed or interrupted set-up is removed). It runs before every target
# that uses .venv and returns at once when nothing changed: it compares hashes, not dates.
$(VENV)/.runtime: FORCE
	@PY="$(PY)" VENV="$(VENV)" bash scripts/bootstrap.sh runtime

$(VENV)/.dev: FORCE
	@PY="$(PY)" VENV="$(VENV)" bash scripts/bootstrap.sh dev

venv: $(VENV)/.runtime ## Create .venv with the pinned build dependencies

# Node tools for the tests (schemas, browser checks), pinned by tests/package-lock.json.
tests/node_modules/.package-lock.json: tests/package.json tests/package-lock.json
	@bash scripts/system-deps.sh node npm
	npm ci --prefix tests --no-audit --no-fund --loglevel=error
	@touch $@

# --- Build --------------------------------------------------------------------------------
# The safe build (plugins/content_checks/safebuild.py): checks every content file first and
# stops with every problem listed; builds into a new folder that replaces output/ only on success.
system-fonts: ## Find or install the fonts and FriBiDi the share cards need
	@bash scripts/system-fonts.sh

html: $(VENV)/.runtime system-fonts ## Check the content, then build the site into output/
	$(PYTHON) scripts/build.py --content $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) $(PELICANOPTS)

clean: ## Remove output/ and caches (cache/ holds encoded images: safe to delete)
	rm -rf $(OUTPUTDIR) __pycache__ .pytest_cache tests/artifacts cache
	@echo "To reset the set-up as well (.venv, node_modules), run: make distclean"

distclean: clean ## Also remove .venv and node_modules: the next make sets everything up again
	rm -rf $(VENV) tests/node_modules bench/node_modules

serve: $(VENV)/.runtime ## Serve output/ on http://localhost:$(PORT)
	$(PELICAN) -l $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -p $(PORT)

devserver: $(VENV)/.runtime system-fonts ## Preview on http://localhost:$(PORT): rebuilds on every save, the browser reloads
	$(PYTHON) scripts/devserver.py --content $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -p $(PORT) $(PELICANOPTS)

publish: $(VENV)/.runtime system-fonts ## Check the content, then build with publishconf.py (refuses on any error)
	$(PYTHON) scripts/build.py --content $(INPUTDIR) -o $(OUTPUTDIR) -s $(PUBLISHCONF) $(PELICANOPTS)

# Scaffolding (plugins/content_checks/scaffold.py). Values reach the scripts through the
# environment (make exports command-line variables), so quotes in a title need no escaping.
# LANG is also the locale variable: only a LANG given on the command line counts.
new: $(VENV)/.runtime ## New content file: make new TYPE=news TITLE="Titolo" (news, campaign, member, page, achievement)
	@$(PYTHON) scripts/new.py --content $(INPUTDIR) "$$TYPE" "$$TITLE"

translate: $(VENV)/.runtime ## Translation stub: make translate FILE=content/pagine/obiettivi.md LANG=en
	@$(PYTHON) scripts/translate.py --content $(INPUTDIR) --lang "$(if $(filter command line,$(origin LANG)),$(LANG))" "$$FILE"

content-todo: $(VENV)/.runtime ## List what editors still have to fill in
	@PYTHONPATH=plugins $(PYTHON) -m content_checks $(INPUTDIR)

# --- Translations (Babel) -----------------------------------------------------------------
extract: $(VENV)/.runtime ## Extract interface strings into translations/messages.pot
	$(BIN)/pybabel extract -F translations/babel.cfg $(BABEL_KEYWORDS) --add-comments=Translators: \
	  --sort-by-file --project=rart-site --msgid-bugs-address= -o translations/messages.pot .

update-po: extract ## Merge messages.pot into every catalog
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching --ignore-obsolete

init-po: $(VENV)/.runtime ## Start a catalog for a new language: make init-po LANG=xx
	@echo "$(LANG)" | grep -Eqx '[a-z]{2,3}' || { echo "Use: make init-po LANG=xx (a language code such as de)"; exit 2; }
	$(BIN)/pybabel init -i translations/messages.pot -d translations -l $(LANG)

i18n-status: $(VENV)/.runtime ## Per language: interface strings, content translated, stale translations
	@PYTHONPATH=plugins $(PYTHON) -m i18n .

# --- Tests --------------------------------------------------------------------------------
system-deps: ## Find or install the system programs the tests need (Chromium, Java, Node)
	@PYTHON="$(PYTHON)" bash scripts/system-deps.sh chromium java node npm libatomic.so.1

test: $(VENV)/.dev system-deps tests/node_modules/.package-lock.json system-fonts ## Run the whole test suite
	$(PYTHON) -m pytest $(PYTEST_ARGS)

lock: ## Re-pin requirements*.txt from requirements*.in (needs pip-tools)
	$(PYTHON) -m piptools compile --generate-hashes --strip-extras --no-header --allow-unsafe requirements.in -o requirements.txt
	$(PYTHON) -m piptools compile --generate-hashes --strip-extras --no-header --allow-unsafe requirements-dev.in -o requirements-dev.txt

.PHONY: FORCE system-deps system-fonts help venv html clean distclean serve devserver publish new translate content-todo extract update-po init-po i18n-status test lock
