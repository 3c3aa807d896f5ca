# The two commands a newcomer needs: `make demo` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test test-postgres lint format bench sandbox clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)  ## a scripted patient journey against the offline Bot API stand-in
	$(VENV)/bin/aftercare demo

sandbox: $(STAMP)  ## chat with the bot in this terminal, offline
	$(VENV)/bin/aftercare sandbox

test: $(STAMP) lint  ## lint, then the whole suite
	$(PY) -m pytest -q

test-postgres:  ## the same, with a throwaway PostgreSQL server (.ci/postgres.sh; CI does this)
	.ci/postgres.sh run $(MAKE) test

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: $(STAMP)  ## benchmarks; figures go to bench/RESULTS.md
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev,bench]'
	for script in bench/bench_*.py; do $(PY) $$script || exit 1; done

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
