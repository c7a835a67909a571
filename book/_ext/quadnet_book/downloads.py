"""The executed notebook, with its outputs, as a download of its page.

myst-nb 1.x writes each executed notebook to its output folder but no longer
tells the theme (``ipynb_source``), and a notebook taken from the cache is
written there without outputs. This module merges the outputs back from the
cache, puts the notebook next to the page's source in ``_sources/`` and hands
it to sphinx-book-theme's download button.
"""
from pathlib import Path

# the figures' copies that the kernels draw for the printed edition only
# (quadnet_figure_formats): a reader's notebook shows the SVG, and the PDF
# copies would only make the download heavier
PRINT_ONLY = ("application/pdf",)


def without_print_only(nb):
    """``nb`` with the outputs' print-only copies removed."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            for mime in PRINT_ONLY:
                output.get("data", {}).pop(mime, None)
    return nb


def add_notebook_download(app, pagename, templatename, context, doctree):
    import nbformat
    from jupyter_cache import get_cache

    config = app.env.mystnb_config
    executed = Path(config.output_folder) / (pagename + ".ipynb")
    if not executed.is_file():
        return
    nb = nbformat.read(executed, as_version=4)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    if code and not any(cell.get("outputs") for cell in code):
        _, nb = get_cache(config.execution_cache_path
                          ).merge_match_into_notebook(nb)
    target = Path(app.outdir) / "_sources" / (pagename + ".ipynb")
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(without_print_only(nb), target)
    context["ipynb_source"] = pagename + ".ipynb"


def setup(app):
    app.setup_extension("quadnet_book.cache")
    # before the theme's header buttons (priority 501) read ipynb_source
    app.connect("html-page-context", add_notebook_download, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
