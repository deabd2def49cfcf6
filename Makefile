# quotelens: every developer and CI task starts here.
PY      ?= python3
VENV    ?= .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed

.PHONY: install test test-faults lint eval bench load demo run worker beat flower clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade pip setuptools wheel
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[dev]'
	$(BIN)/python -W ignore::RuntimeWarning -m worker.nlp.model --check
	touch $(STAMP)

test: install
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check worker api tests scripts
	$(BIN)/mypy

eval: install
	$(BIN)/python -m worker.evaluation tests/data/gold

bench: install
	$(BIN)/python scripts/bench.py

load: install
	$(BIN)/python scripts/load.py

demo: install
	$(BIN)/quotelens check examples/seeds/rferl.txt examples/seeds/washington-times.txt

test-faults: install
	$(BIN)/python -m pytest -q -m faults

run: install
	$(BIN)/python scripts/run_stack.py

worker: install
	$(BIN)/celery -A worker.celery_app:app worker -E -l INFO --concurrency 2 -n worker@%h

beat: install
	$(BIN)/celery -A worker.celery_app:app beat -l INFO -s /tmp/quotelens-celerybeat-schedule

flower: install
	$(BIN)/python -m worker.flower  # refuses to start without FLOWER_USER and FLOWER_PASSWORD

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build *.egg-info
