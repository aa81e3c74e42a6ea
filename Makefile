# Lotsportalen: the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
# Extra arguments for pytest, e.g. `make test PYTEST_ARGS="-k routing"`.
PYTEST_ARGS ?=
# Test processes in parallel (pytest-xdist); 0 runs in one process.
TEST_WORKERS ?= 2
# COVERAGE=1 measures coverage of the apps and fails under the floor in pyproject.toml
# ([tool.coverage.report] fail_under). CI sets it; it is off by default to keep `make test` quick.
COVERAGE ?=
COV_ARGS := $(if $(filter 1 true yes,$(COVERAGE)),--cov --cov-report=term)
# `make test` leaves out the slow journeys (browser, fault injection with real servers, the
# fuzzer, the whole demo): ALL=1 runs them too, and so does CI (CI=true, as .ci/run sets it).
ALL ?= $(if $(filter true 1,$(CI)),1,0)
MARK_ARGS := $(if $(filter 1 true yes,$(ALL)),,-m "not slow and not e2e")

# The lock: requirements.txt (runtime) and requirements-dev.txt (tests, tooling) are the files
# people edit; requirements/runtime.txt and requirements/dev.txt are compiled from them by
# `make lock` with every version pinned and every file's hash, for Python 3.11 on Linux x86_64.
# The dev lock is constrained by the runtime lock, so both pin the same runtime versions.
LOCK_RUNTIME := requirements/runtime.txt
LOCK_DEV := requirements/dev.txt
UV_COMPILE := $(CURDIR)/$(VENV)/bin/uv pip compile --quiet --generate-hashes --no-strip-markers \
	--python-version 3.11 --python-platform x86_64-unknown-linux-gnu \
	--custom-compile-command "make lock"
# Run in a directory holding the two input files and requirements/ (the checkout, or a copy).
COMPILE_LOCKS := $(UV_COMPILE) requirements.txt -o $(LOCK_RUNTIME) \
	&& $(UV_COMPILE) requirements-dev.txt -c $(LOCK_RUNTIME) -o $(LOCK_DEV)

.PHONY: run test lint typecheck format messages lock lock-check audit clean-venv

# The lock names every package, so pip installs exactly its lines (--no-deps) and `pip check`
# then proves nothing is missing: pip's resolver is not asked again. (pip 23.2, as Python 3.11
# ships it, let a dependency's extra, weasyprint's fonttools[woff], reach past the pinned
# fonttools for the newest release and then refused it as unpinned.)
$(VENV)/.runtime: $(LOCK_RUNTIME)
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --require-hashes --no-deps -r $(LOCK_RUNTIME)
	$(PIP) check
	@touch $@

$(VENV)/.dev: $(VENV)/.runtime $(LOCK_DEV)
	$(PIP) install --quiet --require-hashes --no-deps -r $(LOCK_DEV)
	$(PIP) check
	@touch $@

# uv alone, from the dev lock with its hashes: `make lock` must not install the old lock first
# (that could downgrade a package an input file has just bumped).
$(VENV)/bin/uv: $(LOCK_DEV)
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@awk '/^uv==/ {keep = 1; print; next} keep && /^ / {print; next} {keep = 0}' $(LOCK_DEV) > $(VENV)/uv.txt
	$(PIP) install --quiet --require-hashes --no-deps -r $(VENV)/uv.txt
	@touch $@

## make run: the portal with demo data at http://127.0.0.1:8000 (SQLite, no services needed)
run: $(VENV)/.runtime
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py collectstatic --noinput --verbosity 0
	@echo "Lotsportalen runs at http://127.0.0.1:8000 (stop with Ctrl+C)"
	$(PY) manage.py runserver 127.0.0.1:8000

## make test: the suite on PostgreSQL and Redis (ALL=1: with the slow journeys, as CI; COVERAGE=1)
test: $(VENV)/.dev
	@bash scripts/ensure-services.sh
	$(VENV)/bin/pytest -n $(TEST_WORKERS) --dist loadgroup $(MARK_ARGS) $(COV_ARGS) $(PYTEST_ARGS)

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

## make lock: recompile requirements/*.txt from requirements.txt and requirements-dev.txt
## (keeps the versions already locked unless an input asks otherwise; commit all four files)
lock: $(VENV)/bin/uv
	$(COMPILE_LOCKS)
	@echo "Locked: $(LOCK_RUNTIME) and $(LOCK_DEV). Commit them with the input files."

## make lock-check: fail if the lock is not what `make lock` would write from the inputs (CI)
lock-check: $(VENV)/bin/uv
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT \
	&& mkdir "$$tmp/requirements" \
	&& cp requirements.txt requirements-dev.txt "$$tmp/" \
	&& cp $(LOCK_RUNTIME) $(LOCK_DEV) "$$tmp/requirements/" \
	&& (cd "$$tmp" && $(COMPILE_LOCKS)) \
	&& diff -u $(LOCK_RUNTIME) "$$tmp/$(LOCK_RUNTIME)" && diff -u $(LOCK_DEV) "$$tmp/$(LOCK_DEV)" \
	&& echo "The lock is in step with requirements.txt and requirements-dev.txt." \
	|| { echo "The lock is out of step with the input files: run 'make lock' and commit requirements/." >&2; exit 1; }

## make audit: known vulnerabilities in every locked package (pip-audit, PyPI's advisory data)
audit: $(VENV)/.dev
	$(PY) scripts/audit_lock.py $(LOCK_DEV)

## make messages: refresh and compile the Swedish translations (needs GNU gettext)
messages: $(VENV)/.runtime
	$(PY) manage.py makemessages -l sv --ignore=.venv --ignore=staticfiles --ignore=var --no-obsolete
	$(PY) manage.py compilemessages -l sv --ignore=.venv

clean-venv:
	rm -rf $(VENV)
