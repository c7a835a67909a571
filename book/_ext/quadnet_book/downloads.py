"""What a chapter page offers in the theme's download menu.

A chapter (a page with code cells) offers, first, the zip of take-home
notebooks that ``quadnet_book.notebooks`` writes, and the reader notebook as
the theme's ``.ipynb`` download. The notebook that myst-nb executes is the
MyST source (labels, ``{glue:text}`` roles, ``literalinclude`` fences, an
import of myst_nb), which serves no reader, so it is no longer offered.
"""
import posixpath

from .notebooks import TEXT, edition, is_cell, names


def is_chapter(doctree):
    return doctree is not None and any(True for _ in doctree.findall(is_cell))


def set_ipynb_source(app, pagename, templatename, context, doctree):
    """The theme's .ipynb button offers the reader notebook.

    Runs before sphinx-book-theme builds its header buttons (priority 501).
    """
    if is_chapter(doctree):
        context["ipynb_source"] = f"{pagename}.ipynb"


def offer_zip(app, pagename, templatename, context, doctree):
    """Put the zip first in the theme's download menu.

    Runs after sphinx-book-theme built its header buttons (priority 501).
    """
    if not is_chapter(doctree):
        return
    menu = next((button for button in context.get("header_buttons", [])
                 if button.get("label") == "download-buttons"), None)
    if menu is None:
        return
    menu["buttons"].insert(0, {
        "type": "link",
        "url": context["pathto"](posixpath.join(
            posixpath.dirname(pagename), names(app, pagename)["zip"]), 1),
        "text": ".zip",
        "tooltip": TEXT[edition(app)]["zip_tooltip"],
        "icon": "fas fa-file-zipper",
        "label": "download-zip-button",
    })


def setup(app):
    app.setup_extension("quadnet_book.notebooks")
    app.connect("html-page-context", set_ipynb_source, priority=400)
    app.connect("html-page-context", offer_zip, priority=502)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
