# quotelens: every developer and CI task starts here.
PY      ?= python3
VENV    ?= .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
# Flower's port: `make flower FLOWER_PORT=5566`, or FLOWER_PORT in the environment.
FLOWER_PORT ?= 5555

.PHONY: install test test-faults lint check eval eval-real bench load demo run worker beat flower clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements/spacy-model.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade pip setuptools wheel
	$(BIN)/python -m pip install -q --disable-pip-version-check --require-hashes --no-deps -r requirements/spacy-model.txt
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[dev]'
	$(BIN)/python -W ignore::RuntimeWarning -m worker.nlp.model --check
	touch $(STAMP)

test: install
	$(BIN)/python -m pytest -q

LINTED := worker api tests scripts quotelens

lint: install
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/mypy

# The inner loop (under a minute): lint, then the tests that start no process, inject no fault
# and take no more than a second, on SQLite only. `make test` (CI) still runs everything: the
# integration, fault, subprocess and slow tests, on SQLite and PostgreSQL.
CHECK_TESTS ?= not integration and not faults and not subprocess and not slow

check: lint
	QUOTELENS_TEST_BACKENDS=$${QUOTELENS_TEST_BACKENDS:-sqlite} \
	  $(BIN)/python -m pytest -q -p no:cacheprovider -m "$(CHECK_TESTS)"

# The real-news development set is read where it lies (never copied into the repository):
# REALNEWS=DIR overrides $$QUOTELENS_REALNEWS, else ../shared/realnews/polnear-train by the repo.
# ERRORS=FILE (eval-real) writes its wrong speakers, misses and spurious quotes for analysis.
REALNEWS ?=
ERRORS   ?=

eval: install
	$(BIN)/python -m worker.evaluation tests/data/gold --realnews $(REALNEWS)

eval-real: install
	$(BIN)/python -m worker.evaluation --realnews-only $(if $(ERRORS),--errors $(ERRORS)) --realnews $(REALNEWS)

bench: install
	$(BIN)/python scripts/bench.py

load: install
	$(BIN)/python -m scripts.load

demo: install
	$(BIN)/quotelens check examples/seeds/rferl.txt examples/seeds/washington-times.txt

test-faults: install
	$(BIN)/python -m pytest -q -m faults

run: install
	$(BIN)/python -m scripts.run_stack

worker: install
	$(BIN)/celery -A worker.celery_app:app worker -E -l INFO --concurrency 2 -n worker@%h

beat: install
	$(BIN)/celery -A worker.celery_app:app beat -l INFO -s /tmp/quotelens-celerybeat-schedule

flower: install
	FLOWER_PORT=$(FLOWER_PORT) $(BIN)/python -m worker.flower  # refuses to start without FLOWER_USER and FLOWER_PASSWORD

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build *.egg-info
