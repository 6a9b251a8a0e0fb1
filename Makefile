# camwalk: `make run` and `make test` do all set-up on a fresh Debian machine.
PORT ?= 5000
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip --disable-pip-version-check -q

.PHONY: install install-test pwa run test db demo fuzz clean

## install: set up only (system packages, .venv, the PWA build)
install: $(VENV)/.installed pwa

$(VENV)/.installed: setup.cfg pyproject.toml
	scripts/install-system.sh run
	@python=$$(scripts/find-python.sh) || exit 1; \
	  [ -x $(PY) ] || $$python -m venv $(VENV); \
	  $(PIP) install --upgrade pip; \
	  $(PIP) install -e .; \
	  $(PY) -c 'import sqlite3; sqlite3.connect(":memory:").enable_load_extension(True)' 2>/dev/null \
	    || $(PIP) install pysqlite3-binary
	@touch $@

install-test: $(VENV)/.installed-test

$(VENV)/.installed-test: $(VENV)/.installed scripts/install-system.sh
	scripts/install-system.sh test
	$(PIP) install -e '.[test]'
	@touch $@

pwa: $(VENV)/.installed
	@if [ -f pwa/package.json ]; then \
	  cd pwa && { [ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] \
	    || npm ci --no-audit --no-fund --loglevel=error; } && npm run --silent build; \
	fi

## run: server + PWA on the embedded SpatiaLite default, at http://127.0.0.1:$(PORT), with the
## photo worker beside it (stopped with the server)
run: install
	$(VENV)/bin/camwalk db upgrade
	$(VENV)/bin/camwalk worker & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT; \
	  trap 'exit 130' INT; trap 'exit 143' TERM; \
	  $(VENV)/bin/camwalk run --host 127.0.0.1 --port $(PORT)

## test: every test, on SpatiaLite and PostGIS, plus the linters
test: install install-test
	scripts/run-tests.sh

## fuzz: schemathesis against /api/openapi.json, as organiser and walker, on SpatiaLite and
## PostGIS; >= 5,000 requests on each, no 500
fuzz: install install-test
	VENV=$(VENV) scripts/fuzz.sh

## demo: add the Marseille demo group to the local database
demo: install
	$(VENV)/bin/camwalk db upgrade
	$(VENV)/bin/camwalk demo

clean:
	rm -rf $(VENV) var pwa/node_modules pwa/dist
