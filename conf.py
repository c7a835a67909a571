"""Sphinx configuration of the quadnet book.

Built with ``sphinx-build -c . book _build/html``: this file lives at the top
of the repository, the book's sources in ``book/``.
"""
import ast
import hashlib
import importlib.util
import os
import shutil
import textwrap
from pathlib import Path

import docutils.nodes
import sphinx.directives.code
import sphinx.util.logging
from docutils.parsers.rst import directives

ROOT = Path(__file__).resolve().parent
QUADNET_SOURCES = sorted((ROOT / "quadnet").glob("*.py"))

# One torch thread per notebook kernel: with two kernels on two cores, torch's
# default thread pool oversubscribes the machine and a 3 s loop takes 40 s+.
# Kernels inherit this process's environment, so set it before they start.
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

# -- Project -----------------------------------------------------------------
project = "用 PyTorch 训练神经网络 / Training neural networks with PyTorch"
author = "quadnet-book"
copyright = "2026, quadnet-book"

# -- General -----------------------------------------------------------------
extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",  # the API page, from quadnet's docstrings
    "sphinx.ext.napoleon",  # Google-style Args:/Returns: sections
    "sphinx.ext.doctest",  # `make doctest` runs their >>> examples
    "sphinx_togglebutton",  # collapsible dropdowns (:class: dropdown)
    "sphinx_exercise",  # numbered exercises, gated collapsible solutions
]
root_doc = "index"
language = "en"
exclude_patterns = ["**.ipynb_checkpoints", "**/README.md"]
nitpicky = True
suppress_warnings = []

myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence"]
myst_heading_anchors = 3

# -- Execution ---------------------------------------------------------------
def _quadnet_digest():
    """Hash of quadnet's source: the cache key jupyter-cache does not have."""
    digest = hashlib.sha256()
    for path in QUADNET_SOURCES:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


# jupyter-cache keys only on a notebook's code cells and kernelspec. The cache
# lives in <builddir>/.jupyter_cache/<hash of quadnet's source>, so an edit to
# quadnet re-executes every chapter (see _use_quadnet_keyed_cache and
# note_quadnet_dependency below).
nb_execution_mode = "cache"
nb_execution_timeout = 300  # per cell; a 10000-step loop takes 2-6 s here
nb_execution_raise_on_error = True
nb_execution_show_tb = True  # print a failing cell's traceback on the console
nb_output_stderr = "warn"  # text on stderr becomes a warning, so -W fails
nb_merge_streams = True

# -- HTML --------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = "用 PyTorch 训练神经网络 · Training neural networks with PyTorch"
# MathJax 3 is served from the site itself, so the book reads offline. The
# sphinx-mathjax-offline package bundles it; its own Sphinx extension is not
# marked safe for parallel reading, so only its files are used.
_MATHJAX = importlib.util.find_spec("sphinx-mathjax-offline")
html_static_path = ["_static",
                    str(Path(_MATHJAX.origin).parent / "static")]
mathjax_path = "mathjax/tex-chtml.js"
html_theme_options = {
    "show_toc_level": 2,
    "use_download_button": True,
}
# the theme's colour mode for a first visit; without it pydata-sphinx-theme
# logs "Got invalid theme mode" on the console of every new reader
html_context = {"default_mode": "auto"}

# One search index for both editions: jieba segments Chinese, English words
# are still stemmed. An empty dict path skips reloading jieba's 5 MB default
# dictionary as a user dictionary on every build (same index, 1.7 s faster).
html_search_language = "zh"
html_search_options = {"dict": ""}
html_css_files = ["quadnet.css"]
html_favicon = "_static/favicon.svg"  # four quadrants, in the plots' colours

# The two editions live in book/zh and book/en; a page's counterpart has the
# same name in the other folder.
EDITIONS = {
    "zh": {"lang": "zh-CN", "switch": "阅读本章中文版"},
    "en": {"lang": "en", "switch": "Read this chapter in English"},
}


def _use_quadnet_keyed_cache(app):
    """Point myst-nb at the cache of this quadnet source, and create it.

    Runs after myst-nb has read its configuration. The cache folder is set on
    myst-nb's runtime config, not on ``app.config``: a config value that
    changed between builds would make Sphinx re-read every page.
    The database is created here, in the main process, before the parallel
    readers would race to create its tables.
    """
    from jupyter_cache import get_cache

    root = Path(app.outdir).parent / ".jupyter_cache"
    path = root / _quadnet_digest()
    if root.is_dir():  # drop the caches of earlier quadnet versions
        for old in root.iterdir():
            if old.is_dir() and old != path:
                shutil.rmtree(old)
    get_cache(path).db  # noqa: B018 (creates the tables)
    app.env.mystnb_config = app.env.mystnb_config.copy(
        execution_cache_path=str(path))
    sphinx.util.logging.getLogger(__name__).info(
        f"quadnet-keyed jupyter-cache: {path}")


def note_quadnet_dependency(app, docname, source):
    """Make Sphinx re-read a notebook page when quadnet's source changes."""
    if "code-cell" in source[0]:
        for path in QUADNET_SOURCES:
            app.env.note_dependency(str(path))


