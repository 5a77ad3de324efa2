# The housing assistant: `make run` to start it, `make test` to check it (see README.md).
SHELL := /bin/bash
.DEFAULT_GOAL := run

# Python 3.10 (Rasa 3.6 does not run on 3.11): python3.10 on PATH, else pyenv's.
PYTHON310 ?= $(shell for p in python3.10 $(HOME)/.pyenv/versions/3.10*/bin/python3.10 /usr/bin/python3.10; do \
	  if "$$p" -c 'import sys; assert sys.version_info[:2] == (3, 10)' >/dev/null 2>&1; then command -v "$$p" || echo "$$p"; break; fi; done)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export PYTHONPATH := $(CURDIR)

.PHONY: run test setup venv model lock validate pip-check unit-test clean advisor chromium widget migrate stories nlu-report purge cluster haproxy bench-long bench-users bench-console

## Set-up: the virtual environment with every pinned dependency, then the model.
setup: venv model widget migrate

venv: $(STAMP)

$(STAMP): requirements.in constraints.txt
	@test -n "$(PYTHON310)" || { echo "python3.10 is required (Rasa 3.6 does not run on 3.11)"; exit 1; }
	@test -x $(PY) || $(PYTHON310) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip==24.2
	$(PY) -m pip install --disable-pip-version-check --progress-bar off -r requirements.in -c constraints.txt
	$(PY) -m pip check
	@touch $@

# Trains only when no model in models/ matches the config, domain and data (fingerprint).
model: $(STAMP)
	$(PY) -m bot.tools.model train

## The console's tables (Alembic migrations) on DATABASE_URL (default: SQLite under var/).
migrate: $(STAMP)
	$(PY) -m bot.tools.migrate

## Apply the retention durations once on DATABASE_URL (RETENTION_*_DAYS; the web app also does it
## every day). `make purge DAYS=0` sets every duration to 0: nothing is kept but the statistics.
purge: $(STAMP)
	$(PY) -m bot.tools.purge $(if $(DAYS),--days $(DAYS))

## Create or update a console account: make advisor LOGIN=<login> PASSWORD=<password> [ROLE=admin] [NAME="Prénom Nom"]
advisor: $(STAMP)
	@test -n "$(LOGIN)" -a -n "$(PASSWORD)" || { echo "usage: make advisor LOGIN=<login> PASSWORD=<password> [ROLE=admin] [NAME=\"Prénom Nom\"]"; exit 2; }
	@ADVISOR_PASSWORD="$$ADVISOR_PASSWORD_FROM_MAKE" $(PY) -m bot.tools.advisor "$(LOGIN)" --role "$(or $(ROLE),advisor)" $(if $(NAME),--name "$(NAME)")
advisor: export ADVISOR_PASSWORD_FROM_MAKE = $(PASSWORD)

## Re-resolve every version in one run with Rasa included, and write constraints.txt.
lock:
	rm -rf .venv-lock && $(PYTHON310) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet pip==24.2 && .venv-lock/bin/pip install -r requirements.in
	.venv-lock/bin/pip freeze --all | grep -v '^pip==' > constraints.txt && rm -rf .venv-lock

## Start the Rasa server, the action server and the web app under bot/tools/supervisor.py
## (prefixed logs, a process that dies is restarted with backoff); Ctrl-C stops all three.
run: setup
	@echo "Rasa http://127.0.0.1:$${RASA_PORT:-5005} · actions http://127.0.0.1:$${ACTIONS_PORT:-5055} · web http://127.0.0.1:$${WEB_PORT:-8000}"
	exec $(PY) -m bot.tools.supervisor

## Replicas behind HAProxy on PostgreSQL and Redis (docs/deployment.md): RASA_REPLICAS (2),
## ACTIONS_REPLICAS (2), 2 web apps; DATABASE_URL=postgresql://... required (created if missing),
## LOCK_STORE_URL default redis://127.0.0.1:6379/1. Foreground; Ctrl-C stops every process.
cluster: venv model widget haproxy
	exec $(PY) -m bot.tools.cluster

## Debian's HAProxy for `make cluster` (run by the cluster itself, never as a system service).
haproxy:
	@command -v haproxy >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy; \
	  else echo "Install Debian's haproxy (sudo apt-get install haproxy) for make cluster"; exit 1; fi; }

pip-check: $(STAMP)
	$(PY) -m pip check

validate: $(STAMP)
	$(PY) -m rasa data validate --fail-on-warnings --config config.yml --domain domain.yml --data data

## Rasa test stories of the conversation (tests/stories): the NLU of each French message and
## the action the dialogue predicts; any wrong prediction fails (actions are not run).
stories: model
	$(PY) -m rasa test core --stories tests/stories --model "$$($(PY) -m bot.tools.model path)" \
	  --fail-on-prediction-errors --out var/test-stories

## Issue 14 benchmarks against a bare Rasa bot (bench/baseline, trained once); docs/performance.md.
bench-long: model
	$(PY) bench/bench_long_conversation.py
bench-users: model
	$(PY) bench/bench_conversation.py
bench-console:
	$(PY) bench/bench_console.py

## NLU cross-validation (3 folds, a few minutes) and docs/nlu.md regenerated from its reports.
nlu-report: $(STAMP)
	$(PY) -m rasa test nlu --cross-validation --folds 3 --config config.yml --nlu data --out var/nlu-report
	$(PY) -m bot.tools.nlu_report var/nlu-report docs/nlu.md

## The whole suite: pinned environment, Rasa data validation, then pytest (servers started once).
## pytest's exit code 5 (no test collected, e.g. a filter matching nothing) is not a failure.
test: setup chromium pip-check validate stories
	$(PY) -m pytest; rc=$$?; if [ $$rc -eq 5 ]; then echo "pytest: no test collected"; rc=0; fi; exit $$rc

unit-test: $(STAMP)
	$(PY) -m pytest -m "not servers"

clean:
	rm -rf $(VENV) models/*.tar.gz .rasa var .pytest_cache

## Debian's Chromium for the browser tests (Playwright's own download fails on this network).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "Install Debian's chromium (sudo apt-get install chromium) for the browser tests"; exit 1; fi; }

## The chat widget (widget/): npm ci from the lock file, then one bundled script served by the
## web app at /static/widget/widget.js. Skipped when the build is newer than sources and lock.
WIDGET_JS := bot/web/static/widget/widget.js
WIDGET_DEPS := widget/node_modules/.installed

widget: $(WIDGET_JS)

$(WIDGET_DEPS): widget/package.json widget/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "Node.js and npm are required to build the chat widget (apt-get install nodejs npm)"; exit 1; }
	cd widget && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(WIDGET_JS): $(WIDGET_DEPS) widget/build.mjs $(wildcard widget/src/*.js)
	cd widget && node build.mjs
