"""Sphinx configuration of the quadnet book: configuration only.

One build per edition, each with its own language (the Makefile runs both
side by side)::

    sphinx-build -c . -t zh -d _build/doctrees/zh book/zh _build/html/zh
    sphinx-build -c . -t en -d _build/doctrees/en book/en _build/html/en

The machinery (keyed execution cache, editions and their switch, notebook
downloads, ``literalinclude :no-docstring:``, the zh search fix) is the local
extension in ``book/_ext/quadnet_book``, one module a job.
"""
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "book" / "_ext"))

# -- Editions ----------------------------------------------------------------
# `-t zh` or `-t en` picks the edition; its sources are book/<edition>.
edition = "zh" if tags.has("zh") else "en"  # noqa: F821 (given by Sphinx)
# A page and its twin have the same name in book/zh and book/en. Each
# edition's words for the switch to it and for the landing page.
quadnet_editions = {
    "zh": {"hreflang": "zh-CN", "label": "中文",
           "title": "阅读本页的中文版", "read": "开始阅读"},
    "en": {"hreflang": "en", "label": "English",
           "title": "Read this page in English", "read": "Start reading"},
}

# -- Project -----------------------------------------------------------------
project = {"zh": "用 PyTorch 训练神经网络",
           "en": "Training neural networks with PyTorch"}[edition]
author = "quadnet-book"
copyright = "2026, quadnet-book"
# every word around the text (Sphinx, theme, myst-nb, sphinx-exercise)
language = {"zh": "zh_CN", "en": "en"}[edition]

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
    "quadnet_book.downloads",  # the page's download menu: notebooks' zip first
    "quadnet_book.notebooks",  # reader and student notebooks, zipped
    "quadnet_book.literalinclude",  # :no-docstring: and :no-checks:
    "quadnet_book.search",  # Sphinx 9.0's zh search page (sphinx#14229)
    "quadnet_book.pdf",  # the printed edition: no ANSI codes, its download
]
root_doc = "index"
# Chinese for the theme's words that its own catalogs leave in English
locale_dirs = [str(ROOT / "book" / "_locale")]
# only the edition's pages (pytest's .pytest_cache/README.md is not one)
include_patterns = ["**.md"]
exclude_patterns = ["**.ipynb_checkpoints"]
nitpicky = True

myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence"]
myst_heading_anchors = 3

