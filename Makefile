# kehoach: set-up and everyday commands.
#
#   make demo    create .venv, install kehoach, load a demo province and the sample plan, serve the app
#   make test    create .venv, install kehoach with its test extras, run pytest
#   make bench   time the reader on ../shared/seeds (BENCH_ARGS="--check" to enforce targets)
#   make clean   remove .venv and build/test leftovers
#
# Needs only GNU make and Python 3.11+ (on Debian/Ubuntu also the python3-venv package).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SAMPLE := src/kehoach/data/sample_plan.txt
BENCH_ARGS ?=

# System packages kehoach uses, as check:debian-package pairs; the check is a command name or
# an absolute path. `make apt-deps` (run by demo and test) installs the packages whose check
# fails, when run as root; otherwise it only says what is missing.
APT_DEPS := tesseract:tesseract-ocr \
	/usr/share/tesseract-ocr/5/tessdata/vie.traineddata:tesseract-ocr-vie \
	chromium:chromium \
	soffice:libreoffice-writer-nogui \
	/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf:fonts-dejavu-core

.PHONY: demo test bench clean apt-deps

demo: apt-deps $(VENV)/.installed
	$(BIN)/kehoach serve --demo

test: apt-deps $(VENV)/.installed-test
	$(BIN)/python -m pytest -q

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/bench_extract.py $(BENCH_ARGS)

# The virtual environment itself; checks the Python version first.
$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "kehoach needs Python 3.11 or newer; $(PYTHON) is $$($(PYTHON) --version 2>&1)" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV) || \
	  { rm -rf $(VENV); echo "could not create $(VENV); on Debian/Ubuntu: apt-get install python3-venv" >&2; exit 1; }

# Stamp files: install again only when pyproject.toml changes (the install is editable,
# so changes under src/ need no reinstall).
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

apt-deps:
	@missing=""; \
	for pair in $(APT_DEPS); do \
	  check="$${pair%%:*}"; \
	  case "$$check" in /*) [ -e "$$check" ] ;; *) command -v "$$check" >/dev/null 2>&1 ;; esac \
	    || missing="$$missing $${pair#*:}"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" -eq 0 ]; then \
	  echo "apt-deps: installing$$missing"; \
	  apt-get update && apt-get install -y $$missing; \
	else \
	  echo "apt-deps: missing$$missing (run 'make apt-deps' as root to install)" >&2; \
	fi

clean:
	rm -rf $(VENV) build dist .pytest_cache src/*.egg-info
	find . -path ./.git -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
