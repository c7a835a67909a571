"""book/_ext/pdf.py on a tiny fixture book: no TeX needed.

Sphinx's LaTeX builder writes the .tex without TeX, so these prove what
reaches LaTeX (vector figures, no ANSI escapes) and what the HTML download
menu offers, in a few seconds, with one notebook of two cells.
"""
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

CONF = f"""
import sys
sys.path.insert(0, {str(ROOT / "book" / "_ext")!r})
project = author = "fixture"
extensions = ["myst_nb", "pdf"]
html_theme = "sphinx_book_theme"
nb_execution_mode = "cache"
nb_execution_raise_on_error = True
quadnet_figure_formats = ["png", "pdf"]
quadnet_latex_documents = {{
    "zh": ("index", "fixture-zh.tex", "试验", author, "howto", False),
    "en": ("index", "fixture-en.tex", "Fixture", author, "howto", False),
}}
quadnet_pdf_files = {{"en": "fixture-en.pdf"}}
"""

PAGE = """---
file_format: mystnb
kernelspec:
  name: python3
  display_name: Python 3
---

# Fixture

```{code-cell} ipython3
print("\\x1b[31mred\\x1b[0m and plain")
```

```{code-cell} ipython3
import matplotlib.pyplot as plt
plt.plot([0, 1], [1, 0]);
```
"""


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    src = tmp_path_factory.mktemp("fixture") / "book"
    src.mkdir()
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "index.md").write_text(PAGE, encoding="utf-8")
    return src


def build(book, builder, *options, name=None):
    out = book.parent / "_build" / (name or builder)  # outside the sources
    subprocess.run([sys.executable, "-m", "sphinx", "-W", "-q", "-b", builder,
                    *options, str(book), str(out)], check=True)
    return out


def test_latex_gets_the_figure_as_vector_pdf_and_no_ansi_escapes(book):
    tex = (build(book, "latex") / "fixture-en.tex").read_text("utf-8")
    assert "red and plain" in tex
    assert "\x1b" not in tex
    assert "}.pdf}" in tex and "}.png}" not in tex


def test_language_picks_the_latex_document_of_its_edition(book):
    out = build(book, "latex", "-D", "language=zh_CN", name="latex-zh")
    assert (out / "fixture-zh.tex").is_file()
    assert not (out / "fixture-en.tex").exists()


def test_page_offers_the_built_pdf_instead_of_printing(book):
    (book / "fixture-en.pdf").unlink(missing_ok=True)
    html = (build(book, "html") / "index.html").read_text("utf-8")
    assert "window.print()" in html and "fixture-en.pdf" not in html

    (book / "fixture-en.pdf").write_bytes(b"%PDF-1.5\n")
    out = build(book, "html")  # the new PDF makes the page be rewritten
    html = (out / "index.html").read_text("utf-8")
    assert 'href="_downloads/fixture-en.pdf"' in html
    assert "window.print()" not in html
    assert (out / "_downloads" / "fixture-en.pdf").read_bytes() == (
        b"%PDF-1.5\n")


def test_unknown_figure_format_is_a_clear_error(book, tmp_path):
    conf = CONF.replace('["png", "pdf"]', '["png", "eps"]')
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "conf.py").write_text(conf, encoding="utf-8")
    (tmp_path / "book" / "index.md").write_text(PAGE, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", str(tmp_path / "book"),
         str(tmp_path / "_build")], capture_output=True, text=True)
    assert result.returncode != 0
    assert "quadnet_figure_formats: unknown format 'eps'" in (
        result.stdout + result.stderr)
