# Boardwatch: `make run` serves the demo, `make test` runs the tests. Nothing else to set up.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
HOST ?= 127.0.0.1
PYTEST_ARGS ?=

.PHONY: run test test-slow lint security clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the pinned requirements change.
$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt requirements-dev-nodeps.txt $(VENV)/.runtime
	$(BIN)/pip install --quiet -r requirements-dev.txt
	$(BIN)/pip install --quiet --no-deps -r requirements-dev-nodeps.txt
	touch $@

run: $(VENV)/.runtime
	$(BIN)/flask --app wsgi db upgrade
	$(BIN)/flask --app wsgi demo
	@trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/flask --app wsgi worker & worker=$$!; \
	echo; \
	echo "  Boardwatch is running at http://$(HOST):$(PORT)/"; \
	echo "  Clerk's office: http://$(HOST):$(PORT)/clerk/  (demo login: demo-clerk@boardwatch.example / boardwatch-demo)"; \
	echo "  Stop with Ctrl-C."; \
	echo; \
	$(BIN)/gunicorn --workers 2 --threads 4 --keep-alive 75 --bind $(HOST):$(PORT) --access-logfile - --log-level warning wsgi:app

# The everyday suite; tests marked slow (real transcription of the demo, browser runs, 200,000-row
# exports) run with `make test-slow`, and CI runs both.
test: $(VENV)/.dev
	$(BIN)/python -m pytest -m "not slow" $(PYTEST_ARGS)

test-slow: $(VENV)/.dev
	$(BIN)/python -m pytest -m slow $(PYTEST_ARGS)

# bandit on the code, pip-audit of the pins against PyPI's advisory service (.ci/pip-audit-ignore.txt).
security: $(VENV)/.dev
	.ci/security

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
