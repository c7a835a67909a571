# quadnet-book: `make html` builds the book, `make test` runs the suite.
# Both create .venv from requirements.txt when it is missing or older.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
STAMP := $(VENV)/.installed
BUILDDIR := _build
SPHINXOPTS ?=
# -W -n --keep-going: every warning, broken reference included, fails the
# build, and all of them are reported first. -j 2: the two cores read (and
# execute) two chapters at once.
SPHINXBUILD = $(BIN)/python -m sphinx -c . -j 2 -W -n --keep-going $(SPHINXOPTS)

# the notebook kernels must find the venv's python (and torch) first
export PATH := $(BIN):$(PATH)
# one torch thread per kernel: two kernels on two cores would oversubscribe
export OMP_NUM_THREADS ?= 1

.PHONY: html strict test bench determinism doctest clean help

help:
	@echo "make html    build the book into $(BUILDDIR)/html (cached execution)"
	@echo "make strict  rebuild every page from scratch (-E), as CI does"
	@echo "make test    build the book, then run the test suite"
	@echo "make doctest run the API page's >>> examples (Sphinx doctest)"
	@echo "make determinism  two cold builds must print the same outputs"
	@echo "make bench   print build timings (cold, no-op, edits)"
	@echo "make clean   remove $(BUILDDIR)"

$(STAMP): requirements.txt pyproject.toml
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install -r requirements.txt
	$(VENV)/bin/python -m pip install --no-deps -e .
	touch $(STAMP)

html: $(STAMP)
	$(SPHINXBUILD) -b html book $(BUILDDIR)/html
	@echo "The book is in $(BUILDDIR)/html/index.html"

strict: $(STAMP)
	$(SPHINXBUILD) -E -b html book $(BUILDDIR)/html

# the browser tests read the built site, so the book is built (cached) first
test: html
	$(BIN)/python -m pytest

# prints build timings (cold, no-op, prose edit, quadnet edit); not a test
bench: $(STAMP)
	$(BIN)/python tests/bench_build.py

# two cold builds must print the same outputs and glue the same numbers
determinism: $(STAMP)
	$(BIN)/python tests/check_determinism.py

# runs the >>> examples of quadnet's docstrings, as the API page shows them
doctest: $(STAMP)
	$(SPHINXBUILD) -b doctest book $(BUILDDIR)/doctest

clean:
	rm -rf $(BUILDDIR)
