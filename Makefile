# Lotsportalen: the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
# Extra arguments for pytest, e.g. `make test PYTEST_ARGS="-k routing"`.
PYTEST_ARGS ?=
# Test processes in parallel (pytest-xdist); 0 runs in one process.
TEST_WORKERS ?= 2

.PHONY: run test lint typecheck format messages clean-venv

$(VENV)/.runtime: requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PIP) install --quiet -r requirements-dev.txt
	@touch $@

## make run: the portal with demo data at http://127.0.0.1:8000 (SQLite, no services needed)
run: $(VENV)/.runtime
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo "Lotsportalen runs at http://127.0.0.1:8000 (stop with Ctrl+C)"
	$(PY) manage.py runserver 127.0.0.1:8000

## make test: the whole suite against PostgreSQL and Redis on 127.0.0.1
test: $(VENV)/.dev
	@bash scripts/ensure-services.sh
	$(VENV)/bin/pytest -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

## make lint: ruff, formatting, migrations in step with the models, and the type check
lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	@$(MAKE) --no-print-directory typecheck

## make typecheck: mypy with django-stubs over the typed layers ([tool.mypy] in pyproject.toml)
typecheck: $(VENV)/.dev
	$(VENV)/bin/mypy

format: $(VENV)/.dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## make messages: refresh and compile the Swedish translations (needs GNU gettext)
messages: $(VENV)/.runtime
	$(PY) manage.py makemessages -l sv --ignore=.venv --ignore=staticfiles --ignore=var --no-obsolete
	$(PY) manage.py compilemessages -l sv --ignore=.venv

clean-venv:
	rm -rf $(VENV)