class LiteralInclude(sphinx.directives.code.LiteralInclude):
    """``literalinclude`` with ``:no-docstring:`` and ``:no-checks:`` flags.

    The book shows quadnet's real source. The docstrings (with their
    doctests) belong to the API reference, not to the chapter's text, and
    so do the argument checks (``check_...(...)`` statements), which only
    turn bad input into a clear error; the chapter says so once.
    """

    option_spec = {**sphinx.directives.code.LiteralInclude.option_spec,
                   "no-docstring": directives.flag,
                   "no-checks": directives.flag}

    def run(self):
        nodes = super().run()
        for option, strip in (("no-docstring", _strip_docstrings),
                              ("no-checks", _strip_checks)):
            if option not in self.options:
                continue
            for node in nodes:
                for block in node.findall(docutils.nodes.literal_block):
                    text = strip(block.astext())
                    block.rawsource = text
                    block.children = [docutils.nodes.Text(text)]
        return nodes


def _drop_lines(code, spans):
    """Return ``code`` without the 1-based line ``spans`` (first, last)."""
    drop = {i for first, last in spans for i in range(first - 1, last)}
    return "\n".join(line for i, line in enumerate(code.splitlines())
                     if i not in drop)


def _strip_docstrings(code):
    """Remove the docstrings of every class and function in ``code``."""
    spans = []
    for node in ast.walk(ast.parse(textwrap.dedent(code))):
        body = getattr(node, "body", None)
        if (isinstance(node, (ast.ClassDef, ast.FunctionDef))
                and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)):
            spans.append((body[0].lineno, body[0].end_lineno))
    return _drop_lines(code, spans)


def _strip_checks(code):
    """Remove every statement that only calls a ``check_...`` function."""
    spans = [(node.lineno, node.end_lineno)
             for node in ast.walk(ast.parse(textwrap.dedent(code)))
             if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
             and isinstance(node.value.func, ast.Name)
             and node.value.func.id.lstrip("_").startswith("check")]
    return _drop_lines(code, spans)


def _counterpart(app, docname):
    """Return ``(edition, other_edition, other_docname)`` or ``None``."""
    edition, _, rest = docname.partition("/")
    if edition not in EDITIONS or not rest:
        return None
    other = next(e for e in EDITIONS if e != edition)
    other_doc = f"{other}/{rest}"
    if other_doc not in app.env.all_docs:
        return None
    return edition, other, other_doc


def add_language_switch(app, pagename, templatename, context, doctree):
    """Give each edition's page its own ``lang`` and a link to its twin.

    Sphinx's global ``language`` would make every page say ``lang="en"``.
    The link goes right below the page title.
    """
    edition = pagename.partition("/")[0]
    if edition in EDITIONS:
        context["language"] = EDITIONS[edition]["lang"]
    pair = _counterpart(app, pagename)
    if pair is None or "body" not in context:
        return
    _, other, other_doc = pair
    href = app.builder.get_relative_uri(pagename, other_doc)
    lang = EDITIONS[other]["lang"]
    link = (f'<p class="lang-switch"><a href="{href}" hreflang="{lang}" '
            f'lang="{lang}">{EDITIONS[other]["switch"]}</a></p>')
    context["body"] = context["body"].replace("</h1>", "</h1>" + link, 1)
    context["metatags"] = context.get("metatags", "") + (
        f'\n<link rel="alternate" hreflang="{lang}" href="{href}" />')


def add_notebook_download(app, pagename, templatename, context, doctree):
    """Offer the executed notebook, with its outputs, as a download.

    myst-nb 1.x writes each executed notebook to ``jupyter_execute/`` but
    no longer tells the theme, and a notebook taken from the cache is written
    there without outputs. Merge the outputs back from the cache, put the
    notebook next to the page's source in ``_sources/`` and hand it to the
    theme's download button (``ipynb_source``).
    """
    import nbformat
    from jupyter_cache import get_cache

    executed = Path(app.outdir).parent / "jupyter_execute" / (
        pagename + ".ipynb")
    if not executed.is_file():
        return
    nb = nbformat.read(executed, as_version=4)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    if code and not any(cell.get("outputs") for cell in code):
        cache = get_cache(app.env.mystnb_config.execution_cache_path)
        _, nb = cache.merge_match_into_notebook(nb)
    target = Path(app.outdir) / "_sources" / (pagename + ".ipynb")
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, target)
    context["ipynb_source"] = pagename + ".ipynb"


def _fix_zh_search_stemmer():
    """Work around sphinx-doc/sphinx#14229 (fixed by PR #14416 in 9.1).

    Sphinx 9.0 ends the zh ``language_data.js`` with ``window.Stemmer =
    ChineseStemmer;``, a class that does not exist (zh uses the English
    stemmer), and the search page dies. Point it at ``EnglishStemmer``; on a
    Sphinx that writes the right name, the patch finds nothing to replace.
    """
    from sphinx.search import IndexBuilder

    original = IndexBuilder.get_js_stemmer_code

    def get_js_stemmer_code(self):
        code = original(self)
        broken = "window.Stemmer = ChineseStemmer;"
        if broken in code and "ChineseStemmer =" not in code.replace(
                broken, ""):
            code = code.replace(broken, "window.Stemmer = EnglishStemmer;")
        return code

    IndexBuilder.get_js_stemmer_code = get_js_stemmer_code


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


def setup(app):
    _fix_zh_search_stemmer()
    app.connect("html-page-context", add_language_switch)
    # before the theme's header buttons (priority 501) read ipynb_source
    app.connect("html-page-context", add_notebook_download, priority=400)
    app.add_directive("literalinclude", LiteralInclude, override=True)
    app.connect("builder-inited", _use_quadnet_keyed_cache, priority=600)
    app.connect("source-read", note_quadnet_dependency)
