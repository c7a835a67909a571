"""Sphinx configuration of the quadnet book: configuration only.

One build per edition (``-t zh`` or ``-t en``; the Makefile's ``sphinx_args``);
the machinery is the local extension in ``book/_ext/quadnet_book``.
"""
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "book" / "_ext"))
from quadnet_book.editions import LANGUAGES, edition, first_words  # noqa: E402

# -- Project -----------------------------------------------------------------
edition = edition(tags)  # noqa: F821 (given by Sphinx): -t zh or -t en
project, _ = first_words(ROOT / "book" / edition / "index.md")  # its title
author = "quadnet-book contributors"  # its Chinese is in the catalog
copyright = "2026"  # the footer: "© 2026 quadnet-book contributors"
language = LANGUAGES[edition]  # every word around the text follows it

# -- General -----------------------------------------------------------------
extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",  # the API page, from quadnet's docstrings
    "sphinx.ext.napoleon",  # Google-style Args:/Returns: sections
    "sphinx.ext.doctest",  # `make doctest` runs their >>> examples
    "sphinx.ext.viewcode",  # each API entry links to its full source
    "sphinx_togglebutton",  # collapsible answers (:class: dropdown)
    "sphinx_exercise",  # exercise and gated solution directives
    "sphinx_copybutton",  # a copy button on every code cell
    "quadnet_book.kernel",  # the kernels' threads and figure formats
    "quadnet_book.cache",  # execution cache keyed on all that decides it
    "quadnet_book.editions",  # language switch, hreflang, landing page
    "quadnet_book.figures",  # SVG figures in fewer bytes (pages <= 1 MB)
    "quadnet_book.downloads",  # the download menu: zip, notebook, PDF
    "quadnet_book.literalinclude",  # :no-docstring:
    "quadnet_book.search",  # Sphinx 9.0's zh search page (sphinx#14229)
]
locale_dirs = [str(ROOT / "book" / "_locale")]  # words no catalog has
# only the edition's pages (pytest's .pytest_cache/README.md is not one)
include_patterns = ["**.md"]
exclude_patterns = ["**.ipynb_checkpoints"]

myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence"]
myst_heading_anchors = 3

# -- Execution ---------------------------------------------------------------
# quadnet_book.cache keys it on these files, Python, packages and kernels
nb_execution_mode = "cache"
quadnet_cache_inputs = ["quadnet/*.py", "requirements.txt"]
# the HTML shows SVG (myst-nb prefers it to PDF); PDF is for print
quadnet_figure_formats = ["svg", "pdf"]
# the kernels' environment: quadnet.plot's words in the edition's language
quadnet_kernel_env = {"QUADNET_LANGUAGE": edition}
nb_execution_timeout = 300  # seconds per cell; a 10000-step loop takes 2-10
nb_execution_raise_on_error = True
nb_execution_show_tb = True  # print a failing cell's traceback on the console
nb_output_stderr = "warn"  # text on stderr becomes a warning, so -W fails
nb_merge_streams = True
quadnet_zip_package = "quadnet"  # the take-home zip carries it

# -- HTML --------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = "quadnet"  # a tab: "<page> — quadnet", not the title twice
# MathJax 3 from the site (offline); sphinx-mathjax-offline's files only
_MATHJAX = Path(importlib.util.find_spec("sphinx-mathjax-offline").origin)
html_static_path = [str(ROOT / "_static"), str(_MATHJAX.parent / "static")]
mathjax_path = "mathjax/tex-chtml.js"
html_theme_options = {
    "show_toc_level": 2,
    "use_download_button": True,
    # the footer of `copyright`, not "By quadnet-book" and "© Copyright ..."
    "footer_content_items": ["copyright.html"],
    # the link to the twin page, before the theme's buttons
    "article_header_end": ["lang-switch.html", "article-header-buttons.html"],
}
# else pydata-sphinx-theme logs "Got invalid theme mode" for a new reader
html_context = {"default_mode": "auto"}
html_css_files = ["quadnet.css"]
# no general index and module index: one chapter does not need them, and
# Sphinx writes them on every build, even a no-op (0.6 s of 3 s)
html_use_index = False
html_domain_indices = False
html_favicon = str(ROOT / "_static" / "favicon.svg")  # the plots' 4 colours
# jieba segments Chinese, with the glossary's terms as its user dictionary
html_search_language = edition  # (quadnet_book.search)
# a copy button on code cells and included source, not on their outputs
copybutton_selector = "div:not(.output) > div.highlight pre"

# -- LaTeX: the printed edition (`make pdf`) --------------------------------
# xelatex: Unicode and OpenType fonts (Sphinx's default for zh_CN only)
latex_engine = "xelatex"
latex_use_xindy = False  # xindy has no Chinese; the book has no index anyway
# (start page, .tex, title, author, class, toctree_only). "howto": numbered
# sections, no fresh right-hand pages; glossary and API stay on the site
latex_documents = [("training", f"quadnet-{edition}.tex", project, author,
                    "howto", False)]
latex_domain_indices = False  # no "Python Module Index" page in print
# fonts (FreeSerif, Noto CJK) and babel's Chinese words
latex_additional_files = ["book/_latex/quadnet.sty"]
latex_elements = {
    "papersize": "a4paper",
    "fontpkg": r"\usepackage{quadnet}",
    "printindex": "",  # an index would list only the API's names
}

# -- API reference and doctests ----------------------------------------------
autodoc_member_order = "bysource"  # the order the chapter meets them in
autodoc_default_options = {"members": True}
# not torch's Module.forward docstring, whose :class:`Module` would not resolve
autodoc_inherit_docstrings = False
napoleon_numpy_docstring = False  # Google style only
# Sphinx's doctest builder runs a docstring without its module's globals:
# give every example quadnet and torch, and plots no display (Agg)
doctest_global_setup = """
import matplotlib
matplotlib.use("Agg")
import torch
from quadnet import *
"""