# -- Execution ---------------------------------------------------------------
# quadnet_book.cache keys the whole jupyter-cache on these files, the Python
# version, the installed packages and the kernel settings below.
nb_execution_mode = "cache"
quadnet_cache_inputs = ["quadnet/*.py", "requirements.txt"]
# One torch thread per kernel: two kernels on two cores with torch's default
# thread pool turn a 3 s training loop into 40 s and more.
quadnet_kernel_env = {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
# SVG is sharp at any pixel density and is what the HTML shows (myst-nb
# prefers image/svg+xml to application/pdf); PDF is for a printed edition.
quadnet_figure_formats = ["svg", "pdf"]
nb_execution_timeout = 300  # seconds per cell; a 10000-step loop takes 2-10
nb_execution_raise_on_error = True
nb_execution_show_tb = True  # print a failing cell's traceback on the console
nb_output_stderr = "warn"  # text on stderr becomes a warning, so -W fails
nb_merge_streams = True
# the package that the take-home zip carries next to the notebooks
notebooks_package = str(ROOT / "quadnet")
# myst-nb's "Show code cell source"; its {type} would be an English word
nb_code_prompt_show = {"zh": "显示代码", "en": "Show code cell {type}"}[edition]
nb_code_prompt_hide = {"zh": "隐藏代码", "en": "Hide code cell {type}"}[edition]

# -- HTML --------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = project
# MathJax 3 is served from the site itself, so the book reads offline. The
# sphinx-mathjax-offline package bundles it; its own Sphinx extension is not
# marked safe for parallel reading, so only its files are used.
_MATHJAX = Path(importlib.util.find_spec("sphinx-mathjax-offline").origin)
html_static_path = [str(ROOT / "_static"), str(_MATHJAX.parent / "static")]
mathjax_path = "mathjax/tex-chtml.js"
html_theme_options = {
    "show_toc_level": 2,
    "use_download_button": True,
    # the link to the twin page, before the theme's buttons
    "article_header_end": ["lang-switch.html", "article-header-buttons.html"],
    # a theme option, so not in any catalog
    "search_bar_text": {"zh": "搜索…", "en": "Search…"}[edition],
}
# the theme's colour mode for a first visit; without it pydata-sphinx-theme
# logs "Got invalid theme mode" on the console of every new reader
html_context = {"default_mode": "auto"}
html_css_files = ["quadnet.css"]
# no general index and module index: one chapter does not need them, and
# Sphinx writes them again on every build, even one that changed nothing
# (0.6 s of a 3 s no-op rebuild)
html_use_index = False
html_domain_indices = False
html_favicon = str(ROOT / "_static" / "favicon.svg")  # the plots' 4 colours

# Each edition has its own search index. jieba segments Chinese; an empty
# dictionary path skips reloading its 5 MB default dictionary as a user
# dictionary on every build (same index, 1.7 s faster). English ignores it.
html_search_language = {"zh": "zh", "en": "en"}[edition]
html_search_options = {"dict": ""}

# a copy button on code cells and included source, not on their outputs
copybutton_selector = "div:not(.output) > div.highlight pre"

# -- LaTeX: the printed edition (`make pdf`) --------------------------------
# xelatex: Unicode and OpenType fonts (Sphinx's default for zh_CN only)
latex_engine = "xelatex"
latex_use_xindy = False  # xindy has no Chinese; the book has no index anyway
# (start page, .tex, title, author, class, toctree_only). "howto": the
# chapter's sections are numbered sections and nothing starts on a fresh
# right-hand page; the glossary and the API stay on the site.
latex_documents = [("training", f"quadnet-{edition}.tex", project, author,
                    "howto", False)]
latex_domain_indices = False  # no "Python Module Index" page in print
# FreeSerif and FreeSans (Debian's fonts-freefont-otf) for Latin text. Code
# in Noto Sans Mono CJK (fonts-noto-cjk): its Latin letters are darker than
# FreeMono, and a Chinese comment keeps the columns. Code is upright:
# Pygments' italic comments would have no font.
_LATIN_FONTS = r"""
\setmainfont{FreeSerif}[Extension=.otf, UprightFont=*, ItalicFont=*Italic,
  BoldFont=*Bold, BoldItalicFont=*BoldItalic]
\setsansfont{FreeSans}[Extension=.otf, UprightFont=*, ItalicFont=*Oblique,
  BoldFont=*Bold, BoldItalicFont=*BoldOblique]
\setmonofont{Noto Sans Mono CJK SC}[Scale=0.85, ItalicFont=*]
"""
# Chinese through xeCJK (Sphinx loads it for zh_CN only) in Noto CJK. Chinese
# has no italic: emphasis and bold in the sans (hei) face, as ctex does.
_CJK_FONTS = r"""
\setCJKmainfont{Noto Serif CJK SC}[BoldFont=Noto Sans CJK SC Bold,
  ItalicFont=Noto Sans CJK SC, BoldItalicFont=Noto Sans CJK SC Bold]
\setCJKsansfont{Noto Sans CJK SC}[ItalicFont=*, BoldItalicFont=* Bold]
\setCJKmonofont{Noto Sans Mono CJK SC}[Scale=0.85, ItalicFont=*]
"""
latex_elements = {
    "papersize": "a4paper",
    "fontpkg": _LATIN_FONTS + (_CJK_FONTS if edition == "zh" else ""),
    "printindex": "",  # an index would list only the API's names
    # a glyph missing from every font is an error, not a blank in the PDF
    "preamble": r"\tracinglostchars=3",
}
if edition == "zh":
    # babel's Chinese words (目录, 图) on top of Sphinx's zh set-up, which
    # loads xeCJK but leaves babel in English
    latex_elements["babel"] = (r"\usepackage{babel}"
                               r"\babelprovide[import,main]{chinese}")
# the PDF that `make pdf` leaves; the chapter page offers it when present
quadnet_pdf_file = f"_build/latex/{edition}/quadnet-{edition}.pdf"

# -- API reference and doctests ----------------------------------------------
autodoc_member_order = "bysource"  # the order the chapter meets them in
autodoc_default_options = {"members": True}
# not torch's Module.forward docstring, whose :class:`Module` would not resolve
autodoc_inherit_docstrings = False
napoleon_google_docstring = True
napoleon_numpy_docstring = False
# Sphinx's doctest builder runs each docstring without its module's globals
# (pytest --doctest-modules has them): give every example quadnet and torch.
# Agg: the plot examples must not need a display.
doctest_global_setup = """
import matplotlib
matplotlib.use("Agg")
import torch
from quadnet import *
"""
