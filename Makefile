# make run   : install what is needed and start the app on the demo data (http://127.0.0.1:8501);
#              it listens on this machine only: ADDRESS=0.0.0.0 make run serves the network (see README)
# make test  : install what is needed, lint, format-check and type-check, then run the whole test suite
PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501
# Test processes for `make test`; a module's tests stay together (browser tests share one server).
TEST_WORKERS ?= 2
ADDRESS ?= 127.0.0.1
REQ_STAMP := $(VENV)/.req-$(shell cat requirements.txt | sha256sum | cut -c1-16)
TEST_STAMP := $(VENV)/.test-$(shell cat requirements-test.txt | sha256sum | cut -c1-16)

.PHONY: run test check install install-test browser catalog clean

$(PY):
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

# torch first and on its own: pinned to the CPU build so nothing pulls CUDA wheels.
$(REQ_STAMP): requirements.txt | $(PY)
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(TEST_STAMP): requirements-test.txt $(REQ_STAMP)
	$(PY) -m pip install -q -r requirements-test.txt
	touch $@

install: $(REQ_STAMP)
install-test: $(TEST_STAMP)

# The demo workspace is seeded before the server starts, so the first page opens at once.
run: install
	SYNTHREVIEW_DEMO=1 $(PY) -m reviews.workspace.prepare
	SYNTHREVIEW_DEMO=1 $(PY) -m streamlit run app.py --server.address $(ADDRESS) --server.port $(PORT) --server.headless true \
		--server.fileWatcherType none

# Browser tests need Debian's Chromium; as root we install it, otherwise the tests skip and say so.
# The fonts draw Chinese and the status emoji (✅ ❌) in the screenshots as people's browsers do.
browser:
	@if { [ ! -x /usr/bin/chromium ] || [ ! -e /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ]; } \
		&& [ "$$(id -u)" = "0" ]; then \
		echo "installing Chromium and its fonts for the browser tests"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk \
			fonts-noto-color-emoji >/dev/null) \
		|| echo "could not install Chromium; browser tests will skip"; \
	fi

# The habits that keep the tree readable, before any test runs (see README "Contributing").
check: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) checks/typecheck.py

test: check browser
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile

# After changing interface text: collect the marked strings and merge them into each catalog.
catalog: install-test
	$(VENV)/bin/pybabel extract -F babel.cfg -k N_ -k Msg --no-location --sort-output --project SynthReview \
		--version 1.0 --copyright-holder SynthReview -o locales/messages.pot .
	$(VENV)/bin/pybabel update -i locales/messages.pot -d locales -l zh -w 120 --ignore-obsolete --no-fuzzy-matching

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache
