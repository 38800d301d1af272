# Two entry points: `make run` (install and start the dashboard) and `make test` (install and
# run every check). Both create .venv on first use; nothing needs installing by hand.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test data bench bytecode load

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.app: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	touch $@

# Exports (chart images, PowerPoint and PDF decks) are drawn in Debian's Chromium, which the
# browser tests use too; Chinese text in them needs a CJK font. Each is installed if missing.
CJK_FONT := /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
EXPORTS := /usr/bin/chromium $(CJK_FONT)

/usr/bin/chromium:
	$(SUDO) apt-get update -qq
	$(SUDO) apt-get install -y -qq chromium

$(CJK_FONT):
	$(SUDO) apt-get update -qq
	$(SUDO) apt-get install -y -qq fonts-noto-cjk

# The reverse proxy of the scale-out demo and load test (deploy/).
/usr/sbin/nginx:
	$(SUDO) apt-get update -qq
	$(SUDO) apt-get install -y -qq nginx

# axe-core, the accessibility engine the browser tests inject into every page (npm registry).
AXE := $(VENV)/axe/node_modules/axe-core/axe.min.js

/usr/bin/npm:
	$(SUDO) apt-get update -qq
	$(SUDO) apt-get install -y -qq npm

$(AXE): | /usr/bin/npm $(BIN)/python
	npm install -s --prefix $(VENV)/axe --no-audit --no-fund axe-core@4.14.1

# = streamlit run app.py, with the data loaded while the first browser loads the page.
# An editable install leaves src/ uncompiled, and where PYTHONDONTWRITEBYTECODE is set every
# start would compile the package again (~20 ms of CPU before the first page); only changed
# files are compiled.
bytecode: | $(BIN)/python
	$(BIN)/python -m compileall -q src

run: $(VENV)/.app bytecode $(EXPORTS)
	$(BIN)/python -m dashboard.serve

test: $(VENV)/.test $(EXPORTS) $(AXE)
	$(BIN)/ruff check .
	$(BIN)/pytest -q

data: $(VENV)/.test
	$(BIN)/python -m dashboard.etl.build

bench: $(VENV)/.test bytecode
	$(BIN)/python benchmarks/run.py

# Two replicas behind nginx, SESSIONS protocol-level sessions, one replica killed (deploy/load.py).
SESSIONS ?= 100
load: $(VENV)/.test bytecode /usr/sbin/nginx
	deploy/scale_out.sh start
	$(BIN)/python deploy/load.py --scenario --sessions $(SESSIONS); status=$$?; \
		deploy/scale_out.sh stop; exit $$status
