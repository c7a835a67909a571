# quadnet-book: `make html` builds the book, `make test` runs the suite.
# Both create .venv from requirements.txt when it is missing or older.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
STAMP := $(VENV)/.installed
BUILDDIR := _build
# one Sphinx build per edition (book/<edition>, its own language), the two
# side by side on the two cores
EDITIONS := zh en
SPHINXOPTS ?=
# The one sphinx-build command line of an edition $1 (its sources book/$1, its
# -t tag, its doctrees and so its execution cache), for every builder and
# for make live. -W -n --keep-going: every warning, broken reference
# included, fails the build, and all of them are reported first.
sphinx_args = -c . -W -n --keep-going $(SPHINXOPTS) -t $1 \
  -d $(BUILDDIR)/doctrees/$1 book/$1
# each edition's lines on the console start with [zh] or [en]; pipefail
# keeps sphinx-build's exit status through that prefixing
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
LIVE ?= zh

# the notebook kernels must find the venv's python (and torch) first
export PATH := $(BIN):$(PATH)

.PHONY: html strict live test bench determinism doctest clean help
.PHONY: pdf tex-check tex-packages

help:
	@echo "make html    build both editions into $(BUILDDIR)/html (cached execution)"
	@echo "make strict  rebuild every page from scratch (-E), as CI does"
	@echo "make pdf     one PDF per edition into $(BUILDDIR)/latex/<edition> (needs TeX)"
	@echo "make live    preview one edition while editing (LIVE=zh or LIVE=en)"
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
	@$(MAKE) --no-print-directory -j 2 $(EDITIONS:%=edition-%)
	@echo "The book is in $(BUILDDIR)/html/index.html"

strict: $(STAMP)
	@$(MAKE) --no-print-directory -j 2 $(EDITIONS:%=edition-%) \
		SPHINXOPTS="-E $(SPHINXOPTS)"

edition-%: $(STAMP)
	$(BIN)/python -m sphinx $(call sphinx_args,$*) -b html \
		$(BUILDDIR)/html/$* 2>&1 | sed -u 's/^/[$*] /'

# rebuilds one edition on every save and reloads the browser; the doctrees
# and site of make html, so after it nothing executes again
live: $(STAMP)
	$(BIN)/sphinx-autobuild $(call sphinx_args,$(LIVE)) -b html \
		--watch quadnet --watch book/_shared --watch book/_ext --watch _static \
		$(BUILDDIR)/html/$(LIVE)

# make pdf: one LaTeX build per edition, on the doctrees of its HTML build
# (-d: the same doctrees and execution cache, so no notebook runs again),
# then xelatex through latexmk, then the HTML builds again so that each
# chapter page offers its PDF. TeX is not installed here: without it, one
# line names the Debian packages (xeCJK needs ctexhook.sty from
# texlive-lang-chinese; hyperref's xetex driver pzdr.tfm from
# texlive-fonts-recommended; poppler-utils has the tests' pdftotext).
TEX_PACKAGES := texlive-xetex texlive-lang-chinese texlive-lang-cjk \
  texlive-latex-extra texlive-fonts-recommended latexmk fonts-noto-cjk \
  fonts-freefont-otf poppler-utils

# the .tex of one edition, from the doctrees of its HTML build (no TeX needed)
latex-%: $(STAMP)
	$(BIN)/python -m sphinx $(call sphinx_args,$*) -b latex \
		$(BUILDDIR)/latex/$* 2>&1 | sed -u 's/^/[$*] /'

# the list, for .ci/run and the README
tex-packages:
	@echo $(TEX_PACKAGES)

tex-check:
	@command -v xelatex >/dev/null && command -v latexmk >/dev/null \
	  && fc-list -q 'Noto Serif CJK SC' && fc-list -q 'Noto Sans Mono CJK SC' \
	  && fc-list -q FreeSerif \
	  || { echo "make pdf needs TeX and fonts: apt-get install --no-install-recommends $(TEX_PACKAGES)"; exit 1; }

pdf: tex-check html
	@$(MAKE) --no-print-directory -j 2 $(EDITIONS:%=pdf-%)
	@$(MAKE) --no-print-directory html

pdf-%: latex-%
	@$(MAKE) -C $(BUILDDIR)/latex/$* LATEXMKOPTS=-silent all-pdf >/dev/null \
	  || { tail -n 30 $(BUILDDIR)/latex/$*/*.log; exit 1; }
	@echo "[$*] The PDF is $(BUILDDIR)/latex/$*/quadnet-$*.pdf"

# the browser tests read the built site, so the book is built (cached) first
# two workers, each test file on one of them (its fixtures stay its own):
# the browser and build tests wait on other processes half the time
test: html
	$(BIN)/python -m pytest -n 2 --dist loadfile

# prints build timings (cold, no-op, prose edit, quadnet edit); not a test
bench: $(STAMP)
	$(BIN)/python tests/bench_build.py

# two cold builds must print the same outputs and glue the same numbers
determinism: $(STAMP)
	$(BIN)/python tests/check_determinism.py

# runs the >>> examples of quadnet's docstrings, as the API page shows them;
# shares the en edition's doctrees, so its notebooks come from its cache
doctest: $(STAMP)
	$(BIN)/python -m sphinx $(call sphinx_args,en) -b doctest \
		$(BUILDDIR)/doctest

clean:
	rm -rf $(BUILDDIR)
