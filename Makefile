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

# The browser editor (/admin/): Sveltia CMS from npm, pinned by admin/package-lock.json, bundled
# with esbuild into admin/dist/ (admin/build.mjs). make html does not need it (nor Node.js);
# make publish, make test and make edit build it first.
ADMIN_BUNDLE := admin/dist/entry.js
admin/node_modules/.package-lock.json: admin/package.json admin/package-lock.json
	@bash scripts/system-deps.sh node npm
	npm ci --prefix admin --no-audit --no-fund --loglevel=error
	@touch $@

$(ADMIN_BUNDLE): admin/node_modules/.package-lock.json admin/build.mjs $(wildcard admin/src/*.js)
	node admin/build.mjs

admin: $(ADMIN_BUNDLE) ## Bundle the browser editor for /admin/ (needs Node.js: found or installed)

# --- Build --------------------------------------------------------------------------------
# The safe build (rart_tools/build.py): checks every content file first and stops with every
# problem listed; builds into a new folder that replaces output/ only on success.
TOOLS := $(PYTHON) -m rart_tools
system-fonts: ## Find or install the fonts and FriBiDi the share cards need
	@bash scripts/system-fonts.sh

html: $(VENV)/.runtime system-fonts ## Check the content, then build the site into output/
	$(TOOLS) build --content $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) $(PELICANOPTS)

check: $(VENV)/.runtime ## Check the content only (renamed files keep their old address), build nothing (CI shows the messages on the pull request)
	$(TOOLS) check --content $(INPUTDIR) -s $(CONFFILE)

clean: ## Remove output/ and caches (cache/ holds encoded images: safe to delete)
	rm -rf $(OUTPUTDIR) __pycache__ .pytest_cache tests/artifacts cache admin/dist
	@echo "To reset the set-up as well (.venv, node_modules), run: make distclean"

distclean: clean ## Also remove .venv and node_modules: the next make sets everything up again
	rm -rf $(VENV) tests/node_modules bench/node_modules admin/node_modules

serve: $(VENV)/.runtime ## Serve output/ on http://localhost:$(PORT)
	$(PELICAN) -l $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -p $(PORT)

devserver: $(VENV)/.runtime system-fonts ## Preview on http://localhost:$(PORT): rebuilds on every save, the browser reloads
	$(TOOLS) serve --content $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -p $(PORT) $(PELICANOPTS)

publish: $(VENV)/.runtime system-fonts $(ADMIN_BUNDLE) ## Check the content, then build with publishconf.py (refuses on any error)
	$(TOOLS) build --content $(INPUTDIR) -o $(OUTPUTDIR) -s $(PUBLISHCONF) $(PELICANOPTS)

edit: $(VENV)/.runtime system-fonts $(ADMIN_BUNDLE) ## Edit in the browser: http://127.0.0.1:$(PORT)/admin/ writes into content/ (no account)
	$(TOOLS) edit --content $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -p $(PORT) $(PELICANOPTS)

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
	@PYTHON="$(PYTHON)" bash scripts/system-deps.sh chromium java node npm libatomic.so.1

lint: $(VENV)/.dev ## ruff (lint and import order) and mypy (strict for the core, rart/)
	$(BIN)/ruff check .
	$(BIN)/mypy

test: $(VENV)/.dev system-deps system-fonts tests/node_modules/.package-lock.json $(ADMIN_BUNDLE) lint ## Run lint, then the whole test suite
	$(PYTHON) -m pytest $(PYTEST_ARGS)

test-fast: $(VENV)/.dev system-fonts ## Unit, validator and build tests only (no browser, nothing slow): well under a minute
	$(PYTHON) -m pytest -m "not browser and not slow" $(PYTEST_ARGS)

# --- Benches (timings are never tests) ----------------------------------------------------
BENCH_ARGS ?=
bench: $(VENV)/.runtime system-fonts ## Time make html cold/warm/one edit, make publish and vanilla Pelican (500 news × 4 languages; BENCH_ARGS="--rounds 1")
	$(PYTHON) bench/multilingual.py $(BENCH_ARGS)

guide-images: $(VENV)/.dev ## After make test: the editor's screenshots (tests/artifacts/editor/) into docs/guida/
	$(PYTHON) scripts/guide_images.py tests/artifacts/editor docs/guida

lock: ## Re-pin requirements*.txt from requirements*.in (needs pip-tools)
	$(PYTHON) -m piptools compile --generate-hashes --strip-extras --no-header --allow-unsafe requirements.in -o requirements.txt
	$(PYTHON) -m piptools compile --generate-hashes --strip-extras --no-header --allow-unsafe requirements-dev.in -o requirements-dev.txt

.PHONY: FORCE system-deps system-fonts help venv admin html check clean distclean serve devserver edit publish new translate content-todo extract update-po init-po i18n-status lint test test-fast bench guide-images lock
