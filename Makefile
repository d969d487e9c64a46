# The two commands of the README:
#   make setup   build everything (CLI, Python package in .venv) and parse the bundled samples
#   make test    run every test: Rust (unit, golden, property, doc) and Python (pytest, stubs,
#                API reference), the Python ones against the wheel installed in a fresh venv
#   make docs-api  the API reference of the Python package, in target/api/index.html
# .ci/run runs `make test`.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
SAMPLES := crates/ogi-core/tests/fixtures/seeds
WHEELS     := target/wheels
WHEEL_VENV := target/wheel-venv
WPY        := $(WHEEL_VENV)/bin/python
API        := target/api

.PHONY: setup test venv wheel-venv docs-api rust-test py-test lint demo browser

setup: venv
	cargo build --release -p ogi-cli
	./target/release/ogi parse --format tidy $(SAMPLES) > samples.csv
	@echo "== ogi parse --format tidy $(SAMPLES): $$(($$(wc -l < samples.csv) - 1)) values, first lines:"
	@head -n 12 samples.csv
	@echo "== the Python package:"
	$(PY) -c "import ogi; r = ogi.parse_file('$(SAMPLES)/002_c41c9a6468e2aa6e.txt'); print(r)"

# A virtual environment with the package built in place (maturin, via pip) and the test tools.
venv:
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --group test
	$(PY) -m pip install --quiet -e .

lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets --exclude ogi-py -- -D warnings
	cargo clippy -p ogi-py --all-targets -- -D warnings
	RUSTDOCFLAGS="-D warnings" cargo doc --no-deps -p ogi-model -p ogi-core -p ogi-pdf -p ogi-arrow

# The `ogi inspect` tests open their pages in a headless browser: say what to install rather
# than fail deep inside a test.
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
	  || command -v google-chrome >/dev/null 2>&1 || [ -n "$$CHROMIUM" ] || { \
	  echo "make test needs a headless browser for the inspect-page tests:"; \
	  echo "  Debian/Ubuntu: sudo apt-get install chromium fonts-noto-cjk"; \
	  echo "  or set CHROMIUM=/path/to/chrome"; exit 2; }

rust-test: browser
	CI=true cargo test --workspace

# The wheel as a user gets it (pip builds it through maturin, the build backend), installed with
# the test tools in a virtual environment made anew on each run.
wheel-venv:
	rm -rf $(WHEEL_VENV) $(WHEELS)
	$(PYTHON) -m venv $(WHEEL_VENV)
	$(WPY) -m pip install --quiet --upgrade pip
	$(WPY) -m pip wheel --quiet --no-deps --wheel-dir $(WHEELS) .
	$(WPY) -m pip install --quiet --group test $(WHEELS)/ogi-*.whl
	@ls -l $(WHEELS)/ogi-*.whl

# The API reference, by pdoc from the docstrings of the installed package, and a check that
# every link and anchor in it resolves.
docs-api: wheel-venv
	rm -rf $(API)
	$(WPY) -m pdoc ogi --docformat numpy --output-directory $(API)
	$(WPY) tools/check_links.py $(API)

# The tests, the doctests of the installed modules and the stub check run against the wheel
# (OGI_TEST_WHEEL: a test checks that `import ogi` is the installed one, not python/ogi; OGI_BIN:
# the `ogi` binary whose Parquet and Arrow files the tests open with pyarrow, polars and DuckDB).
py-test: wheel-venv docs-api
	cargo build -p ogi-cli
	OGI_TEST_WHEEL=1 OGI_BIN=$(CURDIR)/target/debug/ogi $(WPY) -m pytest -q python/tests --pyargs ogi
	$(WPY) -m mypy.stubtest ogi._ogi
	$(WPY) -m mypy --strict python/ogi

test: lint rust-test py-test
