"""The printed edition on the fixture book: no TeX needed.

Sphinx's LaTeX builder writes the .tex without TeX, so these prove what
reaches LaTeX (vector figures, the exercise and then its solution, no ANSI
escapes: myst-nb's lexer turns them into colours), that it comes from the
HTML build's cache, and what the HTML download menu offers
(``quadnet_book.downloads``). The fixture book's en edition
(tests/fixtures/minibook) has the printed edition's configuration and a cell
that prints in colour and one that draws a figure; its HTML is the one
``warm_book`` (conftest.py) builds for test_build.py too.
"""
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from test_build import command, environment


def run(book, builder, edition="en"):
    """Build one edition of ``book`` as the Makefile does; return its log."""
    done = subprocess.run(command(book, edition, builder),
                          env=environment(book), capture_output=True,
                          text=True, timeout=300)
    log = done.stdout + done.stderr
    assert done.returncode == 0, log
    return log


@pytest.fixture(scope="module")
def latex(warm_book, tmp_path_factory):
    """The LaTeX build of the en edition, on a copy of the built book (its
    HTML build's execution cache): its log and its .tex."""
    book = tmp_path_factory.mktemp("latex") / "minibook"
    shutil.copytree(warm_book[0], book)
    log = run(book, "latex")
    tex = (book / "_build" / "latex" / "en" / "mini-en.tex").read_text(
        encoding="utf-8")
    return log, tex


def test_latex_build_reuses_the_html_builds_notebooks(latex):
    log, _ = latex
    assert "Executing notebook" not in log


def test_latex_gets_the_figure_as_vector_pdf_and_no_ansi_escapes(latex):
    _, tex = latex
    # myst-nb's lexer turns the terminal colour into a LaTeX one
    assert r"\PYG{Color+ColorRed}{red} and plain" in tex
    assert "\x1b" not in tex and "^^[" not in tex
    assert "}.pdf}" in tex
    assert "}.svg}" not in tex and "}.png}" not in tex


def test_latex_has_the_exercise_then_its_solution(latex):
    _, tex = latex
    exercise = tex.index("Compute the answer.")
    solution = tex.index("Solution to")  # sphinx-exercise's title
    assert exercise < solution
    assert "\n42\n" in tex[solution:]  # the solution cell's output


def test_downloaded_notebook_has_no_print_only_pdf_figures(warm_book):
    notebook = json.loads((warm_book[0] / "_build" / "html" / "en" / "_sources" /
                           "index.ipynb").read_text(encoding="utf-8"))
    kinds = {kind for cell in notebook["cells"]
             for output in cell.get("outputs", [])
             for kind in output.get("data", {})}
    assert "image/svg+xml" in kinds
    assert "application/pdf" not in kinds


def test_page_offers_the_built_pdf_in_place_of_printing(warm_book,
                                                      tmp_path):
    built = warm_book[0]
    # the fixture's HTML build had no PDF to offer
    assert not (built / "_build" / "latex" / "en" / "mini-en.pdf").exists()
    html = (built / "_build" / "html" / "en" / "index.html").read_text(
        encoding="utf-8")
    assert "window.print()" in html and "mini-en.pdf" not in html

    book = tmp_path / "minibook"
    shutil.copytree(built, book)
    site = book / "_build" / "html" / "en"
    pdf = book / "_build" / "latex" / "en" / "mini-en.pdf"
    pdf.parent.mkdir(parents=True, exist_ok=True)
    pdf.write_bytes(b"%PDF-1.5\n")
    log = run(book, "html")  # the new PDF makes the page be rewritten
    assert "Executing notebook" not in log
    html = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="_downloads/mini-en\.pdf"', html)
    assert "window.print()" not in html
    assert (site / "_downloads" / "mini-en.pdf").read_bytes() == (
        b"%PDF-1.5\n")


def test_make_pdf_without_tex_stops_with_one_line_naming_the_packages():
    """No xelatex on PATH: ``make tex-check`` (run first by ``make pdf``)."""
    root = Path(__file__).parents[1]
    done = subprocess.run([shutil.which("make"), "-s", "tex-check",
                           "PATH=/nonexistent"], cwd=root,
                          capture_output=True, text=True)
    assert done.returncode != 0
    lines = (done.stdout + done.stderr).strip().splitlines()
    assert len(lines) <= 2, lines  # ours, and make's "Error 1"
    assert "apt-get install --no-install-recommends" in lines[0]
    assert "texlive-xetex" in lines[0] and "fonts-noto-cjk" in lines[0]
